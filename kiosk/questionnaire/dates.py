"""When the questionnaire takes answers: ``[questionnaire] opens`` and ``closes``.

:class:`AnswerWindow` says, for a day, whether the questionnaire is open, not open yet (and
from when) or closed; :class:`~kiosk.questionnaire.responses.ResponseBook` refuses an answer
outside it with :class:`QuestionnaireClosed`, whatever screen or command sent it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class WindowState(enum.Enum):
    """Where a day stands against the opening and closing dates."""

    OPEN = "open"
    NOT_YET = "not_yet"
    CLOSED = "closed"


class QuestionnaireClosed(Exception):
    """An answer sent outside the questionnaire's dates (refused, nothing stored)."""

    def __init__(self, state: WindowState, opens: dt.date | None) -> None:
        self.state = state
        self.opens = opens
        if state is WindowState.NOT_YET and opens is not None:
            text = f"le questionnaire ouvre le {opens.isoformat()}"
        else:
            text = "le questionnaire est fermé"
        super().__init__(text)


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class AnswerWindow:
    """The first and last days answers are taken (None: no limit on that side)."""

    opens: dt.date | None = None
    closes: dt.date | None = None

    @classmethod
    def from_settings(cls, opens: str, closes: str) -> AnswerWindow:
        """From the validated ``[questionnaire]`` texts ("" for no limit)."""
        return cls(_day(opens), _day(closes))

    def state(self, today: dt.date) -> WindowState:
        if self.opens is not None and today < self.opens:
            return WindowState.NOT_YET
        if self.closes is not None and today > self.closes:
            return WindowState.CLOSED
        return WindowState.OPEN

    def is_open(self, today: dt.date) -> bool:
        return self.state(today) is WindowState.OPEN

    def check(self, today: dt.date, *, late_paper: bool = False) -> None:
        """Raise :class:`QuestionnaireClosed` when answers are not taken on `today`.

        `late_paper`: a paper sheet typed in after the closing day was filled in before it
        (staff collect the sheets, then type them): only "not open yet" refuses it.
        """
        state = self.state(today)
        if state is WindowState.OPEN or (late_paper and state is WindowState.CLOSED):
            return
        raise QuestionnaireClosed(state, self.opens)
