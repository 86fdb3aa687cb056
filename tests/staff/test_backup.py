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
    result = backup.restore(archive, data, None, now=services.now())
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

    result = backup.restore(archive, services.data_dir, config_file, now=services.now())
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
        backup.restore(archive, services.data_dir, None, now=services.now())
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
        backup.restore(archive, services.data_dir, None, now=services.now())
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
    _, contents = backup.verify(tmp_path / "b.zip")
    copied = contents["data/2026-2027/bookings.json"].decode()
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
        backup.restore(damaged, services.data_dir, None, now=services.now())
    assert _tree(services.data_dir) == before
