"""Soak: many parent sessions through the Pilot on one kiosk (issue 9). ``make test-slow``.

KIOSK_SOAK_SESSIONS sets the number of sessions (default 1000). The driver is
:mod:`kiosk.bench.soak_probe` (shared with the ``memory_growth`` figure of ``kiosk bench``).
"""

from __future__ import annotations

import os

import pytest

from kiosk.bench.soak_probe import FLOWS, run_sessions
from kiosk.services import Services

pytestmark = pytest.mark.slow


async def test_a_year_of_parent_sessions(demo_services: Services) -> None:
    count = int(os.environ.get("KIOSK_SOAK_SESSIONS", "1000"))
    responses = demo_services.responses.count()
    result = await run_sessions(demo_services, count)
    # Every session ended on a fresh Welcome with nothing of the parent left (checked after
    # each one by the driver), every flow ran, every saved item is still there.
    assert result.sessions == count
    if count >= len(FLOWS):
        assert set(result.flows) == set(FLOWS)
    assert demo_services.responses.count() == responses + result.responses
    office = demo_services.booking
    for code, status in result.bookings.items():
        booking = office.appointments.booking_by_code(code)
        assert booking is not None and booking.status == status
    for code in result.registrations:
        assert office.workshops.registration_by_code(code) is not None
    # Every file still parses (a fresh set of services reads them all).
    from kiosk.services import open_services

    fresh = open_services(demo_services.config, demo_services.data_dir)
    fresh.clock = demo_services.clock
    assert not fresh.problems
    assert len(fresh.booking.appointments.bookings()) == len(office.appointments.bookings())
    assert fresh.responses.count() == demo_services.responses.count()
