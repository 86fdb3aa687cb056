"""How booking and workshops look at 80×24 (frozen clock, demo school on a temporary folder).

Regenerate with ``pytest tests/snapshots/test_booking_snapshots.py --snapshot-update`` and
look at them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.app import KioskApp
from tests.support import click, press, settle, steady_cursors

KEYS = {"fr": "1", "ar": "3", "tr": "6"}


def test_choose_person_french(snap_compare: Any, make_app: Callable[..., KioskApp]) -> None:
    assert snap_compare(make_app(), press=[KEYS["fr"], "2"], terminal_size=(80, 24))


def test_details_turkish_with_errors(snap_compare: Any,
                                     make_app: Callable[..., KioskApp]) -> None:
    async def run_before(pilot: Any) -> None:
        for key in (KEYS["tr"], "2", "2", "1", "1"):  # M. Petit's first day and time
            await press(pilot, key)
        await click(pilot, "#details-next")  # nothing typed: the messages, in Turkish
        await settle(pilot)
        await steady_cursors(pilot)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))


def test_workshops_arabic(snap_compare: Any, make_app: Callable[..., KioskApp]) -> None:
    assert snap_compare(make_app(), press=[KEYS["ar"], "3"], terminal_size=(80, 24))
