"""The staff dashboard: figures on seeded data, and its actions, with the Pilot."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import Button, Static

from kiosk.core import storage_errors
from kiosk.services import Services
from tests.support import FROZEN_NOW, Clock, new_app


def _at(hour: int, minute: int = 0, days: int = 0) -> dt.datetime:
    return FROZEN_NOW.replace(hour=hour, minute=minute) + dt.timedelta(days=days)


def seed(services: Services, clock: Clock) -> dict[str, Any]:
    """A known day: 2 people with slots today, a workshop, responses, help, a stuck ticket."""
    office = services.booking
    clock.current = FROZEN_NOW - dt.timedelta(days=2)  # bookings are made ahead of time
    martin = office.people.add_person("Mme Martin", "teacher", ["CE2"])
    diallo = office.people.add_person("M. Diallo", "teacher", ["CM1"])
    s1 = office.slots.add_slot(martin.id, _at(16, 30), 15)
    s2 = office.slots.add_slot(martin.id, _at(16, 45), 15)
    office.slots.add_slot(martin.id, _at(17, 0), 15)
    office.slots.add_slot(martin.id, _at(16, 30, days=1), 15)  # tomorrow: not today's
    s4 = office.slots.add_slot(diallo.id, _at(17, 30), 15)
    office.appointments.book(s1.id, child="Amina", child_class="CE2", phone="0612345678")
    office.appointments.book(s2.id, child="Noé", child_class="CE2")
    office.appointments.book(s4.id, child="Lina", child_class="CM1", phone="0700000000")
    office.slots.cancel_slot(s4.id)  # Lina's family must be told
    workshop = office.workshops.add_workshop("Découvrir l'ENT", _at(14, days=3), 90, "Salle 2", 2)
    for name in ("Awa", "Ion", "Li"):
        office.workshops.register(workshop.id, name=name)
    clock.current = FROZEN_NOW
    responses = [{"answers": {}, "language": "fr", "hour": hour, "version": 1}
                 for hour in ("2026-11-23T09", "2026-11-23T10", "2026-11-20T15",
                              "2026-10-02T11")]
    services.responses.add_many(responses)
    clock.current = _at(9, 40)
    help_request = services.help_requests.request("booking")
    clock.current = FROZEN_NOW
    from kiosk.tickets import printer_test_ticket

    job = services.printing.queue.add(printer_test_ticket(services.ticket_context), data=None,
                                      png=b"", text="", printer="network:10.0.0.9:9100")
    services.printing.queue.update(job.number, error="connexion refusée")
    return {"help": help_request}


def test_gathered_figures(services: Services, clock: Clock) -> None:
    seed(services, clock)
    board = services.dashboard.gather()
    assert board.appointments is not None
    days = {d.person: d for d in board.appointments}
    assert set(days) == {"Mme Martin", "M. Diallo"}
    assert (days["Mme Martin"].booked, len(days["Mme Martin"].lines)) == (2, 3)
    assert [line.who for line in days["Mme Martin"].lines] == ["Amina (CE2)", "Noé (CE2)", ""]
    assert days["M. Diallo"].booked == 0
    assert board.workshops is not None
    [workshop] = board.workshops
    assert (workshop.registered, workshop.capacity, workshop.waiting) == (2, 2, 1)
    assert board.responses is not None
    assert (board.responses.today, board.responses.total, board.responses.families) == (2, 4, 180)
    assert board.responses.rate == pytest.approx(4 / 180)
    assert board.to_notify is not None and [n.who for n in board.to_notify] == ["Lina (CM1)"]
    assert board.help_requests is not None and len(board.help_requests) == 1
    assert board.printer is not None
    assert board.printer.pending == 1
    assert board.printer.last_error.startswith(  # stored by an older version: said plainly
        "L'imprimante network:10.0.0.9:9100 refuse la connexion")
    assert board.problems == []


def test_storage_problems_are_listed_not_fatal(services: Services, clock: Clock,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seed(services, clock)
    (services.store.root / services.store.year / "help.json").write_text("{broken")
    monkeypatch.setattr(storage_errors, "_WRITE_ERRORS", [(FROZEN_NOW, "disque plein")])
    board = services.dashboard.gather()
    assert board.help_requests is None
    assert any(p.startswith("Demandes d'aide : ") for p in board.problems)
    assert any("disque plein" in p for p in board.problems)
    assert board.workshops  # the other parts are still there


async def test_dashboard_is_the_staff_home_and_acts(services: Services, clock: Clock) -> None:

    seeded = seed(services, clock)
    app = new_app(services)
    async with app.run_test(size=(110, 60)) as pilot:
        await app.open_staff_area()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

        def text(selector: str) -> str:
            return str(app.screen.query_one(selector, Static).render())

        appointments = text("#dashboard-appointments")
        assert "Mme Martin — 2 rendez-vous sur 3 créneaux" in appointments
        assert "16:30  Amina (CE2) (tél. 06 12 34 56 78)" in appointments
        assert "17:00  libre" in appointments
        assert "2/2 inscrits, 1 en liste d'attente" in text("#dashboard-workshops")
        responses = text("#dashboard-responses")
        assert "2 réponse(s) aujourd'hui, 4 cette année" in responses and "2%" in responses
        printer = text("#dashboard-printer")
        assert "1 ticket en attente" in printer and "refuse la connexion" in printer
        assert "Vérifiez qu'elle est allumée" in printer
        page = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Demandes d'aide en attente : 1" in page and "09:40 — depuis les rendez-vous" in page
        assert "Lina (CM1), tél. 07 00 00 00 00" in page

        # Acknowledge the help request (click), then mark Lina's family told (keyboard).
        await pilot.click(f"#dash-ack-{seeded['help'].id}")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert services.help_requests.pending() == []
        assert "Demandes d'aide : aucune en attente." in " ".join(
            str(s.render()) for s in app.screen.query(Static))
        button = app.screen.query_one("#dash-notified-0", Button)
        button.focus()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert services.booking.notices.to_notify() == []
        assert "Familles à prévenir : aucune." in " ".join(
            str(s.render()) for s in app.screen.query(Static))
