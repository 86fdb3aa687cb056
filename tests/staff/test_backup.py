"""kiosk backup / kiosk restore: identical data after a wipe; damaged archives change nothing."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.core.store import Store
from kiosk.services import Services
from kiosk.staff import backup
from kiosk.staff import restore as restoring
from tests.support import Clock, build_services


def _tree(root: Path) -> dict[str, str]:
    """Every data file (year folders and kiosk/) → its SHA-256; lock/temp files left out."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] == "logs" or path.name.endswith(".lock"):
            continue
        found[rel.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _fill(services: Services) -> None:
    """Some data in two school years and in the lasting folder."""
    store = services.store
    with store.file("bookings").transaction() as db:
        db.table("bookings").insert({"child": "Amina", "class": "CE2", "phone": "0600000000"})
    with store.file("responses", "2025-2026").transaction() as db:
        db.table("responses").insert({"q1": 4, "hour": "2026-03-02T10:00"})
    services.audit.record("test", "une action")
    with store.lasting_file("print_queue").transaction() as db:
        db.table("jobs").insert({"ticket": "é ü 中文", "state": "waiting"})
    tickets = services.data_dir / "tickets"
    tickets.mkdir(exist_ok=True)
    (tickets / "000001.bin").write_bytes(b"\x1b@ticket")


def test_backup_wipe_restore_gives_identical_data(services: Services, tmp_path: Path) -> None:
    _fill(services)
    data = services.data_dir
    before = _tree(data)
    assert "2025-2026/responses.json" in before and "kiosk/audit.json" in before
    assert "tickets/000001.bin" in before and not [k for k in before if k.startswith("logs/")]
    archive = tmp_path / "out" / "sauvegarde.zip"

    summary = backup.make_backup(services.store, services.config.source, archive,
                                 now=services.now())
    assert summary.years == ["2025-2026", "2026-2027"]
    assert summary.has_config
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read(backup.MANIFEST))
        assert manifest["version"] == backup.FORMAT_VERSION
        assert not [n for n in zf.namelist() if n.endswith(".lock")]

    shutil.rmtree(data)
    assert not data.exists()
    result = restoring.restore(archive, data, None, now=services.now())
    assert result.previous_data is None
    assert _tree(data) == before
    # The kiosk reads the restored data as before.
    rows = Store(data, "2026-2027").file("bookings").table("bookings").all()
    assert rows == [{"child": "Amina", "class": "CE2", "phone": "0600000000"}]


def test_restore_keeps_previous_data_aside_and_config(services: Services, tmp_path: Path) -> None:
    _fill(services)
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text('[school]\nname = "École A"\n', encoding="utf-8")
    archive = tmp_path / "b.zip"
    backup.make_backup(services.store, config_file, archive, now=services.now())
    original = _tree(services.data_dir)

    # Life goes on after the backup: a new booking and a changed configuration.
    with services.store.file("bookings").transaction() as db:
        db.table("bookings").insert({"child": "Noé"})
    config_file.write_text('[school]\nname = "École B"\n', encoding="utf-8")
    changed = _tree(services.data_dir)

    result = restoring.restore(archive, services.data_dir, config_file, now=services.now())
    assert _tree(services.data_dir) == original
    assert result.previous_data is not None and _tree(result.previous_data) == changed
    assert result.previous_data.name.startswith("data.before-restore-")
    assert config_file.read_text(encoding="utf-8") == '[school]\nname = "École A"\n'
    assert result.previous_config is not None
    assert "École B" in result.previous_config.read_text(encoding="utf-8")
    leftovers = [p.name for p in services.data_dir.parent.iterdir() if ".restore-" in p.name]
    assert leftovers == []


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.99])
def test_truncated_archive_is_refused_and_nothing_changes(
    services: Services, tmp_path: Path, cut: float
) -> None:
    _fill(services)
    archive = tmp_path / "b.zip"
    backup.make_backup(services.store, None, archive, now=services.now())
    raw = archive.read_bytes()
    archive.write_bytes(raw[: int(len(raw) * cut)])
    before = _tree(services.data_dir)
    parent_before = sorted(p.name for p in services.data_dir.parent.iterdir())

    with pytest.raises(backup.BackupError, match="Rien n'a été modifié"):
        restoring.restore(archive, services.data_dir, None, now=services.now())
    assert _tree(services.data_dir) == before
    assert sorted(p.name for p in services.data_dir.parent.iterdir()) == parent_before


