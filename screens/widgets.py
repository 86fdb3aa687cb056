"""Shared widgets of the parent kiosk: big buttons, paragraphs that read right in any script,
and the Back / Home / Language bar.

Every text a widget shows goes through the kiosk's single display function
(:meth:`kiosk.core.i18n.I18n.display` / ``display_lines``) and is shown literally: a ``[bold]``
typed
by someone appears as typed, and no control character (ESC, NUL, C1…) reaches the terminal.
The text fields (:class:`TextField`; ``TextBox`` for staff) keep none either, whatever is
pasted.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from kiosk.audio.script import LISTEN
from kiosk.core.i18n import N_
from kiosk.core.text import single_line, strip_controls
from screens.context import context_of

#: The key of the listen button, shown on it (Textual's key name: ``asterisk``; also on the
#: numeric keypad, and clashing with no number key nor any AZERTY digit).
LISTEN_KEY = "*"

#: Below this many columns the screens switch to one column of choices (the ``-tiny``
#: breakpoint of :class:`kiosk.app.KioskApp`; a terminal window shrunk to 40×15).
TINY_WIDTH = 60


def literal(text: str) -> Content:
    """Content shown exactly as written (no markup interpretation), without control characters."""
    return Content(strip_controls(text))


def one_line(text: str) -> str:
    """What a one-line field keeps of `text`: no control character, line breaks as spaces."""
    return single_line(text)


#: Shown when a paste (or a key) would make a field longer than it may be.
TOO_LONG = N_("Texte trop long : il n'a pas été ajouté. Nombre maximum de signes : {count}.")


class TextField(Input):
    """A one-line text field that never holds a control character.

    What a keyboard types is printable already, but a paste (or a value restored from the
    session) may carry ESC, NUL, C1 controls or line separators, which Textual's ``Input`` would
    send to the terminal as they are: they are removed here (line breaks become spaces) before
    the value is shown or read. Everything else typed is kept, so a refused name can be
    corrected rather than typed again.

    A paste or a key that would pass ``max_length`` leaves the field as it was (Textual's
    ``Input`` refuses it whole) and says so, in the parent's language, in the field's
    :class:`Notice` (or a staff screen's status line): ``notice`` is its id (by default the
    field's id + ``-error``).
    """

    def __init__(self, *args: Any, notice: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notice_id = notice or (f"{self.id}-error" if self.id else None)

    def validate_value(self, value: str) -> str:
        return one_line(value)

    def restricted(self) -> None:
        """Too long: tell the parent why nothing was added (Textual only rings the bell)."""
        if self.notice_id is None or not self.max_length:
            return
        message = context_of(self).tr(TOO_LONG).format(count=self.max_length)
        for notice in self.screen.query(f"#{self.notice_id}").results(Static):
            if isinstance(notice, Notice):
                notice.show(message)
            else:  # a staff screen's status line
                notice.update(literal(message))


class BigButton(Button):
    """A large button with an optional number key and a small pictogram above the words.

    `key` is the key that presses it ("1"…"9", "0", or a letter); the screen maps the number
    keys (also on French AZERTY keyboards) to the button with that key. `text` is logical text
    in the parent's language; it is shaped and reordered for display here.
    """

    DEFAULT_CSS = """
    BigButton { height: auto; min-height: 3; width: 1fr; }
    """

    def __init__(
        self,
        text: str,
        *,
        key: str | None = None,
        pictogram: str = "",
        hint: str = "",
        rtl: bool | None = None,
        id: str | None = None,
        classes: str | None = None,
        variant: Any = "default",
        disabled: bool = False,
        action: str | None = None,
    ) -> None:
        self.key = key
        self.text = text
        self.pictogram = pictogram
        self.hint = hint
        self.rtl = rtl
        #: Pictogram on the same line as the words (compact layouts) instead of above them.
        self.inline_pictogram = False
        super().__init__("", variant=variant, id=id, classes=classes, disabled=disabled,
                         action=action)

    def on_mount(self) -> None:
        self.refresh_label()

    def refresh_label(self) -> None:
        context = context_of(self)
        rtl = context.tr.rtl if self.rtl is None else self.rtl
        shown = context.display(self.text, rtl=rtl)
        if self.key is not None:
            shown = f"{shown}  ({self.key.upper()})" if rtl else f"{self.key.upper()}  {shown}"
        parts = [self.pictogram] if self.pictogram else []
        if self.inline_pictogram and parts:
            shown = f"{shown}  {parts.pop()}" if rtl else f"{parts.pop()}  {shown}"
        parts.append(shown)
        if self.hint:
            parts.append(context.display(self.hint, rtl=rtl))
        self.label = literal("\n".join(parts))


class Paragraph(Widget):
    """Text wrapped to the widget's width, then shaped and reordered line by line.

    `rtl`: base direction of the text (None: the session's language; pass ``False`` for French
    text shown as a fallback in a right-to-left session, or a specific value for text in
    another language than the session's).
    """

    DEFAULT_CSS = """
    Paragraph { height: auto; width: 1fr; }
    """

    def __init__(
        self,
        text: str,
        *,
        rtl: bool | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text
        self.rtl = rtl
        self._wrapped: tuple[tuple[str, int, bool, str], list[str]] | None = None

    def _is_rtl(self) -> bool:
        return context_of(self).tr.rtl if self.rtl is None else self.rtl

    def _lines(self, width: int) -> list[str]:
        # Layout asks for the height, then the rendering for the lines: wrap once per width
        # (a long text — an announcement of 8,000 signs — is not wrapped again and again).
        i18n = context_of(self).i18n
        key = (self.text, max(width, 1), self._is_rtl(), i18n.bidi)
        if self._wrapped is None or self._wrapped[0] != key:
            self._wrapped = (key, i18n.display_lines(key[0], key[1], rtl=key[2]))
        return self._wrapped[1]

    def update(self, text: str) -> None:
        self.text = text
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        lines = self._lines(self.content_region.width or self.size.width)
        self.set_class(self._is_rtl(), "-rtl-text")
        return literal("\n".join(lines))


class Title(Paragraph):
    """A screen's title: bold, one or two lines."""

    DEFAULT_CSS = """
    Title { text-style: bold; margin: 0 0 1 0; }
    """


class NavBar(Horizontal):
    """The bar at the bottom of every parent screen: Back, Home, and Language."""

    DEFAULT_CSS = """
    NavBar { height: auto; dock: bottom; }
    """

    def __init__(self, *, back: bool = True, home: bool = True, language: bool = True,
                 listen: bool = False, listen_words: bool = True) -> None:
        super().__init__()
        self.show_back = back
        self.show_home = home
        self.show_language = language
        #: The listen button (key ``*``): read the screen aloud (only where sound works).
        self.show_listen = listen
        self.listen_words = listen_words

    def compose(self) -> ComposeResult:
        tr = context_of(self).tr
        # In a right-to-left language "back" points right and the bar reads from the right.
        back_arrow = "▶" if tr.rtl else "◀"
        buttons = []
        if self.show_back:
            back = tr("Retour")
            escape = tr("Échap")
            buttons.append(BigButton(f"{back_arrow} {back} ({escape})",
                                     id="nav-back", classes="nav", action="screen.back"))
        if self.show_home:
            buttons.append(BigButton("⌂ " + tr("Accueil"), id="nav-home", classes="nav",
                                     action="screen.home"))
        if self.show_language:
            buttons.append(BigButton("⇄ " + tr("Langue"), id="nav-language", classes="nav",
                                     action="screen.change_language"))
        if self.show_listen:
            words = f"♪ {tr(LISTEN)}" if self.listen_words else "♪"
            buttons.append(BigButton(words, key=LISTEN_KEY, id="nav-listen", classes="nav",
                                     action="screen.listen"))
        yield from reversed(buttons) if tr.rtl else buttons


class Notice(Static):
    """A short message (error or success) shown literally, in the session's direction."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__("", id=id, classes=classes, markup=False)
        self._text = text

    def on_mount(self) -> None:
        self.show(self._text)

    def show(self, text: str) -> None:
        self._text = text
        self.display = bool(text)
        self.update(literal(context_of(self).display(text)) if text else "")
