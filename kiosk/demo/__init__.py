"""The built-in demo school: a fictional school that `make run` shows alive.

``kiosk --demo`` seeds the demo data folder on first use. Each feature adds its own seeder to
:data:`SEEDERS`; a seeder is idempotent (it checks what is already there), and content that
depends on the date (slots, workshops, announcements) is computed from today so the demo
never looks stale. The content itself lives in ``data/demo/``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.core import paths

if TYPE_CHECKING:
    from kiosk.services import Services

log = logging.getLogger(__name__)

DEMO_DIR = paths.DEMO_DIR

Seeder = Callable[["Services", dt.date], None]

#: "module:function" of each feature's seeder, run in order by :func:`seed`. Each feature adds
#: its own line; a seeder takes (services, today) and must be idempotent.
SEEDERS: list[str] = [
    "kiosk.demo.questionnaire:seed_demo",
    "kiosk.demo.announcements:seed_demo",
    "kiosk.demo.giveback:seed_demo",
    "kiosk.demo.booking:seed_demo",
]


def seed(services: Services, today: dt.date | None = None) -> None:
    """Fill the demo school's data folder with whatever is missing.

    Each seeder runs at most once a day (the day it last ran is kept in ``kiosk/demo.json``),
    so starting the demo again the same day costs one small read, and a new day refreshes the
    content that follows the calendar.
    """
    day = today or services.today()
    marks = services.store.lasting_file("demo")
    done = {row.get("seeder"): row.get("day") for row in marks.table("seeded").all()}
    for name in SEEDERS:
        if done.get(name) == day.isoformat():
            continue
        module_name, _, function_name = name.partition(":")
        seeder: Seeder = getattr(importlib.import_module(module_name), function_name)
        seeder(services, day)
        with marks.transaction() as db:
            table = db.table("seeded")
            table.remove(lambda row, name=name: row.get("seeder") == name)
            table.insert({"seeder": name, "day": day.isoformat()})
