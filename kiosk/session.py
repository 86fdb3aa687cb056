"""The parent's transient session: language and everything chosen or typed so far.

Nothing here is ever written to disk. :meth:`ParentSession.reset` forgets all of it, which is
what happens when a parent leaves (idle reset, or "finished") so the next parent starts from
the welcome screen with nothing of the previous one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.paths import SOURCE_LANGUAGE


@dataclass
class ParentSession:
    """What one parent has chosen and typed at the kiosk, until they leave."""

    language: str = SOURCE_LANGUAGE
    #: When the session started (first language choice), in the school's time zone.
    started: dt.datetime | None = None
    #: Flow-specific work in progress (questionnaire answers, chosen slot…), by flow name.
    drafts: dict[str, Any] = field(default_factory=dict)
    #: The screen names visited, most recent last (for help requests: "came from").
    trail: list[str] = field(default_factory=list)

    def reset(self) -> None:
        """Forget everything about the parent who was here."""
        self.language = SOURCE_LANGUAGE
        self.started = None
        self.drafts.clear()
        self.trail.clear()

    def draft(self, flow: str, factory: Any = dict) -> Any:
        """The work in progress of one flow, created empty on first use."""
        if flow not in self.drafts:
            self.drafts[flow] = factory()
        return self.drafts[flow]

    def drop_draft(self, flow: str) -> None:
        self.drafts.pop(flow, None)

    @property
    def is_empty(self) -> bool:
        return not self.drafts and not self.trail and self.started is None
