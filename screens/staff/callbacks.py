"""Staff: "À rappeler" — the parents who asked to be called back (when, first name, phone,
language, subject), oldest first; "Fait" marks the selected one done (it leaves the list, and
the next purge forgets it)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from kiosk.core.languages import language_name_fr
from kiosk.staff.callbacks import SUBJECT_STAFF, Callback
from screens.staff.base import StaffToolScreen, staff_table
from screens.staff.tables import Column
from screens.widgets import literal

COLUMNS = (Column("Demandé le"), Column("Prénom", priority=2), Column("Téléphone", cut=False),
           Column("Langue", priority=1), Column("Sujet"))


def callback_cells(request: Callback) -> tuple[object, ...]:
    """A row of the list: when, first name, phone, language (in French), subject."""
    return (f"{request.when:%d/%m à %H:%M}", Text(request.name), request.phone,
            language_name_fr(request.language),
            SUBJECT_STAFF.get(request.subject, request.subject))


class CallbacksStaffScreen(StaffToolScreen[list[Callback]]):
    """The call-back requests waiting, and "Fait"."""

    TITLE_TEXT = "À rappeler"

    def compose_body(self) -> ComposeResult:
        days = self.context.config.retention.callbacks_days
        yield Static(literal(
            "Les parents qui demandent qu'on les rappelle. Sélectionnez une demande, "
            f"puis « Fait » une fois l'appel passé. Une demande faite est oubliée à la "
            f"prochaine purge ; une demande est gardée {days} jours au plus."),
            classes="settings-note")
        yield Static(literal("Chargement…"), id="callbacks-count", classes="staff-label")
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield staff_table(*COLUMNS, id="callbacks-table")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Fait"), id="callback-done", variant="success")

    def read(self) -> list[Callback]:
        return self.context.callbacks.waiting()

    def show_data(self, data: list[Callback]) -> None:
        self.fill("callbacks-table", COLUMNS,
                  ((request.id, callback_cells(request)) for request in data))
        count = len(data)
        self.query_one("#callbacks-count", Static).update(literal(
            f"{count} demande{'s' if count > 1 else ''} à rappeler :" if count
            else "Aucune demande à rappeler."))

    @on(Button.Pressed, "#callback-done")
    def done(self, event: Button.Pressed) -> None:
        event.stop()
        request_id = self.selected("callbacks-table")
        if request_id is None:
            self.status("Aucune demande à rappeler.")
            return

        def action() -> str:
            if self.context.callbacks.mark_done(request_id):
                return "Demande marquée faite."
            return "Cette demande n'est plus à rappeler."

        self.perform(action)
