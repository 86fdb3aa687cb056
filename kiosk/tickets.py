"""Tickets as data: what a printed ticket says, in the parent's language and in French.

A :class:`Ticket` is plain data (no printer, no Textual): a title, lines with emphasis and
size hints, an optional French recap (when the parent's language is not French, so that the
teacher or the secretary can read the ticket the parent brings), an optional QR payload and a
footer (school name, printed-at time in the school's time zone, terminal name).

One builder per kind. Builders take plain values, never another feature's classes, so every
flow (questionnaire, bookings, workshops, announcements, staff lists) calls them the same way.
Rendering (layout for 58/80 mm paper, ESC/POS, PNG preview) belongs to
:mod:`kiosk.printing.service`.

Parent-facing strings are French msgids translated with the parent's translator; the French
recap uses the French translator (the identity), so it always reads the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kiosk.core.i18n import N_, Translator, strip_controls
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.text import single_line

if TYPE_CHECKING:
    from kiosk.services import Services

#: Emphasis / size hints a renderer understands.
STYLES = ("normal", "bold", "big", "small")
#: Horizontal placement: "start" follows the line's direction (right for right-to-left).
ALIGNS = ("start", "center", "end")

#: Ticket kinds.
KINDS = (
    "appointment",
    "workshop",
    "questionnaire",
    "announcement",
    "appointments_list",
    "attendance",
    "printer_test",
)


@dataclass(frozen=True)
class TicketLine:
    """One paragraph of a ticket (logical order; the renderer wraps and reorders it).

    `rtl`: the paragraph's direction; None means the ticket's language direction for the
    parent's part and left-to-right for the French recap. `rule` draws a separator line.
    """

    text: str
    style: str = "normal"
    align: str = "start"
    rtl: bool | None = None
    rule: bool = False

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown ticket line style {self.style!r}")
        if self.align not in ALIGNS:
            raise ValueError(f"unknown ticket line alignment {self.align!r}")
        # Nothing typed by anyone may reach a printer as a control code.
        object.__setattr__(self, "text", strip_controls(self.text))


@dataclass(frozen=True)
class Ticket:
    """A ticket ready to be printed or previewed."""

    kind: str
    language: str
    title: str
    lines: tuple[TicketLine, ...]
    french: tuple[TicketLine, ...]
    qr: str | None
    qr_caption: str
    footer: tuple[str, ...]
    #: Whether the parent's language is written right to left.
    rtl: bool = False
    #: Caption of the French recap (empty when there is none).
    french_heading: str = ""
    #: When the ticket was composed (school time zone).
    created: dt.datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", single_line(self.title))
        object.__setattr__(self, "qr_caption", strip_controls(self.qr_caption))
        object.__setattr__(self, "footer", tuple(strip_controls(f) for f in self.footer))
        if self.qr is not None:
            qr = strip_controls(self.qr).strip()
            object.__setattr__(self, "qr", qr or None)

    @property
    def bilingual(self) -> bool:
        return bool(self.french)

    def texts(self) -> list[str]:
        """Every text of the ticket, in reading order (for searching and tests)."""
        out = [self.title]
        out += [line.text for line in self.lines]
        if self.french_heading:
            out.append(self.french_heading)
        out += [line.text for line in self.french]
        if self.qr_caption:
            out.append(self.qr_caption)
        out += list(self.footer)
        return out

    def marked_duplicate(self, job: int) -> Ticket:
        """This ticket with a DUPLICATE banner naming the original job number."""
        banner = TicketLine(f"DUPLICATA — ticket n° {job}", style="bold", align="center",
                            rtl=False)
        return replace(self, lines=(banner, *self.lines))


# --- helpers ----------------------------------------------------------------------------------


def _in_school_tz(services: Services, value: dt.datetime) -> dt.datetime:
    tz = services.config.tz
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def _footer(services: Services) -> tuple[str, ...]:
    """School name, printed-at time (school time zone, French numeric form), terminal name."""
    now = services.now()
    school = services.config.school
    printed = f"Imprimé le {now:%d/%m/%Y} à {now:%H:%M}"
    lines = [school.name]
    if school.phone:
        lines.append(f"Tél. {school.phone}")
    lines.append(f"{printed} — {services.config.kiosk.terminal_name}")
    return tuple(lines)


def _when(tr: Translator, start: dt.datetime, minutes: int) -> tuple[str, str]:
    """("Monday 30 November 2026", "10:00 – 10:20") in the translator's locale."""
    end = start + dt.timedelta(minutes=max(0, minutes))
    day = tr.date(start.date(), "full")
    hours = tr.time(start) if minutes <= 0 else f"{tr.time(start)} – {tr.time(end)}"
    return day, hours


