"""The times people offer for meetings: added one by one, from a weekly pattern or a CSV
file; the free ones parents may book; withdrawn by staff (the booking on a withdrawn slot is
kept and marked "to notify")."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
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
from kiosk.core.text import single_line

BOOKED = BookingStatus.BOOKED


class SlotAgenda:
    """Each person's open slots as time intervals sorted by start, so that whether a new slot
    overlaps one is a binary search, not a pass over every slot (importing 4,000 slots was
    quadratic). The slots of one person never overlap (every slot is added through here)."""

    def __init__(self, docs: Iterable[dict[str, Any]], people: set[str],
                 time: Callable[[str], dt.datetime]) -> None:
        self._people = people
        self._starts: dict[str, list[dt.datetime]] = {}
        self._ends: dict[str, list[dt.datetime]] = {}
        for doc in docs:
            if not doc.get("cancelled"):
                start = time(doc["start"])
                self.add(doc["person_id"], start,
                         start + dt.timedelta(minutes=int(doc["minutes"])))

    def knows(self, person_id: str) -> bool:
        return person_id in self._people

    def overlap(self, person_id: str, start: dt.datetime, end: dt.datetime
                ) -> dt.datetime | None:
        """The start of a slot of `person_id` that [start, end) overlaps, or None."""
        starts = self._starts.get(person_id, [])
        ends = self._ends.get(person_id, [])
        index = bisect.bisect_right(starts, start)
        if index > 0 and ends[index - 1] > start:
            return starts[index - 1]
        if index < len(starts) and starts[index] < end:
            return starts[index]
        return None

    def add(self, person_id: str, start: dt.datetime, end: dt.datetime) -> None:
        starts = self._starts.setdefault(person_id, [])
        index = bisect.bisect_right(starts, start)
        starts.insert(index, start)
        self._ends.setdefault(person_id, []).insert(index, end)


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

    def agenda(self, docs: Sequence[dict[str, Any]], people: Sequence[dict[str, Any]]
               ) -> SlotAgenda:
        """Where new slots may go, next to the slot documents `docs`."""
        return SlotAgenda(docs, {p["id"] for p in people}, self._records.time)

    @staticmethod
    def check_slot(slot: Slot, agenda: SlotAgenda) -> str | None:
        """Why `slot` cannot be added to `agenda` (None: it can)."""
        if not agenda.knows(slot.person_id):
            return "personne inconnue"
        if not 5 <= slot.minutes <= 240:
            return "durée entre 5 et 240 minutes"
        if slot.mode not in MODES:
            return "mode inconnu (école, téléphone ou visio)"
        if slot.mode == "video" and not re.fullmatch(r"https?://\S+", slot.link):
            return "une visio demande un lien https://…"
        clash = agenda.overlap(slot.person_id, slot.start, slot.end)
        if clash is not None:
            return f"chevauche un créneau existant ({clash:%d/%m/%Y %H:%M})"
        return None

    def add_slots(self, slots: Sequence[Slot], *, pattern: dict[str, Any] | None = None
                  ) -> list[Slot]:
        """Staff: add slots (all or none); raises :class:`StaffError` naming the first bad one."""
        with self._records.file.transaction() as db:
            table = db.table("slots")
            agenda = self.agenda(table.all(), db.table("people").all())
            docs = []
            for slot in slots:
                problem = self.check_slot(slot, agenda)
                if problem:
                    raise StaffError(f"{slot.start:%d/%m/%Y %H:%M} : {problem}.")
                agenda.add(slot.person_id, slot.start, slot.end)
                docs.append(slot_doc(slot))
            table.insert_multiple(docs)
            if pattern is not None:
                db.table("patterns").insert(pattern)
        return list(slots)

    def add_slot(self, person_id: str, start: dt.datetime, minutes: int, *, place: str = "",
                 mode: str = "school", link: str = "") -> Slot:
        """Staff: one slot."""
        slot = Slot(new_id("s"), person_id, start.astimezone(self._records.tz), minutes,
                    single_line(place).strip(), mode, single_line(link).strip())
        self.add_slots([slot])
        self._record("slot.add",
                    f"{self._records.person_name(person_id)} {start:%d/%m/%Y %H:%M}")
        return slot

    def add_pattern(self, pattern: WeeklyPattern) -> list[Slot]:
        """Staff: every slot of a weekly pattern (all or none)."""
        pattern_id = new_id("w")
        slots = [
            Slot(new_id("s"), pattern.person_id, start, pattern.minutes,
                 pattern.place, pattern.mode, pattern.link,
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
