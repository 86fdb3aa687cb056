"""How the frame looks: Welcome, the language picker and Home in French, Arabic and Chinese at
80×24, Home at 160×48, Help in Arabic and the idle question. Frozen clock, temporary data.

Home's snapshots change whenever a feature adds its tile: regenerate them with
``pytest tests/snapshots/test_frame_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from kiosk.app import KioskApp

#: Welcome keys of the languages (the demo school's order).
KEYS = {"fr": "1", "ar": "3", "zh": "0"}


def test_welcome(snap_compare: Any, make_app: Callable[..., KioskApp]) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


@pytest.mark.parametrize("code", ["fr", "ar", "zh"])
def test_language_picker(snap_compare: Any, make_app: Callable[..., KioskApp],
                         code: str) -> None:
    """The welcome's languages as a dialog, over Home, in the parent's language."""
    assert snap_compare(make_app(), press=[KEYS[code], "0"], terminal_size=(80, 24))


@pytest.mark.parametrize("code", ["fr", "ar", "zh"])
def test_home(snap_compare: Any, make_app: Callable[..., KioskApp], code: str) -> None:
    assert snap_compare(make_app(), press=[KEYS[code]], terminal_size=(80, 24))


def test_home_large(snap_compare: Any, make_app: Callable[..., KioskApp]) -> None:
    assert snap_compare(make_app(), press=["1"], terminal_size=(160, 48))


def test_help_arabic(snap_compare: Any, make_app: Callable[..., KioskApp]) -> None:
    assert snap_compare(make_app(), press=["3", "5"], terminal_size=(80, 24))


def test_idle_question_chinese(snap_compare: Any, make_app: Callable[..., KioskApp]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        from screens.idle import IdleOverlay

        await pilot.press("0")
        await pilot.pause()
        overlay = IdleOverlay(pilot.app.screen_context, 20)
        await pilot.app.push_screen(overlay)
        await pilot.pause()
        assert overlay._tick is not None
        overlay._tick.pause()  # the countdown stays at 20 for the picture

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))
