"""The school's announcements for parents: the list, and one announcement to read.

The list shows the current announcements (pinned first, then the newest), each marked "new"
during its first week, in the session's language, with a line saying when news comes out.
The reading screen scrolls a long text with the arrow and page keys, the mouse wheel, a
touch screen's swipe (the terminal sends it as wheel events) and two big ▲ ▼ buttons; it
prints the announcement (a ticket with its QR code) or shows a large QR code to take it on the
phone. The QR codes carry :func:`kiosk.announcements.publish.qr_payload` — the address of the page
that
`kiosk publish` writes.

Without a current translation the French text is shown under a clear line, in the parent's
language, saying it is not translated yet. Everything written by staff or translators is
shown literally (:class:`~screens.widgets.Paragraph`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button

from kiosk.announcements.model import Announcement
from kiosk.announcements.reading import NEW_MARK, URGENT_MARK, URGENT_NOTE, Reading
from kiosk.core.i18n import N_
from kiosk.core.store import StorageError
from screens.base import STYLES, Body, KioskScreen, focus_first_control
from screens.context import ScreenContext
from screens.direction import Row
from screens.messages import ShowTicket, tell
from screens.widgets import BigButton, Notice, Paragraph, Title

#: Keys of the announcements in the list.
ITEM_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
LOADING = N_("Un instant…")
NOTHING = N_("Pas d'annonce en ce moment.")
#: Beside an announcement of the list whose title is shown in French (not translated yet).
FRENCH_MARK = N_("En français, pas encore traduite")
UNREADABLE = N_("Les annonces ne peuvent pas être affichées. Demandez à l'accueil de l'école, "
                "s'il vous plaît.")


def meta_line(tr_marks: list[str], shown: Reading) -> str:
    """Category · date, then the marks (new, urgent), in the parent's language."""
    return " · ".join([shown.category, shown.published_text, *tr_marks])


