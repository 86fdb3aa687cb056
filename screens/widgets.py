"""Shared widgets of the parent kiosk: big buttons, text fields, paragraphs and notices that
read right in any script, and the Back / Home / Language bar.

Every text a widget shows goes through the kiosk's single display function
(:meth:`kiosk.core.i18n.I18n.display` / ``display_lines``), typed text included, and is shown
literally: a ``[bold]`` typed by someone appears as typed, and no control character (ESC,
NUL, C1…) reaches the terminal. The text fields (:class:`TextField`; ``TextBox`` for staff)
keep none either, whatever is pasted. Right-to-left layout (mirrored rows and grids, staff
tables) is :mod:`screens.direction`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from kiosk.audio.script import LISTEN
from kiosk.core.display import has_rtl, text_width, visual_map, wrap
from kiosk.core.i18n import N_
from kiosk.core.text import single_line, strip_controls
from kiosk.glossary import fold
from screens.context import context_of
from screens.direction import Row, focus_sort_key, right_to_left

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
    """A one-line text field that never holds a control character, and shows what is typed
    the way every other text is shown.

    What a keyboard types is printable already, but a paste (or a value restored from the
    session) may carry ESC, NUL, C1 controls or line separators, which Textual's ``Input`` would
    send to the terminal as they are: they are removed here (line breaks become spaces) before
    the value is shown or read. Everything else typed is kept, so a refused name can be
    corrected rather than typed again.

    The value stays in logical (typed) order; typed Arabic or Persian is shown through the
    kiosk's display path (shaped letters, right-to-left runs reordered, as
    :func:`kiosk.core.display.visual_line` gives them) with the cursor on the glyph of the
    character it stands before (after the last one: at the end side of the text). On a
    right-to-left screen the text sits at the field's right edge, and Left / Right move the
    cursor the way the arrows point in right-to-left text. With the ``bidi = "terminal"``
    setting the terminal reorders by itself and the value is shown as typed.

    A paste or a key that would pass ``max_length`` leaves the field as it was (Textual's
    ``Input`` refuses it whole) and says so, in the parent's language, in the field's
    :class:`Notice` (or a staff screen's status line): ``notice`` is its id (by default the
    field's id + ``-error``).
    """

    @property
    def _focus_sort_key(self) -> tuple[int, int]:
        """Tab's order: right to left in a mirrored row on a right-to-left screen."""
        return focus_sort_key(self, super()._focus_sort_key)

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
        for notice in self.screen.query(f"#{self.notice_id}"):
            if isinstance(notice, Notice):
                notice.show(message)
            elif isinstance(notice, Static):  # a staff screen's status line
                notice.update(literal(message))

    # -- showing the value through the display path ------------------------------------------

    def _shown(self) -> ShownValue | None:
        """How the value is laid out when the kiosk draws it itself (None: as Textual does)."""
        if self.password or not self.is_attached:
            return None
        try:
            i18n = context_of(self).i18n
        except LookupError:  # a screen made without a context: Textual's own drawing
            return None
        screen_rtl = self.screen.has_class("-rtl")
        text = self.value or self.placeholder
        if i18n.bidi != "app" or not (screen_rtl or has_rtl(text)):
            return None
        try:
            return ShownValue.of(self.value, self.placeholder, self.cursor_position, screen_rtl)
        except (ValueError, IndexError):  # pragma: no cover - python-bidi changed its output
            return None

    @property
    def _cursor_offset(self) -> int:
        shown = self._shown()
        if shown is None:
            return super()._cursor_offset
        return shown.cursor + shown.pad(self.scrollable_content_region.width)

    @property
    def content_width(self) -> int:
        shown = self._shown()
        return super().content_width if shown is None else shown.width

    def _cell_offset_to_index(self, offset: int) -> int:
        shown = self._shown()
        if shown is None:
            return super()._cell_offset_to_index(offset)
        column = offset + self.scroll_offset.x - shown.pad(self.scrollable_content_region.width)
        return shown.index_at(column)

    def render_line(self, y: int) -> Strip:
        shown = self._shown()
        if shown is None or y != 0:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        pad = shown.pad(width)
        line = Text(" " * pad + shown.cells, no_wrap=True, overflow="ignore", end="")
        if not self.value:
            line.stylize(self.get_component_rich_style("input--placeholder"), pad)
        if self.has_focus and self._cursor_visible:
            cursor = pad + shown.cursor_char
            line.stylize(self.get_component_rich_style("input--cursor"), cursor, cursor + 1)
        console = self.app.console
        strip = Strip(console.render(line, self.app.console_options.update_width(
            max(width, pad + shown.width))))
        scroll_x = self.scroll_offset.x
        strip = strip.crop(scroll_x, scroll_x + width).extend_cell_length(width)
        return strip.apply_style(self.rich_style)

    def action_cursor_left(self, select: bool = False) -> None:
        shown = self._shown()
        if shown is not None and shown.rtl_value:
            super().action_cursor_right(select)
        else:
            super().action_cursor_left(select)

    def action_cursor_right(self, select: bool = False) -> None:
        shown = self._shown()
        if shown is not None and shown.rtl_value:
            super().action_cursor_left(select)
        else:
            super().action_cursor_right(select)


@dataclass(frozen=True)
class ShownValue:
    """A text field's value (or its placeholder) as drawn: the glyphs in visual order with one
    spare cell for the cursor after the last character (on the left of right-to-left text,
    on the right of left-to-right text), where the cursor is, and which way it sits."""

    #: The glyphs and the spare cell.
    cells: str
    #: The cursor's column and character index in `cells`.
    cursor: int
    cursor_char: int
    #: Each character's column in `cells` (the spare cell for index len(value)).
    columns: tuple[int, ...]
    #: The value reads from right to left; the field sits at the right of its box.
    rtl_value: bool
    align_right: bool

    @property
    def width(self) -> int:
        return text_width(self.cells)

    def pad(self, room: int) -> int:
        """Spaces before the text, to put it at the right edge of a field `room` cells wide."""
        return max(0, room - self.width) if self.align_right else 0

    def index_at(self, column: int) -> int:
        """The position in the value of a click at `column` (of `cells`)."""
        return min(range(len(self.columns)), key=lambda index: abs(self.columns[index] - column))

    @classmethod
    def of(cls, value: str, placeholder: str, cursor: int, screen_rtl: bool) -> ShownValue:
        if not value:  # the placeholder, the cursor where typing starts (right: RTL screen)
            glyphs = visual_map(placeholder, None).text + " "
            end = len(glyphs) - 1 if screen_rtl else 0
            return cls(glyphs, text_width(glyphs[:end]), end, (text_width(glyphs[:end]),),
                       screen_rtl, screen_rtl)
        mapped = visual_map(value, None)
        rtl_value = mapped.rtl
        glyphs = mapped.text
        if rtl_value:
            cells = " " + glyphs
            columns = [1 + mapped.cell(i) for i in range(len(value))] + [0]
            chars = [1 + mapped.positions[i] for i in range(len(value))] + [0]
        else:
            cells = glyphs + " "
            end = text_width(glyphs)
            columns = [mapped.cell(i) for i in range(len(value))] + [end]
            chars = [mapped.positions[i] for i in range(len(value))] + [len(glyphs)]
        cursor = min(cursor, len(value))
        return cls(cells, columns[cursor], chars[cursor], tuple(columns), rtl_value,
                   rtl_value or screen_rtl)


class BigButton(Button):
    """A large button with an optional number key and a small pictogram above the words.

    `key` is the key that presses it ("1"…"9", "0", or a letter); the screen maps the number
    keys (also on French AZERTY keyboards) to the button with that key. `text` is logical text
    in the parent's language; it is shaped and reordered for display here.
    """

    DEFAULT_CSS = """
    BigButton { height: auto; min-height: 3; width: 1fr; }
    """

    @property
    def _focus_sort_key(self) -> tuple[int, int]:
        """Tab's order: right to left in a mirrored row on a right-to-left screen."""
        return focus_sort_key(self, super()._focus_sort_key)

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
        self._wrapped: tuple[int, Content] | None = None
        super().__init__("", variant=variant, id=id, classes=classes, disabled=disabled,
                         action=action)

    def on_mount(self) -> None:
        self.refresh_label()

    def refresh_label(self) -> None:
        """Show the words again (after a change of text, key, hint or pictogram layout)."""
        self._wrapped = None
        self.label = self._label(0)

    def _label(self, width: int) -> Content:
        """The label for a content `width` (0: not wrapped).

        Each part (pictogram, words, hint) is wrapped in logical order, then shaped and
        reordered line by line, as a :class:`Paragraph` is: wrapping a reordered line would
        put the end of a right-to-left phrase on the first line. The key goes at the start
        side, on the first line of the words ("(1)" at the right in Arabic, "1" at the left
        in French); the hint is in the parent's language (the screen's direction), or in the
        words' own language when they have one (Welcome's)."""
        screen_rtl = right_to_left(self)  # fixed when the screen is composed
        rtl = screen_rtl if self.rtl is None else self.rtl
        # A right-to-left screen reads from the right, whatever the words' language (a
        # French workshop title); elsewhere a button in an RTL language (Welcome's) does.
        lead_rtl = screen_rtl or rtl
        marks = []
        if self.key is not None:
            marks.append(f"({self.key.upper()})" if lead_rtl else self.key.upper())
        parts = [self.pictogram] if self.pictogram else []
        if self.inline_pictogram and parts:
            marks.append(parts.pop())
        words = self._lines(self.text, width, rtl, sum(text_width(mark) + 2 for mark in marks))
        for mark in marks:
            words[0] = f"{words[0]}  {mark}" if lead_rtl else f"{mark}  {words[0]}"
        parts.extend(words)
        if self.hint:  # with words in a language of their own, the hint's direction is its own
            parts.extend(self._lines(self.hint, width, lead_rtl if self.rtl is None else None))
        return literal("\n".join(parts))

    def _lines(self, text: str, width: int, rtl: bool | None,
               first_taken: int = 0) -> list[str]:
        """`text` wrapped to `width` in logical order (its first line `first_taken` cells
        shorter, for the key), each line then shaped and reordered (`rtl` None: each line in
        the direction of its first letter)."""
        i18n = context_of(self).i18n
        if not width:
            return i18n.display(text, rtl=rtl).split("\n")
        lines = wrap(text, width)
        if first_taken and text_width(lines[0]) + first_taken > width:
            first, _, others = text.partition("\n")
            first = first.lstrip()
            head = wrap(first, max(2, width - first_taken))[0]
            rest = first[len(head):].lstrip()
            lines = [head, *(wrap(rest, width) if rest else []),
                     *(wrap(others, width) if others else [])]
        return [i18n.display(line, rtl=rtl) for line in lines]

    def _label_for(self, width: int) -> Content:
        # Textual pads each line of a button's label (``line-pad``) inside its content.
        width = max(0, width - 2 * self.styles.line_pad) if width else 0
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, self._label(width))
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self.is_mounted:
            return super().get_content_height(container, viewport, width)
        return len(self._label_for(width).plain.split("\n"))

    def render(self) -> Content:
        width = self.content_region.width
        if not width or not self.is_mounted:
            return literal(str(self.label))
        return self._label_for(width)


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
        return self._marked(literal("\n".join(lines)))

    def _marked(self, content: Content) -> Content:
        """`content` with the glossary words it shows underlined, on a screen that marks them
        (``MARKS_GLOSSARY``: a parent screen, whose "?" lists the same words). A word cut by
        the wrapping, or whose letters take other shapes inside a longer word, stays plain."""
        if not getattr(self.screen, "MARKS_GLOSSARY", False):
            return content
        context = context_of(self)
        shown = fold(content.plain)
        for use in set(context.glossary.uses_in(self.text, context.tr.code)):
            piece = fold(context.i18n.display(use, rtl=self._is_rtl()))
            start = shown.find(piece) if piece.strip() else -1
            while start >= 0:
                content = content.stylize("underline", start, start + len(piece))
                start = shown.find(piece, start + len(piece))
        return content


