"""Trends over every school year with responses, not only the previous one.

The head teacher's guide asks to compare year after year and to present the progress at
every school council. :func:`year_results` computes each year's results the same way as this
year's (figures released in whole batches, the suppression rule applied *per year*: a year
with fewer than ``min_group_size`` responses to a figure gives no value for it); :func:`trends`
sets, per measure (each domain, each statement, the Part 2 indicators and the use of the
school's digital space — :func:`kiosk.questionnaire.measures.measures`), the values of every
year side by side. :func:`trend_table` is the export's table (``kiosk export trends``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.questionnaire.content import Questionnaire
from kiosk.questionnaire.figures import decimal
from kiosk.questionnaire.measures import Measure, measures, value_of
from kiosk.questionnaire.responses import Response
from kiosk.questionnaire.results import Results, ResultsReader
from kiosk.questionnaire.suppression import NOT_ENOUGH


@dataclass(frozen=True)
class Point:
    """One school year's value of a measure (None: withheld, or not asked that year)."""

    year: str
    value: float | None
    responses: int


@dataclass(frozen=True)
class Trend:
    """A measure over the school years, oldest first."""

    measure: Measure
    points: tuple[Point, ...]

    @property
    def shown(self) -> list[Point]:
        return [p for p in self.points if p.value is not None]


def year_responses(reader: ResultsReader, year: str | None = None
                   ) -> list[tuple[str, list[Response]]]:
    """The responses of `year` (the current one by default) and of every earlier year with
    responses, oldest first: each year's file read once."""
    chosen = year or reader.responses.year
    found = []
    for each in [*reversed(reader.responses.earlier_years(chosen)), chosen]:
        responses = reader.responses.responses(each)
        if responses or each == chosen:
            found.append((each, responses))
    return found


def year_results(reader: ResultsReader, year: str | None = None) -> list[Results]:
    """The results of `year` (the current one by default) and of every earlier year with
    responses, oldest first."""
    return [reader.results_of(responses, each) for each, responses in
            year_responses(reader, year)]


def trends(questionnaire: Questionnaire, years: Sequence[Results]) -> list[Trend]:
    """Every trend measure over `years` (oldest first)."""
    return [Trend(m, tuple(Point(r.year, value_of(r, m.key), r.total) for r in years))
            for m in measures(questionnaire, trends_only=True)]


def trend_table(trend_list: Sequence[Trend]) -> tuple[list[str], list[list[str]]]:
    """The export's table: one row per measure, one column per school year.

    Means with one decimal (1 to 5), shares in % without decimals; a withheld figure is
    "pas encore assez de réponses" (too few responses that year)."""
    years = [p.year for p in trend_list[0].points] if trend_list else []
    columns = ["indicateur", "libellé", "échelle", *years]
    rows = []
    for trend in trend_list:
        m = trend.measure
        cells = [m.key, m.label, "%" if m.is_share else "moyenne de 1 à 5"]
        for point in trend.points:
            if point.value is None:
                cells.append(NOT_ENOUGH)
            elif m.is_share:
                cells.append(str(round(point.value * 100)))
            else:
                cells.append(decimal(point.value))
        rows.append(cells)
    if trend_list:
        counts = [str(p.responses) for p in trend_list[0].points]
        rows.append(["réponses", "Nombre de réponses", "", *counts])
    return columns, rows
