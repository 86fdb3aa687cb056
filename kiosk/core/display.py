"""Right-to-left display and text measurement, for terminals and paper.

:func:`visual_line` turns one logical line into what a medium that does no bidi of its own
must show (Arabic letters shaped by arabic-reshaper, runs reordered by python-bidi);
:meth:`kiosk.core.i18n.I18n.display` is the single place screens go through, following the
``bidi`` setting, and :func:`paper_visual` is its counterpart for printed tickets. Text
measurement (:func:`text_width`, :func:`wrap`) counts wide characters (Chinese) as two cells
and combining marks as none, for screens and paper alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kiosk.core.text import strip_controls

# Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo…, presentation
# forms) and the explicit bidi controls.
RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]")


def visual_line(line: str, rtl: bool | None) -> str:
    """One logical line → what a medium that does no bidi of its own shows: Arabic letters
    shaped, runs reordered (brackets mirrored), digit groups (a phone number) kept left to
    right, bidi controls dropped. `rtl` is the base direction (None: the first strong
    character's)."""
    import arabic_reshaper
    from bidi import get_display

    base = None if rtl is None else ("R" if rtl else "L")
    reshaped = arabic_reshaper.reshape(isolate_numbers(line))
    try:
        chars, order, _, _ = _visual_order(reshaped, base)
    except (ValueError, IndexError):  # pragma: no cover - python-bidi changed its debug form
        shown = get_display(reshaped) if base is None else get_display(reshaped, base_dir=base)
        return drop_bidi_controls(str(shown))
    return drop_bidi_controls("".join(chars[i] for i in order))


#: Two or more groups of digits separated by spaces ("06 12 34 56 78", "+33 6 12"), or a
#: number with its "+": left to right inside any sentence (the bidi algorithm alone shows the
#: groups of a phone number from right to left in a right-to-left sentence).
_DIGIT_GROUPS_RE = re.compile(r"\+?\d+(?:[ \u00a0]\d+)+|\+\d+")


def isolate_numbers(line: str) -> str:
    """`line` with each phone-like run of digit groups isolated, left to right (LRI … PDI)."""
    return _DIGIT_GROUPS_RE.sub(lambda found: f"\u2066{found.group()}\u2069", line)


_LEVEL_RE = re.compile(r"Level\(\s*(\d+),?\s*\)")
_TRAILING_CLASSES = ("WS", "FSI", "LRI", "RLI", "PDI", "BN", "S")


def _visual_order(line: str, base: str | None) -> tuple[list[str], list[int], list[int], int]:
    """Reorder one line for display, with mirrored brackets (rules L1, L2 and L4 of UAX #9):
    the characters (mirrored where they end up right to left), the indices of `line` in
    visual order, each character's embedding level and the paragraph's (odd: right to
    left).

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
    return chars, order, levels, paragraph_level


@dataclass(frozen=True)
class VisualLine:
    """One logical line as shown, with where each of its characters lands: what a text field
    needs to draw a typed value and put its cursor.

    ``text`` is :func:`visual_line`'s result; ``positions[i]`` is the index in ``text`` of the
    glyph of the line's character ``i`` (a letter joined into a ligature shares its glyph;
    a bidi control, which is not shown, takes its neighbour's); ``rtl``: the paragraph reads
    from right to left; ``right_to_left[i]``: character ``i`` is in a right-to-left run.
    """

    text: str
    positions: tuple[int, ...]
    rtl: bool
    right_to_left: tuple[bool, ...]

    def cell(self, index: int) -> int:
        """The terminal column (from the left of ``text``) of the character ``index``."""
        return text_width(self.text[: self.positions[index]])


@lru_cache(maxsize=256)
def visual_map(line: str, rtl: bool | None = None) -> VisualLine:
    """:func:`visual_line` of `line`, with the place of each of its characters."""
    import arabic_reshaper

    base = None if rtl is None else ("R" if rtl else "L")
    marked, origin = _marked_numbers(line)
    reshaped = arabic_reshaper.reshape(marked)
    glyph_of = _shaping_map(marked, reshaped, arabic_reshaper.reshape)
    chars, order, levels, paragraph_level = _visual_order(reshaped, base)
    shown_at: dict[int, int] = {}
    text: list[str] = []
    for index in order:
        if chars[index] not in _BIDI_CONTROLS:
            shown_at[index] = len(text)
            text.append(chars[index])
    odd = [False] * len(line)
    positions = [0] * len(line)
    for marked_index, logical in enumerate(origin):
        if logical < 0:
            continue
        glyph = glyph_of[marked_index]
        positions[logical] = shown_at.get(glyph, _nearest(shown_at, glyph))
        # (a lone vowel mark has no glyph at all: it takes the paragraph's direction)
        odd[logical] = bool((levels[glyph] if glyph < len(levels) else paragraph_level) % 2)
    return VisualLine("".join(text), tuple(positions), bool(paragraph_level % 2), tuple(odd))


def _marked_numbers(line: str) -> tuple[str, list[int]]:
    """:func:`isolate_numbers` of `line`, and for each of its characters the index in `line`
    it comes from (-1: an isolate mark added)."""
    marked: list[str] = []
    origin: list[int] = []
    last = 0
    for found in _DIGIT_GROUPS_RE.finditer(line):
        marked.extend(line[last:found.start()])
        origin.extend(range(last, found.start()))
        marked.append("\u2066")
        origin.append(-1)
        marked.extend(found.group())
        origin.extend(range(found.start(), found.end()))
        marked.append("\u2069")
        origin.append(-1)
        last = found.end()
    marked.extend(line[last:])
    origin.extend(range(last, len(line)))
    return "".join(marked), origin


def _shaping_map(text: str, shaped: str, reshape: Callable[[str], str]) -> list[int]:
    """For each character of `text`, the index of its glyph in `shaped` (its shaped form).

    Shaping keeps one glyph per letter, except that lam-alef (and a few words) become one
    ligature and vowel marks may be dropped: then the glyph of letter ``i`` is the last glyph
    of the shaped prefix up to ``i``, never after the glyph of a later letter."""
    if len(shaped) == len(text):
        return list(range(len(text)))
    ends = [len(reshape(text[: i + 1])) - 1 for i in range(len(text))]
    for i in range(len(ends) - 2, -1, -1):
        ends[i] = min(ends[i], ends[i + 1])
    return [min(max(0, end), max(0, len(shaped) - 1)) for end in ends]


def _nearest(shown_at: dict[int, int], index: int) -> int:
    """Where a character that is not shown (a bidi control) is: at its nearest shown one."""
    if not shown_at:
        return 0
    return shown_at[min(shown_at, key=lambda shown: abs(shown - index))]


#: The explicit bidi formatting characters: marks (LRM, RLM, ALM), embeddings and overrides
#: (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
_BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI_CONTROLS = str.maketrans("", "", _BIDI_CONTROLS)


def drop_bidi_controls(text: str) -> str:
    """Text in visual order loses its bidi controls: they have done their work, and a stray
    override (RLO…) left in would make a terminal that reorders after all reverse it again."""
    return text.translate(_NO_BIDI_CONTROLS)


def confine_bidi(line: str) -> str:
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
    if not RTL_RE.search(text):
        return text
    return "\n".join(visual_line(line, rtl) for line in text.split("\n"))


def has_rtl(text: str) -> bool:
    """True when `text` holds right-to-left characters."""
    return bool(RTL_RE.search(text))



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
