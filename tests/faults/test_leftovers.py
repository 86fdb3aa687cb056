"""Writes killed between the temporary file and the rename (issue 16): the temporary files they
leave hold whole copies of the bookings file, children's first names included. The store sweeps
them when it opens a folder, the purge sweeps the whole data folder, and neither touches a file
a live process is still writing."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import time
from pathlib import Path
from typing import Any

from kiosk.bench.soak_probe import child_name
from kiosk.core import leftovers
from kiosk.services import Services
from tests.support import FROZEN_NOW, Clock, build_services

FORK = multiprocessing.get_context("fork")
PURGED_CHILD = "Capucine"


def _paused_writer(data_dir: str, n: int, conn: Any) -> None:
    """Child: book a meeting, stopping inside the bookings file's write, after the temporary
    file is complete and before the rename; go on when the parent says so."""
    real_replace = os.replace
    paused: list[bool] = []

    def replace(src: Any, dst: Any) -> None:
        if ".bookings.json." in os.fspath(src) and not paused:
            paused.append(True)
            conn.send("paused")
            conn.recv()  # the parent kills us here, or lets us finish
        real_replace(src, dst)

    os.replace = replace  # type: ignore[assignment]
    services = build_services(Path(data_dir), Clock())
    office = services.booking
    person = office.people.all()[0]
    slot = office.slots.add_slot(person.id, FROZEN_NOW + dt.timedelta(days=3, hours=n), 15)
    office.appointments.book(slot.id, child=child_name(n), child_class="CP")
    conn.send("done")
    os._exit(0)


def start_writer(data_dir: Path, n: int) -> tuple[Any, Any]:
    """A writer stopped between its temporary file and the rename."""
    parent, child = FORK.Pipe()
    proc = FORK.Process(target=_paused_writer, args=(str(data_dir), n, child))
    proc.start()
    assert parent.recv() == "paused"
    return proc, parent


def kill_writer(data_dir: Path, n: int) -> None:
    proc, conn = start_writer(data_dir, n)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    conn.close()


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*.tmp"))


def with_past_booking(data_dir: Path, clock: Clock) -> Services:
    """A meeting 40 days ago (past retention) for the child whose name must go."""
    services = build_services(data_dir, clock)
    office = services.booking
    person = office.people.add_person("Mme Martin", "teacher", ["CP"])
    clock.current = FROZEN_NOW - dt.timedelta(days=45)
    slot = office.slots.add_slot(person.id, FROZEN_NOW - dt.timedelta(days=40), 15)
    office.appointments.book(slot.id, child=PURGED_CHILD, child_class="CP")
    clock.current = FROZEN_NOW
    return services


def test_purge_leaves_no_copy_of_a_purged_name(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "data"
    services = with_past_booking(data_dir, clock)
    for n in range(3):
        kill_writer(data_dir, n)
    left = temp_files(data_dir)
    assert len(left) == 1  # each writer removed the one before when it opened the folder
    assert all(PURGED_CHILD.encode() in p.read_bytes() for p in left)

    report = services.retention.purge()

    assert report.bookings == 1 and report.leftovers == 1
    assert "1 fichier(s) temporaire(s) abandonné(s) effacé(s)" in report.describe()
    holding = [p for p in data_dir.rglob("*") if p.is_file()
               and PURGED_CHILD.encode() in p.read_bytes()]
    assert holding == []
    assert temp_files(data_dir) == []
    assert len(services.booking.appointments.bookings()) == 1


def test_opening_the_folder_removes_only_what_no_live_process_writes(
    tmp_path: Path, clock: Clock
) -> None:
    data_dir = tmp_path / "data"
    with_past_booking(data_dir, clock)
    kill_writer(data_dir, 0)
    dead = temp_files(data_dir)
    live, conn = start_writer(data_dir, 1)
    try:
        check_sweep_at_open(data_dir, dead, conn)
    finally:
        live.kill()  # a no-op once it finished; never left waiting if a check failed
        live.join()


def check_sweep_at_open(data_dir: Path, dead: list[Path], conn: Any) -> None:
    year = data_dir / "2026-2027"
    alive = sorted(set(temp_files(data_dir)) - set(dead))
    # A file from an earlier version (no process id in its name): removed once it is old.
    old = year / ".bookings.json.k2j_8x0q.tmp"
    recent = year / ".bookings.json.a7c_2mzp.tmp"
    for path in (old, recent):
        path.write_bytes(b"{}")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert len(dead) == 1 and len(alive) == 1

    reopened = build_services(data_dir, Clock())
    reopened.booking.appointments.bookings()  # opens the year's folder

    assert temp_files(data_dir) == sorted([*alive, recent])
    conn.send("go")  # the live writer finishes its write: its file was left alone
    assert conn.recv() == "done"
    children = {b.child for b in reopened.booking.appointments.bookings()}
    assert children == {PURGED_CHILD, child_name(1)}
    assert leftovers.sweep(year) == []  # the recent file stays until it is stale
    assert leftovers.sweep(year, now=lambda: time.time() + leftovers.STALE_AFTER + 1) == [recent]
