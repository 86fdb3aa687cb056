"""The clocks a test moves by hand: the services' wall clock and the app's idle clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

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


class Monotonic:
    """A monotonic clock for the app's idle reset (``KioskApp(monotonic=...)``): it moves only
    when the test says, so an idle timeout is reached without waiting for it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.current = start

    def __call__(self) -> float:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += seconds
