"""A text for parents to read, print, or take on the phone: the base of the announcement
screen and of "Ce que vous avez dit" (the questionnaire's results given back to parents).

The text scrolls with the arrow and page keys, the mouse wheel, a touch screen's swipe and
two big ▲ ▼ buttons; "Imprimer" makes the ticket, "Sur mon téléphone" shows its QR code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button

from screens.base import STYLES, Body, KioskScreen
from screens.direction import Row
from screens.messages import ShowTicket, tell
from screens.widgets import BigButton, Notice

if TYPE_CHECKING:
    from kiosk.tickets import Ticket


class ReadingScreen(KioskScreen):
    """A text to read, print, or take on the phone: an announcement, or the results given
    back to parents. Subclasses compose the text and give the ticket and the QR code."""

    CSS_PATH = STYLES / "announcements.tcss"
    SCREEN_NAME = "announcements"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_text(1)", show=False),
        Binding("up", "scroll_text(-1)", show=False),
        Binding("space", "scroll_text(10)", show=False),
        Binding("home", "scroll_to(0)", show=False),
        Binding("end", "scroll_to(1)", show=False),
    ]

    def actions_row(self) -> ComposeResult:
        """Print, on my phone, and the two big scroll buttons."""
        with Row(id="announcement-actions"):
            yield BigButton(self.tr("Imprimer"), key="1", id="announcement-print")
            yield BigButton(self.tr("Sur mon téléphone"), key="2", id="announcement-phone")
            yield BigButton("▲", id="announcement-up", classes="announcement-scroll")
            yield BigButton("▼", id="announcement-down", classes="announcement-scroll")

    def phone_code(self) -> tuple[str, str]:
        """The QR code's payload and the title shown above it (override)."""
        raise NotImplementedError

    def ticket(self) -> Ticket:
        """The printed ticket (override)."""
        raise NotImplementedError

    # -- scrolling -----------------------------------------------------------------------------

    def action_scroll_text(self, lines: int) -> None:
        body = self.query_one("#body", Body)
        body.scroll_relative(y=lines * 3, animate=False)

    def action_scroll_to(self, end: int) -> None:
        body = self.query_one("#body", Body)
        if end:
            body.scroll_end(animate=False)
        else:
            body.scroll_home(animate=False)

    @on(Button.Pressed, ".announcement-scroll")
    def scroll_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        body = self.query_one("#body", Body)
        page = max(body.size.height - 2, 3)
        body.scroll_relative(y=page if event.button.id == "announcement-down" else -page,
                             animate=False)

    # -- printing and the phone ----------------------------------------------------------------

    @on(Button.Pressed, "#announcement-phone")
    def take_on_phone(self, event: Button.Pressed) -> None:
        event.stop()
        from screens.ticket import QRModal

        payload, title = self.phone_code()
        self.show(QRModal(self.context, payload, title))

    @on(Button.Pressed, "#announcement-print")
    def print_it(self, event: Button.Pressed) -> None:
        event.stop()
        try:
            ticket = self.ticket()
        except Exception:  # a ticket that cannot be composed must not take the kiosk down
            import logging

            logging.getLogger(__name__).exception("announcement ticket")
            self.query_one("#announcement-notice", Notice).show(
                self.tr("Le ticket ne peut pas être imprimé. Demandez à l'accueil de l'école, "
                        "s'il vous plaît.")
            )
            return
        tell(self, ShowTicket(ticket))
