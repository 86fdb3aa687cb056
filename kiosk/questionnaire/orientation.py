"""Where a parent far from digital tools can find help: local partners and equipment loans.

The school's list lives in ``partners.toml`` in its data folder (the demo school's in
``data/demo/partners.toml``): each partner's name, address and opening hours, and the text
about borrowing equipment. Opening hours and the loan text are translated through the
``questionnaire`` gettext domain (:class:`~kiosk.questionnaire.content.ContentTranslator`).
A missing or unreadable file gives an empty list (logged), never a crash.
"""

from __future__ import annotations

import datetime as dt
import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core import paths
from kiosk.core.i18n import strip_controls
from kiosk.core.store import StorageError

if TYPE_CHECKING:
    from kiosk.services import Services

log = logging.getLogger(__name__)

FILE_NAME = "partners.toml"
DEMO_FILE = paths.DEMO_DIR / FILE_NAME


@dataclass(frozen=True)
class Partner:
    """A local place where parents get help with digital tools."""

    name: str
    address: str
    hours: str


@dataclass(frozen=True)
class LocalHelp:
    """The partners and the equipment-loan information of one school."""

    partners: tuple[Partner, ...] = ()
    loan_info: str = ""


def load_local_help(data_dir: Path, *, demo: bool = False) -> LocalHelp:
    """The school's ``partners.toml`` (in its data folder), else the demo school's with --demo."""
    path = data_dir / FILE_NAME
    if not path.exists():
        if not demo:
            return LocalHelp()
        path = DEMO_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return LocalHelp()
    partners = []
    for entry in raw.get("partners", []):
        if not isinstance(entry, dict):
            continue
        name, address, hours = (
            strip_controls(str(entry.get(k, ""))).strip() for k in ("name", "address", "hours")
        )
        if name:
            partners.append(Partner(name, address, hours))
    loan = raw.get("loan", {})
    loan_info = strip_controls(str(loan.get("text", ""))) if isinstance(loan, dict) else ""
    return LocalHelp(tuple(partners), " ".join(loan_info.split()))


#: Workshops offered after the questionnaire, at most.
MAX_WORKSHOPS = 3


@dataclass(frozen=True)
class Orientation:
    """What a parent is offered after the questionnaire, in their language.

    `workshops`: (title, start, place) of the next workshops with free places; `partners`:
    (name, address, opening hours); `loan_info`: the equipment-loan text. Texts that have no
    translation are in French (`untranslated` lists them, for the screen to say so).
    """

    needs_help: bool
    workshops: tuple[tuple[str, dt.datetime, str], ...] = ()
    partners: tuple[tuple[str, str, str], ...] = ()
    loan_info: str = ""
    #: True when the booking feature is there (a button opens workshop registration).
    workshops_available: bool = False
    untranslated: frozenset[str] = frozenset()


def orientation_for(services: Services, answers: Mapping[str, object], lang: str) -> Orientation:
    """The orientation for these answers (reads the workshops: call it off the event loop)."""
    from kiosk.questionnaire.content import CONTENT_DOMAIN, ContentTranslator

    needs_help = services.questionnaire.needs_orientation(answers)
    if not needs_help:
        return Orientation(needs_help=False)
    content = ContentTranslator(services.i18n.catalog(lang, CONTENT_DOMAIN), lang)
    untranslated: set[str] = set()

    def tr(text: str) -> str:
        if text and not content.is_translated(text):
            untranslated.add(text)
        return content(text) if text else text

    local = services.local_help
    partners = tuple((p.name, p.address, tr(p.hours)) for p in local.partners)
    loan = tr(local.loan_info)
    workshops: list[tuple[str, dt.datetime, str]] = []
    booking = getattr(services, "booking", None)
    if booking is not None:
        try:
            upcoming = booking.workshops.upcoming()
        except StorageError:
            log.warning("workshops unreadable; orientation without them", exc_info=True)
            upcoming = []
        for workshop in upcoming:
            if workshop.free_places > 0 and len(workshops) < MAX_WORKSHOPS:
                workshops.append((workshop.title, workshop.start, workshop.place))
    return Orientation(
        needs_help=True,
        workshops=tuple(workshops),
        partners=partners,
        loan_info=loan,
        workshops_available=booking is not None,
        untranslated=frozenset(untranslated),
    )
