"""Staff: the audit log (what was done in the staff area, and when), newest first."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from kiosk.core.audit import AuditEntry
from kiosk.core.store import StorageError
from screens.staff.base import StaffScreen, staff_table
from screens.staff.words import ACTION_WORDS
from screens.widgets import literal


class AuditScreen(StaffScreen):
    """Every entry kept (``[retention] audit_days``), newest first."""

    TITLE_TEXT = "Journal des actions"

    def compose_body(self) -> ComposeResult:
        days = self.context.config.retention.audit_days
        yield Static(
            literal(
                f"Les actions sont gardées {days} jours. Pour les exporter : "
                "kiosk export audit --format csv --out journal.csv"
            ),
            classes="settings-note",
        )
        yield Static(literal("Chargement…"), id="audit-status")
        yield staff_table(id="audit-table", when="Date", action="Action", detail="Détail")

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="audit")
    def _load(self) -> None:
        try:
            entries = self.context.audit.entries()
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show, entries)

    def _status(self, text: str) -> None:
        self.query_one("#audit-status", Static).update(literal(text))

    def _show(self, entries: list[AuditEntry]) -> None:
        table = self.query_one("#audit-table", DataTable)
        table.clear()
        for entry in reversed(entries):
            table.add_row(
                literal(f"{entry.when:%d/%m/%Y %H:%M}"),
                literal(ACTION_WORDS.get(entry.action, entry.action)),
                literal(entry.detail),
            )
        count = len(entries)
        self._status(f"{count} action{'s' if count > 1 else ''} enregistrée"
                     f"{'s' if count > 1 else ''}." if count else "Aucune action enregistrée.")
