"""``report_ratio``: writing the full report for the school council for 5,000 responses and 5
past school years ÷ for 50 responses and no past year.

"Full" is what the staff's button and ``kiosk report`` do after reading the responses
(:func:`kiosk.questionnaire.council.council_report_of`, then
:func:`kiosk.questionnaire.report.write_report`): compute each year's results (the trends reach
back over every year, suppression per year), set the goals beside them, draw every chart and
write both versions of the report and the SVG files to disk. As for ``results_ratio``, the
responses are read once before the timing (from real TinyDB files in a temporary data folder,
filled from a seeded generator): reading them grows with their number whatever the report does,
and is the store's figure, not this one. Target ≤ 20.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.bench.results import FAMILIES
from kiosk.bench.runner import _interleaved, figure
from kiosk.core.store import Store
from kiosk.demo.questionnaire import demo_documents
from kiosk.questionnaire.content import Questionnaire
from kiosk.questionnaire.council import council_report_of
from kiosk.questionnaire.goals import SchoolGoal
from kiosk.questionnaire.loading import load
from kiosk.questionnaire.measures import SCHOOL_SPACE
from kiosk.questionnaire.report import write_report
from kiosk.questionnaire.responses import ResponseBook
from kiosk.questionnaire.results import ResultsReader
from kiosk.questionnaire.trends import year_responses

YEAR = "2026-2027"
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Europe/Paris"))
GOALS = [SchoolGoal("g1", SCHOOL_SPACE, 0.3, 0.6, dt.date(2028, 6, 30), dt.date(2025, 9, 1)),
         SchoolGoal("g2", "statement:A1", 2.5, 3.5, dt.date(2027, 6, 30), dt.date(2025, 9, 1)),
         SchoolGoal("g3", "indicator:no_internet", 0.2, 0.1, dt.date(2027, 6, 30),
                    dt.date(2025, 9, 1))]


def _reader(root: Path, questionnaire: Questionnaire, count: int, past_years: int
            ) -> ResultsReader:
    """A data folder with `count` responses this year and in each of `past_years` before."""
    store = Store(root, YEAR)
    book = ResponseBook(store, lambda: NOW)
    book.add_many(demo_documents(questionnaire, count, 17, NOW.date()))
    for back in range(1, past_years + 1):
        year = f"{2026 - back}-{2027 - back}"
        book.add_many(demo_documents(questionnaire, count, 17 + back,
                                     dt.date(2026 - back, 11, 23), mood=-0.1 * back), year=year)
    return ResultsReader(questionnaire, book, families=1200, min_group=5,
                         category_families=FAMILIES)


def _timed(reader: ResultsReader, out: Path) -> Callable[[], float]:
    read = year_responses(reader)

    def once() -> float:
        start = time.perf_counter()
        results, extras = council_report_of(reader, read, GOALS, NOW.date())
        write_report(results, out, school="Collège des Tilleuls", generated=NOW, extras=extras)
        return time.perf_counter() - start

    return once


@figure("report_ratio", 20)
def report_ratio(quick: bool) -> float:
    """The full report, large (5,000 responses, 5 past years) ÷ small (50, none)."""
    questionnaire = load()
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-report-"))
    try:
        large = _timed(_reader(work / "large", questionnaire, 5000, 5), work / "out-large")
        small = _timed(_reader(work / "small", questionnaire, 50, 0), work / "out-small")
        large()
        small()
        return _interleaved(large, small, 3 if quick else 9)
    finally:
        shutil.rmtree(work, ignore_errors=True)
