"""Retention (RGPD): exactly the personal fields past retention go; the counts stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.services import Services
from tests.support import FROZEN_NOW, Clock


def _docs(services: Services, table: str) -> list[dict[str, Any]]:
    return [dict(d) for d in services.store.file("bookings").table(table).all()]


def _history(services: Services, clock: Clock) -> dict[str, str]:
    """A meeting and a workshop 40 days ago, another meeting 10 days ago, one tomorrow."""
    office = services.booking
    person = office.people.add_person("Mme Martin", "teacher", ["CE2"])
    ids = {}
    for name, days in (("old", -40), ("recent", -10), ("future", 1)):
        clock.current = FROZEN_NOW + dt.timedelta(days=days - 2)
        slot = office.slots.add_slot(person.id, FROZEN_NOW + dt.timedelta(days=days), 15)
        office.appointments.book(slot.id, child=f"Enfant {name}", child_class="CE2",
                                 phone="0612345678")
        ids[name] = slot.id
    clock.current = FROZEN_NOW - dt.timedelta(days=45)
    workshop = office.workshops.add_workshop(
        "Atelier numérique", FROZEN_NOW - dt.timedelta(days=40), 90, "Salle 1", 2)
    for who in ("Awa Diallo", "Ion Popescu", "Li Wei"):  # the third waits
        office.workshops.register(workshop.id, name=who, phone="0700000000")
    clock.current = FROZEN_NOW
    return ids


def test_purge_erases_exactly_the_personal_fields_past_retention(
    services: Services, clock: Clock
) -> None:
    ids = _history(services, clock)
    services.help_requests.request("home")  # today: kept
    bookings_before = _docs(services, "bookings")
    regs_before = _docs(services, "registrations")
    workshop = services.booking.workshops.all()[0]
    assert (workshop.registered, workshop.waiting) == (2, 1)
    assert services.config.retention.bookings_days == 30

    report = services.retention.purge()

    assert report.bookings == 1 + 3  # the old meeting and the three registrations
    bookings_after = _docs(services, "bookings")
    assert len(bookings_after) == len(bookings_before)  # counts kept
    by_slot = {d["slot_id"]: d for d in bookings_after}
    old = by_slot[ids["old"]]
    assert old["child"] == "" and old["phone"] == ""
    before_old = next(d for d in bookings_before if d["slot_id"] == ids["old"])
    # Everything else of the record stays (class, time, status, code).
    assert {k: v for k, v in old.items() if k not in ("child", "phone", "purged")} == {
        k: v for k, v in before_old.items() if k not in ("child", "phone")
    }
    for name in ("recent", "future"):
        assert by_slot[ids[name]]["child"] == f"Enfant {name}"
        assert by_slot[ids[name]]["phone"] == "06 12 34 56 78"
    regs_after = _docs(services, "registrations")
    assert len(regs_after) == len(regs_before)
    assert all(r["name"] == "" and r["phone"] == "" for r in regs_after)
    workshop = services.booking.workshops.all()[0]
    assert (workshop.registered, workshop.waiting) == (2, 1)  # anonymous figures stay
    assert len(services.help_requests.all()) == 1
    assert [e.action for e in services.audit.entries()].count("purge") == 1

    # A second purge has nothing left to do.
    assert services.retention.purge().bookings == 0


def test_purge_before_date_and_other_retentions(services: Services, clock: Clock) -> None:
    ids = _history(services, clock)
    clock.current = FROZEN_NOW - dt.timedelta(days=400)
    services.audit.record("old.action", "il y a longtemps")
    clock.current = FROZEN_NOW - dt.timedelta(days=9)  # past help_requests_days (7)
    services.help_requests.request("booking")
    clock.current = FROZEN_NOW - dt.timedelta(days=5)
    services.help_requests.request("home")
    clock.current = FROZEN_NOW

    report = services.retention.purge(before=FROZEN_NOW.date() - dt.timedelta(days=5))

    by_slot = {d["slot_id"]: d for d in _docs(services, "bookings")}
    assert by_slot[ids["recent"]]["child"] == ""  # 10 days ago < the given day
    assert by_slot[ids["future"]]["child"] == "Enfant future"
    assert report.help_requests == 1
    assert [r.came_from for r in services.help_requests.all()] == ["home"]
    assert report.audit_entries == 1
    assert "old.action" not in [e.action for e in services.audit.entries()]


def test_kiosk_purge_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["purge", "--demo", "--data-dir", str(data)]) == 0
    assert "Purge faite" in capsys.readouterr().out
    assert main(["purge", "--demo", "--data-dir", str(data), "--before", "2999-01-01"]) == 2
    assert "future" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["purge", "--demo", "--data-dir", str(data), "--before", "hier"])


async def test_the_kiosk_purges_at_start(demo_services: Services, make_app: Any,
                                         clock: Clock) -> None:
    ids = _history(demo_services, clock)
    app = make_app()
    app.retention_first_delay = 0  # the kiosk waits 10 s after start; not the test
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    by_slot = {d["slot_id"]: d for d in _docs(demo_services, "bookings")}
    assert by_slot[ids["old"]]["child"] == ""
    assert by_slot[ids["recent"]]["child"] == "Enfant recent"


def test_purge_forgets_old_printed_tickets(services: Services, clock: Clock) -> None:
    from kiosk.tickets import printer_test_ticket

    queue = services.printing.queue
    clock.current = FROZEN_NOW - dt.timedelta(days=40)
    old = queue.add(printer_test_ticket(services.ticket_context), data=None, png=b"png",
                    text="Amina", printer="preview", status="printed")
    clock.current = FROZEN_NOW - dt.timedelta(days=2)
    recent = queue.add(printer_test_ticket(services.ticket_context), data=None, png=b"png",
                       text="Noé", printer="preview", status="printed")
    clock.current = FROZEN_NOW
    report = services.retention.purge()
    assert report.print_jobs == 1
    assert queue.get(old.number) is None and queue.get(recent.number) is not None
    assert not queue.paths(old.number)["txt"].exists()
