"""Staff screens for appointments and workshops (Pilot, French)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from kiosk.services import Services
from screens.staff import booking as staff
from screens.staff import workshops as workshop_staff
from tests.support import settle

SIZE = (120, 50)


async def open_screen(pilot: Any, screen: Any) -> None:
    await pilot.app.open_staff_area()
    await settle(pilot)
    await pilot.app.push_screen(screen)
    await settle(pilot)


def set_inputs(app: Any, **values: str) -> None:
    for key, value in values.items():
        app.screen.query_one(f"#{key.replace('_', '-')}", Input).value = value


async def test_add_person_pattern_and_cancel_a_booked_slot(make_app: Any,
                                                           demo_services: Services) -> None:
    app = make_app()
    office = demo_services.booking
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, staff.AppointmentsStaffScreen(app.screen_context))
        set_inputs(app, person_name="M. Haddad", person_role="enseignant",
                   person_classes="CM2")
        await pilot.click("#person-add")
        await settle(pilot)
        haddad = office.people.find_person("M. Haddad")
        assert haddad is not None and haddad.classes == ("CM2",)
        await pilot.app.push_screen(staff.PersonSlotsScreen(pilot.app.screen_context, haddad.id))
        await settle(pilot)
        monday = demo_services.today() + dt.timedelta(days=7)
        set_inputs(app, pat_weekday="lundi", pat_start="16:30", pat_end="17:30",
                   pat_minutes="20", pat_first=f"{monday:%d/%m/%Y}",
                   pat_last=f"{monday + dt.timedelta(days=14):%d/%m/%Y}",
                   pat_except=f"{monday + dt.timedelta(days=7):%d/%m/%Y}", pat_place="Salle 9")
        await pilot.click("#pattern-add")
        await settle(pilot)
        assert len(office.slots.all(haddad.id)) == 6
        table = app.screen.query_one("#slots-table", DataTable)
        assert table.row_count == 6
        booking = office.appointments.book(office.slots.all(haddad.id)[0].id, child="Lina",
                                           child_class="CM2")
        app.screen.reload()  # read in a worker: the table is filled once it is done
        await settle(pilot)
        assert "Lina (CM2)" in str(table.get_row_at(0)[4])
        table.move_cursor(row=0)
        await pilot.click("#slot-cancel")
        await settle(pilot)
        assert booking.code in {n.code for n in office.notices.to_notify()}
        # a bad date: a French message, nothing added
        set_inputs(app, one_day="31/02/2026", one_start="16:30")
        await pilot.click("#slot-add")
        await settle(pilot)
        assert "date illisible" in str(app.screen.query_one("#staff-status").render())
        assert len(office.slots.all(haddad.id)) == 5


async def test_workshop_attendance_and_cancel_promotes(make_app: Any,
                                                       demo_services: Services) -> None:
    app = make_app()
    office = demo_services.booking
    workshop = office.workshops.add_workshop(
        "Atelier test", demo_services.now() + dt.timedelta(days=3), 60, "Salle", 1)
    first = office.workshops.register(workshop.id, name="Ana")
    waiting = office.workshops.register(workshop.id, name="Mei")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, workshop_staff.WorkshopStaffScreen(app.screen_context,
                                                                    workshop.id))
        table = app.screen.query_one("#registrations-table", DataTable)
        assert table.row_count == 2
        table.move_cursor(row=0)
        await pilot.click("#mark-present")
        await settle(pilot)
        assert office.workshops.registrations(workshop.id)[0].attendance == "present"
        table.move_cursor(row=0)
        await pilot.click("#registration-cancel")
        await settle(pilot)
        assert "Mei" in str(app.screen.query_one("#staff-status").render())
        assert office.workshops.registration_by_code(waiting.code).status == "registered"  # type: ignore[union-attr]
        assert office.workshops.registration_by_code(first.code).status == "cancelled"  # type: ignore[union-attr]
        await pilot.click("#attendance-print")
        await settle(pilot)
        await pilot.click("#workshop-cancel")  # arms the button (asks to confirm)
        await settle(pilot)
        assert not office.workshops.workshop(workshop.id).cancelled  # type: ignore[union-attr]
        await pilot.pause(0.3)  # a button ignores a second press during its 0.2 s effect
        await pilot.click("#workshop-cancel")
        await settle(pilot)
        assert office.workshops.workshop(workshop.id).cancelled  # type: ignore[union-attr]


async def test_day_list_and_staff_entries(make_app: Any, demo_services: Services) -> None:
    from screens.staff.home import STAFF_ENTRIES

    assert {"appointments", "workshops"} <= {e.id for e in STAFF_ENTRIES}
    app = make_app()
    office = demo_services.booking
    day = min(b.start.date() for b in office.appointments.bookings())
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, staff.AppointmentsStaffScreen(app.screen_context))
        set_inputs(app, day=f"{day:%d/%m/%Y}")
        await pilot.click("#day-show")
        await settle(pilot)
        table = app.screen.query_one("#day-table", DataTable)
        assert table.row_count >= 1
        await pilot.click("#day-print")
        await settle(pilot)
        assert "liste" in str(app.screen.query_one("#staff-status").render())


async def test_tables_are_read_in_a_worker_and_a_failed_read_is_said(
        make_app: Any, demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.core.store import StorageError

    app = make_app()
    office = demo_services.booking
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, workshop_staff.WorkshopsStaffScreen(app.screen_context))
        table = app.screen.query_one("#workshops-table", DataTable)
        assert table.row_count == len(office.workshops.all()) > 0

        def unreadable() -> None:
            raise StorageError("disque illisible")

        monkeypatch.setattr(office.workshops, "all", unreadable)
        app.screen.reload()  # type: ignore[attr-defined]
        await settle(pilot)
        assert "Lecture impossible : disque illisible" in str(
            app.screen.query_one("#staff-status").render())
        assert table.row_count > 0  # what was shown stays


async def test_the_workshop_table_and_its_print_show_language_and_interpreter(
        make_app: Any, demo_services: Services) -> None:
    app = make_app()
    office = demo_services.booking
    workshop = office.workshops.add_workshop(
        "Atelier test", demo_services.now() + dt.timedelta(days=3), 60, "Salle", 4)
    office.workshops.register(workshop.id, name="Fatima", language="ar", interpreter=True)
    office.workshops.register(workshop.id, name="Lucas")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, workshop_staff.WorkshopStaffScreen(app.screen_context,
                                                                    workshop.id))
        table = app.screen.query_one("#registrations-table", DataTable)
        rows = [" ".join(str(cell) for cell in table.get_row_at(i))
                for i in range(table.row_count)]
        assert any("Fatima" in row and "arabe, interprète demandé" in row for row in rows)
        assert any("Lucas" in row and "arabe" not in row for row in rows)
    regs = {r.name: r for r in office.workshops.registrations(workshop.id)}
    assert workshop_staff._with_language(regs["Fatima"]) == (
        "Fatima (arabe, interprète demandé)")
    assert workshop_staff._with_language(regs["Lucas"]) == "Lucas"
