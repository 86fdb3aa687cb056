"""Staff: the results screen (priorities, withheld figures) and families per category set on
the settings screen."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from kiosk.core.config import load
from kiosk.questionnaire.suppression import NOT_ENOUGH
from kiosk.services import Services
from tests.domain.test_anonymity import crowd
from tests.support import Clock, build_services, click, settle, start_at


@pytest.fixture
def file_services(tmp_path: Path, clock: Clock) -> Services:
    path = tmp_path / "kiosk.toml"
    path.write_text('[school]\nname = "École des Lilas"\nfamilies = 200\n'
                    '[questionnaire.families.P_ROLE]\nparent = 150\n', encoding="utf-8")
    return build_services(tmp_path / "data", clock, load(path))


async def test_results_screen_lists_priorities_and_never_the_lone_parent(
    file_services: Services, make_app: Any
) -> None:
    from screens.staff.results import ResultsScreen

    file_services.responses.add_many(crowd())
    app = make_app(file_services)
    async with start_at(app, ResultsScreen, size=(100, 40), staff=True):
        text = str(app.screen.query_one("#results-figures", Static).render())
        # B1 over the first 10: 9 × 4 and one 1, mean 3,7: the weakest figure.
        assert "À discuter" in text and "  1. B1. " in text and "— moyenne 3,7 sur 5" in text
        assert text.index("À discuter") < text.index("Réponses par catégorie")
        assert NOT_ENOUGH in text
        assert "arabe" not in text and "Parent élu" in text
        # 12 parents and 1 elected: the parents' count would give the elected one away.
        assert "12 réponses sur 150 familles" not in text


async def test_families_per_category_are_set_on_the_settings_screen(
    file_services: Services, make_app: Any
) -> None:
    from screens.staff.settings import SettingsScreen

    app = make_app(file_services)
    async with start_at(app, SettingsScreen, size=(100, 60), staff=True) as pilot:
        box = app.screen.query_one("#families-P_ROLE-parent", Input)
        assert box.value == "150"
        # A bad number: explained, nothing changed.
        box.value = "-4"
        app.screen.query_one("#families-P_LEVEL-college", Input).value = "300"
        status = await _save(app, pilot)
        assert "refusé" in status and "Parent" in status and "-4" in status
        assert file_services.config.questionnaire.families == {"P_ROLE": {"parent": 150}}
        # Good numbers: saved and applied.
        box.value = "140"
        status = await _save(app, pilot)
        assert "enregistrés" in status, status
    expected = {"P_ROLE": {"parent": 140}, "P_LEVEL": {"college": 300}}
    assert file_services.config.questionnaire.families == expected
    assert file_services.results.category_families == expected
    assert file_services.config.source is not None
    raw = tomllib.loads(file_services.config.source.read_text(encoding="utf-8"))
    assert raw["questionnaire"]["families"] == expected
    assert raw["school"]["families"] == 200


async def _save(app: Any, pilot: Any) -> str:
    """Press Save and return the status line once the save is done."""
    await click(pilot, "#settings-save")
    await settle(pilot)
    return str(app.screen.query_one("#settings-status", Static).render())