def _rewrite(archive: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    for name, content in change.items():
        if content is None:
            members.pop(name)
        else:
            members[name] = content
    with zipfile.ZipFile(archive, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)


@pytest.mark.parametrize(
    "damage",
    [
        "altered member",
        "missing member",
        "extra member",
        "unsafe path",
        "newer format",
        "no manifest",
    ],
)
def test_damaged_archive_is_refused(services: Services, tmp_path: Path, damage: str) -> None:
    _fill(services)
    archive = tmp_path / "b.zip"
    backup.make_backup(services.store, None, archive, now=services.now())
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read(backup.MANIFEST))
    member = "data/2026-2027/bookings.json"
    if damage == "altered member":
        _rewrite(archive, {member: b'{"bookings":{}}'})
    elif damage == "missing member":
        _rewrite(archive, {member: None})
    elif damage == "extra member":
        _rewrite(archive, {"data/kiosk/evil.json": b"{}"})
    elif damage == "unsafe path":
        manifest["files"].append({"path": "../escape.txt", "size": 1, "sha256": "0" * 64})
        _rewrite(archive, {"../escape.txt": b"x", backup.MANIFEST: json.dumps(manifest).encode()})
    elif damage == "newer format":
        manifest["version"] = backup.FORMAT_VERSION + 1
        _rewrite(archive, {backup.MANIFEST: json.dumps(manifest).encode()})
    else:
        _rewrite(archive, {backup.MANIFEST: None})
    before = _tree(services.data_dir)
    with pytest.raises(backup.BackupError):
        restoring.restore(archive, services.data_dir, None, now=services.now())
    assert _tree(services.data_dir) == before
    assert not (tmp_path / "escape.txt").exists()


def test_backup_waits_for_a_write_in_progress(services: Services, tmp_path: Path) -> None:
    """A transaction holding the lock is either wholly in the backup or not at all."""
    data_file = services.store.file("bookings")
    with data_file.transaction() as db:
        db.table("bookings").insert({"child": "Amina"})
    entered, release = threading.Event(), threading.Event()

    def writer() -> None:
        with data_file.transaction() as db:
            db.table("bookings").insert({"child": "Lina"})
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=writer)
    thread.start()
    entered.wait(5)
    done: list[backup.BackupSummary] = []
    backer = threading.Thread(target=lambda: done.append(backup.make_backup(
        services.store, None, tmp_path / "b.zip", now=services.now())))
    backer.start()
    backer.join(0.3)
    assert not done  # still waiting for the lock
    release.set()
    thread.join()
    backer.join(10)
    restoring.verify(tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        copied = archive.read("data/2026-2027/bookings.json").decode()
    assert "Amina" in copied and "Lina" in copied


def test_cli_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text('[school]\nname = "École"\n', encoding="utf-8")
    data = tmp_path / "data"
    services = build_services(data, Clock())
    _fill(services)
    base = ["--config", str(config_file), "--data-dir", str(data)]
    assert main(["backup", "--out", str(tmp_path / "s.zip"), *base]) == 0
    assert "Sauvegarde écrite" in capsys.readouterr().out
    snapshot = _tree(data)

    (tmp_path / "bad.zip").write_bytes((tmp_path / "s.zip").read_bytes()[:100])
    assert main(["restore", str(tmp_path / "bad.zip"), *base]) == 2
    assert "abîmée" in capsys.readouterr().err
    assert _tree(data) == snapshot

    shutil.rmtree(data)
    assert main(["restore", str(tmp_path / "s.zip"), *base]) == 0
    out = capsys.readouterr().out
    assert "Restauration faite" in out
    restored = _tree(data)
    # The restore itself is written to the (restored) audit log.
    assert restored.pop("kiosk/audit.json") != snapshot.pop("kiosk/audit.json")
    assert restored == snapshot


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=400), keep_prefix=st.integers(min_value=0, max_value=2000))
def test_any_damaged_file_is_refused_without_change(
    services: Services, tmp_path: Path, junk: bytes, keep_prefix: int
) -> None:
    """A good archive's beginning followed by anything: either refused with nothing changed,
    or (the damage missed every member: trailing bytes after a complete zip) restored to
    exactly the backed-up data. Never anything in between."""
    good = tmp_path / "good.zip"
    if not good.exists():
        _fill(services)
        backup.make_backup(services.store, None, good, now=services.now())
    raw = good.read_bytes()
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(raw[: min(keep_prefix, len(raw) - 1)] + junk)
    before = _tree(services.data_dir)
    with contextlib.suppress(backup.BackupError):
        restoring.restore(damaged, services.data_dir, None, now=services.now())
    assert _tree(services.data_dir) == before


