"""The base of every parent screen: translation, number keys, Escape = Back, the nav bar.

A parent screen subclasses :class:`KioskScreen` and implements :meth:`compose_body`; it gets a
top bar (school name and the screen's title), the body in a centred column, and the
Back / Home / Language bar. Texts are translated inside ``compose`` with the session's
translator (``self.tr``), so :meth:`kiosk.app.KioskApp.set_language` only has to recompose.

Number keys press the :class:`~screens.widgets.BigButton` whose ``key`` matches, on a
QWERTY keyboard, on the numeric keypad, and on a French AZERTY keyboard (whose top row types
``& é " ' ( - è _ ç à`` without Shift). Keys typed into a text field stay in the field.

Styles: ``screens/kiosk.tcss`` (the app's style sheet) holds the frame every parent sees first;
each flow's screens name their own file beside it (``CSS_PATH = STYLES / "booking.tcss"``),
which Textual parses the first time one of them opens, so the first screen does not wait for
the styles of every flow.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kiosk.core.i18n import N_, Translator
from screens.widgets import BigButton, NavBar, Title, kiosk_app, literal

#: The folder of the style sheets (``kiosk.tcss`` and one file per flow).
STYLES = Path(__file__).parent

#: The unshifted top row of a French AZERTY keyboard, as digits.
AZERTY_DIGITS = {
    "&": "1", "é": "2", '"': "3", "'": "4", "(": "5",
    "-": "6", "è": "7", "_": "8", "ç": "9", "à": "0",
}


def key_of(event: events.Key) -> str | None:
    """The choice key an event means: a digit (any keyboard) or a lower-case letter."""
    char = event.character or ""
    if len(char) != 1:
        return None
    if char.isdigit() and char.isascii():
        return char
    if char in AZERTY_DIGITS:
        return AZERTY_DIGITS[char]
    if char.isascii() and char.isalpha():
        return char.lower()
    return None


def press_choice(screen: Screen[object], event: events.Key) -> bool:
    """Press the visible, enabled BigButton of `screen` whose key `event` means."""
    key = key_of(event)
    if key is None:
        return False
    for button in screen.query(BigButton):
        if button.key == key and not button.disabled and button.display:
            event.stop()
            event.prevent_default()
            button.press()
            return True
    return False


class Body(VerticalScroll, inherit_bindings=False):
    """The scrolling column of a screen; arrow keys move the focus instead of scrolling."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
    ]


class KioskScreen(Screen[object]):
    """A screen of the parent's flow."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False),
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
        Binding("down,right", "app.focus_next", show=False),
        Binding("up,left", "app.focus_previous", show=False),
    ]
    #: The screen's title, marked with N_ and translated when composed.
    TITLE_TEXT: ClassVar[str] = ""
    #: Name recorded in the session trail (help requests say where the parent came from).
    SCREEN_NAME: ClassVar[str] = ""
    SHOW_BACK: ClassVar[bool] = True
    SHOW_HOME: ClassVar[bool] = True
    SHOW_LANGUAGE: ClassVar[bool] = True
    #: Whether showing this screen is recorded in the session trail.
    IN_TRAIL: ClassVar[bool] = True

    @property
    def tr(self) -> Translator:
        return kiosk_app(self).tr

    def compose(self) -> ComposeResult:
        app = kiosk_app(self)
        with Horizontal(id="topbar"):
            yield Static(literal(app.visual(app.services.config.school.name, rtl=None)),
                         id="school-name")
            yield Static(literal(app.visual(self.tr.language.native_name)), id="language-name")
        with Body(id="body"):
            if self.TITLE_TEXT:
                yield Title(self.tr(self.TITLE_TEXT), id="title")
            yield from self.compose_body()
        yield NavBar(back=self.SHOW_BACK, home=self.SHOW_HOME, language=self.SHOW_LANGUAGE)

    def compose_body(self) -> ComposeResult:
        """The screen's own content (override)."""
        yield from ()

    def on_mount(self) -> None:
        self._parent_generation = kiosk_app(self).parent_generation

    def on_screen_resume(self) -> None:
        # A resume handled late (the screen was uncovered during a reset, then popped), or of
        # a screen built for an earlier parent, is not a visit of this parent.
        app = kiosk_app(self)
        if not self.IN_TRAIL or not self.is_current:
            return
        if getattr(self, "_parent_generation", -1) != app.parent_generation:
            return
        name = self.SCREEN_NAME or type(self).__name__
        trail = kiosk_app(self).session.trail
        if not trail or trail[-1] != name:
            trail.append(name)

    def on_key(self, event: events.Key) -> None:
        press_choice(self, event)

    # -- navigation ----------------------------------------------------------------------------

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    async def action_home(self) -> None:
        """Back to the Home screen (the one above Welcome), keeping the language."""
        kiosk_app(self).go_home()

    def action_change_language(self) -> None:
        from screens.welcome import LanguagePicker

        self.app.push_screen(LanguagePicker())


class KioskModal(ModalScreen[object]):
    """A dialog over a parent screen (Escape closes it); number keys work as on screens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_modal", show=False),
        Binding("tab,down,right", "app.focus_next", show=False),
        Binding("shift+tab,up,left", "app.focus_previous", show=False),
    ]

    @property
    def tr(self) -> Translator:
        return kiosk_app(self).tr

    def on_key(self, event: events.Key) -> None:
        press_choice(self, event)

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)


__all__ = ["N_", "STYLES", "KioskModal", "KioskScreen", "key_of", "press_choice"]
