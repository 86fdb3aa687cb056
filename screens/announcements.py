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

from typing import TYPE_CHECKING, ClassVar

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
from screens.reading import ReadingScreen
from screens.widgets import BigButton, Notice, Paragraph, Title

if TYPE_CHECKING:
    from kiosk.questionnaire.giveback import GivebackFacts
    from kiosk.tickets import Ticket

#: Keys of the announcements in the list.
ITEM_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
#: Key of "Ce que vous avez dit", above the announcements.
SUMMARY_KEY = "0"
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
        #: The results given back to parents, when there is something to show them.
        self.summary: GivebackFacts | None = None

    def compose_body(self) -> ComposeResult:
        book = self.context.announcements
        rhythm = book.rhythm.describe(self.tr, self.context.today())
        yield Paragraph(f"{rhythm} {self.tr(URGENT_NOTE)}", id="announcement-rhythm")
        if self.summary is not None:
            yield self.summary_entry()
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

    def summary_entry(self) -> BigButton:
        """"Ce que vous avez dit": the results given back to parents, first in the list (its
        key 0 leaves the announcements their keys 1, 2, 3…)."""
        from kiosk.questionnaire.giveback import HINT, TITLE

        return BigButton(self.tr(TITLE), key=SUMMARY_KEY, pictogram="", hint=self.tr(HINT),
                         id="giveback-entry", classes="giveback-item")

    def on_mount(self) -> None:
        if self.items is None and not self.failed:
            self.load()

    @work(thread=True, exclusive=True, group="announcements")
    def load(self) -> None:
        summary = self.context.giveback.for_parents()  # never raises: None when unreadable
        try:
            items = self.context.announcements.current()
        except StorageError:
            self.app.call_from_thread(self.call_later, self._loaded, None, summary)
            return
        self.app.call_from_thread(self.call_later, self._loaded, items, summary)

    async def _loaded(self, items: list[Announcement] | None,
                      summary: GivebackFacts | None = None) -> None:
        self.items = items or []
        self.failed = items is None
        self.summary = summary
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
        return list(self.query(".giveback-item, .announcement-item").results(BigButton))

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

    @on(Button.Pressed, "#giveback-entry")
    def open_summary(self, event: Button.Pressed) -> None:
        event.stop()
        if self.summary is not None:
            from screens.giveback import GivebackScreen

            self.show(GivebackScreen(self.context, self.summary))

    @on(Button.Pressed, ".announcement-item")
    def open_item(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "-1").rpartition("-")[2])
        if self.items is not None and 0 <= index < len(self.items):
            self.show(AnnouncementScreen(self.context, self.items[index]))


class AnnouncementScreen(ReadingScreen):
    """One announcement to read, print, or take on the phone."""

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
        yield from self.actions_row()
        if shown.note:
            yield Paragraph(shown.note, id="announcement-fallback")
        yield Paragraph(shown.text, rtl=shown.rtl, id="announcement-text")
        yield Notice("", id="announcement-notice")

    def qr(self, shown: Reading) -> str:
        from kiosk.announcements.publish import qr_payload

        return qr_payload(self.context.config, shown)

    def phone_code(self) -> tuple[str, str]:
        shown = self.reading()
        return self.qr(shown), shown.title

    def ticket(self) -> Ticket:
        from kiosk.announcements.reading import ticket_of

        shown = self.reading()
        return ticket_of(self.context.tickets, shown, self.qr(shown))
