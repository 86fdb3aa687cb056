"""Steps the Pilot tests share: let the app settle, wait for a state, press, click safely,
read the screen, and reach an idle timeout without waiting for it.

Textual ignores a click on a button that still shows its 0.2 s press effect (a double tap),
and a click computed before a pending layout lands where the button was: both make a test
pass or fail with the machine's load. :func:`click` waits for neither to be the case.
Every wait here is bounded: a state that never comes fails the test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Seconds between two looks at a condition in :func:`wait_for`.
POLL = 0.05


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
    """Let the app run until `condition` holds, at most `seconds` (no timing is asserted)."""
    for _ in range(max(1, int(seconds / POLL))):
        if condition():
            return
        await pilot.pause(POLL)
    if not condition():
        raise AssertionError("condition never became true")


async def click(pilot: Any, selector: str) -> None:
    """Click `selector` on the current screen once it is laid out, in view and not still
    showing an earlier press."""
    widget = pilot.app.screen.query_one(selector)
    await wait_for(pilot, lambda: not widget.has_class("-active"))
    widget.scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click(selector)


def screen_strips(app: Any) -> list[Any]:
    """The rendered rows of the current screen (Rich strips)."""
    return list(app.screen._compositor.render_strips())


def screen_text(app: Any) -> str:
    """What the current screen shows, as text, row by row."""
    return "\n".join(strip.text for strip in screen_strips(app))


async def pop_to_base(app: Any) -> None:
    """Close every screen above the mode's first one."""
    while len(app.screen_stack) > 1:
        await app.pop_screen()


async def go_idle(pilot: Any, seconds: float | None = None) -> None:
    """Move the app's idle clock past its timeout (or by `seconds`) and run the idle check,
    as the app's interval timer would: no real waiting. The app must have been made with a
    :class:`~tests.support.clock.Monotonic` clock (:func:`tests.support.factories.new_app`)."""
    app = pilot.app
    app._monotonic.advance(app.idle_timeout + 1 if seconds is None else seconds)
    app._check_idle()
    await settle(pilot)


async def count_down(pilot: Any, ticks: int | None = None) -> None:
    """Tick the "Are you still there?" countdown `ticks` times (all of it by default), as its
    one-second timer would: at zero the app forgets the parent."""
    from screens.idle import IdleOverlay

    overlay = pilot.app.screen
    assert isinstance(overlay, IdleOverlay), type(overlay).__name__
    for _ in range(overlay.seconds_left if ticks is None else ticks):
        overlay._count_down()
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def steady_cursors(pilot: Any) -> None:
    """Stop the text fields' cursors blinking, shown (a snapshot then does not depend on
    when, in the half-second blink, it is taken)."""
    from textual.widgets import Input

    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def fully_in_view(app: Any, widget: Any) -> bool:
    """Whether the whole of `widget` is seen on the current screen: inside the screen, and
    its corners not covered by anything else (a docked bar, a sibling) nor scrolled off."""
    region = widget.region
    if not region or not app.screen.region.contains_region(region):
        return False
    corners = [(region.x, region.y), (region.right - 1, region.bottom - 1)]
    for x, y in corners:
        try:
            shown, _ = app.screen.get_widget_at(x, y)
        except Exception:  # nothing there: not in view
            return False
        if shown is not widget and widget not in shown.ancestors:
            return False
    return True


async def comes_into_view(pilot: Any, widget: Any, seconds: float = 3) -> bool:
    """Whether `widget` is (or, once the app has scrolled it there, comes) fully in view.

    Textual scrolls a newly focused widget into view after the next screen refresh, and
    lays the screen out again after one more: right after a key, the focus may not be in
    view yet. This waits for it (at most `seconds`), without waiting when it already is."""
    try:
        await wait_for(pilot, lambda: fully_in_view(pilot.app, widget), seconds)
    except AssertionError:
        return False
    return True


async def tab_through(pilot: Any, limit: int = 60) -> list[Any]:
    """Press Tab until the focus comes back to where it started (at most `limit` times);
    return every widget that had the focus (the one it started on included), each checked
    in view when it had it."""
    app = pilot.app
    first = app.focused
    seen: list[Any] = []
    for _ in range(limit):
        await press(pilot, "tab")
        focused = app.focused
        assert focused is not None, "Tab left nothing focused"
        assert await comes_into_view(pilot, focused), f"{focused!r} is focused out of view"
        if focused is first or focused in seen:
            break
        seen.append(focused)
    return [first, *seen] if first is not None and first not in seen else seen
