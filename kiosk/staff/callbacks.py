"""Call-backs: "Je veux qu'on me rappelle".

A parent leaves a first name, a phone number, their language and what it is about (one of
:data:`SUBJECTS`); staff see the requests waiting ("À rappeler"), call, and mark each one done.
A request is personal data kept apart from the anonymous questionnaire: it lives in the school
year's ``callbacks.json`` file, and :meth:`CallbackRequests.forget_old` (the retention purge)
drops the requests done and those older than ``[retention] callbacks_days``, in every school
year's file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.booking.model import InputProblem
from kiosk.booking.parent_text import clean_name, clean_phone
from kiosk.core.i18n import N_
from kiosk.staff.help_requests import ParentRequests, clean_language, forget_in_every_year

FILE_KIND = "callbacks"
TABLE = "requests"

#: What a call-back may be about: key → the parent's words (French msgid).
SUBJECTS: dict[str, str] = {
    "meeting": N_("Un rendez-vous"),
    "absence": N_("L'absence d'un enfant"),
    "canteen": N_("La cantine"),
    "grant": N_("Les bourses"),
    "ent": N_("L'ENT / les identifiants"),
    "other": N_("Autre chose"),
}

#: The subjects in the staff's words (plain French).
SUBJECT_STAFF: dict[str, str] = {
    "meeting": "un rendez-vous",
    "absence": "l'absence d'un enfant",
    "canteen": "la cantine",
    "grant": "les bourses",
    "ent": "l'ENT / les identifiants",
    "other": "autre chose",
}

#: Said when no phone number was typed (a call-back needs one).
PHONE_NEEDED = N_("Écrivez votre numéro de téléphone.")
#: Said when no subject was chosen.
SUBJECT_NEEDED = N_("Choisissez le sujet.")


@dataclass(frozen=True)
class Callback:
    """A parent asked to be called back."""

    id: str
    when: dt.datetime
    name: str
    phone: str
    #: The parent's language (its code: "ar").
    language: str
    #: One of :data:`SUBJECTS`' keys.
    subject: str
    #: When a member of staff marked it done (None: still to call).
    done: dt.datetime | None = None


class CallbackRequests(ParentRequests):
    """The call-back requests of the school year (repository)."""

    FILE_KIND = FILE_KIND

    @staticmethod
    def _from_row(row: Mapping[str, Any]) -> Callback:
        done = row.get("done")
        subject = str(row.get("subject", "other"))
        return Callback(
            id=str(row["id"]),
            when=dt.datetime.fromisoformat(str(row["when"])),
            name=str(row["name"]),
            phone=str(row["phone"]),
            language=clean_language(str(row.get("language", "fr"))),
            subject=subject if subject in SUBJECTS else "other",
            done=dt.datetime.fromisoformat(str(done)) if done else None,
        )

    def request(self, *, name: str, phone: str, subject: str, language: str) -> Callback:
        """Record a parent's request (durably). Raises :class:`InputProblem` (a French msgid
        to translate) for a bad first name, a missing or bad phone, or no subject."""
        name = clean_name(name)
        phone = clean_phone(phone)
        if not phone:
            raise InputProblem(PHONE_NEEDED)
        if subject not in SUBJECTS:
            raise InputProblem(SUBJECT_NEEDED)
        found = Callback(uuid.uuid4().hex[:12], self._now(), name, phone,
                         clean_language(language), subject)
        with self._file.transaction() as db:
            db.table(TABLE).insert({
                "id": found.id, "when": found.when.isoformat(), "name": found.name,
                "phone": found.phone, "language": found.language, "subject": found.subject,
                "done": None,
            })
        return found

    def all(self) -> list[Callback]:
        """Every request still kept in this school year's file, oldest first."""
        rows = self._file.table(TABLE).all()
        return sorted((self._from_row(r) for r in rows), key=lambda r: r.when)

    def waiting(self) -> list[Callback]:
        """Requests nobody has marked done yet, oldest first."""
        return [r for r in self.all() if r.done is None]

    def mark_done(self, request_id: str) -> bool:
        """A member of staff called back; False when there is no such request waiting."""
        with self._file.transaction() as db:
            table = db.table(TABLE)
            if not table.search(lambda r: r["id"] == request_id and not r.get("done")):
                return False
            table.update({"done": self._now().isoformat()}, lambda r: r["id"] == request_id)
        return True

    def forget_old(self) -> int:
        """Drop the requests done and those older than the retention period, in every school
        year's file on disk; returns how many went. A missing file is not created."""
        limit = self._now() - dt.timedelta(days=self.keep_days)

        def gone(row: Mapping[str, Any]) -> bool:
            if row.get("done"):
                return True
            try:
                return dt.datetime.fromisoformat(str(row["when"])) < limit
            except (KeyError, ValueError):
                return True  # a damaged request cannot be called back: it goes

        return forget_in_every_year(self._store, FILE_KIND, TABLE, gone)


__all__ = ["SUBJECTS", "SUBJECT_STAFF", "Callback", "CallbackRequests"]
