"""Staff: the print queue — tickets waiting for the printer, reprint (duplicate), cancel.

The table shows what staff need, in words: the time (HH:MM today, else the day too), the
state, the kind of ticket, the language's name and the printer's problem in a few words; the
whole problem (what happened, what to do) of the highlighted job is said below the table.
"""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Static

from kiosk.core.languages import language_name_fr
from kiosk.core.store import StorageError
from kiosk.printing.outcome import PrintOutcome
from kiosk.printing.problems import short
from kiosk.printing.queue import PrintJob
from screens.staff.base import StaffScreen, staff_table
from screens.staff.tables import Column
from screens.staff.words import JOB_KIND_WORDS, JOB_STATUS_WORDS
from screens.widgets import literal

#: The print queue's columns: the problem is cut first, then the kind of ticket.
COLUMNS = (
    Column("N°", "number", cut=False, priority=3),
    Column("Heure", "created", cut=False, priority=3),
    Column("État", "status", priority=2),
    Column("Ticket", "kind", priority=1),
    Column("Langue", "language", priority=2),
    Column("Problème", "error", priority=0),
)


def job_cells(job: PrintJob, today: dt.date) -> tuple[str, ...]:
    """A job's row in staff's words: number, time, state, kind, language, problem."""
    try:
        created = dt.datetime.fromisoformat(job.created)
        when = (f"{created:%H:%M}" if created.date() == today
                else f"{created:%d/%m %H:%M}")
    except ValueError:
        when = job.created[:16].replace("T", " ")
    kind = JOB_KIND_WORDS.get(job.kind, job.kind)
    if job.duplicate_of:
        kind += f" (duplicata du n° {job.duplicate_of})"
    return (str(job.number), when, JOB_STATUS_WORDS.get(job.status, job.status), kind,
            language_name_fr(job.language) if job.language else "",
            short(job.error) if job.status == "pending" else "")


class PrintQueueScreen(StaffScreen):
    """The latest print jobs; pending ones can be retried or cancelled, any can be reprinted."""

    TITLE_TEXT = "File d'impression"

    def compose_body(self) -> ComposeResult:
        yield Static(literal("Chargement…"), id="print-queue-status")
        yield Static("", id="print-queue-warnings", classes="print-warning")
        yield staff_table(*COLUMNS, id="print-queue-table")
        yield Static("", id="print-queue-problem", classes="print-warning")
        with Horizontal(id="print-queue-actions"):
            yield Button(literal("Réimprimer (duplicata)"), id="pq-reprint")
            yield Button(literal("Annuler ce ticket"), id="pq-cancel", variant="warning")
            yield Button(literal("Réessayer les tickets en attente"), id="pq-retry")
            yield Button(literal("Actualiser"), id="pq-refresh")

    def on_mount(self) -> None:
        self.query_one("#print-queue-warnings", Static).display = False
        self.query_one("#print-queue-problem", Static).display = False
        self._problems: dict[int, str] = {}
        self.load()

    def _selected(self) -> int | None:
        table = self.query_one("#print-queue-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def _status(self, text: str) -> None:
        self.query_one("#print-queue-status", Static).update(literal(text))

    # -- loading -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="print-queue")
    def load(self, message: str = "") -> None:
        printing = self.context.printing
        try:
            jobs = printing.jobs(limit=100)
            warnings = printing.warnings()
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show, jobs, warnings, message)

    def _show(self, jobs: list[PrintJob], warnings: list[str], message: str) -> None:
        table = self.query_one("#print-queue-table", DataTable)
        selected = self._selected()
        table.clear()
        today = self.context.today()
        self._problems = {job.number: job.error for job in jobs
                          if job.status == "pending" and job.error}
        for job in jobs:
            table.add_row(*job_cells(job, today), key=str(job.number))
        self._show_problem()
        if selected is not None:
            for index, job in enumerate(jobs):
                if job.number == selected:
                    table.move_cursor(row=index)
        box = self.query_one("#print-queue-warnings", Static)
        box.display = bool(warnings)
        box.update(literal("\n".join("⚠ " + w for w in warnings)))
        pending = sum(1 for job in jobs if job.status == "pending")
        summary = (f"{pending} ticket(s) en attente de l'imprimante." if pending
                   else "Aucun ticket en attente.")
        self._status(f"{message}  {summary}".strip() if message else summary)

    @on(DataTable.RowHighlighted, "#print-queue-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_problem()

    def _show_problem(self) -> None:
        """The whole problem of the highlighted job, below the table."""
        box = self.query_one("#print-queue-problem", Static)
        number = self._selected()
        problem = self._problems.get(number) if number is not None else None
        box.display = bool(problem)
        box.update(literal(f"Ticket n° {number} : {problem}" if problem else ""))

    # -- actions -------------------------------------------------------------------------------

    @on(Button.Pressed, "#pq-refresh")
    def refresh_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.load()

    @on(Button.Pressed, "#pq-retry")
    def retry_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._status("Envoi à l'imprimante…")
        self._retry()

    @work(thread=True, exclusive=True, group="print-queue-action")
    def _retry(self) -> None:
        printing = self.context.printing
        try:
            printed = printing.retry_pending()
            message = f"{printed} ticket(s) imprimé(s)."
        except StorageError as exc:
            message = f"Impossible : {exc}"
        self.app.call_from_thread(self.load, message)

    @on(Button.Pressed, "#pq-reprint")
    def reprint_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        number = self._selected()
        if number is None:
            self._status("Choisissez d'abord un ticket dans la liste.")
            return
        self._status(f"Réimpression du ticket n° {number}…")
        self._reprint(number)

    @work(thread=True, exclusive=True, group="print-queue-action")
    def _reprint(self, number: int) -> None:
        outcome: PrintOutcome = self.context.printing.reprint(number)
        words = {
            "printed": "imprimé",
            "queued": "en attente (l'imprimante ne répond pas)",
            "preview": "aperçu enregistré (pas d'imprimante configurée)",
            "failed": f"impossible. {outcome.error}",
        }
        message = f"Duplicata du n° {number} : {words[outcome.status]}."
        self.app.call_from_thread(self.load, message)

    @on(Button.Pressed, "#pq-cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        number = self._selected()
        if number is None:
            self._status("Choisissez d'abord un ticket dans la liste.")
            return
        self._cancel(number)

    @work(thread=True, exclusive=True, group="print-queue-action")
    def _cancel(self, number: int) -> None:
        try:
            done = self.context.printing.cancel(number)
        except StorageError as exc:
            self.app.call_from_thread(self.load, f"Impossible : {exc}")
            return
        message = (f"Ticket n° {number} annulé." if done
                   else f"Le ticket n° {number} n'est pas en attente : rien à annuler.")
        self.app.call_from_thread(self.load, message)
