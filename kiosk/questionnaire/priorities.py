"""Priorities: the statements and family indicators ranked from weakest to strongest.

The head teacher's guide asks to bring out priorities from the most significant answers and to
set goals. :func:`rank` puts every figure shown (never a withheld one) on one 0–1 *strength*
scale — a statement's mean from 1 to 5 as (mean − 1) / 4; a family indicator, which counts a
difficulty (no internet, not at ease…), as 1 − its share — and sorts the weakest first. The
report and the staff results screen show the first few as the "à discuter" list.

Goals come later: a goal is a target on the figure's own scale (a mean for a statement, a
share for an indicator), given by id in `goals`. Without one (the default, :data:`NO_GOALS`)
the gap is None and the outputs say "pas d'objectif fixé".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.questionnaire.figures import decimal, percent
from kiosk.questionnaire.results import Results

#: How many priorities the "à discuter" list shows.
TO_DISCUSS = 5


@dataclass(frozen=True)
class Goal:
    """The school's goal on one figure (a hook: goals are recorded elsewhere, later)."""

    target: float
    #: None: the usual direction (a statement's mean up, an indicator's share down).
    higher_is_better: bool | None = None


NO_GOALS: Mapping[str, Goal] = {}


@dataclass(frozen=True)
class Priority:
    """One figure in the ranking."""

    kind: str  # "statement" or "indicator"
    id: str
    label: str
    value: float
    #: 0 (weakest) to 1 (strongest).
    strength: float
    goal: Goal | None = None

    @property
    def shown(self) -> str:
        return (f"moyenne {decimal(self.value)} sur 5" if self.kind == "statement"
                else percent(self.value))

    @property
    def gap(self) -> float | None:
        """How far the figure still is from the goal (≤ 0: reached); None without a goal."""
        if self.goal is None:
            return None
        higher = self.goal.higher_is_better
        if higher is None:
            higher = self.kind == "statement"
        return self.goal.target - self.value if higher else self.value - self.goal.target

    @property
    def gap_text(self) -> str:
        gap = self.gap
        if gap is None or self.goal is None:
            return "pas d'objectif fixé"
        target = (decimal(self.goal.target) if self.kind == "statement"
                  else percent(self.goal.target))
        if gap <= 0:
            return f"objectif {target} atteint"
        still = decimal(gap) if self.kind == "statement" else f"{round(gap * 100)} points"
        return f"objectif {target} : encore {still}"

    @property
    def title(self) -> str:
        return f"{self.id}. {self.label}" if self.kind == "statement" else self.label

    def line(self) -> str:
        return f"{self.title} — {self.shown} ({self.gap_text})"


def rank(results: Results, goals: Mapping[str, Goal] = NO_GOALS) -> list[Priority]:
    """Every statement and indicator shown, weakest first (ties: in the questionnaire order)."""
    found: list[Priority] = []
    for statement in results.statements:
        mean = statement.mean
        if statement.withheld or mean is None:
            continue
        found.append(Priority("statement", statement.id, statement.text, mean,
                              (mean - 1) / 4, goals.get(statement.id)))
    for indicator in results.indicators:
        share = indicator.share
        if indicator.withheld or share is None:
            continue
        found.append(Priority("indicator", indicator.id, indicator.label, share, 1 - share,
                              goals.get(indicator.id)))
    order = {p.id: i for i, p in enumerate(found)}
    return sorted(found, key=lambda p: (p.strength, order[p.id]))


def to_discuss(results: Results, goals: Mapping[str, Goal] = NO_GOALS,
               count: int = TO_DISCUSS) -> list[Priority]:
    """The short "à discuter" list: the weakest figures."""
    return rank(results, goals)[:count]
