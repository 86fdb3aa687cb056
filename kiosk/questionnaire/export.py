"""The questionnaire's responses as a table (``kiosk export responses``): one row a response.

The table keeps only what cannot single anyone out (:mod:`kiosk.questionnaire.suppression`):

* no time finer than the ISO week (``semaine``: "2026-W48");
* the rows in random order (the order of the file is the order of arrival);
* the category columns — the week, the language, the questionnaire version and every "about
  you" item that breaks the results down (role, level…) — are *k*-anonymous: any value, and any
  combination of values, held by fewer than ``[questionnaire] min_group_size`` rows becomes
  "autre";
* fewer than ``min_group_size`` responses in all: no row at all.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from kiosk.questionnaire.content import NOT_APPLICABLE, Questionnaire
from kiosk.questionnaire.responses import Response
from kiosk.questionnaire.suppression import k_anonymous

#: The first columns of the export, before one column per item id.
EXPORT_COLUMNS = ("numero", "semaine", "langue", "version")


def week_of(hour: str) -> str:
    """The ISO week of a stored "2026-11-23T10" ("2026-W48"); "" when it is not a date."""
    try:
        year, week, _day = dt.date.fromisoformat(hour[:10]).isocalendar()
    except ValueError:
        return ""
    return f"{year}-W{week:02d}"


def quasi_identifiers(questionnaire: Questionnaire) -> list[str]:
    """The columns that describe the respondent rather than their opinion."""
    return ["semaine", "langue", "version",
            *(item.id for item in questionnaire.all_items if item.breakdown)]


def export_table(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    *,
    min_group: int,
    rng: random.Random | None = None,
) -> tuple[list[str], list[dict[str, object]]]:
    """(columns, rows): one row per response, one column per item id of the questionnaire.

    Values: 1–5 or ``NA`` for a statement, the option id for a single choice, the option ids
    joined by ``,`` for a multiple choice, empty when skipped. Items of the file that are
    disabled keep their column (a past response may have answered them). The rows are made
    safe as the module says; with fewer than `min_group` responses there is no row.
    """
    item_ids = [item.id for item in questionnaire.all_items]
    columns = [*EXPORT_COLUMNS, *item_ids]
    rows: list[dict[str, object]] = []
    for response in responses:
        row: dict[str, object] = {
            "semaine": week_of(response.hour),
            "langue": response.language,
            "version": response.version,
        }
        for item_id in item_ids:
            value = response.answers.get(item_id)
            if value is None:
                row[item_id] = ""
            elif value == NOT_APPLICABLE:
                row[item_id] = "NA"
            elif isinstance(value, tuple):
                row[item_id] = ",".join(value)
            else:
                row[item_id] = value
        rows.append(row)
    safe = k_anonymous(rows, quasi_identifiers(questionnaire), min_group)
    if safe is None:
        return columns, []
    (rng or random.SystemRandom()).shuffle(safe)
    for number, row in enumerate(safe, start=1):
        row["numero"] = number
    return columns, [{c: row.get(c, "") for c in columns} for row in safe]
