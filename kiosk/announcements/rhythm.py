"""The weekly publication rhythm of the announcements.

The school publishes at one known moment of the week (``[announcements] publication_day`` and
``publication_time``, e.g. Monday 16:00) so that families know when to look and need not watch
for news in the evening or at the weekend. An announcement written after the last publication
moment is held until the next one, unless it is marked urgent (a strike tomorrow cannot wait).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kiosk.core.config import WEEKDAYS, AnnouncementSettings
from kiosk.core.i18n import N_, Translator

#: "When does news come out": {day} is a weekday name, {time} a time of day.
RHYTHM_NOTE = N_("Les nouvelles annonces paraissent chaque {day} à {time}.")


@dataclass(frozen=True)
class PublicationRhythm:
    """The weekly publication moment, in the school's time zone."""

    weekday: int  # 0 = Monday
    time: dt.time
    tz: ZoneInfo

    @classmethod
    def from_settings(cls, settings: AnnouncementSettings, tz: ZoneInfo) -> PublicationRhythm:
        hour, minute = (int(part) for part in settings.publication_time.split(":"))
        return cls(WEEKDAYS.index(settings.publication_day), dt.time(hour, minute), tz)

    def last_at_or_before(self, moment: dt.datetime) -> dt.datetime:
        """The latest publication moment that is not after `moment`."""
        local = moment.astimezone(self.tz)
        day = local.date() - dt.timedelta(days=(local.weekday() - self.weekday) % 7)
        candidate = dt.datetime.combine(day, self.time, tzinfo=self.tz)
        if candidate > local:
            candidate = dt.datetime.combine(day - dt.timedelta(days=7), self.time, tzinfo=self.tz)
        return candidate

    def next_at_or_after(self, moment: dt.datetime) -> dt.datetime:
        """The first publication moment that is not before `moment`."""
        last = self.last_at_or_before(moment)
        if last == moment:
            return last
        day = last.date() + dt.timedelta(days=7)
        return dt.datetime.combine(day, self.time, tzinfo=self.tz)

    def release_of(
        self, written: dt.datetime, visible_from: dt.date, urgent: bool
    ) -> dt.datetime:
        """When an announcement written at `written` reaches parents."""
        start = max(written, dt.datetime.combine(visible_from, dt.time(0), tzinfo=self.tz))
        return start if urgent else self.next_at_or_after(start)

    def describe(self, tr: Translator, today: dt.date) -> str:
        """'New announcements come out every Monday at 16:00', in `tr`'s language."""
        day = today + dt.timedelta(days=(self.weekday - today.weekday()) % 7)
        return tr(RHYTHM_NOTE).format(day=tr.weekday(day), time=tr.time(self.time))

