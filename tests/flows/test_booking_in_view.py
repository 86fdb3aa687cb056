"""Nothing hides below the fold in the booking and workshop flows (issue 15, point 3): the
lists scroll with the focus and show a scroll bar, each screen's own actions ("0 J'ai déjà un
code", "Je confirme", "Continuer"…) sit below the scrolling column, and every control Tab or a
number key reaches is fully in view when it has the focus, at 80×24 and 40×15, in fr, ar, zh,
on every step (40×15 with ``make test-slow``: make test stays fast)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kiosk.services import Services
from screens import booking as booking_screens
from screens import booking_code as code_screens
from screens import workshops as workshop_screens
from screens.base import Body
from screens.booking_parts import ConfirmModal
from screens.widgets import BigButton
from tests.support import fully_in_view, press, settle, start_at, tab_through, wait_for

SIZE = (80, 24)
TINY = (40, 15)
LANGUAGES = ["fr", "ar", "zh"]

LISTS = {
    "people": (booking_screens.ChoosePersonScreen, ".booking-person", "#have-code"),
    "workshops": (workshop_screens.WorkshopListScreen, ".workshop", "#workshop-have-code"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("which", list(LISTS))
async def test_a_list_and_its_code_button_at_80x24(make_app: Any, lang: str,
                                                   which: str) -> None:
    make, items_selector, code_button = LISTS[which]
    app = make_app()
    async with start_at(app, make, language=lang, size=SIZE) as pilot:
        screen = app.screen
        items = list(screen.query(items_selector).results(BigButton))
        assert len(items) >= 3
        # "0 J'ai déjà un code" is in view at once, below the list, not at its end.
        have_code = screen.query_one(code_button, BigButton)
        assert fully_in_view(app, have_code)
        assert screen.query_one("#body", Body) not in have_code.ancestors
        body = screen.query_one("#body", Body)
        if body.max_scroll_y > 0:
            assert body.show_vertical_scrollbar  # "there is more"
        reached = await tab_through(pilot)  # each one checked in view as it gets the focus
        assert all(item in reached for item in items if not item.disabled)
        assert have_code in reached
        await press(pilot, "0")
        assert isinstance(app.screen, code_screens.CodeScreen)


def a_booking(services: Services) -> Any:
    office = services.booking
    person = office.slots.people_with_free_slots()[0][0]
    return office.appointments.book(office.slots.free_slots(person.id)[0].id, child="Hana",
                                    child_class="CE2", phone="06 12 34 56 78", language="fr")


def a_registration(services: Services) -> Any:
    workshops = services.booking.workshops
    return workshops.register(workshops.upcoming()[0].id, name="Elif")


def chosen(app: Any, services: Services, **more: str) -> None:
    """The booking draft of a parent who chose the first person, day and time."""
    slots = services.booking.slots
    person = next(p for p, free in slots.people_with_free_slots() if free)
    day = slots.free_days(person.id)[0][0]
    slot = slots.free_slots(person.id, day)[0]
    app.session.draft(booking_screens.FLOW).update(
        person_id=person.id, day=day.isoformat(), slot_id=slot.id, **more)


def steps(app: Any, services: Services) -> list[tuple[str, Callable[[Any], Any]]]:
    """Every step of the booking and workshop flows, each made from the screen context."""
    booking, registration = a_booking(services), a_registration(services)
    moved = services.booking.appointments.booking_by_code(booking.code)
    workshop = services.booking.workshops.upcoming()[0]
    chosen(app, services, child="Amina", child_class="CP", phone="06 12 34 56 78")
    app.session.draft(workshop_screens.FLOW).update(workshop_id=workshop.id)
    return [
        ("person", booking_screens.ChoosePersonScreen),
        ("day", booking_screens.ChooseDayScreen),
        ("time", booking_screens.ChooseSlotScreen),
        ("form", booking_screens.DetailsScreen),
        ("confirm", booking_screens.SummaryScreen),
        ("done", lambda c: booking_screens.BookedScreen(c, booking)),
        ("code entry", code_screens.CodeScreen),
        ("booking detail", lambda c: code_screens.BookingDetailScreen(c, booking)),
        ("moved", lambda c: booking_screens.BookedScreen(c, moved, moved=True)),
        ("workshop list", workshop_screens.WorkshopListScreen),
        ("workshop form", workshop_screens.WorkshopScreen),
        ("workshop done", lambda c: workshop_screens.RegisteredScreen(c, registration)),
        ("workshop detail",
         lambda c: workshop_screens.RegistrationDetailScreen(c, registration)),
    ]


async def check_step(pilot: Any, name: str) -> None:
    """Tab through the current screen (each focused control checked in view); every number
    key's button is among them, and so are the screen's own actions."""
    app = pilot.app
    screen = app.screen
    focused = app.focused
    if focused is not None and not isinstance(focused, Body):
        # A field focused as the screen opens is scrolled to once the column is laid out.
        await wait_for(pilot, lambda: fully_in_view(app, focused))
    reached = await tab_through(pilot)
    keyed = [b for b in screen.query(BigButton).results(BigButton)
             if b.key and b.display and not b.disabled]
    missing = [b.id for b in keyed if b not in reached and b is not app.focused]
    assert not missing, f"{name}: {missing} never reached"
    if screen.size.width >= 60:
        for actions in screen.query(".own-actions"):
            for button in actions.query(BigButton).results(BigButton):
                if button.display:
                    assert fully_in_view(app, button), f"{name}: {button.id} hidden"


@pytest.mark.parametrize("size", [SIZE, pytest.param(TINY, marks=pytest.mark.slow)],
                         ids=["80x24", "40x15"])
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_step_keeps_its_controls_in_view(make_app: Any, demo_services: Services,
                                                     lang: str, size: tuple[int, int]) -> None:
    app = make_app()
    async with start_at(app, booking_screens.ChoosePersonScreen, language=lang,
                        size=size) as pilot:
        for name, make in steps(app, demo_services):
            await app.push_screen(make(app.screen_context))
            await settle(pilot)
            assert app.screen.query(BigButton), name
            await check_step(pilot, name)
            if name == "booking detail":  # and its cancel dialog
                await press(pilot, "2")
                assert isinstance(app.screen, ConfirmModal)
                await check_step(pilot, "cancel dialog")
                await press(pilot, "escape")
            await app.pop_screen()
            await settle(pilot)
