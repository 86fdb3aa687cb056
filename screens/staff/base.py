"""The base of staff screens: French text (staff are the school's team), Escape = back.

Staff screens are not translated: they speak French to the secretary, the head teacher and the
teachers. They follow the same rule as parent screens: present and delegate to the services.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from kiosk.core.text import strip_controls
from screens.base import STYLES, Body
from screens.widgets import kiosk_app, literal


class TextBox(TextArea):
    """A multi-line text area (staff) that never holds a control character: the staff
    counterpart of :class:`screens.widgets.TextField` (Textual's ``TextArea`` would show a
    pasted ESC or NUL to the terminal as it is).

    Typing and pasting go through :meth:`edit`, loading a text through :meth:`load_text`; both
    remove what :func:`kiosk.core.text.strip_controls` removes (newlines stay, tabs become spaces).
    """

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(strip_controls(text), **kwargs)

    def edit(self, edit: Edit) -> EditResult:
        edit.text = strip_controls(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        super().load_text(strip_controls(text))


class StaffScreen(Screen[object]):
    """A screen of the staff area. Subclasses set TITLE_TEXT and implement compose_body."""

    CSS_PATH = STYLES / "staff" / "staff.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Retour", show=False),
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]
    TITLE_TEXT: ClassVar[str] = "Espace personnel"

    def compose(self) -> ComposeResult:
        app = kiosk_app(self)
        with Horizontal(id="topbar", classes="staff"):
            yield Static(literal(f"{app.services.config.school.name} — espace personnel"),
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
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
