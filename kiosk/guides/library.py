"""The guides a kiosk offers: the shipped ones (``data/guides/``) and the school's own (the
data folder's ``guides/``), a school's file replacing the shipped guide of the same ID.

A file that cannot be used is left out with a clear message (:meth:`GuideLibrary.problems`,
for the staff's dashboard and ``kiosk guides list``) and every other guide loads; a bad school
file leaves the shipped guide of its ID in place. Files are read again when they change, so a
school's edit shows without a restart.

A parent reads a guide through :class:`GuideReading`: the translation into their language when
it is current, else the French under the "not translated yet" line. Translations brought back
from the translators' files (:mod:`kiosk.guides.texts`) are written into the school's file of
the guide (a copy of the shipped guide the first time).
"""

from __future__ import annotations

import logging
import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.core.i18n import Translator
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE, Status, TextUpdate
from kiosk.guides.model import Guide, GuideError, GuideTranslation, guide_document, parse_guide

log = logging.getLogger(__name__)

#: Largest guide file read (a guide is a few hundred words in 12 languages).
MAX_FILE_BYTES = 256 * 1024
SCHOOL_FOLDER = "guides"


@dataclass(frozen=True)
class GuideReading:
    """A guide as one parent reads it: in their language, or the French said untranslated."""

    id: str
    title: str
    steps: tuple[str, ...]
    rtl: bool
    #: The "not translated yet" line in the parent's language ("" when translated).
    note: str
    french_title: str
    french_steps: tuple[str, ...]
    url: str

    @property
    def translated(self) -> bool:
        return not self.note


class GuideLibrary:
    """The guides of one kiosk, read from their folders (thread-safe)."""

    def __init__(self, shipped: Path, school: Path, languages: Sequence[str], *,
                 ent_url: str = "") -> None:
        self.shipped = shipped
        self.school = school
        self.languages = tuple(languages)
        self.ent_url = ent_url
        self._lock = threading.Lock()
        self._seen: tuple[tuple[str, int, int], ...] | None = None
        self._guides: list[Guide] = []
        self._problems: list[str] = []

    # -- reading the folders -------------------------------------------------------------------

    def _files(self) -> list[Path]:
        found = []
        for folder in (self.shipped, self.school):
            try:
                found += sorted(folder.glob("*.toml"))
            except OSError:
                continue
        return found

    def _stamp(self, files: list[Path]) -> tuple[tuple[str, int, int], ...]:
        out = []
        for path in files:
            try:
                info = path.stat()
            except OSError:
                continue
            out.append((str(path), info.st_mtime_ns, info.st_size))
        return tuple(out)

    def _refresh(self) -> None:
        files = self._files()
        stamp = self._stamp(files)
        if stamp == self._seen:
            return
        guides: dict[str, Guide] = {}
        problems: list[str] = []
        for origin, folder in (("fourni", self.shipped), ("école", self.school)):
            for path in (p for p in files if p.parent == folder):
                try:
                    guides[path.stem] = self._load(path, origin)
                except GuideError as exc:
                    problems.append(f"{path} : {exc}")
                    log.warning("guide file left out: %s: %s", path, exc)
        self._guides = sorted(guides.values(), key=lambda g: (g.order, g.id))
        self._problems = problems
        self._seen = stamp

    def _load(self, path: Path, origin: str) -> Guide:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise GuideError(f"fichier trop grand ({MAX_FILE_BYTES // 1024} Kio au plus).")
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise GuideError("le fichier n'est pas en UTF-8.") from None
        except tomllib.TOMLDecodeError as exc:
            raise GuideError(f"syntaxe TOML incorrecte ({exc}).") from None
        except OSError as exc:
            raise GuideError(f"illisible ({exc.strerror or exc}).") from None
        return parse_guide(path.stem, data, self.languages, origin=origin)

    def all(self) -> list[Guide]:
        """Every guide that loads, in the order shown to parents."""
        with self._lock:
            self._refresh()
            return list(self._guides)

    def problems(self) -> list[str]:
        """The guide files that cannot be used, each with its reason (French, staff)."""
        with self._lock:
            self._refresh()
            return list(self._problems)

    def get(self, guide_id: str) -> Guide | None:
        return next((g for g in self.all() if g.id == guide_id), None)

    # -- reading a guide -----------------------------------------------------------------------

    def reading(self, guide: Guide, tr: Translator) -> GuideReading:
        """`guide` in `tr`'s language (the French, said untranslated, when it is not)."""
        found = guide.current_translation(tr.code)
        url = guide.url(self.ent_url)
        if found is not None or tr.code == "fr":
            title, steps = (found.title, found.steps) if found else (guide.title, guide.steps)
            return GuideReading(guide.id, title, steps, tr.rtl, "", guide.title, guide.steps,
                                url)
        return GuideReading(guide.id, guide.title, guide.steps, False, tr(TEXT_FALLBACK_NOTE),
                            guide.title, guide.steps, url)

    # -- storing translations ------------------------------------------------------------------

    def apply_translations(self, updates: Sequence[TextUpdate]) -> None:
        """Store translations in the school's files of their guides (each file written
        atomically; the shipped files are never changed)."""
        import tomli_w

        from kiosk.core.data_file import write_atomically

        by_id: dict[str, Guide] = {g.id: g for g in self.all()}
        changed: dict[str, Guide] = {}
        for update in updates:
            guide = changed.get(update.id) or by_id.get(update.id)
            if guide is None:
                raise GuideError(f"il n'y a pas de guide « {update.id} ».")
            count = len(guide.steps)
            # An empty step is left out: the translation then lacks it (status "missing").
            steps = tuple(text for n in range(1, count + 1)
                          if (text := update.values.get(f"step{n}", "").strip()))
            translation = GuideTranslation(update.values.get("title", "").strip(), steps,
                                           update.source or guide.fingerprint)
            changed[update.id] = replace(guide, translations={**guide.translations,
                                                              update.lang: translation})
        self.school.mkdir(parents=True, exist_ok=True)
        for guide_id, guide in changed.items():
            payload = tomli_w.dumps(guide_document(guide)).encode("utf-8")
            write_atomically(self.school / f"{guide_id}.toml", payload)

    def statuses(self, guide: Guide) -> dict[str, Status]:
        return guide.statuses(self.languages)
