"""Staff: the questionnaire's results, as bars drawn in the terminal (French).

The same figures as ``kiosk report`` (computed by :mod:`kiosk.questionnaire.results`, in a worker
thread): the "à discuter" list, responses and response rate, responses per category, level and
language, the rate and means per category, the mean per domain and per statement, the family
indicators and the answers to Part 2, beside the previous school year's. No figure about fewer
than ``[questionnaire] min_group_size`` responses is shown ("pas encore assez de réponses").
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from kiosk.core.store import StorageError
from kiosk.questionnaire.results import Results
from kiosk.questionnaire.summary import text_lines
from screens.staff.base import StaffScreen
from screens.widgets import literal


class ResultsScreen(StaffScreen):
    """The results of the current school year."""

    TITLE_TEXT = "Résultats du questionnaire"

    def compose_body(self) -> ComposeResult:
        yield Static(
            literal(
                "Pour le conseil d'école : kiosk report --out DOSSIER (page HTML avec les "
                "graphiques). Pour un tableur : kiosk export responses --format csv --out "
                "reponses.csv"
            ),
            classes="settings-note",
        )
        with Horizontal(id="results-actions"):
            yield Button(literal("Actualiser"), id="results-refresh", classes="staff-action")
        yield Static(literal("Calcul des résultats…"), id="results-status")
        yield Static(literal(""), id="results-figures", markup=False)

    def on_mount(self) -> None:
        self._load()

    @on(Button.Pressed, "#results-refresh")
    def refresh_results(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one("#results-status", Static).update(literal("Calcul des résultats…"))
        self._load()

    @work(thread=True, exclusive=True, group="results")
    def _load(self) -> None:
        services = self.context
        try:
            results = services.results.school_results()
        except StorageError as exc:
            self.app.call_from_thread(self._status, f"Lecture impossible : {exc}")
            return
        self.app.call_from_thread(self._show, results)

    def _status(self, text: str) -> None:
        self.query_one("#results-status", Static).update(literal(text))

    def _show(self, results: Results) -> None:
        if results.responses == 0:
            self._status("Aucune réponse au questionnaire pour l'instant cette année.")
        else:
            self._status("")
        self.query_one("#results-figures", Static).update(literal("\n".join(text_lines(results))))
