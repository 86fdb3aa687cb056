"""Workshops (e-parentalité, or any meeting for many parents) and the parents registered.

A workshop never has more registered parents than places; the others wait, in order, and the
first waiting is promoted (and marked "to notify") when a place frees up. Cancelling a
workshop keeps its registrations, marked "to notify" for the staff dashboard.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from kiosk.booking import notices
from kiosk.booking.attendance import AttendanceFigures, add_guided, attendance_figures, guided_state
from kiosk.booking.codes import new_code, normalize_code
from kiosk.booking.model import (
    Attendance,
    BookingRefused,
    InputProblem,
    Refusal,
    Registration,
    RegistrationStatus,
    StaffError,
    Workshop,
    WorkshopTranslation,
)
from kiosk.booking.parent_text import clean_name, clean_phone, family_key
from kiosk.booking.records import (
    BookingRecords,
    Recorder,
    codes_in,
    find,
    mark_to_notify,
    new_id,
    no_record,
    translations_doc,
    withdraw,
    workshop_doc,
)
from kiosk.core.school_texts import TextUpdate
from kiosk.core.text import single_line, strip_controls

REGISTERED = RegistrationStatus.REGISTERED
WAITING = RegistrationStatus.WAITING
ACTIVE = (REGISTERED, WAITING)
#: Why a registration is "to notify" when its status does not say it (read by the notices).
CHANGED = notices.CHANGED
#: Changes to a workshop the registered families must be told about (not the description).
TOLD_FIELDS = ("title", "place")

#: A workshop's texts: field → (the staff's word, longest length, may be empty).
FIELD_LIMITS: dict[str, tuple[str, int, bool]] = {
    "title": ("Le titre", 120, False),
    "description": ("La description", 600, True),
    "place": ("Le lieu", 300, True),
}


def check_field(name: str, value: str, *, what: str = "") -> str:
    """A workshop's title, description or place as stored (control characters removed; the
    title and the place on one line), or :class:`StaffError` saying what is wrong."""
    word, limit, may_be_empty = FIELD_LIMITS[name]
    value = strip_controls(value).strip()
    if name != "description":
        value = " ".join(single_line(value).split())
    label = f"{word}{what}"
    if not value and not may_be_empty:
        raise StaffError(f"{label} est vide.")
    if len(value) > limit:
        raise StaffError(f"{label} est trop long ({len(value)} caractères, {limit} au plus).")
    return value


def translated(workshop: Workshop, update: TextUpdate, now: dt.datetime) -> Workshop:
    """`workshop` with the translation of `update` (checked: :class:`StaffError`). A part
    left empty whose French is not leaves the translation "missing"."""
    values = {name: check_field(name, update.values.get(name, ""), what=" traduit")
              for name in FIELD_LIMITS}
    translation = WorkshopTranslation(values["title"], values["description"], values["place"],
                                      update.source or workshop.fingerprint, now)
    return replace(workshop, translations={**workshop.translations, update.lang: translation})


def open_workshop(table: Any, workshop_id: str) -> Any:
    """Inside a transaction: the document of a workshop that is not cancelled, or
    :class:`StaffError` saying why there is none."""
    doc = find(table.all(), "id", workshop_id)
    if doc is None:
        raise StaffError("Atelier introuvable.")
    if doc.get("cancelled"):
        raise StaffError("Cet atelier est annulé.")
    return doc


class Workshops:
    """Workshops staff plan and parents register for (with a waiting list)."""

    def __init__(self, records: BookingRecords, now: Callable[[], dt.datetime],
                 record: Recorder = no_record) -> None:
        self._records = records
        self._now = now
        self._record = record

    # -- staff's workshops -----------------------------------------------------------------------

    def add_workshop(self, title: str, start: dt.datetime, minutes: int, place: str,
                     capacity: int, *, description: str = "",
                     languages: Iterable[str] = ()) -> Workshop:
        """Staff: a new workshop."""
        workshop = self.new_workshop(title, start, minutes, place, capacity,
                                     description=description, languages=languages)
        self.insert([workshop])
        self._record("workshop.add", f"{workshop.title} {workshop.start:%d/%m/%Y %H:%M}")
        return workshop

    def new_workshop(self, title: str, start: dt.datetime, minutes: int, place: str,
                     capacity: int, *, description: str = "",
                     languages: Iterable[str] = ()) -> Workshop:
        """A checked workshop, not saved yet (:meth:`insert` saves it)."""
        title = check_field("title", title)
        description = check_field("description", description)
        if not 15 <= minutes <= 480:
            raise StaffError("La durée doit être entre 15 et 480 minutes.")
        if not 1 <= capacity <= 500:
            raise StaffError("Le nombre de places doit être entre 1 et 500.")
        langs = tuple(code.strip() for code in languages if code.strip())
        for code in langs:
            if not re.fullmatch(r"[a-z]{2,3}", code):
                raise StaffError(f"Code de langue inconnu « {code} » (ex. : fr ar tr).")
        return Workshop(new_id("a"), title, description, start.astimezone(self._records.tz),
                        minutes, check_field("place", place), capacity, langs)

    def insert(self, workshops: Iterable[Workshop]) -> None:
        """Save checked workshops, in one transaction."""
        with self._records.file.transaction() as db:
            db.table("workshops").insert_multiple(workshop_doc(w) for w in workshops)

    def cancel_workshop(self, workshop_id: str) -> int:
        """Staff: cancel a workshop; every active registration is marked "to notify"."""
        with self._records.file.transaction() as db:
            wdoc = withdraw(db, "workshops", workshop_id, missing="Atelier introuvable.",
                            already="Cet atelier est déjà annulé.")
            count = len(mark_to_notify(
                db, "registrations",
                lambda r: r["workshop_id"] == workshop_id and r["status"] in ACTIVE,
                RegistrationStatus.WORKSHOP_CANCELLED.value))
        self._record("workshop.cancel", f"{wdoc['title']} ({count} inscrits à prévenir)")
        return count

    def edit_workshop(self, workshop_id: str, **french: str) -> Workshop:
        """Staff: change the French title, description or place (its translations are kept,
        and become "to review" when the French they were made from changed)."""
        unknown = set(french) - set(FIELD_LIMITS)
        if unknown:
            raise TypeError(f"cannot change {sorted(unknown)}")
        checked = {name: check_field(name, value) for name, value in french.items()}
        with self._records.file.transaction() as db:
            table = db.table("workshops")
            doc = find(table.all(), "id", workshop_id)
            if doc is None:
                raise StaffError("Atelier introuvable.")
            table.update(checked, doc_ids=[doc.doc_id])
            updated = self._records.workshop({**doc, **checked})
            if any(checked[name] != doc.get(name) for name in TOLD_FIELDS if name in checked):
                self._mark_changed(db, workshop_id)
        self._record("workshop.edit", f"{updated.title} ({', '.join(sorted(checked))})")
        return updated

    def move_workshop(self, workshop_id: str, start: dt.datetime,
                      minutes: int | None = None) -> tuple[Workshop, int]:
        """Staff: a new date and time (and length) for a workshop to come; its active
        registrations are marked "to notify". Returns the workshop and how many are marked."""
        start = start.astimezone(self._records.tz)
        if start <= self._now():
            raise StaffError("Choisissez une date et une heure à venir.")
        if minutes is not None and not 15 <= minutes <= 480:
            raise StaffError("La durée doit être entre 15 et 480 minutes.")
        with self._records.file.transaction() as db:
            table = db.table("workshops")
            doc = open_workshop(table, workshop_id)
            changes: dict[str, Any] = {"start": start.isoformat()}
            if minutes is not None:
                changes["minutes"] = minutes
            table.update(changes, doc_ids=[doc.doc_id])
            count = self._mark_changed(db, workshop_id)
            moved = self._records.workshop({**doc, **changes}, db.table("registrations").all())
        self._record("workshop.move", f"{moved.title} → {moved.start:%d/%m/%Y %H:%M} "
                                      f"({count} inscrits à prévenir)")
        return moved, count

    @staticmethod
    def _mark_changed(db: Any, workshop_id: str) -> int:
        """Inside a transaction: the workshop's active registrations are "to notify"."""
        table = db.table("registrations")
        marked = [r for r in table.all()
                  if r["workshop_id"] == workshop_id and r["status"] in ACTIVE]
        for doc in marked:
            table.update({"to_notify": True, "notify_why": CHANGED}, doc_ids=[doc.doc_id])
        return len(marked)

    def translate(self, workshop_id: str, lang: str, **values: str) -> Workshop:
        """Staff: store the translation of one workshop into `lang` (of the current French)."""
        return self.apply_translations([TextUpdate(workshop_id, lang, values)])[0]

    def apply_translations(self, updates: Iterable[TextUpdate]) -> list[Workshop]:
        """Store several translations in one write: all of them, or none if one is bad
        (:class:`StaffError`, in French). A part whose French is empty needs no translation."""
        now = self._now()
        with self._records.file.transaction() as db:
            table = db.table("workshops")
            docs = {d["id"]: d for d in table.all()}
            changed: dict[str, Workshop] = {}
            for update in updates:
                if update.id not in docs:
                    raise StaffError(f"Il n'y a pas d'atelier « {update.id} ».")
                if not re.fullmatch(r"[a-z]{2,3}", update.lang) or update.lang == "fr":
                    raise StaffError(f"« {update.lang} » n'est pas une langue à traduire.")
                current = changed.get(update.id) or self._records.workshop(docs[update.id])
                changed[update.id] = translated(current, update, now)
            for workshop_id, workshop in changed.items():
                table.update({"translations": translations_doc(workshop.translations)},
                             doc_ids=[docs[workshop_id].doc_id])
        return list(changed.values())

    def set_attendance(self, registration_id: str, attendance: Attendance | str) -> None:
        """Staff: tick present / absent ("" to clear)."""
        if attendance not in tuple(Attendance):
            raise StaffError("Présence : present, absent ou vide.")
        with self._records.file.transaction() as db:
            table = db.table("registrations")
            doc = find(table.all(), "id", registration_id)
            if doc is None:
                raise StaffError("Inscription introuvable.")
            table.update({"attendance": Attendance(attendance).value}, doc_ids=[doc.doc_id])

    # -- reading ---------------------------------------------------------------------------------

    def all(self, *, include_cancelled: bool = True) -> list[Workshop]:
        tables = self._records.tables()
        found = [self._records.workshop(d, tables["registrations"])
                 for d in tables["workshops"]]
        return sorted((w for w in found if include_cancelled or not w.cancelled),
                      key=lambda w: w.start)

    def workshop(self, workshop_id: str) -> Workshop | None:
        return next((w for w in self.all() if w.id == workshop_id), None)

    def upcoming(self) -> list[Workshop]:
        """Workshops parents may still register for (not cancelled, not started)."""
        now = self._now()
        return [w for w in self.all(include_cancelled=False) if w.start > now]

    def registrations(self, workshop_id: str) -> list[Registration]:
        """Registered parents first (in order), then the waitlist."""
        regs = [r for r in self._records.rows("registrations")
                if r["workshop_id"] == workshop_id]
        found = [self._records.registration(r, regs) for r in regs]
        rank = {REGISTERED: 0, WAITING: 1}
        return sorted(found, key=lambda r: (rank.get(r.status, 2), r.seq))

    def registration_by_code(self, code: str) -> Registration | None:
        regs = self._records.rows("registrations")
        doc = find(regs, "code", normalize_code(code))
        return self._records.registration(doc, regs) if doc else None

    # -- a parent's registration -----------------------------------------------------------------

    def register(self, workshop_id: str, *, name: str, phone: str = "",
                 language: str = "fr", interpreter: bool = False) -> Registration:
        """A parent registers; when the workshop is full, they join the waitlist.

        `interpreter`: the parent would like an interpreter (staff arrange one).
        """
        name = clean_name(name)
        phone = clean_phone(phone)
        with self._records.file.transaction() as db:
            wdoc = find(db.table("workshops").all(), "id", workshop_id)
            if wdoc is None or wdoc.get("cancelled"):
                raise BookingRefused(Refusal.WORKSHOP_CLOSED)
            if self._records.time(wdoc["start"]) <= self._now():
                raise BookingRefused(Refusal.WORKSHOP_CLOSED)
            table = db.table("registrations")
            regs = [r for r in table.all() if r["workshop_id"] == workshop_id]
            who = family_key(name, phone)
            if any(r["status"] in ACTIVE
                   and family_key(r.get("name", ""), r.get("phone", "")) == who for r in regs):
                raise BookingRefused(Refusal.ALREADY)
            registered = sum(1 for r in regs if r["status"] == REGISTERED)
            status = REGISTERED if registered < int(wdoc["capacity"]) else WAITING
            seq = max((int(r["seq"]) for r in table.all()), default=0) + 1
            doc = {"id": new_id("r"), "code": new_code(codes_in(db)),
                   "workshop_id": workshop_id, "name": name, "phone": phone,
                   "language": language, "created": self._now().isoformat(), "seq": seq,
                   "status": status.value, "attendance": "", "to_notify": False,
                   "promoted": False, "interpreter": bool(interpreter)}
            table.insert(doc)
            return self._records.registration(doc, [*regs, doc])

    def cancel_registration(self, code: str) -> tuple[Registration, Registration | None]:
        """The parent (or staff) cancels; the first waiting is promoted (returned second)."""
        code = normalize_code(code)
        with self._records.file.transaction() as db:
            table = db.table("registrations")
            regs = list(table.all())
            doc = find(regs, "code", code)
            if doc is None:
                raise BookingRefused(Refusal.UNKNOWN_CODE)
            if doc["status"] not in ACTIVE:
                raise BookingRefused(Refusal.INACTIVE)
            was = doc["status"]
            table.update({"status": RegistrationStatus.CANCELLED.value}, doc_ids=[doc.doc_id])
            cancelled = {**doc, "status": RegistrationStatus.CANCELLED}
            promoted = None
            if was == REGISTERED:
                promoted = self._promote(table, doc["workshop_id"])
            return self._records.registration(cancelled, regs), promoted

    def _promote(self, table: Any, workshop_id: str) -> Registration | None:
        regs = [r for r in table.all() if r["workshop_id"] == workshop_id]
        waiting = sorted((r for r in regs if r["status"] == WAITING), key=lambda r: r["seq"])
        if not waiting:
            return None
        first = waiting[0]
        changes = {"status": REGISTERED.value, "promoted": True, "to_notify": True,
                   "notify_why": ""}
        table.update(changes, doc_ids=[first.doc_id])
        return self._records.registration({**first, **changes}, regs)

    # -- workshop mode: the room -----------------------------------------------------------------

    def walk_in(self, workshop_id: str, name: str, language: str) -> Registration:
        """Staff: a parent came without registering (first name and language only): they are
        registered and present, even when the workshop is full or has started (the same day)."""
        try:
            name = clean_name(name)
        except InputProblem as exc:
            raise StaffError(exc.message) from None
        if not re.fullmatch(r"[a-z]{2,3}", language):
            raise StaffError("Choisissez la langue de la personne.")
        with self._records.file.transaction() as db:
            wdoc = open_workshop(db.table("workshops"), workshop_id)
            if self._records.time(wdoc["start"]).date() != self._now().date():
                raise StaffError("Une personne venue sans inscription s'ajoute le jour de "
                                 "l'atelier.")
            table = db.table("registrations")
            seq = max((int(r["seq"]) for r in table.all()), default=0) + 1
            doc = {"id": new_id("r"), "code": new_code(codes_in(db)),
                   "workshop_id": workshop_id, "name": name, "phone": "",
                   "language": language, "created": self._now().isoformat(), "seq": seq,
                   "status": REGISTERED.value, "attendance": Attendance.PRESENT.value,
                   "to_notify": False, "promoted": False, "interpreter": False,
                   "walk_in": True}
            table.insert(doc)
        self._record("workshop.walk_in", f"{wdoc['title']} : {name} ({language})")
        return self._records.registration(doc)

    def attendees(self, workshop_id: str) -> list[Registration]:
        """The room's list: the registered parents (walk-ins too), not the waiting list."""
        return [r for r in self.registrations(workshop_id) if r.status == REGISTERED]

    def in_room(self, workshop_id: str) -> list[Registration]:
        """Who the room's printouts are for: the attendees not ticked absent."""
        return [r for r in self.attendees(workshop_id) if r.attendance != Attendance.ABSENT]

    def note_guided(self, code: str) -> None:
        """A parent registered through the questionnaire's thanks screen (offered to those who
        said they needed help): the code's hash joins the guided set
        (:mod:`kiosk.booking.attendance`); nothing is written on the registration."""
        with self._records.file.transaction() as db:
            if find(db.table("registrations").all(), "code", normalize_code(code)) is None:
                raise StaffError("Inscription introuvable.")
            add_guided(db, normalize_code(code))

    def figures(self, *, min_group: int) -> AttendanceFigures:
        """This school year's attendance figures (held workshops up to now)."""
        data = self._records.file.snapshot()
        tables = {name: [dict(d) for d in data.get(name, {}).values()]
                  for name in ("workshops", "registrations", "guided")}
        return attendance_figures(tables["workshops"], tables["registrations"],
                                  guided_state(tables), now=self._now(), min_group=min_group)
