"""How the questionnaire looks at 80×24 (the smallest kiosk screen), in French and Arabic,
and the staff results screen. Frozen clock, temporary data folder (see conftest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def test_first_statement_in_french(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.press("1", "1", "1")  # Français, Questionnaire, Start
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))


def test_first_statement_in_arabic(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.press("3", "1", "1")  # العربية, Questionnaire, Start
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))


def test_devices_toggled(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    async def run_before(pilot: Any) -> None:
        await pilot.press("1", "1", "1")
        await pilot.press(*["9"] * 19)  # skip the statements
        await pilot.press("1", "3")  # smartphone and tablet chosen
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))


def test_staff_results(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    from screens.staff.results import ResultsScreen

    app = make_app()

    async def run_before(pilot: Any) -> None:
        await app.open_staff_area()
        await app.push_screen(ResultsScreen(app.screen_context))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(110, 40))
