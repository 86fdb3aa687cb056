"""Forgetting a parent: after "J'ai fini" on a ticket, Welcome is there at once and the next
key acts on it (issue 15, point 5; the time itself is `kiosk bench`'s ``reset_ratio``)."""

from __future__ import annotations

from typing import Any

from kiosk.services import Services
from kiosk.tickets import sample_tickets
from screens.home import HomeScreen
from screens.messages import ShowTicket
from screens.ticket import TicketScreen
from screens.welcome import WelcomeScreen
from tests.support import press, settle, wait_for


async def on_a_ticket(pilot: Any, services: Services, lang_key: str) -> None:
    """Welcome → a language → a ticket screen that has printed."""
    app = pilot.app
    await press(pilot, lang_key)
    app.post_message(ShowTicket(sample_tickets(services.ticket_context, app.session.language)[0]))
    await wait_for(pilot, lambda: isinstance(app.screen, TicketScreen)
                   and app.screen.outcome is not None)
    await settle(pilot)


async def test_a_key_pressed_just_after_finishing_acts_on_welcome(
        make_app: Any, demo_services: Services) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_a_ticket(pilot, demo_services, "1")  # a French parent
        assert app.session.language == "fr"
        # "J'ai fini", then at once 3: the next parent's Arabic, not a key lost on the way.
        await pilot.press("2", "3")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session.language == "ar"
        assert len(app.screen_stack) == 2
        assert isinstance(app.screen_stack[0], WelcomeScreen)


async def test_finishing_shows_welcome_at_once_and_says_thank_you(
        make_app: Any, demo_services: Services) -> None:
    app = make_app()
    tr = demo_services.i18n.translator("tr")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_a_ticket(pilot, demo_services, "1")
        await pilot.press("2")  # J'ai fini: Welcome is current when the key is handled
        assert isinstance(app.screen, WelcomeScreen)
        focused = app.screen.focused
        assert focused is not None and focused.is_attached  # a key reaches something
        assert app.session.is_empty
        await settle(pilot)
        thanks = [str(n.message) for n in app._notifications]
        assert thanks == ["Merci ! Au revoir et à bientôt."]
    # in the leaving parent's language
    turkish = make_app()
    async with turkish.run_test(size=(80, 24)) as pilot:
        codes = [lang.code for lang in demo_services.i18n.languages]
        await on_a_ticket(pilot, demo_services, "1234567890abc"[codes.index("tr")])
        await press(pilot, "2")
        assert [str(n.message) for n in turkish._notifications] == [
            turkish.visual(tr("Merci ! Au revoir et à bientôt."), rtl=False)]
        assert tr("Merci ! Au revoir et à bientôt.") != "Merci ! Au revoir et à bientôt."
