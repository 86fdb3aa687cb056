"""Durable storage: TinyDB files that survive crashes, power cuts and two processes at once.

The shape:

* :class:`DurableJSONStorage` is a TinyDB storage that never rewrites a file in place: it
  writes a temporary file in the same folder, flushes and fsyncs it, swaps it in with
  ``os.replace`` and fsyncs the folder. A crash at any instant leaves the old file or the new
  one, never a broken one.
* :class:`DataFile` is one such file with a sidecar ``.lock`` (filelock) taken around every
  read-modify-write (:meth:`DataFile.transaction`). The data file is read afresh on every
  access, so a write made by another process (a second terminal, a staff command) is always
  seen; TinyDB's query cache is disabled and every transaction starts from a new TinyDB
  object, so nothing stale survives between processes. A transaction that raises writes
  nothing.
* :class:`Store` is the data folder: one folder per school year (``2026-2027/bookings.json``…)
  so that the files written during the year stay small whatever the history, and a few files
  that outlive a year (``kiosk/``: staff PIN, print queue). The school year follows the
  clock; what continues into a new year is copied once into the new year's file (the
  year-start carry-over, :meth:`Store.carry_over`).

Each file carries a schema version in its ``_meta`` table. A file that cannot be parsed is
never overwritten: it is moved aside with a timestamp and quarantined until staff decide
(`kiosk repair`); until then every access to it raises :class:`StoreQuarantined`, whose text
says what happened in plain words. Feature modules keep their own repositories (e.g. the
booking repository in ``booking.py``) on top of :class:`DataFile`.

A file that parses may still hold a record that cannot be read (a slot whose ``start`` is not a
date): each feature registers how its records are read (:meth:`Store.check_records`), and such
a record is held back from the features, kept in the file and reported
(:mod:`kiosk.core.record_checks`, :meth:`Store.bad_records`). :class:`DataFile` and
:func:`write_atomically` live in :mod:`kiosk.core.data_file` and are re-exported here.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.carry import CarryOver, YearStartCarry
from kiosk.core.config import previous_school_year
from kiosk.core.data_file import QUARANTINE_SUFFIX as QUARANTINE_SUFFIX
from kiosk.core.data_file import SCHEMA_VERSION as SCHEMA_VERSION
from kiosk.core.data_file import DataFile as DataFile
from kiosk.core.data_file import DurableJSONStorage as DurableJSONStorage
from kiosk.core.data_file import _fsync_dir
from kiosk.core.data_file import write_atomically as write_atomically
from kiosk.core.leftovers import sweep, sweep_tree
from kiosk.core.record_checks import SET_ASIDE_SUFFIX, BadRecord, RecordCheck
from kiosk.core.storage_errors import StorageError as StorageError
from kiosk.core.storage_errors import StoreBusy as StoreBusy
from kiosk.core.storage_errors import StoreCorrupted as StoreCorrupted
from kiosk.core.storage_errors import StoreQuarantined as StoreQuarantined
from kiosk.core.storage_errors import StoreVersionError as StoreVersionError
from kiosk.core.storage_errors import StoreWriteError as StoreWriteError
from kiosk.core.storage_errors import recent_write_errors as recent_write_errors
from kiosk.core.storage_errors import refused_write as refused_write

GLOBAL_FOLDER = "kiosk"
_YEAR_RE = re.compile(r"\d{4}-\d{4}")


@dataclass(frozen=True)
class StorageProblem:
    """A data file staff must look at, described in plain words."""

    path: Path
    moved_to: Path | None
    reason: str
    message: str


class Store:
    """The data folder of one kiosk: per-school-year files plus a few lasting ones.

    The school year is either fixed (``Store(root, "2026-2027")``) or computed at each access
    (``Store(root, year_of=...)``): a kiosk left running across 1 August writes the new year's
    files from then on, without a restart.

    **Year-start carry-over.** A feature registers with :meth:`carry_over` what of its
    previous year's file continues into the new year (people and September slots, announcements
    still visible…). The first time the current year's file of that kind is used and the
    previous year's file exists, the store seeds the new file in one transaction of it and
    marks it with ``carried_from`` in its ``_meta`` document. Every process sharing the folder
    takes the new file's lock and re-reads it, so the marker makes the carry-over happen once
    (whichever process comes first); this process then remembers it and reads nothing more for
    it. The previous year's file is only read. A new file that already holds documents without
    the marker (written before carry-overs existed) is left as it is.
    """

    def __init__(self, root: Path, year: str | None = None, *,
                 year_of: Callable[[], str] | None = None) -> None:
        if year_of is None:
            if year is None:
                raise ValueError("a school year, or year_of to compute it, is needed")
            _check_year(year)
        self.root = root
        self._fixed_year = year or ""
        self._year_of = year_of
        self._checked_year = ""
        self._files: dict[Path, DataFile] = {}
        self._swept: set[Path] = set()
        self._checks: dict[str, dict[str, RecordCheck]] = {}
        self._lock = threading.Lock()
        self._carry = YearStartCarry()

    @property
    def year(self) -> str:
        """The school year in force now (computed at each access when `year_of` was given)."""
        if self._year_of is None:
            return self._fixed_year
        year = self._year_of()
        if year != self._checked_year:
            _check_year(year)
            self._checked_year = year
        return year

    def file(self, kind: str, year: str | None = None) -> DataFile:
        """The file holding `kind` documents for a school year (the current one by default).

        The current year's file has had its year-start carry-over (see :meth:`carry_over`)."""
        current = self.year
        chosen = year or current
        data_file = self._get(self.root / chosen / f"{kind}.json", kind)
        if chosen == current and self._carry.waits(kind, chosen):
            previous = self._get(self.root / previous_school_year(chosen) / data_file.path.name,
                                 kind)
            self._carry.into(data_file, previous, chosen)
        return data_file

    def carry_over(self, kind: str, carry: CarryOver) -> None:
        """Register what of a `kind` file continues from one school year into the next."""
        self._carry.register(kind, carry)

    def lasting_file(self, kind: str) -> DataFile:
        """A file that outlives school years (staff PIN, print queue)."""
        return self._get(self.root / GLOBAL_FOLDER / f"{kind}.json", kind)

    def _get(self, path: Path, kind: str) -> DataFile:
        """The file at `path`; the first time a folder is opened, its stale temporary files
        (left by killed writes, see :mod:`kiosk.core.leftovers`) are removed."""
        with self._lock:
            data_file = self._files.get(path)
            if data_file is None:
                data_file = self._files[path] = DataFile(path, kind)
                data_file.check_records(self._checks.get(kind, {}))
            if path.parent not in self._swept:
                self._swept.add(path.parent)
                sweep(path.parent)
            return data_file

    def file_at(self, path: Path) -> DataFile:
        """The open file at `path` (one :meth:`bad_records` named)."""
        with self._lock:
            return self._files[path]

    def check_records(self, kind: str, checks: dict[str, RecordCheck]) -> None:
        """Check the documents of these tables of every `kind` file when they are read."""
        self._checks.setdefault(kind, {}).update(checks)
        with self._lock:
            for data_file in self._files.values():
                if data_file.kind == kind:
                    data_file.check_records(checks)

    def bad_records(self) -> list[BadRecord]:
        """The unreadable records of the current year's files and the lasting ones (those
        whose tables are checked); a file that cannot be read at all is reported by
        :meth:`problems` instead."""
        for kind in self._checks:
            self._get(self.root / self.year / f"{kind}.json", kind)
        folders = {self.root / self.year, self.root / GLOBAL_FOLDER}
        found: list[BadRecord] = []
        for data_file in list(self._files.values()):
            if data_file.path.parent not in folders or not data_file.exists():
                continue
            with contextlib.suppress(StorageError):
                data_file.check()
                found.extend(data_file.bad_records)
        return found

    def sweep_leftovers(self) -> int:
        """Remove the stale temporary files of the whole data folder (the purge); a count."""
        return len(sweep_tree(self.root))

    def years(self) -> list[str]:
        """School years with data, oldest first (the current year always included)."""
        found = {self.year}
        if self.root.is_dir():
            found.update(p.name for p in self.root.iterdir() if _YEAR_RE.fullmatch(p.name))
        return sorted(found)

    def files_of_every_year(self, kind: str) -> list[DataFile]:
        """The `kind` files that exist, one per school year on disk, oldest first (for what
        reaches back over the years, such as the retention purge). Nothing is created."""
        found = [self.file(kind, year) for year in self.years()]
        return [data_file for data_file in found if data_file.exists()]

    def problems(self) -> list[StorageProblem]:
        """Check every data file of the current year and the lasting ones (used at start).

        Unreadable files are moved aside and reported; nothing is overwritten.
        """
        found: list[StorageProblem] = []
        folders = [self.root / self.year, self.root / GLOBAL_FOLDER]
        for folder in folders:
            if not folder.is_dir():
                continue
            names = {p.name for p in folder.glob("*.json") if not _is_side_file(p.name)}
            names.update(
                p.name.removesuffix(QUARANTINE_SUFFIX)
                for p in folder.glob("*" + QUARANTINE_SUFFIX)
            )
            for name in sorted(names):
                data_file = self._get(folder / name, name.removesuffix(".json"))
                try:
                    data_file.check()
                except StorageError as exc:
                    moved = None
                    with contextlib.suppress(OSError, ValueError):
                        info = json.loads(data_file.quarantine_marker.read_text("utf-8"))
                        moved = Path(info["moved_to"])
                    found.append(StorageProblem(data_file.path, moved, exc.reason, str(exc)))
        return found

    def start_empty(self, path: Path) -> bool:
        """Staff decision: lift the quarantine of `path`; the kiosk starts that file afresh.

        The damaged copy stays where it was moved. Returns False when nothing was quarantined.
        """
        marker = path.with_name(path.name + QUARANTINE_SUFFIX)
        if not marker.exists():
            return False
        marker.unlink()
        _fsync_dir(marker.parent)
        return True


def _check_year(year: str) -> None:
    if not _YEAR_RE.fullmatch(year):
        raise ValueError(f"bad school year {year!r}")


def _is_side_file(name: str) -> bool:
    return (name.endswith((QUARANTINE_SUFFIX, SET_ASIDE_SUFFIX)) or ".corrupt-" in name
            or name.startswith("."))
