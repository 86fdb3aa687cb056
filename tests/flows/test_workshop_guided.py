"""A parent who said they needed help registers for a workshop from the questionnaire's thanks
screen (key 3): the registration's code hash joins the guided set, and nothing else is stored;
a parent registering from Home is not counted."""

from __future__ import annotations

import json
from typing import Any

from kiosk.booking.attendance import guided_hash
from kiosk.services import Services
from screens import workshops as workshop_screens
from screens.interpreter import InterpreterModal
from screens.questionnaire import ThanksScreen
from tests.domain.test_orientation import NEEDS_HELP
from tests.support import press, settle, start_at

SIZE = (100, 40)


async def register_first_workshop(pilot: Any, name: str) -> Any:
    app = pilot.app
    assert isinstance(app.screen, workshop_screens.WorkshopListScreen)
    await press(pilot, "1")
    assert isinstance(app.screen, workshop_screens.WorkshopScreen)
    await pilot.click("#name")
    await press(pilot, *name)
    await pilot.click("#register")
    await settle(pilot)
    assert isinstance(app.screen, InterpreterModal)  # not French: asked first
    await press(pilot, "2")  # no interpreter
    assert isinstance(app.screen, workshop_screens.RegisteredScreen)
    return app.screen.registration


def guided(services: Services) -> list[str]:
    stored = json.loads(services.booking.file.path.read_text("utf-8")).get("guided", {})
    return [h for doc in stored.values() for h in doc["hashes"]]


async def test_a_registration_from_the_thanks_screen_is_counted_without_a_name(
        make_app: Any, demo_services: Services) -> None:
    orientation = demo_services.orientation.orientation_for(NEEDS_HELP, "tr")
    assert orientation.needs_help and orientation.workshops
    app = make_app()
    async with start_at(app, lambda c: ThanksScreen(c, orientation), size=SIZE,
                        language="tr") as pilot:
        await press(pilot, "3")  # "S'inscrire à un atelier"
        registration = await register_first_workshop(pilot, "Elif")
        assert guided(demo_services) == [guided_hash(registration.code)]
        await press(pilot, "2")  # finished: the next parent chooses Turkish, then workshops
        await pilot.click("#lang-tr")
        await settle(pilot)
        await press(pilot, "3")  # Home: workshops
        other = await register_first_workshop(pilot, "Derya")
    assert guided(demo_services) == [guided_hash(registration.code)]
    assert other.code != registration.code
    rows = demo_services.booking.records.rows("registrations")
    assert all(set(r) == set(rows[0]) for r in rows)  # no mark on any registration