class AnnouncementListScreen(KioskScreen):
    """The current announcements, in a column that scrolls with the focus (a scroll bar shows
    there are more); PageDown/PageUp move the focus a screenful, End/Home to the last/first."""

    CSS_PATH = STYLES / "announcements.tcss"
    TITLE_TEXT = N_("Annonces")
    SCREEN_NAME = "announcements"
    #: Before the column's own page keys (which would scroll away from the focus).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", show=False, priority=True),
        Binding("pageup", "page(-1)", show=False, priority=True),
        Binding("end", "edge(1)", show=False, priority=True),
        Binding("home", "edge(-1)", show=False, priority=True),
    ]

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context)
        self.items: list[Announcement] | None = None
        self.failed = False

    def compose_body(self) -> ComposeResult:
        book = self.context.announcements
        rhythm = book.rhythm.describe(self.tr, self.context.today())
        yield Paragraph(f"{rhythm} {self.tr(URGENT_NOTE)}", id="announcement-rhythm")
        if self.failed:
            yield Notice(self.tr(UNREADABLE), classes="error", id="announcement-error")
            return
        if self.items is None:
            yield Paragraph(self.tr(LOADING), id="announcement-loading")
            return
        if not self.items:
            yield Paragraph(self.tr(NOTHING), id="announcement-none")
            return
        with Vertical(id="announcement-list"):
            for index, announcement in enumerate(self.items[: len(ITEM_KEYS)]):
                shown = book.reading(announcement, self.tr)
                marks = []
                if shown.urgent:
                    marks.append(self.tr(URGENT_MARK))
                if shown.new:
                    marks.append("✦ " + self.tr(NEW_MARK))
                if shown.note:
                    marks.append(self.tr(FRENCH_MARK))
                yield BigButton(
                    ("📌 " if shown.pinned else "") + shown.title,
                    key=ITEM_KEYS[index],
                    hint=meta_line(marks, shown),
                    id=f"announcement-{index}",
                    classes="announcement-item" + (" -new" if shown.new else ""),
                )

    def on_mount(self) -> None:
        if self.items is None and not self.failed:
            self.load()

    @work(thread=True, exclusive=True, group="announcements")
    def load(self) -> None:
        try:
            items = self.context.announcements.current()
        except StorageError:
            self.app.call_from_thread(self.call_later, self._loaded, None)
            return
        self.app.call_from_thread(self.call_later, self._loaded, items)

    async def _loaded(self, items: list[Announcement] | None) -> None:
        self.items = items or []
        self.failed = items is None
        if self.is_attached:
            await self.recompose()
        if self.is_current:  # the list replaced what had the focus: a key must reach it
            buttons = self._items()
            if buttons:  # scrolled into view once laid out (tiny layout: below the fold)
                buttons[0].focus(scroll_visible=False)
                self.call_after_refresh(buttons[0].scroll_visible, animate=False)
            else:
                focus_first_control(self)

    # -- moving through a long list --------------------------------------------------------

    def _items(self) -> list[BigButton]:
        return list(self.query(".announcement-item").results(BigButton))

    def action_edge(self, direction: int) -> None:
        """End: the last announcement (and the end of the column); Home: the first."""
        body = self.query_one("#body", Body)
        items = self._items()
        if items:
            (items[-1] if direction > 0 else items[0]).focus(scroll_visible=False)
        if direction > 0:
            body.scroll_end(animate=False, immediate=True)
        else:
            body.scroll_home(animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        """A screenful of announcements down (1) or up (-1); the focus moves with the view."""
        body = self.query_one("#body", Body)
        items = self._items()
        if not items:
            if direction > 0:
                body.scroll_page_down(animate=False)
            else:
                body.scroll_page_up(animate=False)
            return
        step = items[0].outer_size.height + items[0].styles.margin.bottom
        per_page = max(1, body.scrollable_content_region.height // max(1, step))
        focused = next((item for item in items if item is self.focused), None)
        outside = -1 if direction > 0 else len(items)
        current = outside if focused is None else items.index(focused)
        target = min(len(items) - 1, max(0, current + direction * per_page))
        items[target].focus()

    @on(Button.Pressed, ".announcement-item")
    def open_item(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "-1").rpartition("-")[2])
        if self.items is not None and 0 <= index < len(self.items):
            self.show(AnnouncementScreen(self.context, self.items[index]))


class AnnouncementScreen(KioskScreen):
    """One announcement to read, print, or take on the phone."""

    CSS_PATH = STYLES / "announcements.tcss"
    SCREEN_NAME = "announcements"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_text(1)", show=False),
        Binding("up", "scroll_text(-1)", show=False),
        Binding("space", "scroll_text(10)", show=False),
        Binding("home", "scroll_to(0)", show=False),
        Binding("end", "scroll_to(1)", show=False),
    ]

    def __init__(self, context: ScreenContext, announcement: Announcement) -> None:
        super().__init__(context)
        self.announcement = announcement

    def reading(self) -> Reading:
        return self.context.announcements.reading(self.announcement, self.tr)

    def compose_body(self) -> ComposeResult:
        shown = self.reading()
        marks = []
        if shown.urgent:
            marks.append(self.tr(URGENT_MARK))
        if shown.new:
            marks.append("✦ " + self.tr(NEW_MARK))
        yield Title(shown.title, rtl=shown.rtl, id="announcement-title")
        yield Paragraph(meta_line(marks, shown), id="announcement-meta")
        with Row(id="announcement-actions"):
            yield BigButton(self.tr("Imprimer"), key="1", id="announcement-print")
            yield BigButton(self.tr("Sur mon téléphone"), key="2", id="announcement-phone")
            yield BigButton("▲", id="announcement-up", classes="announcement-scroll")
            yield BigButton("▼", id="announcement-down", classes="announcement-scroll")
        if shown.note:
            yield Paragraph(shown.note, id="announcement-fallback")
        yield Paragraph(shown.text, rtl=shown.rtl, id="announcement-text")
        yield Notice("", id="announcement-notice")

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

    def qr(self, shown: Reading) -> str:
        from kiosk.announcements.publish import qr_payload

        return qr_payload(self.context.config, shown)

    @on(Button.Pressed, "#announcement-phone")
    def take_on_phone(self, event: Button.Pressed) -> None:
        event.stop()
        from screens.ticket import QRModal

        shown = self.reading()
        self.show(QRModal(self.context, self.qr(shown), shown.title))

    @on(Button.Pressed, "#announcement-print")
    def print_it(self, event: Button.Pressed) -> None:
        event.stop()
        from kiosk.announcements.reading import ticket_of

        shown = self.reading()
        try:
            ticket = ticket_of(self.context.tickets, shown, self.qr(shown))
        except Exception:  # a ticket that cannot be composed must not take the kiosk down
            import logging

            logging.getLogger(__name__).exception("announcement ticket")
            self.query_one("#announcement-notice", Notice).show(
                self.tr("Le ticket ne peut pas être imprimé. Demandez à l'accueil de l'école, "
                        "s'il vous plaît.")
            )
            return
        tell(self, ShowTicket(ticket))
