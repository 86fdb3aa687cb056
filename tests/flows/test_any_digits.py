"""Digits typed in any script (Arabic-Indic, Persian, full-width) are read as Western digits
at the kiosk: a phone typed on an Arabic keyboard books the meeting, a code typed in Persian
digits finds the booking (kiosk/booking/parent_text.py, kiosk/booking/codes.py)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from kiosk.services import Services
from screens import booking as booking_screens
from screens import booking_code
from tests.support import click, press, settle, start_at

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def details_screen(app: Any) -> Any:
    """The details form, the parent having chosen the first free time of the first person."""
    slots = app.services.booking.slots
    person = slots.people_with_free_slots()[0][0]
    day = slots.free_days(person.id)[0][0]
    slot = slots.free_slots(person.id, day)[0]
    app.session.draft(booking_screens.FLOW).update(
        person_id=person.id, day=day.isoformat(), slot_id=slot.id, child_class="CP")
    return booking_screens.DetailsScreen


async def test_an_arabic_indic_phone_books_the_meeting(make_app: Any,
                                                       demo_services: Services) -> None:
    app = make_app()
    async with start_at(app, details_screen(app), language="ar", size=(100, 40)) as pilot:
        assert isinstance(app.screen, booking_screens.DetailsScreen)
        await press(pilot, *"Amina")
        app.screen.query_one("#phone", Input).focus()
        await press(pilot, *"٠٦١٢٣٤٥٦٧٨")
        assert app.screen.query_one("#phone", Input).value == "٠٦١٢٣٤٥٦٧٨"
        await click(pilot, "#details-next")
        await settle(pilot)
        await press(pilot, "2")  # no interpreter (asked: the session is not French)
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        await press(pilot, "1")  # I confirm
        assert isinstance(app.screen, booking_screens.BookedScreen)
        booking = app.screen.booking
    stored = demo_services.booking.appointments.booking_by_code(booking.code)
    assert stored is not None and stored.phone == "06 12 34 56 78"


async def test_a_code_typed_in_persian_digits_is_found(make_app: Any,
                                                       demo_services: Services) -> None:
    office = demo_services.booking
    person = office.slots.people_with_free_slots()[0][0]
    # Codes are random: book until one has a digit to type in Persian.
    for index, slot in enumerate(office.slots.free_slots(person.id)):
        booking = office.appointments.book(slot.id, child=f"Yusuf{'a' * index}",
                                           child_class="CM1", language="fa")
        if any(char.isdigit() for char in booking.code):
            break
    assert any(char.isdigit() for char in booking.code)
    app = make_app()
    async with start_at(app, booking_code.CodeScreen, language="fa",
                        size=(100, 40)) as pilot:
        await press(pilot, *booking.code.lower().translate(PERSIAN))
        await press(pilot, "enter")
        assert isinstance(app.screen, booking_code.BookingDetailScreen)
        assert app.screen.booking.code == booking.code
