"""Steps the Pilot tests share: let the app settle, wait for a state, click a button safely.

Textual ignores a click on a button that still shows its 0.2 s press effect (a double tap),
and a click computed before a pending layout lands where the button was: both make a test
pass or fail with the machine's load. :func:`click` waits for neither to be the case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


async def settle(pilot: Any) -> None:
    """Let pending messages, workers and redraws finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Any, *keys: str) -> None:
    """Press `keys`, then let the app settle (what the parent's key started is done)."""
    await pilot.press(*keys)
    await settle(pilot)


async def wait_for(pilot: Any, condition: Callable[[], bool], seconds: float = 10) -> None:
    """Let the app run until `condition` holds (no timing is asserted)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


async def click(pilot: Any, selector: str) -> None:
    """Click `selector` on the current screen once it is laid out, in view and not still
    showing an earlier press."""
    widget = pilot.app.screen.query_one(selector)
    await wait_for(pilot, lambda: not widget.has_class("-active"))
    widget.scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click(selector)
