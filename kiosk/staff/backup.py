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

:func:`restore` never half-restores: it checks the whole archive first (manifest, format
version, every checksum and size, no unexpected or unsafe member) and touches nothing if
anything is wrong; then it extracts into a temporary folder beside the data folder and swaps
the folders with two renames, keeping the previous data folder aside under a timestamped name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk import __version__
from kiosk.core.store import GLOBAL_FOLDER, DataFile, StorageError, Store, write_atomically

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


@dataclass(frozen=True)
class RestoreResult:
    """Where things went during a restore."""

    summary: BackupSummary
    data_dir: Path
    #: The data folder as it was before the restore (None if there was none).
    previous_data: Path | None
    #: The configuration file written, and the previous one kept aside.
    config_written: Path | None
    previous_config: Path | None


# --- backup -----------------------------------------------------------------------------------


def _is_skipped(name: str) -> bool:
    """Lock files and temporary files of atomic writes are never part of a backup."""
    return name.endswith(".lock") or name.startswith(".") or name.endswith(".tmp")


#: Folders of the data folder that are not data (the log is the machine's, not the school's).
NOT_BACKED_UP = ("logs",)


def _is_data_folder(name: str) -> bool:
    return not _is_skipped(name) and name not in NOT_BACKED_UP


def _data_folders(store: Store) -> list[Path]:
    """School years, the lasting ``kiosk/`` folder and any feature's folder (``tickets/``…)."""
    root = store.root
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and _is_data_folder(p.name))


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
            if any(_is_skipped(part) for part in relative.parts) or not path.is_file():
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
    members: list[tuple[str, bytes]] = []
    if config_file is not None:
        try:
            members.append((CONFIG_MEMBER, config_file.read_bytes()))
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise BackupError(
                f"Le fichier de configuration {config_file} ne peut pas être lu "
                f"({exc.strerror})."
            ) from exc
    members.extend(_collect(store))
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
    return _summary(out, manifest)


def _summary(archive: Path, manifest: dict[str, Any]) -> BackupSummary:
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


# --- verification -----------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or not path.parts:
        return False
    if name == CONFIG_MEMBER:
        return True
    parts = path.parts
    return (
        len(parts) >= 3
        and parts[0] == "data"
        and _is_data_folder(parts[1])
        and not any(_is_skipped(part) for part in parts[1:])
    )


#: Limits no school's backup comes near, so that a crafted archive (a "zip bomb") is refused
#: while it is read, before it fills the memory or the disk: one member, the whole archive,
#: and how much a large member may have been compressed.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200
#: Members smaller than this are not held to MAX_RATIO (a small file of zeros compresses well).
RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024


def verify(archive_path: Path) -> dict[str, Any]:
    """Check a whole archive without writing anything; returns its manifest or raises
    BackupError (see :func:`check_archive`)."""
    return check_archive(archive_path, None)


def check_archive(archive_path: Path, staging: Path | None) -> dict[str, Any]:
    """Read and check a whole archive, member by member; with `staging`, extract the data
    members into that folder while checking them. Returns the manifest, or raises BackupError.

    Checks: a readable zip (a truncated file has no central directory), a manifest of this
    format and a version this kiosk reads, every listed member present with its size and
    SHA-256, nothing unlisted, no member outside the expected folders, and the size limits
    above. Members are streamed: none is ever held whole in memory, and a member is cut off
    as soon as it grows past its listed size.
    """
    damaged = f"L'archive {archive_path} est abîmée ou n'est pas une sauvegarde du kiosque"
    try:
        with zipfile.ZipFile(archive_path) as archive:
            manifest = _read_manifest(archive, damaged)
            total = 0
            for entry in manifest["files"]:
                total += _check_member(archive, entry, damaged, staging)
                if total > MAX_TOTAL_BYTES:
                    raise BackupError(_too_big(damaged, "l'ensemble"))
    except FileNotFoundError:
        raise BackupError(f"L'archive {archive_path} n'existe pas.") from None
    except IsADirectoryError:
        raise BackupError(f"{archive_path} est un dossier, pas une sauvegarde.") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError,
            NotImplementedError, RuntimeError) as exc:
        raise BackupError(f"{damaged} ({exc}). Rien n'a été modifié.") from exc
    except OSError as exc:
        raise BackupError(
            f"L'archive {archive_path} ne peut pas être lue ({exc.strerror or exc}). "
            "Rien n'a été modifié."
        ) from exc
    return manifest


def _too_big(damaged: str, what: str) -> str:
    return (f"{damaged} ({what} dépasse la taille qu'une sauvegarde peut avoir : "
            f"{MAX_MEMBER_BYTES // 2**20} Mo par fichier, {MAX_TOTAL_BYTES // 2**20} Mo en tout). "
            "Rien n'a été modifié.")


