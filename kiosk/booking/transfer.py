"""Slots and workshops imported from CSV files (all or nothing, every bad line named), and the
rows of ``kiosk export bookings|workshops`` (French column names)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kiosk.booking.appointments import Appointments
from kiosk.booking.model import (
    ATTENDANCE_STAFF,
    MODE_STAFF,
    STATUS_STAFF,
    ImportProblem,
    ImportRefused,
    Person,
    Registration,
    Slot,
    StaffError,
    Workshop,
)
from kiosk.booking.patterns import wall
from kiosk.booking.people import People
from kiosk.booking.records import BookingRecords, Recorder, new_id, no_record
from kiosk.booking.slots import Slots
from kiosk.booking.words import fold, parse_clock, parse_day, parse_int, parse_mode
from kiosk.booking.workshops import Workshops
from kiosk.core.languages import language_name_fr
from kiosk.core.text import single_line

#: Columns of ``kiosk import slots``: person (name or id), date (JJ/MM/AAAA or AAAA-MM-JJ),
#: start (HH:MM), minutes, place, mode (école / téléphone / visio), link (for a visio).
SLOT_COLUMNS = ("person", "date", "start", "minutes", "place", "mode", "link")
SLOT_REQUIRED = ("person", "date", "start", "minutes")
#: Columns of ``kiosk import workshops``.
WORKSHOP_COLUMNS = ("title", "description", "date", "start", "minutes", "place", "capacity",
                    "languages")
WORKSHOP_REQUIRED = ("title", "date", "start", "minutes", "capacity")
#: French headers accepted as well.
_HEADER_WORDS = {
    "personne": "person", "date": "date", "debut": "start", "heure": "start",
    "duree": "minutes", "lieu": "place", "salle": "place", "lien": "link",
    "titre": "title", "places": "capacity", "capacite": "capacity", "langues": "languages",
}

Row = dict[str, str]
T = TypeVar("T")


class Transfer:
    """CSV imports and exports of the booking feature, for staff."""

    def __init__(self, records: BookingRecords, people: People, slots: Slots,
                 appointments: Appointments, workshops: Workshops,
                 record: Recorder = no_record) -> None:
        self._records = records
        self._people = people
        self._slots = slots
        self._appointments = appointments
        self._workshops = workshops
        self._record = record

    def _start(self, row: Row) -> dt.datetime:
        day, clock = parse_day(row["date"]), parse_clock(row["start"])
        return wall(dt.datetime.combine(day, clock), self._records.tz)

    # -- imports ---------------------------------------------------------------------------------

    def import_slots(self, text: str) -> list[Slot]:
        """Staff: slots from CSV text (see :data:`SLOT_COLUMNS`); all or nothing."""
        rows, problems = csv_rows(text, SLOT_COLUMNS, SLOT_REQUIRED)
        tables = self._records.tables()
        agenda = self._slots.agenda(tables["slots"], tables["people"])
        find_person = self._people.finder()

        def read(row: Row) -> Slot:
            slot = self._slot_of(row, find_person)
            problem = self._slots.check_slot(slot, agenda)
            if problem:
                raise StaffError(problem)
            agenda.add(slot.person_id, slot.start, slot.end)
            return slot

        slots = _all_or_nothing(rows, problems, read, "le fichier ne contient aucun créneau")
        self._slots.add_slots(slots)
        self._record("slot.import", f"{len(slots)} créneaux importés")
        return slots

    def _slot_of(self, row: Row, find_person: Callable[[str], Person | None]) -> Slot:
        person = find_person(row["person"])
        if person is None:
            raise StaffError(f"personne inconnue « {row['person']} »")
        start = self._start(row)
        minutes = parse_int(row["minutes"], "minutes")
        mode = parse_mode(row.get("mode") or "school")
        return Slot(new_id("s"), person.id, start, minutes,
                    single_line(row.get("place", "")).strip(), mode,
                    single_line(row.get("link") or "").strip())

    def import_workshops(self, text: str) -> list[Workshop]:
        """Staff: workshops from CSV text (see :data:`WORKSHOP_COLUMNS`); all or nothing."""
        rows, problems = csv_rows(text, WORKSHOP_COLUMNS, WORKSHOP_REQUIRED)

        def read(row: Row) -> Workshop:
            return self._workshops.new_workshop(
                row["title"], self._start(row), parse_int(row["minutes"], "minutes"),
                row.get("place", ""), parse_int(row["capacity"], "places"),
                description=row.get("description", ""),
                languages=re.split(r"[\s,|/]+", row.get("languages", "") or ""),
            )

        found = _all_or_nothing(rows, problems, read, "le fichier ne contient aucun atelier")
        self._workshops.insert(found)
        self._record("workshop.import", f"{len(found)} ateliers importés")
        return found

    # -- exports ---------------------------------------------------------------------------------

    def export_rows(self, kind: str) -> list[dict[str, Any]]:
        """Rows for ``kiosk export bookings|workshops`` (French column names)."""
        if kind == "bookings":
            return self._booking_rows()
        return self._workshop_rows()

    def _booking_rows(self) -> list[dict[str, Any]]:
        people = {p.id: p for p in self._people.all(include_inactive=True)}
        return [
            {"code": b.code,
             "personne": people[b.person_id].name if b.person_id in people else "",
             "date": b.start.date().isoformat(), "heure": f"{b.start:%H:%M}",
             "minutes": b.minutes, "lieu": b.place, "mode": MODE_STAFF.get(b.mode, b.mode),
             "enfant": b.child, "classe": b.child_class, "telephone": b.phone,
             "langue": b.language, "langue_nom": language_name_fr(b.language),
             "interprete": "oui" if b.interpreter else "non",
             "etat": STATUS_STAFF.get(b.status, b.status),
             "a_prevenir": "oui" if b.to_notify else "non"}
            for b in self._appointments.bookings()
        ]

    def _workshop_rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for w in self._workshops.all():
            regs: list[Registration | None] = list(self._workshops.registrations(w.id)) or [None]
            for r in regs:
                rows.append({
                    "atelier": w.title, "date": w.start.date().isoformat(),
                    "heure": f"{w.start:%H:%M}", "minutes": w.minutes, "lieu": w.place,
                    "places": w.capacity, "annule": "oui" if w.cancelled else "non",
                    "code": r.code if r else "", "nom": r.name if r else "",
                    "telephone": r.phone if r else "", "langue": r.language if r else "",
                    "langue_nom": language_name_fr(r.language) if r else "",
                    "interprete": ("oui" if r.interpreter else "non") if r else "",
                    "etat": STATUS_STAFF.get(r.status, r.status.value) if r else "",
                    "attente": r.position if r and r.position else "",
                    "presence": ATTENDANCE_STAFF.get(r.attendance, "") if r else "",
                })
        return rows


def _all_or_nothing(rows: list[tuple[int, Row]], problems: list[ImportProblem],
                     read: Callable[[Row], T], empty: str) -> list[T]:
    """Every row read by `read`, or :class:`ImportRefused` with every bad line."""
    found: list[T] = []
    for line, row in rows:
        try:
            found.append(read(row))
        except StaffError as exc:
            problems.append(ImportProblem(line, str(exc)))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: p.line))
    if not found:
        raise ImportRefused([ImportProblem(1, empty)])
    return found


def _header(first: list[str], columns: Sequence[str], required: Sequence[str]) -> list[str]:
    """The column keys of a header line (French words accepted), or :class:`ImportRefused`."""
    header = [_HEADER_WORDS.get(fold(name), fold(name)) for name in first]
    unknown = [h for h in header if h not in columns]
    missing = [c for c in required if c not in header]
    if unknown or missing:
        why = []
        if unknown:
            why.append("colonnes inconnues : " + ", ".join(unknown))
        if missing:
            why.append("colonnes manquantes : " + ", ".join(missing))
        raise ImportRefused([ImportProblem(
            1, "; ".join(why) + " (attendu : " + ";".join(columns) + ")")])
    return header


def csv_rows(text: str, columns: Sequence[str], required: Sequence[str]
             ) -> tuple[list[tuple[int, Row]], list[ImportProblem]]:
    """The rows of a CSV text (``;`` or ``,``), numbered by line, and its bad lines."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ImportRefused([ImportProblem(1, "il manque la ligne d'en-tête ("
                                           + ";".join(columns) + ")")])
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # a lone CR in a cell
    header = _header(next(reader), columns, required)
    rows: list[tuple[int, Row]] = []
    problems: list[ImportProblem] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            problems.append(ImportProblem(
                line, f"{len(record)} colonnes au lieu de {len(header)}"))
            continue
        row = {name: (record[i].strip() if i < len(record) else "")
               for i, name in enumerate(header)}
        empty = [c for c in required if not row.get(c)]
        if empty:
            problems.append(ImportProblem(line, "valeur manquante : " + ", ".join(empty)))
            continue
        rows.append((line, row))
    return rows, problems
