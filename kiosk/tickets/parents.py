"""The tickets a parent takes home: a meeting, a workshop place (or a waiting-list place), the
questionnaire's orientation, an announcement.

Each is in the parent's language with a French recap for the staff (:func:`finish` adds it
when the language is not French): everything in the recap is French (roles, dates, times,
modes) except what someone typed (names, places, titles). Times are on the 24-hour clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import replace

from kiosk.core.i18n import N_, Translator
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE
from kiosk.tickets.model import (
    Ticket,
    TicketContext,
    TicketLine,
    day_and_hours,
    finish,
    french_line,
)

MODES = ("school", "phone", "video")
#: Said on a ticket (and on screen) when the parent asked for an interpreter.
INTERPRETER_ASKED = N_("Interprète demandé")


def _meeting_place(t: Translator, mode: str, place: str, link: str) -> list[TicketLine]:
    """Where the meeting happens: at school (the room), by phone, or by video (the link)."""
    if mode == "school":
        return [TicketLine(t(N_("À l'école : {place}")).format(place=place))]
    if mode == "phone":
        return [TicketLine(t(N_("Par téléphone : l'école vous appelle.")))]
    rows = [TicketLine(t(N_("En vidéo : ouvrez ce lien à l'heure du rendez-vous.")))]
    if link:
        rows.append(TicketLine(link, rtl=False))
    return rows


def appointment_ticket(
    context: TicketContext,
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
    child_class: str = "",
    interpreter: bool = False,
) -> Ticket:
    """The ticket of a meeting booked with a teacher or another member of staff.

    `role` is the French msgid of the person's role (e.g. "Enseignant ou enseignante"): each
    part translates it, so the French recap says it in French (a role given already
    translated is printed as given). `child_class` is printed after the child's name;
    `interpreter`: the parent asked for one (said in both parts).
    `qr` is what the code carries (the meeting as a compact event)."""
    if mode not in MODES:
        raise ValueError(f"unknown meeting mode {mode!r}")
    tr = context.i18n.translator(lang)
    start = context.in_school_tz(start)
    pupil = f"{child} ({child_class})" if child and child_class else child

    def body(t: Translator) -> list[TicketLine]:
        day, hours = day_and_hours(t, start, minutes)
        who = f"{person} ({t(role)})" if role else person
        rows = [
            TicketLine(t(N_("Avec : {person}")).format(person=who), style="bold"),
            TicketLine(day, style="bold"),
            TicketLine(hours, style="big"),
        ]
        rows += _meeting_place(t, mode, place, link)
        if pupil:
            rows.append(TicketLine(t(N_("Pour l'enfant : {child}")).format(child=pupil)))
        if interpreter:
            rows.append(TicketLine(t(INTERPRETER_ASKED), style="bold"))
        rows.append(TicketLine(t(N_("Votre code : {code}")).format(code=code), style="big"))
        return rows

    lines = body(tr)
    lines.append(TicketLine(tr(
        "Gardez ce ticket. Pour changer ou annuler, venez à l'accueil avec ce code."
    ), style="small"))
    french = [
        french_line("Rendez-vous", "bold"),
        *[replace(line, rtl=False) for line in body(context.french())],
    ]
    return finish(
        context, "appointment", lang, tr("Votre rendez-vous"), lines, french, qr,
        tr("Scannez ce code avec votre téléphone pour retrouver votre rendez-vous."),
    )


def workshop_ticket(
    context: TicketContext,
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
    french_title: str | None = None,
    french_place: str | None = None,
    translated: bool = True,
    interpreter: bool = False,
) -> Ticket:
    """The ticket of a registration to a workshop (or a place on its waiting list).

    `title` and `place` are what the parent reads (the translation, when there is one);
    `french_title` and `french_place` (by default the same) go in the French part. When the
    workshop is not `translated` into `lang`, the parent's part says so (the "not translated
    yet" line) above the French title, printed left to right.
    `interpreter`: the parent asked for one (said in both parts).
    `qr` is what the code carries (the workshop as a compact event); a waiting-list ticket
    has no code: the parent is not in the workshop yet, so nothing goes to a calendar."""
    tr = context.i18n.translator(lang)
    fr = context.french()
    start = context.in_school_tz(start)
    shown = {tr.code: (title, place), fr.code: (french_title or title, french_place or place)}
    untranslated = not translated and lang != fr.code

    def body(t: Translator) -> list[TicketLine]:
        day, hours = day_and_hours(t, start, minutes)
        what, where = shown[t.code]
        rows = [
            TicketLine(what, style="big", rtl=False if untranslated else None),
            TicketLine(day, style="bold"),
            TicketLine(hours, style="bold"),
            TicketLine(t(N_("Lieu : {place}")).format(place=where)),
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
        if interpreter:
            rows.append(TicketLine(t(INTERPRETER_ASKED), style="bold"))
        rows.append(TicketLine(t(N_("Votre code : {code}")).format(code=code), style="big"))
        return rows

    lines = body(tr)
    if untranslated:
        lines.insert(0, TicketLine(tr(TEXT_FALLBACK_NOTE), style="small"))
    french = [french_line("Atelier", "bold"), *[replace(x, rtl=False) for x in body(fr)]]
    heading = (
        tr("Inscription à l'atelier") if waitlist_position is None else tr("Liste d'attente")
    )
    return finish(
        context, "workshop", lang, heading, lines, french,
        qr if waitlist_position is None else None,
        tr("Scannez ce code avec votre téléphone pour retrouver votre inscription."),
    )


def questionnaire_ticket(
    context: TicketContext,
    lang: str,
    *,
    needs_help: bool,
    workshops: Sequence[tuple[str, dt.datetime, str]],
    partners: Sequence[tuple[str, str, str]],
    loan_info: str,
    qr: str,
    french_workshops: Sequence[tuple[str, dt.datetime, str]] | None = None,
    untranslated: Collection[str] = (),
) -> Ticket:
    """The orientation ticket given after the questionnaire: workshops, help nearby, loans.

    `workshops` are (title, start, place) in the parent's language, `french_workshops` the
    same in French (by default `workshops`); a title in `untranslated` is the French one: the
    parent's part says so once (the "not translated yet" line) and prints it left to right."""
    tr = context.i18n.translator(lang)
    fr = context.french()
    lines: list[TicketLine] = [TicketLine(tr("Merci d'avoir répondu au questionnaire."))]
    french: list[TicketLine] = [french_line("Questionnaire rempli", "bold")]
    if needs_help:
        lines.append(TicketLine(tr("Vous pouvez être aidé pour le numérique :"), style="bold"))
        french.append(french_line("Orientation proposée (aide au numérique) :"))
    if workshops:
        lines.append(TicketLine(tr("Ateliers à l'école :"), style="bold", rule=True))
        french.append(french_line("Ateliers :", "bold"))
        if lang != fr.code and any(w[0] in untranslated for w in workshops):
            lines.append(TicketLine(tr(TEXT_FALLBACK_NOTE), style="small"))
        _workshop_lines(context, tr, lines, workshops, untranslated)
        _workshop_lines(context, fr, french, french_workshops or workshops, None)
    if partners:
        lines.append(TicketLine(tr("Lieux d'aide près de chez vous :"), style="bold", rule=True))
        french.append(french_line("Lieux d'aide :", "bold"))
        for name, address, hours in partners:
            lines.append(TicketLine("• " + name, style="bold"))
            french.append(french_line("• " + name))
            if address:
                lines.append(TicketLine(address, rtl=False))
            if hours:
                lines.append(TicketLine(hours))
    if loan_info:
        lines.append(TicketLine(loan_info, rule=True))
        french.append(french_line("Information sur le prêt de matériel donnée."))
    return finish(
        context, "questionnaire", lang, tr("Votre questionnaire"), lines, french, qr,
        tr("Scannez ce code pour retrouver ces informations sur votre téléphone."),
    )


