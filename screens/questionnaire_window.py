"""What a parent is told outside the questionnaire's dates (``[questionnaire] opens`` and
``closes``): on the Home tile and on the questionnaire's first screen. Kept apart from
:mod:`screens.questionnaire` so that Home does not import the questionnaire's screens."""

from __future__ import annotations

from kiosk.core.i18n import N_
from kiosk.questionnaire.dates import WindowState
from screens.base import KioskScreen

OPENS_ON = N_("Le questionnaire ouvre le {date}.")
CLOSED = N_("Le questionnaire est fermé.")


def closed_text(screen: KioskScreen) -> str | None:
    """What a parent is told when the questionnaire takes no answers today (None: open)."""
    window = screen.context.responses.window
    state = window.state(screen.context.today())
    if state is WindowState.OPEN:
        return None
    if state is WindowState.NOT_YET and window.opens is not None:
        return screen.tr(OPENS_ON).format(date=screen.tr.date(window.opens, "long"))
    return screen.tr(CLOSED)
