"""The composition root: the features of one kiosk, built from the configuration and the
data folder.

Both the Textual app and the command line start from :func:`open_services`; screens and
commands then talk to the features, never to files. Each feature is built lazily
(``functools.cached_property``), so that start-up pays only for what the first screen needs,
and is given only what it needs (a store, the clock, a configuration section, the translator,
other features as callables); no feature imports this module. Assigning a new configuration
builds again, when next used, what was built from it (:data:`FROM_CONFIG`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core import logs
from kiosk.core.config import Config
from kiosk.core.i18n import I18n
from kiosk.core.record_checks import BadRecord
from kiosk.core.store import StorageProblem, Store
from kiosk.questionnaire.content import Questionnaire

if TYPE_CHECKING:
    from kiosk.announcements.book import AnnouncementBook
    from kiosk.announcements.publish import SitePublisher
    from kiosk.audio.speech import Speech
    from kiosk.booking.feature import BookingFeature
    from kiosk.core.audit import AuditLog
    from kiosk.glossary import Glossary
    from kiosk.guides.library import GuideLibrary
    from kiosk.printing.service import PrintService
    from kiosk.questionnaire.giveback import Giveback
    from kiosk.questionnaire.giveback_actions import ActionBook
    from kiosk.questionnaire.goals import GoalBook
    from kiosk.questionnaire.orientation import LocalHelp, OrientationGuide
    from kiosk.questionnaire.responses import ResponseBook
    from kiosk.questionnaire.results import ResultsReader
    from kiosk.staff.callbacks import CallbackRequests
    from kiosk.staff.dashboard import StaffDashboard
    from kiosk.staff.help_requests import HelpRequests
    from kiosk.staff.loans import LoanRegister
    from kiosk.staff.pin import StaffAccess
    from kiosk.staff.retention import Retention
    from kiosk.tickets import TicketContext

#: What is built from the configuration's values: assigning ``Services.config`` drops them, so
#: that they are built again from the new configuration when next used (the staff settings).
FROM_CONFIG = ("i18n", "orientation", "results", "dashboard", "retention", "publisher",
               "ticket_context", "giveback", "giveback_actions", "speech", "guides", "loans")


@dataclass
class Services:
    """Everything the kiosk knows about one school, for the screens and the CLI alike."""

    config: Config
    data_dir: Path
    demo: bool = False
    #: Unreadable data files found at start (moved aside), for the staff area.
    problems: list[StorageProblem] = field(default_factory=list)
    #: The clock (tests freeze it; the kiosk uses the wall clock). Returns an aware datetime.
    clock: Callable[[], dt.datetime] | None = None
    #: Started by `kiosk serve` for a browser: "browser" (no staff area) or "browser-staff".
    served: str | None = None

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "config" and "speech" in self.__dict__:
            self.__dict__["speech"].stop()  # the voice built from the old settings ends
        super().__setattr__(name, value)
        if name == "config":
            for built in FROM_CONFIG:
                self.__dict__.pop(built, None)

    @cached_property
    def store(self) -> Store:
        # The year is computed at each access: a kiosk running across 1 August follows it.
        return Store(self.data_dir, year_of=self.school_year)

    @cached_property
    def i18n(self) -> I18n:
        return I18n(self.config.kiosk.languages, bidi=self.config.kiosk.bidi)

    @cached_property
    def audit(self) -> AuditLog:
        from kiosk.core.audit import AuditLog

        return AuditLog(self.store.lasting_file("audit"), self.now)

    @cached_property
    def questionnaire(self) -> Questionnaire:
        from kiosk.questionnaire.loading import load_for

        base = self.config.source.parent if self.config.source else None
        return load_for(self.config.questionnaire.file, base)

    @cached_property
    def responses(self) -> ResponseBook:
        from kiosk.questionnaire.dates import AnswerWindow
        from kiosk.questionnaire.family_codes import FamilyCodes
        from kiosk.questionnaire.responses import ResponseBook

        settings = self.config.questionnaire
        return ResponseBook(
            self.store, self.now,
            window=AnswerWindow.from_settings(settings.opens, settings.closes),
            family_codes=FamilyCodes(self.store) if settings.one_per_family else None,
        )

    @cached_property
    def results(self) -> ResultsReader:
        from kiosk.questionnaire.results import ResultsReader

        config = self.config
        return ResultsReader(self.questionnaire, self.responses, families=config.school.families,
                             min_group=config.questionnaire.min_group_size,
                             category_families=config.questionnaire.families)

    @cached_property
    def giveback_actions(self) -> ActionBook:
        from kiosk.questionnaire.giveback_actions import ActionBook

        return ActionBook(self.store, self.config.kiosk.languages, self.now)

    @cached_property
    def giveback(self) -> Giveback:
        from kiosk.questionnaire.giveback import Giveback

        return Giveback(lambda: self.results.school_results(with_previous=False),
                        self.giveback_actions, self.today)

    @cached_property
    def goals(self) -> GoalBook:
        from kiosk.questionnaire.goals import GoalBook

        return GoalBook(self.store, self.today)

    @cached_property
    def orientation(self) -> OrientationGuide:
        from kiosk.questionnaire.orientation import OrientationGuide

        i18n = self.i18n
        return OrientationGuide(self.questionnaire, i18n.catalog, lambda: self.local_help,
                                lambda: self.booking.workshops.upcoming())

    @cached_property
    def local_help(self) -> LocalHelp:
        from kiosk.questionnaire.orientation import load_local_help

        return load_local_help(self.data_dir, demo=self.demo)

    @cached_property
    def glossary(self) -> Glossary:
        """The shipped glossary with the school's own words (its data folder's glossary.toml)."""
        from kiosk.glossary import load_glossary

        return load_glossary(self.data_dir)

    @cached_property
    def staff_access(self) -> StaffAccess:
        from kiosk.staff.pin import StaffAccess

        return StaffAccess(self.store.lasting_file("staff"), self.now,
                           browser=self.served is not None)

    @cached_property
    def help_requests(self) -> HelpRequests:
        from kiosk.staff.help_requests import HelpRequests

        return HelpRequests(self.store, self.now, self.config.retention.help_requests_days)

    @cached_property
    def callbacks(self) -> CallbackRequests:
        from kiosk.staff.callbacks import CallbackRequests

        return CallbackRequests(self.store, self.now, self.config.retention.callbacks_days)

    @cached_property
    def loans(self) -> LoanRegister:
        """Equipment loans: the parents' requests and the staff's register."""
        from kiosk.staff.loans import LoanRegister

        return LoanRegister(self.store, self.now, days=self.config.loans.days,
                            keep_days=self.config.retention.loans_days)

    @cached_property
    def dashboard(self) -> StaffDashboard:
        from kiosk.staff.dashboard import StaffDashboard

        return StaffDashboard(
            self.now, families=self.config.school.families,
            problems=lambda: [*(problem.message for problem in self.problems),
                              *(record.describe() for record in self.bad_records()),
                              *(f"Guide ignoré : {bad}" for bad in self.guides.problems()),
                              *self.glossary.problems],
            booking=lambda: self.booking, responses=lambda: self.responses,
            printing=lambda: self.printing, help_requests=lambda: self.help_requests,
            callbacks=lambda: self.callbacks,
            min_group=self.config.questionnaire.min_group_size,
            loans=lambda: self.loans,
        )

    @cached_property
    def retention(self) -> Retention:
        from kiosk.staff.retention import Retention

        return Retention(
            self.config.retention, self.config.tz, self.now, lambda: self.audit,
            booking=lambda: self.booking, help_requests=lambda: self.help_requests,
            printing=lambda: self.printing, leftovers=self.store.sweep_leftovers,
            callbacks=lambda: self.callbacks,
            loans=lambda: self.loans,
        )

    @cached_property
    def publisher(self) -> SitePublisher:
        from kiosk.announcements.publish import SitePublisher, base_url

        return SitePublisher(self.announcements, self.i18n, school=self.config.school.name,
                             base_url=base_url(self.config), now=self.now,
                             audit=lambda: self.audit, summary=self.giveback.for_parents)

    @cached_property
    def announcements(self) -> AnnouncementBook:
        from kiosk.announcements.book import AnnouncementBook

        return AnnouncementBook(self.store, self.config.announcements,
                                self.config.tz, self.config.kiosk.languages, self.now)

    @cached_property
    def booking(self) -> BookingFeature:
        from kiosk.booking.feature import open_booking

        return open_booking(self.store, self.config.booking, self.config.tz, self.now,
                            record=self.audit.record, school_name=self.config.school.name,
                            terminal=self.config.kiosk.terminal_name)

    @cached_property
    def guides(self) -> GuideLibrary:
        """The guides to the school's digital tools: the shipped ones and the school's own
        (the data folder's ``guides/``)."""
        from kiosk.core.paths import DATA_DIR
        from kiosk.guides.library import SCHOOL_FOLDER, GuideLibrary

        return GuideLibrary(DATA_DIR / "guides", self.data_dir / SCHOOL_FOLDER,
                            self.config.kiosk.languages, ent_url=self.config.online.ent_url)

    @cached_property
    def ticket_context(self) -> TicketContext:
        from kiosk.tickets import TicketContext

        return TicketContext(self.config.school, self.config.kiosk.terminal_name,
                             self.config.tz, self.now, self.i18n, self.config.online.base_url)

    @cached_property
    def speech(self) -> Speech:
        """The voice that reads screens aloud (none in a browser session)."""
        from kiosk.audio.speech import Speech

        return Speech(self.config.audio, self.data_dir, browser=self.served is not None)

    @cached_property
    def printing(self) -> PrintService:
        from kiosk.printing.service import PrintService

        return PrintService(
            self.config.printer, queue_file=self.store.lasting_file("print_queue"),
            folder=self.data_dir / "tickets", clock=self.now,
            tickets=lambda: self.ticket_context,
            retention_days=lambda: self.config.retention.bookings_days,
        )

    def bad_records(self) -> list[BadRecord]:
        """Records that cannot be read in the data files (``kiosk where``, ``kiosk repair``,
        the dashboard): every feature keeping records is built, which registers its checks."""
        for feature in (self.booking, self.announcements, self.responses, self.help_requests,
                        self.callbacks, self.printing, self.giveback_actions, self.goals,
                        self.loans):
            assert feature is not None
        return self.store.bad_records()

    def now(self) -> dt.datetime:
        """The time now in the school's time zone (the single clock of the domain)."""
        if self.clock is not None:
            return self.clock().astimezone(self.config.tz)
        return dt.datetime.now(self.config.tz)

    def today(self) -> dt.date:
        return self.now().date()

    def school_year(self) -> str:
        """The school year in force now, by :meth:`now` (``[school] year`` when it is fixed)."""
        return self.config.school_year(self.today())


def open_services(config: Config, data_dir: Path, *, demo: bool = False,
                  served: str | None = None) -> Services:
    """Prepare the data folder, the log file and the services; check the data files."""
    data_dir.mkdir(parents=True, exist_ok=True)
    logs.setup(data_dir)
    services = Services(config=config, data_dir=data_dir, demo=demo, served=served)
    services.problems = services.store.problems()
    services.questionnaire  # noqa: B018 - a bad questionnaire file stops here, clearly
    return services
