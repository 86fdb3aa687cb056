"""A terminal window shrunk to 40×15 (issue 9, "Faults"): every parent flow still works.

The kiosk used to stop at 40×15 on the booking details screen: Rich's word folding raises
``ValueError`` for a widget squeezed to no width (see :mod:`screens.rich_guard`), and the class
buttons were in a five-column grid. The soak test (``make test-slow``) resizes at random;
these tests run every flow at 40×15 in the normal suite.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Grid
from textual.widgets import Button

from kiosk.bench.soak_probe import FLOWS, run_sessions, screen_text
from kiosk.services import Services
from screens import rich_guard

TINY = (40, 15)


async def test_every_parent_flow_at_40x15(demo_services: Services) -> None:
    # Two rounds of the five flows (questionnaire, booking, cancel by code, workshop,
    # announcement), each session checked for leftovers by the driver.
    result = await run_sessions(demo_services, 2 * len(FLOWS), seed=3, sizes=(TINY,),
                                size=TINY)
    assert result.sessions == 2 * len(FLOWS)
    assert set(result.flows) == set(FLOWS)
    assert result.bookings and result.responses


async def test_resized_to_40x15_in_the_middle_of_a_booking_and_back(
        make_app: Callable[..., Any]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "2")  # French, meet a teacher
        await pilot.press("1")  # the first person
        await pilot.pause()
        await pilot.press("1")  # the first day
        await pilot.pause()
        await pilot.press("1")  # the first time
        await pilot.pause()
        assert type(app.screen).__name__ == "DetailsScreen"
        await pilot.press(*"Amina")
        await pilot.resize_terminal(*TINY)
        await pilot.pause()
        assert app.screen.has_class("-tiny")
        text = screen_text(app)
        assert "Amina" in text  # what was typed is still there, on a usable screen
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert "Amina" in screen_text(app)


class Squeezed(App[None]):
    CSS = "Grid { grid-size: 9; width: 12; } Button { min-width: 0; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        with Grid():
            for n in range(9):
                yield Button(f"Button{n} with a long label")


async def test_a_widget_squeezed_to_no_width_does_not_stop_the_app() -> None:
    rich_guard.install()
    app = Squeezed()
    async with app.run_test(size=(12, 10)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert all(button.content_region.width == 0 for button in app.query(Button))
        assert app.screen._compositor.render_strips()
