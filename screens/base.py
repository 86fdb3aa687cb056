"""The base of every parent screen: translation, number keys, Escape = Back, the nav bar.

A parent screen subclasses :class:`KioskScreen` and implements :meth:`compose_body`; it gets a
top bar (school name and the screen's title), the body in a centred column, and the
Back / Home / Language bar. Every screen is made with its :class:`~screens.context.ScreenContext`
(the features, the parent's session, the translator) and tells the app what happened with the
messages of :mod:`screens.messages`. Texts are translated inside ``compose`` with the session's
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
from typing import Any, ClassVar, Generic, TypeVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kiosk.core.i18n import N_, Translator
from kiosk.core.store import StorageError
from kiosk.glossary import Word
from screens.context import ScreenContext
from screens.direction import Mirrored, Row
from screens.messages import (
    Back,
    GlossaryRequested,
    GoHome,
    LanguagePickerRequested,
    ShowScreen,
    tell,
)
from screens.spoken import ReadAloud
from screens.widgets import BigButton, NavBar, Notice, Paragraph, Title, literal

#: The folder of the style sheets (``kiosk.tcss`` and one file per flow).
STYLES = Path(__file__).parent

#: Shown while a screen reads what it shows (a short moment).
LOADING = N_("Un instant…")

T = TypeVar("T")

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


def focus_first_control(screen: Screen[Any]) -> None:
    """Focus the first control of `screen` when nothing there has the focus (what Textual
    does when a screen is shown), so that a key always reaches something."""
    focused = screen.focused
    if focused is not None and focused.is_attached:
        return
    for widget in screen.query("*"):
        if widget.focusable:
            screen.set_focus(widget)
            return


def read_in_direction(screen: KioskScreen | KioskModal) -> None:
    """Give `screen` the ``-rtl`` class when the parent's language is written from right to
    left: the one switch for a right-to-left layout (the mirrored containers of
    :mod:`screens.widgets`, the ``Screen.-rtl`` rules of the style sheets, the text fields)."""
    screen.set_class(screen.context.tr.rtl, "-rtl")


def focus_along(screen: Screen[Any], step: int) -> None:
    """Move the focus `step` (+1: Right, -1: Left) controls along, mirrored on a
    right-to-left screen (where the next control is on the left)."""
    if screen.has_class("-rtl"):
        step = -step
    if step > 0:
        screen.focus_next()
    else:
        screen.focus_previous()


class Body(VerticalScroll, Mirrored, inherit_bindings=False):
    """The scrolling column of a screen; arrow keys move the focus instead of scrolling. On a
    right-to-left screen it is mirrored: fields, code boxes and notices narrower than the
    column sit at its right, under their right-aligned labels."""

    END_GAP = 1

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
    ]


class KioskScreen(Screen[object], ReadAloud):
    """A screen of the parent's flow."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", show=False),
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
        Binding("right", "arrow(1)", show=False),
        Binding("left", "arrow(-1)", show=False),
        Binding("question_mark", "glossary", show=False),
        Binding("asterisk", "listen", show=False),
    ]
    #: The screen's title, marked with N_ and translated when composed.
    TITLE_TEXT: ClassVar[str] = ""
    #: Name recorded in the session trail (help requests say where the parent came from).
    SCREEN_NAME: ClassVar[str] = ""
    SHOW_BACK: ClassVar[bool] = True
    SHOW_HOME: ClassVar[bool] = True
    SHOW_LANGUAGE: ClassVar[bool] = True
    #: Its texts underline the glossary words that "?" lists (screens.widgets.Paragraph).
    MARKS_GLOSSARY: ClassVar[bool] = True
    #: Whether showing this screen is recorded in the session trail.
    IN_TRAIL: ClassVar[bool] = True

    def __init__(self, context: ScreenContext, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.context = context
        #: The parent this screen was made for (see :attr:`ScreenContext.parent_number`).
        self.parent_number = context.parent_number()

    @property
    def tr(self) -> Translator:
        """The translator of the parent's language."""
        return self.context.tr

    def compose(self) -> ComposeResult:
        context = self.context
        # Composed again when the language changes: the direction comes with it.
        read_in_direction(self)
        with Row(id="topbar"):
            yield Static(literal(context.display(context.config.school.name, rtl=None)),
                         id="school-name")
            yield Static(literal(context.display(self.tr.language.native_name)),
                         id="language-name")
        with Body(id="body"):
            if self.TITLE_TEXT and self.ready:
                yield Title(self.tr(self.TITLE_TEXT), id="title")
            yield from self.compose_body()
        yield NavBar(back=self.SHOW_BACK, home=self.SHOW_HOME, language=self.SHOW_LANGUAGE,
                     listen=self.can_speak)

    @property
    def ready(self) -> bool:
        """Whether the screen shows its content (its title comes with it)."""
        return True

    def compose_body(self) -> ComposeResult:
        """The screen's own content (override)."""
        yield from ()

    @property
    def resumed_for_this_parent(self) -> bool:
        """Whether this screen is shown to the parent it was made for: false for a resume
        handled late (the screen was uncovered while a reset popped every screen at once)
        and for a screen built for an earlier parent. Such a resume reads and writes nothing."""
        return self.is_current and self.parent_number == self.context.parent_number()

    def on_screen_resume(self) -> None:
        if self.resumed_for_this_parent and self.ready:
            self.call_after_refresh(self.auto_read)
        if not self.IN_TRAIL or not self.resumed_for_this_parent:
            return
        name = self.SCREEN_NAME or type(self).__name__
        trail = self.context.session.trail
        if not trail or trail[-1] != name:
            trail.append(name)

    def on_key(self, event: events.Key) -> None:
        if event.key != "asterisk":
            self.stop_speaking()  # any other key stops the voice at once (and does its job)
        press_choice(self, event)

    def action_arrow(self, step: int) -> None:
        """Left / Right move the focus the way they point: to the next control in reading
        order for Right in French, for Left on a right-to-left (mirrored) screen."""
        focus_along(self, step)

    # -- navigation ----------------------------------------------------------------------------

    def action_back(self) -> None:
        tell(self, Back())

    def action_home(self) -> None:
        """Back to the Home screen (the one above Welcome), keeping the language."""
        tell(self, GoHome())

    def action_change_language(self) -> None:
        tell(self, LanguagePickerRequested())

    # -- the glossary ("?") ---------------------------------------------------------------------

    def glossary_sources(self) -> list[str]:
        """French source texts shown on this screen, searched for glossary words besides what
        the screen shows (override: a questionnaire statement, whose translation may word an
        acronym differently)."""
        return []

    def glossary_words(self) -> list[Word]:
        """The glossary words this screen shows (its texts in the parent's language, and its
        French sources); none while a screen has not composed its content."""
        lang = self.tr.code
        texts = [(widget.text, lang) for widget in self.query("Paragraph, BigButton")
                 if isinstance(widget, Paragraph | BigButton)
                 and not any(isinstance(node, NavBar) for node in widget.ancestors)]
        texts += [(text, "fr") for text in self.glossary_sources()]
        return self.context.glossary.find(texts)

    def action_glossary(self) -> None:
        """The "?" key: the glossary words of this screen with their explanations."""
        words = self.glossary_words()
        if words:
            tell(self, GlossaryRequested(words))

    def show(self, screen: Screen[object], *, over_home: bool = False) -> None:
        """Ask the app to show the next screen of this flow."""
        tell(self, ShowScreen(screen, over_home=over_home))


class DataScreen(KioskScreen, Generic[T]):
    """A parent screen that shows stored data: it is read in a thread worker (never in
    ``compose``), "one moment" is shown meanwhile, then the screen is composed with it. The
    title appears with the content: whoever waits for a screen's title (a parent, a test)
    finds its buttons and fields there.

    Subclasses implement :meth:`read` (in the worker thread) and :meth:`compose_data`.
    """

    #: Said when the data cannot be read (marked with N_; empty: nothing is said).
    UNREADABLE_TEXT: ClassVar[str] = ""
    #: Read again when the parent comes back to this screen (free times change meanwhile).
    READ_ON_RESUME: ClassVar[bool] = False
    #: What was read (None until it is).
    data: T | None = None
    #: The last read failed (storage unreadable).
    read_failed: bool = False

    def read(self) -> T:
        """Read what the screen shows (runs in a worker thread)."""
        raise NotImplementedError

    def compose_data(self, data: T) -> ComposeResult:
        """The screen's content once the data is read."""
        yield from ()

    def data_shown(self) -> None:
        """Called after the data is shown (override: focus a field)."""

    @property
    def ready(self) -> bool:
        return self.data is not None or self.read_failed

    def compose_body(self) -> ComposeResult:
        if self.read_failed:
            if self.UNREADABLE_TEXT:
                yield Notice(self.tr(self.UNREADABLE_TEXT), classes="error")
        elif self.data is None:
            yield Paragraph(self.tr(LOADING), id="data-loading", classes="loading")
        else:
            yield from self.compose_data(self.data)

    def on_mount(self) -> None:
        self.read_again()

    def on_screen_resume(self) -> None:
        if self.READ_ON_RESUME and self.data is not None and self.resumed_for_this_parent:
            self.read_again()

    def read_again(self) -> None:
        """Read the data again and show it when it is read."""
        self._read_in_thread()

    @work(thread=True, exclusive=True, group="screen-data")
    def _read_in_thread(self) -> None:
        try:
            data = self.read()
        except StorageError:
            self.app.call_from_thread(self.call_later, self._show_data, None)
            return
        self.app.call_from_thread(self.call_later, self._show_data, data)

    async def _show_data(self, data: T | None) -> None:
        self.data = data
        self.read_failed = data is None
        if not self.is_attached:
            return
        await self.recompose()
        if self.is_current:
            focus_first_control(self)
            self.call_after_refresh(self.auto_read)
        self.data_shown()


class KioskModal(ModalScreen[object], ReadAloud):
    """A dialog over a parent screen (Escape closes it); number keys work as on screens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_modal", show=False),
        Binding("tab,down", "app.focus_next", show=False),
        Binding("shift+tab,up", "app.focus_previous", show=False),
        Binding("right", "arrow(1)", show=False),
        Binding("left", "arrow(-1)", show=False),
        Binding("asterisk", "listen", show=False),
    ]

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        read_in_direction(self)

    def action_arrow(self, step: int) -> None:
        """Left / Right, as on screens (:meth:`KioskScreen.action_arrow`)."""
        focus_along(self, step)

    @property
    def tr(self) -> Translator:
        """The translator of the parent's language."""
        return self.context.tr

    def on_key(self, event: events.Key) -> None:
        if event.key != "asterisk":
            self.stop_speaking()
        press_choice(self, event)

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)


__all__ = ["LOADING", "N_", "STYLES", "DataScreen", "KioskModal", "KioskScreen",
           "focus_first_control", "key_of", "press_choice"]
