"""A process the benchmark times: start an app headless, exit once its first screen is ready.

``python -m kiosk.bench.probe kiosk`` starts the real kiosk on the demo school (data folder
from ``KIOSK_BENCH_DATA``); ``python -m kiosk.bench.probe bare`` starts a bare Textual app
with a header, a label and a button. Both leave the same way, so the difference is the
kiosk's own start-up cost.
"""

from __future__ import annotations

import os
import sys
from typing import Any


async def _leave_when_ready(pilot: Any) -> None:
    await pilot.pause()
    pilot.app.exit(0)


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Button, Header, Label

    class Bare(App[int]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("Bonjour")
            yield Button("OK")

    Bare().run(headless=True, auto_pilot=_leave_when_ready)


def kiosk() -> None:
    from kiosk.cli import main

    # The same path as `python run_kiosk.py --demo`, headless.
    main(["--demo", "--data-dir", os.environ["KIOSK_BENCH_DATA"]], headless=True,
         auto_pilot=_leave_when_ready)


if __name__ == "__main__":
    {"bare": bare, "kiosk": kiosk}[sys.argv[1]]()
