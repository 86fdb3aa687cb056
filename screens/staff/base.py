"""The base of staff screens: French text (staff are the school's team), Escape = back.

Staff screens are not translated: they speak French to the secretary, the head teacher and the
teachers. They follow the same rule as parent screens: present and delegate to the services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from kiosk.booking.model import BookingRefused, StaffError
from kiosk.core.display import has_rtl
from kiosk.core.store import StorageError
from kiosk.core.text import strip_controls
from screens.base import STYLES, Body
from screens.context import ScreenContext, context_of
from screens.messages import Back, ShowScreen, tell
from screens.staff.tables import Column, FittedTable
from screens.widgets import Paragraph, TextField, literal

T = TypeVar("T")


def staff_table(*specs: Column, id: str, **columns: str) -> FittedTable:
    """A table of rows to choose from, its columns fitted to the screen (`specs`, or
    `columns`: key=label, in order)."""
    return FittedTable(*specs, *(Column(label, key) for key, label in columns.items()), id=id)


def field(label: str, id: str, value: str = "", placeholder: str = "") -> ComposeResult:
    """A labelled one-line field of a staff form."""
    with Vertical(classes="staff-field"):
        yield Static(literal(label), classes="staff-label")
        yield TextField(value, id=id, placeholder=placeholder)


class TextBox(TextArea):
    """A multi-line text area (staff) that never holds a control character: the staff
    counterpart of :class:`screens.widgets.TextField` (Textual's ``TextArea`` would show a
    pasted ESC or NUL to the terminal as it is).

    Typing and pasting go through :meth:`edit`, loading a text through :meth:`load_text`; both
    remove what :func:`kiosk.core.text.strip_controls` removes (newlines stay, tabs become spaces).

    ``.text`` stays in logical (typed) order, which is what is stored. Textual's ``TextArea``
    draws it as typed (its wrapping, cursor, selection and mouse all count logical columns),
    so typed Arabic or Persian would show unshaped and in typed order: its :attr:`preview`
    (composed under it by :func:`text_box`) shows the same text through the display path,
    line by line, and follows each change.
    """

    def __init__(self, text: str = "", *, rtl: bool = False, **kwargs: Any) -> None:
        super().__init__(strip_controls(text), **kwargs)
        self.preview = TextPreview(self.text, rtl=rtl,
                                   id=f"{self.id}-preview" if self.id else None)

    def edit(self, edit: Edit) -> EditResult:
        edit.text = strip_controls(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        super().load_text(strip_controls(text))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # Not stopped: the screen may listen too.
        if event.text_area is self:
            self.preview.follow(self.text)


class TextPreview(Vertical):
    """"Aperçu :" and a text box's text as a parent would read it: wrapped in logical order,
    then each line shaped and reordered by the display path (:class:`Paragraph`). Shown only
    while the text holds right-to-left letters and the kiosk reorders text itself (the
    ``bidi = "app"`` setting): French needs no preview, and a terminal that reorders by
    itself shows the box right already."""

    DEFAULT_CSS = """
    TextPreview { height: auto; display: none; }
    TextPreview.-shown { display: block; }
    TextPreview .staff-label { height: auto; }
    TextPreview Paragraph { padding: 0 2; }
    """

    def __init__(self, text: str, *, rtl: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.paragraph = Paragraph(text, rtl=rtl, classes="staff-preview-text",
                                   id=f"{id}-text" if id else None)

    def compose(self) -> ComposeResult:
        yield Static(literal("Aperçu :"), classes="staff-label")
        yield self.paragraph

    def on_mount(self) -> None:
        self.follow(self.text)

    def follow(self, text: str) -> None:
        """Show `text` (the box's new text)."""
        self.text = text
        try:
            reorders = context_of(self).i18n.bidi == "app"
        except (LookupError, NoScreen):
            reorders = False
        shown = reorders and has_rtl(text)
        self.set_class(shown, "-shown")
        if shown or self.paragraph.text:
            self.paragraph.update(text if shown else "")


def text_box(text: str, *, id: str, rtl: bool = False) -> ComposeResult:
    """A staff text box (soft-wrapped, Tab leaves it) and its :class:`TextPreview` under it;
    `rtl`: the direction of the language it is written in."""
    box = TextBox(text, id=id, rtl=rtl, soft_wrap=True, show_line_numbers=False,
                  tab_behavior="focus")
    yield box
    yield box.preview


class StaffScreen(Screen[object]):
    """A screen of the staff area. Subclasses set TITLE_TEXT and implement compose_body."""

    CSS_PATH = STYLES / "staff" / "staff.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Retour", show=False),
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]
    TITLE_TEXT: ClassVar[str] = "Espace personnel"

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar", classes="staff"):
            yield Static(literal(f"{self.context.config.school.name} — espace personnel"),
                         id="school-name")
        with Body(id="body", classes="staff"):
            yield Static(literal(self.TITLE_TEXT), classes="staff-title")
            yield from self.compose_body()
        with Horizontal(id="staff-nav"):
            yield Button(literal("◀ Retour (Échap)"), id="staff-back", classes="staff-nav")

    def compose_body(self) -> ComposeResult:
        yield from ()

    @on(Button.Pressed, "#staff-back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()

    def action_back(self) -> None:
        tell(self, Back())

    def show(self, screen: Screen[object]) -> None:
        """Ask the app to show another screen of the staff area."""
        tell(self, ShowScreen(screen))


class StaffToolScreen(StaffScreen, Generic[T]):
    """A staff screen of fields, a status line (``#staff-status``) and tables. What it shows
    is read in a thread worker (:meth:`read`, then :meth:`show_data` on the event loop), when
    it opens or comes back and after each action; each action runs in a worker too
    (:meth:`perform`), and its outcome is said in French on the status line."""

    def read(self) -> T:
        """Read what the screen shows (runs in a worker thread; override)."""
        raise NotImplementedError

    def show_data(self, data: T) -> None:
        """Show what :meth:`read` returned (override)."""

    def reload(self) -> None:
        """Read the data again, in a worker, and show it."""
        self._read_in_thread()

    def on_screen_resume(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="staff-read")
    def _read_in_thread(self) -> None:
        try:
            data = self.read()
        except StorageError as exc:
            self.app.call_from_thread(self.status, f"⚠ Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show, data)

    def _show(self, data: T) -> None:
        if self.is_attached:
            self.show_data(data)

    def value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value.strip()

    def status(self, text: str) -> None:
        self.query_one("#staff-status", Static).update(literal(text))

    def fill(self, id: str, columns: Sequence[str | Column],
             rows: Iterable[tuple[str, Sequence[Any]]]) -> None:
        """Show `rows` (each a key and its cells) in the table `id`, under `columns`; the
        cursor stays on the row it was on."""
        table = self.query_one(f"#{id}", FittedTable)
        selected = self.selected(id)
        table.set_columns(columns)
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if selected is not None and selected in {k.value for k in table.rows}:
            table.move_cursor(row=table.get_row_index(selected), animate=False)

    def selected(self, id: str) -> str | None:
        """The key of the row under the cursor of the table `id` (None: the table is empty)."""
        table: DataTable[Any] = self.query_one(f"#{id}", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key else None

    def perform(self, action: Callable[[], str]) -> None:
        """Run `action` in a worker; say what it returns (or its error), then read again."""
        self._action(action)

    @work(thread=True, exclusive=True, group="staff-action")
    def _action(self, action: Callable[[], str]) -> None:
        try:
            text = action()
        except (StaffError, BookingRefused) as exc:
            text = f"⚠ {exc}"
        except StorageError as exc:
            text = f"⚠ Enregistrement impossible : {exc}"
        self.app.call_from_thread(self._after, text)

    def _after(self, text: str) -> None:
        if self.is_attached:
            self.status(text)
            self.reload()

    def print_ticket(self, ticket: Any) -> str:
        """Print `ticket` (from a worker) and say what happened."""
        outcome = self.context.printing.submit(ticket)
        said = {"printed": "Imprimé.", "queued": "Ticket mis en attente dans la file d'impression.",
                "preview": "Aperçu seulement (pas d'imprimante configurée)."}.get(
            outcome.status, "Impression impossible.")
        # The printer's problem in plain French (the technical detail is in the log).
        return f"{said} {outcome.error}" if outcome.status != "preview" and outcome.error \
            else said
