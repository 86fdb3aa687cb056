"""The school's goals (SMART) on the figures the kiosk measures, and where the school stands.

The head teacher's guide asks the school to set precise, measurable goals with a date — its
example: "faire évoluer le pourcentage de parents connectés à l'ENT de 30 % à 60 %". A
:class:`SchoolGoal` is a measure (:mod:`kiosk.questionnaire.measures`), a starting value, a
target and a due date; staff record goals on the staff screen or with
``kiosk questionnaire goals``. They outlive school years (a goal for June 2028 is followed
over several years), so they live in the lasting ``kiosk/goals.json`` file; each stored goal
is checked when read (:mod:`kiosk.core.record_checks`).

:func:`parse_goal` turns what staff typed into a goal or raises :class:`GoalRefused` with a
French sentence saying what to change. :func:`standing` says where the school stands: the
current value (None while withheld for anonymity), the gap to the target and whether the
school is on track — at least as far along, in the goal's direction, as a steady progress
from the start (the day the goal was set) to the due date would be today.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.core.store import Store
from kiosk.questionnaire.content import Questionnaire
from kiosk.questionnaire.measures import Measure, find, value_of
from kiosk.questionnaire.priorities import Goal
from kiosk.questionnaire.results import Results

FILE_KIND = "goals"
TABLE = "goals"
#: At most this many goals (a school sets a few; a bad import must not grow the file).
MAX_GOALS = 50


class GoalRefused(ValueError):
    """What staff typed is not a goal; the text says why, in French."""


@dataclass(frozen=True)
class SchoolGoal:
    """A goal: move a measure from `start` to `target` by `due` (set on `since`)."""

    id: str
    measure: str
    start: float
    target: float
    due: dt.date
    since: dt.date

    @property
    def higher_is_better(self) -> bool:
        return self.target >= self.start

    def document(self) -> dict[str, Any]:
        return {"id": self.id, "measure": self.measure, "start": self.start,
                "target": self.target, "due": self.due.isoformat(),
                "since": self.since.isoformat()}


def goal_from(doc: Mapping[str, Any]) -> SchoolGoal:
    """A stored goal (raises on a document of the wrong shape: the record check)."""
    start, target = doc["start"], doc["target"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (start, target)):
        raise TypeError("start and target must be numbers")
    return SchoolGoal(id=str(doc["id"]), measure=str(doc["measure"]), start=float(start),
                      target=float(target), due=dt.date.fromisoformat(str(doc["due"])),
                      since=dt.date.fromisoformat(str(doc["since"])))


# --- what staff type ---------------------------------------------------------------------------

_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(%?)\s*$")
_MONTH = re.compile(r"^\s*(\d{1,2})/(\d{4})\s*$")
_DAY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def parse_value(text: str, measure: Measure, what: str) -> float:
    """A value on the measure's scale: a share in % ("30", "30 %"), a mean from 1 to 5."""
    found = _NUMBER.match(text or "")
    if found is None:
        example = "30 ou 30 %" if measure.is_share else "3,5"
        raise GoalRefused(f"{what} « {text} » n'est pas un nombre (par exemple {example}).")
    value = float(found.group(1).replace(",", "."))
    if measure.is_share:
        if not 0 <= value <= 100:
            raise GoalRefused(f"{what} « {text} » : un pourcentage va de 0 à 100.")
        return round(value / 100, 4)
    if found.group(2) or not 1 <= value <= 5:
        raise GoalRefused(f"{what} « {text} » : une moyenne va de 1 à 5.")
    return value


