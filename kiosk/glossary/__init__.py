"""The glossary of school words (ENT, EduConnect, AESH, QCM…): the word used in each of the
kiosk's languages and a one-sentence plain explanation in each (``data/glossary.toml``).

A school adds its own words in a ``glossary.toml`` of its data folder, in the same form: they
are merged by French word (a school word with the same French word replaces the shipped one).
A school file that cannot be read is reported (:attr:`Glossary.problems`, in the log and on
the staff dashboard) and the shipped glossary is used alone.

:meth:`Glossary.find` finds the glossary words in a text, French source or translated text
(case-insensitive, whole words). No Textual here.
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.core import paths

log = logging.getLogger(__name__)

#: The kiosk's languages, French (the source) first.
LANGUAGES = ("fr", "en", "ar", "es", "pt", "tr", "ro", "uk", "ru", "zh", "fa", "sq")
SHIPPED = paths.DATA_DIR / "glossary.toml"
#: The school's own words, in its data folder.
FILE_NAME = "glossary.toml"
#: Languages whose words take attached prefixes (ar) or have no spaces (zh): their words are
#: found anywhere in a text (unless written in Latin letters, like "ENT").
ANYWHERE = frozenset({"ar", "zh"})
#: Stems shorter than this are matched as whole words ("ent" must not find "entrance").
MIN_STEM = 4
#: Arabic short vowels, shadda, sukun, dagger alif and tatweel: ignored when matching.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_LATIN = re.compile("[a-z]")


def normalise(text: str) -> str:
    """Text as matched: NFC, typographic apostrophe as ', lower case, no Arabic vowel marks."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    return _ARABIC_MARKS.sub("", text)


def fold(text: str) -> str:
    """`text` lower case with the typographic apostrophe as ', each character in its place
    (a match in it is a match in `text` at the same offsets)."""
    return "".join(char.lower() if len(char.lower()) == 1 else char
                   for char in text.replace("\u2019", "'"))


@cache
def _pattern(form: str, lang: str, stem: bool) -> re.Pattern[str]:
    """`form` as a whole word (a French form may end in e, s or es), or as a word's start."""
    text = normalise(form)
    escaped = re.escape(text)
    if lang in ANYWHERE and not _LATIN.search(text):
        return re.compile(escaped)
    if lang == "fr":
        return re.compile(r"(?<!\w)" + escaped + r"(?:e|s|es)?(?!\w)")
    end = "" if stem and len(text) >= MIN_STEM else r"(?!\w)"
    return re.compile(r"(?<!\w)" + escaped + end)


@dataclass(frozen=True)
class Word:
    """One glossary word: its word and explanation in each language."""

    key: str
    words: Mapping[str, str]
    explanations: Mapping[str, str]
    #: How the word is found in a text, per language (see data/glossary.toml).
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Marked on screens ("?"). The kiosk's own everyday words (ticket, code, classe,
    #: accueil…: ``screens = false`` in the file) are only in the printed lexique, or the "?"
    #: button would stand on every screen.
    on_screens: bool = True

    @property
    def french(self) -> str:
        return self.words["fr"]

    def word(self, lang: str) -> str:
        """The word in `lang` (French if the school gave none)."""
        return self.words.get(lang) or self.french

    def explanation(self, lang: str) -> str:
        """The plain explanation in `lang` (French if the school gave none)."""
        return self.explanations.get(lang) or self.explanations.get("fr", "")

    def found_in(self, text: str, lang: str) -> bool:
        """Whether `text` (in `lang`) uses this word (case-insensitive, whole words)."""
        shown = normalise(text)
        return any(pattern.search(shown) for pattern in self._patterns(lang))

    def uses_in(self, text: str, lang: str) -> list[str]:
        """The pieces of `text` (as written) where this word is used: what a screen marks.
        A use written with Arabic vowel marks is found (:meth:`found_in`) but not given
        here."""
        folded = fold(text)
        return [text[match.start():match.end()] for pattern in self._patterns(lang)
                for match in pattern.finditer(folded)]

    def _patterns(self, lang: str) -> list[re.Pattern[str]]:
        candidates = [(form, True) for form in self.forms.get(lang, ())]
        candidates.append((self.word(lang) if lang != "fr" else self.french, False))
        return [_pattern(form, lang, stem) for form, stem in candidates if form.strip()]


