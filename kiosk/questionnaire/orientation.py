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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.core import paths
from kiosk.core.store import StorageError
from kiosk.core.text import strip_controls

if TYPE_CHECKING:
    import gettext

    from kiosk.questionnaire.content import Questionnaire

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

    `workshops`: (title, start, place) of the next workshops with free places, in the
    parent's language (`french_workshops`: the same in French, for the ticket's French part);
    `partners`: (name, address, opening hours); `loan_info`: the equipment-loan text. Texts
    that have no translation are in French (`untranslated` lists them, for the screen and the
    ticket to say so).
    """

    needs_help: bool
    workshops: tuple[tuple[str, dt.datetime, str], ...] = ()
    french_workshops: tuple[tuple[str, dt.datetime, str], ...] = ()
    partners: tuple[tuple[str, str, str], ...] = ()
    loan_info: str = ""
    #: True when the booking feature is there (a button opens workshop registration).
    workshops_available: bool = False
    untranslated: frozenset[str] = frozenset()


class WorkshopWords(Protocol):
    """A workshop's title and place in one language (the booking feature's)."""

    @property
    def title(self) -> str: ...
    @property
    def place(self) -> str: ...
    @property
    def translated(self) -> bool: ...


class OpenWorkshop(Protocol):
    """What the orientation reads of an upcoming workshop (the booking feature's)."""

    @property
    def title(self) -> str: ...
    @property
    def start(self) -> dt.datetime: ...
    @property
    def place(self) -> str: ...
    @property
    def free_places(self) -> int: ...
    def text_in(self, lang: str) -> WorkshopWords: ...


class OrientationGuide:
    """Builds the orientation offered after the questionnaire, from what it is given.

    `catalog(lang, domain)` gives a gettext catalog; `local_help()` the school's partners;
    `upcoming_workshops()` (None when the kiosk has no booking feature) the next workshops.
    Each is called only when an orientation needs it.
    """

    def __init__(
        self,
        questionnaire: Questionnaire,
        catalog: Callable[[str, str], gettext.NullTranslations],
        local_help: Callable[[], LocalHelp],
        upcoming_workshops: Callable[[], Iterable[OpenWorkshop]] | None = None,
    ) -> None:
        self.questionnaire = questionnaire
        self._catalog = catalog
        self._local_help = local_help
        self._upcoming_workshops = upcoming_workshops

    def orientation_for(self, answers: Mapping[str, object], lang: str) -> Orientation:
        """The orientation for these answers (reads the workshops: call it off the event loop)."""
        from kiosk.questionnaire.content import CONTENT_DOMAIN, ContentTranslator

        if not self.questionnaire.needs_orientation(answers):
            return Orientation(needs_help=False)
        content = ContentTranslator(self._catalog(lang, CONTENT_DOMAIN), lang)
        untranslated: set[str] = set()

        def tr(text: str) -> str:
            if text and not content.is_translated(text):
                untranslated.add(text)
            return content(text) if text else text

        local = self._local_help()
        partners = tuple((p.name, p.address, tr(p.hours)) for p in local.partners)
        loan = tr(local.loan_info)
        workshops = self._workshops()
        shown = []
        for workshop in workshops:
            words = workshop.text_in(lang)
            if not words.translated:
                untranslated.update(t for t in (words.title, words.place) if t)
            shown.append((words.title, workshop.start, words.place))
        return Orientation(
            needs_help=True,
            workshops=tuple(shown),
            french_workshops=tuple((w.title, w.start, w.place) for w in workshops),
            partners=partners,
            loan_info=loan,
            workshops_available=self._upcoming_workshops is not None,
            untranslated=frozenset(untranslated),
        )

    def _workshops(self) -> list[OpenWorkshop]:
        """The next workshops with free places, at most a few."""
        if self._upcoming_workshops is None:
            return []
        try:
            upcoming = list(self._upcoming_workshops())
        except StorageError:
            log.warning("workshops unreadable; orientation without them", exc_info=True)
            upcoming = []
        return [w for w in upcoming if w.free_places > 0][:MAX_WORKSHOPS]
