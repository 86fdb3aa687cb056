"""The school's goals (SMART): what staff type, how they are kept, where the school stands,
and the "à discuter" list's gap to each goal; ``kiosk questionnaire goals``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from kiosk.questionnaire.goals import (
    GoalRefused,
    GoalStanding,
    SchoolGoal,
    parse_goal,
    priority_goals,
    standing,
)
from kiosk.questionnaire.loading import load
from kiosk.questionnaire.measures import SCHOOL_SPACE, find, measures, value_of
from kiosk.questionnaire.priorities import to_discuss
from kiosk.questionnaire.responses import response_from
from kiosk.questionnaire.results import compute
from kiosk.questionnaire.suppression import NOT_ENOUGH
from kiosk.services import Services
from tests.domain.test_results import run_cli

Q = load()
TODAY = dt.date(2026, 11, 23)


def _docs(count: int, *, app: str = "often", a1: int = 2) -> list[dict[str, Any]]:
    return [{"answers": {"A1": a1, "A2": 4, "D_SCHOOL_APP": app if i % 2 else "never",
                         "D_INTERNET": "box"},
             "language": "fr", "hour": "2026-11-16T09", "version": 1} for i in range(count)]


def _results(count: int, **kw: Any) -> Any:
    found = [r for r in map(response_from, _docs(count, **kw)) if r is not None]
    return compute(Q, found, min_group=5, year="2026-2027")


def test_a_goal_is_read_from_what_staff_type() -> None:
    goal = parse_goal(Q, measure=SCHOOL_SPACE, start="30 %", target="60",
                      due="06/2028", today=TODAY)
    assert (goal.start, goal.target, goal.due, goal.since) == (
        0.3, 0.6, dt.date(2028, 6, 30), TODAY)
    mean = parse_goal(Q, measure="A1", start="2,5", target="3.5", due="30/06/2027",
                      today=TODAY)
    assert mean.measure == "statement:A1" and (mean.start, mean.target) == (2.5, 3.5)
    assert parse_goal(Q, measure="A", start="3", target="4", due="2027-06-30",
                      today=TODAY).measure == "domain:A"
    assert find(Q, "no_internet") is not None and find(Q, "indicator:no_internet") is not None


@pytest.mark.parametrize(("measure", "start", "target", "due", "said"), [
    ("Z9", "3", "4", "06/2028", "Indicateur « Z9 » inconnu"),
    ("A1", "trois", "4", "06/2028", "« trois » n'est pas un nombre"),
    ("A1", "7", "4", "06/2028", "une moyenne va de 1 à 5"),
    ("A1", "3 %", "4", "06/2028", "une moyenne va de 1 à 5"),
    (SCHOOL_SPACE, "30", "160", "06/2028", "un pourcentage va de 0 à 100"),
    ("A1", "3", "3", "06/2028", "égale à la valeur de départ"),
    ("A1", "3", "4", "demain", "Échéance « demain »"),
    ("A1", "3", "4", "31/02/2028", "Échéance « 31/02/2028 »"),
    ("A1", "3", "4", "01/2020", "doit être après aujourd'hui"),
])
def test_a_bad_goal_is_refused_with_a_french_sentence(measure: str, start: str, target: str,
                                                      due: str, said: str) -> None:
    with pytest.raises(GoalRefused) as refused:
        parse_goal(Q, measure=measure, start=start, target=target, due=due, today=TODAY)
    assert said in str(refused.value)


def test_measures_cover_statements_domains_indicators_and_the_school_space() -> None:
    keys = {m.key for m in measures(Q, trends_only=True)}
    assert {"statement:A1", "domain:A", "indicator:no_internet", "indicator:no_computer",
            "indicator:not_at_ease", SCHOOL_SPACE} <= keys
    results = _results(10)
    assert value_of(results, SCHOOL_SPACE) == pytest.approx(0.5)
    assert value_of(results, "statement:A1") == pytest.approx(2.0)
    # Too few responses: no value, whatever the measure.
    few = _results(4)
    assert all(value_of(few, key) is None for key in keys)


def _goal(start: float, target: float, since: dt.date, due: dt.date,
          measure: str = SCHOOL_SPACE) -> SchoolGoal:
    return SchoolGoal("g1", measure, start, target, due, since)


def test_where_the_school_stands_against_a_goal() -> None:
    results = _results(10)  # half of the parents use the school's space
    since, due = dt.date(2025, 9, 1), dt.date(2027, 9, 1)
    # Halfway through, from 30 % to 60 %: 45 % expected, 50 % reached → on track.
    on_track = standing([_goal(0.3, 0.6, since, due)], Q, results, dt.date(2026, 9, 1))[0]
    assert on_track.on_track is True and on_track.gap == pytest.approx(0.1)
    assert "cette année : 50 %" in on_track.status and "encore 10 points" in on_track.status
    assert "en bonne voie" in on_track.status
    # From 30 % to 90 %: 60 % expected halfway → late.
    late = standing([_goal(0.3, 0.9, since, due)], Q, results, dt.date(2026, 9, 1))[0]
    assert late.on_track is False and "en retard" in late.status
    reached = standing([_goal(0.3, 0.45, since, due)], Q, results, dt.date(2026, 9, 1))[0]
    assert reached.gap is not None and reached.gap < 0 and "objectif atteint" in reached.status
    # A share to bring down: families without internet, from 20 % to 10 %: 0 % now.
    down = _goal(0.2, 0.1, since, due, "indicator:no_internet")
    assert standing([down], Q, results, dt.date(2026, 9, 1))[0].gap == pytest.approx(-0.1)


def test_a_goal_never_shows_a_figure_about_too_few_responses() -> None:
    found: GoalStanding = standing([_goal(0.3, 0.6, dt.date(2025, 9, 1), dt.date(2027, 9, 1))],
                                   Q, _results(4), TODAY)[0]
    assert found.current is None and found.gap is None and found.on_track is None
    assert NOT_ENOUGH in found.status and "%" not in found.status.split(":")[-1]


def test_the_list_to_discuss_gives_the_gap_to_the_goal() -> None:
    results = _results(10)
    goal = _goal(2.0, 3.5, TODAY, dt.date(2028, 6, 30), "statement:A1")
    a1 = next(p for p in to_discuss(results, priority_goals([goal]), count=50) if p.id == "A1")
    assert a1.gap_text == "objectif 3,5 : encore 1,5"
    other = next(p for p in to_discuss(results, priority_goals([goal]), count=50)
                 if p.id == "A2")
    assert other.gap_text == "pas d'objectif fixé"


def test_goals_are_kept_changed_removed_and_a_bad_record_is_held_back(
    services: Services,
) -> None:
    book = services.goals
    goal = book.add(parse_goal(Q, measure="A1", start="2", target="4", due="06/2028",
                               today=TODAY))
    assert [g.id for g in book.all()] == [goal.id]
    changed = parse_goal(Q, measure="A1", start="2", target="3", due="06/2029",
                         today=dt.date(2027, 1, 5), goal_id=goal.id)
    assert book.change(changed)
    kept = book.all()[0]
    assert kept.target == 3.0 and kept.due == dt.date(2029, 6, 30) and kept.since == TODAY
    # A record a hand edit broke: left out, kept in the file, reported.
    path = services.data_dir / "kiosk" / "goals.json"
    data = json.loads(path.read_text("utf-8"))
    data["goals"]["99"] = {"id": "bad", "measure": "A1", "start": "x", "target": 3,
                           "due": "2028-06-30", "since": "2026-11-23"}
    path.write_text(json.dumps(data), "utf-8")
    assert [g.id for g in services.goals.all()] == [goal.id]
    assert any(r.table == "goals" for r in services.bad_records())
    assert book.remove(goal.id) and not book.remove(goal.id)
    assert book.all() == []


def test_goals_on_the_command_line(services: Services) -> None:
    status, out, _ = run_cli(services, "questionnaire", "goals", "add", "--measure",
                             SCHOOL_SPACE, "--start", "30", "--target", "60", "--due", "06/2028")
    assert status == 0 and "enregistré" in out
    status, out, _ = run_cli(services, "questionnaire", "goals", "add", "--measure", "A1",
                             "--start", "9", "--target", "4", "--due", "06/2028")
    assert status == 1 and "une moyenne va de 1 à 5" in out
    status, out, _ = run_cli(services, "questionnaire", "goals")
    assert status == 0 and "de 30 % à 60 % d'ici le 30/06/2028" in out
    assert NOT_ENOUGH in out  # no response yet: no figure
    goal_id = services.goals.all()[0].id
    status, out, _ = run_cli(services, "questionnaire", "goals", "remove", "--id", goal_id)
    assert status == 0 and services.goals.all() == []
    status, out, _ = run_cli(services, "questionnaire", "goals", "measures")
    assert SCHOOL_SPACE in out and "statement:A1" in out