def _fr(services: Services) -> Translator:
    return services.i18n.translator(SOURCE_LANGUAGE)


def _finish(
    services: Services,
    kind: str,
    lang: str,
    title: str,
    lines: Iterable[TicketLine],
    french: Iterable[TicketLine],
    qr: str | None,
    qr_caption: str,
) -> Ticket:
    tr = services.i18n.translator(lang)
    bilingual = lang != SOURCE_LANGUAGE
    return Ticket(
        kind=kind,
        language=lang,
        title=title,
        lines=tuple(lines),
        french=tuple(french) if bilingual else (),
        qr=qr,
        qr_caption=qr_caption,
        footer=_footer(services),
        rtl=tr.rtl,
        french_heading="En français :" if bilingual else "",
        created=services.now(),
    )


def _fr_line(text: str, style: str = "normal") -> TicketLine:
    return TicketLine(text, style=style, rtl=False)


# --- parent tickets ---------------------------------------------------------------------------

MODES = ("school", "phone", "video")


def appointment_ticket(
    services: Services,
    lang: str,
    *,
    person: str,
    role: str,
    start: dt.datetime,
    minutes: int,
    place: str,
    mode: str,
    link: str,
    child: str,
    code: str,
    qr: str,
) -> Ticket:
    """The ticket of a meeting booked with a teacher or another member of staff."""
    if mode not in MODES:
        raise ValueError(f"unknown meeting mode {mode!r}")
    tr = services.i18n.translator(lang)
    start = _in_school_tz(services, start)
    who = f"{person} ({role})" if role else person

    def body(t: Translator) -> list[TicketLine]:
        day, hours = _when(t, start, minutes)
        rows = [
            TicketLine(t(N_("Avec : {person}")).format(person=who), style="bold"),
            TicketLine(day, style="bold"),
            TicketLine(hours, style="big"),
        ]
        if mode == "school":
            rows.append(TicketLine(t(N_("À l'école : {place}")).format(place=place)))
        elif mode == "phone":
            rows.append(TicketLine(t(N_("Par téléphone : l'école vous appelle."))))
        else:
            rows.append(TicketLine(t(N_("En vidéo : ouvrez ce lien à l'heure du rendez-vous."))))
            if link:
                rows.append(TicketLine(link, rtl=False))
        if child:
            rows.append(TicketLine(t(N_("Pour l'enfant : {child}")).format(child=child)))
        rows.append(TicketLine(t(N_("Votre code : {code}")).format(code=code), style="big"))
        return rows

    lines = body(tr)
    lines.append(TicketLine(tr(
        "Gardez ce ticket. Pour changer ou annuler, venez à l'accueil avec ce code."
    ), style="small"))
    french = [
        _fr_line("Rendez-vous", "bold"),
        *[replace(line, rtl=False) for line in body(_fr(services))],
    ]
    return _finish(
        services, "appointment", lang, tr("Votre rendez-vous"), lines, french, qr,
        tr("Scannez ce code avec votre téléphone pour retrouver votre rendez-vous."),
    )


def workshop_ticket(
    services: Services,
    lang: str,
    *,
    title: str,
    start: dt.datetime,
    minutes: int,
    place: str,
    name: str,
    code: str,
    waitlist_position: int | None,
    qr: str,
) -> Ticket:
    """The ticket of a registration to a workshop (or a place on its waiting list)."""
    tr = services.i18n.translator(lang)
    fr = _fr(services)
    start = _in_school_tz(services, start)

    def body(t: Translator) -> list[TicketLine]:
        day, hours = _when(t, start, minutes)
        rows = [
            TicketLine(title, style="big"),
            TicketLine(day, style="bold"),
            TicketLine(hours, style="bold"),
            TicketLine(t(N_("Lieu : {place}")).format(place=place)),
            TicketLine(t(N_("Nom : {name}")).format(name=name)),
        ]
        if waitlist_position is None:
            rows.append(TicketLine(t(N_("Votre place est réservée.")), style="bold"))
        else:
            rows.append(TicketLine(
                t(N_("Vous êtes sur la liste d'attente, en position {position}.")).format(
                    position=t.number(waitlist_position)
                ),
                style="bold",
            ))
            rows.append(TicketLine(t(N_("L'école vous préviendra si une place se libère."))))
        rows.append(TicketLine(t(N_("Votre code : {code}")).format(code=code), style="big"))
        return rows

    lines = body(tr)
    french = [_fr_line("Atelier", "bold"), *[replace(x, rtl=False) for x in body(fr)]]
    heading = (
        tr("Inscription à l'atelier") if waitlist_position is None else tr("Liste d'attente")
    )
    return _finish(
        services, "workshop", lang, heading, lines, french, qr,
        tr("Scannez ce code avec votre téléphone pour retrouver votre inscription."),
    )