# --- crafted archives (issue 16): zip bombs, lying sizes, the archive's configuration ---------

_PEAK = """
import sys
from pathlib import Path
import datetime as dt
from kiosk.staff import backup, restore as restoring
try:
    restoring.restore(Path(sys.argv[1]), Path(sys.argv[2]), None, now=dt.datetime.now())
    print("restored")
except backup.BackupError as exc:
    print("refused:", exc)
# VmHWM: this process's own peak (ru_maxrss would count the parent's size at fork).
hwm = [l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM")]
print(int(hwm[0].split()[1]) // 1024)
"""


def _crafted(path: Path, name: str, megabytes: int, *, listed_size: int | None = None) -> None:
    """An archive whose one data member is `megabytes` MB of zeros, streamed into the zip
    (never whole in memory), with a manifest that lists its true checksum and `listed_size`
    (default: its true size)."""
    digest = hashlib.sha256()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open(name, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
                digest.update(chunk)
        size = megabytes * len(chunk)
        manifest = {"format": backup.FORMAT, "version": backup.FORMAT_VERSION,
                    "created": "2026-11-23T10:00:00", "files": [
                        {"path": name, "size": size if listed_size is None else listed_size,
                         "sha256": digest.hexdigest()}]}
        zf.writestr(backup.MANIFEST, json.dumps(manifest))


def _restore_in_a_process(archive: Path, data: Path) -> tuple[str, int]:
    """Restore in a fresh interpreter: (its answer, its peak resident memory in MB)."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", _PEAK, str(archive), str(data)],
                         capture_output=True, text=True, check=True, timeout=300)
    answer, peak = run.stdout.strip().rsplit("\n", 1)
    return answer, int(peak)


@pytest.mark.parametrize(("megabytes", "listed", "why"), [
    (200, None, "dépasse la taille"),       # a 200 MB member of zeros (about 200 KB packed)
    (30, 100, "somme de contrôle"),          # the manifest says 100 bytes: not inflated
    (10, None, "compressé de façon anormale"),  # within the size cap, but 1000:1
])
def test_a_zip_bomb_is_refused_before_it_is_inflated(
    services: Services, tmp_path: Path, megabytes: int, listed: int | None, why: str
) -> None:
    _fill(services)
    archive = tmp_path / "bomb.zip"
    _crafted(archive, "data/2026-2027/bookings.json", megabytes, listed_size=listed)
    assert archive.stat().st_size < megabytes * 1024 * 1024 // 100
    before = _tree(services.data_dir)
    answer, peak_mb = _restore_in_a_process(archive, services.data_dir)
    assert answer.startswith("refused:") and why in answer
    assert peak_mb < 120  # was 422 MB: the member was inflated into memory
    assert _tree(services.data_dir) == before
    leftovers = [p.name for p in services.data_dir.parent.iterdir() if ".restore-" in p.name]
    assert leftovers == []


def test_a_large_member_within_the_limits_is_streamed(services: Services, tmp_path: Path) -> None:
    """A real member of a few MB (random, so it does not compress) is restored without being
    held whole in memory twice over."""
    import os

    with services.store.file("bookings").transaction() as db:
        db.table("bookings").insert({"child": "Amina", "notes": os.urandom(3 * 2**20).hex()})
    archive = tmp_path / "big.zip"
    backup.make_backup(services.store, None, archive, now=services.now())
    original = _tree(services.data_dir)
    shutil.rmtree(services.data_dir)
    answer, _peak = _restore_in_a_process(archive, services.data_dir)
    assert answer == "restored"
    assert _tree(services.data_dir) == original


def _school_config(tmp_path: Path, name: str, extra: str = "") -> Path:
    path = tmp_path / name
    path.write_text(f'[school]\nname = "{name}"\n{extra}', encoding="utf-8")
    return path


def test_the_archive_configuration_is_applied_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    source = _school_config(tmp_path, "A.toml", '[printer]\nprinter = "file:/tmp/x"\n')
    data = tmp_path / "data"
    services = build_services(data, Clock())
    _fill(services)
    assert main(["backup", "--out", str(tmp_path / "s.zip"), "--config", str(source),
                 "--data-dir", str(data)]) == 0
    capsys.readouterr()
    ours = _school_config(tmp_path, "B.toml")
    base = ["--config", str(ours), "--data-dir", str(data)]
    assert main(["restore", str(tmp_path / "s.zip"), *base]) == 0
    out = capsys.readouterr().out
    assert "--with-config" in out and str(ours) in out
    assert ours.read_text(encoding="utf-8") == '[school]\nname = "B.toml"\n'
    # Without --config, nothing is written into the user's configuration folder either.
    assert main(["restore", str(tmp_path / "s.zip"), "--data-dir", str(data)]) == 0
    assert not (tmp_path / "xdg").exists()

    assert main(["restore", str(tmp_path / "s.zip"), *base, "--with-config"]) == 0
    out = capsys.readouterr().out
    assert f"configuration écrite dans {ours}" in out
    assert "printer" in ours.read_text(encoding="utf-8")


def test_an_invalid_configuration_in_the_archive_refuses_the_restore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    services = build_services(data, Clock())
    _fill(services)
    bad = _school_config(tmp_path, "bad.toml")
    assert main(["backup", "--out", str(tmp_path / "s.zip"), "--config", str(bad),
                 "--data-dir", str(data)]) == 0
    # The archive's file is then made invalid (as a crafted archive would carry it).
    wrong = b'[kiosk]\nidle_timeout = -1\n'
    with zipfile.ZipFile(tmp_path / "s.zip") as zf:
        manifest = json.loads(zf.read(backup.MANIFEST))
    for entry in manifest["files"]:
        if entry["path"] == backup.CONFIG_MEMBER:
            entry.update(size=len(wrong), sha256=hashlib.sha256(wrong).hexdigest())
    _rewrite(tmp_path / "s.zip", {backup.CONFIG_MEMBER: wrong,
                                  backup.MANIFEST: json.dumps(manifest).encode()})
    ours = _school_config(tmp_path, "ours.toml")
    before, config_before = _tree(data), ours.read_bytes()
    capsys.readouterr()
    assert main(["restore", str(tmp_path / "s.zip"), "--config", str(ours), "--data-dir",
                 str(data), "--with-config"]) == 2
    assert "idle_timeout" in capsys.readouterr().err
    assert _tree(data) == before and ours.read_bytes() == config_before
    assert [p.name for p in tmp_path.iterdir() if ".restore-" in p.name] == []
