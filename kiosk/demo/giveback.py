"""Demo seeding of the results given back to parents: the demo school's actions, with their
translations (``data/demo/giveback.toml``), so that "Ce que vous avez dit" shows in the demo."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import TYPE_CHECKING

from kiosk.core import paths
from kiosk.core.school_texts import source_fingerprint
from kiosk.questionnaire.giveback_actions import (
    ActionsTranslation,
    SchoolActions,
    check_actions,
)

if TYPE_CHECKING:
    from kiosk.services import Services

DEMO_FILE = "giveback.toml"


def seed_demo(services: Services, today: dt.date) -> None:
    """Write the demo school's actions and their translations once (idempotent)."""
    book = services.giveback_actions
    if book.get() is not None:
        return
    with (paths.DEMO_DIR / DEMO_FILE).open("rb") as handle:
        content = tomllib.load(handle)
    text = check_actions(str(content["text"]))
    written = dt.datetime.combine(today, dt.time(9, 0), tzinfo=services.config.tz)
    source = source_fingerprint(text)
    translations = {
        str(lang): ActionsTranslation(check_actions(str(value)), source, written)
        for lang, value in dict(content.get("translations", {})).items()
        if lang in book.languages
    }
    book.restore(SchoolActions(text, written, translations))