def parse_due(text: str) -> dt.date:
    """A due date: 2028-06-30, 30/06/2028 or 06/2028 (the month's last day)."""
    text = (text or "").strip()
    try:
        if (month := _MONTH.match(text)) is not None:
            first = dt.date(int(month.group(2)), int(month.group(1)), 1)
            return (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        if (day := _DAY.match(text)) is not None:
            return dt.date(int(day.group(3)), int(day.group(2)), int(day.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise GoalRefused(f"Échéance « {text} » : une date comme 30/06/2028, 06/2028 ou "
                          "2028-06-30.") from None


def parse_goal(questionnaire: Questionnaire, *, measure: str, start: str, target: str,
               due: str, today: dt.date, goal_id: str = "") -> SchoolGoal:
    """A goal from what staff typed, or :class:`GoalRefused` saying what to change."""
    found = find(questionnaire, measure)
    if found is None:
        raise GoalRefused(f"Indicateur « {measure} » inconnu : choisissez-en un dans la liste "
                          "(kiosk questionnaire goals measures).")
    start_value = parse_value(start, found, "Valeur de départ")
    target_value = parse_value(target, found, "Cible")
    if start_value == target_value:
        raise GoalRefused("La cible est égale à la valeur de départ : un objectif fait bouger "
                          "un chiffre.")
    due_day = parse_due(due)
    if due_day <= today:
        raise GoalRefused(f"Échéance {due_day.strftime('%d/%m/%Y')} : elle doit être après "
                          "aujourd'hui.")
    return SchoolGoal(goal_id or uuid.uuid4().hex[:8], found.key, start_value, target_value,
                      due_day, today)


# --- where the school stands -------------------------------------------------------------------


@dataclass(frozen=True)
class GoalStanding:
    """A goal beside this year's figure."""

    goal: SchoolGoal
    measure: Measure
    current: float | None
    today: dt.date

    @property
    def expected(self) -> float:
        """Where a steady progress from the start would be today."""
        goal = self.goal
        total = (goal.due - goal.since).days
        done = min(max((self.today - goal.since).days, 0), total) if total > 0 else 1
        share = done / total if total > 0 else 1.0
        return goal.start + (goal.target - goal.start) * share

    @property
    def gap(self) -> float | None:
        """How far the current value still is from the target (≤ 0: reached)."""
        if self.current is None:
            return None
        goal = self.goal
        return (goal.target - self.current if goal.higher_is_better
                else self.current - goal.target)

    @property
    def on_track(self) -> bool | None:
        if self.current is None:
            return None
        if self.goal.higher_is_better:
            return self.current >= self.expected - 1e-9
        return self.current <= self.expected + 1e-9

    @property
    def title(self) -> str:
        goal, m = self.goal, self.measure
        return (f"{m.label} : de {m.shown(goal.start)} à {m.shown(goal.target)} "
                f"d'ici le {goal.due.strftime('%d/%m/%Y')}")

    @property
    def status(self) -> str:
        """Where the school stands, in one French phrase."""
        from kiosk.questionnaire.suppression import NOT_ENOUGH

        gap = self.gap
        if gap is None:
            return f"cette année : {NOT_ENOUGH}"
        now = f"cette année : {self.measure.shown(self.current)}"
        if gap <= 0:
            return f"{now} — objectif atteint"
        track = "en bonne voie" if self.on_track else "en retard sur le rythme prévu"
        return f"{now} — encore {self.measure.gap_text(gap)} — {track}"

    def line(self) -> str:
        return f"{self.title} — {self.status}"


def standing(goals: Sequence[SchoolGoal], questionnaire: Questionnaire, results: Results,
             today: dt.date) -> list[GoalStanding]:
    """Each goal beside this year's figure (goals on a measure no longer asked are left out)."""
    found = []
    for goal in goals:
        measure = find(questionnaire, goal.measure)
        if measure is not None:
            found.append(GoalStanding(goal, measure, value_of(results, goal.measure), today))
    return found


def priority_goals(goals: Sequence[SchoolGoal]) -> dict[str, Goal]:
    """The goals as the "à discuter" list takes them: by statement or indicator id."""
    hooked: dict[str, Goal] = {}
    for goal in goals:
        kind, _, ident = goal.measure.partition(":")
        if kind in ("statement", "indicator"):
            hooked[ident] = Goal(goal.target, goal.higher_is_better)
    return hooked


# --- the stored goals --------------------------------------------------------------------------


class GoalBook:
    """The school's goals, in the lasting ``goals.json`` file (repository)."""

    def __init__(self, store: Store, today: Callable[[], dt.date]) -> None:
        self._store = store
        self._today = today
        store.check_records(FILE_KIND, {TABLE: goal_from})  # reading a record checks it

    def _file(self) -> Any:
        return self._store.lasting_file(FILE_KIND)

    def all(self) -> list[SchoolGoal]:
        """Every readable goal, soonest due first."""
        goals = [goal_from(doc) for doc in self._file().table(TABLE).all()]
        return sorted(goals, key=lambda g: (g.due, g.id))

    def add(self, goal: SchoolGoal) -> SchoolGoal:
        with self._file().transaction() as db:
            table = db.table(TABLE)
            if len(table) >= MAX_GOALS:
                raise GoalRefused(f"Déjà {MAX_GOALS} objectifs : retirez-en un d'abord.")
            table.insert(goal.document())
        return goal

    def change(self, goal: SchoolGoal) -> bool:
        """Replace the goal with the same id (keeping the day it was first set)."""
        with self._file().transaction() as db:
            table = db.table(TABLE)
            old = table.search(lambda r: r.get("id") == goal.id)
            if not old:
                return False
            doc = {**goal.document(), "since": old[0].get("since", goal.since.isoformat())}
            table.update(doc, lambda r: r.get("id") == goal.id)
        return True

    def remove(self, goal_id: str) -> bool:
        with self._file().transaction() as db:
            return bool(db.table(TABLE).remove(lambda r: r.get("id") == goal_id))
