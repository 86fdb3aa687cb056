"""``speech_ratio``: how quickly the voice starts when a parent presses the listen key.

Time from the listen key ``*`` on Home to the player process started on its first sound (the
text cached, as on a kiosk after ``kiosk audio warm``) ÷ time from Home to the questionnaire's
first screen taking keys: starting to speak must never be slower than a screen change (target
≤ 1). Both in one headless kiosk on the demo school at 80×24, alternately. The player is the
sound output found at start, else a program that reads the sound and discards it (sox to its
null output, or cat), so that the figure is taken on a machine without a sound card too.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from kiosk.bench.reset import _until, takes_keys
from kiosk.bench.runner import figure


def _player() -> str:
    from kiosk.audio.player import find_player

    if find_player("auto", 80).player is not None:
        return "auto"
    return "sox -q {file} -n" if shutil.which("sox") else "cat {file}"


async def _measure(app: Any, rounds: int) -> float:
    from screens.home import HomeScreen
    from screens.questionnaire import QuestionnaireIntroScreen

    speech = app.services.speech
    started: list[float] = []
    speech.on_sound = lambda _clip: started.append(time.perf_counter())
    speaks: list[float] = []
    changes: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:

        async def at_home() -> None:
            await pilot.press("1")  # Welcome: French
            await _until(lambda: takes_keys(app, HomeScreen))
            await app.workers.wait_for_complete()
            await pilot.pause()

        async def speak() -> None:
            await at_home()
            started.clear()
            start = time.perf_counter()
            await pilot.press("asterisk")
            await _until(lambda: bool(started))
            speaks.append(started[0] - start)
            await pilot.press("asterisk")  # stop
            await app.reset_parent()
            await pilot.pause()

        async def change() -> None:
            await at_home()
            start = time.perf_counter()
            await pilot.press("1")  # Home: the questionnaire
            await _until(lambda: takes_keys(app, QuestionnaireIntroScreen))
            changes.append(time.perf_counter() - start)
            await app.reset_parent()
            await pilot.pause()

        await change()  # warm-up: modules imported, the first sounds cached
        await speak()
        speech.wait(30)
        speaks.clear()
        changes.clear()
        for index in range(rounds):
            for step in (change, speak) if index % 2 else (speak, change):
                await step()
    speech.stop()
    return statistics.median(speaks) / statistics.median(changes)


@figure("speech_ratio", 1.0)
def speech_ratio(quick: bool) -> float:
    """Listen key → the sound starting (cached) ÷ Home → the questionnaire's first screen."""
    from kiosk import demo
    from kiosk.app import KioskApp
    from kiosk.cli import DEMO_CONFIG
    from kiosk.core.config import load, replace
    from kiosk.services import open_services

    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        config = replace(load(DEMO_CONFIG), "audio", player=_player())
        services = open_services(config, work / "data", demo=True)
        if not services.speech.available:
            raise RuntimeError(f"no voice to measure: {services.speech.why_not}")
        demo.seed(services)
        return asyncio.run(_measure(KioskApp(services), 7 if quick else 21))
    finally:
        shutil.rmtree(work, ignore_errors=True)
