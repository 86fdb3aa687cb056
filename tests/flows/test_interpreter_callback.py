"""Interpreters and call-backs, by keys only (issue 19): an Arabic-speaking parent books a
meeting and asks for an interpreter, which staff see on the day's list, the printed list, the
dashboard and the export; a French parent is never asked; a call-back from Help (key 3) to
the staff's "À rappeler" list, marked done and purged."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input

from kiosk.services import Services
from screens import booking as booking_screens
from screens import workshops as workshop_screens
from screens.callback import CallbackDoneScreen, CallbackScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.interpreter import InterpreterModal
from screens.staff.booking import AppointmentsStaffScreen
from screens.staff.callbacks import CallbacksStaffScreen
from screens.staff.help_requests import HelpRequestsScreen
from screens.ticket import TicketScreen
from screens.widgets import Notice, Paragraph
from tests.flows.test_any_digits import details_screen
from tests.support import (
    click,
    fully_in_view,
    press,
    screen_text,
    settle,
    start_at,
    wait_for,
)

SIZE = (80, 24)


def texts(app: Any) -> str:
    found = [p.text for p in app.screen.query(Paragraph)]
    found += [n.text for n in app.screen.query(Notice) if n.display]
    return "\n".join(found)


def rows(table: DataTable[Any]) -> list[str]:
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_an_arabic_parent_asks_for_an_interpreter_and_staff_see_it(
        make_app: Any, demo_services: Services) -> None:
    tr = demo_services.i18n.translator("ar")
    app = make_app()
    async with start_at(app, details_screen(app), language="ar", size=SIZE) as pilot:
        await press(pilot, *"Amina", "enter", "enter")  # the name, (no phone), continue
        assert isinstance(app.screen, InterpreterModal)
        question = app.screen.query_one("#confirm-yes")
        assert fully_in_view(app, question) and fully_in_view(app, app.screen.query_one(
            "#confirm-no"))
        assert tr("Voulez-vous un interprète ?") in texts(app)
        assert tr("Voulez-vous un interprète ?") != "Voulez-vous un interprète ?"
        await press(pilot, "1")  # Oui
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert tr("Interprète demandé") in texts(app)
        await press(pilot, "1")  # I confirm
        assert isinstance(app.screen, booking_screens.BookedScreen)
        booking = app.screen.booking
        await press(pilot, "1")  # my ticket: in Arabic, "Interprète demandé" in the French part
        assert isinstance(app.screen, TicketScreen)
        assert "Interprète demandé" in [line.text for line in app.screen.ticket.french]
        assert tr("Interprète demandé") in [line.text for line in app.screen.ticket.lines]
    assert booking.interpreter is True and booking.language == "ar"
    stored = demo_services.booking.appointments.booking_by_code(booking.code)
    assert stored is not None and stored.interpreter is True

    # The staff's day list, its printed list, the dashboard and the export.
    staff = make_app()
    day = f"{booking.start:%d/%m/%Y}"
    async with start_at(staff, AppointmentsStaffScreen, staff=True, size=(160, 40)) as pilot:
        staff.screen.query_one("#day", Input).value = day
        await click(pilot, "#day-show")
        await settle(pilot)
        shown = [row for row in rows(staff.screen.query_one("#day-table", DataTable))
                 if "Amina" in row]
        assert len(shown) == 1 and "arabe | oui" in shown[0]
        jobs = len(demo_services.printing.jobs())
        await click(pilot, "#day-print")
        await settle(pilot)
    printed = demo_services.printing.jobs()[: len(demo_services.printing.jobs()) - jobs]
    texts_printed = [
        "\n".join(ticket.texts()) for job in printed
        if (ticket := demo_services.printing.queue.ticket(job.number)) is not None
    ]
    assert any("Amina" in text and "arabe, interprète demandé" in text
               for text in texts_printed), texts_printed
    exported = [row for row in demo_services.booking.transfer.export_rows("bookings")
                if row["code"] == booking.code]
    assert exported[0]["langue_nom"] == "arabe" and exported[0]["interprete"] == "oui"
    demo_services.clock.current = booking.start.replace(hour=7)  # type: ignore[union-attr]
    board = demo_services.dashboard.gather(query_printer=False)
    notes = [line.note for day_ in board.appointments or [] for line in day_.lines]
    assert any("arabe, interprète demandé" in note for note in notes), notes


async def test_a_french_parent_is_never_asked(make_app: Any, demo_services: Services) -> None:
    app = make_app()
    async with start_at(app, details_screen(app), language="fr", size=SIZE) as pilot:
        await press(pilot, *"Lucas", "enter", "enter")
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert not any(isinstance(s, InterpreterModal) for s in app.screen_stack)
        assert "Interprète demandé" not in texts(app)
        await press(pilot, "1")
        assert isinstance(app.screen, booking_screens.BookedScreen)
        assert app.screen.booking.interpreter is False


async def test_a_workshop_place_with_an_interpreter(make_app: Any,
                                                    demo_services: Services) -> None:
    tr = demo_services.i18n.translator("zh")
    workshop = demo_services.booking.workshops.upcoming()[0]
    app = make_app()

    def at_workshop(context: Any) -> Any:
        app.session.draft(workshop_screens.FLOW).update(workshop_id=workshop.id)
        return workshop_screens.WorkshopScreen(context)

    async with start_at(app, at_workshop, language="zh", size=SIZE) as pilot:
        await press(pilot, *"Li", "enter", "enter")
        assert isinstance(app.screen, InterpreterModal)
        await press(pilot, "escape")  # back: nothing chosen, nothing lost
        assert isinstance(app.screen, workshop_screens.WorkshopScreen)
        assert app.screen.query_one("#name", Input).value == "Li"
        await press(pilot, "enter")  # Enter in the phone field sends the form again
        assert isinstance(app.screen, InterpreterModal)
        await press(pilot, "1")
        assert isinstance(app.screen, workshop_screens.RegisteredScreen)
        assert tr("Interprète demandé") in texts(app)
        registration = app.screen.registration
    assert registration.interpreter is True
    exported = [row for row in demo_services.booking.transfer.export_rows("workshops")
                if row["code"] == registration.code]
    assert exported[0]["langue_nom"] == "chinois" and exported[0]["interprete"] == "oui"


async def test_a_call_back_from_help_to_done_and_purged(make_app: Any,
                                                        demo_services: Services) -> None:
    tr = demo_services.i18n.translator("ar")
    app = make_app()
    async with start_at(app, HomeScreen, language="ar", size=SIZE) as pilot:
        await press(pilot, "5")  # Home: help
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "1")  # I need help: recorded with the parent's language
        assert [r.language for r in demo_services.help_requests.pending()] == ["ar"]
        await press(pilot, "3")  # call me back
        assert isinstance(app.screen, CallbackScreen)
        assert tr("Je veux qu'on me rappelle") in texts(app)
        consent = app.screen.query_one("#callback-consent", Paragraph)
        assert "30" in consent.text or "٣٠" in consent.text
        await press(pilot, "3")  # the canteen (the subject comes first)
        name = app.screen.query_one("#name", Input)
        assert app.screen.focused is name
        await press(pilot, *"Amina", "enter", *"06 12", "enter")
        assert isinstance(app.screen, CallbackScreen)  # an incomplete number: said, kept
        assert tr("Ce numéro de téléphone n'est pas complet. Exemple : 06 12 34 56 78 ou +90 …"
                  ) in texts(app)
        assert name.value == "Amina" and app.screen.query_one("#phone", Input).value == "06 12"
        assert demo_services.callbacks.all() == []
        await press(pilot, *"345678", "enter")
        assert isinstance(app.screen, CallbackDoneScreen)
        assert tr("L'école vous rappellera au {phone}.").split("{")[0] in texts(app)
        await press(pilot, "1")  # I am finished: the next parent starts afresh
        assert app.session.is_empty
    (request,) = demo_services.callbacks.waiting()
    assert (request.name, request.phone, request.language, request.subject) == (
        "Amina", "06 12 34 56 78", "ar", "canteen")

    staff = make_app()
    async with start_at(staff, HelpRequestsScreen, staff=True, size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "— langue : arabe" in screen_text(staff))
    staff = make_app()
    async with start_at(staff, CallbacksStaffScreen, staff=True, size=(100, 30)) as pilot:
        table = staff.screen.query_one("#callbacks-table", DataTable)
        assert rows(table) and "Amina | 06 12 34 56 78 | arabe | la cantine" in rows(table)[0]
        await click(pilot, "#callback-done")
        await settle(pilot)
        assert table.row_count == 0
        assert "faite" in str(staff.screen.query_one("#staff-status").render())
    assert demo_services.callbacks.waiting() == []
    assert demo_services.retention.purge().callbacks == 1
    assert demo_services.callbacks.all() == []
