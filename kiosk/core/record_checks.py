"""Records that parse as JSON but not as what they should be (a slot whose ``start`` is
``"not-a-date"``): found when read, left out of what the features see, kept in the file.

A feature registers, for each table of its file, the function that turns a stored document
into its object (``BookingRecords.slot``, ``from_document``…): reading a record is checking it.
:class:`kiosk.core.store.DataFile` runs the checks on every read. A document whose check raises
is held back: the features never see it (a parent is never shown it, a list or an export never
fails on it), a transaction writes it back unchanged, and it is reported as a
:class:`BadRecord` (``kiosk where``, ``kiosk repair``, the staff dashboard) until staff set it
aside with ``kiosk repair --apply``: moved out of its table into ``<file>.set-aside.json`` beside
the data file, a copy kept for a technician.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.text import escaped

#: Turns one stored document into its object, raising when it cannot.
RecordCheck = Callable[[Any], object]
Tables = dict[str, dict[str, Any]]

#: What a reader raises on a document of the wrong shape.
READ_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError, OverflowError)
SET_ASIDE_SUFFIX = ".set-aside.json"


@dataclass(frozen=True)
class BadRecord:
    """One stored record that cannot be read, with where it is."""

    path: Path
    table: str
    doc_id: str
    record_id: str
    why: str

    def describe(self) -> str:
        """One line of French for the staff."""
        which = self.record_id or f"n° {self.doc_id}"
        return escaped(f"Le fichier {self.path}, table « {self.table} », contient un "
                       f"enregistrement illisible ({which} : {self.why}) ; il est laissé de "
                       "côté. `kiosk repair --apply` le met à part.")


def _why(exc: BaseException) -> str:
    text = str(exc)[:80]
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def _failure(check: RecordCheck, doc: Any) -> str | None:
    """Why `doc` cannot be read by `check` (None when it can)."""
    if not isinstance(doc, dict):
        return "ce n'est pas un enregistrement"
    try:
        result = check(doc)
    except READ_ERRORS as exc:
        return _why(exc)
    return "contenu inattendu" if result is None else None


def split(path: Path, data: Tables, checks: Mapping[str, RecordCheck]
          ) -> tuple[Tables, Tables, list[BadRecord]]:
    """`data` without its unreadable records; those records by table; their descriptions."""
    if not checks:
        return data, {}, []
    clean: Tables = dict(data)
    held: Tables = {}
    bad: list[BadRecord] = []
    for table, check in checks.items():
        docs = data.get(table)
        if not docs:
            continue
        kept: dict[str, Any] = {}
        for doc_id, doc in docs.items():
            why = _failure(check, doc)
            if why is None:
                kept[doc_id] = doc
                continue
            held.setdefault(table, {})[doc_id] = doc
            record_id = str(doc.get("id", doc.get("number", ""))) if isinstance(doc, dict) else ""
            bad.append(BadRecord(path, table, doc_id, record_id, why))
        if table in held:
            clean[table] = kept
    return clean, held, bad


def merge(data: Tables, held: Tables) -> Tables:
    """`data` with the held-back records put back (a record whose number was taken meanwhile
    by a new one gets the next free number)."""
    if not held:
        return data
    merged = dict(data)
    for table, docs in held.items():
        current = dict(merged.get(table, {}))
        for doc_id, doc in docs.items():
            key = doc_id
            if key in current:
                key = str(max((int(k) for k in current if k.isdigit()), default=0) + 1)
            current[key] = doc
        merged[table] = current
    return merged


def set_aside_path(path: Path) -> Path:
    return path.with_name(path.stem + SET_ASIDE_SUFFIX)


def set_aside_payload(path: Path, held: Tables, bad: list[BadRecord]) -> bytes:
    """The set-aside file with these records added to what it already holds."""
    target = set_aside_path(path)
    try:
        kept = json.loads(target.read_text("utf-8"))
    except (OSError, ValueError):
        kept = []
    if not isinstance(kept, list):
        kept = []
    when = dt.datetime.now().isoformat(timespec="seconds")
    for record in bad:
        kept.append({"table": record.table, "doc_id": record.doc_id, "why": record.why,
                     "when": when, "record": held[record.table][record.doc_id]})
    return json.dumps(kept, ensure_ascii=False, indent=1).encode()
