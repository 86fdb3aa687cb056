"""What a screen needs, handed to it when it is made ("attributes down").

The app (:class:`kiosk.app.KioskApp`) builds one :class:`ScreenContext` and passes it to every
screen's constructor; a screen passes it on to the screens of its own flow. Through it a screen
reaches the features it calls (each built lazily by :mod:`kiosk.services` the first time it is
used: the Welcome screen never builds the booking office or the print service), the parent's
session, the translator of the parent's language, the display function and the school's
configuration. Screens never see the services object itself, nor the app's class.

Widgets find the context of the screen they are on with :func:`context_of`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    from textual.dom import DOMNode

    from kiosk.announcements.book import AnnouncementBook
    from kiosk.audio.speech import Speech
    from kiosk.booking.feature import BookingFeature
    from kiosk.core.audit import AuditLog
    from kiosk.core.config import Config
    from kiosk.core.i18n import I18n, Translator
    from kiosk.core.store import StorageProblem
    from kiosk.glossary import Glossary
    from kiosk.guides.library import GuideLibrary
    from kiosk.printing.service import PrintService
    from kiosk.questionnaire.content import Questionnaire
    from kiosk.questionnaire.giveback import Giveback
    from kiosk.questionnaire.goals import GoalBook
    from kiosk.questionnaire.orientation import LocalHelp, OrientationGuide
    from kiosk.questionnaire.responses import ResponseBook
    from kiosk.questionnaire.results import ResultsReader
    from kiosk.services import Services
    from kiosk.session import ParentSession
    from kiosk.staff.callbacks import CallbackRequests
    from kiosk.staff.dashboard import StaffDashboard
    from kiosk.staff.help_requests import HelpRequests
    from kiosk.staff.loans import LoanRegister
    from kiosk.staff.pin import StaffAccess
    from kiosk.tickets import TicketContext

@dataclass(frozen=True)
class ScreenContext:
    """The features, session, translator and school configuration a screen works with.

    Feature attributes are properties: nothing is built until a screen first asks for it.
    """

    #: The parent at the kiosk now (reset in place when they leave).
    session: ParentSession
    _services: Services = field(repr=False)
    #: The number of the current parent (changes each time a parent is forgotten): a screen
    #: made for an earlier parent compares it with the one it was mounted with.
    parent_number: Callable[[], int] = field(repr=False, default=lambda: 0)

    # -- the school and the language ------------------------------------------------------------

    @property
    def config(self) -> Config:
        """The school's configuration (staff settings may replace it while the kiosk runs)."""
        return self._services.config

    @property
    def i18n(self) -> I18n:
        """The enabled languages and the display functions."""
        return self._services.i18n

    @property
    def tr(self) -> Translator:
        """The translator of the parent's language."""
        return self._services.i18n.translator(self.session.language)

    def display(self, text: str, *, rtl: bool | None = None) -> str:
        """Logical text → what the terminal shows (bidi and shaping per the `bidi` setting);
        `rtl` None means the parent's language's direction."""
        return self._services.i18n.display(text, rtl=self.tr.rtl if rtl is None else rtl)

    def now(self) -> dt.datetime:
        """The time now in the school's time zone."""
        return self._services.now()

    def today(self) -> dt.date:
        """Today in the school's time zone."""
        return self._services.today()

    @property
    def problems(self) -> list[StorageProblem]:
        """Unreadable data files found at start (shown to staff)."""
        return self._services.problems

    # -- features (built on first use) ----------------------------------------------------------

    @property
    def questionnaire(self) -> Questionnaire:
        return self._services.questionnaire

    @property
    def responses(self) -> ResponseBook:
        return self._services.responses

    @property
    def local_help(self) -> LocalHelp:
        return self._services.local_help

    @property
    def booking(self) -> BookingFeature:
        return self._services.booking

    @property
    def announcements(self) -> AnnouncementBook:
        return self._services.announcements

    @property
    def guides(self) -> GuideLibrary:
        """The guides to the school's digital tools."""
        return self._services.guides

    @property
    def printing(self) -> PrintService:
        return self._services.printing

    @property
    def staff_access(self) -> StaffAccess:
        return self._services.staff_access

    @property
    def help_requests(self) -> HelpRequests:
        return self._services.help_requests

    @property
    def callbacks(self) -> CallbackRequests:
        """Parents' requests to be called back ("Je veux qu'on me rappelle")."""
        return self._services.callbacks

    @property
    def loans(self) -> LoanRegister:
        """Equipment loans: the parents' requests and the staff's register."""
        return self._services.loans

    @property
    def audit(self) -> AuditLog:
        return self._services.audit

    @property
    def tickets(self) -> TicketContext:
        """What every ticket is built from (school, terminal, time zone, clock, translators)."""
        return self._services.ticket_context

    @property
    def orientation(self) -> OrientationGuide:
        return self._services.orientation

    @property
    def results(self) -> ResultsReader:
        return self._services.results

    @property
    def giveback(self) -> Giveback:
        """The questionnaire's results given back to parents, with the school's actions."""
        return self._services.giveback

    @property
    def goals(self) -> GoalBook:
        """The school's goals on the questionnaire's figures."""
        return self._services.goals

    @property
    def glossary(self) -> Glossary:
        return self._services.glossary

    @property
    def data_dir(self) -> Path:
        """The data folder (the report for the council may be written in its reports/)."""
        return self._services.data_dir

    @property
    def dashboard(self) -> StaffDashboard:
        return self._services.dashboard

    @property
    def speech(self) -> Speech:
        """The voice that reads screens aloud (see :attr:`Speech.available`)."""
        return self._services.speech


@runtime_checkable
class HasContext(Protocol):
    """A screen made with a :class:`ScreenContext`."""

    context: ScreenContext


def context_of(node: DOMNode) -> ScreenContext:
    """The context of the screen `node` is on (a widget's way to its translator)."""
    screen = node.screen
    if isinstance(screen, HasContext):
        return screen.context
    raise LookupError(f"{screen!r} was made without a ScreenContext")
