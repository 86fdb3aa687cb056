"""An announcement as a parent reads it in one language (kiosk, preview, ticket, web).

Parents never see a missing or outdated translation: they see the French text under a clear
line, in their language, saying that it is not translated yet (:func:`reading`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kiosk.announcements.model import Announcement, Status
from kiosk.core.i18n import N_, Translator
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.school_texts import FALLBACK_NOTE
from kiosk.core.text import strip_controls

if TYPE_CHECKING:
    from kiosk.tickets import Ticket, TicketContext

URGENT_NOTE = N_("Les annonces urgentes paraissent tout de suite.")
NEW_MARK = N_("Nouveau")
URGENT_MARK = N_("Urgent")
PUBLISHED_ON = N_("Publiée le {date}")


@dataclass(frozen=True)
class Reading:
    """An announcement as a parent reads it in one language (kiosk, preview, ticket, web)."""

    id: str
    lang: str
    title: str
    text: str
    #: False: the French text is shown because the translation is missing or outdated.
    translated: bool
    #: The line saying it is not translated yet (in the parent's language), or "".
    note: str
    category: str
    published: dt.datetime
    published_text: str
    new: bool
    urgent: bool
    pinned: bool
    #: Base direction of title and text (French fallback text is left-to-right).
    rtl: bool
    french_title: str


def reading(
    announcement: Announcement, tr: Translator, now: dt.datetime, new_days: int
) -> Reading:
    """The announcement in `tr`'s language, or in French with the fallback line."""
    lang = tr.code
    translated = announcement.status(lang) is Status.TRANSLATED
    if translated and lang != SOURCE_LANGUAGE:
        found = announcement.translations[lang]
        title, text = found.title, found.text
    else:
        title, text = announcement.title, announcement.text
    return Reading(
        id=announcement.id,
        lang=lang,
        title=title,
        text=text,
        translated=translated,
        note="" if translated else tr(FALLBACK_NOTE),
        category=tr(announcement.category_label),
        published=announcement.release,
        published_text=tr(PUBLISHED_ON).format(date=tr.date(announcement.release.date(), "long")),
        new=announcement.is_new(now, new_days),
        urgent=announcement.urgent,
        pinned=announcement.pinned,
        rtl=tr.rtl and translated,
        french_title=announcement.title,
    )


def ticket_of(context: TicketContext, shown: Reading, qr: str) -> Ticket:
    """The printed ticket of an announcement as the parent reads it (with the QR code).

    Without a current translation, the French title and text are printed left to right under
    the "not translated yet" line in the parent's language, as on the screen. `context` is
    what :func:`kiosk.tickets.announcement_ticket` makes tickets from (school, terminal, clock).
    """
    from kiosk.tickets import TicketLine, announcement_ticket

    ticket = announcement_ticket(
        context,
        shown.lang,
        title=shown.title,
        text=shown.text,
        french_title=shown.french_title,
        published=shown.published.date(),
        qr=qr,
    )
    if shown.translated:
        return ticket
    french_texts = {strip_controls(shown.title), strip_controls(shown.text)}
    lines: list[TicketLine] = []
    for line in ticket.lines:
        if line.text == strip_controls(shown.text) and shown.note:
            lines.append(TicketLine(shown.note, style="small", rule=True))
        lines.append(replace(line, rtl=False) if line.text in french_texts else line)
    return replace(ticket, lines=tuple(lines))


def parent_order(items: Iterable[Announcement]) -> list[Announcement]:
    """Pinned first, then the newest release first."""
    return sorted(items, key=lambda a: (not a.pinned, -a.release.timestamp(), a.id))

