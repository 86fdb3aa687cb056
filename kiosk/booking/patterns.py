"""Weekly patterns: "Tuesdays 16:30–18:00, 15-minute slots, from 2 to 20 December, except
9 December", and the one parser that reads them from what staff typed (the ``kiosk slots
pattern`` command and the staff screen both call :func:`parse_pattern`).

Times are wall-clock times of the school's zone: a slot at 16:30 stays at 16:30 on both sides
of a daylight-saving change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from kiosk.booking.model import StaffError
from kiosk.booking.words import parse_clock, parse_day, parse_mode, parse_weekday


def wall(naive: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A wall-clock time of the school's zone, as an aware datetime.

    A time that does not exist (skipped at the spring change) moves forward by the gap."""
    aware = naive.replace(tzinfo=tz)
    roundtrip = aware.astimezone(dt.UTC).astimezone(tz)
    if roundtrip.replace(tzinfo=None) != naive:
        return roundtrip
    return aware


@dataclass(frozen=True)
class WeeklyPattern:
    """"Tuesdays 16:30–18:00, 15-minute slots, from 2 to 20 December, except 9 December"."""

    person_id: str
    weekday: int  # 0 = Monday
    start: dt.time
    end: dt.time
    minutes: int
    first_day: dt.date
    last_day: dt.date
    exceptions: frozenset[dt.date] = field(default_factory=frozenset)
    place: str = ""
    mode: str = "school"
    link: str = ""

    def starts(self, tz: ZoneInfo) -> list[dt.datetime]:
        """The slot start times, as wall-clock times of the school's zone (DST-safe)."""
        if self.minutes <= 0:
            raise StaffError("La durée d'un créneau doit être positive.")
        if self.end <= self.start:
            raise StaffError("L'heure de fin doit être après l'heure de début.")
        if self.last_day < self.first_day:
            raise StaffError("La date de fin doit être après la date de début.")
        found: list[dt.datetime] = []
        step = dt.timedelta(minutes=self.minutes)
        day = self.first_day + dt.timedelta(days=(self.weekday - self.first_day.weekday()) % 7)
        while day <= self.last_day:
            if day not in self.exceptions:
                cursor = dt.datetime.combine(day, self.start)
                stop = dt.datetime.combine(day, self.end)
                while cursor + step <= stop:
                    found.append(wall(cursor, tz))
                    cursor += step
            day += dt.timedelta(days=7)
        return found

    def document(self, pattern_id: str) -> dict[str, object]:
        """The pattern as stored in the ``patterns`` table."""
        return {
            "id": pattern_id, "person_id": self.person_id, "weekday": self.weekday,
            "start": self.start.isoformat("minutes"), "end": self.end.isoformat("minutes"),
            "minutes": self.minutes, "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "exceptions": sorted(d.isoformat() for d in self.exceptions),
            "place": self.place, "mode": self.mode, "link": self.link,
        }


def parse_pattern(person_id: str, *, weekday: str, start: str, end: str, minutes: int | str,
                  first: str, last: str, exceptions: Iterable[str] = (), place: str = "",
                  mode: str = "", link: str = "") -> WeeklyPattern:
    """A weekly pattern from the words staff typed, or :class:`StaffError`.

    `exceptions` are dates; each item may hold several, separated by commas or semicolons
    (one field on the staff screen, a repeated ``--except`` on the command line)."""
    if isinstance(minutes, str):
        try:
            minutes = int(minutes)
        except ValueError:
            raise StaffError("Minutes : un nombre entier.") from None
    days_off = frozenset(
        parse_day(word) for item in exceptions for word in re.split(r"[,;]", item)
        if word.strip()
    )
    return WeeklyPattern(
        person_id, parse_weekday(weekday), parse_clock(start), parse_clock(end), minutes,
        parse_day(first), parse_day(last), days_off, place, parse_mode(mode), link,
    )
