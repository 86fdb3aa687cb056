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
from functools import lru_cache

from kiosk.core.text import strip_controls

# Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo…, presentation
# forms) and the explicit bidi controls.
RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]")


def visual_line(line: str, rtl: bool | None) -> str:
    import arabic_reshaper
    from bidi import get_display

    base = None if rtl is None else ("R" if rtl else "L")
    reshaped = arabic_reshaper.reshape(line)
    try:
        return drop_bidi_controls(_reorder(reshaped, base))
    except (ValueError, IndexError):  # pragma: no cover - python-bidi changed its debug form
        shown = get_display(reshaped) if base is None else get_display(reshaped, base_dir=base)
        return drop_bidi_controls(str(shown))


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
