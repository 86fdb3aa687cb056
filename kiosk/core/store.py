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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from kiosk.core.carry import CarryOver, YearStartCarry
from kiosk.core.config import previous_school_year
from kiosk.core.leftovers import sweep, sweep_tree, temp_prefix
from kiosk.core.storage_errors import META_TABLE, os_message
from kiosk.core.storage_errors import StorageError as StorageError
from kiosk.core.storage_errors import StoreBusy as StoreBusy
from kiosk.core.storage_errors import StoreCorrupted as StoreCorrupted
from kiosk.core.storage_errors import StoreQuarantined as StoreQuarantined
from kiosk.core.storage_errors import StoreVersionError as StoreVersionError
from kiosk.core.storage_errors import StoreWriteError as StoreWriteError
from kiosk.core.storage_errors import recent_write_errors as recent_write_errors
from kiosk.core.storage_errors import refused_write as refused_write

if TYPE_CHECKING:
    from filelock import BaseFileLock

SCHEMA_VERSION = 1
GLOBAL_FOLDER = "kiosk"
QUARANTINE_SUFFIX = ".quarantine.json"
_YEAR_RE = re.compile(r"\d{4}-\d{4}")

log = logging.getLogger(__name__)

def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes, *, mode: int | None = None) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new content.

    The file is private to its owner (0600) unless `mode` says otherwise (a published page)."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=folder)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


class DurableJSONStorage(Storage):
    """A TinyDB storage writing through :func:`write_atomically`, with transaction buffering.

    Outside a transaction, :meth:`read` parses the file as it is on disk now. Inside a
    transaction (see :class:`DataFile`), the working copy is returned and :meth:`write` only
    updates it; the single durable write happens at commit.
    """

    def __init__(self, data_file: DataFile) -> None:
        self._file = data_file

    def read(self) -> dict[str, dict[str, Any]] | None:
        working = self._file._working_copy()
        if working is not None:
            return working
        return self._file._read_disk()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._file._stage(data)

    def close(self) -> None:
        pass


class _KioskTable(Table):
    """A TinyDB table without query cache (another process may change the file)."""

    def __init__(
        self, storage: Storage, name: str, cache_size: int = 0, persist_empty: bool = False
    ) -> None:
        super().__init__(storage, name, cache_size=0, persist_empty=persist_empty)


class _KioskDB(TinyDB):
    table_class = _KioskTable


@dataclass(frozen=True)
class StorageProblem:
    """A data file staff must look at, described in plain words."""

    path: Path
    moved_to: Path | None
    reason: str
    message: str


