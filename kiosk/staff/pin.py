"""The staff PIN: a salted scrypt hash, and a lock after too many wrong attempts.

The staff area is opened with a key combination followed by the PIN (see the README). The PIN
is set from the machine's command line (``kiosk set-pin``), never at the kiosk. What is kept,
in the lasting ``kiosk/staff.json`` file (it outlives the school year):

* the scrypt hash of the PIN, its random salt and the scrypt parameters (never the PIN);
* the number of wrong attempts in a row, and the time until which the staff area is locked.

After :data:`MAX_ATTEMPTS` wrong PINs in a row the staff area is locked for
:data:`LOCK_MINUTES` minutes. Both counters are on disk, so restarting the kiosk does not
clear the lock. A right PIN clears the counter; setting a new PIN clears the lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kiosk.core.store import DataFile

#: Wrong PINs in a row before the staff area is locked.
MAX_ATTEMPTS = 5
#: How long it stays locked.
LOCK_MINUTES = 5
#: Shortest and longest PIN (digits only: the kiosk may have only a number pad).
PIN_MIN = 4
PIN_MAX = 12

# scrypt cost: ~16 MiB and a few tens of milliseconds per check on a modest PC.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32

TABLE = "staff"
PIN_DOC = "pin"
ATTEMPTS_DOC = "attempts"
#: The wrong-PIN counter of kiosks served to browsers (`kiosk serve --allow-staff`): a browser
#: that fails the PIN locks the browsers out, never the reception desk.
BROWSER_ATTEMPTS_DOC = "attempts-browser"


class PinError(ValueError):
    """A PIN that cannot be used; the message says why (French, for staff)."""


class CheckOutcome(Enum):
    """What a PIN check says."""

    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no_pin"


@dataclass(frozen=True)
class CheckResult:
    """The answer to one PIN attempt."""

    outcome: CheckOutcome
    #: Wrong attempts still allowed before the lock (for WRONG).
    remaining: int = 0
    #: Until when the staff area stays locked (for LOCKED, and WRONG that just locked it).
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is CheckOutcome.OK


def validate_pin(pin: str) -> str:
    """Return `pin` if usable, else raise :class:`PinError` saying why."""
    if not pin.isascii() or not pin.isdigit():
        raise PinError("Le code doit être fait uniquement de chiffres (0 à 9).")
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        raise PinError(f"Le code doit avoir de {PIN_MIN} à {PIN_MAX} chiffres.")
    if len(set(pin)) == 1:
        raise PinError("Le code ne doit pas répéter un seul chiffre (par exemple 0000).")
    return pin


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=64 * 1024 * 1024
    )


class StaffAccess:
    """The staff PIN and its attempt counter (repository over the lasting ``staff`` file)."""

    def __init__(self, data_file: DataFile, now: Callable[[], dt.datetime], *,
                 browser: bool = False) -> None:
        self._file = data_file
        self._now = now
        #: Which wrong-PIN counter this kiosk counts on: the desk's, or the browsers'.
        self._attempts = BROWSER_ATTEMPTS_DOC if browser else ATTEMPTS_DOC

    # -- reading -------------------------------------------------------------------------------

    def _doc(self, name: str) -> dict[str, Any]:
        for row in self._file.table(TABLE).all():
            if row.get("name") == name:
                return dict(row)
        return {}

    def has_pin(self) -> bool:
        """True once a PIN has been set with ``kiosk set-pin``."""
        doc = self._doc(PIN_DOC)
        return bool(doc.get("hash") and doc.get("salt"))

    def locked_until(self) -> dt.datetime | None:
        """When the lock ends, or None when the staff area is not locked now."""
        until = self._doc(self._attempts).get("locked_until")
        if not until:
            return None
        when = dt.datetime.fromisoformat(str(until))
        now = self._now()
        # A clock set back must not extend the lock beyond its length.
        if when - now > dt.timedelta(minutes=LOCK_MINUTES):
            when = now + dt.timedelta(minutes=LOCK_MINUTES)
        return when if when > now else None

    def failures(self) -> int:
        """Wrong attempts in a row since the last right one (or the last lock)."""
        return int(self._doc(self._attempts).get("failures", 0))

    # -- writing -------------------------------------------------------------------------------

    def _write(self, db: Any, name: str, values: dict[str, Any]) -> None:
        table = db.table(TABLE)
        table.remove(lambda row: row.get("name") == name)
        table.insert({"name": name, **values})

    def set_pin(self, pin: str) -> None:
        """Store a new PIN (validated), replacing the old one; clears the lock."""
        validate_pin(pin)
        salt = os.urandom(SALT_BYTES)
        digest = _hash(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        with self._file.transaction() as db:
            self._write(db, PIN_DOC, {
                "hash": digest.hex(), "salt": salt.hex(),
                "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                "set_at": self._now().isoformat(),
            })
            for counter in (ATTEMPTS_DOC, BROWSER_ATTEMPTS_DOC):
                self._write(db, counter, {"failures": 0, "locked_until": None})

    def check(self, pin: str) -> CheckResult:
        """Try `pin`: right, wrong (how many tries remain), locked (until when), or no PIN.

        While locked, the PIN is not even compared. The attempt is recorded durably before the
        answer is given, so killing the kiosk between attempts gains nothing.
        """
        with self._file.transaction() as db:
            pin_doc = self._doc(PIN_DOC)
            if not (pin_doc.get("hash") and pin_doc.get("salt")):
                return CheckResult(CheckOutcome.NO_PIN)
            until = self.locked_until()
            if until is not None:
                stored = self._doc(self._attempts).get("locked_until")
                if stored != until.isoformat():
                    # The clock was set back during the lock: keep the shortened end, or the
                    # lock would last until the clock catches up with the stored one.
                    self._write(db, self._attempts,
                                {"failures": 0, "locked_until": until.isoformat()})
                return CheckResult(CheckOutcome.LOCKED, locked_until=until)
            try:
                expected = bytes.fromhex(str(pin_doc["hash"]))
                digest = _hash(pin, bytes.fromhex(str(pin_doc["salt"])), int(pin_doc["n"]),
                               int(pin_doc["r"]), int(pin_doc["p"]))
            except (ValueError, KeyError, TypeError):
                # A damaged record never opens the door; setting the PIN again repairs it.
                digest, expected = b"", b"x"
            if hmac.compare_digest(digest, expected):
                self._write(db, self._attempts, {"failures": 0, "locked_until": None})
                return CheckResult(CheckOutcome.OK)
            failures = self.failures() + 1
            if failures >= MAX_ATTEMPTS:
                locked = self._now() + dt.timedelta(minutes=LOCK_MINUTES)
                self._write(db, self._attempts,
                            {"failures": 0, "locked_until": locked.isoformat()})
                return CheckResult(CheckOutcome.LOCKED, locked_until=locked)
            self._write(db, self._attempts, {"failures": failures, "locked_until": None})
            return CheckResult(CheckOutcome.WRONG, remaining=MAX_ATTEMPTS - failures)
