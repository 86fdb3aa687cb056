"""How the tests build what the kiosk builds: services on a temporary data folder, the Textual
app with a hand-moved idle clock, and a Pilot started directly on the screen under test."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from kiosk.services import Services, open_services
from tests.support.clock import Clock, Monotonic
from tests.support.pilot import settle

if TYPE_CHECKING:
    from kiosk.app import KioskApp


#: Demo data folders already seeded in this process, by the clock's time (see
#: :func:`build_services`), in a temporary folder removed when the process ends.
_SEEDED: dict[object, Path] = {}
_TEMPLATES = Path(tempfile.mkdtemp(prefix="kiosk-tests-demo-"))
atexit.register(shutil.rmtree, _TEMPLATES, ignore_errors=True)


def build_services(data_dir: Path, clock: Clock, cfg: config_module.Config | None = None,
                   *, demo: bool = False) -> Services:
    """Services as ``kiosk`` opens them on `data_dir` (the demo configuration unless `cfg`),
    reading the time from `clock`; with `demo`, the demo school is seeded.

    Seeding costs ~0.1 s and most tests want the same demo school at the same time: a new
    demo folder starts as a copy of one seeded earlier in this process at the same time (the
    seeding itself still runs, and finds nothing missing)."""
    fresh = demo and cfg is None and not data_dir.exists()
    template = _SEEDED.get(clock()) if fresh else None
    if template is not None:
        shutil.copytree(template, data_dir)
    services = open_services(cfg or config_module.load(DEMO_CONFIG), data_dir, demo=demo)
    services.clock = clock
    if demo:
        from kiosk import demo as demo_module

        demo_module.seed(services)
        if fresh and template is None:
            copy = _TEMPLATES / str(len(_SEEDED))
            shutil.copytree(data_dir, copy)
            _SEEDED[clock()] = copy
    return services


def new_app(services: Services, monotonic: Monotonic | None = None) -> KioskApp:
    """The kiosk's app on `services`, its idle reset timed by a clock the test moves
    (:func:`tests.support.pilot.go_idle`)."""
    from kiosk.app import KioskApp

    return KioskApp(services, monotonic=monotonic or Monotonic())


@asynccontextmanager
async def start_at(app: KioskApp, make_screen: Callable[[Any], Any], *,
                   size: tuple[int, int] = (80, 24), language: str | None = None,
                   staff: bool = False) -> AsyncIterator[Any]:
    """Run `app` and show the screen `make_screen(context)` builds, straight away: the parent's
    session already in `language` (or the staff area open), without walking from Welcome.
    Yields the Pilot once the screen has settled."""
    async with app.run_test(size=size) as pilot:
        if staff:
            await app.open_staff_area()
        elif language is not None:
            await app.set_language(language)
        await settle(pilot)
        await app.push_screen(make_screen(app.screen_context))
        await settle(pilot)
        yield pilot
