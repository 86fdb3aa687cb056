"""The screen audit's checks (issue 15, "General checks"): each looks at the running app and
returns what is wrong, in words, so that one opened screen is checked for everything at once.

- :func:`focus_problems`: the focus is somewhere, and every control Tab reaches (every
  numbered button among them) is fully in view when it has the focus;
- :func:`close_problems`: after a dialog over the screen closes, and after the screen itself
  closes, a key reaches something (a focused control of the screen now on top);
- :func:`french_problems`: no French interface string on a non-French screen, and the
  school's own French texts only where the screen says they are not translated yet;
- :func:`rtl_problems`: on a right-to-left screen, labels, fields and buttons on the right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from babel.messages.pofile import read_po

from tests.support import comes_into_view, press, screen_text
from tests.support.paths import ROOT

#: How many Tab presses at most go round a screen's controls.
TAB_LIMIT = 80
#: Columns a control may stray from its side (borders, a scroll bar).
SIDE_SLACK = 2


def _attached_focus(app: Any) -> Any:
    """The focused widget when it belongs to the screen on top, else None."""
    focused = app.focused
    if focused is None or not focused.is_attached or focused.screen is not app.screen:
        return None
    return focused


async def focus_problems(pilot: Any) -> list[str]:
    """Tab round the screen: each control focused is fully in view; every numbered button
    that can be pressed is among them."""
    from screens.widgets import BigButton

    app = pilot.app
    problems: list[str] = []
    first = _attached_focus(app)
    if first is None:
        return [f"nothing has the focus on {type(app.screen).__name__}"]
    if not await comes_into_view(pilot, first):
        problems.append(f"{first!r} has the focus out of view")
    seen = [first]
    with unpainted(app.screen):
        await _tab_round(pilot, seen, problems)
    for button in app.screen.query(BigButton).results(BigButton):
        if button.key and shown(button) and not button.disabled and button not in seen:
            problems.append(f"key {button.key} ({button.id}) is not reached by Tab")
    return problems


@contextmanager
def unpainted(screen: Any) -> Iterator[None]:
    """While the focus goes round, the screen is laid out (where each widget is) but not
    painted: painting a whole screen for each Tab was most of the audit's time."""
    screen._compositor_refresh = lambda: None
    try:
        yield
    finally:
        del screen._compositor_refresh
        screen.refresh()


async def _tab_round(pilot: Any, seen: list[Any], problems: list[str]) -> None:
    """Press Tab until the focus comes back to a control in `seen` (those it reaches are
    added), noting each one focused out of view."""
    app = pilot.app
    for _ in range(TAB_LIMIT):
        await pilot.press("tab")  # no worker starts on Tab: no need to wait for one
        focused = _attached_focus(app)
        if focused is None:
            problems.append("Tab left nothing focused")
            break
        if focused in seen:
            break
        if not await comes_into_view(pilot, focused):
            problems.append(f"{focused!r} is focused out of view")
        seen.append(focused)


def shown(widget: Any) -> bool:
    """Whether `widget` and every container it is in are displayed."""
    return bool(widget.display) and all(bool(a.display) for a in widget.ancestors
                                        if hasattr(a, "display"))


async def close_problems(pilot: Any, *, modal: bool) -> list[str]:
    """A dialog opened over the screen and closed, then the screen closed with Escape: each
    time, a control of the screen now on top has the focus."""
    from screens.welcome import LanguagePicker

    app = pilot.app
    problems: list[str] = []
    if not modal and app.current_mode == app.PARENT_MODE:
        await app.push_screen(LanguagePicker(app.screen_context))
        await press(pilot, "escape")
        if _attached_focus(app) is None:
            problems.append(f"no focus after a dialog closed over {type(app.screen).__name__}")
    closed = type(app.screen).__name__
    await press(pilot, "escape")
    if _attached_focus(app) is None:
        problems.append(f"no focus on {type(app.screen).__name__} after {closed} closed")
    return problems


# -- French on a non-French screen ------------------------------------------------------------

#: Placeholders and line breaks cut a message into the parts that are shown as they are.
_CUTS = re.compile(r"\{[^}]*\}|%\(\w+\)[sd]|%[sd]|\n")


@cache
def french_fragments(lang: str) -> tuple[str, ...]:
    """The parts of the interface's French messages that `lang` translates differently,
    long enough to be French on their own (not a key name, a number or a word that the two
    languages share)."""
    fragments: set[str] = set()
    for domain in ("kiosk", "questionnaire"):
        path = ROOT / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
        with path.open("rb") as po:
            catalog = read_po(po)
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (
                message.string,)
            translated = " ".join(s for s in strings if s)
            for msgid in ids:
                for part in _CUTS.split(msgid):
                    part = part.strip(" :.,;!?«»()…—-")
                    if distinctive(part) and part not in translated:
                        fragments.add(part)
    return tuple(sorted(fragments, key=len, reverse=True))


def distinctive(part: str) -> bool:
    """Whether `part` is unmistakably French: two words of ten letters in all, or one word of
    six letters or more (not a number, not a key name)."""
    letters = sum(c.isalpha() for c in part)
    words = part.split()
    if len(words) >= 2:
        return letters >= 10
    return letters >= 6 and part.isalpha()


