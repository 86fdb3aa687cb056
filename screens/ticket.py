"""The end of every parent flow: the ticket on screen, its QR code, and the printing.

:class:`TicketScreen` shows the ticket in the parent's language, prints it in a worker
thread as soon as it appears (never on Textual's event loop), then says kindly what happened:
printed, or "your ticket will be given at the reception" when the printer does not answer.
The QR code stays on screen meanwhile so a phone can take it. :class:`QRModal` shows one
large QR code over any screen ("Take it on your phone").
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button

from kiosk.core.i18n import N_
from kiosk.printing.outcome import PrintOutcome, TicketCopies
from kiosk.printing.qr import fits
from kiosk.tickets import Ticket
from screens.base import STYLES, KioskModal, KioskScreen
from screens.context import ScreenContext
from screens.direction import Row
from screens.messages import ParentFinished, tell
from screens.qr import QRCode
from screens.widgets import BigButton, Notice, Paragraph, Title

#: Cells the ticket's text keeps at least when the QR code sits beside it.
TEXT_MIN_WIDTH = 36
#: The screen body's widest and its padding plus scroll bar (see kiosk.tcss, #body).
BODY_MAX_WIDTH = 150
BODY_MARGINS = 4


class TicketScreen(KioskScreen):
    """The ticket, printed on arrival; "print again" and "I am finished"."""

    CSS_PATH = STYLES / "ticket.tcss"
    SCREEN_NAME = "ticket"
    SHOW_BACK = False
    SHOW_LANGUAGE = False

    def __init__(self, context: ScreenContext, ticket: Ticket) -> None:
        super().__init__(context)
        self.ticket = ticket
        self.outcome: PrintOutcome | None = None
        self.copies = TicketCopies()
        self._status_text = N_("Impression de votre ticket…")

    def compose_body(self) -> ComposeResult:
        ticket = self.ticket
        yield Title(ticket.title, rtl=ticket.rtl, id="title")
        yield Notice(self.tr(self._status_text), id="print-status", classes="ticket-status")
        with Row(id="ticket-actions"):
            yield BigButton(self.tr("Imprimer encore une fois"), key="1",
                            id="ticket-again", disabled=self.outcome is None)
            yield BigButton(self.tr("J'ai fini"), key="2", pictogram="✔", id="ticket-done",
                            variant="success")
        lines = Vertical(
            *(
                Paragraph(line.text, rtl=ticket.rtl if line.rtl is None else line.rtl,
                          classes=f"ticket-line -{line.style}")
                for line in ticket.lines
            ),
            id="ticket-lines",
        )
        parts: list[Widget] = [lines]
        if ticket.qr and fits(ticket.qr):
            code = QRCode(ticket.qr, id="ticket-qr-code")
            column = Vertical(code, id="ticket-qr")
            if ticket.qr_caption:
                column.compose_add_child(
                    Paragraph(ticket.qr_caption, rtl=ticket.rtl, classes="qr-caption")
                )
            column.styles.width = code.modules + 2  # the code's width, caption below
            parts = [lines, column]
        yield Horizontal(*parts, id="ticket-main")

    def on_mount(self) -> None:
        self._place_qr()
        if self.copies.first():
            self.print_ticket(self.ticket, None)

    def on_resize(self) -> None:
        self._place_qr()

    def _place_qr(self) -> None:
        """The text first: the code beside it where there is room (on the left in a
        right-to-left language, whose reading starts on the right), else below it, and not
        at all on a screen narrower than the code."""
        found = self.query("#ticket-qr")
        if not found:
            return
        column = found.first(Vertical)
        main = self.query_one("#ticket-main", Horizontal)
        lines = self.query_one("#ticket-lines", Vertical)
        modules = self.query_one("#ticket-qr-code", QRCode).modules
        room = min(self.app.size.width, BODY_MAX_WIDTH) - BODY_MARGINS
        beside = room >= TEXT_MIN_WIDTH + modules + 2
        main.set_class(not beside, "-qr-below")
        column.display = modules <= room
        if beside and self.ticket.rtl:
            main.move_child(column, before=lines)
        else:
            main.move_child(column, after=lines)

    # -- printing ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="print")
    def print_ticket(self, ticket: Ticket, reprint_of: int | None) -> None:
        printing = self.context.printing
        try:
            if reprint_of is not None:
                outcome = printing.reprint(reprint_of)
            else:
                outcome = printing.submit(ticket)
        except Exception:  # printing never takes the kiosk down
            import logging

            logging.getLogger(__name__).exception("printing failed")
            outcome = PrintOutcome("failed", None, None, error="unexpected")
        self.app.call_from_thread(self.show_outcome, outcome)

    def show_outcome(self, outcome: PrintOutcome) -> None:
        self.copies.record(outcome)
        self.outcome = self.copies.original  # the original job: every copy is its duplicate
        self._status_text = outcome.message
        notice = self.query_one("#print-status", Notice)
        notice.set_class(outcome.status in ("queued", "failed"), "warning")
        notice.show(self.tr(outcome.message))
        again = self.query_one("#ticket-again", BigButton)
        again.disabled = not self.copies.can_print_again()
        again.display = self.copies.offers_copies  # a numbered button that never works: gone

    @on(Button.Pressed, "#ticket-again")
    def print_again(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.copies.again():
            return
        self.query_one("#ticket-again", BigButton).disabled = True
        self.query_one("#print-status", Notice).show(self.tr("Impression de votre ticket…"))
        self.print_ticket(self.ticket, self.copies.reprint_of)

    # -- leaving -------------------------------------------------------------------------------

    @on(Button.Pressed, "#ticket-done")
    def finished(self, event: Button.Pressed) -> None:
        """Welcome at once (the app says thank you over it): no pause that swallows keys."""
        event.stop()
        tell(self, ParentFinished(thanks=True))


#: The caption's column beside the code: its width, at most and at least (columns).
SIDE_WIDTH = 32
NARROWEST_SIDE = 24
#: Columns the box takes around its code and column (borders, padding, the gap).
BOX_FRAME = 2 + 2 + 1
#: Rows the caption and the button take below a stacked code.
STACKED_SIDE_ROWS = 14


class QRModal(KioskModal):
    """One large QR code to take something on a phone; Escape or the button closes it."""

    CSS_PATH = STYLES / "ticket.tcss"
    DEFAULT_CLASSES = "qr-modal"
    SCAN_HINT: ClassVar[str] = N_("Ouvrez l'appareil photo de votre téléphone et visez ce code.")

    def __init__(self, context: ScreenContext, payload: str, caption: str) -> None:
        super().__init__(context)
        self.payload = payload
        self.caption = caption

    def compose(self) -> ComposeResult:
        with Horizontal(id="qr-modal-box"):
            if fits(self.payload):
                yield QRCode(self.payload, scale=None, id="qr-modal-code")
            with Vertical(id="qr-modal-side"):
                if self.caption:
                    yield Paragraph(self.caption, id="qr-modal-caption")
                yield Paragraph(self.tr(self.SCAN_HINT), classes="qr-caption")
                yield BigButton(self.tr("Fermer"), key="1", id="qr-modal-close")

    def on_mount(self) -> None:
        self.on_resize()

    def on_resize(self) -> None:
        """Beside its caption where there is room (the caption's column narrowed down to
        :data:`NARROWEST_SIDE` if needed), else above it; never wider nor taller than the
        screen, the box's top and bottom borders dropped when the code needs those rows (too
        small: the caption and the button alone, which always stay in view)."""
        width, height = self.app.size
        box = self.query_one("#qr-modal-box")
        side = self.query_one("#qr-modal-side")
        for code in self.query(QRCode):
            cells = code.get_content_width(self.app.size, self.app.size)
            rows = code.get_content_height(self.app.size, self.app.size, cells)
            room = width - cells - BOX_FRAME
            beside = room >= NARROWEST_SIDE
            box.set_class(not beside, "-stacked")
            side.styles.width = min(room, SIDE_WIDTH) if beside else SIDE_WIDTH
            box.set_class(rows + 2 > height, "-flat")
            code.display = rows <= height and (
                (beside and cells <= width - 4) or rows + STACKED_SIDE_ROWS <= height)
            if not code.display:
                box.set_class(False, "-stacked", "-flat")

    @on(Button.Pressed, "#qr-modal-close")
    def close(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
