"""An announcement of the school, as data: written in French, with its translations.

An :class:`Announcement` is written in French (the source: title and text) with a category,
the dates it is visible, whether it is pinned (shown first) or urgent, and one translation per
enabled language. Each translation remembers a fingerprint of the French it was made from, so
its :class:`Status` is computed, never stored (translated, missing, outdated: the logic is
shared with the workshops, :mod:`kiosk.core.school_texts`).

Also here: the checks of what staff type (:func:`check_title`, :func:`check_text`,
:func:`parse_day`) and the stored document of an announcement (:func:`to_document`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from kiosk.core.i18n import N_
from kiosk.core.school_texts import Status as Status  # re-exported: the announcements' word
from kiosk.core.school_texts import Translatable
from kiosk.core.school_texts import source_fingerprint as source_fingerprint
from kiosk.core.text import strip_controls

TITLE_MAX = 160
TEXT_MAX = 8000
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

#: Categories: stable code → French label (translated at display time).
CATEGORIES: dict[str, str] = {
    "info": N_("Information"),
    "council": N_("Conseil d'école"),
    "meeting": N_("Réunion"),
    "trip": N_("Sortie scolaire"),
    "canteen": N_("Cantine"),
    "strike": N_("Grève"),
    "workshop": N_("Atelier"),
}



class AnnouncementError(ValueError):
    """An announcement or translation that cannot be saved; the message is French for staff."""


@dataclass(frozen=True)
class Translation:
    """The title and text of an announcement in one language."""

    title: str
    text: str
    #: :func:`source_fingerprint` of the French this was translated from.
    source: str
    when: dt.datetime | None = None


@dataclass(frozen=True)
class Announcement(Translatable):
    """One piece of school news, in French with its translations (title and text; statuses
    from :class:`~kiosk.core.school_texts.Translatable`)."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("title", "text")

    id: str
    title: str
    text: str
    category: str
    visible_from: dt.date
    visible_until: dt.date | None
    pinned: bool
    urgent: bool
    #: When it was first written.
    written: dt.datetime
    #: When parents can first see it (the publication moment, or at once if urgent).
    release: dt.datetime
    translations: Mapping[str, Translation] = field(default_factory=dict, hash=False)

    def is_released(self, now: dt.datetime) -> bool:
        # A clock set back (time zone or NTP correction) never takes back what was already
        # out when it was written (an urgent item): it is never earlier than `written`.
        return max(now, self.written) >= self.release

    def is_current(self, now: dt.datetime) -> bool:
        """Shown to parents now: released, and `now` within its visible dates."""
        today = max(now, self.written).astimezone(now.tzinfo).date()
        if not self.is_released(now) or today < self.visible_from:
            return False
        return self.visible_until is None or today <= self.visible_until

    def is_expired(self, now: dt.datetime) -> bool:
        return self.visible_until is not None and now.date() > self.visible_until

    def is_new(self, now: dt.datetime, new_days: int) -> bool:
        return self.is_released(now) and now - self.release < dt.timedelta(days=new_days)

    @property
    def category_label(self) -> str:
        """French label (msgid) of the category."""
        return CATEGORIES.get(self.category, CATEGORIES["info"])



# --- validation --------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """Text as stored: control characters removed, line ends normalised, outer blanks trimmed."""
    return strip_controls(value).strip()


def check_title(title: str, what: str = "Le titre") -> str:
    return _within(" ".join(clean_text(title).split()), what, TITLE_MAX)


def check_text(text: str, what: str = "Le texte") -> str:
    return _within(clean_text(text), what, TEXT_MAX)


def _within(value: str, what: str, limit: int) -> str:
    """`value` if it is neither empty nor longer than `limit`, else the staff's error."""
    if not value:
        raise AnnouncementError(f"{what} est vide.")
    if len(value) > limit:
        raise AnnouncementError(
            f"{what} est trop long ({len(value)} caractères, {limit} au plus)."
        )
    return value


def check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise AnnouncementError(
            f"Catégorie inconnue « {category} » (possibles : {', '.join(CATEGORIES)})."
        )
    return category


def parse_day(value: str, what: str) -> dt.date | None:
    """A date typed by staff: JJ/MM/AAAA or AAAA-MM-JJ; empty gives None."""
    value = value.strip()
    if not value:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise AnnouncementError(f"{what} : « {value} » n'est pas une date (JJ/MM/AAAA).")


def slug(title: str) -> str:
    """ASCII words of a title, for readable page addresses."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:40].strip("-") or "annonce"




# --- the stored document ----------------------------------------------------------------------


def to_document(a: Announcement) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "text": a.text,
        "category": a.category,
        "visible_from": a.visible_from.isoformat(),
        "visible_until": a.visible_until.isoformat() if a.visible_until else None,
        "pinned": a.pinned,
        "urgent": a.urgent,
        "written": a.written.isoformat(),
        "release": a.release.isoformat(),
        "translations": {
            lang: {
                "title": t.title,
                "text": t.text,
                "source": t.source,
                "when": t.when.isoformat() if t.when else None,
            }
            for lang, t in sorted(a.translations.items())
        },
    }


def from_document(doc: Mapping[str, Any]) -> Announcement:
    until = doc.get("visible_until")
    return Announcement(
        id=str(doc["id"]),
        title=str(doc["title"]),
        text=str(doc["text"]),
        category=str(doc.get("category", "info")),
        visible_from=dt.date.fromisoformat(doc["visible_from"]),
        visible_until=dt.date.fromisoformat(until) if until else None,
        pinned=bool(doc.get("pinned", False)),
        urgent=bool(doc.get("urgent", False)),
        written=dt.datetime.fromisoformat(doc["written"]),
        release=dt.datetime.fromisoformat(doc["release"]),
        translations={
            str(lang): Translation(
                title=str(t.get("title", "")),
                text=str(t.get("text", "")),
                source=str(t.get("source", "")),
                when=dt.datetime.fromisoformat(t["when"]) if t.get("when") else None,
            )
            for lang, t in dict(doc.get("translations", {})).items()
        },
    )

