"""Retention (RGPD): personal details are forgotten after the periods of ``[retention]``.

* Bookings and workshop registrations: the names and phone numbers are erased
  ``bookings_days`` after the meeting or workshop; the anonymous figures stay (the booking
  module's ``purge_personal_details(before)`` keeps the records, without the personal fields).
* Help requests: dropped after ``help_requests_days`` (in every school year's file).
* Call-back requests: dropped once done, or after ``callbacks_days`` (every year's file).
* Equipment loans: the first name and phone of a loan returned or cancelled, or of a request
  left unanswered, are erased ``loans_days`` after (the loan register's
  ``forget_personal_details``); a loan still out is never touched.
* The staff audit log: entries dropped after ``audit_days``.
* Finished print jobs (a ticket carries the child's first name) and their files: forgotten
  after ``bookings_days`` (the print service's own ``purge``).
* Temporary files left by killed writes (whole copies of data files): removed from the whole
  data folder unless a live process is writing them (:mod:`kiosk.core.leftovers`).

:meth:`Retention.purge` runs at kiosk start, every day while the kiosk runs (a timer of the
app), and with ``kiosk purge [--before DATE]``. Every purge that removed something is written
to the audit log (a manual purge always is).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.core.audit import AuditLog
    from kiosk.core.config import RetentionSettings

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
    #: Temporary files left by killed writes, removed (None: no data folder given).
    leftovers: int | None = None
    #: Call-back requests done or too old, forgotten (None: no call-back feature).
    callbacks: int | None = None
    #: Equipment loans whose personal details were erased (None: no loan register).
    loans: int | None = None

    @property
    def anything(self) -> bool:
        return bool(self.bookings or self.help_requests or self.audit_entries
                    or self.print_jobs or self.leftovers or self.callbacks or self.loans)

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
        if self.callbacks is not None:
            parts.append(f"{self.callbacks} demande(s) de rappel oubliée(s)")
        if self.loans is not None:
            parts.append(f"coordonnées effacées pour {self.loans} prêt(s) de matériel")
        if self.print_jobs is not None:
            parts.append(f"{self.print_jobs} ticket(s) imprimé(s) oublié(s)")
        parts.append(f"{self.audit_entries} entrée(s) du journal oubliée(s)")
        if self.leftovers:
            parts.append(f"{self.leftovers} fichier(s) temporaire(s) abandonné(s) effacé(s)")
        return "; ".join(parts)


@dataclass(frozen=True)
class Retention:
    """Erases what is past its retention period, with the features it is given.

    `settings` is the ``[retention]`` section; `audit`, `booking`, `help_requests`,
    `callbacks`, `loans` and `printing` are callables returning those features (None when this
    kiosk has no such feature), called only by a purge; `leftovers` removes the stale
    temporary files of the data folder and says how many (``Store.sweep_leftovers``).
    """

    settings: RetentionSettings
    tz: dt.tzinfo
    now: Callable[[], dt.datetime]
    audit: Callable[[], AuditLog]
    booking: Callable[[], Any] | None = None
    help_requests: Callable[[], Any] | None = None
    printing: Callable[[], Any] | None = None
    leftovers: Callable[[], int] | None = None
    callbacks: Callable[[], Any] | None = None
    loans: Callable[[], Any] | None = None

    def bookings_limit(self, before: dt.date | None = None) -> dt.datetime:
        """Events that ended before this time are past the retention period of personal details.

        By default ``bookings_days`` days before now; with `before`, midnight (school time) of
        that day.
        """
        if before is not None:
            return dt.datetime.combine(before, dt.time(0), tzinfo=self.tz)
        return self.now() - dt.timedelta(days=self.settings.bookings_days)

    def purge(self, *, before: dt.date | None = None, always_record: bool = False) -> PurgeReport:
        """Erase what is past retention now; `before` (a day) overrides the bookings limit.

        Help requests and audit entries always follow their configured periods. Raises
        :class:`kiosk.core.store.StorageError` if a file cannot be written (what was already
        purged stays purged; running it again finishes the job).
        """
        retention = self.settings
        now = self.now()
        limit = self.bookings_limit(before)

        booking = _feature(self.booking, "purge_personal_details")
        bookings = int(booking.purge_personal_details(limit)) if booking is not None else None

        help_requests: int | None = None
        keeper = _feature(self.help_requests, "forget_old")
        if keeper is not None:
            keeper.keep_days = retention.help_requests_days
            help_requests = int(keeper.forget_old())

        callbacks: int | None = None
        calls = _feature(self.callbacks, "forget_old")
        if calls is not None:
            calls.keep_days = retention.callbacks_days
            callbacks = int(calls.forget_old())
        loans: int | None = None
        register = _feature(self.loans, "forget_personal_details")
        if register is not None:
            register.keep_days = retention.loans_days
            loans = int(register.forget_personal_details())

        printing = _feature(self.printing, "purge")
        print_jobs = int(printing.purge()) if printing is not None else None

        audit = self.audit()
        audit_entries = audit.forget_before(now - dt.timedelta(days=retention.audit_days))
        # Last: a temporary file holds a whole copy of a data file as it was before the purge.
        leftovers = self.leftovers() if self.leftovers is not None else None
        report = PurgeReport(limit, bookings, help_requests, audit_entries, print_jobs,
                             leftovers, callbacks, loans)
        if report.anything or always_record:
            audit.record("purge", report.describe())
        log.info("purge: %s", report.describe())
        return report


def _feature(feature: Callable[[], Any] | None, method: str) -> Any | None:
    """The feature, when this kiosk has it and it can do `method`."""
    found = feature() if feature is not None else None
    return found if hasattr(found, method) else None
