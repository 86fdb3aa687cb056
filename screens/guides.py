"""Guides to the school's digital tools: the list, and one guide read one step per screen.

:class:`GuideListScreen` lists the guides (EduConnect, an absence, the canteen…) in the
parent's language and, last, the "my login" card to print. :class:`GuideStepScreen` shows one
step at a time — "Step n of m", the step, then Next (1), Previous (2) and Print (3) — with the
QR code of the guide's link beside the last step where it fits (on the left in a right-to-left
language). Printing shows the guide's ticket (:func:`kiosk.tickets.guide_ticket`), in the
parent's language with the French beside.

No guide screen has a text field: the kiosk never asks for an identifier or a password.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from kiosk.core.i18n import N_
from kiosk.guides.library import GuideReading
from kiosk.guides.model import EDUCONNECT_URL, Guide
from kiosk.guides.sheet import GUIDE_HEADING, STEP_OF
from kiosk.printing.qr import fits
from kiosk.tickets.guides import CARD_TITLE
from screens.base import STYLES, DataScreen, KioskScreen
from screens.context import ScreenContext
from screens.messages import ShowTicket, tell
from screens.qr import QRCode
from screens.widgets import BigButton, Notice, Paragraph, Title

#: Keys of the guides in the list (the login card takes the next one).
ITEM_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
NEXT_KEY, PREVIOUS_KEY, PRINT_KEY = "1", "2", "3"
NO_GUIDE = N_("Pas de guide en ce moment. Demandez à l'accueil de l'école, s'il vous plaît.")
UNREADABLE = N_("Les guides ne peuvent pas être affichés. Demandez à l'accueil de l'école, "
                "s'il vous plaît.")
NOT_PRINTED = N_("Le ticket ne peut pas être imprimé. Demandez à l'accueil de l'école, "
                 "s'il vous plaît.")
LOGIN_CARD_HINT = N_("Un ticket pour écrire votre identifiant à la main")
#: Cells the step's text keeps at least when the QR code sits beside it.
TEXT_MIN_WIDTH = 34
#: The screen body's padding and scroll bar (see kiosk.tcss, #body).
BODY_MARGINS = 4


class GuideListScreen(DataScreen[list[Guide]]):
    """The guides, in the parent's language, and the login card. The guides are read in a
    worker; each is put in the parent's language when composed (again after a change of
    language)."""

    CSS_PATH = STYLES / "guides.tcss"
    TITLE_TEXT = GUIDE_HEADING
    SCREEN_NAME = "guides"
    UNREADABLE_TEXT = UNREADABLE

    def read(self) -> list[Guide]:
        return self.context.guides.all()

    def compose_data(self, data: list[Guide]) -> ComposeResult:
        if not data:
            yield Paragraph(self.tr(NO_GUIDE), id="guide-none")
        shown = data[: len(ITEM_KEYS) - 1]
        library = self.context.guides
        with Vertical(id="guide-list"):
            for index, guide in enumerate(shown):
                reading = library.reading(guide, self.tr)
                yield BigButton(reading.title, key=ITEM_KEYS[index], rtl=reading.rtl,
                                id=f"guide-{index}", classes="guide-item")
            yield BigButton(self.tr(CARD_TITLE), key=ITEM_KEYS[len(shown)], pictogram="✎",
                            hint=self.tr(LOGIN_CARD_HINT), id="guide-login-card",
                            classes="guide-item")
        yield Notice("", id="guide-notice")

    @on(Button.Pressed, ".guide-item")
    def open_item(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "guide-login-card":
            self.print_login_card()
            return
        index = int((event.button.id or "-1").rpartition("-")[2])
        if self.data is not None and 0 <= index < len(self.data):
            self.show(GuideStepScreen(self.context, self.data[index]))

    def print_login_card(self) -> None:
        from kiosk.tickets import login_card_ticket

        try:
            ticket = login_card_ticket(self.context.tickets, self.tr.code, url=EDUCONNECT_URL)
        except Exception:  # a ticket that cannot be composed must not take the kiosk down
            import logging

            logging.getLogger(__name__).exception("login card ticket")
            self.query_one("#guide-notice", Notice).show(self.tr(NOT_PRINTED))
            return
        tell(self, ShowTicket(ticket))


class GuideStepScreen(KioskScreen):
    """One step of a guide; Next, Previous and Print by number keys."""

    CSS_PATH = STYLES / "guides.tcss"
    SCREEN_NAME = "guide"

    def __init__(self, context: ScreenContext, guide: Guide, step: int = 0) -> None:
        super().__init__(context)
        self.source = guide
        self.step = max(0, min(step, len(guide.steps) - 1))

    @property
    def guide(self) -> GuideReading:
        """The guide in the parent's language now (it may change on this screen)."""
        return self.context.guides.reading(self.source, self.tr)

    @property
    def last(self) -> bool:
        return self.step == len(self.guide.steps) - 1

    def compose_body(self) -> ComposeResult:
        guide = self.guide
        count = len(guide.steps)
        text = Vertical(id="guide-text")
        text.compose_add_child(Title(guide.title, rtl=guide.rtl, id="guide-title"))
        if guide.note:
            text.compose_add_child(Paragraph(guide.note, id="guide-fallback"))
        text.compose_add_child(Paragraph(
            self.tr(STEP_OF).format(number=self.step + 1, count=count), id="guide-counter"))
        text.compose_add_child(Paragraph(f"{self.step + 1}. {guide.steps[self.step]}",
                                         rtl=guide.rtl, id="guide-step"))
        forward, backward = ("◀", "▶") if self.tr.rtl else ("▶", "◀")
        for button in (
            BigButton(self.tr("Étape suivante"), key=NEXT_KEY, pictogram=forward,
                      id="guide-next", disabled=self.last),
            BigButton(self.tr("Étape précédente"), key=PREVIOUS_KEY, pictogram=backward,
                      id="guide-previous", disabled=self.step == 0),
            BigButton(self.tr("Imprimer ce guide"), key=PRINT_KEY, pictogram="🖶",
                      id="guide-print"),
        ):
            button.inline_pictogram = True
            text.compose_add_child(button)
        text.compose_add_child(Notice("", id="guide-notice"))
        parts = [text]
        if self.last and guide.url and fits(guide.url):
            code = QRCode(guide.url, id="guide-qr-code")
            column = Vertical(code, id="guide-qr")
            column.styles.width = code.modules + 2
            parts = [column, text] if self.tr.rtl else [text, column]
        yield Horizontal(*parts, id="guide-main")

    def on_mount(self) -> None:
        self._place_qr()
        self._focus_step()

    def on_resize(self) -> None:
        self._place_qr()

    def _place_qr(self) -> None:
        """The code beside the step where there is room; not at all on a narrower screen
        (the printed guide carries it)."""
        for column in self.query("#guide-qr").results(Vertical):
            modules = self.query_one("#guide-qr-code", QRCode).modules
            column.display = self.app.size.width - BODY_MARGINS >= TEXT_MIN_WIDTH + modules + 2

    def _focus_step(self) -> None:
        """Next while there is one, else Print: a key always reaches something."""
        button = self.query_one("#guide-print" if self.last else "#guide-next", BigButton)
        button.focus(scroll_visible=False)
        # Scrolled into view once laid out (the step's text above it may fill a small screen).
        self.call_after_refresh(button.scroll_visible, animate=False)

    async def recompose(self) -> None:
        """Composed again (another step, another language): the code placed, Next focused."""
        await super().recompose()
        self._place_qr()
        self._focus_step()

    async def go_to(self, step: int) -> None:
        if 0 <= step < len(self.source.steps) and step != self.step:
            self.step = step
            await self.recompose()

    @on(Button.Pressed, "#guide-next")
    async def next_step(self, event: Button.Pressed) -> None:
        event.stop()
        await self.go_to(self.step + 1)

    @on(Button.Pressed, "#guide-previous")
    async def previous_step(self, event: Button.Pressed) -> None:
        event.stop()
        await self.go_to(self.step - 1)

    @on(Button.Pressed, "#guide-print")
    def print_guide(self, event: Button.Pressed) -> None:
        event.stop()
        from kiosk.tickets import guide_ticket

        guide = self.guide
        try:
            ticket = guide_ticket(
                self.context.tickets, self.tr.code, title=guide.title, steps=guide.steps,
                french_title=guide.french_title, french_steps=guide.french_steps,
                url=guide.url, translated=guide.translated,
            )
        except Exception:  # a ticket that cannot be composed must not take the kiosk down
            import logging

            logging.getLogger(__name__).exception("guide ticket")
            self.query_one("#guide-notice", Notice).show(self.tr(NOT_PRINTED))
            return
        tell(self, ShowTicket(ticket))
