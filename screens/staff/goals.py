"""Staff: the school's goals (SMART) on the questionnaire's figures — add, change, remove.

A goal is a measure (a statement's or a domain's mean, a Part 2 share), a starting value, a
target and a due date (:mod:`kiosk.questionnaire.goals`). The table shows each goal with this
year's value, the gap and whether the school is on track. Enter (or "Modifier") puts a goal in
the form to change it; a bad value is refused with a French sentence and the form keeps what
was typed. Reading and writing go through :class:`~kiosk.questionnaire.goals.GoalBook` in worker
threads; every change is recorded in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Select, Static

from kiosk.questionnaire.figures import decimal
from kiosk.questionnaire.goals import GoalRefused, GoalStanding, parse_goal, standing
from kiosk.questionnaire.measures import Measure, measures
from kiosk.questionnaire.suppression import NOT_ENOUGH
from screens.staff.base import StaffToolScreen, field, staff_table
from screens.staff.tables import Column
from screens.widgets import literal

COLUMNS = (Column("Indicateur", "measure"), Column("De → à", "range"),
           Column("Échéance", "due"), Column("Cette année", "now"), Column("Écart", "gap"),
           Column("Où en est-on ?", "track"))
#: The longest measure label shown in the list to choose from.
LABEL_CHARS = 90


@dataclass(frozen=True)
class GoalsData:
    """The goals beside this year's figures, and the measures a goal may be about."""

    standings: tuple[GoalStanding, ...]
    measures: tuple[Measure, ...]


def _cells(s: GoalStanding) -> tuple[Text, str, str, str, str, str]:
    goal, m = s.goal, s.measure
    span = (f"{m.shown(goal.start)} → {m.shown(goal.target)}" if m.is_share
            else f"{decimal(goal.start)} → {m.shown(goal.target)}")
    head = (Text(m.label), span,
            goal.due.strftime("%d/%m/%Y"))
    gap = s.gap
    if s.current is None:
        return (*head, NOT_ENOUGH, "—", "—")
    if gap is not None and gap <= 0:
        return (*head, m.shown(s.current), "atteint", "objectif atteint")
    return (*head, m.shown(s.current), m.gap_text(gap or 0),
            "en bonne voie" if s.on_track else "en retard")


def _typed(value: float, measure: Measure) -> str:
    """A stored value as staff type it (30 for 30 %, 3,5 for a mean)."""
    return f"{round(value * 100)}" if measure.is_share else decimal(value)


