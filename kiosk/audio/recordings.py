"""The school's own recordings: a human voice first, synthesis for the rest.

``kiosk audio script --lang LANG`` lists every fixed text a parent may hear in LANG (the
kiosk's interface texts and the questionnaire's, as translated in ``locales/``) with the file
name to record it under. A recording is put in the data folder's ``audio/LANG/`` as a WAV or
Ogg file and is played instead of synthesis whenever that exact text is said.

A file name is ``<text id>-<fingerprint>.wav``: the id comes from the French source (the
gettext msgid), the fingerprint from the text in LANG. When a translation changes, the script
asks for a new file name and the old recording is *outdated*: the statuses reuse those of the
school's translations (:class:`kiosk.core.school_texts.Status`), read here as recorded /
synthesis / outdated. Texts with a blank to fill (``{count}``) are said by synthesis only.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.core import paths
from kiosk.core.school_texts import Status, source_fingerprint

#: The extensions a recording may have (WAV, or Ogg Vorbis/Opus), in order of preference.
EXTENSIONS = (".wav", ".ogg")
#: The gettext domains whose texts a parent hears.
DOMAINS = (paths.GETTEXT_DOMAIN, "questionnaire")
#: The staff's word for each status of a text's recording.
LABELS = {Status.TRANSLATED: "enregistré", Status.MISSING: "synthèse",
          Status.OUTDATED: "à réenregistrer (le texte a changé)"}


@dataclass(frozen=True)
class ScriptLine:
    """One text to record in a language, and the file name to record it under."""

    source: str
    text: str

    @property
    def text_id(self) -> str:
        return source_fingerprint(self.source)[:10]

    @property
    def stem(self) -> str:
        return f"{self.text_id}-{source_fingerprint(self.text)[:8]}"

    @property
    def file_name(self) -> str:
        return self.stem + EXTENSIONS[0]


def _entries(lang: str, domain: str, locales: Path) -> Iterator[tuple[str, str]]:
    from babel.messages.pofile import read_po

    po = locales / f"{domain}.pot" if lang == paths.SOURCE_LANGUAGE else (
        locales / lang / "LC_MESSAGES" / f"{domain}.po")
    if not po.exists():
        return
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue  # the header, and plural forms (said with their number: synthesis)
        text = message.id if lang == paths.SOURCE_LANGUAGE else str(message.string or "")
        if text and not message.fuzzy:
            yield message.id, text


def script_lines(lang: str, locales: Path = paths.LOCALES_DIR) -> list[ScriptLine]:
    """Every fixed text a parent may hear in `lang` (no blank to fill), once each."""
    seen: set[str] = set()
    lines: list[ScriptLine] = []
    for domain in DOMAINS:
        for source, text in _entries(lang, domain, locales):
            if "{" in text or text in seen:
                continue
            seen.add(text)
            lines.append(ScriptLine(source, text))
    return lines


def write_script(lines: list[ScriptLine], out: Path) -> None:
    """The recording script as CSV: file name, text to say, French source."""
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["fichier", "texte", "français"])
        for line in lines:
            writer.writerow([line.file_name, line.text, line.source])


class Recordings:
    """The recordings of the data folder's ``audio/`` (one sub-folder per language)."""

    def __init__(self, folder: Path, locales: Path = paths.LOCALES_DIR) -> None:
        self.folder = folder
        self.locales = locales
        self._by_text: dict[str, dict[str, ScriptLine]] = {}

    def lines(self, lang: str) -> dict[str, ScriptLine]:
        """The script of `lang` by text (read once)."""
        found = self._by_text.get(lang)
        if found is None:
            found = {line.text: line for line in script_lines(lang, self.locales)}
            self._by_text[lang] = found
        return found

    def files(self, lang: str) -> list[Path]:
        where = self.folder / lang
        if not where.is_dir():
            return []
        return sorted(p for p in where.iterdir() if p.suffix.lower() in EXTENSIONS)

    def find(self, text: str, lang: str) -> Path | None:
        """The recording of exactly `text` in `lang`, or None (then: synthesis)."""
        line = self.lines(lang).get(text) if (self.folder / lang).is_dir() else None
        if line is None:
            return None
        for extension in EXTENSIONS:
            path = self.folder / lang / (line.stem + extension)
            if path.is_file() and path.stat().st_size > 0:
                return path
        return None

    def statuses(self, lang: str) -> dict[Status, list[ScriptLine]]:
        """Each text of `lang` by status: recorded, synthesis, outdated."""
        stems = {path.stem for path in self.files(lang)}
        ids = {stem.split("-")[0] for stem in stems}
        found: dict[Status, list[ScriptLine]] = {status: [] for status in Status}
        for line in self.lines(lang).values():
            if line.stem in stems:
                found[Status.TRANSLATED].append(line)
            elif line.text_id in ids:
                found[Status.OUTDATED].append(line)
            else:
                found[Status.MISSING].append(line)
        return found
