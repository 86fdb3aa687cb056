"""Staff: the parents' help requests still waiting (when, from where, in which language),
each with "J'y vais" (acknowledge)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.core.languages import language_name_fr
from kiosk.core.store import StorageError
from kiosk.staff.help_requests import HelpRequest
from screens.staff.base import StaffScreen
from screens.widgets import literal

#: Screen names recorded by the parent screens, in the staff's words.
SCREEN_WORDS = {
    "home": "l'accueil",
    "help": "l'aide",
    "privacy": "la protection des données",
    "questionnaire": "le questionnaire",
    "booking": "les rendez-vous",
    "workshops": "les ateliers",
    "announcements": "les annonces",
    "ticket": "le ticket",
    "callback": "la demande de rappel",
}


def describe(request: HelpRequest) -> str:
    """When, from which screen, and the parent's language (in French)."""
    where = SCREEN_WORDS.get(request.came_from, request.came_from)
    return (f"{request.when:%d/%m à %H:%M} — depuis {where} — "
            f"langue : {language_name_fr(request.language)}")


class HelpRequestsScreen(StaffScreen):
    """Help requests nobody has answered yet, oldest first."""

    TITLE_TEXT = "Demandes d'aide des parents"

    def compose_body(self) -> ComposeResult:
        yield Static(literal("Chargement…"), id="help-requests-status")
        yield Vertical(id="help-requests")

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="help-requests")
    def _load(self) -> None:
        try:
            pending = self.context.help_requests.pending()
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show_soon, pending)

    def _show_soon(self, pending: list[HelpRequest]) -> None:
        self.run_worker(self._show(pending), group="help-requests-show", exclusive=True)

    def _status(self, text: str) -> None:
        self.query_one("#help-requests-status", Static).update(literal(text))

    async def _show(self, pending: list[HelpRequest]) -> None:
        box = self.query_one("#help-requests", Vertical)
        await box.remove_children()
        if not pending:
            self._status("Aucune demande d'aide en attente.")
            return
        count = len(pending)
        self._status(f"{count} demande{'s' if count > 1 else ''} en attente :")
        rows = []
        for request in pending:
            row = Horizontal(
                Static(literal(describe(request)), classes="help-request-text"),
                Button(literal("J'y vais"), id=f"ack-{request.id}", classes="help-ack"),
                classes="help-request",
            )
            rows.append(row)
        await box.mount_all(rows)

    @on(Button.Pressed, ".help-ack")
    def acknowledge(self, event: Button.Pressed) -> None:
        event.stop()
        request_id = (event.button.id or "").removeprefix("ack-")
        event.button.disabled = True
        self._acknowledge(request_id)

    @work(thread=True, group="help-requests-ack")
    def _acknowledge(self, request_id: str) -> None:
        try:
            self.context.help_requests.acknowledge(request_id)
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Enregistrement impossible : {exc}")
            return
        self.app.call_from_thread(self._load)