def _read_manifest(archive: zipfile.ZipFile, damaged: str) -> dict[str, Any]:
    """The checked manifest; nothing unlisted or unsafe in the archive."""
    names = archive.namelist()
    if MANIFEST not in names:
        raise BackupError(f"{damaged} (pas de manifeste). Rien n'a été modifié.")
    if archive.getinfo(MANIFEST).file_size > MAX_MEMBER_BYTES:
        raise BackupError(_too_big(damaged, MANIFEST))
    try:
        manifest: dict[str, Any] = json.loads(
            _read_capped(archive, MANIFEST, MAX_MEMBER_BYTES, damaged))
    except ValueError as exc:
        raise BackupError(f"{damaged} (manifeste illisible). Rien n'a été modifié.") from exc
    _check_manifest(manifest, damaged)
    listed = {entry["path"] for entry in manifest["files"]}
    extra = sorted(set(names) - listed - {MANIFEST})
    if extra:
        raise BackupError(f"{damaged} (fichier inattendu : {extra[0]}). Rien n'a été modifié.")
    for name in listed:
        if not _safe_member(name):
            raise BackupError(f"{damaged} (chemin refusé : {name}). Rien n'a été modifié.")
        if name not in names:
            raise BackupError(f"{damaged} ({name} manque). Rien n'a été modifié.")
    return manifest


def _read_capped(archive: zipfile.ZipFile, name: str, cap: int, damaged: str) -> bytes:
    with archive.open(name) as stream:
        content = stream.read(cap + 1)
    if len(content) > cap:
        raise BackupError(_too_big(damaged, name))
    return content


def _check_member(archive: zipfile.ZipFile, entry: dict[str, Any], damaged: str,
                  staging: Path | None) -> int:
    """Stream one member through its checks (into `staging` when given); returns its size."""
    name, size = entry["path"], entry["size"]
    info = archive.getinfo(name)
    mismatch = f"{damaged} ({name} ne correspond pas à sa somme de contrôle). Rien n'a été modifié."
    if size > MAX_MEMBER_BYTES or info.file_size > MAX_MEMBER_BYTES:
        raise BackupError(_too_big(damaged, name))
    if info.file_size != size:  # the zip's own record and the manifest disagree: not inflated
        raise BackupError(mismatch)
    if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
        raise BackupError(f"{damaged} ({name} est compressé de façon anormale). "
                          "Rien n'a été modifié.")
    target = None
    if staging is not None and name.startswith(DATA_PREFIX):
        target = staging.joinpath(*PurePosixPath(name).parts[1:])
        target.parent.mkdir(parents=True, exist_ok=True)
    elif staging is not None and name == CONFIG_MEMBER:
        target = staging.parent / f"{staging.name}.kiosk.toml"
    digest = hashlib.sha256()
    read = 0
    with archive.open(name) as stream, contextlib.ExitStack() as stack:
        out = stack.enter_context(open(target, "wb")) if target is not None else None
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if read > size:  # it inflates past its listed size: stop here
                raise BackupError(mismatch)
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
        if out is not None:
            out.flush()
            os.fsync(out.fileno())
    if read != size or digest.hexdigest() != entry["sha256"]:
        raise BackupError(mismatch)
    return int(size)


def _check_manifest(manifest: Any, damaged: str) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{damaged} (format inconnu). Rien n'a été modifié.")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BackupError(f"{damaged} (version illisible). Rien n'a été modifié.")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"Cette sauvegarde a été faite par une version plus récente du kiosque (format "
            f"{version}, celle-ci lit le format {FORMAT_VERSION}). Mettez le kiosque à jour. "
            "Rien n'a été modifié."
        )
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
        isinstance(f, dict)
        and isinstance(f.get("path"), str)
        and isinstance(f.get("size"), int)
        and isinstance(f.get("sha256"), str)
        for f in files
    ):
        raise BackupError(f"{damaged} (liste des fichiers illisible). Rien n'a été modifié.")
    if len({f["path"] for f in files}) != len(files):
        raise BackupError(f"{damaged} (fichier en double). Rien n'a été modifié.")


# --- restore ----------------------------------------------------------------------------------


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _aside_name(path: Path, label: str, now: dt.datetime) -> Path:
    candidate = path.with_name(f"{path.name}.{label}-{_stamp(now)}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.{label}-{_stamp(now)}-{counter}")
    return candidate


