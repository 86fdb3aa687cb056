"""The booking data across school years: what continues on 1 August (:func:`carry_over`),
and the erasure of personal details past the retention period (:func:`purge_personal_details`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.booking.attendance import forget_guided
from kiosk.core.store import Store

FILE_KIND = "bookings"


def carry_over(previous: Mapping[str, list[dict[str, Any]]], first_day: dt.date
               ) -> dict[str, list[dict[str, Any]]]:
    """What of last school year's ``bookings.json`` continues into the new one (from
    `first_day`, 1 August; see :meth:`kiosk.core.store.Store.carry_over`).

    The active people (and anyone a carried slot belongs to); the slots and workshops from
    `first_day` on, with their bookings and registrations (waiting list, families to notify),
    ids and codes unchanged so that a code given in July still works in September; the weekly
    patterns that reach that day. Codes stay unique: they were unique in last year's file, and
    every new code is drawn against the new file, which holds them from its first write.
    """
    def from_first_day(doc: Mapping[str, Any]) -> bool:
        # Stored times carry the school's offset: their date is the school's date.
        return dt.datetime.fromisoformat(doc["start"]).date() >= first_day

    slots = [dict(d) for d in previous.get("slots", []) if from_first_day(d)]
    slot_ids = {d["id"] for d in slots}
    workshops = [dict(d) for d in previous.get("workshops", []) if from_first_day(d)]
    workshop_ids = {d["id"] for d in workshops}
    owners = {d["person_id"] for d in slots}
    return {
        "people": [dict(d) for d in previous.get("people", [])
                   if d.get("active", True) or d["id"] in owners],
        "patterns": [dict(d) for d in previous.get("patterns", [])
                     if dt.date.fromisoformat(d["last_day"]) >= first_day],
        "slots": slots,
        "bookings": [dict(d) for d in previous.get("bookings", []) if d["slot_id"] in slot_ids],
        "workshops": workshops,
        "registrations": [dict(d) for d in previous.get("registrations", [])
                          if d["workshop_id"] in workshop_ids],
    }


def _end(doc: Mapping[str, Any], tz: ZoneInfo) -> dt.datetime:
    return (dt.datetime.fromisoformat(doc["start"]).astimezone(tz)
            + dt.timedelta(minutes=int(doc["minutes"])))


def purge_personal_details(store: Store, tz: ZoneInfo, before: dt.datetime) -> int:
    """Erase names and phones of bookings and registrations whose meeting or workshop
    ended before `before` (every school year on disk). Counts stay (anonymous).
    Returns how many records were erased."""
    erased = 0
    for data_file in store.files_of_every_year(FILE_KIND):
        with data_file.transaction() as db:
            bookings = db.table("bookings")
            for doc in bookings.all():
                if _end(doc, tz) < before and (doc.get("child") or doc.get("phone")):
                    bookings.update({"child": "", "phone": "", "purged": True},
                                    doc_ids=[doc.doc_id])
                    erased += 1
            ends = {w["id"]: _end(w, tz) for w in db.table("workshops").all()}
            regs = db.table("registrations")
            purged = []
            for doc in regs.all():
                ended = ends.get(doc["workshop_id"])
                personal = doc.get("name") or doc.get("phone")
                if ended is not None and ended < before and personal:
                    regs.update({"name": "", "phone": "", "purged": True},
                                doc_ids=[doc.doc_id])
                    purged.append(doc)
                    erased += 1
            forget_guided(db, purged)  # their code hashes leave the guided set
    return erased