class DataFile:
    """One durable JSON file of TinyDB tables, with its inter-process lock.

    ``kind`` names what the file holds (``"bookings"``…); it is written into the file's
    ``_meta`` table with the schema version.
    """

    def __init__(self, path: Path, kind: str, *, lock_timeout: float = 15.0) -> None:
        self.path = path
        self.kind = kind
        self.lock_timeout = lock_timeout
        self._lock: BaseFileLock | None = None
        self._thread_lock = threading.RLock()
        self._owner: int | None = None
        self._depth = 0
        self._working: dict[str, dict[str, Any]] | None = None
        self._dirty = False

    @property
    def _file_lock(self) -> BaseFileLock:
        """The sidecar ``.lock`` (filelock is imported at the first write, not at start-up)."""
        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(
                str(self.path) + ".lock", timeout=self.lock_timeout, thread_local=False
            )
        return self._lock

    # -- public API ----------------------------------------------------------------------------

    @property
    def quarantine_marker(self) -> Path:
        return self.path.with_name(self.path.name + QUARANTINE_SUFFIX)

    def db(self) -> TinyDB:
        """A TinyDB view for reading what is on disk now (use :meth:`transaction` to write)."""
        return _KioskDB(storage=lambda: DurableJSONStorage(self))

    def table(self, name: str) -> Table:
        """Shortcut: one table of :meth:`db`, for reading."""
        return self.db().table(name)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Hold the lock, read once, let the caller change tables, write once at the end.

        Nested transactions in the same thread join the outer one. If the block raises, nothing
        is written.
        """
        with self._thread_lock:
            outer = self._depth == 0
            if outer:
                self._acquire()
            self._depth += 1
            try:
                if outer:
                    self._owner = threading.get_ident()
                    self._working = self._read_disk() or {}
                    self._dirty = False
                    self._ensure_meta(self._working)
                yield _KioskDB(storage=lambda: DurableJSONStorage(self))
                if outer and self._dirty:
                    self._commit()
            finally:
                self._depth -= 1
                if outer:
                    self._working = None
                    self._owner = None
                    self._dirty = False
                    self._file_lock.release()

    def exists(self) -> bool:
        return self.path.exists()

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """Every table as it is now, read once: a consistent view without taking the lock.

        Writes replace the file whole (``os.replace``), so one read sees all of one write or
        none of it; no lock is needed, and reading works in a read-only folder too. Inside a
        transaction of this thread, its working copy is returned instead.
        """
        working = self._working_copy()
        if working is not None:
            return working
        return self._read_disk() or {}

    def _acquire(self) -> None:
        """Take the inter-process lock, or say in plain words why it could not be taken."""
        try:
            self._file_lock.acquire()
        except TimeoutError:  # filelock.Timeout
            raise StoreBusy(
                f"Le fichier {self.path.name} est occupé par un autre programme depuis "
                f"plus de {self.lock_timeout:g} secondes."
            ) from None
        except OSError as exc:  # a read-only folder refuses even the lock file
            raise refused_write(self.path, exc) from exc

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold this file's lock (other threads and processes wait) without reading it.

        For whole-file operations (a backup copy, a restore's swap). A transaction opened
        inside it by the same thread works as usual.
        """
        with self._thread_lock:
            self._acquire()
            try:
                yield
            finally:
                self._file_lock.release()

    def read_bytes(self) -> bytes | None:
        """The file's exact bytes, read under its lock (None when it does not exist yet)."""
        with self.locked():
            try:
                return self.path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise StorageError(os_message(self.path, exc)) from exc

    def check(self) -> None:
        """Read the file once, raising what a later access would raise (used at start)."""
        self._read_disk()

    # -- internals -----------------------------------------------------------------------------

    def _working_copy(self) -> dict[str, dict[str, Any]] | None:
        if self._working is not None and self._owner == threading.get_ident():
            return self._working
        return None

    def _stage(self, data: dict[str, dict[str, Any]]) -> None:
        if self._working_copy() is None:
            raise RuntimeError(f"write to {self.path} outside DataFile.transaction()")
        self._working = data
        self._dirty = True

    def _ensure_meta(self, data: dict[str, dict[str, Any]]) -> None:
        meta = data.get(META_TABLE)
        if not meta:
            data[META_TABLE] = {"1": {"schema": SCHEMA_VERSION, "kind": self.kind}}
            self._dirty = True

    def _commit(self) -> None:
        assert self._working is not None
        payload = json.dumps(self._working, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            write_atomically(self.path, payload)
        except OSError as exc:
            raise refused_write(self.path, exc) from exc

    def _read_disk(self) -> dict[str, dict[str, Any]] | None:
        if self.quarantine_marker.exists():
            raise StoreQuarantined(_quarantine_text(self.quarantine_marker))
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageError(os_message(self.path, exc)) from exc
        if not raw.strip():
            # An empty file can only come from outside the kiosk (our writes are atomic);
            # treat it like any unreadable file rather than guess.
            self._quarantine("le fichier est vide")
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._quarantine(f"son contenu est illisible ({exc.__class__.__name__})")
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            self._quarantine("son contenu n'a pas la forme attendue")
        meta = data.get(META_TABLE, {}).get("1", {})
        version = meta.get("schema", SCHEMA_VERSION) if isinstance(meta, dict) else None
        if not isinstance(version, int):
            self._quarantine("sa version de format est illisible")
        assert isinstance(version, int)
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"Le fichier {self.path} a été écrit par une version plus récente du kiosque "
                f"(format {version}, celle-ci lit le format {SCHEMA_VERSION}). "
                "Mettez le kiosque à jour; le fichier n'a pas été modifié."
            )
        return data

    def _quarantine(self, why: str) -> NoReturn:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        moved = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        counter = 1
        while moved.exists():
            counter += 1
            moved = self.path.with_name(
                f"{self.path.stem}.corrupt-{stamp}-{counter}{self.path.suffix}"
            )
        try:
            os.replace(self.path, moved)
            marker = {
                "file": str(self.path),
                "moved_to": str(moved),
                "why": why,
                "when": dt.datetime.now().isoformat(timespec="seconds"),
            }
            write_atomically(
                self.quarantine_marker, json.dumps(marker, ensure_ascii=False).encode()
            )
        except OSError as exc:
            raise StoreCorrupted(
                f"Le fichier {self.path} est abîmé ({why}) et n'a pas pu être mis de côté "
                f"({exc.strerror}). Rien n'a été modifié."
            ) from exc
        raise StoreCorrupted(_quarantine_text(self.quarantine_marker))


def _quarantine_text(marker: Path) -> str:
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info = {}
    file = info.get("file", str(marker).removesuffix(QUARANTINE_SUFFIX))
    moved = info.get("moved_to", "?")
    why = info.get("why", "contenu illisible")
    return (
        f"Le fichier de données {file} était abîmé ({why}). Il a été mis de côté, sans "
        f"être effacé, sous le nom {moved}. Cette partie du kiosque reste fermée jusqu'à "
        "votre décision : restaurez une sauvegarde (kiosk restore) ou repartez d'un "
        "fichier vide (kiosk repair --start-empty)."
    )


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
            if path.parent not in self._swept:
                self._swept.add(path.parent)
                sweep(path.parent)
            return data_file

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
    return name.endswith(QUARANTINE_SUFFIX) or ".corrupt-" in name or name.startswith(".")
