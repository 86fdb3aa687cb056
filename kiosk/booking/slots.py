"""The times people offer for meetings: added one by one, from a weekly pattern or a CSV
file; the free ones parents may book; withdrawn by staff (the booking on a withdrawn slot is
kept and marked "to notify")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from kiosk.booking.model import MODES, Booking, BookingStatus, Person, Slot, StaffError
from kiosk.booking.patterns import WeeklyPattern
from kiosk.booking.people import People
from kiosk.booking.records import (
    BookingRecords,
    Recorder,
    find,
    mark_to_notify,
    new_id,
    no_record,
    slot_doc,
    withdraw,
)
from kiosk.booking.words import WEEKDAY_NAMES
from kiosk.core.config import BookingSettings
from kiosk.core.i18n import strip_controls

BOOKED = BookingStatus.BOOKED


class Slots:
    """People's slots: staff add and withdraw them, parents see the free ones."""

    def __init__(self, records: BookingRecords, people: People, settings: BookingSettings,
                 now: Callable[[], dt.datetime], record: Recorder = no_record) -> None:
        self._records = records
        self._people = people
        self._settings = settings
        self._now = now
        self._record = record

    # -- reading -------------------------------------------------------------------------------

    def all(self, person_id: str | None = None, *, include_cancelled: bool = False
              ) -> list[Slot]:
        found = [self._records.slot(d) for d in self._records.rows("slots")]
        return sorted(
            (s for s in found if (person_id is None or s.person_id == person_id)
             and (include_cancelled or not s.cancelled)),
            key=lambda s: s.start,
        )

    def slot(self, slot_id: str) -> Slot | None:
        doc = find(self._records.rows("slots"), "id", slot_id)
        return self._records.slot(doc) if doc else None

    def earliest_bookable(self) -> dt.datetime:
        """The earliest start a parent may book now (``[booking] lead_time_hours`` ahead)."""
        return self._now() + dt.timedelta(hours=self._settings.lead_time_hours)

    def _free_docs(self, tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """Slot documents open, not booked and far enough ahead."""
        taken = {b["slot_id"] for b in tables["bookings"] if b["status"] == BOOKED}
        limit = self.earliest_bookable()
        return [d for d in tables["slots"] if not d.get("cancelled") and d["id"] not in taken
                and self._records.time(d["start"]) >= limit]

    def free_slots(self, person_id: str, day: dt.date | None = None) -> list[Slot]:
        """Slots a parent may book now: open, not booked, far enough ahead."""
        found = [self._records.slot(d) for d in self._free_docs(self._records.tables())
                 if d["person_id"] == person_id]
        return sorted((s for s in found if day is None or s.day == day), key=lambda s: s.start)

    def free_days(self, person_id: str) -> list[tuple[dt.date, int]]:
        """Days with free slots for `person_id`, with how many."""
        counts: dict[dt.date, int] = {}
        for slot in self.free_slots(person_id):
            counts[slot.day] = counts.get(slot.day, 0) + 1
        return sorted(counts.items())

    def people_with_free_slots(self) -> list[tuple[Person, int]]:
        """Everyone who receives parents, with how many slots parents may book now."""
        counts: dict[str, int] = {}
        for doc in self._free_docs(self._records.tables()):
            counts[doc["person_id"]] = counts.get(doc["person_id"], 0) + 1
        return [(p, counts.get(p.id, 0)) for p in self._people.all()]

    # -- staff's changes -----------------------------------------------------------------------

    def check_slot(self, slot: Slot, existing: Sequence[dict[str, Any]],
                   people: Sequence[dict[str, Any]]) -> str | None:
        """Why `slot` cannot be added next to `existing` slot documents (None: it can)."""
        if not any(p["id"] == slot.person_id for p in people):
            return "personne inconnue"
        if not 5 <= slot.minutes <= 240:
            return "durée entre 5 et 240 minutes"
        if slot.mode not in MODES:
            return "mode inconnu (école, téléphone ou visio)"
        if slot.mode == "video" and not re.fullmatch(r"https?://\S+", slot.link):
            return "une visio demande un lien https://…"
        for doc in existing:
            if doc["person_id"] != slot.person_id or doc.get("cancelled"):
                continue
            other_start = self._records.time(doc["start"])
            other_end = other_start + dt.timedelta(minutes=int(doc["minutes"]))
            if slot.start < other_end and other_start < slot.end:
                when = other_start.strftime("%d/%m/%Y %H:%M")
                return f"chevauche un créneau existant ({when})"
        return None

    def add_slots(self, slots: Sequence[Slot], *, pattern: dict[str, Any] | None = None
                  ) -> list[Slot]:
        """Staff: add slots (all or none); raises :class:`StaffError` naming the first bad one."""
        with self._records.file.transaction() as db:
            table = db.table("slots")
            existing: list[dict[str, Any]] = [dict(d) for d in table.all()]
            people = list(db.table("people").all())
            docs = []
            for slot in slots:
                problem = self.check_slot(slot, existing, people)
                if problem:
                    raise StaffError(f"{slot.start:%d/%m/%Y %H:%M} : {problem}.")
                doc = slot_doc(slot)
                existing.append(doc)
                docs.append(doc)
            table.insert_multiple(docs)
            if pattern is not None:
                db.table("patterns").insert(pattern)
        return list(slots)

    def add_slot(self, person_id: str, start: dt.datetime, minutes: int, *, place: str = "",
                 mode: str = "school", link: str = "") -> Slot:
        """Staff: one slot."""
        slot = Slot(new_id("s"), person_id, start.astimezone(self._records.tz), minutes,
                    strip_controls(place).strip(), mode, link.strip())
        self.add_slots([slot])
        self._record("slot.add",
                    f"{self._records.person_name(person_id)} {start:%d/%m/%Y %H:%M}")
        return slot

    def add_pattern(self, pattern: WeeklyPattern) -> list[Slot]:
        """Staff: every slot of a weekly pattern (all or none)."""
        pattern_id = new_id("w")
        slots = [
            Slot(new_id("s"), pattern.person_id, start, pattern.minutes,
                 strip_controls(pattern.place).strip(), pattern.mode, pattern.link.strip(),
                 pattern_id=pattern_id)
            for start in pattern.starts(self._records.tz)
        ]
        if not slots:
            raise StaffError("Ce modèle ne donne aucun créneau (vérifiez le jour et les dates).")
        self.add_slots(slots, pattern=pattern.document(pattern_id))
        self._record(
            "slot.pattern",
            f"{self._records.person_name(pattern.person_id)} : {len(slots)} créneaux le "
            f"{WEEKDAY_NAMES[pattern.weekday]} du {pattern.first_day:%d/%m/%Y} au "
            f"{pattern.last_day:%d/%m/%Y}",
        )
        return slots

    def cancel_slot(self, slot_id: str) -> Booking | None:
        """Staff: withdraw a slot; its booking (if any) is kept and marked "to notify"."""
        with self._records.file.transaction() as db:
            doc = withdraw(db, "slots", slot_id, missing="Créneau introuvable.",
                           already="Ce créneau est déjà annulé.")
            marked = mark_to_notify(
                db, "bookings", lambda b: b["slot_id"] == slot_id and b["status"] == BOOKED,
                BookingStatus.SLOT_CANCELLED.value)
        affected = self._records.booking(marked[-1]) if marked else None
        slot = self._records.slot(doc)
        detail = f"{self._records.person_name(slot.person_id)} {slot.start:%d/%m/%Y %H:%M}"
        if affected:
            detail += f" (rendez-vous {affected.code} à prévenir)"
        self._record("slot.cancel", detail)
        return affected
