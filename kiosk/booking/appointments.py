"""Meetings families book on slots: book, look up by code, cancel, move; the staff's lists
of a day or of a person.

Everything a booking changes is checked and written in one transaction of the year's file:

* never two active bookings on one slot;
* a family (child's first name + class) holds at most ``[booking] max_future_per_person``
  future bookings with the same person;
* a slot must start at least ``[booking] lead_time_hours`` from now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from kiosk.booking.codes import new_code, normalize_code
from kiosk.booking.model import (
    Appointment,
    Booking,
    BookingRefused,
    BookingStatus,
    InputProblem,
    Refusal,
    Slot,
)
from kiosk.booking.parent_text import clean_name, clean_phone, family_key
from kiosk.booking.records import BookingRecords, booking_doc, codes_in, find, new_id
from kiosk.booking.slots import Slots
from kiosk.core.config import BookingSettings
from kiosk.core.i18n import N_
from kiosk.core.text import strip_controls

BOOKED = BookingStatus.BOOKED


class Appointments:
    """Families' bookings of slots, and the staff's views of them."""

    def __init__(self, records: BookingRecords, slots: Slots, settings: BookingSettings,
                 now: Callable[[], dt.datetime]) -> None:
        self._records = records
        self._slots = slots
        self._settings = settings
        self._now = now

    # -- a parent's booking ----------------------------------------------------------------------

    def book(self, slot_id: str, *, child: str, child_class: str, phone: str = "",
             language: str = "fr", interpreter: bool = False) -> Booking:
        """A parent books a free slot. Raises :class:`BookingRefused` or :class:`InputProblem`.

        `interpreter`: the parent would like an interpreter at the meeting.

        Everything is checked and written in one transaction of the year's file: two
        processes booking the same slot at the same instant get one booking and one "taken".
        """
        child = clean_name(child)
        child_class = " ".join(strip_controls(child_class).split())
        if not child_class:
            raise InputProblem(N_("Choisissez la classe."))
        phone = clean_phone(phone)
        with self._records.file.transaction() as db:
            slot = self._open_slot(db, slot_id)
            bookings = db.table("bookings")
            all_bookings = list(bookings.all())
            self._check_bookable(slot, all_bookings)
            self._check_family(slot.person_id, child, child_class, all_bookings)
            booking = Booking(
                new_id("b"), new_code(codes_in(db)), slot.id, slot.person_id, slot.start,
                slot.minutes, slot.place, slot.mode, slot.link, child, child_class, phone,
                language, self._now(), interpreter=bool(interpreter),
            )
            bookings.insert(booking_doc(booking))
        return booking

    def _open_slot(self, db: Any, slot_id: str) -> Slot:
        doc = find(db.table("slots").all(), "id", slot_id)
        if doc is None or doc.get("cancelled"):
            raise BookingRefused(Refusal.CANCELLED)
        return self._records.slot(doc)

    def _check_bookable(self, slot: Slot, bookings: Sequence[dict[str, Any]],
                        ignore: str = "") -> None:
        if any(b["slot_id"] == slot.id and b["status"] == BOOKED and b["id"] != ignore
               for b in bookings):
            raise BookingRefused(Refusal.TAKEN)
        if slot.start < self._slots.earliest_bookable():
            raise BookingRefused(Refusal.TOO_SOON)

    def _check_family(self, person_id: str, child: str, child_class: str,
                      bookings: Sequence[dict[str, Any]]) -> None:
        family = family_key(child, child_class)
        now = self._now()
        held = sum(
            1 for b in bookings
            if b["status"] == BOOKED and b["person_id"] == person_id
            and family_key(b.get("child", ""), b.get("child_class", "")) == family
            and self._records.time(b["start"]) >= now
        )
        if held >= self._settings.max_future_per_person:
            raise BookingRefused(Refusal.LIMIT)

    def can_change(self, booking: Booking) -> bool:
        """Whether the parent may still move or cancel `booking` now."""
        return booking.can_change(self._now())

    def cancel_booking(self, code: str) -> Booking:
        """The parent cancels with their code; the slot is free again."""
        code = normalize_code(code)
        with self._records.file.transaction() as db:
            table = db.table("bookings")
            doc = self._active_by_code(table.all(), code)
            table.update({"status": BookingStatus.CANCELLED.value}, doc_ids=[doc.doc_id])
            return self._records.booking({**doc, "status": BookingStatus.CANCELLED})

    @staticmethod
    def _active_by_code(docs: Sequence[Any], code: str) -> Any:
        doc = find(docs, "code", code)
        if doc is None:
            raise BookingRefused(Refusal.UNKNOWN_CODE)
        if doc["status"] != BOOKED:
            raise BookingRefused(Refusal.INACTIVE)
        return doc

    def move_booking(self, code: str, slot_id: str) -> Booking:
        """The parent moves their meeting to another free slot with the same person."""
        code = normalize_code(code)
        with self._records.file.transaction() as db:
            table = db.table("bookings")
            all_bookings = list(table.all())
            doc = self._active_by_code(all_bookings, code)
            slot = self._open_slot(db, slot_id)
            if slot.person_id != doc["person_id"]:
                raise BookingRefused(Refusal.OTHER_PERSON)
            self._check_bookable(slot, all_bookings, ignore=doc["id"])
            changes = {"slot_id": slot.id, "start": slot.start.isoformat(),
                       "minutes": slot.minutes, "place": slot.place, "mode": slot.mode,
                       "link": slot.link}
            table.update(changes, doc_ids=[doc.doc_id])
            return self._records.booking({**doc, **changes})

    # -- reading ---------------------------------------------------------------------------------

    def bookings(self) -> list[Booking]:
        """Every booking of the year (staff lists and exports), by time."""
        return sorted((self._records.booking(d) for d in self._records.rows("bookings")),
                      key=lambda b: (b.start, b.created))

    def booking_by_code(self, code: str) -> Booking | None:
        doc = find(self._records.rows("bookings"), "code", normalize_code(code))
        return self._records.booking(doc) if doc else None

    def appointments_on(self, day: dt.date, person_id: str | None = None) -> list[Appointment]:
        """Staff: the slots of one day (one person or everyone) and their bookings."""
        tables = self._records.tables()
        people = {d["id"]: self._records.person(d) for d in tables["people"]}
        by_slot = {b["slot_id"]: b for b in tables["bookings"]
                   if b["status"] in (BOOKED, BookingStatus.SLOT_CANCELLED)}
        found = []
        for doc in tables["slots"]:
            if person_id is not None and doc["person_id"] != person_id:
                continue
            slot = self._records.slot(doc)
            if slot.day != day or doc["person_id"] not in people:
                continue
            if slot.cancelled and doc["id"] not in by_slot:
                continue
            booking = by_slot.get(doc["id"])
            found.append(Appointment(slot, people[doc["person_id"]],
                                     self._records.booking(booking) if booking else None))
        return sorted(found, key=lambda a: (a.person.name.casefold(), a.slot.start))

    def booked_by_person(self, day: dt.date) -> dict[str, list[Appointment]]:
        """Staff: the day's booked appointments (active bookings), by person's name — one
        printed list each."""
        by_person: dict[str, list[Appointment]] = {}
        for item in self.appointments_on(day):
            if item.booking and item.booking.active:
                by_person.setdefault(item.person.name, []).append(item)
        return by_person

    def schedule_of(self, person_id: str) -> list[Appointment]:
        """Staff: one person's open slots that have not ended, each with its active booking."""
        tables = self._records.tables()
        person = find(tables["people"], "id", person_id)
        if person is None:
            return []
        booked = {b["slot_id"]: b for b in tables["bookings"] if b["status"] == BOOKED}
        now = self._now()
        found = []
        for slot in self._slots.all(person_id):
            if slot.end < now:
                continue
            doc = booked.get(slot.id)
            found.append(Appointment(slot, self._records.person(person),
                                     self._records.booking(doc) if doc else None))
        return found