@contextlib.contextmanager
def _holding_locks(data_dir: Path) -> Iterator[None]:
    """Hold the lock of every data file of `data_dir`, so no kiosk writes during the swap."""
    with contextlib.ExitStack() as stack:
        if data_dir.is_dir():
            for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
                if not _is_data_folder(folder.name):
                    continue
                for path in sorted(folder.glob("*.json")):
                    if ".corrupt-" in path.name or path.name.endswith(".quarantine.json"):
                        continue
                    stack.enter_context(DataFile(path, path.stem, lock_timeout=30).locked())
        yield


def restore(
    archive_path: Path,
    data_dir: Path,
    config_target: Path | None,
    *,
    now: dt.datetime,
    progress: Callable[[str], None] | None = None,
) -> RestoreResult:
    """Replace the data folder (and, when asked, the configuration file) by the archive's.

    Nothing is touched unless the whole archive checks out: it is extracted, member by member
    and checked as it goes, into a temporary folder beside the data folder, then the folders
    are swapped with two renames. The previous data folder is kept aside as ``<data
    folder>.before-restore-<time>``. With `config_target` the archive's configuration is
    validated like any other (a bad one refuses the whole restore) and written there, the
    previous file kept as ``kiosk.toml.before-restore-<time>``; with None it is left alone.
    """
    data_dir = data_dir.expanduser().absolute()
    staging = _staging_folder(data_dir, now)
    staged_config = staging.parent / f"{staging.name}.kiosk.toml"
    try:
        try:
            manifest = check_archive(archive_path, staging)
        except OSError as exc:
            raise BackupError(
                f"L'extraction a échoué ({exc.strerror or exc}). Rien n'a été modifié.") from exc
        summary = _summary(archive_path, manifest)
        if config_target is not None and staged_config.exists():
            _check_config(staged_config)
        if progress:
            progress(f"{summary.files} fichiers vérifiés et extraits dans {staging}.")
        previous = _swap(staging, data_dir, now)
        config_written: Path | None = None
        previous_config: Path | None = None
        if config_target is not None and staged_config.exists():
            previous_config = _replace_config(staged_config, config_target, now)
            config_written = config_target
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already once swapped in
        staged_config.unlink(missing_ok=True)
    return RestoreResult(summary, data_dir, previous, config_written, previous_config)


def _staging_folder(data_dir: Path, now: dt.datetime) -> Path:
    parent = data_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(_make_temp_dir(parent, prefix=f".{data_dir.name}.restore-{_stamp(now)}-"))
    except OSError as exc:
        raise BackupError(
            f"Impossible de préparer la restauration dans {parent} ({exc.strerror or exc}). "
            "Rien n'a été modifié."
        ) from exc


def _check_config(staged: Path) -> None:
    """The archive's configuration is refused as the kiosk would refuse it at start."""
    from kiosk.core.config import ConfigError, load

    try:
        load(staged)
    except ConfigError as exc:
        raise BackupError(
            f"La configuration de l'archive n'est pas valable ({exc}). Rien n'a été modifié."
        ) from exc


def _replace_config(staged: Path, target: Path, now: dt.datetime) -> Path | None:
    """Write the checked configuration to `target`; returns where the old one was kept."""
    previous: Path | None = None
    try:
        if target.exists():
            previous = _aside_name(target, "before-restore", now)
            shutil.copy2(target, previous)
        write_atomically(target, staged.read_bytes())
    except OSError as exc:
        raise BackupError(
            f"Les données sont restaurées, mais la configuration n'a pas pu être écrite dans "
            f"{target} ({exc.strerror or exc}) : l'ancienne est restée en place."
        ) from exc
    return previous


def _swap(staging: Path, data_dir: Path, now: dt.datetime) -> Path | None:
    """Put `staging` in the data folder's place; returns where the previous one went."""
    previous: Path | None = None
    try:
        with _holding_locks(data_dir):
            if data_dir.exists():
                previous = _aside_name(data_dir, "before-restore", now)
                os.replace(data_dir, previous)
            os.replace(staging, data_dir)
    except StorageError as exc:
        raise BackupError(f"{exc} La restauration n'a pas eu lieu.") from exc
    except OSError as exc:
        # The first rename may have happened: put the previous folder back.
        if previous is not None and previous.exists() and not data_dir.exists():
            with contextlib.suppress(OSError):
                os.replace(previous, data_dir)
        raise BackupError(
            f"La restauration n'a pas pu échanger les dossiers ({exc.strerror or exc}). "
            "Les données d'avant sont en place."
        ) from exc
    _fsync_dir(data_dir.parent)
    return previous


def _make_temp_dir(parent: Path, prefix: str) -> str:
    import tempfile

    return tempfile.mkdtemp(prefix=prefix, dir=parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
