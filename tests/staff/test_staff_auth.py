"""The staff PIN: salted scrypt hash, five wrong PINs lock for five minutes (across restarts),
and `kiosk set-pin`."""

from __future__ import annotations

import datetime as dt
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.services import Services
from kiosk.staff.pin import (
    LOCK_MINUTES,
    MAX_ATTEMPTS,
    CheckOutcome,
    PinError,
    StaffAccess,
    validate_pin,
)
from tests.support import Clock, build_services
from tests.support.paths import ROOT


def test_no_pin_means_no_entry(services: Services) -> None:
    access = services.staff_access
    assert not access.has_pin()
    assert access.check("2580").outcome is CheckOutcome.NO_PIN


def test_pin_is_stored_as_salted_scrypt_hash(services: Services) -> None:
    services.staff_access.set_pin("2580")
    raw = (services.data_dir / "kiosk" / "staff.json").read_text(encoding="utf-8")
    assert "2580" not in raw
    doc = next(d for d in json.loads(raw)["staff"].values() if d["name"] == "pin")
    assert len(bytes.fromhex(doc["salt"])) == 16
    assert doc["n"] >= 2**14
    # The same PIN set twice gets a different salt, hence a different hash.
    services.staff_access.set_pin("2580")
    raw2 = (services.data_dir / "kiosk" / "staff.json").read_text(encoding="utf-8")
    doc2 = next(d for d in json.loads(raw2)["staff"].values() if d["name"] == "pin")
    assert doc2["salt"] != doc["salt"] and doc2["hash"] != doc["hash"]


def test_right_and_wrong_pin(services: Services) -> None:
    access = services.staff_access
    access.set_pin("2580")
    assert access.check("2580").ok
    wrong = access.check("2581")
    assert wrong.outcome is CheckOutcome.WRONG
    assert wrong.remaining == MAX_ATTEMPTS - 1
    assert access.check("2580").ok
    assert access.failures() == 0


def test_five_wrong_pins_lock_even_after_a_restart(tmp_path: Path, clock: Clock) -> None:
    services = build_services(tmp_path / "data", clock)
    services.staff_access.set_pin("2580")
    for attempt in range(MAX_ATTEMPTS - 1):
        assert services.staff_access.check("0000").outcome is CheckOutcome.WRONG, attempt
    locked = services.staff_access.check("0000")
    assert locked.outcome is CheckOutcome.LOCKED
    # A "restart": new services over the same folder.
    again = build_services(tmp_path / "data", clock)
    result = again.staff_access.check("2580")
    assert result.outcome is CheckOutcome.LOCKED  # even the right PIN
    assert result.locked_until == locked.locked_until
    clock.advance(minutes=LOCK_MINUTES, seconds=1)
    assert again.staff_access.check("2580").ok


def test_clock_set_back_does_not_lengthen_the_lock(services: Services, clock: Clock) -> None:
    access = services.staff_access
    access.set_pin("2580")
    for _ in range(MAX_ATTEMPTS):
        access.check("1111")
    clock.advance(days=-2)
    until = access.locked_until()
    assert until is not None
    assert until - services.now() <= dt.timedelta(minutes=LOCK_MINUTES)


def test_setting_a_pin_lifts_the_lock(services: Services) -> None:
    access = services.staff_access
    access.set_pin("2580")
    for _ in range(MAX_ATTEMPTS):
        access.check("1111")
    assert access.locked_until() is not None
    access.set_pin("3690")
    assert access.locked_until() is None
    assert access.check("3690").ok


def test_damaged_pin_record_never_opens(services: Services) -> None:
    access = services.staff_access
    access.set_pin("2580")
    with services.store.lasting_file("staff").transaction() as db:
        db.table("staff").update({"hash": "zz-not-hex"}, lambda r: r["name"] == "pin")
    assert access.check("2580").outcome is CheckOutcome.WRONG


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", "٠١٢٣", "1111", " 1234"])
def test_bad_pins_are_refused(pin: str) -> None:
    with pytest.raises(PinError):
        validate_pin(pin)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=20))
def test_any_text_is_either_a_pin_or_refused_clearly(text: str) -> None:
    try:
        assert validate_pin(text) == text
    except PinError as exc:
        assert str(exc)


def _kiosk(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "run_kiosk.py"), "--demo", "--data-dir", str(data), *args],
        input=stdin, capture_output=True, text=True, check=False, cwd=ROOT, timeout=60,
    )


def test_set_pin_command(tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    done = _kiosk(data, "set-pin", "--pin-stdin", stdin="2580\n")
    assert done.returncode == 0, done.stderr
    services = build_services(data, clock)
    assert services.staff_access.check("2580").ok
    assert any(e.action == "pin.set" for e in services.audit.entries())
    refused = _kiosk(data, "set-pin", "--pin-stdin", stdin="12\n")
    assert refused.returncode == 2
    assert "chiffres" in refused.stderr
    assert build_services(data, clock).staff_access.check("2580").ok  # unchanged
    # Without a terminal and without --pin-stdin: a clear refusal, nothing asked.
    no_tty = _kiosk(data, "set-pin")
    assert no_tty.returncode == 2
    assert "--pin-stdin" in no_tty.stderr


def test_set_pin_says_which_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = _kiosk(data, "set-pin", "--pin-stdin", stdin="2580\n")
    assert done.returncode == 0, done.stderr
    assert str(data.resolve()) in done.stdout


@pytest.mark.parametrize("demo", [False, True])
def test_the_no_pin_dialogs_command_sets_this_kiosks_pin(tmp_path: Path, clock: Clock,
                                                         demo: bool) -> None:
    """Typed as the dialog shows it, the command writes the PIN this kiosk reads (a plain
    `kiosk set-pin` would write it into the platform's data folder)."""
    from kiosk.staff.pin_command import set_pin_command

    services = build_services(tmp_path / "data", clock, demo=demo)
    program = [sys.executable, str(ROOT / "run_kiosk.py")]
    command = set_pin_command(services.config, services.data_dir, demo=demo, program=program)
    assert ("--demo" in command) is demo and "--data-dir" in command
    done = subprocess.run([*shlex.split(command), "--pin-stdin"], input="2580\n",
                          capture_output=True, text=True, check=False, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert services.staff_access.check("2580").ok


def test_the_demo_in_its_own_folder_needs_only_demo() -> None:
    from kiosk.core.config import load
    from kiosk.core.paths import DEMO_CONFIG, DEMO_DATA_DIR
    from kiosk.staff.pin_command import set_pin_command

    demo = load(DEMO_CONFIG)
    assert set_pin_command(demo, DEMO_DATA_DIR, demo=True, program=["kiosk"]) == (
        "kiosk --demo set-pin")
    elsewhere = set_pin_command(demo, Path("/srv/école"), demo=True,
                                program=["/opt/kiosk/bin/kiosk"])
    assert shlex.split(elsewhere) == [
        "/opt/kiosk/bin/kiosk", "--demo", "--data-dir", "/srv/école", "set-pin"]


def test_staff_access_is_a_fresh_reader_each_time(tmp_path: Path, clock: Clock) -> None:
    """Two kiosk processes (here two services) see each other's attempts."""
    one = build_services(tmp_path / "data", clock)
    two = build_services(tmp_path / "data", clock)
    one.staff_access.set_pin("2580")
    two.staff_access.check("0000")
    assert one.staff_access.failures() == 1
    assert isinstance(one.staff_access, StaffAccess)
