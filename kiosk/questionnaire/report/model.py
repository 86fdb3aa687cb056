"""What the report shows besides one year's results: the goals, the trends, the channels."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.questionnaire.goals import GoalStanding, priority_goals
from kiosk.questionnaire.priorities import Goal
from kiosk.questionnaire.trends import Trend


@dataclass(frozen=True)
class ReportExtras:
    """The school's goals beside this year's figures, the trends over the years (oldest year
    first) and how many responses came by the kiosk and on paper (French text)."""

    goals: tuple[GoalStanding, ...] = ()
    trends: tuple[Trend, ...] = ()
    channels: str = ""
    #: The year's workshop attendance in plain French, one line each (given by the caller:
    #: the booking feature's figures; empty when there are none to show).
    workshops: tuple[str, ...] = ()

    @property
    def priority_goals(self) -> dict[str, Goal]:
        """The goals by statement or indicator id, for the "à discuter" list."""
        return priority_goals([s.goal for s in self.goals])
