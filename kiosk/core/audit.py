"""The staff audit log: what was done in the staff area or by a staff command, and when.

Who did it is not known (the staff area has one PIN), so an entry is: time, action, detail.
Actions are short stable words (``"export"``, ``"purge"``, ``"slot.cancel"``,
``"announcement.edit"``…); the detail is French text for the secretary. Entries live in the
lasting ``kiosk/audit.json`` file, one document each; old ones are dropped after the
retention period (``[retention] audit_days``) by :meth:`AuditLog.forget_before`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.spreadsheet import csv_bytes
from kiosk.core.store import DataFile
from kiosk.core.text import single_line, strip_controls

TABLE = "audit"


@dataclass(frozen=True)
class AuditEntry:
    """One staff action."""

    when: dt.datetime
    action: str
    detail: str


class AuditLog:
    """The audit log repository."""

    def __init__(self, data_file: DataFile, now: Callable[[], dt.datetime]) -> None:
        self._file = data_file
        self._now = now

    @property
    def path(self) -> Path:
        """The log's file (named when it cannot be written)."""
        return self._file.path

    def record(self, action: str, detail: str = "") -> AuditEntry:
        """Write one entry (durably) and return it."""
        entry = AuditEntry(self._now(), single_line(action)[:80], strip_controls(detail)[:2000])
        with self._file.transaction() as db:
            db.table(TABLE).insert(
                {"when": entry.when.isoformat(), "action": entry.action, "detail": entry.detail}
            )
        return entry

    def entries(self) -> list[AuditEntry]:
        """Every entry, oldest first."""
        rows = self._file.table(TABLE).all()
        found = [
            AuditEntry(dt.datetime.fromisoformat(r["when"]), str(r["action"]), str(r["detail"]))
            for r in rows
        ]
        return sorted(found, key=lambda e: e.when)

    def forget_before(self, limit: dt.datetime) -> int:
        """Drop entries older than `limit`; returns how many went."""
        with self._file.transaction() as db:
            removed = db.table(TABLE).remove(lambda r: dt.datetime.fromisoformat(r["when"]) < limit)
        return len(removed)


def export_entries(entries: list[AuditEntry], fmt: str) -> bytes:
    """The entries as a CSV (``;``-separated, UTF-8 with BOM for spreadsheets) or JSON file.

    In CSV (:mod:`kiosk.core.spreadsheet`), a cell starting with ``= + - @`` gets a leading
    apostrophe so that a spreadsheet never runs it as a formula.
    """
    if fmt == "json":
        rows = [
            {"when": e.when.isoformat(), "action": e.action, "detail": e.detail}
            for e in entries
        ]
        return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r}")
    return csv_bytes(["date", "action", "détail"],
                     ([e.when.isoformat(timespec="seconds"), e.action, e.detail] for e in entries))
