"""Demo seeding of the questionnaire: plausible anonymous responses for the demo school."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from kiosk.core.config import school_year_of
from kiosk.questionnaire.content import NOT_APPLICABLE, Answer, Questionnaire

if TYPE_CHECKING:
    from kiosk.services import Services

DEMO_RESPONSES = 64
DEMO_PREVIOUS_YEAR_RESPONSES = 41


def demo_documents(
    questionnaire: Questionnaire, count: int, seed: int, day: dt.date, *, mood: float = 0.0
) -> list[dict[str, Any]]:
    """`count` plausible anonymous responses from a seeded random generator."""
    rng = random.Random(seed)
    languages = ["fr"] * 10 + ["ar"] * 4 + ["tr"] * 2 + ["ro", "pt", "zh", "uk", "es"]
    docs: list[dict[str, Any]] = []
    for index in range(count):
        answers: dict[str, Answer] = {}
        for item in questionnaire.items:
            if rng.random() < 0.08:
                continue  # skipped
            if item.is_scale:
                if rng.random() < 0.12:
                    answers[item.id] = NOT_APPLICABLE
                else:
                    base = 3.2 + mood + (0.6 if item.domain in "AH" else 0.0)
                    answers[item.id] = max(1, min(5, round(rng.gauss(base, 1.1))))
            elif item.kind == "single":
                count_options = len(item.options)
                weights = [
                    (count_options - i) ** 2 if item.breakdown else 1.0 + i * (1 + mood + 1)
                    for i in range(count_options)
                ]
                answers[item.id] = rng.choices([o.id for o in item.options], weights)[0]
            else:
                picked = [o.id for o in item.options if not o.exclusive and rng.random() < 0.45]
                exclusive = [o.id for o in item.options if o.exclusive]
                if not picked:
                    picked = exclusive[:1] or [item.options[0].id]
                answers[item.id] = picked
        hour = dt.datetime.combine(day - dt.timedelta(days=index % 20), dt.time(8 + index % 9))
        docs.append(
            {
                "answers": questionnaire.clean(answers),
                "language": rng.choice(languages),
                "hour": hour.strftime("%Y-%m-%dT%H"),
                "version": questionnaire.version,
            }
        )
    return docs


def seed_demo(services: Services, today: dt.date) -> None:
    """Demo responses for this school year and the previous one (idempotent)."""
    questionnaire = services.questionnaire
    book = services.responses
    if book.count() == 0:
        book.add_many(demo_documents(questionnaire, DEMO_RESPONSES, 5, today))
    last_year_day = today - dt.timedelta(days=365)
    previous = school_year_of(last_year_day)
    if previous != services.store.year and book.count(previous) == 0:
        book.add_many(
            demo_documents(questionnaire, DEMO_PREVIOUS_YEAR_RESPONSES, 4, last_year_day,
                           mood=-0.4),
            year=previous,
        )