@dataclass(frozen=True)
class Glossary:
    """The glossary words, in the file's order, and what could not be read."""

    words: tuple[Word, ...] = ()
    #: Messages for the staff (plain French) about a school file that was not used.
    problems: tuple[str, ...] = ()

    def find(self, texts: Iterable[tuple[str, str]]) -> list[Word]:
        """The words used in any of `texts` ((text, language) pairs), in glossary order."""
        pairs = [(text, lang) for text, lang in texts if text]
        return [word for word in self.words if word.on_screens
                and any(word.found_in(text, lang) for text, lang in pairs)]

    def lexicon(self, lang: str, words: Iterable[Word] | None = None
                ) -> list[tuple[str, str, str]]:
        """(word in `lang`, French word, explanation in `lang`) of `words` (all by default):
        what the "petit lexique" ticket prints."""
        chosen = self.words if words is None else words
        return [(word.word(lang), word.french, word.explanation(lang)) for word in chosen]

    def find_in(self, text: str, lang: str) -> list[Word]:
        """The words used in one text in `lang`."""
        return self.find([(text, lang)])

    def uses_in(self, text: str, lang: str) -> list[str]:
        """The pieces of `text` (in `lang`) that are glossary words marked on screens."""
        return [use for word in self.words if word.on_screens
                for use in word.uses_in(text, lang)]


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message says why (plain French, for staff)."""


def _strings(table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        return {}
    return {lang: " ".join(str(value).split()) for lang, value in table.items()
            if lang in LANGUAGES and isinstance(value, str) and value.strip()}


def _forms(entry: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for key in ("forms", "match"):
        table = entry.get(key)
        if not isinstance(table, dict):
            continue
        for lang, values in table.items():
            if lang in LANGUAGES and isinstance(values, list):
                found.setdefault(lang, []).extend(str(v) for v in values if str(v).strip())
    return {lang: tuple(values) for lang, values in found.items()}


def parse(raw: Mapping[str, Any], source: str) -> tuple[list[Word], list[str]]:
    """The words of a glossary file's table, and a message for each entry left out."""
    words: list[Word] = []
    problems: list[str] = []
    for key, entry in raw.items():
        if not isinstance(entry, dict):
            problems.append(f"{source} : « {key} » n'est pas un mot du glossaire ; ignoré.")
            continue
        names = _strings(entry)
        explanations = _strings(entry.get("explain"))
        if "fr" not in names or "fr" not in explanations:
            problems.append(f"{source} : le mot « {key} » n'a pas de mot français (fr) ou "
                            "pas d'explication en français ([…explain] fr) ; ignoré.")
            continue
        words.append(Word(str(key), names, explanations, _forms(entry),
                          entry.get("screens") is not False))
    return words, problems


def merge(base: Iterable[Word], extra: Iterable[Word]) -> tuple[Word, ...]:
    """`base` with `extra` merged in by French word: a word of `extra` replaces the one of
    `base` with the same French word (in its place), the others follow."""
    merged = {normalise(word.french): word for word in base}
    for word in extra:
        merged[normalise(word.french)] = word
    return tuple(merged.values())


def read_file(path: Path) -> tuple[list[Word], list[str]]:
    """The words of one glossary file; :class:`GlossaryError` if it cannot be read at all."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path.name} : fichier illisible ({exc}).") from exc
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError(f"{path.name} : erreur de format TOML ({exc}) ; le glossaire de "
                            "l'école n'est pas utilisé.") from exc
    return parse(raw, path.name)


def load_glossary(data_dir: Path | None = None, *, shipped: Path = SHIPPED) -> Glossary:
    """The shipped glossary merged with the school's ``glossary.toml`` (if `data_dir` has one).
    Never raises: what cannot be used is logged and listed in :attr:`Glossary.problems`."""
    problems: list[str] = []
    try:
        words, skipped = read_file(shipped)
    except GlossaryError as exc:
        log.error("shipped glossary unreadable: %s", exc)
        words, skipped = [], [str(exc)]
    problems.extend(skipped)
    school = data_dir / FILE_NAME if data_dir is not None else None
    if school is not None and school.exists():
        try:
            extra, skipped = read_file(school)
        except GlossaryError as exc:
            extra, skipped = [], [str(exc)]
        problems.extend(skipped)
        merged = merge(words, extra)
    else:
        merged = tuple(words)
    for problem in problems:
        log.warning("glossary: %s", problem)
    return Glossary(merged, tuple(problems))


__all__ = ["FILE_NAME", "LANGUAGES", "SHIPPED", "Glossary", "GlossaryError", "Word",
           "load_glossary", "merge", "normalise", "parse", "read_file"]
