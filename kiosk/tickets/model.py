"""What a ticket is (:class:`Ticket`, :class:`TicketLine`) and what every ticket knows about
the kiosk that prints it (:class:`TicketContext`); the helpers the builders share.

A :class:`Ticket` is plain data (no printer, no Textual): a title, lines with emphasis and
size hints, an optional French recap (when the parent's language is not French, so that the
teacher or the secretary can read the ticket the parent brings), an optional QR payload and a
footer (school name, printed-at time in the school's time zone, terminal name).

One builder per kind. Builders take a :class:`TicketContext` (what every ticket knows about
the kiosk that prints it: school, terminal, time zone, clock, translators, online address)
and plain values, never another feature's classes, so every flow (questionnaire, bookings,
workshops, announcements, staff lists) calls them the same way. The context is built once by
:mod:`kiosk.services`. Rendering (layout for 58/80 mm paper, ESC/POS, PNG preview) belongs to
:mod:`kiosk.printing`.

Parent-facing strings are French msgids translated with the parent's translator; the French
recap uses the French translator (the identity), so it always reads the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from kiosk.core.i18n import Translator
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.text import single_line, strip_controls

if TYPE_CHECKING:
    from kiosk.core.config import SchoolSettings
    from kiosk.core.languages import Language

#: Emphasis / size hints a renderer understands.
STYLES = ("normal", "bold", "big", "small")
#: Horizontal placement: "start" follows the line's direction (right for right-to-left).
ALIGNS = ("start", "center", "end")

#: Ticket kinds.
KINDS = (
    "appointment",
    "workshop",
    "questionnaire",
    "announcement",
    "lexicon",
    "appointments_list",
    "attendance",
    "printer_test",
    "guide",
    "login_card",
    "loan",
    "loan_slip",
)


@dataclass(frozen=True)
class TicketLine:
    """One paragraph of a ticket (logical order; the renderer wraps and reorders it).

    `rtl`: the paragraph's direction; None means the ticket's language direction for the
    parent's part and left-to-right for the French recap. `rule` draws a separator line.
    """

    text: str
    style: str = "normal"
    align: str = "start"
    rtl: bool | None = None
    rule: bool = False

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown ticket line style {self.style!r}")
        if self.align not in ALIGNS:
            raise ValueError(f"unknown ticket line alignment {self.align!r}")
        # Nothing typed by anyone may reach a printer as a control code.
        object.__setattr__(self, "text", strip_controls(self.text))


@dataclass(frozen=True)
class Ticket:
    """A ticket ready to be printed or previewed."""

    kind: str
    language: str
    title: str
    lines: tuple[TicketLine, ...]
    french: tuple[TicketLine, ...]
    qr: str | None
    qr_caption: str
    footer: tuple[str, ...]
    #: Whether the parent's language is written right to left.
    rtl: bool = False
    #: Caption of the French recap (empty when there is none).
    french_heading: str = ""
    #: When the ticket was composed (school time zone).
    created: dt.datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", single_line(self.title))
        object.__setattr__(self, "qr_caption", strip_controls(self.qr_caption))
        object.__setattr__(self, "footer", tuple(strip_controls(f) for f in self.footer))
        if self.qr is not None:
            qr = strip_controls(self.qr).strip()
            object.__setattr__(self, "qr", qr or None)

    @property
    def bilingual(self) -> bool:
        return bool(self.french)

    def texts(self) -> list[str]:
        """Every text of the ticket, in reading order (for searching and tests)."""
        out = [self.title]
        out += [line.text for line in self.lines]
        if self.french_heading:
            out.append(self.french_heading)
        out += [line.text for line in self.french]
        if self.qr_caption:
            out.append(self.qr_caption)
        out += list(self.footer)
        return out

    def marked_duplicate(self, job: int) -> Ticket:
        """This ticket with a DUPLICATE banner naming the original job number."""
        banner = TicketLine(f"DUPLICATA — ticket n° {job}", style="bold", align="center",
                            rtl=False)
        return replace(self, lines=(banner, *self.lines))


# --- the ticket context -----------------------------------------------------------------------


class Translators(Protocol):
    """Where tickets find their languages and translators (:class:`kiosk.core.i18n.I18n`)."""

    @property
    def languages(self) -> Sequence[Language]: ...

    def translator(self, code: str) -> Translator: ...


@dataclass(frozen=True)
class TicketContext:
    """What every ticket knows about the kiosk that prints it; built once by kiosk.services.

    `now` returns the time now in the school's time zone (the domain's single clock).
    `base_url` is where the online versions live (``[online] base_url``; empty: none).
    """

    school: SchoolSettings
    terminal: str
    tz: dt.tzinfo
    now: Callable[[], dt.datetime]
    i18n: Translators
    base_url: str = ""

    def in_school_tz(self, value: dt.datetime) -> dt.datetime:
        """`value` in the school's time zone (a naive time is taken as school time)."""
        if value.tzinfo is None:
            return value.replace(tzinfo=self.tz)
        return value.astimezone(self.tz)

    def french(self) -> Translator:
        """The translator of the French recap (the source language: the identity)."""
        return self.i18n.translator(SOURCE_LANGUAGE)


# --- helpers ----------------------------------------------------------------------------------


def footer(context: TicketContext) -> tuple[str, ...]:
    """School name, printed-at time (school time zone, French numeric form), terminal name."""
    now = context.now()
    school = context.school
    printed = f"Imprimé le {now:%d/%m/%Y} à {now:%H:%M}"
    lines = [school.name]
    if school.phone:
        lines.append(f"Tél. {school.phone}")
    lines.append(f"{printed} — {context.terminal}")
    return tuple(lines)


def day_and_hours(tr: Translator, start: dt.datetime, minutes: int) -> tuple[str, str]:
    """("Monday 30 November 2026", "10:00 – 10:20") in the translator's locale (the hours on
    the 24-hour clock in every language)."""
    end = start + dt.timedelta(minutes=max(0, minutes))
    day = tr.date(start.date(), "full")
    hours = tr.time(start) if minutes <= 0 else f"{tr.time(start)} – {tr.time(end)}"
    return day, hours


def finish(
    context: TicketContext,
    kind: str,
    lang: str,
    title: str,
    lines: Iterable[TicketLine],
    french: Iterable[TicketLine],
    qr: str | None,
    qr_caption: str,
) -> Ticket:
    """The ticket of `kind` in `lang`, with its footer (and a French recap unless French)."""
    tr = context.i18n.translator(lang)
    bilingual = lang != SOURCE_LANGUAGE
    return Ticket(
        kind=kind,
        language=lang,
        title=title,
        lines=tuple(lines),
        french=tuple(french) if bilingual else (),
        qr=qr or None,
        qr_caption=qr_caption if qr else "",
        footer=footer(context),
        rtl=tr.rtl,
        french_heading="En français :" if bilingual else "",
        created=context.now(),
    )


def french_line(text: str, style: str = "normal") -> TicketLine:
    """A line of the French recap (always left to right)."""
    return TicketLine(text, style=style, rtl=False)
