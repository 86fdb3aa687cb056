"""Back after finishing, keys only (issue 15, point 4): once a meeting is booked or moved, a
workshop place taken or a place cancelled, Escape goes Home (and the nav bar says so), never
back into the finished flow's steps; counts are read again when the parent comes back to a
list; a move is checked and confirmed like a booking; a cancel dialog opens on "No"."""

from __future__ import annotations

from typing import Any

from kiosk.booking.model import BookingRefused
from kiosk.services import Services
from screens import booking as booking_screens
from screens import booking_code as code_screens
from screens import workshops as workshop_screens
from screens.booking_parts import ConfirmModal
from screens.home import HomeScreen
from screens.widgets import BigButton, Notice, Paragraph
from tests.support import fully_in_view, press, start_at

SIZE = (80, 24)


def shown_texts(app: Any) -> list[str]:
    """The paragraphs and the visible notices of the current screen (logical text)."""
    return [p.text for p in app.screen.query(Paragraph)  # a Notice is a Paragraph
            if not isinstance(p, Notice) or p.display]


def stack(app: Any) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


def says_escape_goes_home(app: Any) -> bool:
    """The nav bar shows Home with the Escape key, and no Back."""
    tr = app.tr
    home = app.screen.query_one("#nav-home", BigButton)
    return tr("Échap") in home.text and not app.screen.query("#nav-back")


async def book_with_keys(pilot: Any, person_key: str) -> None:
    """From Home: meet a teacher, the person of `person_key` (one class), the first day and
    time, the child's name, Enter, Enter (no phone), then "1 Je confirme"."""
    await press(pilot, "2", person_key, "1", "1")
    assert isinstance(pilot.app.screen, booking_screens.DetailsScreen)
    await press(pilot, *"Amina", "enter", "enter")
    assert isinstance(pilot.app.screen, booking_screens.SummaryScreen)
    await press(pilot, "1")


