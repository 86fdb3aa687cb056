"""CSV files for a spreadsheet, the one way every staff export writes them.

``;`` separator, UTF-8 with a BOM and CRLF line ends: what a French Excel or LibreOffice opens
with a double click, accents included. The exports of appointments, workshop registrations
(with the attendance), questionnaire responses and the audit log all go through
:func:`csv_bytes`.

**No formula runs.** A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, in some, a tab or a carriage return) as a formula, so a workshop title imported as
``=HYPERLINK(…)`` could act on the secretary's computer ("CSV injection"). Such a cell gets a
leading apostrophe, which makes it text: ``'=HYPERLINK(…)``, and a phone number ``+33 6 12…``
reads ``'+33 6 12…``. Every other cell is written as stored (names with emoji, accents,
right-to-left letters, quotes, ``;`` and line breaks are quoted by the csv module and read back
unchanged).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """`value` as a CSV cell no spreadsheet runs as a formula (None: empty)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The CSV text (BOM first) of `header` and `rows`, every cell through :func:`cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """:func:`csv_text` encoded in UTF-8 (the BOM included), ready to be written to a file."""
    return csv_text(header, rows).encode("utf-8")
