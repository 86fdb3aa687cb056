"""The questionnaire outside its dates (Home tile, intro, refused answer) and one answer per
family (the code step), with Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from kiosk.core import config as config_module
from kiosk.questionnaire.family_codes import CodeState, shown
from kiosk.services import Services
from screens.questionnaire import (
    FamilyCodeScreen,
    QuestionnaireIntroScreen,
    QuestionScreen,
    ReviewScreen,
    ThanksScreen,
)
from screens.widgets import BigButton
from tests.support import Clock, build_services, new_app, press, screen_text, settle

SIZE = (100, 40)


def services_with(tmp_path: Path, clock: Clock, **settings: object) -> Services:
    from kiosk.cli import DEMO_CONFIG

    cfg = config_module.replace(config_module.load(DEMO_CONFIG), "questionnaire", **settings)
    return build_services(tmp_path / "data", clock, cfg, demo=True)


def tile_text(app: object) -> str:
    return str(app.screen.query_one("#tile-questionnaire", BigButton).label)  # type: ignore[attr-defined]


async def test_before_it_opens_home_says_when_and_nothing_can_be_answered(
        tmp_path: Path, clock: Clock) -> None:
    services = services_with(tmp_path, clock, opens="2027-01-05", closes="2027-02-05")
    before = services.responses.count()
    app = new_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1")  # Français
        assert "Le questionnaire ouvre le 5 janvier 2027." in tile_text(app)
        await press(pilot, "1")
        assert isinstance(app.screen, QuestionnaireIntroScreen)
        assert "Le questionnaire ouvre le 5 janvier 2027." in screen_text(app)
        assert not app.screen.query("#q-start")
        assert app.focused is not None  # a key still reaches something
        await press(pilot, "1")
        assert isinstance(app.screen, QuestionnaireIntroScreen)
    assert services.responses.count() == before


async def test_after_it_closed_the_tile_says_so_in_the_parents_language(
        tmp_path: Path, clock: Clock) -> None:
    services = services_with(tmp_path, clock, closes="2026-11-01")
    before = services.responses.count()
    app = new_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "3")  # العربية
        text = tile_text(app)
        assert "fermé" not in text and "questionnaire" not in text.lower()
        # Arabic letters (shaped for the terminal: presentation forms)
        assert sum(1 for ch in text if "\u0600" <= ch <= "\u06ff" or ch >= "\ufb50") > 8
        await app.set_language("fr")
        await settle(pilot)
        assert "Le questionnaire est fermé." in tile_text(app)
    assert services.responses.count() == before


async def test_a_closed_questionnaire_refuses_the_answers_being_sent(
        tmp_path: Path, clock: Clock) -> None:
    """A parent who started before midnight of the closing day is told, and nothing is kept."""
    services = services_with(tmp_path, clock, closes="2026-11-23")
    before = services.responses.count()
    app = new_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1", "1", "1", "4")  # Français, Questionnaire, start, A1 = 4
        clock.advance(days=1)
        await app.push_screen(ReviewScreen(app.screen_context))
        await press(pilot, "1")  # send
        assert isinstance(app.screen, ReviewScreen)
        assert "Le questionnaire est fermé." in str(
            app.screen.query_one("#q-submit-notice").render())
    assert services.responses.count() == before


async def test_one_answer_per_family_asks_for_a_code_that_works_once(
        tmp_path: Path, clock: Clock) -> None:
    services = services_with(tmp_path, clock, one_per_family=True)
    codes = services.responses.family_codes
    assert codes is not None
    (code,) = codes.issue(1)
    before = services.responses.count()
    app = new_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1", "1", "1")  # Français, Questionnaire, start
        assert isinstance(app.screen, FamilyCodeScreen)
        assert app.focused is app.screen.query_one("#q-code", Input)
        await pilot.press(*"ZZZZ2222", "enter")
        await settle(pilot)
        assert "Ce code n'existe pas" in screen_text(app)
        app.screen.query_one("#q-code", Input).value = ""
        await pilot.press(*shown(code).lower(), "enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await press(pilot, "5")
        await app.push_screen(ReviewScreen(app.screen_context))
        await press(pilot, "1")
        assert isinstance(app.screen, ThanksScreen)
        assert "code" not in app.session.drafts.get("questionnaire", {})
    assert services.responses.count() == before + 1
    assert codes.state(code) is CodeState.USED
    app = new_app(services)
    async with app.run_test(size=SIZE) as pilot:  # the same code, a second time
        await press(pilot, "1", "1", "1")
        await pilot.press(*code, "enter")
        await settle(pilot)
        assert isinstance(app.screen, FamilyCodeScreen)
        assert "Ce code a déjà servi" in screen_text(app)
    assert services.responses.count() == before + 1
