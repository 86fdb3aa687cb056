"""Families staff must contact: a slot or workshop the school cancelled, a place freed for
someone on a waiting list. Nothing is deleted silently: such records stay, marked "to notify",
until staff say the family was told."""

from __future__ import annotations

from kiosk.booking.model import Notification, NotificationKind, RegistrationStatus, StaffError
from kiosk.booking.records import BookingRecords, Recorder, find, no_record

#: Set on a registration when its workshop moved or changed (kiosk.booking.workshops).
CHANGED = "workshop_changed"


class Notices:
    """The staff dashboard's "families to notify"."""

    def __init__(self, records: BookingRecords, record: Recorder = no_record) -> None:
        self._records = records
        self._record = record

    def to_notify(self) -> list[Notification]:
        """Families staff must contact: cancelled slots and workshops, waitlist promotions."""
        tables = self._records.tables()
        people = {d["id"]: d["name"] for d in tables["people"]}
        workshops = {d["id"]: d for d in tables["workshops"]}
        found: list[Notification] = []
        for doc in tables["bookings"]:
            if not doc.get("to_notify"):
                continue
            booking = self._records.booking(doc)
            found.append(Notification(
                NotificationKind.BOOKING, booking.id, booking.code,
                f"{booking.child} ({booking.child_class})", booking.phone,
                f"Rendez-vous avec {people.get(booking.person_id, '?')} le "
                f"{booking.start:%d/%m/%Y à %H:%M}",
                "créneau annulé par l'école", booking.start,
            ))
        for doc in tables["registrations"]:
            if not doc.get("to_notify"):
                continue
            reg = self._records.registration(doc)
            wdoc = workshops.get(reg.workshop_id)
            title = wdoc["title"] if wdoc else "?"
            start = self._records.time(wdoc["start"]) if wdoc else reg.created
            why = ("atelier annulé" if reg.status == RegistrationStatus.WORKSHOP_CANCELLED
                   else "atelier déplacé ou modifié" if doc.get("notify_why") == CHANGED
                   else "place libérée : inscrit depuis la liste d'attente")
            found.append(Notification(
                NotificationKind.REGISTRATION, reg.id, reg.code, reg.name, reg.phone,
                f"Atelier « {title} » le {start:%d/%m/%Y à %H:%M}", why, start,
            ))
        return sorted(found, key=lambda n: n.when)

    def mark_notified(self, kind: NotificationKind | str, record_id: str) -> None:
        """Staff told the family: the line leaves the dashboard."""
        table_name = "bookings" if kind == NotificationKind.BOOKING else "registrations"
        with self._records.file.transaction() as db:
            table = db.table(table_name)
            doc = find(table.all(), "id", record_id)
            if doc is None:
                raise StaffError("Introuvable.")
            table.update({"to_notify": False}, doc_ids=[doc.doc_id])
        self._record("notify.done", f"{table_name} {doc['code']}")
