"""The school's announcements and their translations, and the weekly publication rhythm.

An :class:`Announcement` is written in French (the source: title and text) with a category,
the dates it is visible, whether it is pinned (shown first) or urgent, and one translation per
enabled language. Each translation remembers a fingerprint of the French it was made from, so
its :class:`Status` is computed, never stored:

* ``translated`` — there is a translation of the current French text;
* ``missing`` — nobody has translated it into that language yet;
* ``outdated`` — the French title or text changed after the translation was made.

Parents never see a missing or outdated translation: they see the French text under a clear
line, in their language, saying that it is not translated yet (:func:`reading`).

**Ritualised publication.** The school publishes at one known moment of the week (``[announcements]
publication_day`` and ``publication_time``, e.g. Monday 16:00) so that families know when to
look and need not watch for news in the evening or at the weekend. An announcement written
after the last publication moment is held until the next one, unless it is marked urgent (a
strike tomorrow cannot wait). The release moment is fixed when the announcement is written and
re-computed by an edit only while it is still held. An announcement is shown as "new" during
``new_days`` days after its release.

Storage: one document per announcement (with its translations) in the school year's
``announcements.json`` (:class:`AnnouncementBook`). On 1 August the announcements still to be
read (visible on or after that day, or held for a later publication) continue into the new
year's file (:func:`carry_over`).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from kiosk.core.config import (
    WEEKDAYS,
    AnnouncementSettings,
    previous_school_year,
    school_year_start,
)
from kiosk.core.i18n import N_, Translator, strip_controls
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.store import DataFile, Store

if TYPE_CHECKING:
    from kiosk.services import Services
    from kiosk.tickets import Ticket, TicketContext

FILE_KIND = "announcements"
TABLE = "announcements"
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

#: The line shown above the French text when there is no (current) translation.
FALLBACK_NOTE = N_(
    "Cette annonce n'est pas encore traduite dans votre langue. Voici le texte en français :"
)
#: "When does news come out": {day} is a weekday name, {time} a time of day.
RHYTHM_NOTE = N_("Les nouvelles annonces paraissent chaque {day} à {time}.")
URGENT_NOTE = N_("Les annonces urgentes paraissent tout de suite.")
NEW_MARK = N_("Nouveau")
URGENT_MARK = N_("Urgent")
PUBLISHED_ON = N_("Publiée le {date}")


class AnnouncementError(ValueError):
    """An announcement or translation that cannot be saved; the message is French for staff."""


class Status(enum.StrEnum):
    """Where the translation of an announcement into one language stands."""

    TRANSLATED = "translated"
    MISSING = "missing"
    OUTDATED = "outdated"

    @property
    def label(self) -> str:
        """French word for the staff."""
        return {"translated": "traduite", "missing": "manquante", "outdated": "à revoir"}[
            self.value
        ]

    @property
    def symbol(self) -> str:
        """One character for the staff list."""
        return {"translated": "✔", "missing": "✗", "outdated": "↻"}[self.value]


def source_fingerprint(title: str, text: str) -> str:
    """A fingerprint of the French title and text a translation was made from."""
    digest = hashlib.sha256(f"{title}\n\x00\n{text}".encode()).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Translation:
    """The title and text of an announcement in one language."""

    title: str
    text: str
    #: :func:`source_fingerprint` of the French this was translated from.
    source: str
    when: dt.datetime | None = None


@dataclass(frozen=True)
class Announcement:
    """One piece of school news, in French with its translations."""

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
    translations: Mapping[str, Translation] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return source_fingerprint(self.title, self.text)

    def status(self, lang: str) -> Status:
        """Where its translation into `lang` stands (French is the source: always translated)."""
        if lang == SOURCE_LANGUAGE:
            return Status.TRANSLATED
        found = self.translations.get(lang)
        if found is None or not (found.title.strip() and found.text.strip()):
            return Status.MISSING
        if found.source != self.fingerprint:
            return Status.OUTDATED
        return Status.TRANSLATED

    def statuses(self, langs: Iterable[str]) -> dict[str, Status]:
        return {lang: self.status(lang) for lang in langs if lang != SOURCE_LANGUAGE}

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


# --- the weekly rhythm -------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationRhythm:
    """The weekly publication moment, in the school's time zone."""

    weekday: int  # 0 = Monday
    time: dt.time
    tz: ZoneInfo

    @classmethod
    def from_settings(cls, settings: AnnouncementSettings, tz: ZoneInfo) -> PublicationRhythm:
        hour, minute = (int(part) for part in settings.publication_time.split(":"))
        return cls(WEEKDAYS.index(settings.publication_day), dt.time(hour, minute), tz)

    def last_at_or_before(self, moment: dt.datetime) -> dt.datetime:
        """The latest publication moment that is not after `moment`."""
        local = moment.astimezone(self.tz)
        day = local.date() - dt.timedelta(days=(local.weekday() - self.weekday) % 7)
        candidate = dt.datetime.combine(day, self.time, tzinfo=self.tz)
        if candidate > local:
            candidate = dt.datetime.combine(day - dt.timedelta(days=7), self.time, tzinfo=self.tz)
        return candidate

    def next_at_or_after(self, moment: dt.datetime) -> dt.datetime:
        """The first publication moment that is not before `moment`."""
        last = self.last_at_or_before(moment)
        if last == moment:
            return last
        day = last.date() + dt.timedelta(days=7)
        return dt.datetime.combine(day, self.time, tzinfo=self.tz)

    def release_of(
        self, written: dt.datetime, visible_from: dt.date, urgent: bool
    ) -> dt.datetime:
        """When an announcement written at `written` reaches parents."""
        start = max(written, dt.datetime.combine(visible_from, dt.time(0), tzinfo=self.tz))
        return start if urgent else self.next_at_or_after(start)

    def describe(self, tr: Translator, today: dt.date) -> str:
        """'New announcements come out every Monday at 16:00', in `tr`'s language."""
        day = today + dt.timedelta(days=(self.weekday - today.weekday()) % 7)
        return tr(RHYTHM_NOTE).format(day=tr.weekday(day), time=tr.time(self.time))


