"""Workshop attendance figures, and the set of "guided" registrations (internal to booking).

The figures (staff dashboard, council report): workshops held this school year, families
reached (distinct people ticked present), the present rate, no-shows, walk-ins, and the
families reached who had said in the questionnaire that they were not at ease with digital
tools.

That last figure never links an answer to a person. The questionnaire is anonymous and stays
so: nothing is stored on the registration. When a parent registers for a workshop through the
questionnaire's thanks screen (offered only to parents who said they needed help), the hash
of the *registration's* code is added to one document of ``bookings.json``, the table
``guided``: a sorted list of hashes, no time, no name, no order of arrival (like the
questionnaire's used family codes). The figure counts present registrations whose code hash
is in that set, and is shown only from ``min_group_size`` on. When the retention rules erase a
registration's personal details, its hash leaves the set; a present one is first added to an
anonymous counter so that the year's figure stays.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.booking.parent_text import family_key

GUIDED = "guided"
PRESENT = "present"
ABSENT = "absent"


def guided_hash(code: str) -> str:
    """What the guided set holds of a registration code (never the code itself)."""
    return hashlib.sha256(f"kiosk-workshop-guided:{code}".encode()).hexdigest()


def _guided_doc(db: Any) -> tuple[Any, Any]:
    """(the table, its one document or None) inside an open transaction."""
    table = db.table(GUIDED)
    docs = table.all()
    return table, (docs[0] if docs else None)


def _hashes_of(doc: Mapping[str, Any] | None) -> set[str]:
    values = doc.get("hashes", []) if isinstance(doc, Mapping) else []
    return {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()


def _counted_of(doc: Mapping[str, Any] | None) -> int:
    value = doc.get("counted", 0) if isinstance(doc, Mapping) else 0
    return value if isinstance(value, int) and value > 0 else 0


def _save(table: Any, doc: Any, hashes: set[str], counted: int) -> None:
    values = {"hashes": sorted(hashes), "counted": counted}
    if doc is None:
        table.insert(values)
    else:
        table.update(values, doc_ids=[doc.doc_id])


def add_guided(db: Any, code: str) -> None:
    """Inside an open transaction: add the hash of registration `code` to the guided set."""
    table, doc = _guided_doc(db)
    _save(table, doc, _hashes_of(doc) | {guided_hash(code)}, _counted_of(doc))


def forget_guided(db: Any, purged: Iterable[Mapping[str, Any]]) -> None:
    """Inside an open transaction: the registrations `purged` (as they were) leave the guided
    set; the present ones among them are kept as an anonymous count."""
    table, doc = _guided_doc(db)
    hashes = _hashes_of(doc)
    if not hashes:
        return
    counted = _counted_of(doc)
    for reg in purged:
        found = guided_hash(str(reg.get("code", "")))
        if found in hashes:
            hashes.discard(found)
            counted += reg.get("attendance") == PRESENT
    _save(table, doc, hashes, counted)


def guided_state(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> tuple[set[str], int]:
    """(the guided hashes, the count kept of purged present ones) from a file's tables."""
    docs = tables.get(GUIDED) or []
    doc = docs[0] if docs else None
    return _hashes_of(doc), _counted_of(doc)


@dataclass(frozen=True)
class AttendanceFigures:
    """The school year's workshop attendance (counts only, never a person)."""

    held: int
    families: int
    present: int
    absent: int
    walk_ins: int
    #: Present among the registered parents whose presence was ticked (None: none ticked).
    rate: float | None
    #: Families reached who had said they were not at ease with digital tools; None when
    #: fewer than `min_group_size` (the figure is then not shown).
    guided: int | None
    min_group: int

    @property
    def no_shows(self) -> int:
        return self.absent


def attendance_figures(workshops: Sequence[Mapping[str, Any]],
                       registrations: Sequence[Mapping[str, Any]],
                       guided: tuple[set[str], int], *, now: dt.datetime,
                       min_group: int) -> AttendanceFigures:
    """The figures of one school year's file: `workshops` and `registrations` as stored,
    `guided` as :func:`guided_state` gives it."""
    held = {w["id"] for w in workshops if not w.get("cancelled")
            and dt.datetime.fromisoformat(w["start"]) <= now}
    regs = [r for r in registrations if r.get("workshop_id") in held
            and r.get("status") == "registered"]
    present = [r for r in regs if r.get("attendance") == PRESENT]
    booked = [r for r in regs if not r.get("walk_in")]
    ticked = [r for r in booked if r.get("attendance") in (PRESENT, ABSENT)]
    absent = sum(1 for r in ticked if r.get("attendance") == ABSENT)
    families = {family_key(r.get("name", ""), r.get("phone", ""))
                if r.get("name") else ("", str(r.get("id"))) for r in present}
    hashes, counted = guided
    reached = counted + sum(1 for r in present if guided_hash(str(r.get("code", ""))) in hashes)
    return AttendanceFigures(
        held=len(held), families=len(families), present=len(present), absent=absent,
        walk_ins=sum(1 for r in present if r.get("walk_in")),
        rate=(len(ticked) - absent) / len(ticked) if ticked else None,
        guided=reached if reached > 0 and reached >= min_group else None,
        min_group=min_group,
    )


def attendance_lines(figures: AttendanceFigures) -> list[str]:
    """The figures in plain French, one line each (the dashboard and the council report)."""
    rate = f"{figures.rate:.0%}".replace("%", " %") if figures.rate is not None else "—"
    guided = (str(figures.guided) if figures.guided is not None
              else f"moins de {figures.min_group} (non affiché)")
    return [
        f"Ateliers tenus cette année : {figures.held}",
        f"Familles venues : {figures.families} (dont {figures.walk_ins} sans inscription)",
        f"Taux de présence des inscrits : {rate} ; absents : {figures.no_shows}",
        f"Familles venues qui se disaient peu à l'aise avec le numérique : {guided}",
    ]
