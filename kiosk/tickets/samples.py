"""Realistic tickets of every kind from the demo school (``data/demo``): what ``kiosk
print-test --kind`` prints, and what previews, tests and the benchmark render."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from typing import Any

from kiosk.core import paths
from kiosk.core.i18n import N_
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.tickets.events import meeting_event, workshop_event
from kiosk.tickets.guides import guide_ticket, login_card_ticket
from kiosk.tickets.lexicon import lexicon_ticket
from kiosk.tickets.loans import loan_slip_ticket, loan_ticket
from kiosk.tickets.model import Ticket, TicketContext
from kiosk.tickets.parents import (
    announcement_ticket,
    appointment_ticket,
    questionnaire_ticket,
    workshop_ticket,
)
from kiosk.tickets.staff import appointments_list_ticket, attendance_ticket, printer_test_ticket

#: The kinds `kiosk print-test --kind` knows, the parents' then the staff's.
SAMPLE_KINDS = (
    "test", "booking", "move", "workshop", "waitlist", "questionnaire", "announcement",
    "lexique", "appointments_list", "attendance", "guide", "login_card", "pret", "pret_fiche",
)

_TEACHER = "M. Petit"
_ROLE = N_("Enseignant ou enseignante")
_WORKSHOP = "Découvrir l'espace numérique de l'école"
_LIBRARY = "Salle informatique"


@functools.cache
def _demo_translations() -> dict[str, Any]:
    """The demo school's workshop translations (``data/demo/workshop_translations.toml``)."""
    path = paths.DEMO_DIR / "workshop_translations.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _workshop_words(lang: str) -> tuple[str, str, bool]:
    """The demo workshop's title and place in `lang`, and whether they are translated (the
    French, said "not translated yet", when the demo has no translation)."""
    found = _demo_translations().get(_WORKSHOP, {}).get(lang)
    if lang == SOURCE_LANGUAGE or not isinstance(found, dict):
        return _WORKSHOP, _LIBRARY, lang == SOURCE_LANGUAGE
    return str(found.get("title", _WORKSHOP)), str(found.get("place", _LIBRARY)), True


_GUIDE = "educonnect"
_EDUCONNECT = "https://educonnect.education.gouv.fr/"


@functools.cache
def _guide_file() -> dict[str, Any]:
    """The shipped EduConnect guide (``data/guides/educonnect.toml``)."""
    try:
        return tomllib.loads((paths.DATA_DIR / "guides" / f"{_GUIDE}.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {SOURCE_LANGUAGE: {"title": "Se connecter avec EduConnect",
                                  "steps": ["Ouvrez la page EduConnect."]}}


def _guide(context: TicketContext, lang: str) -> Ticket:
    data = _guide_file()
    french = data[SOURCE_LANGUAGE]
    found = data.get(lang) if lang != SOURCE_LANGUAGE else None
    shown = found if isinstance(found, dict) else french
    return guide_ticket(
        context, lang, title=shown["title"], steps=shown["steps"],
        french_title=french["title"], french_steps=french["steps"],
        url=str(data.get("link", _EDUCONNECT)),
        translated=lang == SOURCE_LANGUAGE or isinstance(found, dict),
    )


def _booking(context: TicketContext, lang: str, start: dt.datetime,
             interpreter: bool = False) -> Ticket:
    tr = context.i18n.translator(lang)
    return appointment_ticket(
        context, lang, person=_TEACHER, role=_ROLE, start=start, minutes=15, place="Salle 5",
        mode="school", link="", child="Léa", child_class="CE1", code="K7M2QX",
        qr=meeting_event(tr, person=_TEACHER, start=context.in_school_tz(start), minutes=15,
                         location="Salle 5", code="K7M2QX"),
        interpreter=interpreter,
    )


