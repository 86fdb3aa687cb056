"""The persistent print queue: every job is saved (bytes, preview files, the ticket) before it
is sent, so a ticket the printer did not take is retried, across restarts.

Job records live in the lasting ``print_queue`` file; the files of job N are
``tickets/ticket-N.{bin,png,txt,json}`` beside it. Finished jobs beyond :data:`MAX_FINISHED`
are forgotten as the queue grows, and :meth:`PrintQueue.purge` forgets old ones (privacy).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.store import DataFile, refused_write, write_atomically
from kiosk.printing.problems import plain
from kiosk.tickets import Ticket, TicketLine

JOBS = "jobs"
#: Finished jobs kept in the queue file (reprints, staff list); older ones are forgotten, with
#: their files, so that every write to the queue stays quick whatever the kiosk has printed.
MAX_FINISHED = 200
TRIM_SLACK = 50
SEQUENCE = "sequence"
STATUSES = ("pending", "printed", "preview", "cancelled")


@dataclass(frozen=True)
class PrintJob:
    """One ticket in the print queue."""

    number: int
    kind: str
    language: str
    title: str
    status: str
    created: str
    attempts: int = 0
    #: Why the last attempt failed, for staff (plain French; the detail is in the log).
    error: str = ""
    printer: str = ""
    printed: str = ""
    duplicate_of: int | None = None

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> PrintJob:
        return cls(
            number=int(doc["number"]),
            kind=str(doc.get("kind", "")),
            language=str(doc.get("language", "")),
            title=str(doc.get("title", "")),
            status=str(doc.get("status", "pending")),
            created=str(doc.get("created", "")),
            attempts=int(doc.get("attempts", 0)),
            # Plain French even when an older version stored the technical text.
            error=plain(str(doc.get("error", "")), str(doc.get("printer", "")) or "configurée"),
            printer=str(doc.get("printer", "")),
            printed=str(doc.get("printed", "")),
            duplicate_of=doc.get("duplicate_of"),
        )


class PrintQueue:
    """The persistent queue: job records in the lasting ``print_queue`` file, files beside."""

    def __init__(self, data_file: DataFile, folder: Path, now: Callable[[], dt.datetime]):
        self.file = data_file
        self.folder = folder
        self.now = now
        data_file.check_records({JOBS: PrintJob.from_doc})  # reading a record checks it

    def paths(self, number: int) -> dict[str, Path]:
        stem = self.folder / f"ticket-{number:06d}"
        return {ext: stem.with_suffix("." + ext) for ext in ("bin", "png", "txt", "json")}

    def add(
        self,
        ticket: Ticket,
        *,
        data: bytes | None,
        png: bytes,
        text: str,
        printer: str,
        status: str = "pending",
        duplicate_of: int | None = None,
    ) -> PrintJob:
        """Persist a job (files first, then its record) and return it."""
        with self.file.transaction() as db:
            seq = db.table(SEQUENCE)
            current = seq.all()
            number = int(current[0]["next"]) if current else 1
            seq.truncate()
            seq.insert({"next": number + 1})
            paths = self.paths(number)
            try:
                if data is not None:
                    write_atomically(paths["bin"], data)
                write_atomically(paths["png"], png)
                write_atomically(paths["txt"], text.encode("utf-8"))
                # The ticket itself, so a reprint can be marked DUPLICATE and re-rendered
                # (beside the record: the queue file stays small, so every write stays quick).
                write_atomically(
                    paths["json"], json.dumps(ticket_doc(ticket), ensure_ascii=False).encode()
                )
            except OSError as exc:  # disk full, read-only folder: nothing of this job stays
                self._delete_files([number])
                raise refused_write(paths["png"], exc) from exc
            doc = {
                "number": number,
                "kind": ticket.kind,
                "language": ticket.language,
                "title": ticket.title,
                "status": status,
                "created": self.now().isoformat(timespec="seconds"),
                "attempts": 0,
                "error": "",
                "printer": printer,
                "printed": "",
                "duplicate_of": duplicate_of,
            }
            db.table(JOBS).insert(doc)
            dropped = self._trim(db)
        self._delete_files(dropped)
        return PrintJob.from_doc(doc)

    def _trim(self, db: Any) -> list[int]:
        """Keep the queue file small: forget the oldest finished jobs beyond MAX_FINISHED."""
        from tinydb import Query

        jobs = db.table(JOBS)
        if len(jobs) <= MAX_FINISHED + TRIM_SLACK:
            return []
        finished = sorted(int(d["number"]) for d in jobs.all() if d.get("status") != "pending")
        dropped = finished[: max(0, len(finished) - MAX_FINISHED)]
        if dropped:
            jobs.remove(Query().number.one_of(dropped))
        return dropped

    def _delete_files(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            for path in self.paths(number).values():
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)

    def update(self, number: int, **changes: Any) -> None:
        from tinydb import Query

        with self.file.transaction() as db:
            db.table(JOBS).update(changes, Query().number == number)

    def record_attempt(self, number: int, error: str, when: str) -> None:
        """One more attempt at job `number`: printed (no error) or still pending."""
        from tinydb import Query

        def change(doc: MutableMapping[str, Any]) -> None:
            doc["attempts"] = int(doc.get("attempts", 0)) + 1
            doc["error"] = error[:500]
            if not error:
                doc["status"] = "printed"
                doc["printed"] = when

        with self.file.transaction() as db:
            db.table(JOBS).update(change, Query().number == number)

    def get(self, number: int) -> PrintJob | None:
        doc = self._doc(number)
        return PrintJob.from_doc(doc) if doc else None

    def _doc(self, number: int) -> dict[str, Any] | None:
        from tinydb import Query

        found = self.file.table(JOBS).get(Query().number == number)
        return dict(found) if isinstance(found, dict) else None

    def ticket(self, number: int) -> Ticket | None:
        """The ticket of job `number` (None when it was purged or its file is unreadable)."""
        try:
            raw = json.loads(self.paths(number)["json"].read_text("utf-8"))
            return ticket_from_doc(raw)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def data(self, number: int) -> bytes | None:
        try:
            return self.paths(number)["bin"].read_bytes()
        except OSError:
            return None

    def jobs(self, statuses: Sequence[str] = STATUSES, limit: int = 200) -> list[PrintJob]:
        """Jobs, most recent first."""
        docs = [d for d in self.file.table(JOBS).all() if d.get("status") in statuses]
        docs.sort(key=lambda d: -int(d["number"]))
        return [PrintJob.from_doc(d) for d in docs[:limit]]

    def pending(self) -> list[PrintJob]:
        """Jobs waiting for the printer, oldest first."""
        return list(reversed(self.jobs(("pending",), limit=10_000)))

    def purge(self, before: dt.datetime) -> int:
        """Forget finished jobs created before `before` (files and records): privacy."""
        from tinydb import Query

        gone: list[int] = []
        with self.file.transaction() as db:
            jobs = db.table(JOBS)
            for doc in jobs.all():
                try:
                    created = dt.datetime.fromisoformat(str(doc.get("created")))
                except ValueError:
                    continue
                if doc.get("status") != "pending" and created < before:
                    gone.append(int(doc["number"]))
            if gone:
                jobs.remove(Query().number.one_of(gone))
        self._delete_files(gone)
        return len(gone)


def ticket_doc(ticket: Ticket) -> dict[str, Any]:
    def lines(items: Iterable[TicketLine]) -> list[list[Any]]:
        return [[x.text, x.style, x.align, x.rtl, x.rule] for x in items]

    return {
        "kind": ticket.kind, "language": ticket.language, "title": ticket.title,
        "lines": lines(ticket.lines), "french": lines(ticket.french), "qr": ticket.qr,
        "qr_caption": ticket.qr_caption, "footer": list(ticket.footer), "rtl": ticket.rtl,
        "french_heading": ticket.french_heading,
    }


def ticket_from_doc(doc: dict[str, Any]) -> Ticket:
    def lines(items: Iterable[Sequence[Any]]) -> tuple[TicketLine, ...]:
        return tuple(TicketLine(str(t), str(s), str(a), r, bool(u)) for t, s, a, r, u in items)

    return Ticket(
        kind=str(doc["kind"]), language=str(doc["language"]), title=str(doc["title"]),
        lines=lines(doc.get("lines", [])), french=lines(doc.get("french", [])),
        qr=doc.get("qr"), qr_caption=str(doc.get("qr_caption", "")),
        footer=tuple(str(f) for f in doc.get("footer", [])), rtl=bool(doc.get("rtl")),
        french_heading=str(doc.get("french_heading", "")),
    )
