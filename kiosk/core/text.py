"""The one text-cleaning rule: what a parent types or staff write reaches a terminal or a
printer without control characters.

:func:`strip_controls` keeps the newlines of a text that has several lines (an announcement, a
help text); :func:`single_line` is the same rule for a text shown on one line (a title, a name,
a label): its line breaks become spaces.
"""

from __future__ import annotations

import re

# What must never reach a terminal or a printer: C0/C1 controls except newline and tab.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode's own line and paragraph separators: line breaks (a terminal draws them as a cell of
# its own, or nothing, never as a new line; Rich counts them as no cell).
_LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})


def strip_controls(text: str) -> str:
    """Remove control characters (ESC, NUL, C1…) that could drive a terminal or a printer.

    Newlines stay, and Unicode's line and paragraph separators (U+2028, U+2029) become
    newlines; tabs become spaces; carriage returns go.
    """
    text = text.replace("\r\n", "\n").replace("\t", "    ").translate(_LINE_SEPARATORS)
    return _CONTROL_RE.sub("", text)


def single_line(text: str) -> str:
    """:func:`strip_controls` for a text shown on one line: its line breaks become spaces."""
    return strip_controls(text).replace("\n", " ")


# What a quoted text must not send raw to a staff terminal: C0/C1 controls (newline and tab
# included, a message is one line) and Unicode's line and paragraph separators.
_ESCAPED_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escaped(text: str) -> str:
    """`text` with its control characters written out as Python does (``\\x1b``, ``\\n``):
    for messages that quote a file staff imported (a CSV header, a PO comment), shown on their
    terminal as they are."""
    return _ESCAPED_RE.sub(lambda match: repr(match.group())[1:-1], text)


def typed_code(text: str) -> str:
    """A code as typed → the code to look up: upper case; spaces, dashes, dots and underscores
    removed; digits of any script (Arabic-Indic ٠-٩, Persian ۰-۹…) and full-width letters as
    their Western/ASCII form. Booking codes and family codes are read the same way."""
    import unicodedata

    typed = unicodedata.normalize("NFKC", strip_controls(text))
    typed = "".join(
        str(value) if (value := unicodedata.decimal(char, None)) is not None else char
        for char in typed
    )
    return re.sub(r"[\s\-_.]", "", typed).upper()
