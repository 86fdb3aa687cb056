"""The storage's errors (plain words for staff), and the record of the writes the system
refused, for the staff dashboard. The store (:mod:`kiosk.core.store`) raises them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

#: The table of a data file's own facts (schema version, kind, carry-over marker).
META_TABLE = "_meta"

#: The last write errors of this process (time, French message), for the staff dashboard.
_WRITE_ERRORS: list[tuple[dt.datetime, str]] = []
_WRITE_ERRORS_KEPT = 20


def note_write_error(message: str) -> None:
    _WRITE_ERRORS.append((dt.datetime.now().astimezone(), message))
    del _WRITE_ERRORS[:-_WRITE_ERRORS_KEPT]


def recent_write_errors() -> list[tuple[dt.datetime, str]]:
    """Writes refused by the system since this kiosk started (newest last, at most 20)."""
    return list(_WRITE_ERRORS)


def refused_write(path: Path, exc: OSError) -> StoreWriteError:
    """The error to raise when the system refused to write `path` (disk full, read-only
    folder…), noted for the staff dashboard (:func:`recent_write_errors`)."""
    message = os_message(path, exc)
    note_write_error(message)
    return StoreWriteError(message)


class StorageError(Exception):
    """Data could not be read or saved. The message is plain words for staff (French)."""

    #: A short, stable reason code screens use to pick the parent-facing message.
    reason = "storage"


class StoreCorrupted(StorageError):
    """A data file could not be parsed; it has been moved aside."""

    reason = "corrupted"


class StoreQuarantined(StorageError):
    """A data file was moved aside earlier and staff have not decided what to do yet."""

    reason = "quarantined"


class StoreVersionError(StorageError):
    """A data file was written by a newer version of the kiosk."""

    reason = "version"


class StoreBusy(StorageError):
    """Another process held the lock for too long."""

    reason = "busy"


class StoreWriteError(StorageError):
    """The operating system refused the write (disk full, read-only folder…)."""

    reason = "write"


def os_message(path: Path, exc: OSError) -> str:
    reason = exc.strerror or exc.__class__.__name__
    return (
        f"Le kiosque n'a pas pu enregistrer dans {path.parent} ({reason}). "
        "Les données déjà enregistrées n'ont pas été touchées."
    )
