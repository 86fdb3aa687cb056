"""The language registry: code, native name, direction and script of each language.

From Babel's CLDR data, with the names a school prefers in ``data/languages.toml`` (which also
spares importing Babel to draw the Welcome screen).
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from kiosk.core import paths

log = logging.getLogger(__name__)

LANGUAGES_FILE = paths.DATA_DIR / "languages.toml"


@dataclass(frozen=True)
class Language:
    """One language a parent can choose."""

    code: str
    native_name: str
    rtl: bool
    script: str

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def locale(self) -> str:
        """The Babel locale identifier used for dates and numbers."""
        return self.code


@lru_cache(maxsize=1)
def _preferred_names() -> dict[str, dict[str, str]]:
    try:
        with LANGUAGES_FILE.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - shipped file
        log.warning("cannot read %s: %s", LANGUAGES_FILE, exc)
        return {}


@lru_cache(maxsize=64)
def language(code: str) -> Language:
    """Describe the language `code` (Babel data, with ``data/languages.toml`` preferred)."""
    preferred = _preferred_names().get(code, {})
    if {"name", "script"} <= preferred.keys():
        # Everything the welcome screen needs is in data/languages.toml: Babel (~3 ms to
        # import) and its locale data (tens of milliseconds per language) wait until a date or
        # a number is formatted.
        return Language(code=code, native_name=str(preferred["name"]),
                        rtl=bool(preferred.get("rtl", False)), script=str(preferred["script"]))
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(code)
        name = locale.get_display_name(locale) or code
        rtl = locale.character_order == "right-to-left"
        likely = get_global("likely_subtags").get(locale.language, "")
        script = locale.script or (likely.split("_")[1] if likely.count("_") >= 1 else "Latn")
    except (UnknownLocaleError, ValueError):
        name, rtl, script = code, False, "Latn"
    name = preferred.get("name", name[:1].upper() + name[1:])
    rtl = bool(preferred.get("rtl", rtl))
    script = str(preferred.get("script", script))
    return Language(code=code, native_name=name, rtl=rtl, script=script)


@lru_cache(maxsize=64)
def language_name_fr(code: str) -> str:
    """The language's name in French, for staff ("arabe")."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code).get_display_name("fr") or code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code or "?"


def staff_language_note(code: str, interpreter: bool) -> str:
    """For the staff's lists: the parent's language in French and the interpreter they asked
    for ("arabe, interprète demandé"); "" for French without one."""
    notes = [language_name_fr(code)] if code and code != "fr" else []
    if interpreter:
        notes.append("interprète demandé")
    return ", ".join(notes)
