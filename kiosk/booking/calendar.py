"""The calendar event of a meeting or a workshop registration, in the parent's language: what
the ticket's QR code carries, so that it lands in the phone's calendar without internet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from kiosk.booking.model import MODES, Booking, Registration, Workshop
from kiosk.booking.people import People
from kiosk.core import ical
from kiosk.core.i18n import Translator


class Calendar:
    """iCalendar events of bookings and registrations."""

    def __init__(self, people: People, school_name: str, tz: ZoneInfo,
                 now: Callable[[], dt.datetime]) -> None:
        self._people = people
        self._school_name = school_name
        self._tz = tz
        self._now = now

    def booking_calendar(self, booking: Booking, tr: Translator) -> str:
        """The iCalendar text of a meeting, in the parent's language."""
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
        """The iCalendar text of a workshop registration."""
        return ical.event(
            uid=f"{registration.id}@kiosque", start=workshop.start, end=workshop.end,
            summary=workshop.title, tz=self._tz, stamp=self._now(),
            location=workshop.place or self._school_name,
            description=tr("Code : {code}").format(code=registration.code),
            alarm_text=workshop.title,
        )

    def booking_qr(self, booking: Booking, tr: Translator) -> str:
        """What the ticket's QR code carries: the calendar event itself.

        Never an online address, even when ``[online] base_url`` is set: a booking is one
        family's (the child's first name), so no page of it is published, and the event in the
        code needs no internet to land in the phone's calendar."""
        return self.booking_calendar(booking, tr)

    def workshop_qr(self, workshop: Workshop, registration: Registration,
                    tr: Translator) -> str:
        return self.workshop_calendar(workshop, registration, tr)
