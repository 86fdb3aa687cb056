"""``booking_ratio``: time to book a slot with five school years of history ÷ with none.

Each past school year gets a realistic ``bookings.json`` (the document shape of
:mod:`kiosk.booking.records`: 40 people, weekly slots over the year, two thirds of them booked,
workshops with registrations). The current year starts with the same people and free slots in
both stores, and bookings are made alternately in each, through
:meth:`kiosk.booking.appointments.Appointments.book` (one locked, durable transaction each).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.bench.runner import SCHOOL_YEARS_OF_HISTORY, _interleaved, figure
from kiosk.booking.codes import CODE_ALPHABET
from kiosk.booking.feature import BookingFeature, open_booking
from kiosk.booking.patterns import WeeklyPattern
from kiosk.core.config import Config
from kiosk.core.store import Store

TZ = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
YEAR = "2026-2027"
PEOPLE = 40
SLOTS_PER_PERSON_PER_YEAR = 100
WORKSHOPS_PER_YEAR = 24


def _history_year(rng: random.Random, store: Store, start_year: int) -> None:
    people: list[dict[str, Any]] = [{"id": f"p-{i:04d}", "name": f"Personne {i}", "role": "teacher",
               "classes": [rng.choice(["CP", "CE1", "CE2", "CM1", "CM2"])], "active": True}
              for i in range(PEOPLE)]
    slots: list[dict[str, Any]] = []
    bookings: list[dict[str, Any]] = []
    first = dt.datetime(start_year, 9, 7, 16, 30, tzinfo=TZ)
    for person in people:
        for n in range(SLOTS_PER_PERSON_PER_YEAR):
            start = first + dt.timedelta(days=7 * (n // 3), minutes=15 * (n % 3))
            slot_id = f"s-{person['id']}-{n}"
            slots.append({"id": slot_id, "person_id": person["id"], "start": start.isoformat(),
                          "minutes": 15, "place": "Salle 3", "mode": "school", "link": "",
                          "cancelled": False, "pattern_id": ""})
            if rng.random() < 0.66:
                bookings.append({
                    "id": f"b-{slot_id}",
                    "code": "".join(rng.choice(CODE_ALPHABET) for _ in range(6)),
                    "slot_id": slot_id, "person_id": person["id"],
                    "start": start.isoformat(), "minutes": 15, "place": "Salle 3",
                    "mode": "school", "link": "", "child": "",
                    "child_class": person["classes"][0], "phone": "", "purged": True,
                    "language": rng.choice(["fr", "ar", "tr", "ro", "zh"]),
                    "created": (start - dt.timedelta(days=5)).isoformat(),
                    "status": rng.choice(["booked"] * 9 + ["cancelled"]), "to_notify": False,
                })
    workshops: list[dict[str, Any]] = []
    registrations: list[dict[str, Any]] = []
    for w in range(WORKSHOPS_PER_YEAR):
        start = first + dt.timedelta(days=10 * w)
        workshops.append({"id": f"a-{w}", "title": f"Atelier {w}", "description": "",
                          "start": start.isoformat(), "minutes": 90, "place": "Salle",
                          "capacity": 12, "languages": ["fr"], "cancelled": False})
        for r in range(14):
            registrations.append({
                "id": f"r-{w}-{r}", "code": "".join(rng.choice(CODE_ALPHABET) for _ in range(6)),
                "workshop_id": f"a-{w}", "name": "", "phone": "", "language": "fr",
                "created": start.isoformat(), "seq": w * 100 + r,
                "status": "registered" if r < 12 else "waiting",
                "attendance": rng.choice(["present", "absent"]), "to_notify": False,
                "promoted": False, "purged": True,
            })
    with store.file("bookings").transaction() as db:
        for name, rows in (("people", people), ("slots", slots), ("bookings", bookings),
                           ("workshops", workshops), ("registrations", registrations)):
            db.table(name).insert_multiple(rows)


def seed_booking_history(root: Path, years: int = SCHOOL_YEARS_OF_HISTORY) -> None:
    rng = random.Random(17)
    start = int(YEAR[:4])
    for offset in range(1, years + 1):
        _history_year(rng, Store(root, f"{start - offset}-{start - offset + 1}"),
                      start - offset)


def _office(root: Path, rounds: int) -> BookingFeature:
    config = Config()
    office = open_booking(Store(root, YEAR), config.booking, config.tz, lambda: NOW)
    for i in range(4):
        person = office.people.add_person(f"Enseignant {i}", "teacher", ["CE1"])
        weeks = max(1, rounds // 24 + 1)
        office.slots.add_pattern(WeeklyPattern(
            person.id, i, dt.time(16, 0), dt.time(18, 0), 15, dt.date(2026, 11, 30),
            dt.date(2026, 11, 30) + dt.timedelta(weeks=weeks), place="Salle"))
    return office


@figure("booking_ratio", 1.5)
def booking_ratio(quick: bool) -> float:
    """Median time to book a slot: five school years of history ÷ empty store."""
    rounds = 30 if quick else 120
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        seed_booking_history(work / "history")
        offices = [_office(work / "history", rounds), _office(work / "empty", rounds)]
        free = [[s.id for s in office.slots.all()] for office in offices]
        counter = iter(range(10**9))

        def book(index: int) -> Callable[[], float]:
            def once() -> float:
                n = next(counter)
                slot_id = free[index].pop(0)
                name = "".join(CODE_ALPHABET[c] for c in (n % 23, n // 23 % 23, n // 529))
                start = time.perf_counter()
                offices[index].appointments.book(slot_id, child=f"Enfant {name}",
                                    child_class="CE1")
                return time.perf_counter() - start

            return once

        return _interleaved(book(0), book(1), rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
