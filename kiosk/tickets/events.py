"""What a meeting's or a workshop's QR code carries: the event as a compact VEVENT (UTC times,
a summary in the parent's language, a place, the ticket's code), so that it lands at the right
hour in the phone's calendar without internet. No child's name, no reminder, no time-zone
block: small enough for a QR code of version 10 (:func:`kiosk.core.ical.compact_event`)."""

from __future__ import annotations

import datetime as dt

from kiosk.core import ical
from kiosk.core.i18n import N_, Translator


def meeting_event(t: Translator, *, person: str, start: dt.datetime, minutes: int,
                  location: str, code: str = "") -> str:
    """The meeting with `person` ("Rendez-vous avec …" in the parent's language), with the
    ticket's code (to move or cancel it) in the description."""
    return ical.compact_event(
        start=start, end=start + dt.timedelta(minutes=minutes),
        summary=t(N_("Rendez-vous avec {name}")).format(name=person), location=location,
        description=_code(t, code),
    )


def workshop_event(t: Translator, *, title: str, start: dt.datetime, minutes: int,
                   location: str, code: str = "") -> str:
    """The workshop, under its title, with the ticket's code."""
    return ical.compact_event(start=start, end=start + dt.timedelta(minutes=minutes),
                              summary=title, location=location, description=_code(t, code))


def _code(t: Translator, code: str) -> str:
    return t(N_("Code : {code}")).format(code=code) if code else ""
