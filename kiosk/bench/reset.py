"""``reset_ratio``: how quickly the kiosk is ready for the next parent.

Time from "J'ai fini" on a ticket screen to a Welcome screen that takes keys (current, its
language buttons mounted, a control focused) ÷ time from Home to the questionnaire's first
screen taking keys: the reset must be as quick as any screen change (target ≤ 2). Both are
measured in one headless kiosk on the demo school at 80×24, alternately, keys pressed as a
parent presses them; the ratio of the medians is reported.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.bench.runner import figure

#: Seconds a measured step may take before the benchmark gives up (a broken kiosk).
GIVE_UP = 30.0


async def _until(condition: Callable[[], bool]) -> float:
    """Seconds until `condition` holds, looking at it between the app's steps."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > GIVE_UP:
            raise RuntimeError("the kiosk never reached the expected screen")
        await asyncio.sleep(0.0005)
    return time.perf_counter() - start


def takes_keys(app: Any, kind: type[Any]) -> bool:
    """Whether `app` shows a `kind` screen, composed, with a control focused."""
    from screens.widgets import BigButton

    screen = app.screen
    focused = screen.focused
    return (isinstance(screen, kind) and screen.is_attached and focused is not None
            and focused.is_attached and bool(screen.query(BigButton)))


async def _measure(app: Any, rounds: int) -> float:
    from kiosk.tickets import sample_tickets
    from screens.home import HomeScreen
    from screens.messages import ShowTicket
    from screens.questionnaire import QuestionnaireIntroScreen
    from screens.ticket import TicketScreen
    from screens.welcome import WelcomeScreen

    ticket = sample_tickets(app.services.ticket_context, "fr")[0]
    resets: list[float] = []
    changes: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:

        async def reset() -> None:
            await pilot.press("1")  # Welcome: French
            await _until(lambda: takes_keys(app, HomeScreen))
            app.post_message(ShowTicket(ticket))
            await _until(lambda: isinstance(app.screen, TicketScreen)
                         and app.screen.outcome is not None)
            await app.workers.wait_for_complete()
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("2")  # J'ai fini
            await _until(lambda: takes_keys(app, WelcomeScreen))
            resets.append(time.perf_counter() - start)

        async def change() -> None:
            await pilot.press("1")  # Welcome: French
            await _until(lambda: takes_keys(app, HomeScreen))
            await app.workers.wait_for_complete()
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("1")  # Home: the questionnaire
            await _until(lambda: takes_keys(app, QuestionnaireIntroScreen))
            changes.append(time.perf_counter() - start)
            await app.reset_parent()
            await pilot.pause()

        await change()  # warm-up: the questionnaire's and the ticket's modules imported
        await reset()
        resets.clear()
        changes.clear()
        for index in range(rounds):
            steps = (change, reset) if index % 2 else (reset, change)
            for step in steps:
                await step()
    return statistics.median(resets) / statistics.median(changes)


@figure("reset_ratio", 2.0)
def reset_ratio(quick: bool) -> float:
    """"J'ai fini" on a ticket → Welcome taking keys ÷ Home → the questionnaire's first screen."""
    from kiosk import demo
    from kiosk.app import KioskApp
    from kiosk.cli import DEMO_CONFIG
    from kiosk.core.config import load
    from kiosk.services import open_services

    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        services = open_services(load(DEMO_CONFIG), work / "data", demo=True)
        demo.seed(services)
        return asyncio.run(_measure(KioskApp(services), 7 if quick else 21))
    finally:
        shutil.rmtree(work, ignore_errors=True)