# --- what a parent reads -----------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """An announcement as a parent reads it in one language (kiosk, preview, ticket, web)."""

    id: str
    lang: str
    title: str
    text: str
    #: False: the French text is shown because the translation is missing or outdated.
    translated: bool
    #: The line saying it is not translated yet (in the parent's language), or "".
    note: str
    category: str
    published: dt.datetime
    published_text: str
    new: bool
    urgent: bool
    pinned: bool
    #: Base direction of title and text (French fallback text is left-to-right).
    rtl: bool
    french_title: str


def reading(
    announcement: Announcement, tr: Translator, now: dt.datetime, new_days: int
) -> Reading:
    """The announcement in `tr`'s language, or in French with the fallback line."""
    lang = tr.code
    translated = announcement.status(lang) is Status.TRANSLATED
    if translated and lang != SOURCE_LANGUAGE:
        found = announcement.translations[lang]
        title, text = found.title, found.text
    else:
        title, text = announcement.title, announcement.text
    return Reading(
        id=announcement.id,
        lang=lang,
        title=title,
        text=text,
        translated=translated,
        note="" if translated else tr(FALLBACK_NOTE),
        category=tr(announcement.category_label),
        published=announcement.release,
        published_text=tr(PUBLISHED_ON).format(date=tr.date(announcement.release.date(), "long")),
        new=announcement.is_new(now, new_days),
        urgent=announcement.urgent,
        pinned=announcement.pinned,
        rtl=tr.rtl and translated,
        french_title=announcement.title,
    )


def ticket_of(context: TicketContext, shown: Reading, qr: str) -> Ticket:
    """The printed ticket of an announcement as the parent reads it (with the QR code).

    Without a current translation, the French title and text are printed left to right under
    the "not translated yet" line in the parent's language, as on the screen.
    """
    from kiosk.tickets import TicketLine, announcement_ticket

    ticket = announcement_ticket(
        context,
        shown.lang,
        title=shown.title,
        text=shown.text,
        french_title=shown.french_title,
        published=shown.published.date(),
        qr=qr,
    )
    if shown.translated:
        return ticket
    french_texts = {strip_controls(shown.title), strip_controls(shown.text)}
    lines: list[TicketLine] = []
    for line in ticket.lines:
        if line.text == strip_controls(shown.text) and shown.note:
            lines.append(TicketLine(shown.note, style="small", rule=True))
        lines.append(replace(line, rtl=False) if line.text in french_texts else line)
    return replace(ticket, lines=tuple(lines))


