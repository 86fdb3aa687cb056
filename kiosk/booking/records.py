"""The booking feature's one data file, read and written for the other modules (internal).

Storage: one file per school year, ``bookings.json`` (``store.file("bookings")``), with the
tables ``people``, ``patterns``, ``slots``, ``bookings``, ``workshops`` and ``registrations``.
Every rule that protects the data is checked inside ONE transaction of that file, whose file
lock is shared by every process (the kiosk, a second terminal, a staff command).

:class:`BookingRecords` turns stored documents into the objects of :mod:`kiosk.booking.model`
and back; the feature's classes share one instance.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.booking.model import (
    Attendance,
    Booking,
    BookingStatus,
    Person,
    Registration,
    RegistrationStatus,
    Slot,
    StaffError,
    Workshop,
    WorkshopTranslation,
)
from kiosk.booking.year import FILE_KIND, carry_over
from kiosk.core.store import DataFile, Store

TABLES = ("people", "slots", "bookings", "workshops", "registrations")

#: Writes to the audit log: ``record(action, detail)``.
Recorder = Callable[[str, str], object]


def no_record(action: str, detail: str) -> None:
    """The recorder of a feature built without an audit log: staff actions are not logged."""

Doc = Mapping[str, Any]
REGISTERED = RegistrationStatus.REGISTERED
WAITING = RegistrationStatus.WAITING


def new_id(prefix: str) -> str:
    """A fresh record id: ``s-`` slot, ``b-`` booking, ``a-`` workshop, ``r-`` registration…"""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def parse_time(value: str, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.fromisoformat(value).astimezone(tz)


def find(docs: Sequence[Any], key: str, value: str) -> Any:
    """The first document whose `key` is `value`, or None."""
    return next((d for d in docs if d[key] == value), None)


class BookingRecords:
    """The school year's ``bookings.json`` and the conversions of its documents."""

    def __init__(self, store: Store, tz: ZoneInfo) -> None:
        self.store = store
        self.tz = tz
        store.carry_over(FILE_KIND, carry_over)
        # Reading a record checks it: one that cannot be read is held back and reported.
        store.check_records(FILE_KIND, {
            "people": self.person, "slots": self.slot, "bookings": self.booking,
            "workshops": self.workshop, "registrations": self.registration,
        })

    @property
    def file(self) -> DataFile:
        return self.store.file(FILE_KIND)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every table of this year's file, read once from disk (a consistent snapshot; no
        lock, so the lists still show in a read-only folder)."""
        data = self.file.snapshot()
        return {name: [dict(doc) for doc in data.get(name, {}).values()] for name in TABLES}

    def rows(self, table: str) -> list[Any]:
        """The documents of one table of this year's file."""
        return list(self.file.table(table).all())

    def time(self, value: str) -> dt.datetime:
        return parse_time(value, self.tz)

    def end(self, doc: Doc) -> dt.datetime:
        """When the slot, booking or workshop of `doc` ends."""
        return self.time(doc["start"]) + dt.timedelta(minutes=int(doc["minutes"]))

    # -- documents → objects -------------------------------------------------------------------

    @staticmethod
    def person(doc: Doc) -> Person:
        return Person(doc["id"], doc["name"], doc.get("role", "other"),
                      tuple(doc.get("classes", ())), bool(doc.get("active", True)))

    def slot(self, doc: Doc) -> Slot:
        return Slot(doc["id"], doc["person_id"], self.time(doc["start"]),
                    int(doc["minutes"]), doc.get("place", ""), doc.get("mode", "school"),
                    doc.get("link", ""), bool(doc.get("cancelled", False)),
                    doc.get("pattern_id", ""))

    def booking(self, doc: Doc) -> Booking:
        return Booking(
            doc["id"], doc["code"], doc["slot_id"], doc["person_id"],
            self.time(doc["start"]), int(doc["minutes"]), doc.get("place", ""),
            doc.get("mode", "school"), doc.get("link", ""), doc.get("child", ""),
            doc.get("child_class", ""), doc.get("phone", ""), doc.get("language", "fr"),
            self.time(doc["created"]), BookingStatus(doc.get("status", BookingStatus.BOOKED)),
            bool(doc.get("to_notify", False)), doc.get("interpreter") is True,
        )

    def workshop(self, doc: Doc, regs: Sequence[Doc] = ()) -> Workshop:
        mine = [r for r in regs if r["workshop_id"] == doc["id"]]
        return Workshop(
            doc["id"], doc["title"], doc.get("description", ""),
            self.time(doc["start"]), int(doc["minutes"]), doc.get("place", ""),
            int(doc["capacity"]), tuple(doc.get("languages", ())),
            bool(doc.get("cancelled", False)),
            sum(1 for r in mine if r["status"] == REGISTERED),
            sum(1 for r in mine if r["status"] == WAITING),
            translations_of(doc.get("translations")),
        )

    def registration(self, doc: Doc, regs: Sequence[Doc] = ()) -> Registration:
        position = 0
        if doc["status"] == WAITING:
            queue = sorted((r for r in regs if r["workshop_id"] == doc["workshop_id"]
                            and r["status"] == WAITING), key=lambda r: r["seq"])
            position = next((i + 1 for i, r in enumerate(queue) if r["id"] == doc["id"]), 0)
        return Registration(
            doc["id"], doc["code"], doc["workshop_id"], doc.get("name", ""),
            doc.get("phone", ""), doc.get("language", "fr"), self.time(doc["created"]),
            int(doc["seq"]), RegistrationStatus(doc["status"]),
            Attendance(doc.get("attendance", "")), bool(doc.get("to_notify", False)),
            bool(doc.get("promoted", False)), position, doc.get("interpreter") is True,
            doc.get("walk_in") is True,
        )

    # -- lookups shared by several parts ---------------------------------------------------------

    def person_name(self, person_id: str) -> str:
        """The name of a person (for the audit log), or the id when unknown."""
        doc = find(self.rows("people"), "id", person_id)
        return str(doc["name"]) if doc else person_id


