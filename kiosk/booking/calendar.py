"""A meeting or a workshop place as a calendar event and as the parent's ticket.

What a ticket's QR code carries is a compact event (:mod:`kiosk.tickets.events`: UTC times, a
summary in the parent's language, a place; no child's name), so that it lands in the phone's
calendar without internet; a waiting-list place carries none. The whole calendar file (time
zone, reminder) is :meth:`Calendar.booking_calendar` / :meth:`Calendar.workshop_calendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from kiosk.booking.model import (
    MODES,
    ROLES,
    Booking,
    Registration,
    RegistrationStatus,
    Workshop,
)
from kiosk.booking.people import People
from kiosk.core import ical
from kiosk.core.i18n import Translator
from kiosk.tickets import (
    Ticket,
    TicketContext,
    appointment_ticket,
    meeting_event,
    workshop_event,
    workshop_ticket,
)


class Calendar:
    """Calendar events of bookings and registrations, and their tickets."""

    def __init__(self, people: People, school_name: str, tz: ZoneInfo,
                 now: Callable[[], dt.datetime]) -> None:
        self._people = people
        self._school_name = school_name
        self._tz = tz
        self._now = now

    def booking_calendar(self, booking: Booking, tr: Translator) -> str:
        """The iCalendar file of a meeting, in the parent's language."""
        person = self._people.person(booking.person_id)
        name = person.name if person else ""
        summary = tr("Rendez-vous avec {name}").format(name=name)
        where = booking.place or self._school_name
        mode_words = MODES.get(booking.mode, MODES["school"])
        details = [tr(mode_words)]
        if booking.mode == "video" and booking.link:
            details.append(booking.link)
        details.append(tr("Code : {code}").format(code=booking.code))
        return ical.event(
            uid=f"{booking.id}@kiosque", start=booking.start, end=booking.end,
            summary=summary, tz=self._tz, stamp=self._now(),
            location=where if booking.mode == "school" else "",
            description="\n".join(details),
            url=booking.link if booking.mode == "video" else "",
            alarm_text=summary,
        )

    def workshop_calendar(self, workshop: Workshop, registration: Registration,
                          tr: Translator) -> str:
        """The iCalendar file of a workshop registration (title and place in the parent's
        language when translated)."""
        shown = workshop.text_in(tr.code)
        return ical.event(
            uid=f"{registration.id}@kiosque", start=workshop.start, end=workshop.end,
            summary=shown.title, tz=self._tz, stamp=self._now(),
            location=shown.place or self._school_name,
            description=tr("Code : {code}").format(code=registration.code),
            alarm_text=shown.title,
        )

    def booking_qr(self, booking: Booking, tr: Translator) -> str:
        """What the ticket's QR code carries: the meeting as a compact event.

        Never an online address, even when ``[online] base_url`` is set: a booking is one
        family's, so no page of it is published, and the event in the code needs no internet
        to land in the phone's calendar. The place: the room at school, "by phone", or the
        video link (left out when too long for the code)."""
        person = self._people.person(booking.person_id)
        if booking.mode == "phone":
            where = tr(MODES["phone"])
        elif booking.mode == "video":
            where = booking.link
        else:
            where = booking.place or self._school_name
        return meeting_event(tr, person=person.name if person else "",
                             start=self._aware(booking.start), minutes=booking.minutes,
                             location=where, code=booking.code)

    def workshop_qr(self, workshop: Workshop, registration: Registration,
                    tr: Translator) -> str:
        """The workshop as a compact event, its title and place in the parent's language when
        translated; "" for a waiting-list place (not in it yet)."""
        if registration.status != RegistrationStatus.REGISTERED:
            return ""
        shown = workshop.text_in(tr.code)
        return workshop_event(tr, title=shown.title, start=self._aware(workshop.start),
                              minutes=workshop.minutes,
                              location=shown.place or self._school_name,
                              code=registration.code)

    def booking_ticket(self, context: TicketContext, booking: Booking, lang: str) -> Ticket:
        """The parent's ticket of a meeting: the role in each part's language, the child's
        class, and the event in the QR code."""
        tr = context.i18n.translator(lang)
        person = self._people.person(booking.person_id)
        return appointment_ticket(
            context, lang, person=person.name if person else "",
            role=person.role_label if person else ROLES["other"], start=booking.start,
            minutes=booking.minutes, place=booking.place or self._school_name,
            mode=booking.mode, link=booking.link, child=booking.child,
            child_class=booking.child_class, code=booking.code,
            qr=self.booking_qr(booking, tr), interpreter=booking.interpreter,
        )

    def registration_ticket(self, context: TicketContext, workshop: Workshop,
                            registration: Registration, lang: str) -> Ticket:
        """The parent's ticket of a workshop place (or waiting-list place, without a code):
        the title and place in the parent's language when translated (else the French, said
        "not translated yet"), in French in the French part."""
        tr = context.i18n.translator(lang)
        waiting = registration.status == RegistrationStatus.WAITING
        shown = workshop.text_in(lang)
        return workshop_ticket(
            context, lang, title=shown.title, start=workshop.start,
            minutes=workshop.minutes, place=shown.place or self._school_name,
            name=registration.name, code=registration.code,
            waitlist_position=registration.position if waiting else None,
            qr=self.workshop_qr(workshop, registration, tr),
            french_title=workshop.title, french_place=workshop.place or self._school_name,
            translated=shown.translated, interpreter=registration.interpreter,
        )

    def _aware(self, value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=self._tz)
