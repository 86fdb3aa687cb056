"""One cleaning rule for every text that enters the domain (issue 16, "control bytes").

Whatever staff or a parent type, paste or import — an ESC sequence, a BEL, NUL, C1 controls,
Unicode line separators — what the kiosk stores holds no control character but the newline of
a text that has several lines. Each feature's way in is driven with hostile text in every
field; afterwards every string in every data file on disk is checked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.announcements.model import AnnouncementError
from kiosk.booking.model import BookingRefused, ImportRefused, InputProblem, StaffError
from kiosk.booking.patterns import WeeklyPattern
from kiosk.services import Services

#: Characters a terminal or a printer would obey, mixed with letters a school really types.
HOSTILE = st.lists(
    st.sampled_from([*"Aé ب中-:/.\n\t", "\x1b", "\x07", "\x00", "\x9b", "\x85", "\u2028",
                     "\r", "\x1b]0;pwned\x07"]),
    max_size=12,
).map("".join)
REFUSED = (StaffError, InputProblem, BookingRefused, ImportRefused, AnnouncementError,
           ValueError)
CONTROL = {chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]} - {"\n"}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _stored_strings(data_dir: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(data_dir.rglob("*.json")):
        with contextlib.suppress(ValueError):
            for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
                yield path.name, text


def _attempt(action: Any) -> None:
    with contextlib.suppress(*REFUSED):
        action()


def _every_way_in(services: Services, text: str) -> None:
    booking = services.booking
    start = services.now().replace(hour=9, minute=0, second=0, microsecond=0)
    _attempt(lambda: booking.people.add_person(text or "x", "teacher", [text]))
    person = booking.people.add_person(f"Mme {len(booking.people.all())}", "teacher", ["CE1"])
    day = 2 + len(booking.slots.all())
    _attempt(lambda: booking.slots.add_slot(person.id, start + dt.timedelta(days=day), 15,
                                            place=text, mode="video", link="https://x/" + text))
    _attempt(lambda: booking.slots.add_slot(person.id, start + dt.timedelta(days=day, hours=1),
                                            15, place=text))
    _attempt(lambda: booking.slots.add_pattern(WeeklyPattern(
        person.id, 2, dt.time(16, 0), dt.time(16, 30), 15, start.date() + dt.timedelta(days=60),
        start.date() + dt.timedelta(days=66), place=text, mode="video",
        link="https://x/" + text)))
    csv_text = ("person;date;start;minutes;place;mode;link\n"
                f"{person.name};{(start + dt.timedelta(days=90)):%d/%m/%Y};10:00;15;"
                f"{text.replace(';', ' ')};video;https://x/{text.replace(';', '')}")
    _attempt(lambda: booking.transfer.import_slots(csv_text))
    _attempt(lambda: booking.workshops.add_workshop(
        text or "x", start + dt.timedelta(days=30), 60, text, 10, description=text))
    for slot in booking.slots.free_slots(person.id)[:1]:
        _attempt(lambda slot=slot: booking.appointments.book(
            slot.id, child=f"Amina{text}", child_class=text or "CE1", phone="06 12 34 56 78"))
    for workshop in booking.workshops.upcoming()[:1]:
        _attempt(lambda w=workshop: booking.workshops.register(w.id, name=f"Ali{text}"))
    book = services.announcements
    _attempt(lambda: book.write(title=text or "x", text=f"Bonjour\n{text}"))
    for announcement in book.all()[:1]:
        _attempt(lambda a=announcement: book.translate(a.id, "en", text or "x", text or "y"))
    services.help_requests.request(text)
    services.audit.record(text, text)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_no_control_character_is_ever_stored(services: Services, text: str) -> None:
    _every_way_in(services, text)
    for name, stored in _stored_strings(services.data_dir):
        assert not CONTROL & set(stored), (name, stored)


def test_the_check_sees_a_raw_escape(services: Services) -> None:
    """The check itself can fail: a control written past the domain is found."""
    with services.store.file("bookings").transaction() as db:
        db.table("slots").insert({"link": "https://x/\x1b[2J"})
    assert any(CONTROL & set(text) for _, text in _stored_strings(services.data_dir))
