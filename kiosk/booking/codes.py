"""Booking codes: how they are drawn and read, and the rate limit on typing them.

Wrong booking codes are counted in the lasting ``kiosk/code_attempts.json`` (so a restart
does not reset the count): after ``[booking] code_attempts`` wrong codes in a row, the kiosk
pauses code entry for ``code_pause_seconds``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from kiosk.booking.model import Booking, BookingRefused, Refusal, Registration
from kiosk.core.config import BookingSettings
from kiosk.core.store import DataFile, StoreWriteError
from kiosk.core.text import typed_code

ATTEMPTS_KIND = "code_attempts"

#: Booking codes: no 0/O, 1/I/L, so that a code read aloud or copied by hand is never ambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

Found = Booking | Registration


def normalize_code(text: str) -> str:
    """What a parent typed → a code to look up (upper case, spaces and dashes removed, digits
    of any script and full-width letters as their Western/ASCII form)."""
    return typed_code(text)


def is_code_shaped(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


def new_code(taken: Iterable[str] = ()) -> str:
    """A fresh random booking code, not in `taken`."""
    used = set(taken)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            return code


class Codes:
    """Codes typed at the kiosk, found as a booking or a registration, rate-limited per
    terminal across restarts."""

    def __init__(self, attempts: DataFile, find: Callable[[str], Found | None],
                 settings: BookingSettings, terminal: str,
                 now: Callable[[], dt.datetime]) -> None:
        self._attempts = attempts
        self._find = find
        self._settings = settings
        self._terminal = terminal
        self._now = now

    def look_up_code(self, text: str) -> Found:
        """A parent typed a code: the booking or registration, or :class:`BookingRefused`.

        After ``code_attempts`` unknown codes in a row, every look-up is refused ("paused")
        for ``code_pause_seconds``; the count lives in a lasting file (survives restarts).
        A clock set back never makes the pause longer than ``code_pause_seconds``. A known
        code is shown even when the disk refuses to write (nothing of it needs saving).
        """
        code = normalize_code(text)
        if is_code_shaped(code) and not self._has_history():
            # A right code with no wrong ones before it changes nothing: no lock, no write
            # (so it works on a full disk or a read-only folder too).
            found = self._find(code)
            if found is not None:
                return found
        outcome: list[Found | BookingRefused | None] = [None]
        try:
            with self._attempts.transaction() as db:
                outcome[0] = self._count(db.table("attempts"), code)
        except StoreWriteError:
            # A pause is still a pause, and a right code needs nothing saved to be shown
            # (only forgetting earlier wrong codes was refused); a wrong code that cannot be
            # counted is not answered.
            if outcome[0] is None:
                raise
        result = outcome[0]
        if isinstance(result, BookingRefused):
            raise result
        if result is None:
            # The transaction above is committed before the refusal is raised.
            raise BookingRefused(Refusal.UNKNOWN_CODE)
        return result

    def _has_history(self) -> bool:
        doc = self._mine(self._attempts.table("attempts").all())
        return doc is not None and bool(doc.get("wrong") or doc.get("paused_until"))

    def _mine(self, rows: Iterable[Any]) -> Any:
        return next((d for d in rows if d["terminal"] == self._terminal), None)

    def _count(self, table: Any, code: str) -> Found | BookingRefused | None:
        """Inside the transaction: the pause in force, or the code looked up and counted.

        Returns the refusal of a pause, the record found, or None for an unknown code. What
        needs saving is staged in `table` before anything is returned."""
        now = self._now()
        doc = self._mine(table.all())
        state: dict[str, Any] = (
            dict(doc) if doc else {"terminal": self._terminal, "wrong": 0, "paused_until": ""}
        )
        paused = self._pause_in_force(table, doc, now)
        if paused is not None:
            return paused
        if not is_code_shaped(code):
            raise BookingRefused(Refusal.BAD_CODE)
        found = self._find(code)
        state["paused_until"] = ""
        if found is None:
            state["wrong"] = int(state["wrong"]) + 1
            if state["wrong"] >= self._settings.code_attempts:
                state["wrong"] = 0
                state["paused_until"] = (now + self._pause()).isoformat()
        else:
            state["wrong"] = 0
        if doc is None:
            if found is None:  # a right code and no history: nothing to write
                table.insert(state)
        elif state != dict(doc):
            table.update(state, doc_ids=[doc.doc_id])
        return found

    def _pause(self) -> dt.timedelta:
        return dt.timedelta(seconds=self._settings.code_pause_seconds)

    def _pause_in_force(self, table: Any, doc: Any, now: dt.datetime) -> BookingRefused | None:
        if doc is None or not doc.get("paused_until"):
            return None
        until = dt.datetime.fromisoformat(doc["paused_until"])
        if until - now > self._pause():  # the clock was set back during the pause
            until = now + self._pause()
            table.update({"paused_until": until.isoformat()}, doc_ids=[doc.doc_id])
        if now < until:
            return BookingRefused(Refusal.PAUSED, seconds=int((until - now).total_seconds()) + 1)
        return None
