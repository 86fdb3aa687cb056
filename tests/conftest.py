"""Shared fixtures: services on a temporary data folder with the demo school, a frozen clock,
and the Textual app built the way the kiosk builds it.

    def test_x(services):            # demo config, empty data folder in tmp_path, frozen clock
    async def test_y(make_app):      # app = make_app(); async with app.run_test(size=(80, 24))
    def test_z(demo_services):       # the same, with the demo school seeded (kiosk --demo)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from kiosk.services import Services, open_services

#: The frozen "now" of the tests: a Monday of term time, 10:00 in Paris.
FROZEN_NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


class Clock:
    """A settable clock for :attr:`Services.clock`."""

    def __init__(self, now: dt.datetime = FROZEN_NOW) -> None:
        self.current = now

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def _own_write_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The refused writes the dashboard lists (a process-wide list) are this test's own."""
    from kiosk.core import storage_errors

    monkeypatch.setattr(storage_errors, "_WRITE_ERRORS", [])


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def demo_config() -> config_module.Config:
    return config_module.load(DEMO_CONFIG)


def build_services(data_dir: Path, clock: Clock, cfg: config_module.Config | None = None,
                   *, demo: bool = False) -> Services:
    services = open_services(cfg or config_module.load(DEMO_CONFIG), data_dir, demo=demo)
    services.clock = clock
    if demo:
        from kiosk import demo as demo_module

        demo_module.seed(services)
    return services


@pytest.fixture
def services(tmp_path: Path, clock: Clock) -> Services:
    """Demo configuration, empty data folder, frozen clock."""
    return build_services(tmp_path / "data", clock)


@pytest.fixture
def demo_services(tmp_path: Path, clock: Clock) -> Services:
    """Demo configuration and the demo school's content seeded, frozen clock."""
    return build_services(tmp_path / "demo-data", clock, demo=True)


@pytest.fixture
def make_app(demo_services: Services) -> Callable[..., Any]:
    """Build a KioskApp on `demo_services` (pass services=... for others)."""
    from kiosk.app import KioskApp

    def make(services: Services | None = None) -> KioskApp:
        return KioskApp(services or demo_services)

    return make
