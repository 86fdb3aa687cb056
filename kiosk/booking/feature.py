"""The booking feature, assembled: :func:`open_booking` builds its parts on one data file, and
:class:`BookingFeature` holds them (``services.booking`` in the kiosk).

Each part has one job: :class:`~kiosk.booking.people.People`,
:class:`~kiosk.booking.slots.Slots`, :class:`~kiosk.booking.appointments.Appointments`,
:class:`~kiosk.booking.workshops.Workshops`, :class:`~kiosk.booking.codes.Codes` (typed codes
and their rate limit), :class:`~kiosk.booking.notices.Notices` (families to notify),
:class:`~kiosk.booking.calendar.Calendar` (what the QR codes carry) and
:class:`~kiosk.booking.transfer.Transfer` (CSV imports and exports).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kiosk.booking.appointments import Appointments
from kiosk.booking.calendar import Calendar
from kiosk.booking.codes import ATTEMPTS_KIND, Codes
from kiosk.booking.model import Booking, Registration
from kiosk.booking.notices import Notices
from kiosk.booking.people import People
from kiosk.booking.records import BookingRecords, Recorder, no_record
from kiosk.booking.slots import Slots
from kiosk.booking.transfer import Transfer
from kiosk.booking.workshops import Workshops
from kiosk.booking.year import purge_personal_details
from kiosk.core.config import BookingSettings
from kiosk.core.store import DataFile, Store


@dataclass(frozen=True)
class BookingFeature:
    """The parts of the booking feature, sharing one data file (no logic of its own)."""

    records: BookingRecords
    people: People
    slots: Slots
    appointments: Appointments
    workshops: Workshops
    codes: Codes
    notices: Notices
    calendar: Calendar
    transfer: Transfer

    @property
    def tz(self) -> ZoneInfo:
        """The school's time zone (every time of the feature is in it)."""
        return self.records.tz

    @property
    def file(self) -> DataFile:
        """This school year's ``bookings.json``."""
        return self.records.file

    def purge_personal_details(self, before: dt.datetime) -> int:
        """Erase the names and phones of meetings and workshops ended before `before` (every
        school year); see :func:`kiosk.booking.year.purge_personal_details`."""
        return purge_personal_details(self.records.store, self.records.tz, before)


def open_booking(store: Store, settings: BookingSettings, tz: ZoneInfo,
                 now: Callable[[], dt.datetime], *, record: Recorder = no_record,
                 school_name: str = "", terminal: str = "") -> BookingFeature:
    """The booking feature on `store`: ``[booking]`` `settings`, the school's time zone and
    name, this terminal's name (codes are rate-limited per terminal), the clock, and the
    audit log's ``record(action, detail)`` (by default staff actions are not logged)."""
    records = BookingRecords(store, tz)
    people = People(records, record)
    slots = Slots(records, people, settings, now, record)
    appointments = Appointments(records, slots, settings, now)
    workshops = Workshops(records, now, record)

    def find(code: str) -> Booking | Registration | None:
        return appointments.booking_by_code(code) or workshops.registration_by_code(code)

    return BookingFeature(
        records=records, people=people, slots=slots, appointments=appointments,
        workshops=workshops,
        codes=Codes(store.lasting_file(ATTEMPTS_KIND), find, settings, terminal, now),
        notices=Notices(records, record),
        calendar=Calendar(people, school_name, tz, now),
        transfer=Transfer(records, people, slots, appointments, workshops, record),
    )
