"""What a meeting's or a workshop's QR code carries: the event as a compact VEVENT (UTC times,
a summary in the parent's language, a place), so that it lands at the right hour in the
phone's calendar without internet. No child's name, no reminder, no time-zone block: small
enough for a QR code of version 10 (:func:`kiosk.core.ical.compact_event`)."""

from __future__ import annotations

import datetime as dt

from kiosk.core import ical
from kiosk.core.i18n import N_, Translator


def meeting_event(t: Translator, *, person: str, start: dt.datetime, minutes: int,
                  location: str) -> str:
    """The meeting with `person` ("Rendez-vous avec …" in the parent's language)."""
    return ical.compact_event(
        start=start, end=start + dt.timedelta(minutes=minutes),
        summary=t(N_("Rendez-vous avec {name}")).format(name=person), location=location,
    )


def workshop_event(*, title: str, start: dt.datetime, minutes: int, location: str) -> str:
    """The workshop, under its title."""
    return ical.compact_event(start=start, end=start + dt.timedelta(minutes=minutes),
                              summary=title, location=location)
