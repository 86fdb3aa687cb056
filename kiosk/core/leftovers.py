"""Temporary files left behind by writes that were killed, and their removal.

Every durable write (:func:`kiosk.core.store.write_atomically`) goes through a temporary file
in the target's folder, renamed over the target once complete. A process killed between the
two leaves the temporary file behind: a whole copy of a data file (children's first names
included) that nothing reads and that the retention purge would never see.

The temporary file's name carries its writer's process id
(``.bookings.json.pid1234.k2j_8x0q.tmp``), so that a sweep removes only the files no live
process is writing: those whose writer is dead, and any older than :data:`STALE_AFTER` (a write
takes milliseconds; this also clears files of an earlier version of the kiosk, whose names
carry no process id, and files whose writer's id was reused). The store sweeps a folder when it
first opens it, and the purge sweeps the whole data folder.

Process ids are those of this computer: a data folder shared between computers (not a
supported set-up) only loses its temporary files to the age rule.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

#: A temporary file older than this (seconds) is stale whoever wrote it.
STALE_AFTER = 600.0

_TEMP_RE = re.compile(r"^\..+?\.(?:pid(?P<pid>\d+)\.)?[^.]+\.tmp$")


def temp_prefix(target: Path) -> str:
    """The name prefix of a temporary file written for `target` by this process."""
    return f".{target.name}.pid{os.getpid()}."


def _alive(pid: int) -> bool:
    """Whether process `pid` runs on this computer (a zombie, killed but not reaped, is dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    return True


def _stale(path: Path, pid: int | None, now: float) -> bool:
    try:
        age = now - path.stat().st_mtime
    except OSError:
        return False  # gone already
    if age > STALE_AFTER:
        return True
    return pid is not None and pid != os.getpid() and not _alive(pid)


def sweep(folder: Path, *, now: Callable[[], float] = time.time) -> list[Path]:
    """Remove the stale temporary files directly in `folder`; return those removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    moment = now()
    for entry in entries:
        match = _TEMP_RE.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match["pid"]) if match["pid"] else None
        path = Path(entry.path)
        if not _stale(path, pid, moment):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:  # a read-only folder: nothing to do about it here
            log.warning("cannot remove the stale temporary file %s: %s", path, exc)
            continue
        log.info("removed the stale temporary file %s", path)
        removed.append(path)
    return removed


def sweep_tree(root: Path, *, now: Callable[[], float] = time.time) -> list[Path]:
    """:func:`sweep` every folder below `root` (the purge's whole data folder)."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for folder, _dirs, _files in os.walk(root):
        removed.extend(sweep(Path(folder), now=now))
    return removed