def questionnaire_ticket(
    services: Services,
    lang: str,
    *,
    needs_help: bool,
    workshops: Sequence[tuple[str, dt.datetime, str]],
    partners: Sequence[tuple[str, str, str]],
    loan_info: str,
    qr: str,
) -> Ticket:
    """The orientation ticket given after the questionnaire: workshops, help nearby, loans."""
    tr = services.i18n.translator(lang)
    fr = _fr(services)
    lines: list[TicketLine] = [TicketLine(tr("Merci d'avoir répondu au questionnaire."))]
    french: list[TicketLine] = [_fr_line("Questionnaire rempli", "bold")]
    if needs_help:
        lines.append(TicketLine(tr("Vous pouvez être aidé pour le numérique :"), style="bold"))
        french.append(_fr_line("Orientation proposée (aide au numérique) :"))
    if workshops:
        lines.append(TicketLine(tr("Ateliers à l'école :"), style="bold", rule=True))
        french.append(_fr_line("Ateliers :", "bold"))
        for title, start, place in workshops:
            start = _in_school_tz(services, start)
            for t, target, rtl in ((tr, lines, None), (fr, french, False)):
                target.append(TicketLine("• " + title, style="bold", rtl=rtl))
                target.append(TicketLine(
                    f"{t.date(start.date(), 'full')}, {t.time(start)}", rtl=rtl
                ))
                if place:
                    target.append(TicketLine(
                        t(N_("Lieu : {place}")).format(place=place), rtl=rtl
                    ))
    if partners:
        lines.append(TicketLine(tr("Lieux d'aide près de chez vous :"), style="bold", rule=True))
        french.append(_fr_line("Lieux d'aide :", "bold"))
        for name, address, hours in partners:
            lines.append(TicketLine("• " + name, style="bold"))
            french.append(_fr_line("• " + name))
            if address:
                lines.append(TicketLine(address, rtl=False))
            if hours:
                lines.append(TicketLine(hours))
    if loan_info:
        lines.append(TicketLine(loan_info, rule=True))
        french.append(_fr_line("Information sur le prêt de matériel donnée."))
    return _finish(
        services, "questionnaire", lang, tr("Votre questionnaire"), lines, french, qr,
        tr("Scannez ce code pour retrouver ces informations sur votre téléphone."),
    )


def announcement_ticket(
    services: Services,
    lang: str,
    *,
    title: str,
    text: str,
    french_title: str,
    published: dt.date,
    qr: str,
) -> Ticket:
    """An announcement of the school, in the parent's language (title recalled in French)."""
    tr = services.i18n.translator(lang)
    fr = _fr(services)
    lines = [
        TicketLine(title, style="big"),
        TicketLine(tr("Publiée le {date}").format(date=tr.date(published, "long")),
                   style="small"),
        TicketLine(text),
    ]
    french = [
        _fr_line(french_title, "bold"),
        _fr_line(fr("Publiée le {date}").format(date=fr.date(published, "long"))),
    ]
    return _finish(
        services, "announcement", lang, tr("Information de l'école"), lines, french, qr,
        tr("Scannez ce code pour lire cette information sur votre téléphone."),
    )


# --- staff tickets (French) -------------------------------------------------------------------