def _workshop_lines(context: TicketContext, t: Translator, target: list[TicketLine],
                    workshops: Sequence[tuple[str, dt.datetime, str]],
                    left_to_right: Collection[str] | None) -> None:
    """The suggested workshops in one part of the orientation ticket; `left_to_right`: the
    texts printed left to right (the French ones), None for every line (the French part)."""

    def direction(text: str = "") -> bool | None:
        return False if left_to_right is None or text in left_to_right else None

    for title, start, place in workshops:
        start = context.in_school_tz(start)
        target.append(TicketLine("• " + title, style="bold", rtl=direction(title)))
        target.append(TicketLine(f"{t.date(start.date(), 'full')}, {t.time(start)}",
                                 rtl=direction()))
        if place:
            target.append(TicketLine(t(N_("Lieu : {place}")).format(place=place),
                                     rtl=direction()))


def announcement_ticket(
    context: TicketContext,
    lang: str,
    *,
    title: str,
    text: str,
    french_title: str,
    published: dt.date,
    qr: str,
) -> Ticket:
    """An announcement of the school, in the parent's language (title recalled in French)."""
    tr = context.i18n.translator(lang)
    fr = context.french()
    lines = [
        TicketLine(title, style="big"),
        TicketLine(tr("Publiée le {date}").format(date=tr.date(published, "long")),
                   style="small"),
        TicketLine(text),
    ]
    french = [
        french_line(french_title, "bold"),
        french_line(fr("Publiée le {date}").format(date=fr.date(published, "long"))),
    ]
    return finish(
        context, "announcement", lang, tr("Information de l'école"), lines, french, qr,
        tr("Scannez ce code pour lire cette information sur votre téléphone."),
    )


