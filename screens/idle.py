""""Are you still there?": the overlay shown when nobody has touched the kiosk for a while.

A big "Yes" button (or any key, or a touch anywhere) keeps the parent's session; when the
countdown reaches zero it tells the app (:class:`~screens.messages.IdleExpired`), which
forgets everything.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Button

from screens.base import KioskModal
from screens.context import ScreenContext
from screens.messages import IdleExpired, StillHere, tell
from screens.widgets import BigButton, Paragraph


class IdleOverlay(KioskModal):
    """The question, the seconds left, and "Yes"."""

    def __init__(self, context: ScreenContext, seconds: int) -> None:
        super().__init__(context)
        self.seconds_left = max(1, int(seconds))
        self._tick: Timer | None = None
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-box"):
            yield Paragraph(self.tr("Êtes-vous encore là ?"), classes="dialog-title",
                            id="idle-question")
            yield Paragraph(self._countdown_text(), id="idle-countdown")
            yield BigButton(self.tr("Oui, je suis là"), key="1", pictogram="", id="idle-yes",
                            variant="primary")

    def _countdown_text(self) -> str:
        tr = self.tr
        return tr.ngettext(
            "Sans réponse, l'écran s'efface dans {seconds} seconde.",
            "Sans réponse, l'écran s'efface dans {seconds} secondes.",
            self.seconds_left,
        ).format(seconds=tr.number(self.seconds_left))

    def on_mount(self) -> None:
        self.query_one("#idle-yes", BigButton).focus()
        self._tick = self.set_interval(1.0, self._count_down, name="idle-countdown")

    def _count_down(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            if self._tick is not None:
                self._tick.stop()
            # The app does the reset (this screen is popped by it).
            tell(self, IdleExpired())
            return
        self.query_one("#idle-countdown", Paragraph).update(self._countdown_text())

    def still_here(self) -> None:
        if not self._answered and self.seconds_left > 0:
            self._answered = True
            if self._tick is not None:
                self._tick.stop()
            tell(self, StillHere())
            self.dismiss(None)

    @on(Button.Pressed, "#idle-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.still_here()

    def on_key(self, event: events.Key) -> None:
        """Any key means "yes, I am here" (and does nothing else)."""
        event.stop()
        event.prevent_default()
        self.still_here()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        tell(self, StillHere())

    def on_click(self, event: events.Click) -> None:
        """A touch anywhere, even outside the box, means "yes"."""
        event.stop()
        self.still_here()

    def action_dismiss_modal(self) -> None:
        self.still_here()
