"""The questionnaire's responses as a table (``kiosk export-responses``): one row a response."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.questionnaire.content import NOT_APPLICABLE, Questionnaire
from kiosk.questionnaire.responses import Response

#: The first columns of the export, before one column per item id.
EXPORT_COLUMNS = ("numero", "date_heure", "langue", "version")


def export_table(
    questionnaire: Questionnaire, responses: Sequence[Response]
) -> tuple[list[str], list[dict[str, object]]]:
    """(columns, rows): one row per response, one column per item id of the questionnaire.

    Values: 1–5 or ``NA`` for a statement, the option id for a single choice, the option ids
    joined by ``,`` for a multiple choice, empty when skipped. Items of the file that are
    disabled keep their column (a past response may have answered them).
    """
    item_ids = [item.id for item in questionnaire.all_items]
    columns = [*EXPORT_COLUMNS, *item_ids]
    rows: list[dict[str, object]] = []
    for number, response in enumerate(responses, start=1):
        row: dict[str, object] = {
            "numero": number,
            "date_heure": response.hour.replace("T", " ") + "h" if response.hour else "",
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
    return columns, rows