def parent_order(items: Iterable[Announcement]) -> list[Announcement]:
    """Pinned first, then the newest release first."""
    return sorted(items, key=lambda a: (not a.pinned, -a.release.timestamp(), a.id))


# --- validation --------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """Text as stored: control characters removed, line ends normalised, outer blanks trimmed."""
    return strip_controls(value).strip()


def check_title(title: str, what: str = "Le titre") -> str:
    title = " ".join(clean_text(title).split())
    if not title:
        raise AnnouncementError(f"{what} est vide.")
    if len(title) > TITLE_MAX:
        raise AnnouncementError(
            f"{what} est trop long ({len(title)} caractères, {TITLE_MAX} au plus)."
        )
    return title


def check_text(text: str, what: str = "Le texte") -> str:
    text = clean_text(text)
    if not text:
        raise AnnouncementError(f"{what} est vide.")
    if len(text) > TEXT_MAX:
        raise AnnouncementError(
            f"{what} est trop long ({len(text)} caractères, {TEXT_MAX} au plus)."
        )
    return text


def _check_category(category: str) -> str:
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


# --- the repository ----------------------------------------------------------------------------


def _to_doc(a: Announcement) -> dict[str, Any]:
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


def _from_doc(doc: Mapping[str, Any]) -> Announcement:
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


def carry_over(previous: Mapping[str, list[dict[str, Any]]], first_day: dt.date
               ) -> dict[str, list[dict[str, Any]]]:
    """What of last school year's announcements continues into the new one (from
    `first_day`, 1 August): those still visible on or after that day, and those held for a
    publication on or after it, with their translations (see
    :meth:`kiosk.core.store.Store.carry_over`).
    """
    return {TABLE: [dict(doc) for doc in previous.get(TABLE, [])
                    if _continues(_from_doc(doc), first_day)]}


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

    @property
    def _file(self) -> DataFile:
        """The current school year's file (what is still to be read came over on 1 August)."""
        return self._store.file(FILE_KIND)

    # -- reading -------------------------------------------------------------------------------

    def all(self) -> list[Announcement]:
        """Every announcement of the year, in the parents' order (staff list)."""
        return parent_order(_from_doc(doc) for doc in self._file.table(TABLE).all())

    def get(self, announcement_id: str) -> Announcement | None:
        for doc in self._file.table(TABLE).all():
            if doc.get("id") == announcement_id:
                return _from_doc(doc)
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
        ended = (_from_doc(doc) for doc in previous.get(TABLE, {}).values())
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
                category=_check_category(category),
                visible_from=start,
                visible_until=visible_until,
                pinned=pinned,
                urgent=urgent,
                written=now,
                release=self.rhythm.release_of(now, start, urgent),
            )
            table.insert(_to_doc(announcement))
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
                changes["category"] = _check_category(changes["category"])
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
            table.update(_to_doc(updated), lambda doc: doc.get("id") == announcement_id)
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
                    _to_doc(announcement), lambda doc, i=announcement_id: doc.get("id") == i
                )
        return list(changed.values())

    def restore(self, announcement: Announcement) -> None:
        """Write an announcement exactly as given (demo seeding, tests)."""
        with self._file.transaction() as db:
            table = db.table(TABLE)
            table.remove(lambda doc: doc.get("id") == announcement.id)
            table.insert(_to_doc(announcement))

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _find(table: Any, announcement_id: str) -> Announcement:
        for doc in table.all():
            if doc.get("id") == announcement_id:
                return _from_doc(doc)
        raise AnnouncementError(f"Il n'y a pas d'annonce « {announcement_id} ».")

    @staticmethod
    def _check_dates(start: dt.date, until: dt.date | None) -> None:
        if until is not None and until < start:
            raise AnnouncementError(
                f"La date de fin ({until:%d/%m/%Y}) est avant la date de début "
                f"({start:%d/%m/%Y})."
            )


# --- the demo school ---------------------------------------------------------------------------

DEMO_FILE = "announcements.toml"


def seed_demo(services: Services, today: dt.date) -> None:
    """Write the demo school's announcements (``data/demo/announcements.toml``) once.

    Dates are relative to `today` and to the weekly publication moment, so the demo always
    shows a pinned item, new items, an urgent one, an outdated and a missing translation,
    and one item held until the next publication.
    """
    import tomllib

    from kiosk.core import paths

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