async def test_back_after_booking_goes_home(make_app: Any, demo_services: Services) -> None:
    app = make_app()
    people = [p for p, _ in demo_services.booking.slots.people_with_free_slots()]
    key = str(1 + next(i for i, p in enumerate(people) if len(p.classes) == 1))
    async with start_at(app, HomeScreen, language="fr", size=SIZE) as pilot:
        await book_with_keys(pilot, key)
        assert isinstance(app.screen, booking_screens.BookedScreen)
        # The flow's steps are closed: only Home is below the code.
        assert stack(app) == ["WelcomeScreen", "HomeScreen", "BookedScreen"]
        assert says_escape_goes_home(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert stack(app) == ["WelcomeScreen", "HomeScreen"]
        # Nothing was confirmed twice: one booking for Amina.
        booked = [b for b in demo_services.booking.appointments.bookings()
                  if b.child == "Amina"]
        assert len(booked) == 1


async def test_back_after_registering_goes_home_and_places_are_read_again(
        make_app: Any, demo_services: Services) -> None:
    workshops = demo_services.booking.workshops
    first = workshops.upcoming()[0]
    assert not first.full
    app = make_app()
    async with start_at(app, HomeScreen, language="fr", size=SIZE) as pilot:
        await press(pilot, "3", "1")  # workshops, the first one
        assert isinstance(app.screen, workshop_screens.WorkshopScreen)
        # Someone else takes a place meanwhile; Back shows the list as it is now.
        workshops.register(first.id, name="Someone Else")
        await press(pilot, "escape")
        assert isinstance(app.screen, workshop_screens.WorkshopListScreen)
        label = app.screen.query_one(f"#workshop-{first.id}", BigButton).hint
        assert workshop_screens.places_text(app.screen, workshops.workshop(first.id)) in label
        assert app.focused is app.screen.query_one(f"#workshop-{first.id}")  # where they were
        await press(pilot, "1", *"Elif", "enter", "enter")
        assert isinstance(app.screen, workshop_screens.RegisteredScreen)
        assert stack(app) == ["WelcomeScreen", "HomeScreen", "RegisteredScreen"]
        assert says_escape_goes_home(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "3")  # the list again: the places left, read now
        now = workshops.workshop(first.id)
        assert now is not None and now.free_places == first.free_places - 2
        label = app.screen.query_one(f"#workshop-{first.id}", BigButton).hint
        assert workshop_screens.places_text(app.screen, now) in label


async def test_cancelling_a_workshop_place_shows_it_cancelled(make_app: Any,
                                                             demo_services: Services) -> None:
    workshops = demo_services.booking.workshops
    workshop = workshops.upcoming()[0]
    registration = workshops.register(workshop.id, name="Elif")
    app = make_app()
    tr = demo_services.i18n.translator("fr")
    async with start_at(app, HomeScreen, language="fr", size=SIZE) as pilot:
        await press(pilot, "3", "0", *registration.code.lower(), "enter")
        assert isinstance(app.screen, workshop_screens.RegistrationDetailScreen)
        assert tr("Votre place est réservée.") in shown_texts(app)
        await press(pilot, "1")  # cancel my registration: asked first, on "No"
        assert isinstance(app.screen, ConfirmModal)
        assert app.focused is app.screen.query_one("#confirm-no")
        await press(pilot, "enter")  # a stray Enter changes nothing
        assert isinstance(app.screen, workshop_screens.RegistrationDetailScreen)
        assert workshops.registration_by_code(registration.code).active  # type: ignore[union-attr]
        await press(pilot, "1", "1")  # cancel, yes
        texts = shown_texts(app)
        assert tr("Votre inscription est annulée. Merci d'avoir prévenu.") in texts
        assert tr("Votre place est réservée.") not in texts
        assert tr("Cette inscription est annulée.") not in texts  # said once, not twice
        assert not app.screen.query("#detail-actions BigButton")  # no dead buttons left
        assert app.focused is not None  # a key still reaches something
        assert says_escape_goes_home(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    cancelled = workshops.registration_by_code(registration.code)
    assert cancelled is not None and not cancelled.active


async def test_a_move_is_checked_then_confirmed(make_app: Any, demo_services: Services) -> None:
    office = demo_services.booking
    person = office.slots.people_with_free_slots()[0][0]
    old = office.slots.free_slots(person.id)[0]
    booking = office.appointments.book(old.id, child="Hana", child_class="CE2", language="fr")
    app = make_app()
    tr = demo_services.i18n.translator("fr")
    async with start_at(app, HomeScreen, language="fr", size=SIZE) as pilot:
        await press(pilot, "2", "0", *booking.code, "enter")
        assert isinstance(app.screen, code_screens.BookingDetailScreen)
        await press(pilot, "1", "1")  # change the time, the first day
        assert isinstance(app.screen, booking_screens.ChooseSlotScreen)
        new = app.screen.query_one(".booking-slot", BigButton)
        await press(pilot, "1")
        # One digit does not move it: the new time is shown with the old one, to confirm.
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert app.screen.query_one("#title", Paragraph).text == tr("Vérifiez votre rendez-vous")
        texts = "\n".join(shown_texts(app))
        assert tr("Ancien horaire : {when}").split("{")[0] in texts
        assert tr("Nouvel horaire : {when}").split("{")[0] in texts
        assert "Hana" in texts and "CE2" in texts
        assert office.appointments.booking_by_code(booking.code).slot_id == old.id  # type: ignore[union-attr]
        assert fully_in_view(app, app.screen.query_one("#confirm"))
        await press(pilot, "escape")  # not this one after all: the times again
        assert isinstance(app.screen, booking_screens.ChooseSlotScreen)
        assert office.appointments.booking_by_code(booking.code).slot_id == old.id  # type: ignore[union-attr]
        await press(pilot, "1", "1")  # this time, and "1 Je confirme"
        assert isinstance(app.screen, booking_screens.BookedScreen) and app.screen.moved
        moved = office.appointments.booking_by_code(booking.code)
        assert moved is not None and moved.slot_id == (new.id or "").removeprefix("slot-")
        assert stack(app) == ["WelcomeScreen", "HomeScreen", "BookedScreen"]
        assert says_escape_goes_home(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_cancel_dialog_opens_on_no(make_app: Any, demo_services: Services) -> None:
    office = demo_services.booking
    person = office.slots.people_with_free_slots()[0][0]
    booking = office.appointments.book(office.slots.free_slots(person.id)[0].id, child="Hana",
                                       child_class="CE2", language="ar")
    tr = demo_services.i18n.translator("ar")
    for size in (SIZE, (40, 15)):
        app = make_app()
        async with start_at(app, lambda c: code_screens.BookingDetailScreen(c, booking),
                            language="ar", size=size) as pilot:
            await press(pilot, "2")  # cancel the meeting
            modal = app.screen
            assert isinstance(modal, ConfirmModal)
            assert app.focused is modal.query_one("#confirm-no")
            for button in modal.query(BigButton):
                assert fully_in_view(app, button)
            await press(pilot, "enter")
            assert isinstance(app.screen, code_screens.BookingDetailScreen)
            assert office.appointments.booking_by_code(booking.code).active  # type: ignore[union-attr]
            assert app.focused is not None
    app = make_app()
    async with start_at(app, lambda c: code_screens.BookingDetailScreen(c, booking),
                        language="ar", size=SIZE) as pilot:
        await press(pilot, "2", "1")  # cancel, yes
        assert tr("Votre rendez-vous est annulé. Merci d'avoir prévenu.") in shown_texts(app)
        assert tr(BookingRefused("inactive").message) not in shown_texts(app)  # said once
        assert not app.screen.query("#detail-actions BigButton")
        assert says_escape_goes_home(app)
    assert not office.appointments.booking_by_code(booking.code).active  # type: ignore[union-attr]
