"""One durable JSON file of TinyDB tables: atomic writes, a sidecar lock, quarantine of a file
that cannot be parsed, and records that cannot be read held back (see :mod:`kiosk.core.store`
for the whole picture; the names here are re-exported there)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from kiosk.core.leftovers import temp_prefix
from kiosk.core.record_checks import (
    BadRecord,
    RecordCheck,
    Tables,
    merge,
    set_aside_path,
    set_aside_payload,
    split,
)
from kiosk.core.storage_errors import (
    META_TABLE,
    StorageError,
    StoreBusy,
    StoreCorrupted,
    StoreQuarantined,
    StoreVersionError,
    os_message,
    refused_write,
)

if TYPE_CHECKING:
    from filelock import BaseFileLock

SCHEMA_VERSION = 1
QUARANTINE_SUFFIX = ".quarantine.json"


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
        return self._file._read_split()[0]

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
        self._checks: dict[str, RecordCheck] = {}
        self._held: Tables = {}
        #: The unreadable records found by the last read (see :mod:`kiosk.core.record_checks`).
        self.bad_records: list[BadRecord] = []

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
                    working, self._held = self._read_split()
                    self._working = working or {}
                    self._dirty = False
                    self._ensure_meta(self._working)
                yield _KioskDB(storage=lambda: DurableJSONStorage(self))
                if outer and self._dirty:
                    self._commit()
            finally:
                self._depth -= 1
                if outer:
                    self._working = None
                    self._held = {}
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
        return self._read_split()[0] or {}

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
        """Read the file once, raising what a later access would raise (used at start), and
        find its unreadable records (:attr:`bad_records`)."""
        self._read_split()

    def check_records(self, checks: dict[str, RecordCheck]) -> None:
        """Check every document of these tables when it is read (table → reader)."""
        self._checks.update(checks)

    def set_aside_bad_records(self) -> list[BadRecord]:
        """Staff decision: move the unreadable records out of the file, into
        ``<file>.set-aside.json`` beside it (written first, so a copy is always kept)."""
        with self.locked():
            data = self._read_disk() or {}
            clean, held, bad = split(self.path, data, self._checks)
            if bad:
                try:
                    write_atomically(set_aside_path(self.path),
                                     set_aside_payload(self.path, held, bad))
                    write_atomically(self.path, _payload(clean))
                except OSError as exc:
                    raise refused_write(self.path, exc) from exc
            self.bad_records = []
            return bad

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

    def _read_split(self) -> tuple[dict[str, dict[str, Any]] | None, Tables]:
        """The file as the features see it (unreadable records held back), and those held."""
        data = self._read_disk()
        if data is None:
            self.bad_records = []
            return None, {}
        clean, held, self.bad_records = split(self.path, data, self._checks)
        return clean, held

    def _commit(self) -> None:
        assert self._working is not None
        payload = _payload(merge(self._working, self._held))
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


def _payload(data: Tables) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


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
