"""The school's announcements of the year (:class:`AnnouncementBook`), stored with their
translations.

The model is :mod:`kiosk.announcements.model`, the weekly publication rhythm
:mod:`kiosk.announcements.rhythm`, what a parent reads :mod:`kiosk.announcements.reading`.
The release moment of an announcement is fixed when it is written and re-computed by an edit
only while it is still held. An announcement is shown as "new" during ``new_days`` days after
its release.

Storage: one document per announcement (with its translations) in the school year's
``announcements.json``. On 1 August the announcements still to be read (visible on or after
that day, or held for a later publication) continue into the new year's file
(:func:`carry_over`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.announcements.model import (
    ID_RE,
    Announcement,
    AnnouncementError,
    Translation,
    check_category,
    check_text,
    check_title,
    clean_text,
    from_document,
    slug,
    to_document,
)
from kiosk.announcements.reading import Reading, parent_order, reading
from kiosk.announcements.rhythm import PublicationRhythm
from kiosk.core.config import (
    AnnouncementSettings,
    previous_school_year,
    school_year_start,
)
from kiosk.core.i18n import Translator
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.store import DataFile, Store

FILE_KIND = "announcements"
TABLE = "announcements"


def carry_over(previous: Mapping[str, list[dict[str, Any]]], first_day: dt.date
               ) -> dict[str, list[dict[str, Any]]]:
    """What of last school year's announcements continues into the new one (from
    `first_day`, 1 August): those still visible on or after that day, and those held for a
    publication on or after it, with their translations (see
    :meth:`kiosk.core.store.Store.carry_over`).
    """
    return {TABLE: [dict(doc) for doc in previous.get(TABLE, [])
                    if _continues(from_document(doc), first_day)]}


def _continues(announcement: Announcement, first_day: dt.date) -> bool:
    """Whether last year's `announcement` goes on into the school year starting `first_day`
    (still visible on or after it, or held for a publication on or after it)."""
    until = announcement.visible_until
    return until is None or until >= first_day or announcement.release.date() >= first_day


@dataclass(frozen=True)
class TranslationUpdate:
    """One translation to store (from the staff editor or a translator's file)."""

    id: str
    lang: str
    title: str
    text: str
    #: Fingerprint of the French it was made from (None: the current French).
    source: str | None = None


class AnnouncementBook:
    """The announcements of the school year (repository)."""

    def __init__(
        self,
        store: Store,
        settings: AnnouncementSettings,
        tz: ZoneInfo,
        languages: Iterable[str],
        now: Callable[[], dt.datetime],
    ) -> None:
        self._store = store
        self.settings = settings
        self.rhythm = PublicationRhythm.from_settings(settings, tz)
        self.languages = [code for code in languages if code != SOURCE_LANGUAGE]
        self._now = now
        store.carry_over(FILE_KIND, carry_over)
        store.check_records(FILE_KIND, {TABLE: from_document})  # reading a record checks it

    @property
    def _file(self) -> DataFile:
        """The current school year's file (what is still to be read came over on 1 August)."""
        return self._store.file(FILE_KIND)

    # -- reading -------------------------------------------------------------------------------

    def all(self) -> list[Announcement]:
        """Every announcement of the year, in the parents' order (staff list)."""
        return parent_order(from_document(doc) for doc in self._file.table(TABLE).all())

    def get(self, announcement_id: str) -> Announcement | None:
        for doc in self._file.table(TABLE).all():
            if doc.get("id") == announcement_id:
                return from_document(doc)
        return None

    def current(self) -> list[Announcement]:
        """What parents see now: released, within its dates; pinned first then newest."""
        now = self._now()
        return [a for a in self.all() if a.is_current(now)]

    def released(self) -> list[Announcement]:
        """Every announcement parents have been able to see (current or expired)."""
        now = self._now()
        return [a for a in self.all() if a.is_released(now) and now.date() >= a.visible_from]

    def released_last_year(self) -> list[Announcement]:
        """The announcements of the previous school year that ended there (all expired), in
        the parents' order, read only from that year's file: an old ticket's QR code still
        leads to their online page (:mod:`kiosk.announcements.publish`).

        Only the previous school year, not the ones before it. What continued into this year
        on 1 August (:func:`carry_over`) belongs to this year's file and is left out, like
        any id this year's file holds.
        """
        year = self._store.year
        first_day = school_year_start(year)
        previous = self._store.file(FILE_KIND, previous_school_year(year)).snapshot()
        here = {doc.get("id") for doc in self._file.table(TABLE).all()}
        ended = (from_document(doc) for doc in previous.get(TABLE, {}).values())
        return parent_order(a for a in ended
                            if a.id not in here and not _continues(a, first_day))

    def held(self) -> list[Announcement]:
        """Written but waiting for the publication moment (or their first visible day)."""
        now = self._now()
        return [a for a in self.all() if not a.is_released(now)]

    def next_publication(self) -> dt.datetime:
        return self.rhythm.next_at_or_after(self._now())

    def is_new(self, announcement: Announcement) -> bool:
        return announcement.is_new(self._now(), self.settings.new_days)

    def reading(self, announcement: Announcement, tr: Translator) -> Reading:
        return reading(announcement, tr, self._now(), self.settings.new_days)

    # -- writing -------------------------------------------------------------------------------

    def write(
        self,
        *,
        title: str,
        text: str,
        category: str = "info",
        visible_from: dt.date | None = None,
        visible_until: dt.date | None = None,
        pinned: bool = False,
        urgent: bool = False,
        announcement_id: str | None = None,
        written: dt.datetime | None = None,
    ) -> Announcement:
        """Write a new announcement (held until the next publication moment unless urgent)."""
        now = written or self._now()
        start = visible_from or now.date()
        self._check_dates(start, visible_until)
        with self._file.transaction() as db:
            table = db.table(TABLE)
            taken = {str(doc.get("id")) for doc in table.all()}
            if announcement_id is not None:
                if not ID_RE.fullmatch(announcement_id):
                    raise AnnouncementError(f"Identifiant invalide : « {announcement_id} ».")
                if announcement_id in taken:
                    raise AnnouncementError(f"L'annonce « {announcement_id} » existe déjà.")
                new_id = announcement_id
            else:
                base = slug(clean_text(title))
                new_id = f"{base}-{secrets.token_hex(2)}"
                while new_id in taken:
                    new_id = f"{base}-{secrets.token_hex(3)}"
            announcement = Announcement(
                id=new_id,
                title=check_title(title),
                text=check_text(text),
                category=check_category(category),
                visible_from=start,
                visible_until=visible_until,
                pinned=pinned,
                urgent=urgent,
                written=now,
                release=self.rhythm.release_of(now, start, urgent),
            )
            table.insert(to_document(announcement))
        return announcement

    def edit(self, announcement_id: str, **changes: Any) -> Announcement:
        """Change some of title, text, category, visible_from, visible_until, pinned, urgent.

        Translations are kept; those made from a French text that changed become outdated.
        """
        allowed = {"title", "text", "category", "visible_from", "visible_until", "pinned",
                   "urgent"}
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(f"cannot change {sorted(unknown)}")
        now = self._now()
        with self._file.transaction() as db:
            table = db.table(TABLE)
            old = self._find(table, announcement_id)
            if "title" in changes:
                changes["title"] = check_title(changes["title"])
            if "text" in changes:
                changes["text"] = check_text(changes["text"])
            if "category" in changes:
                changes["category"] = check_category(changes["category"])
            updated = replace(old, **changes)
            self._check_dates(updated.visible_from, updated.visible_until)
            if not old.is_released(now):
                updated = replace(
                    updated,
                    release=self.rhythm.release_of(
                        max(old.written, now) if changes.get("urgent") else old.written,
                        updated.visible_from,
                        updated.urgent,
                    ),
                )
            table.update(to_document(updated), lambda doc: doc.get("id") == announcement_id)
        return updated

    def remove(self, announcement_id: str) -> Announcement:
        with self._file.transaction() as db:
            table = db.table(TABLE)
            old = self._find(table, announcement_id)
            table.remove(lambda doc: doc.get("id") == announcement_id)
        return old

    def translate(self, announcement_id: str, lang: str, title: str, text: str) -> Announcement:
        """Store the translation of one announcement into `lang` (from the current French)."""
        return self.apply_translations([TranslationUpdate(announcement_id, lang, title, text)])[0]

    def apply_translations(self, updates: list[TranslationUpdate]) -> list[Announcement]:
        """Store several translations in one write: all of them, or none if one is bad."""
        now = self._now()
        with self._file.transaction() as db:
            table = db.table(TABLE)
            changed: dict[str, Announcement] = {}
            for update in updates:
                if update.lang not in self.languages:
                    raise AnnouncementError(
                        f"La langue « {update.lang} » n'est pas une langue du kiosque "
                        f"({', '.join(self.languages)})."
                    )
                current = changed.get(update.id) or self._find(table, update.id)
                translation = Translation(
                    title=check_title(update.title, "Le titre traduit"),
                    text=check_text(update.text, "Le texte traduit"),
                    source=update.source or current.fingerprint,
                    when=now,
                )
                translations = dict(current.translations)
                translations[update.lang] = translation
                changed[update.id] = replace(current, translations=translations)
            for announcement_id, announcement in changed.items():
                table.update(
                    to_document(announcement), lambda doc, i=announcement_id: doc.get("id") == i
                )
        return list(changed.values())

    def restore(self, announcement: Announcement) -> None:
        """Write an announcement exactly as given (demo seeding, tests)."""
        with self._file.transaction() as db:
            table = db.table(TABLE)
            table.remove(lambda doc: doc.get("id") == announcement.id)
            table.insert(to_document(announcement))

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _find(table: Any, announcement_id: str) -> Announcement:
        for doc in table.all():
            if doc.get("id") == announcement_id:
                return from_document(doc)
        raise AnnouncementError(f"Il n'y a pas d'annonce « {announcement_id} ».")

    @staticmethod
    def _check_dates(start: dt.date, until: dt.date | None) -> None:
        if until is not None and until < start:
            raise AnnouncementError(
                f"La date de fin ({until:%d/%m/%Y}) est avant la date de début "
                f"({start:%d/%m/%Y})."
            )