class GoalsScreen(StaffToolScreen[GoalsData]):
    """The school's goals: the list, and a form to add or change one."""

    TITLE_TEXT = "Objectifs de l'école"

    def compose_body(self) -> ComposeResult:
        yield Static(literal(
            "Un objectif fait passer un chiffre du questionnaire d'une valeur de départ à une "
            "cible, à une date. Pourcentages : 30 ou 30 %. Moyennes : de 1 à 5 (3,5). "
            "Échéance : 30/06/2028 ou 06/2028."), classes="staff-help")
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield staff_table(id="goals-table")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Modifier (Entrée)"), id="goal-edit")
            yield Button(literal("Retirer"), id="goal-remove", variant="error")
            yield Button(literal("Nouvel objectif"), id="goal-new")
        yield Static(literal("Nouvel objectif"), id="goal-form-title", classes="staff-label")
        yield Select[str]([], prompt="Indicateur", id="goal-measure", allow_blank=True)
        with Horizontal(classes="staff-row"):
            yield from field("Valeur de départ", "goal-start", placeholder="30 %")
            yield from field("Cible", "goal-target", placeholder="60 %")
            yield from field("Échéance", "goal-due", placeholder="06/2028")
        yield Button(literal("Enregistrer l'objectif"), id="goal-save", variant="primary")

    def on_mount(self) -> None:
        self._editing = ""
        self._data = GoalsData((), ())
        self.query_one("#goal-measure", Select).set_options(
            (m.label if len(m.label) <= LABEL_CHARS else m.label[:LABEL_CHARS - 1] + "…", m.key)
            for m in measures(self.context.questionnaire))

    def read(self) -> GoalsData:
        services = self.context
        goals = services.goals.all()
        results = services.results.school_results(with_previous=False)
        found = standing(goals, services.questionnaire, results, services.today())
        return GoalsData(tuple(found), tuple(measures(services.questionnaire)))

    def show_data(self, data: GoalsData) -> None:
        self._data = data
        self.fill("goals-table", COLUMNS, ((s.goal.id, _cells(s)) for s in data.standings))
        if not data.standings:
            self.status_if_empty("Aucun objectif pour l'instant : remplissez le formulaire "
                                 "ci-dessous.")

    def status_if_empty(self, text: str) -> None:
        shown = str(self.query_one("#staff-status", Static).render())
        if not shown.strip():
            self.status(text)

    def _standing(self, goal_id: str | None) -> GoalStanding | None:
        return next((s for s in self._data.standings if s.goal.id == goal_id), None)

    @on(DataTable.RowSelected, "#goals-table")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._edit(str(event.row_key.value))

    @on(Button.Pressed, "#goal-edit")
    def edit_selected(self, event: Button.Pressed) -> None:
        event.stop()
        self._edit(self.selected("goals-table"))

    def _edit(self, goal_id: str | None) -> None:
        found = self._standing(goal_id)
        if found is None:
            self.status("Choisissez d'abord un objectif dans la liste.")
            return
        goal, measure = found.goal, found.measure
        self._editing = goal.id
        self.query_one("#goal-form-title", Static).update(literal("Modifier l'objectif"))
        self.query_one("#goal-measure", Select).value = goal.measure
        self.query_one("#goal-start", Input).value = _typed(goal.start, measure)
        self.query_one("#goal-target", Input).value = _typed(goal.target, measure)
        self.query_one("#goal-due", Input).value = goal.due.strftime("%d/%m/%Y")
        self.status("Changez les valeurs, puis « Enregistrer l'objectif ».")
        self.query_one("#goal-start", Input).focus()

    @on(Button.Pressed, "#goal-new")
    def new_goal(self, event: Button.Pressed) -> None:
        event.stop()
        self._editing = ""
        self.query_one("#goal-form-title", Static).update(literal("Nouvel objectif"))
        for box in ("goal-start", "goal-target", "goal-due"):
            self.query_one(f"#{box}", Input).value = ""
        self.query_one("#goal-measure", Select).clear()

    @on(Button.Pressed, "#goal-remove")
    def remove_goal(self, event: Button.Pressed) -> None:
        event.stop()
        found = self._standing(self.selected("goals-table"))
        if found is None:
            self.status("Choisissez d'abord un objectif dans la liste.")
            return
        goal_id, title = found.goal.id, found.title

        def action() -> str:
            if not self.context.goals.remove(goal_id):
                return "Cet objectif n'existe plus."
            self.context.audit.record("objectif", f"Objectif retiré : {title}")
            return f"Objectif retiré : {title}"

        self.perform(action)

    @on(Button.Pressed, "#goal-save")
    def save(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self.query_one("#goal-measure", Select).value
        if not isinstance(chosen, str):
            self.status("⚠ Choisissez l'indicateur de l'objectif dans la liste.")
            return
        services, editing = self.context, self._editing
        try:
            goal = parse_goal(services.questionnaire, measure=chosen,
                              start=self.value("goal-start"), target=self.value("goal-target"),
                              due=self.value("goal-due"), today=services.today(),
                              goal_id=editing)
        except GoalRefused as exc:
            self.status(f"⚠ Objectif refusé : {exc}")  # the form keeps what was typed
            return

        def action() -> str:
            if editing and services.goals.change(goal):
                said = "Objectif modifié."
            else:
                try:
                    services.goals.add(goal)
                except GoalRefused as exc:
                    return f"⚠ Objectif refusé : {exc}"
                said = "Objectif enregistré."
            services.audit.record("objectif", f"{said} ({goal.measure})")
            self._editing = goal.id
            return said

        self.perform(action)