def _workshop(context: TicketContext, lang: str, start: dt.datetime,
              waiting: int | None) -> Ticket:
    title, place, translated = _workshop_words(lang)
    return workshop_ticket(
        context, lang, title=title, start=start, minutes=90, place=place,
        name="Nadia B.", code="W3X9PD", waitlist_position=waiting,
        qr=workshop_event(context.i18n.translator(lang), title=title,
                          start=context.in_school_tz(start), minutes=90, location=place,
                          code="W3X9PD"),
        french_title=_WORKSHOP, french_place=_LIBRARY, translated=translated,
        interpreter=waiting is not None,  # a waiting parent who asked for an interpreter
    )


def sample_ticket(context: TicketContext, kind: str, lang: str) -> Ticket:
    """A realistic ticket of `kind` (one of :data:`SAMPLE_KINDS`) in `lang`.

    The staff's tickets and the printer test are in French whatever `lang`."""
    now = context.now().replace(second=0, microsecond=0)
    start = (now + dt.timedelta(days=3)).replace(hour=17, minute=0)
    base = context.base_url or "https://example.org/"
    if kind == "booking":
        return _booking(context, lang, start)
    if kind == "move":
        # A moved meeting, for a parent who asked for an interpreter.
        return _booking(context, lang, start + dt.timedelta(days=7, minutes=15),
                        interpreter=True)
    if kind in ("workshop", "waitlist"):
        return _workshop(context, lang, start, 2 if kind == "waitlist" else None)
    if kind == "questionnaire":
        title, place, translated = _workshop_words(lang)
        return questionnaire_ticket(
            context, lang, needs_help=True, workshops=[(title, start, place)],
            french_workshops=[(_WORKSHOP, start, _LIBRARY)],
            untranslated=() if translated else (title, place),
            partners=[("Maison de quartier", "12 rue Verte, Lyon", "Lun–Ven 9h–17h")],
            loan_info="", qr=base + "aide-numerique.html",
        )
    if kind == "announcement":
        return announcement_ticket(
            context, lang, title="Sortie au musée", text="Les élèves iront au musée jeudi.",
            french_title="Sortie au musée", published=now.date(), qr=base + "annonces/1.html",
        )
    if kind == "lexique":
        from kiosk.glossary import load_glossary

        return lexicon_ticket(context, lang, load_glossary().lexicon(lang))
    if kind == "appointments_list":
        return appointments_list_ticket(
            context, person=_TEACHER, day=start.date(),
            rows=[(dt.time(16, 45), "Léa (CE1)", "Salle 5"), (dt.time(17, 0), "Sami (CE2)",
                                                               "téléphone — arabe, interprète "
                                                               "demandé")],
        )
    if kind == "attendance":
        return attendance_ticket(context, title=_WORKSHOP, start=start,
                                 rows=[("Nadia B.", "inscrite"), ("Omar K.", "liste d'attente")])
    if kind == "test":
        return printer_test_ticket(context)
    if kind == "guide":
        return _guide(context, lang)
    if kind == "login_card":
        return login_card_ticket(context, lang, url=_EDUCONNECT)
    if kind == "pret":
        return loan_ticket(context, lang, name="Nadia", device=N_("Une tablette"),
                           child_class="CE1", code="T4K8PR", qr=base + "aide-numerique.html")
    if kind == "pret_fiche":
        return loan_slip_ticket(context, lang, name="Nadia", device="tablette n° 3",
                                out=now.date(), due=now.date() + dt.timedelta(days=30),
                                code="T4K8PR")
    raise ValueError(f"unknown ticket kind {kind!r} (one of {', '.join(SAMPLE_KINDS)})")


def sample_tickets(context: TicketContext, lang: str) -> list[Ticket]:
    """One ticket of every kind in `lang`, in this order: meeting, workshop, questionnaire,
    announcement, petit lexique, appointments list, attendance sheet, printer test, guide,
    login card, loan request, loan slip."""
    kinds = ("booking", "workshop", "questionnaire", "announcement", "lexique",
             "appointments_list", "attendance", "test", "guide", "login_card", "pret",
             "pret_fiche")
    return [sample_ticket(context, kind, lang) for kind in kinds]
