"""Demo seeding of the announcements: the demo school's news, dated from today."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import TYPE_CHECKING

from kiosk.announcements.model import Announcement, Translation, source_fingerprint
from kiosk.core import paths

if TYPE_CHECKING:
    from kiosk.services import Services

DEMO_FILE = "announcements.toml"


def seed_demo(services: Services, today: dt.date) -> None:
    """Write the demo school's announcements (``data/demo/announcements.toml``) once.

    Dates are relative to `today` and to the weekly publication moment, so the demo always
    shows a pinned item, new items, an urgent one, an outdated and a missing translation,
    and one item held until the next publication.
    """
    book = services.announcements
    if book.all():
        return
    with (paths.DEMO_DIR / DEMO_FILE).open("rb") as handle:
        content = tomllib.load(handle)
    now = services.now()
    if now.date() != today:
        now = dt.datetime.combine(today, dt.time(10, 0), tzinfo=services.config.tz)
    last = book.rhythm.last_at_or_before(now)
    for item in content.get("announcement", []):
        if "written_hours_ago" in item:
            written = now - dt.timedelta(hours=float(item["written_hours_ago"]))
        else:
            days = float(item.get("written_days_before_publication", 1))
            written = last - dt.timedelta(days=days, hours=2)
        urgent = bool(item.get("urgent", False))
        visible_until = today + dt.timedelta(days=int(item.get("visible_days", 7)))
        title, text = str(item["title"]), str(item["text"])
        outdated = set(item.get("outdated", []))
        old_source = source_fingerprint(title, str(item.get("previous_text", text)))
        translations = {
            lang: Translation(
                title=str(t["title"]),
                text=str(t["text"]),
                source=old_source if lang in outdated else source_fingerprint(title, text),
                when=written,
            )
            for lang, t in item.get("translations", {}).items()
        }
        book.restore(
            Announcement(
                id=str(item["id"]),
                title=title,
                text=text,
                category=str(item.get("category", "info")),
                visible_from=written.date(),
                visible_until=visible_until,
                pinned=bool(item.get("pinned", False)),
                urgent=urgent,
                written=written,
                release=book.rhythm.release_of(written, written.date(), urgent),
                translations=translations,
            )
        )
