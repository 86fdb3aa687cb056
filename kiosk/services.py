"""The domain services of one kiosk, built once from the configuration and the data folder.

Both the Textual app and the command line start from :func:`open_services`; screens and
commands then talk to the services, never to files. Feature services are created lazily
(``functools.cached_property``) so that start-up pays only for what the first screen needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core import logs
from kiosk.core.config import Config
from kiosk.core.i18n import I18n
from kiosk.core.store import StorageProblem, Store
from kiosk.questionnaire.content import Questionnaire, ResponseBook

if TYPE_CHECKING:
    from kiosk.announcements.book import AnnouncementBook
    from kiosk.booking.office import BookingOffice
    from kiosk.core.audit import AuditLog
    from kiosk.printing.service import PrintService
    from kiosk.questionnaire.orientation import LocalHelp
    from kiosk.staff.help_requests import HelpRequests
    from kiosk.staff.pin import StaffAccess
    from kiosk.tickets import TicketContext


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
        from kiosk.questionnaire.content import load_for

        base = self.config.source.parent if self.config.source else None
        return load_for(self.config.questionnaire.file, base)

    @cached_property
    def responses(self) -> ResponseBook:
        return ResponseBook(self.store, self.now)

    @cached_property
    def local_help(self) -> LocalHelp:
        from kiosk.questionnaire.orientation import load_local_help

        return load_local_help(self.data_dir, demo=self.demo)

    @cached_property
    def staff_access(self) -> StaffAccess:
        from kiosk.staff.pin import StaffAccess

        return StaffAccess(self.store.lasting_file("staff"), self.now)

    @cached_property
    def help_requests(self) -> HelpRequests:
        from kiosk.staff.help_requests import HelpRequests

        return HelpRequests(self.store, self.now, self.config.retention.help_requests_days)

    @cached_property
    def announcements(self) -> AnnouncementBook:
        from kiosk.announcements.book import AnnouncementBook

        return AnnouncementBook(self.store, self.config.announcements,
                                self.config.tz, self.config.kiosk.languages, self.now)

    @cached_property
    def booking(self) -> BookingOffice:
        from kiosk.booking.office import BookingOffice

        return BookingOffice(self.store, self.config, self.now, self.audit)

    @cached_property
    def ticket_context(self) -> TicketContext:
        from kiosk.tickets import TicketContext

        return TicketContext(self.config.school, self.config.kiosk.terminal_name,
                             self.config.tz, self.now, self.i18n, self.config.online.base_url)

    @cached_property
    def printing(self) -> PrintService:
        from kiosk.printing.service import PrintService

        return PrintService(
            self.config.printer, queue_file=self.store.lasting_file("print_queue"),
            folder=self.data_dir / "tickets", clock=self.now, tickets=self.ticket_context,
            retention_days=self.config.retention.bookings_days,
        )

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


def open_services(config: Config, data_dir: Path, *, demo: bool = False) -> Services:
    """Prepare the data folder, the log file and the services; check the data files."""
    data_dir.mkdir(parents=True, exist_ok=True)
    logs.setup(data_dir)
    services = Services(config=config, data_dir=data_dir, demo=demo)
    services.problems = services.store.problems()
    services.questionnaire  # noqa: B018 - a bad questionnaire file stops here, clearly
    return services
