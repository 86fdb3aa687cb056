"""``results_ratio``: computing every questionnaire result for 5,000 responses ÷ for 50.

A large secondary school gets a few thousand responses a year; the staff screen, the export
and the report compute every figure each time, so the cost must grow much less than the
number of responses (target ≤ 20 for 100 times more responses). The responses are built in
memory from a seeded generator (reading the file is the store's figure, not this one). The
figures include every breakdown: responses, rate and means per category (with families set
for each category), the subtraction-safe suppression and the "à discuter" ranking.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from kiosk.bench.runner import _interleaved, figure
from kiosk.demo.questionnaire import demo_documents
from kiosk.questionnaire.loading import load
from kiosk.questionnaire.priorities import rank
from kiosk.questionnaire.responses import Response, response_from
from kiosk.questionnaire.results import compute

#: Families per category, as a school would set them.
FAMILIES = {"P_ROLE": {"parent": 900, "elected": 40, "other": 60},
            "P_LEVEL": {"maternelle": 300, "elementaire": 400, "college": 300, "lycee": 200}}


def _responses(count: int) -> list[Response]:
    questionnaire = load()
    docs = demo_documents(questionnaire, count, 17, dt.date(2026, 11, 23))
    return [r for r in map(response_from, docs) if r is not None]


@figure("results_ratio", 20)
def results_ratio(quick: bool) -> float:
    """All results over 5,000 responses ÷ over 50 (median of alternated runs)."""
    questionnaire = load()
    large = _responses(5000)
    small = _responses(50)

    def timed(responses: list[Response]) -> Callable[[], float]:
        def once() -> float:
            start = time.perf_counter()
            rank(compute(questionnaire, responses, families=1200, min_group=5, year="2026-2027",
                         category_families=FAMILIES))
            return time.perf_counter() - start

        return once

    timed(large)()
    timed(small)()
    return _interleaved(timed(large), timed(small), 7 if quick else 31)
