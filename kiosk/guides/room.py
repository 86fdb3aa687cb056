"""A guide printed for a workshop's room: one ticket per parent, each in that parent's language.

The staff member running a workshop ("Animer l'atelier") chooses a guide; the kiosk prints it
once for each parent expected in the room, in the parent's language with the French beside
(:func:`kiosk.tickets.guide_ticket`), the parent's first name on top so that each ticket finds
its owner. A language the kiosk no longer offers gets the French.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.guides.library import GuideLibrary
from kiosk.guides.model import Guide
from kiosk.tickets.guides import guide_ticket
from kiosk.tickets.model import Ticket, TicketContext


def room_tickets(library: GuideLibrary, context: TicketContext, guide: Guide,
                 people: Sequence[tuple[str, str]]) -> list[Ticket]:
    """The tickets of `guide`, one per (language, first name) of `people`, in order."""
    offered = {language.code for language in context.i18n.languages}
    tickets = []
    for lang, name in people:
        code = lang if lang in offered else SOURCE_LANGUAGE
        shown = library.reading(guide, context.i18n.translator(code))
        tickets.append(guide_ticket(
            context, code, title=shown.title, steps=shown.steps,
            french_title=shown.french_title, french_steps=shown.french_steps, url=shown.url,
            translated=shown.translated, for_name=name))
    return tickets