# --- objects → documents ----------------------------------------------------------------------


def slot_doc(slot: Slot) -> dict[str, Any]:
    return {"id": slot.id, "person_id": slot.person_id, "start": slot.start.isoformat(),
            "minutes": slot.minutes, "place": slot.place, "mode": slot.mode,
            "link": slot.link, "cancelled": False, "pattern_id": slot.pattern_id}


def booking_doc(booking: Booking) -> dict[str, Any]:
    return {
        "id": booking.id, "code": booking.code, "slot_id": booking.slot_id,
        "person_id": booking.person_id, "start": booking.start.isoformat(),
        "minutes": booking.minutes, "place": booking.place, "mode": booking.mode,
        "link": booking.link, "child": booking.child, "child_class": booking.child_class,
        "phone": booking.phone, "language": booking.language,
        "created": booking.created.isoformat(), "status": booking.status.value,
        "to_notify": booking.to_notify, "interpreter": booking.interpreter,
    }


def workshop_doc(workshop: Workshop) -> dict[str, Any]:
    return {"id": workshop.id, "title": workshop.title,
            "description": workshop.description, "start": workshop.start.isoformat(),
            "minutes": workshop.minutes, "place": workshop.place,
            "capacity": workshop.capacity, "languages": list(workshop.languages),
            "cancelled": workshop.cancelled,
            "translations": translations_doc(workshop.translations)}


def translations_doc(translations: Mapping[str, WorkshopTranslation]) -> dict[str, Any]:
    """A workshop's translations as stored (language → title, description, place, source)."""
    return {lang: {"title": t.title, "description": t.description, "place": t.place,
                   "source": t.source, "when": t.when.isoformat() if t.when else None}
            for lang, t in sorted(translations.items())}


def translations_of(value: object) -> dict[str, WorkshopTranslation]:
    """The translations of a stored workshop: none in a record written before workshops had
    any; an entry that is not a mapping is left out (the workshop still reads)."""
    if not isinstance(value, Mapping):
        return {}
    found = {}
    for lang, t in value.items():
        if not isinstance(t, Mapping):
            continue
        when = t.get("when")
        try:
            stamp = dt.datetime.fromisoformat(when) if isinstance(when, str) and when else None
        except ValueError:
            stamp = None
        found[str(lang)] = WorkshopTranslation(
            str(t.get("title", "")), str(t.get("description", "")), str(t.get("place", "")),
            str(t.get("source", "")), stamp)
    return found


def withdraw(db: Any, table_name: str, record_id: str, *, missing: str, already: str) -> Any:
    """Inside an open transaction: mark a slot or workshop cancelled and return its document;
    :class:`StaffError` with `missing` or `already` when it is unknown or already cancelled."""
    table = db.table(table_name)
    doc = find(table.all(), "id", record_id)
    if doc is None:
        raise StaffError(missing)
    if doc.get("cancelled"):
        raise StaffError(already)
    table.update({"cancelled": True}, doc_ids=[doc.doc_id])
    return doc


def mark_to_notify(db: Any, table_name: str, concerned: Callable[[Any], bool],
                   status: str) -> list[dict[str, Any]]:
    """Inside an open transaction: give the `concerned` documents of a table `status` and the
    "to notify" mark; returns them as they are now."""
    table = db.table(table_name)
    changes = {"status": status, "to_notify": True}
    marked = []
    for doc in table.all():
        if concerned(doc):
            table.update(changes, doc_ids=[doc.doc_id])
            marked.append({**doc, **changes})
    return marked


def codes_in(db: Any) -> set[str]:
    """Every booking and registration code of an open transaction."""
    return {d["code"] for d in db.table("bookings").all()} | {
        d["code"] for d in db.table("registrations").all()
    }
