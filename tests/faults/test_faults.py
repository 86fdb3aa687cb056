"""Faults: SIGKILL at random moments during each kind of write (issue 9). ``make test-slow``.

For each kind (questionnaire responses, announcements, print queue, audit log, the
configuration saved from the settings screen, appointments booked through the booking office),
a forked child writes through the real domain API in a loop and acknowledges each write after
it returns; it is killed at a random moment, 100 times. After every kill: every file still
parses, every acknowledged write is there (tests/domain/test_store.py also kills writes on the store
itself).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.bench.soak_probe import child_name
from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from kiosk.services import Services, open_services
from kiosk.staff import settings
from tests.support import FROZEN_NOW, Clock

pytestmark = pytest.mark.slow

FORK = multiprocessing.get_context("fork")
KILLS = int(os.environ.get("KIOSK_FAULT_KILLS", "100"))


def open_at(data_dir: Path, config_file: Path | None = None) -> Services:
    cfg = config_module.load(config_file or DEMO_CONFIG)
    services = open_services(cfg, data_dir)
    services.clock = Clock()
    return services


# One write with marker n, through the domain API; and what is stored (the markers found).


def write_response(services: Services, n: int) -> None:
    services.responses.add_response(services.questionnaire, {"A1": 1 + n % 5}, "fr")


def stored_responses(services: Services) -> set[int]:
    return set(range(services.responses.count()))  # responses carry no identity: a count


def write_announcement(services: Services, n: int) -> None:
    services.announcements.write(title=f"Annonce {n}", text=f"Texte {n}", urgent=True)


def stored_announcements(services: Services) -> set[int]:
    return {int(a.title.split()[1]) for a in services.announcements.all()}


def write_print_job(services: Services, n: int) -> int:
    from kiosk.tickets import printer_test_ticket

    job = services.printing.queue.add(printer_test_ticket(services.ticket_context),
                                      data=b"\x1b@ticket", png=b"\x89PNG", text=f"job {n}",
                                      printer="preview", status="pending")
    return job.number


def stored_print_jobs(services: Services) -> set[int]:
    queue = services.printing.queue
    found = set()
    for job in queue.jobs(limit=100_000):
        assert queue.ticket(job.number) is not None
        found.add(job.number)
    return found


BOOKING_START = FROZEN_NOW + dt.timedelta(days=7)


def write_booking(services: Services, n: int) -> None:
    office = services.booking
    people = office.people.all()
    person = people[0] if people else office.people.add_person("Mme Faute", "teacher", ["CP"])
    start = BOOKING_START + dt.timedelta(minutes=15 * n)
    # The slot of a write killed before its booking is there already: book it.
    slot = next((s for s in office.slots.all(person.id) if s.start == start), None) \
        or office.slots.add_slot(person.id, start, 15)
    # one child, one booking
    office.appointments.book(slot.id, child=child_name(n), child_class="CP")


def stored_bookings(services: Services) -> set[int]:
    return {int((b.start - BOOKING_START).total_seconds()) // 900
            for b in services.booking.appointments.bookings()}


def write_audit(services: Services, n: int) -> None:
    services.audit.record("fault.test", str(n))


def stored_audit(services: Services) -> set[int]:
    return {int(e.detail) for e in services.audit.entries() if e.action == "fault.test"}


def _writer(kind: str, data_dir: str, config_file: str, start: int, conn: Any) -> None:
    """Child: write forever, acknowledging each write after it returned."""
    services = open_at(Path(data_dir), Path(config_file) if config_file else None)
    n = start
    while True:
        if kind == "settings":
            settings.save(services.config, {"school": {"name": f"École {n}"}})
            ack = n
        else:
            marker = WRITERS[kind][0](services, n)
            ack = marker if isinstance(marker, int) else n
        conn.send(ack)
        n += 1


WRITERS: dict[str, tuple[Callable[[Services, int], Any], Callable[[Services], set[int]]]] = {
    "responses": (write_response, stored_responses),
    "announcements": (write_announcement, stored_announcements),
    "print_queue": (write_print_job, stored_print_jobs),
    "audit": (write_audit, stored_audit),
    "bookings": (write_booking, stored_bookings),
}


def kill_loop(kind: str, data_dir: Path, check: Callable[[set[int]], int],
              config_file: Path | None = None) -> set[int]:
    rng = random.Random(hash(kind) & 0xFFFF)
    acknowledged: set[int] = set()
    next_start = 0
    for _ in range(KILLS):
        parent, child = FORK.Pipe(duplex=False)
        proc = FORK.Process(target=_writer, args=(kind, str(data_dir), str(config_file or ""),
                                                  next_start, child))
        proc.start()
        child.close()
        deadline = time.monotonic() + rng.uniform(0.01, 0.15)
        while time.monotonic() < deadline:
            if parent.poll(0.002):
                acknowledged.add(parent.recv())
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        while parent.poll():
            try:
                acknowledged.add(parent.recv())
            except EOFError:
                break
        parent.close()
        next_start = check(acknowledged)
    return acknowledged


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_sigkill_during_writes_loses_nothing_acknowledged(tmp_path: Path, kind: str) -> None:
    data_dir = tmp_path / "data"
    _, stored_of = WRITERS[kind]

    def check(acknowledged: set[int]) -> int:
        services = open_at(data_dir)
        assert not services.problems, services.problems  # every file parses
        stored = stored_of(services)
        if kind == "responses":
            assert len(stored) >= len(acknowledged)
        else:
            assert acknowledged <= stored
        return max(stored | acknowledged | {0}) + 1

    acknowledged = kill_loop(kind, data_dir, check)
    assert len(acknowledged) > KILLS // 5  # the writer did real work between kills


def test_sigkill_while_saving_the_configuration(tmp_path: Path) -> None:
    config_file = tmp_path / "kiosk.toml"
    config_file.write_bytes(DEMO_CONFIG.read_bytes())
    data_dir = tmp_path / "data"

    def check(acknowledged: set[int]) -> int:
        cfg = config_module.load(config_file)  # parses and is valid
        last = max(acknowledged, default=-1)
        saved = int(cfg.school.name.split()[-1]) if cfg.school.name.startswith("École ") else -1
        assert saved >= last  # the last acknowledged save (or a later one) is in the file
        backup = config_file.with_name(config_file.name + ".bak")
        if backup.exists():
            config_module.load(backup)
        return max(acknowledged | {saved}) + 1

    acknowledged = kill_loop("settings", data_dir, check, config_file)
    assert len(acknowledged) > KILLS // 5
