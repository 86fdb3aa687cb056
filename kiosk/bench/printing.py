"""Benchmark figure of printing: the print queue must not slow tickets down as it fills.

``print_queue_ratio`` (≤ 1.5): median time to submit a ticket (render, persist, record) after
a month of tickets (1,500, which the queue trims to its last finished jobs as it goes) ÷ the
same with an empty queue. Both use the preview printer, so no device is involved.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.bench.runner import _interleaved, figure

HISTORY_JOBS = 1500


def _services(folder: Path) -> object:
    from kiosk.core import config
    from kiosk.core.paths import DEMO_DIR
    from kiosk.services import open_services

    return open_services(config.load(DEMO_DIR / "kiosk.toml"), folder)


def _fill(services: object, count: int) -> None:
    """A month of finished jobs, written in one transaction (records only)."""
    from kiosk.printing.queue import JOBS, SEQUENCE, ticket_doc
    from kiosk.tickets import sample_tickets

    ticket = sample_tickets(services.ticket_context, "fr")[0]  # type: ignore[attr-defined]
    queue = services.printing.queue  # type: ignore[attr-defined]
    with queue.file.transaction() as db:
        db.table(JOBS).insert_multiple(
            {"number": n, "kind": ticket.kind, "language": "fr", "title": ticket.title,
             "status": "printed", "created": "2026-11-01T10:00:00+01:00", "attempts": 1,
             "error": "", "printer": "preview", "printed": "", "duplicate_of": None,
             "ticket": ticket_doc(ticket)}
            for n in range(1, count + 1)
        )
        db.table(SEQUENCE).insert({"next": count + 1})
        queue._trim(db)  # what adding them one by one would have done


@figure("print_queue_ratio", 1.5)
def print_queue_ratio(quick: bool) -> float:
    """Median submit time with a month of finished jobs ÷ with an empty queue."""
    from kiosk.tickets import sample_tickets

    rounds = 6 if quick else 20
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-print-"))
    try:
        full, empty = _services(work / "full"), _services(work / "empty")
        _fill(full, HISTORY_JOBS)

        def submit(services: object) -> Callable[[], float]:
            ticket = sample_tickets(services.ticket_context, "ar")[0]  # type: ignore[attr-defined]

            def once() -> float:
                start = time.perf_counter()
                services.printing.submit(ticket)  # type: ignore[attr-defined]
                return time.perf_counter() - start

            return once

        submit(empty)()  # warm the fonts and imports before measuring
        return _interleaved(submit(full), submit(empty), rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
