"""One answer per family: one-time codes handed out with the school letter.

With ``[questionnaire] one_per_family = true`` the kiosk asks for a code before the first
statement. :class:`FamilyCodes` draws the codes (``kiosk questionnaire codes``), checks one
typed at the kiosk, and spends it when the answers are stored.

What is stored never ties an answer to its code: the school year's ``family_codes.json``
(apart from ``responses.json``) keeps a hash of each code issued and, in one document, the
*sorted set* of the hashes of the codes used — no time, no order of use, no counter that a
response could be matched with. A response holds no code, no hash and no reference.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kiosk.core.text import typed_code

if TYPE_CHECKING:
    from kiosk.core.store import DataFile, Store

#: No 0/O, 1/I/L: a code copied by hand or read aloud is never ambiguous.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
#: At most this many codes in one run of ``kiosk questionnaire codes``.
MAX_COUNT = 5000
ISSUED = "issued"
USED = "used"


class CodeState(enum.Enum):
    """What a typed code is worth."""

    VALID = "valid"
    USED = "used"
    UNKNOWN = "unknown"


class CodeRefused(Exception):
    """A code that cannot be spent (unknown or already used)."""

    def __init__(self, state: CodeState) -> None:
        self.state = state
        super().__init__("code déjà utilisé" if state is CodeState.USED else "code inconnu")


def shown(code: str) -> str:
    """A code as printed: two groups of four ("K7QM 3XTP")."""
    return f"{code[:4]} {code[4:]}"


def code_hash(code: str) -> str:
    """What is stored of a code (never the code itself)."""
    return hashlib.sha256(f"kiosk-family-code:{code}".encode()).hexdigest()


def _hashes(doc: Any) -> Iterable[str]:
    values = doc.get("hashes", []) if isinstance(doc, dict) else []
    return (v for v in values if isinstance(v, str)) if isinstance(values, list) else ()


class FamilyCodes:
    """The school year's one-time family codes."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _file(self) -> DataFile:
        return self._store.file("family_codes")

    def issue(self, count: int) -> list[str]:
        """`count` new codes (1 to :data:`MAX_COUNT`), stored as hashes, returned once."""
        if not 1 <= count <= MAX_COUNT:
            raise ValueError(f"count must be from 1 to {MAX_COUNT}")
        with self._file().transaction() as db:
            table = db.table(ISSUED)
            known = {doc.get("hash") for doc in table.all()}
            codes: list[str] = []
            while len(codes) < count:
                code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
                digest = code_hash(code)
                if digest not in known:
                    known.add(digest)
                    codes.append(code)
            table.insert_multiple({"hash": code_hash(c)} for c in codes)
        return codes

    def issued(self) -> int:
        return len(self._file().table(ISSUED))

    def used(self) -> int:
        return sum(len(list(_hashes(doc))) for doc in self._file().table(USED).all())

    def state(self, text: str) -> CodeState:
        """Whether a typed code may still be spent (nothing is written)."""
        code = typed_code(text)
        if len(code) != LENGTH or any(c not in ALPHABET for c in code):
            return CodeState.UNKNOWN
        digest = code_hash(code)
        data = self._file()
        if not any(doc.get("hash") == digest for doc in data.table(ISSUED).all()):
            return CodeState.UNKNOWN
        used = {h for doc in data.table(USED).all() for h in _hashes(doc)}
        return CodeState.USED if digest in used else CodeState.VALID

    def spend(self, text: str) -> None:
        """Mark a code used, or raise :class:`CodeRefused` (checked again under the lock)."""
        digest = code_hash(typed_code(text))
        with self._file().transaction() as db:
            if not any(doc.get("hash") == digest for doc in db.table(ISSUED).all()):
                raise CodeRefused(CodeState.UNKNOWN)
            self._write_used(db, digest, add=True)

    def give_back(self, text: str) -> None:
        """Make a spent code valid again (the answers it was spent for could not be stored)."""
        with self._file().transaction() as db:
            self._write_used(db, code_hash(typed_code(text)), add=False)

    @staticmethod
    def _write_used(db: Any, digest: str, *, add: bool) -> None:
        table = db.table(USED)
        used = {h for doc in table.all() for h in _hashes(doc)}
        if add and digest in used:
            raise CodeRefused(CodeState.USED)
        used = used | {digest} if add else used - {digest}
        # One document, sorted: neither a document id nor a position tells the order of use.
        table.truncate()
        table.insert({"hashes": sorted(used)})
