"""Retention (RGPD): personal details are forgotten after the periods of ``[retention]``.

* Bookings and workshop registrations: the names and phone numbers are erased
  ``bookings_days`` after the meeting or workshop; the anonymous figures stay (the booking
  module's ``purge_personal_details(before)`` keeps the records, without the personal fields).
* Help requests: dropped after ``help_requests_days`` (in every school year's file).
* The staff audit log: entries dropped after ``audit_days``.
* Finished print jobs (a ticket carries the child's first name) and their files: forgotten
  after ``bookings_days`` (the print service's own ``purge``).

:func:`purge` runs at kiosk start, every day while the kiosk runs (a timer of the app), and
with ``kiosk purge [--before DATE]``. Every purge that removed something is written to the
audit log (a manual purge always is).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.services import Services

log = logging.getLogger(__name__)

#: How often the running kiosk purges (seconds).
DAILY = 24 * 3600


@dataclass(frozen=True)
class PurgeReport:
    """What one purge erased."""

    #: Personal details of events that ended before this time were erased.
    bookings_before: dt.datetime
    #: Bookings/registrations whose personal details were erased (None: no booking module).
    bookings: int | None
    help_requests: int | None
    audit_entries: int
    #: Finished print jobs (tickets carry names) forgotten with their files.
    print_jobs: int | None = None

    @property
    def anything(self) -> bool:
        return bool(self.bookings or self.help_requests or self.audit_entries
                    or self.print_jobs)

    def describe(self) -> str:
        """One line of French for the staff (CLI, audit log)."""
        parts = []
        if self.bookings is not None:
            parts.append(
                f"coordonnées effacées pour {self.bookings} réservation(s) antérieure(s) au "
                f"{self.bookings_before:%d/%m/%Y %H:%M}"
            )
        if self.help_requests is not None:
            parts.append(f"{self.help_requests} demande(s) d'aide oubliée(s)")
        if self.print_jobs is not None:
            parts.append(f"{self.print_jobs} ticket(s) imprimé(s) oublié(s)")
        parts.append(f"{self.audit_entries} entrée(s) du journal oubliée(s)")
        return "; ".join(parts)


def bookings_limit(services: Services, before: dt.date | None = None) -> dt.datetime:
    """Events that ended before this time are past the retention period of personal details.

    By default ``bookings_days`` days before now; with `before`, midnight (school time) of
    that day.
    """
    if before is not None:
        return dt.datetime.combine(before, dt.time(0), tzinfo=services.config.tz)
    return services.now() - dt.timedelta(days=services.config.retention.bookings_days)


def _booking_service(services: Services) -> Any | None:
    """The booking service, when the booking module is installed in this kiosk."""
    booking = getattr(services, "booking", None)
    return booking if hasattr(booking, "purge_personal_details") else None


def purge(
    services: Services, *, before: dt.date | None = None, always_record: bool = False
) -> PurgeReport:
    """Erase what is past retention now; `before` (a day) overrides the bookings limit.

    Help requests and audit entries always follow their configured periods. Raises
    :class:`kiosk.core.store.StorageError` if a file cannot be written (what was already purged
    stays purged; running it again finishes the job).
    """
    retention = services.config.retention
    now = services.now()
    limit = bookings_limit(services, before)

    booking = _booking_service(services)
    bookings = int(booking.purge_personal_details(limit)) if booking is not None else None

    help_requests: int | None = None
    keeper: Any = getattr(services, "help_requests", None)
    if hasattr(keeper, "forget_old"):
        keeper.keep_days = retention.help_requests_days
        help_requests = int(keeper.forget_old())

    printing: Any = getattr(services, "printing", None)
    print_jobs = int(printing.purge()) if hasattr(printing, "purge") else None

    audit_entries = services.audit.forget_before(now - dt.timedelta(days=retention.audit_days))
    report = PurgeReport(limit, bookings, help_requests, audit_entries, print_jobs)
    if report.anything or always_record:
        services.audit.record("purge", report.describe())
    log.info("purge: %s", report.describe())
    return report
