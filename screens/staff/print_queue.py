"""Staff: the print queue — tickets waiting for the printer, reprint (duplicate), cancel."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Static

from kiosk.core.store import StorageError
from kiosk.printing.outcome import PrintOutcome
from kiosk.printing.queue import PrintJob
from screens.staff.base import StaffScreen, staff_table
from screens.staff.words import JOB_KIND_WORDS, JOB_STATUS_WORDS
from screens.widgets import literal


class PrintQueueScreen(StaffScreen):
    """The latest print jobs; pending ones can be retried or cancelled, any can be reprinted."""

    TITLE_TEXT = "File d'impression"

    def compose_body(self) -> ComposeResult:
        yield Static(literal("Chargement…"), id="print-queue-status")
        yield Static("", id="print-queue-warnings", classes="print-warning")
        yield staff_table(id="print-queue-table", number="N°", created="Créé", status="État",
                             kind="Ticket", language="Langue", error="Problème")
        with Horizontal(id="print-queue-actions"):
            yield Button(literal("Réimprimer (duplicata)"), id="pq-reprint")
            yield Button(literal("Annuler ce ticket"), id="pq-cancel", variant="warning")
            yield Button(literal("Réessayer les tickets en attente"), id="pq-retry")
            yield Button(literal("Actualiser"), id="pq-refresh")

    def on_mount(self) -> None:
        self.query_one("#print-queue-warnings", Static).display = False
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
        for job in jobs:
            dup = f" (duplicata de {job.duplicate_of})" if job.duplicate_of else ""
            table.add_row(
                literal(str(job.number)),
                literal(job.created[:16].replace("T", " ")),
                literal(JOB_STATUS_WORDS.get(job.status, job.status)),
                literal(JOB_KIND_WORDS.get(job.kind, job.kind) + dup),
                literal(job.language),
                literal(job.error[:60] if job.status == "pending" else ""),
                key=str(job.number),
            )
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
            "failed": f"impossible ({outcome.error})",
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
