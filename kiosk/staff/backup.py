"""Backups of one kiosk: configuration, every school year and the lasting files, in one zip.

A backup is a zip archive holding:

* ``manifest.json``: the format name and version, when and by which kiosk version it was made,
  and for every other member its size and SHA-256 checksum;
* ``config/kiosk.toml``: the configuration file in force (when there is one);
* ``data/<year>/…``, ``data/kiosk/…`` and ``data/tickets/…``: every school-year folder, the
  lasting folder (print queue, audit log, staff PIN…) and the print queue's ticket files —
  every folder of the data folder but the log — without lock and temporary files.

It is consistent while the kiosk runs: each data file is copied under its own lock
(:meth:`kiosk.core.store.DataFile.read_bytes`), so a write in progress is either wholly in the copy
or not at all. The archive itself is written atomically (temporary file, then rename).

Restoring one is :mod:`kiosk.staff.restore`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk import __version__
from kiosk.core.store import GLOBAL_FOLDER, DataFile, Store, write_atomically

FORMAT = "kiosque-ecole-familles-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CONFIG_MEMBER = "config/kiosk.toml"
DATA_PREFIX = "data/"
_YEAR_RE = re.compile(r"\d{4}-\d{4}")


class BackupError(Exception):
    """A backup could not be made or an archive cannot be restored (French, for staff)."""


@dataclass(frozen=True)
class BackupSummary:
    """What went into (or came out of) an archive."""

    archive: Path
    files: int
    size: int
    years: list[str]
    has_config: bool
    created: str = ""


# --- backup -----------------------------------------------------------------------------------


def is_skipped(name: str) -> bool:
    """Lock files and temporary files of atomic writes are never part of a backup."""
    return name.endswith(".lock") or name.startswith(".") or name.endswith(".tmp")


#: Folders of the data folder that are not data (the log is the machine's, not the school's).
NOT_BACKED_UP = ("logs",)


def is_data_folder(name: str) -> bool:
    return not is_skipped(name) and name not in NOT_BACKED_UP


def _data_folders(store: Store) -> list[Path]:
    """School years, the lasting ``kiosk/`` folder and any feature's folder (``tickets/``…)."""
    root = store.root
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and is_data_folder(p.name))


def _data_file_for(store: Store, path: Path) -> DataFile | None:
    """The store's own DataFile object for a JSON data file (so threads share its lock)."""
    if path.suffix != ".json" or ".corrupt-" in path.name or path.name.endswith(
        ".quarantine.json"
    ):
        return None
    if path.parent.parent != store.root:
        return None
    kind = path.stem
    if path.parent.name == GLOBAL_FOLDER:
        return store.lasting_file(kind)
    if _YEAR_RE.fullmatch(path.parent.name):
        return store.file(kind, path.parent.name)
    return None


def _collect(store: Store) -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) of every data file, each read under its lock."""
    for folder in _data_folders(store):
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(store.root)
            if any(is_skipped(part) for part in relative.parts) or not path.is_file():
                continue
            data_file = _data_file_for(store, path)
            if data_file is not None:
                content = data_file.read_bytes()
                if content is None:  # removed meanwhile
                    continue
            else:
                try:
                    content = path.read_bytes()
                except FileNotFoundError:
                    continue
            yield DATA_PREFIX + relative.as_posix(), content


def _config_member(config_file: Path | None) -> list[tuple[str, bytes]]:
    """The configuration file as an archive member (none when there is no file)."""
    if config_file is None:
        return []
    try:
        return [(CONFIG_MEMBER, config_file.read_bytes())]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise BackupError(
            f"Le fichier de configuration {config_file} ne peut pas être lu ({exc.strerror})."
        ) from exc


def make_backup(
    store: Store,
    config_file: Path | None,
    out: Path,
    *,
    now: dt.datetime,
    school: str = "",
) -> BackupSummary:
    """Write one archive of the configuration and all data to `out` (atomically)."""
    out = out.expanduser()
    if out.is_dir():
        raise BackupError(f"{out} est un dossier : donnez un nom de fichier, par exemple "
                          f"{out / 'sauvegarde.zip'}.")
    members = [*_config_member(config_file), *_collect(store)]
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created": now.isoformat(timespec="seconds"),
        "kiosk_version": __version__,
        "school": school,
        "school_year": store.year,
        "files": [
            {"path": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            for name, content in members
        ],
    }
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for name, content in members:
            archive.writestr(name, content)
    payload = buffer.getvalue()
    try:
        write_atomically(out, payload)
    except OSError as exc:
        raise BackupError(
            f"La sauvegarde n'a pas pu être écrite dans {out} ({exc.strerror or exc})."
        ) from exc
    return summary_of(out, manifest)


def summary_of(archive: Path, manifest: dict[str, Any]) -> BackupSummary:
    files = manifest["files"]
    years = sorted(
        {
            PurePosixPath(f["path"]).parts[1]
            for f in files
            if f["path"].startswith(DATA_PREFIX)
            and _YEAR_RE.fullmatch(PurePosixPath(f["path"]).parts[1])
        }
    )
    return BackupSummary(
        archive=archive,
        files=sum(1 for f in files if f["path"] != CONFIG_MEMBER),
        size=sum(int(f["size"]) for f in files),
        years=years,
        has_config=any(f["path"] == CONFIG_MEMBER for f in files),
        created=str(manifest.get("created", "")),
    )