@cache
def not_translated_marks(lang: str) -> tuple[str, ...]:
    """What a screen in `lang` says over the school's text that is not translated yet."""
    path = ROOT / "locales" / lang / "LC_MESSAGES" / "kiosk.po"
    with path.open("rb") as po:
        catalog = read_po(po)
    marks = []
    for message in catalog:
        if isinstance(message.id, str) and "pas encore tradu" in message.id and message.string:
            marks.append(_CUTS.split(str(message.string))[0].strip()[:20])
    return tuple(marks)


def shown_texts(app: Any) -> str:
    """Every text the screen on top shows, in logical order (before any bidi reordering),
    and the screen as it is painted, each line once."""
    from textual.widgets import Button, Input, Static

    from screens.widgets import BigButton, Notice, Paragraph

    parts: list[str] = []
    for widget in app.screen.query("*"):
        if not shown(widget):
            continue
        if isinstance(widget, Paragraph):
            parts.append(widget.text)
        elif isinstance(widget, BigButton):
            parts += [widget.text, widget.hint]
        elif isinstance(widget, Notice):
            parts.append(widget._text)
        elif isinstance(widget, Button):
            parts.append(str(widget.label))
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, Input):
            parts.append(widget.placeholder)
    parts.append(screen_text(app))
    return "\n".join(parts)


def school_texts(services: Any) -> tuple[list[str], list[str]]:
    """The school's own words: names shown as they are (the school, people, classes,
    places), and the French texts it writes (announcements, workshops)."""
    names = [services.config.school.name]
    office = services.booking
    for person in office.people.all():
        names += [person.name, *person.classes]
    writings: list[str] = []
    for announcement in services.announcements.current():
        writings += [announcement.title, *_sentences(announcement.text)]
    for workshop in office.workshops.upcoming():
        writings += [workshop.title, *_sentences(workshop.description)]
        names.append(workshop.place)
    return [n for n in names if n], [w for w in writings if len(w) >= 12]


def _sentences(text: str) -> Iterator[str]:
    """The first words of each paragraph of `text` (short enough to sit on one line)."""
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if paragraph:
            yield paragraph[:24].rsplit(" ", 1)[0] if len(paragraph) > 24 else paragraph


def french_problems(app: Any, lang: str) -> list[str]:
    """French on a screen in `lang`: an interface string, or the school's own text where
    nothing says it is not translated yet."""
    text = shown_texts(app)
    names, writings = school_texts(app.services)
    problems: list[str] = []
    marked = any(mark and mark in text for mark in not_translated_marks(lang))
    for writing in writings:
        if writing in text:
            if not marked:
                problems.append(f"school text shown in French, not marked: {writing!r}")
            text = text.replace(writing, " ")
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    for fragment in french_fragments(lang):
        if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text):
            problems.append(f"French interface text: {fragment!r}")
            text = text.replace(fragment, " ")
    return problems


# -- right to left -----------------------------------------------------------------------------


def rtl_problems(app: Any) -> list[str]:
    """On a right-to-left screen the body reads from the right: each field or button (each
    row of them, taken together) narrower than its column sits on the right, a row of them
    starts on the right (its first control rightmost), and a field's label ends where the
    field does."""
    from textual.widgets import Button, Input

    from screens.widgets import Paragraph

    problems: list[str] = []
    body = app.screen.query("#body")
    if not body:
        return problems
    rows: dict[tuple[int, int], list[Any]] = {}
    for widget in body.first().query("*"):
        if widget.has_class("code-key"):  # the keypad of a Latin code reads left to right
            continue
        if isinstance(widget, Button | Input) and shown(widget) and widget.region:
            rows.setdefault((id(widget.parent), widget.region.y), []).append(widget)
    for row in rows.values():
        column = row[0].parent.content_region
        left = min(w.region.x for w in row) - column.x
        right = column.right - max(w.region.right for w in row)
        if left + SIDE_SLACK < right and left + right > 2 * SIDE_SLACK:  # not full width
            problems.append(f"{row[0]!r} sits on the left ({left} columns from the left, "
                            f"{right} from the right)")
        if len(row) > 1 and row[0].region.x < row[-1].region.x:
            problems.append(f"the row of {row[0]!r} starts on the left")
    for field in body.first().query(Input):
        label = _label_before(field, Paragraph) if shown(field) else None
        end = _text_end(app, label) if label is not None else None
        if end is not None and abs(end - field.region.right) > SIDE_SLACK + 1:
            problems.append(f"the label of {field!r} ends at column {end}, "
                            f"the field at {field.region.right}")
    return problems


def _label_before(widget: Any, kind: type) -> Any:
    siblings = list(widget.parent.children)
    before = siblings[:siblings.index(widget)]
    for sibling in reversed(before):
        if isinstance(sibling, kind):
            return sibling
        if shown(sibling) and sibling.region.height:
            return None
    return None


def _text_end(app: Any, widget: Any) -> int | None:
    """The column after the last character `widget` paints (None: nothing painted)."""
    region = widget.region
    if not region:
        return None
    rows = screen_text(app).split("\n")
    end = None
    for y in range(region.y, region.bottom):
        row = rows[y][region.x:region.right] if y < len(rows) else ""
        if row.strip():
            last = region.x + len(row.rstrip())
            end = last if end is None else max(end, last)
    return end