def appointments_list_ticket(
    services: Services,
    *,
    person: str,
    day: dt.date,
    rows: Sequence[tuple[dt.time, str, str]],
) -> Ticket:
    """A member of staff's appointments of one day: (time, child and class, mode or place)."""
    fr = _fr(services)
    lines = [
        TicketLine(person, style="big", rtl=False),
        TicketLine(fr.date(day, "full"), style="bold", rtl=False),
    ]
    if not rows:
        lines.append(TicketLine("Aucun rendez-vous ce jour-là.", rtl=False))
    for when, who, where in sorted(rows, key=lambda r: r[0]):
        lines.append(TicketLine(f"{when:%H:%M}  {who}", style="bold", rtl=False, rule=True))
        if where:
            lines.append(TicketLine(f"       {where}", rtl=False))
    lines.append(TicketLine(f"{len(rows)} rendez-vous", style="small", rtl=False, rule=True))
    return _finish(services, "appointments_list", SOURCE_LANGUAGE, "Rendez-vous du jour",
                   lines, (), None, "")


def attendance_ticket(
    services: Services,
    *,
    title: str,
    start: dt.datetime,
    rows: Sequence[tuple[str, str]],
) -> Ticket:
    """The attendance sheet of a workshop: (name, status)."""
    fr = _fr(services)
    start = _in_school_tz(services, start)
    lines = [
        TicketLine(title, style="big", rtl=False),
        TicketLine(f"{fr.date(start.date(), 'full')}, {fr.time(start)}", style="bold",
                   rtl=False),
    ]
    if not rows:
        lines.append(TicketLine("Aucun inscrit.", rtl=False))
    for name, status in rows:
        lines.append(TicketLine(f"☐ {name} — {status}", rtl=False, rule=False))
    lines.append(TicketLine(f"{len(rows)} inscrit(s)", style="small", rtl=False, rule=True))
    return _finish(services, "attendance", SOURCE_LANGUAGE, "Feuille de présence", lines, (),
                   None, "")


#: The sentence printed in every language by the printer test (translated per language).
TEST_SENTENCE = N_("Bonjour ! Ce ticket se lit dans votre langue.")


def printer_test_ticket(services: Services) -> Ticket:
    """A line in every enabled language, special characters and a QR code."""
    lines = [
        TicketLine("Gras", style="bold", rtl=False),
        TicketLine("Petit texte", style="small", rtl=False),
        TicketLine("Accents : é è ê à ç ù ï ô œ « » €", rtl=False),
        TicketLine("Roumain : ș ț Ș Ț ă â î", rtl=False),
    ]
    for language in services.i18n.languages:
        tr = services.i18n.translator(language.code)
        lines.append(TicketLine(language.native_name, style="bold", rtl=language.rtl,
                                rule=True))
        lines.append(TicketLine(tr(TEST_SENTENCE), rtl=language.rtl))
    base = services.config.online.base_url
    payload = base or "https://example.org/kiosque/test"
    return _finish(services, "printer_test", SOURCE_LANGUAGE, "Test de l'imprimante", lines, (),
                   payload, "Ce code QR doit se lire avec un téléphone.")


def sample_tickets(services: Services, lang: str) -> list[Ticket]:
    """One ticket of every kind in `lang` (previews, tests and the benchmark)."""
    now = services.now().replace(second=0, microsecond=0)
    start = now + dt.timedelta(days=3)
    base = services.config.online.base_url or "https://example.org/"
    return [
        appointment_ticket(
            services, lang, person="Mme Martin", role="CE1", start=start, minutes=20,
            place="Salle 4", mode="school", link="", child="Léa", code="K7Q4", qr=base + "rdv/K7Q4",
        ),
        workshop_ticket(
            services, lang, title="Pronote pas à pas", start=start, minutes=90,
            place="Bibliothèque", name="Nadia B.", code="W3X9", waitlist_position=2,
            qr=base + "ateliers/pronote",
        ),
        questionnaire_ticket(
            services, lang, needs_help=True,
            workshops=[("Pronote pas à pas", start, "Bibliothèque")],
            partners=[("Maison de quartier", "12 rue Verte, Lyon", "Lun–Ven 9h–17h")],
            loan_info="", qr=base + "aide-numerique.html",
        ),
        announcement_ticket(
            services, lang, title="Sortie au musée", text="Les élèves iront au musée jeudi.",
            french_title="Sortie au musée", published=now.date(), qr=base + "annonces/1.html",
        ),
        appointments_list_ticket(
            services, person="Mme Martin", day=start.date(),
            rows=[(dt.time(16, 30), "Léa (CE1)", "Salle 4"), (dt.time(17, 0), "Sami", "tél.")],
        ),
        attendance_ticket(services, title="Pronote pas à pas", start=start,
                          rows=[("Nadia B.", "inscrite"), ("Omar K.", "liste d'attente")]),
        printer_test_ticket(services),
    ]
