"""The interpreter question: a parent whose language is not French is asked, before a meeting
is booked or a workshop place taken, whether they would like an interpreter (keys 1 Oui /
2 Non). A French session is never asked. The answer goes to the booking or the registration;
staff see it in their lists and arrange one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.core.i18n import N_
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.tickets.parents import INTERPRETER_ASKED
from screens.booking_parts import ConfirmModal
from screens.context import ScreenContext
from screens.direction import ChoiceGrid
from screens.widgets import BigButton, Paragraph

if TYPE_CHECKING:
    from screens.base import KioskScreen

QUESTION = N_("Voulez-vous un interprète ?")
EXPLAINED = N_("Une personne qui parle votre langue peut vous aider à parler avec l'école. "
               "L'école la cherche pour vous.")

__all__ = ["EXPLAINED", "INTERPRETER_ASKED", "QUESTION", "InterpreterModal",
           "ask_interpreter", "asks_interpreter"]


def asks_interpreter(context: ScreenContext) -> bool:
    """Whether the parent is asked (their language is not French)."""
    return context.session.language != SOURCE_LANGUAGE


def ask_interpreter(screen: KioskScreen, state: dict[str, Any],
                    then: Callable[[bool], None]) -> None:
    """Ask `screen`'s parent (once per draft `state`: going back to the form or trying again
    keeps the answer, like what was typed), then call `then` with the answer. A French session
    is never asked (False). Escape in the dialog calls nothing: the form stays as it was."""

    def answered(wanted: object) -> None:
        if wanted is None:
            return
        state["interpreter"] = bool(wanted)
        then(bool(wanted))

    known = state.get("interpreter")
    if known is not None:
        answered(known)
    elif asks_interpreter(screen.context):
        screen.app.push_screen(InterpreterModal(screen.context), answered)
    else:
        answered(False)


class InterpreterModal(ConfirmModal):
    """"Voulez-vous un interprète ?" — Oui (key 1) / Non (key 2), opening on Non as every
    yes / no dialog does; dismissed with True or False, or None when the parent goes back
    (Escape: nothing is chosen, the form stays)."""

    DEFAULT_CSS = """
    InterpreterModal .interpreter-head { column-span: 2; height: auto; }
    """

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context, context.tr(QUESTION))

    def compose(self) -> ComposeResult:
        with ChoiceGrid(id="confirm-dialog", classes="interpreter-dialog"):
            with Vertical(classes="interpreter-head"):
                yield Paragraph(self.question, classes="dialog-title")
                yield Paragraph(self.tr(EXPLAINED))
            yield BigButton(self.tr("Oui"), key="1", id="confirm-yes", variant="success")
            yield BigButton(self.tr("Non"), key="2", id="confirm-no")
