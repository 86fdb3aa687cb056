"""Staff: the goals screen (add, refuse bad input without losing it, change, remove) and the
results screen's goals and "Écrire le rapport" button."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import Input, Select, Static

from kiosk.questionnaire.council import REPORTS_FOLDER
from kiosk.questionnaire.measures import SCHOOL_SPACE
from kiosk.services import Services
from tests.support import click, settle, start_at, wait_for


def _status(app: Any, selector: str = "#staff-status") -> str:
    return str(app.screen.query_one(selector, Static).render())


def _fill(app: Any, **values: str) -> None:
    for name, value in values.items():
        app.screen.query_one(f"#goal-{name}", Input).value = value


async def test_goals_are_added_refused_changed_and_removed(services: Services,
                                                           make_app: Any) -> None:
    from screens.staff.goals import GoalsScreen

    app = make_app(services)
    async with start_at(app, GoalsScreen, size=(110, 50), staff=True) as pilot:
        assert "Aucun objectif" in _status(app)
        # No measure chosen: said, nothing stored.
        await click(pilot, "#goal-save")
        await settle(pilot)
        assert "Choisissez l'indicateur" in _status(app) and services.goals.all() == []
        app.screen.query_one("#goal-measure", Select).value = SCHOOL_SPACE
        _fill(app, start="30", target="160 %", due="06/2028")
        await click(pilot, "#goal-save")
        await settle(pilot)
        assert "un pourcentage va de 0 à 100" in _status(app)
        assert app.screen.query_one("#goal-target", Input).value == "160 %"  # kept
        assert services.goals.all() == []
        _fill(app, target="60 %")
        await click(pilot, "#goal-save")
        await settle(pilot)
        assert "Objectif enregistré" in _status(app)
        [goal] = services.goals.all()
        assert (goal.start, goal.target, goal.due) == (0.3, 0.6, dt.date(2028, 6, 30))
        table = app.screen.query_one("#goals-table")
        assert table.row_count == 1
        # Change it: Enter on the row puts it in the form.
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#goal-target", Input).value == "60"
        _fill(app, target="70")
        await click(pilot, "#goal-save")
        await settle(pilot)
        assert "Objectif modifié" in _status(app)
        assert [g.target for g in services.goals.all()] == [0.7]
        await click(pilot, "#goal-remove")
        await settle(pilot)
        assert "Objectif retiré" in _status(app) and services.goals.all() == []
    actions = [e.action for e in services.audit.entries()]
    assert actions.count("objectif") == 3


async def test_the_results_screen_shows_goals_and_writes_the_report(
    demo_services: Services, make_app: Any
) -> None:
    from kiosk.questionnaire.goals import parse_goal
    from screens.staff.results import ResultsScreen

    services = demo_services
    services.goals.add(parse_goal(services.questionnaire, measure=SCHOOL_SPACE, start="30",
                                  target="60", due="06/2028", today=services.today()))
    app = make_app(services)
    async with start_at(app, ResultsScreen, size=(110, 50), staff=True) as pilot:
        figures = str(app.screen.query_one("#results-figures", Static).render())
        assert "Objectifs de l'école" in figures and "de 30 % à 60 %" in figures
        assert "cette année :" in figures
        select = app.screen.query_one("#report-target", Select)
        assert select.value == str(services.data_dir / REPORTS_FOLDER)
        await click(pilot, "#report-write")
        await wait_for(pilot, lambda: "Rapport écrit" in _status(app, "#report-status"))
    folder = services.data_dir / REPORTS_FOLDER / f"rapport-questionnaire-{services.store.year}"
    assert (folder / "rapport-questionnaire.html").exists()
    assert (folder / "rapport-projection.html").exists()
    assert "de 30 % à 60 %" in (folder / "rapport-questionnaire.html").read_text("utf-8")
    assert "export" in [e.action for e in services.audit.entries()]


async def test_no_writable_folder_and_a_failed_write_are_said(
    demo_services: Services, make_app: Any
) -> None:
    from screens.staff.results import ResultsScreen

    services = demo_services
    reports = services.data_dir / REPORTS_FOLDER
    reports.write_text("a file where the folder should be", "utf-8")
    app = make_app(services)
    async with start_at(app, ResultsScreen, size=(110, 50), staff=True) as pilot:
        assert "Aucun dossier où écrire le rapport" in _status(app, "#report-status")
        await click(pilot, "#report-write")
        await settle(pilot)
        assert "Aucun dossier où écrire le rapport" in _status(app, "#report-status")
    # The folder is there, but the year's report folder cannot be made: said, no crash.
    reports.unlink()
    reports.mkdir()
    (reports / f"rapport-questionnaire-{services.store.year}").write_text("x", "utf-8")
    app = make_app(services)
    async with start_at(app, ResultsScreen, size=(110, 50), staff=True) as pilot:
        await click(pilot, "#report-write")
        await wait_for(pilot, lambda: "Rapport non écrit" in _status(app, "#report-status"))
        assert "choisissez un autre dossier" in _status(app, "#report-status")
