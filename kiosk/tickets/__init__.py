"""Tickets as data: what a printed ticket says, in the parent's language and in French.

A :class:`Ticket` is plain data (no printer, no Textual). One builder per kind, in
:mod:`~kiosk.tickets.parents` (meeting, workshop, questionnaire, announcement),
:mod:`~kiosk.tickets.lexicon` (the petit lexique),
:mod:`~kiosk.tickets.guides` (a guide's steps, the "my login" card),
:mod:`~kiosk.tickets.loans` (an equipment loan's request and the slip to sign) and
:mod:`~kiosk.tickets.staff` (appointments list, attendance sheet, printer test); builders take
a :class:`TicketContext` (:mod:`~kiosk.tickets.model`) and plain values, never another
feature's classes, so every flow calls them the same way. :mod:`~kiosk.tickets.events` says
what a meeting's or a workshop's QR code carries; :mod:`~kiosk.tickets.samples` makes
realistic tickets of every kind (``kiosk print-test --kind``). Rendering (58/80 mm paper,
ESC/POS, PNG preview) belongs to :mod:`kiosk.printing`.
"""

from kiosk.tickets.events import meeting_event, workshop_event
from kiosk.tickets.guides import guide_ticket, login_card_ticket
from kiosk.tickets.lexicon import LEXICON_TITLE, lexicon_ticket
from kiosk.tickets.loans import loan_slip_ticket, loan_ticket
from kiosk.tickets.model import (
    ALIGNS,
    KINDS,
    STYLES,
    Ticket,
    TicketContext,
    TicketLine,
    Translators,
)
from kiosk.tickets.parents import (
    MODES,
    announcement_ticket,
    appointment_ticket,
    questionnaire_ticket,
    workshop_ticket,
)
from kiosk.tickets.samples import SAMPLE_KINDS, sample_ticket, sample_tickets
from kiosk.tickets.staff import (
    TEST_SENTENCE,
    appointments_list_ticket,
    attendance_ticket,
    printer_test_ticket,
)

__all__ = [
    "ALIGNS", "KINDS", "LEXICON_TITLE", "MODES", "SAMPLE_KINDS", "STYLES", "TEST_SENTENCE",
    "Ticket", "TicketContext", "TicketLine", "Translators", "announcement_ticket",
    "appointment_ticket", "appointments_list_ticket", "attendance_ticket", "guide_ticket",
    "lexicon_ticket", "loan_slip_ticket", "loan_ticket", "login_card_ticket", "meeting_event",
    "printer_test_ticket",
    "questionnaire_ticket", "sample_ticket", "sample_tickets", "workshop_event", "workshop_ticket",
]
