"""The demo school's people, slots over the coming weeks, workshops (translated into every
language) and a few bookings (content in ``data/demo/booking.toml`` and
``data/demo/workshop_translations.toml``)."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import TYPE_CHECKING, Any

from kiosk.booking.model import Slot
from kiosk.booking.patterns import WeeklyPattern, wall
from kiosk.booking.records import new_id
from kiosk.booking.words import parse_clock, parse_weekday
from kiosk.core import paths
from kiosk.core.school_texts import Status, TextUpdate

if TYPE_CHECKING:
    from kiosk.booking.feature import BookingFeature
    from kiosk.services import Services

DEMO_WEEKS = 3


def seed_demo(services: Services, today: dt.date) -> None:
    """The demo school's people, slots over the coming weeks and workshops (idempotent)."""
    content = tomllib.loads((paths.DEMO_DIR / "booking.toml").read_text(encoding="utf-8"))
    booking = services.booking
    _seed_slots(booking, content.get("people", []), today)
    _seed_workshops(booking, content.get("workshops", []), today)
    _seed_workshop_translations(booking)
    if not booking.appointments.bookings():
        for child, who in (("Lina", "Mme Benali"), ("Hugo", "M. Petit")):
            found = booking.people.find_person(who)
            free = booking.slots.free_slots(found.id) if found else []
            if found and free:
                booking.appointments.book(free[0].id, child=child,
                                          child_class=found.classes[0], language="fr")


def _seed_slots(booking: BookingFeature, people: list[dict[str, Any]], today: dt.date) -> None:
    existing = {p.name: p for p in booking.people.all()}
    first = today + dt.timedelta(days=1)
    last = today + dt.timedelta(weeks=DEMO_WEEKS)
    new_slots: list[Slot] = []
    for entry in people:
        person = existing.get(entry["name"])
        if person is None:
            person = booking.people.add_person(entry["name"], entry["role"],
                                               entry.get("classes", []))
        for rule in entry.get("patterns", []):
            pattern = WeeklyPattern(
                person.id, parse_weekday(rule["weekday"]), parse_clock(rule["start"]),
                parse_clock(rule["end"]), int(rule["minutes"]), first, last,
                place=rule.get("place", ""), mode=rule.get("mode", "school"),
                link=rule.get("link", ""),
            )
            new_slots += [Slot(new_id("s"), person.id, start, pattern.minutes, pattern.place,
                               pattern.mode, pattern.link) for start in pattern.starts(booking.tz)]
    taken = {(s.person_id, s.start) for s in booking.slots.all(include_cancelled=True)}
    booking.slots.add_slots([s for s in new_slots if (s.person_id, s.start) not in taken])


def _seed_workshops(booking: BookingFeature, workshops: list[dict[str, Any]],
                    today: dt.date) -> None:
    upcoming = {w.title for w in booking.workshops.upcoming()}
    for entry in workshops:
        if entry["title"] in upcoming:
            continue
        day = today + dt.timedelta(days=int(entry["in_days"]))
        start = wall(dt.datetime.combine(day, parse_clock(entry["start"])), booking.tz)
        workshop = booking.workshops.add_workshop(
            entry["title"], start, int(entry["minutes"]), entry.get("place", ""),
            int(entry["capacity"]), description=entry.get("description", ""),
            languages=entry.get("languages", []),
        )
        for name in entry.get("registrations", []):
            booking.workshops.register(workshop.id, name=name, language="fr")


TRANSLATIONS_FILE = "workshop_translations.toml"


def _seed_workshop_translations(booking: BookingFeature) -> None:
    """The demo workshops' translations (``data/demo/workshop_translations.toml``), for the
    upcoming workshops whose translation is not current (a demo folder seeded before there
    were translations gets them too)."""
    content = tomllib.loads((paths.DEMO_DIR / TRANSLATIONS_FILE).read_text(encoding="utf-8"))
    updates = [
        TextUpdate(workshop.id, lang, {k: str(v) for k, v in fields.items()})
        for workshop in booking.workshops.upcoming()
        for lang, fields in content.get(workshop.title, {}).items()
        if workshop.status(lang) is not Status.TRANSLATED
    ]
    if updates:
        booking.workshops.apply_translations(updates)
