"""The year-start carry-over: what of last school year's file continues into the new year's.

A feature registers with :meth:`kiosk.core.store.Store.carry_over` what of its previous year's
file continues into the new year (people and September slots, announcements still visible…).
The first time the current year's file of that kind is used and the previous year's file
exists, the new file is seeded in one transaction of it and marked with ``carried_from`` in its
``_meta`` document. Every process sharing the folder takes the new file's lock and re-reads it,
so the marker makes the carry-over happen once (whichever process comes first); this process
then remembers it and reads nothing more for it. The previous year's file is only read. A new
file that already holds documents without the marker (written before carry-overs existed) is
left as it is.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from kiosk.core.config import school_year_start
from kiosk.core.storage_errors import (
    META_TABLE,
    StorageError,
    StoreBusy,
    StoreWriteError,
    note_write_error,
)

if TYPE_CHECKING:
    from tinydb import TinyDB

    from kiosk.core.store import DataFile

log = logging.getLogger(__name__)

#: What continues from one school year's file into the next, decided by the feature that owns
#: the file: given the previous year's tables (name → documents, read only) and the new year's
#: first day, the documents to seed the new year's file with (table name → documents).
CarryOver = Callable[[Mapping[str, list[dict[str, Any]]], dt.date], dict[str, list[dict[str, Any]]]]

#: The key, in a per-year file's ``_meta`` document, naming the year it was carried from.
CARRIED_FROM = "carried_from"
#: After a carry-over the system refused to write (read-only folder, full disk), how long to
#: wait before trying again (the refusal is noted for the dashboard at each try).
_CARRY_RETRY_SECONDS = 30.0


class YearStartCarry:
    """The carry-overs registered in one store, and which are settled in this process."""

    def __init__(self) -> None:
        self._carriers: dict[str, CarryOver] = {}
        #: (kind, year) whose carry-over is settled in this process (done, not needed, or by
        #: another process).
        self._settled: set[tuple[str, str]] = set()
        #: (kind, year) → monotonic time before which a refused carry-over is not tried again.
        self._retry: dict[tuple[str, str], float] = {}

    def register(self, kind: str, carry: CarryOver) -> None:
        """What of a `kind` file continues from one school year into the next."""
        self._carriers[kind] = carry

    def waits(self, kind: str, year: str) -> bool:
        """Whether the `kind` file of `year` may still need its carry-over in this process."""
        return kind in self._carriers and (kind, year) not in self._settled

    def into(self, new: DataFile, previous: DataFile, year: str) -> None:
        """Seed the current year's `new` file from the previous year's, once (see the class)."""
        key = (new.kind, year)
        if self._retry and time.monotonic() < self._retry.get(key, 0.0):
            return
        try:
            # Without the lock first: once the marker is there, nothing more is read.
            if previous.exists() and _carry_wanted(new.snapshot()):
                with new.transaction() as db:
                    if _carry_wanted(new.snapshot()):  # re-read under the lock
                        self._seed(db, new, previous, year)
        except (StoreWriteError, StoreBusy) as exc:
            # Reading still works (a read-only folder, a long lock); tried again later.
            log.warning("carry-over of %s into %s not written: %s", new.kind, year, exc)
            self._retry[key] = time.monotonic() + _CARRY_RETRY_SECONDS
            return
        except StorageError:
            return  # the new year's file itself is unreadable: the caller's access says so
        self._settled.add(key)

    def _seed(self, db: TinyDB, new: DataFile, previous: DataFile, year: str) -> None:
        """Inside the new file's transaction: what continues from `previous`, and the marker."""
        try:
            old = previous.snapshot()
        except StorageError as exc:
            # Last year's file is set aside for staff: the new year starts without what it
            # held rather than not at all (no marker: a later start may still carry it).
            log.warning("carry-over of %s into %s skipped: %s", new.kind, year, exc)
            return
        tables = {name: list(docs.values()) for name, docs in old.items() if name != META_TABLE}
        try:
            seeds = self._carriers[new.kind](tables, school_year_start(year))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # A document the carry-over cannot read (an edited file, another version's
            # fields): the new year starts without what it held, and staff are told; no
            # marker, so a later start tries again once the file is mended.
            log.error("carry-over of %s into %s failed on %s: %r", new.kind, year,
                      previous.path, exc)
            note_write_error(
                f"Ce qui devait passer de {previous.path.parent.name} à {year} dans "
                f"{new.path.name} n'a pas pu être repris ({previous.path} contient une "
                "donnée illisible) ; l'année commence sans. Voir le journal du kiosque.")
            return
        for name, docs in seeds.items():
            db.table(name).insert_multiple(docs)
        db.table(META_TABLE).update({CARRIED_FROM: previous.path.parent.name}, doc_ids=[1])
        log.info("%s carried over from %s: %s", new.path, previous.path.parent.name,
                 ", ".join(f"{len(docs)} {name}" for name, docs in seeds.items()) or "nothing")


def _carry_wanted(data: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a per-year file (as read) still waits for its year-start carry-over: not marked,
    and no table yet besides ``_meta`` (a file written before carry-overs existed is kept)."""
    meta = data.get(META_TABLE, {}).get("1")
    if isinstance(meta, Mapping) and CARRIED_FROM in meta:
        return False
    return all(name == META_TABLE for name in data)
