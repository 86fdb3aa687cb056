"""Shared fixtures: services on a temporary data folder with the demo school, a frozen clock,
and the Textual app built the way the kiosk builds it (helpers: :mod:`tests.support`).

    def test_x(services):            # demo config, empty data folder in tmp_path, frozen clock
    async def test_y(make_app):      # app = make_app(); async with app.run_test(size=(80, 24))
    def test_z(demo_services):       # the same, with the demo school seeded (kiosk --demo)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from kiosk.services import Services
from tests.support import Clock, Monotonic, build_services, new_app


@pytest.fixture(autouse=True)
def _own_write_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The refused writes the dashboard lists (a process-wide list) are this test's own."""
    from kiosk.core import storage_errors

    monkeypatch.setattr(storage_errors, "_WRITE_ERRORS", [])


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def monotonic() -> Monotonic:
    """The idle clock of the apps `make_app` builds (move it with ``tests.support.go_idle``)."""
    return Monotonic()


@pytest.fixture
def demo_config() -> config_module.Config:
    return config_module.load(DEMO_CONFIG)


@pytest.fixture
def services(tmp_path: Path, clock: Clock) -> Services:
    """Demo configuration, empty data folder, frozen clock."""
    return build_services(tmp_path / "data", clock)


@pytest.fixture
def demo_services(tmp_path: Path, clock: Clock) -> Services:
    """Demo configuration and the demo school's content seeded, frozen clock."""
    return build_services(tmp_path / "demo-data", clock, demo=True)


@pytest.fixture
def make_app(demo_services: Services, monotonic: Monotonic) -> Callable[..., Any]:
    """Build a KioskApp on `demo_services` (pass services=... for others), its idle clock
    the `monotonic` fixture."""

    def make(services: Services | None = None) -> Any:
        return new_app(services or demo_services, monotonic)

    return make
