"""A tiny iCalendar (RFC 5545) writer: one event, two forms.

* :func:`compact_event` is what a ticket's QR code carries: a bare ``VEVENT`` with UTC times
  (``DTSTART``/``DTEND`` ending in ``Z``), a summary and a place, small enough for a QR code
  of version 10 at most. A phone camera that reads it offers to add the meeting to the
  calendar at the right hour whatever the phone's own zone (UTC is unambiguous), without a
  ``VTIMEZONE``, a reminder or anything personal.
* :func:`event` is a whole ``VCALENDAR`` (a calendar file): times in the school's zone with a
  ``VTIMEZONE`` built from :mod:`zoneinfo` and a reminder the day before.

Only what the kiosk needs is written: text escaping (§3.3.11), line folding at 75 octets
(§3.1), CRLF line ends.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kiosk.core.text import strip_controls

PRODID = "-//Kiosque Ecole-Familles//FR"
_UTC = dt.UTC


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma, and newlines (also Unicode's line
    and paragraph separators, which a ticket would otherwise turn into raw line breaks that
    start a new property); control characters, which a TEXT may not hold, go."""
    value = strip_controls(value.replace("\r\n", "\n").replace("\r", "\n"))
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets (UTF-8), never inside a character."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        # Continuation lines start with a space, which counts in their 75 octets.
        budget = limit if not out else limit - 1
        if size + width > budget:
            out.append(current)
            current = ""
            size = 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _local_stamp(value: dt.datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _utc_stamp(value: dt.datetime) -> str:
    return value.astimezone(_UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset_text(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def transitions(tz: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The UTC instants in [start, end) where `tz` changes its offset (to the minute)."""
    found: list[dt.datetime] = []
    step = dt.timedelta(hours=12)
    cursor = start.astimezone(_UTC)
    end = end.astimezone(_UTC)
    while cursor < end:
        nxt = min(cursor + step, end)
        if cursor.astimezone(tz).utcoffset() != nxt.astimezone(tz).utcoffset():
            low, high = cursor, nxt
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(high.replace(second=0, microsecond=0))
        cursor = nxt
    return found


def vtimezone(tz: ZoneInfo, around: dt.datetime) -> list[str]:
    """A VTIMEZONE with the observances in force at `around` and just after it."""
    window = dt.timedelta(days=370)
    changes = transitions(tz, around - window, around + window)
    before = [t for t in changes if t <= around]
    after = [t for t in changes if t > around]
    chosen = before[-1:] + after[:1]
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz.key}"]
    if not chosen:
        offset = around.astimezone(tz).utcoffset() or dt.timedelta(0)
        lines += [
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{_offset_text(offset)}",
            f"TZOFFSETTO:{_offset_text(offset)}",
            "END:STANDARD",
        ]
    for instant in chosen:
        old = (instant - dt.timedelta(minutes=1)).astimezone(tz)
        new = instant.astimezone(tz)
        old_offset = old.utcoffset() or dt.timedelta(0)
        new_offset = new.utcoffset() or dt.timedelta(0)
        kind = "DAYLIGHT" if new.dst() else "STANDARD"
        onset = (instant + old_offset).replace(tzinfo=None)  # local time before the change
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{_local_stamp(onset)}",
            f"TZOFFSETFROM:{_offset_text(old_offset)}",
            f"TZOFFSETTO:{_offset_text(new_offset)}",
        ]
        if new.tzname():
            lines.append(f"TZNAME:{new.tzname()}")
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return lines


def event(
    *,
    uid: str,
    start: dt.datetime,
    end: dt.datetime,
    summary: str,
    tz: ZoneInfo,
    stamp: dt.datetime,
    location: str = "",
    description: str = "",
    url: str = "",
    alarm_text: str = "",
) -> str:
    """A VCALENDAR holding one VEVENT (and a VALARM the day before when `alarm_text`)."""
    local_start = start.astimezone(tz)
    local_end = end.astimezone(tz)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines += vtimezone(tz, local_start)
    lines += [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{_utc_stamp(stamp)}",
        f"DTSTART;TZID={tz.key}:{_local_stamp(local_start)}",
        f"DTEND;TZID={tz.key}:{_local_stamp(local_end)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    if alarm_text:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(alarm_text)}",
            "TRIGGER:-P1D",
            "END:VALARM",
        ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


#: Bytes a QR code of version 10 holds at error correction M (ISO/IEC 18004, byte mode):
#: the most a compact event may take.
COMPACT_MAX_BYTES = 213


def compact_event(
    *,
    start: dt.datetime,
    end: dt.datetime,
    summary: str,
    location: str = "",
    description: str = "",
    max_bytes: int = COMPACT_MAX_BYTES,
) -> str:
    """A bare VEVENT with UTC times, a summary, a place and a short description (the
    ticket's code), at most `max_bytes` (UTF-8).

    Lines end with a line feed alone (what phone readers take; a ticket drops carriage
    returns anyway). When the event would be too long, the place then the summary are
    shortened (with "…"); a place that is a web address is left out rather than cut, and
    the description last of all."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("a compact event needs aware times")
    summary = " ".join(strip_controls(summary).split())
    location = " ".join(strip_controls(location).split())
    description = " ".join(strip_controls(description).split())

    def text(summary: str, location: str, description: str) -> str:
        lines = [
            "BEGIN:VEVENT",
            f"DTSTART:{_utc_stamp(start)}",
            f"DTEND:{_utc_stamp(end)}",
            f"SUMMARY:{escape_text(summary)}",
        ]
        if location:
            lines.append(f"LOCATION:{escape_text(location)}")
        if description:
            lines.append(f"DESCRIPTION:{escape_text(description)}")
        lines.append("END:VEVENT")
        return "\n".join(lines)

    def size(summary: str, location: str, description: str = "") -> int:
        return len(text(summary, location, description).encode("utf-8"))

    if location.startswith(("http://", "https://")) \
            and size(summary, location, description) > max_bytes:
        location = ""
    while size(summary, location, description) > max_bytes:
        if location and (len(location) >= len(summary) or len(summary) <= 8):
            location = _shorter(location)
        elif len(summary) > 8:
            summary = _shorter(summary)
        elif description:
            description = ""
        elif len(summary) > 1:
            summary = _shorter(summary)
        else:
            raise ValueError("the event cannot fit in a QR code")
    return text(summary, location, description)


def _shorter(value: str) -> str:
    """`value` one character shorter, ending with "…" ("" when nothing is left)."""
    kept = value.removesuffix("…")[:-1].rstrip()
    return kept + "…" if kept else ""


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text (folding undone) — for tests and checks."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw.startswith((" ", "\t")) and out:
            out[-1] += raw[1:]
        elif raw:
            out.append(raw)
    return out
