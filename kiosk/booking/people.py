"""The people who receive parents (teachers, the head, the nurse…)."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.booking.model import ROLE_ORDER, ROLES, Person, StaffError
from kiosk.booking.records import BookingRecords, Recorder, new_id, no_record
from kiosk.booking.words import ROLE_WORDS, class_order, fold
from kiosk.core.i18n import strip_controls


class People:
    """Who receives parents: the list parents choose from, and staff's additions."""

    def __init__(self, records: BookingRecords, record: Recorder = no_record) -> None:
        self._records = records
        self._record = record

    def all(self, *, include_inactive: bool = False) -> list[Person]:
        """Everyone who receives parents: head first, then by role and name."""
        found = [self._records.person(d) for d in self._records.rows("people")]
        found = [p for p in found if p.active or include_inactive]
        return sorted(found, key=lambda p: (
            ROLE_ORDER.index(p.role) if p.role in ROLE_ORDER else 99, p.name.casefold()))

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.all(include_inactive=True) if p.id == person_id), None)

    def find_person(self, text: str) -> Person | None:
        """A person by id or by name (accents and case ignored)."""
        wanted = fold(text)
        for person in self.all(include_inactive=True):
            if person.id == text.strip() or fold(person.name) == wanted:
                return person
        return None

    def add_person(self, name: str, role: str, classes: Iterable[str] = ()) -> Person:
        """Staff: someone who receives parents."""
        clean = " ".join(strip_controls(name).split())
        if not clean or len(clean) > 80:
            raise StaffError("Le nom doit faire entre 1 et 80 caractères.")
        role_key = ROLE_WORDS.get(fold(role), role if role in ROLES else "")
        if not role_key:
            raise StaffError(
                f"Rôle inconnu « {role} » : enseignant, directeur, infirmier, psychologue, "
                "social ou autre."
            )
        class_list = tuple(
            c for c in (" ".join(strip_controls(x).split()) for x in classes) if c
        )
        with self._records.file.transaction() as db:
            table = db.table("people")
            if any(fold(d["name"]) == fold(clean) and d.get("active", True)
                   for d in table.all()):
                raise StaffError(f"« {clean} » existe déjà.")
            person = Person(new_id("p"), clean, role_key, class_list)
            table.insert({"id": person.id, "name": person.name, "role": person.role,
                          "classes": list(person.classes), "active": True})
        self._record("person.add", f"{clean} ({role_key})")
        return person

    def school_classes(self) -> list[str]:
        """Every class taught at the school (from the people's classes), sorted."""
        classes = {c for p in self.all() for c in p.classes}
        return sorted(classes, key=class_order)