class Title(Paragraph):
    """A screen's title: bold, one or two lines."""

    DEFAULT_CSS = """
    Title { text-style: bold; margin: 0 0 1 0; }
    """


class NavBar(Row):
    """The bar at the bottom of every parent screen: Back, Home, Language, Listen and "?".

    `escape_home`: Escape goes Home on this screen (the parent has finished what they came
    for), and the Home button says so. The "?" button (the glossary) is added once the screen
    shows a school word. Each label stays on one line: where the bar is short of room, Listen
    and "?" keep only their sign ("♪", "?") and leave the room to the others.
    """

    DEFAULT_CSS = """
    NavBar { height: auto; dock: bottom; }
    """

    def __init__(self, *, back: bool = True, home: bool = True, language: bool = True,
                 escape_home: bool = False, listen: bool = False,
                 listen_words: bool = True) -> None:
        super().__init__()
        self.show_back = back
        self.show_home = home
        self.show_language = language
        self.escape_home = escape_home
        #: The listen button (key ``*``): read the screen aloud (only where sound works).
        self.show_listen = listen
        self.listen_words = listen_words

    def compose(self) -> ComposeResult:
        tr = context_of(self).tr
        # In a right-to-left language "back" points right and the bar reads from the right
        # (the bar is mirrored there: Back, the first button, is the rightmost).
        back_arrow = "▶" if tr.rtl else "◀"
        if self.show_back:
            back = tr("Retour")
            escape = tr("Échap")
            yield BigButton(f"{back_arrow} {back} ({escape})", id="nav-back", classes="nav",
                            action="screen.back")
        if self.show_home:
            home = "⌂ " + tr("Accueil")
            if self.escape_home:
                home += f" ({tr('Échap')})"
            yield BigButton(home, id="nav-home", classes="nav", action="screen.home")
        if self.show_language:
            yield BigButton("⇄ " + tr("Langue"), id="nav-language", classes="nav",
                            action="screen.change_language")
        if self.show_listen:
            words = self._sign_words("♪", LISTEN) if self.listen_words else "♪"
            yield BigButton(words, key=LISTEN_KEY, id="nav-listen",
                            classes="nav", action="screen.listen")

    def _sign_words(self, sign: str, words: str) -> str:
        return f"{sign} {context_of(self).tr(words)}"

    def on_mount(self) -> None:
        self.call_after_refresh(self.show_glossary_button)

    async def show_glossary_button(self) -> None:
        """The "?" button only on a screen that has glossary words (a screen composed again,
        with a new content, composes its bar again)."""
        if not self.is_attached:
            return  # composed again meanwhile: the new bar does this
        finder = getattr(self.screen, "glossary_words", None)
        wanted = bool(finder()) if callable(finder) else False
        shown = list(self.query("#nav-glossary"))
        if wanted and not shown:
            await self.mount(BigButton(self._sign_words("?", GLOSSARY), id="nav-glossary",
                                       classes="nav", action="screen.glossary"))
        elif shown and not wanted:
            await self.remove_children(shown)
        else:
            return
        if self.is_attached:  # its style known (mounted), the bar's room shared again
            self.fit_labels()

    def on_resize(self) -> None:
        self.fit_labels()

    def fit_labels(self) -> None:
        """Each label on one line where the bar has the room: all the buttons share the bar
        with their words; else Listen and "?" keep only their sign (and the room it needs);
        else every button takes only the room of its words. Where even that does not fit (a
        tiny terminal), the signs stay alone and the other labels wrap."""
        if not self.is_attached or not self.size.width:
            return
        signs = {"nav-listen": ("♪", LISTEN), "nav-glossary": ("?", GLOSSARY)}
        if not self.listen_words:
            signs.pop("nav-listen")  # Welcome's: its sign alone, always
        buttons = list(self.query(BigButton).results(BigButton))
        room = self.size.width  # inside its padding
        full = [self._room_for(button, self._sign_words(*signs[button.id])
                               if button.id in signs else button.text) for button in buttons]
        short = [self._room_for(button, signs[button.id][0] if button.id in signs
                                else button.text) for button in buttons]
        shared = [need for need, button in zip(short, buttons, strict=True)
                  if button.id not in signs]
        taken = sum(short) - sum(shared)
        compact = max(full, default=0) * len(full) > room
        snug = compact and max(shared, default=0) * len(shared) > room - taken
        self.set_class(snug and sum(short) <= room, "-snug")
        for button in buttons:
            if button.id not in signs or button.has_class("-compact") == compact:
                continue
            sign, words = signs[button.id]
            button.text = sign if compact else self._sign_words(sign, words)
            button.set_class(compact, "-compact")
            button.refresh_label()

    @staticmethod
    def _room_for(button: BigButton, words: str) -> int:
        """Cells `button` needs to show `words` (and its key) on one line."""
        styles = button.styles
        mark = text_width(button.key) + 2 if button.key else 0
        return (text_width(words) + mark + styles.gutter.width + styles.margin.width
                + 2 * styles.line_pad)


#: The "?" button's words (the glossary of school words).
GLOSSARY = N_("Lexique")


class Notice(Paragraph):
    """A short message (error or success) shown literally, in the session's direction, wrapped
    like a :class:`Paragraph` (a long Arabic message keeps its lines in reading order); hidden
    while it says nothing."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(text, id=id, classes=classes)

    def on_mount(self) -> None:
        self.show(self.text)

    def show(self, text: str) -> None:
        self.display = bool(text)
        self.update(text)
