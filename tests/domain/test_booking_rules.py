"""Booking rules that used to live in the screens, now in the domain: whether a booking can
still be changed, the staff's join of slots to bookings, the one weekly-pattern parser; and the
shape of the feature (stored words unchanged behind the enums, small classes)."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kiosk.booking
from kiosk.booking import patterns
from kiosk.booking.feature import BookingFeature
from kiosk.booking.model import (
    Attendance,
    BookingRefused,
    BookingStatus,
    NotificationKind,
    Person,
    Refusal,
    RegistrationStatus,
    StaffError,
)
from kiosk.booking.patterns import WeeklyPattern, parse_pattern
from kiosk.services import Services
from tests.support import FROZEN_NOW, Clock

TZ = FROZEN_NOW.tzinfo


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def _with_teacher(services: Services) -> tuple[BookingFeature, Person]:
    """The feature of `services`, with Mme Martin receiving parents."""
    booking = services.booking
    return booking, booking.people.add_person("Mme Martin", "enseignante", ["CE1", "CE2"])


def test_a_booking_can_be_changed_while_active_and_not_started(services: Services,
                                                               clock: Clock) -> None:
    office, teacher = _with_teacher(services)
    slot = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    booking = office.appointments.book(slot.id, child="Amina", child_class="CE1")
    assert office.appointments.can_change(booking)
    clock.current = at(26, 16, 30)  # the meeting starts: too late to move or cancel
    assert not office.appointments.can_change(booking)
    clock.current = FROZEN_NOW
    cancelled = office.appointments.cancel_booking(booking.code)
    assert not office.appointments.can_change(cancelled)
    assert not cancelled.can_change(FROZEN_NOW) and booking.can_change(FROZEN_NOW)


def test_schedule_of_a_person_joins_open_slots_to_active_bookings(services: Services,
                                                                  clock: Clock) -> None:
    office, teacher = _with_teacher(services)
    past = office.slots.add_slot(teacher.id, at(23, 9), 15)  # ended by 10:00
    booked = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    freed = office.slots.add_slot(teacher.id, at(26, 16, 45), 15)
    withdrawn = office.slots.add_slot(teacher.id, at(27, 17), 15)
    other = office.people.add_person("M. Petit", "enseignant", ["CP"])
    office.slots.add_slot(other.id, at(26, 16, 30), 15)
    kept = office.appointments.book(booked.id, child="Amina", child_class="CE1")
    gone = office.appointments.book(freed.id, child="Lucas", child_class="CE2")
    office.appointments.cancel_booking(gone.code)
    office.slots.cancel_slot(withdrawn.id)
    schedule = office.appointments.schedule_of(teacher.id)
    assert [(a.slot.id, a.booking.code if a.booking else None) for a in schedule] == [
        (booked.id, kept.code), (freed.id, None)]
    assert past.id not in {a.slot.id for a in schedule}
    assert {a.person.id for a in schedule} == {teacher.id}
    assert office.appointments.schedule_of("p-unknown") == []


def test_booked_by_person_keeps_the_active_bookings_of_the_day(services: Services) -> None:
    office, teacher = _with_teacher(services)
    other = office.people.add_person("M. Petit", "enseignant", ["CP"])
    first = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    office.slots.add_slot(teacher.id, at(26, 16, 45), 15)  # free: not on the list
    withdrawn = office.slots.add_slot(other.id, at(26, 17), 15)
    next_day = office.slots.add_slot(other.id, at(27, 17), 15)
    office.appointments.book(first.id, child="Amina", child_class="CE1")
    office.appointments.book(withdrawn.id, child="Hugo", child_class="CP")
    office.appointments.book(next_day.id, child="Lina", child_class="CP")
    office.slots.cancel_slot(withdrawn.id)  # kept "to notify", but no meeting to print
    lists = office.appointments.booked_by_person(dt.date(2026, 11, 26))
    assert {name: [a.booking.child for a in items if a.booking]
            for name, items in lists.items()} == {"Mme Martin": ["Amina"]}
    assert office.appointments.booked_by_person(dt.date(2026, 11, 28)) == {}


def test_one_parser_reads_a_weekly_pattern_from_typed_words() -> None:
    pattern = parse_pattern(
        "p-1", weekday="Mardi", start="16h30", end="18:00", minutes="15",
        first="02/12/2026", last="2026-12-22", exceptions=["09/12/2026; 16/12/2026", ""],
        place="Salle 3", mode="visio", link="https://example.org/r",
    )
    assert pattern == WeeklyPattern(
        "p-1", 1, dt.time(16, 30), dt.time(18), 15, dt.date(2026, 12, 2), dt.date(2026, 12, 22),
        frozenset({dt.date(2026, 12, 9), dt.date(2026, 12, 16)}), "Salle 3", "video",
        "https://example.org/r")
    assert parse_pattern("p-1", weekday="lundi", start="9:00", end="10:00", minutes=20,
                         first="01/12/2026", last="01/12/2026").mode == "school"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("minutes", "quinze", "Minutes : un nombre entier."),
    ("weekday", "mardo", "jour inconnu « mardo »"),
    ("start", "25:00", "heure illisible « 25:00 »"),
    ("first", "31/02/2026", "date illisible « 31/02/2026 »"),
    ("mode", "pigeon", "mode inconnu « pigeon »"),
])
def test_the_pattern_parser_names_the_bad_word(field: str, value: str, message: str) -> None:
    words: dict[str, str] = {"weekday": "mardi", "start": "16:30", "end": "18:00",
                             "minutes": "15", "first": "01/12/2026", "last": "22/12/2026",
                             "mode": "école"}
    words[field] = value
    with pytest.raises(StaffError, match=message):
        parse_pattern("p-1", **words)


def test_the_command_and_the_staff_screen_call_the_one_parser() -> None:
    from kiosk.commands import booking as command
    from screens.staff import booking as screen

    for module in (command, screen):
        source = inspect.getsource(module)
        assert "parse_pattern(" in source and "WeeklyPattern(" not in source
        assert "parse_weekday" not in source
    assert "WeeklyPattern(" in inspect.getsource(patterns)


def test_stored_words_are_unchanged_behind_the_enums(services: Services) -> None:
    office, teacher = _with_teacher(services)
    assert [s.value for s in BookingStatus] == ["booked", "cancelled", "slot_cancelled"]
    assert [s.value for s in RegistrationStatus] == [
        "registered", "waiting", "cancelled", "workshop_cancelled"]
    assert [a.value for a in Attendance] == ["", "present", "absent"]
    assert [k.value for k in NotificationKind] == ["booking", "registration"]
    slot = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    booking = office.appointments.book(slot.id, child="Amina", child_class="CE1")
    workshop = office.workshops.add_workshop("Atelier", at(28, 9), 60, "Salle", 1)
    first = office.workshops.register(workshop.id, name="Awa")
    office.workshops.register(workshop.id, name="Ion")
    office.workshops.set_attendance(first.id, "present")
    raw = office.file.snapshot()
    assert [d["status"] for d in raw["bookings"].values()] == ["booked"]
    assert [(d["status"], d["attendance"]) for d in raw["registrations"].values()] == [
        ("registered", "present"), ("waiting", "")]
    assert all(type(d["status"]) is str for d in raw["registrations"].values())
    word: str = "booked"
    assert booking.status is BookingStatus.BOOKED and booking.status == word
    [read] = [r for r in office.workshops.registrations(workshop.id) if r.id == first.id]
    assert read.attendance is Attendance.PRESENT


def test_refusals_are_enum_members_with_their_messages() -> None:
    refused = BookingRefused("too_soon")
    word: str = "too_soon"
    assert refused.reason is Refusal.TOO_SOON and refused.reason == word
    assert refused.message and refused.next_step
    assert set(BookingRefused.MESSAGES) == set(Refusal)
    with pytest.raises(ValueError):
        BookingRefused("no such reason")


def test_the_feature_has_small_classes_and_modules() -> None:
    folder = Path(kiosk.booking.__file__).parent
    for path in sorted(folder.glob("*.py")):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path.name
    from kiosk.booking import (
        appointments,
        calendar,
        codes,
        notices,
        people,
        slots,
        transfer,
        workshops,
    )

    for cls in (people.People, slots.Slots, appointments.Appointments, workshops.Workshops,
                codes.Codes, notices.Notices, calendar.Calendar, transfer.Transfer,
                BookingFeature):
        methods = [name for name, _ in inspect.getmembers(cls, inspect.isfunction)
                   if name in vars(cls)]
        assert len(methods) <= 25, (cls.__name__, len(methods))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 200), st.integers(1, 30)),
                max_size=40))
def test_the_slot_agenda_finds_every_overlap(intervals: list[tuple[int, int, int]]) -> None:
    """The agenda's binary search says what a pass over every slot would say."""
    from kiosk.booking.slots import SlotAgenda

    base = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    agenda = SlotAgenda([], {"p0", "p1", "p2"}, dt.datetime.fromisoformat)
    kept: list[tuple[str, dt.datetime, dt.datetime]] = []
    for who, offset, length in intervals:
        person = f"p{who}"
        start = base + dt.timedelta(minutes=5 * offset)
        end = start + dt.timedelta(minutes=5 * length)
        brute = [s for p, s, e in kept if p == person and start < e and s < end]
        found = agenda.overlap(person, start, end)
        assert (found is None) == (not brute)
        if found is not None:
            assert found in brute
        else:
            agenda.add(person, start, end)
            kept.append((person, start, end))
