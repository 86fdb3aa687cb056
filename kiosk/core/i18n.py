"""Languages, translations, locale formatting and right-to-left display.

* The **language registry** (:class:`Language`): code, native name, direction and script,
  from Babel's CLDR data, with the names a school prefers in ``data/languages.toml``.
* One **gettext translation object per language** (:class:`Translator`), never a global
  ``install()``: the language belongs to the parent's session. French is the source language
  of the catalogs (the msgids are French).
* **Babel formatting** of dates, times and numbers for the session's locale.
* :meth:`I18n.display` / :meth:`I18n.display_lines`: the single place that turns a logical
  string into what a terminal that does no bidi of its own must show (Arabic letters shaped
  by arabic-reshaper, runs reordered by python-bidi, line by line after wrapping); with the
  ``bidi = "terminal"`` setting the text is left for the terminal to reorder.

Text measurement (:func:`text_width`, :func:`wrap`) counts wide characters (Chinese) as two
cells and combining marks as none, for screens and paper alike.
"""

from __future__ import annotations

import datetime as dt
import gettext
import logging
import re
import threading
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from kiosk.core import paths

log = logging.getLogger(__name__)

LANGUAGES_FILE = paths.DATA_DIR / "languages.toml"

# Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo…, presentation
# forms) and the explicit bidi controls.
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]")
# What must never reach a terminal or a printer: C0/C1 controls except newline and tab.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode's own line and paragraph separators: line breaks (a terminal draws them as a cell of
# its own, or nothing, never as a new line; Rich counts them as no cell).
_LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated at render time)."""
    return message


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


class Translator:
    """The translations of one language, with formatting helpers for its locale."""

    def __init__(self, lang: Language, catalog: gettext.NullTranslations) -> None:
        self.language = lang
        self._catalog = catalog

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def rtl(self) -> bool:
        return self.language.rtl

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    # Babel formatting -------------------------------------------------------------------------

    def date(self, value: dt.date, format: str = "full") -> str:
        from babel.dates import format_date

        return str(format_date(value, format=format, locale=self.language.locale))

    def time(self, value: dt.time | dt.datetime, format: str = "short") -> str:
        from babel.dates import format_time

        return str(format_time(value, format=format, locale=self.language.locale))

    def datetime(self, value: dt.datetime, format: str = "medium") -> str:
        from babel.dates import format_datetime

        return str(format_datetime(value, format=format, locale=self.language.locale))

    def weekday(self, value: dt.date) -> str:
        from babel.dates import format_date

        return str(format_date(value, format="EEEE", locale=self.language.locale))

    def number(self, value: int | float | Decimal) -> str:
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.language.locale))

    def percent(self, value: float) -> str:
        from babel.numbers import format_percent

        return str(format_percent(value, locale=self.language.locale))


class I18n:
    """The kiosk's languages: registry, catalogs and the display function.

    One instance per kiosk, built from the configuration (enabled languages, bidi mode).
    """

    def __init__(
        self,
        codes: Iterable[str],
        *,
        bidi: str = "app",
        locales_dir: Path = paths.LOCALES_DIR,
    ) -> None:
        self.codes = list(codes)
        self.bidi = bidi
        self.locales_dir = locales_dir
        self._translators: dict[str, Translator] = {}
        self._domains: dict[str, gettext.NullTranslations] = {}
        self._lock = threading.Lock()

    @property
    def languages(self) -> list[Language]:
        return [language(code) for code in self.codes]

    def translator(self, code: str) -> Translator:
        """The translator of `code` (French, the source language, translates to itself)."""
        with self._lock:
            found = self._translators.get(code)
            if found is None:
                found = Translator(language(code), self._catalog(code))
                self._translators[code] = found
            return found

    def catalog(self, code: str, domain: str) -> gettext.NullTranslations:
        """The gettext catalog of another domain (e.g. ``questionnaire`` content) for `code`.

        The UI domain is :meth:`translator`'s; a missing catalog gives French (the msgids).
        """
        key = f"{domain}:{code}"
        with self._lock:
            found = self._domains.get(key)
            if found is None:
                found = self._domains[key] = self._catalog(code, domain)
            return found

    def _catalog(
        self, code: str, domain: str = paths.GETTEXT_DOMAIN
    ) -> gettext.NullTranslations:
        ensure_compiled(code, self.locales_dir, domain)
        try:
            return gettext.translation(domain, localedir=self.locales_dir, languages=[code])
        except OSError:
            if code != paths.SOURCE_LANGUAGE:
                log.warning("no compiled catalog for %s: showing French", code)
            return gettext.NullTranslations()

    # Display ------------------------------------------------------------------------------------

    def display(self, text: str, *, rtl: bool | None = None) -> str:
        """What the terminal should show for one logical string (no wrapping).

        `rtl` is the paragraph's base direction: True for text in a right-to-left language,
        False for a left-to-right one, None to take it from the first strong character.
        """
        text = strip_controls(text)
        if self.bidi != "app":
            return "\n".join(_confine_bidi(line) for line in text.split("\n"))
        if not _RTL_RE.search(text):
            return _drop_bidi_controls(text)
        return "\n".join(_visual_line(line, rtl) for line in text.split("\n"))

    def display_lines(self, text: str, width: int, *, rtl: bool | None = None) -> list[str]:
        """Wrap `text` to `width` cells in logical order, then reorder each line for display."""
        text = strip_controls(text)
        lines = wrap(text, width)
        if self.bidi != "app":
            return [_confine_bidi(line) for line in lines]
        if not _RTL_RE.search(text):
            return [_drop_bidi_controls(line) for line in lines]
        return [_visual_line(line, rtl) for line in lines]


def _visual_line(line: str, rtl: bool | None) -> str:
    import arabic_reshaper
    from bidi import get_display

    base = None if rtl is None else ("R" if rtl else "L")
    reshaped = arabic_reshaper.reshape(line)
    try:
        return _drop_bidi_controls(_reorder(reshaped, base))
    except (ValueError, IndexError):  # pragma: no cover - python-bidi changed its debug form
        shown = get_display(reshaped) if base is None else get_display(reshaped, base_dir=base)
        return _drop_bidi_controls(str(shown))


_LEVEL_RE = re.compile(r"Level\(\s*(\d+),?\s*\)")
_TRAILING_CLASSES = ("WS", "FSI", "LRI", "RLI", "PDI", "BN", "S")


def _reorder(line: str, base: str | None) -> str:
    """Reorder one line for display, with mirrored brackets (rules L1, L2 and L4 of UAX #9).

    python-bidi's ``get_display`` reorders but does not mirror: "(Esc)" inside Arabic text
    would show as ")Esc(". Its embedding levels (per UTF-8 byte, from its debug output) are
    used here to reorder and to mirror the characters that end up right-to-left.
    """
    from bidi import get_display
    from bidi.mirror import MIRRORED

    info = str(get_display(line, base_dir=base, debug=True))
    levels_part, _, paragraphs = info.partition("levels:")[2].partition("paragraphs:")
    byte_levels = [int(x) for x in _LEVEL_RE.findall(levels_part)]
    paragraph_level = int(_LEVEL_RE.findall(paragraphs)[0]) if line else 0
    levels: list[int] = []
    offset = 0
    for ch in line:
        levels.append(byte_levels[offset])
        offset += len(ch.encode("utf-8"))
    if offset != len(byte_levels):
        raise ValueError("levels do not match the text")
    end = len(line)
    while end > 0 and unicodedata.bidirectional(line[end - 1]) in _TRAILING_CLASSES:
        end -= 1
        levels[end] = paragraph_level
    pairs = zip(line, levels, strict=True)
    chars = [MIRRORED.get(ch, ch) if level % 2 else ch for ch, level in pairs]
    order = list(range(len(chars)))
    highest = max(levels, default=0)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            stop = index
            while stop < len(order) and levels[order[stop]] >= level:
                stop += 1
            order[index:stop] = reversed(order[index:stop])
            index = stop
    return "".join(chars[i] for i in order)


#: The explicit bidi formatting characters: marks (LRM, RLM, ALM), embeddings and overrides
#: (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
_BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI_CONTROLS = str.maketrans("", "", _BIDI_CONTROLS)


def _drop_bidi_controls(text: str) -> str:
    """Text in visual order loses its bidi controls: they have done their work, and a stray
    override (RLO…) left in would make a terminal that reorders after all reverse it again."""
    return text.translate(_NO_BIDI_CONTROLS)


def _confine_bidi(line: str) -> str:
    """One line for a terminal that reorders itself: every embedding, override or isolate the
    line opens is closed at its end, so that a right-to-left override typed into a name never
    reverses what the terminal shows after it on the same row (a key hint, another column)."""
    if not any(ch in _BIDI_CONTROLS for ch in line):
        return line
    embeddings = isolates = 0
    for ch in line:
        if ch in "\u202a\u202b\u202d\u202e":
            embeddings += 1
        elif ch == "\u202c":
            embeddings = max(0, embeddings - 1)
        elif ch in "\u2066\u2067\u2068":
            isolates += 1
        elif ch == "\u2069" and isolates:
            isolates -= 1
            embeddings = 0  # a PDI also closes the embeddings opened inside its isolate
    return line + "\u202c" * embeddings + "\u2069" * isolates


def isolate(text: str) -> str:
    """Mark `text` (a phone number, an address, a name…) as one unit inside a sentence.

    Inside a right-to-left sentence, a Latin address or a phone number written with spaces
    would otherwise be scrambled ("04 78 00" shown as "00 78 04"). The bidi isolate marks
    (U+2068 … U+2069) keep it whole, in its own direction; :meth:`I18n.display` removes them
    once the line is reordered (and, for a terminal that reorders itself, closes any that
    `text` leaves open).
    """
    return f"\u2068{text}\u2069"


def paper_visual(text: str, *, rtl: bool | None = None) -> str:
    """Logical text → visual order for a medium that does no bidi of its own (printed tickets).

    Unlike :meth:`I18n.display`, this ignores the ``bidi`` setting: paper never reorders.
    """
    text = strip_controls(text)
    if not _RTL_RE.search(text):
        return text
    return "\n".join(_visual_line(line, rtl) for line in text.split("\n"))


def has_rtl(text: str) -> bool:
    """True when `text` holds right-to-left characters."""
    return bool(_RTL_RE.search(text))


def strip_controls(text: str) -> str:
    """Remove control characters (ESC, NUL, C1…) that could drive a terminal or a printer.

    Newlines stay, and Unicode's line and paragraph separators (U+2028, U+2029) become
    newlines; tabs become spaces; carriage returns go.
    """
    text = text.replace("\r\n", "\n").replace("\t", "    ").translate(_LINE_SEPARATORS)
    return _CONTROL_RE.sub("", text)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Terminal cells taken by one character: 2 for wide (CJK), 0 for combining marks."""
    if char == "\u00ad":
        return 1  # the soft hyphen: terminals (and Rich, which lays Textual out) draw it
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Terminal cells taken by `text` (one line)."""
    return sum(char_width(ch) for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap `text` to `width` cells; words longer than a line are cut between characters.

    Chinese and Japanese text, which has no spaces, breaks between any two characters.
    Explicit newlines are kept; an empty input gives one empty line.
    """
    width = max(width, 2)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        line_w = 0
        for token in _tokens(paragraph):
            token_w = text_width(token)
            if token.isspace():
                if line:
                    line += token
                    line_w += token_w
                continue
            if line_w + token_w <= width:
                line += token
                line_w += token_w
                continue
            if line.strip():
                out.append(line.rstrip())
            line, line_w = "", 0
            while token_w > width:  # a word longer than a line (10,000 letters: linear)
                head, token = _cut(token, width)
                out.append(head)
                token_w -= text_width(head)
            line, line_w = token, token_w
        out.append(line.rstrip())
    return out


def _tokens(paragraph: str) -> list[str]:
    """Split a paragraph into space runs, words, and single wide (CJK) characters."""
    tokens: list[str] = []
    current = ""
    current_kind = ""
    for ch in paragraph:
        kind = "space" if ch.isspace() else ("wide" if char_width(ch) == 2 else "word")
        if kind == "wide" or kind != current_kind:
            if current:
                tokens.append(current)
            current, current_kind = "", kind
        if kind == "wide":
            tokens.append(ch)
            current_kind = ""
            continue
        current += ch
    if current:
        tokens.append(current)
    return tokens


def _cut(token: str, width: int) -> tuple[str, str]:
    used = 0
    for index, ch in enumerate(token):
        w = char_width(ch)
        if used + w > width:
            return token[:index], token[index:]
        used += w
    return token, ""


def pad(text: str, width: int, align: str = "left") -> str:
    """Pad `text` with spaces to `width` cells (left, right or center)."""
    missing = max(0, width - text_width(text))
    if align == "right":
        return " " * missing + text
    if align == "center":
        left = missing // 2
        return " " * left + text + " " * (missing - left)
    return text + " " * missing


def ensure_compiled(
    code: str, locales_dir: Path = paths.LOCALES_DIR, domain: str = paths.GETTEXT_DOMAIN
) -> None:
    """Compile `code`'s catalog with Babel when its `.mo` is missing or older than its `.po`.

    `make run` and `make test` compile every catalog at set-up; this keeps a kiosk whose
    catalog a translator just edited from showing stale text. A read-only install is left as
    it is.
    """
    po = locales_dir / code / "LC_MESSAGES" / f"{domain}.po"
    mo = po.with_suffix(".mo")
    try:
        if not po.exists() or (mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime):
            return
        compile_catalog(po, mo)
    except OSError as exc:
        log.warning("cannot compile %s: %s", po, exc)


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile one `.po` file to `.mo` with Babel (atomically)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from kiosk.core.store import write_atomically

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    import io

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    write_atomically(mo, buffer.getvalue())


Gettext = Callable[[str], str]
