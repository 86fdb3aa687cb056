"""What every test shares: the clocks, the services and app factories, and the Pilot steps.

    from tests.support import Clock, build_services, new_app, start_at, press, click, settle
"""

from tests.support.clock import FROZEN_NOW, Clock, Monotonic
from tests.support.factories import build_services, new_app, start_at
from tests.support.pilot import (
    click,
    comes_into_view,
    count_down,
    fully_in_view,
    go_idle,
    pop_to_base,
    press,
    screen_strips,
    screen_text,
    settle,
    steady_cursors,
    tab_through,
    wait_for,
)

__all__ = [
    "FROZEN_NOW",
    "Clock",
    "Monotonic",
    "build_services",
    "click",
    "comes_into_view",
    "count_down",
    "fully_in_view",
    "go_idle",
    "new_app",
    "pop_to_base",
    "press",
    "screen_strips",
    "screen_text",
    "settle",
    "start_at",
    "steady_cursors",
    "tab_through",
    "wait_for",
]
