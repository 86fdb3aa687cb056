"""The parent's questionnaire flow with Textual's Pilot: by keys and by clicks, in French and
in Arabic; nothing is saved before Submit; the staff results screen."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from kiosk.core.store import StoreWriteError
from kiosk.questionnaire.content import CONTENT_DOMAIN, NOT_APPLICABLE, ContentTranslator
from kiosk.services import Services
from screens.home import HomeScreen
from screens.questionnaire import (
    QuestionnaireIntroScreen,
    QuestionScreen,
    ReviewScreen,
    ThanksScreen,
)
from screens.welcome import WelcomeScreen
from screens.widgets import Paragraph
from tests.support import click, settle

SIZE = (100, 40)


def question_id(app: Any) -> str:
    assert isinstance(app.screen, QuestionScreen), type(app.screen).__name__
    return str(app.screen.item.id)


async def test_whole_flow_by_keys_in_french(make_app: Callable[..., Any],
                                            demo_services: Services):
    before = demo_services.responses.count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # Français
        await pilot.press("1")  # the Questionnaire tile
        assert isinstance(app.screen, QuestionnaireIntroScreen)
        await pilot.press("1")  # Start
        progress = app.screen.query_one("#q-progress", Paragraph).text
        assert progress == "Question 1 sur 27"
        statements = demo_services.questionnaire.statements
        for index, item in enumerate(statements):
            assert question_id(app) == item.id
            key = "0" if item.id == "B1" else ("9" if item.id == "C2" else str(1 + index % 5))
            await pilot.press(key)
        assert question_id(app) == "D_DEVICES"
        await pilot.press("1", "2", "4")  # smartphone, computer, then "none" (exclusive)
        assert app.session.drafts["questionnaire"]["answers"]["D_DEVICES"] == ["none"]
        await pilot.press("4", "1", "9")  # "none" off, smartphone on, confirm
        await pilot.press("1")  # D_INTERNET: no internet
        await pilot.press("4")  # D_SCHOOL_APP: no account
        await pilot.press("1")  # D_EASE: not at ease at all
        await pilot.press("1", "3", "9")  # D_HELP: workshop + loan
        await pilot.press("2", "9")  # D_CONTACT: SMS
        await pilot.press("9")  # P_ROLE skipped
        await pilot.press("2", "9")  # P_LEVEL: élémentaire
        assert isinstance(app.screen, ReviewScreen)
        assert demo_services.responses.count() == before  # nothing saved yet
        await pilot.press("1")  # Send my answers
        await settle(pilot)
        assert isinstance(app.screen, ThanksScreen)
        assert "questionnaire" not in app.session.drafts
        shown = " ".join(p.text for p in app.screen.query(Paragraph))
        assert "Médiathèque Jean-Macé" in shown  # a local partner (orientation)
        assert "tablette" in shown  # the equipment-loan information
        await pilot.press("1")  # print my ticket
        await settle(pilot)
        assert type(app.screen).__name__ == "TicketScreen"
    saved = demo_services.responses.responses()
    assert len(saved) == before + 1
    answers = saved[-1].answers
    assert saved[-1].language == "fr"
    assert answers["A1"] == 1 and answers["B1"] == NOT_APPLICABLE and "C2" not in answers
    assert answers["D_DEVICES"] == ("smartphone",)
    assert answers["D_INTERNET"] == "none" and answers["D_SCHOOL_APP"] == "no_account"
    assert answers["D_HELP"] == ("workshop", "loan") and answers["D_CONTACT"] == ("sms",)
    assert "P_ROLE" not in answers and answers["P_LEVEL"] == ("elementaire",)


async def test_whole_flow_by_clicks_in_arabic(make_app: Callable[..., Any],
                                              demo_services: Services):
    before = demo_services.responses.count()
    content = ContentTranslator(demo_services.i18n.catalog("ar", CONTENT_DOMAIN), "ar")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await click(pilot, "#lang-ar")
        await click(pilot, "#tile-questionnaire")
        assert isinstance(app.screen, QuestionnaireIntroScreen)
        await click(pilot, "#q-start")
        first = demo_services.questionnaire.statements[0]
        title = app.screen.query_one("#q-text", Paragraph)
        assert title.text == content(first.text) != first.text
        assert title.rtl is None and app.tr.rtl  # shown right to left
        assert app.screen.query_one("#q-progress", Paragraph).text == "السؤال 1 من 27"
        for item in demo_services.questionnaire.items:
            assert question_id(app) == item.id
            if item.is_scale:
                await click(pilot, "#q-answer-5")
            elif item.is_multiple:
                await click(pilot, f"#q-option-{item.options[-1].id}")
                await click(pilot, "#q-confirm")
            else:
                await click(pilot, f"#q-option-{item.options[0].id}")
        assert isinstance(app.screen, ReviewScreen)
        # Change one answer from the review, by clicking it.
        await click(pilot, "#q-review-A1")
        assert question_id(app) == "A1" and app.screen.editing
        await click(pilot, "#q-answer-2")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert demo_services.responses.count() == before
        await click(pilot, "#q-submit")
        await settle(pilot)
        assert isinstance(app.screen, ThanksScreen)
        await click(pilot, "#q-done")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session.is_empty
    saved = demo_services.responses.responses()[-1]
    assert saved.language == "ar"
    assert saved.answers["A1"] == 2 and saved.answers["A2"] == 5
    assert saved.answers["D_DEVICES"] == ("none",) and saved.answers["P_ROLE"] == "parent"


async def test_idle_reset_mid_way_saves_nothing(make_app: Callable[..., Any],
                                                demo_services: Services):
    before = demo_services.responses.count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "1")
        await pilot.press("4", "5", "3")
        assert app.session.drafts["questionnaire"]["answers"] == {"A1": 4, "A2": 5, "B1": 3}
        await app.idle_expired()  # what the idle countdown does at zero
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session.drafts == {}
        # The next parent starts from an empty questionnaire.
        await pilot.press("1", "1")
        intro = app.screen
        assert isinstance(intro, QuestionnaireIntroScreen)
        assert intro.query_one("#q-start").text == "Commencer"
    assert demo_services.responses.count() == before


async def test_home_keeps_the_draft_for_this_parent_only(make_app: Callable[..., Any],
                                                         demo_services: Services):
    before = demo_services.responses.count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "1", "4", "4")
        await pilot.press("escape")  # back to question 2
        assert question_id(app) == "A2"
        await pilot.click("#nav-home")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("1")
        assert app.screen.query_one("#q-start").text == "Continuer"
        await pilot.press("1")
        assert question_id(app) == "A2"
        await pilot.click("#nav-home")
        assert isinstance(app.screen, HomeScreen)
        await app.reset_parent()  # what "I am done" does: forgotten
        await settle(pilot)
        assert app.session.drafts == {}
    assert demo_services.responses.count() == before


async def test_a_storage_failure_keeps_the_answers_and_says_so(
    make_app: Callable[..., Any], demo_services: Services, monkeypatch: Any
):
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise StoreWriteError("disque plein")

    monkeypatch.setattr(demo_services.responses, "add_response", refuse)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "1", "4")
        app.screen.query_one("#q-text")
        draft = app.session.drafts["questionnaire"]
        await app.push_screen(ReviewScreen(app.screen_context))
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        notice = app.screen.query_one("#q-submit-notice")
        assert notice.display and "accueil" in str(notice.render())
        assert draft["answers"] == {"A1": 4}
        assert not app.screen.query_one("#q-submit").disabled


async def test_a_reworded_item_is_shown_in_french_with_a_notice(
    make_app: Callable[..., Any], demo_services: Services
):
    questionnaire = demo_services.questionnaire
    own = "Dans notre école, on parle du numérique aux réunions de rentrée."
    items = tuple(dataclasses.replace(i, text=own) if i.id == "A1" else i
                  for i in questionnaire.all_items)
    demo_services.__dict__["questionnaire"] = dataclasses.replace(questionnaire,
                                                                  all_items=items)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "1", "1")  # العربية, questionnaire, start
        text = app.screen.query_one("#q-text", Paragraph)
        assert text.text == own and text.rtl is False
        notice = app.screen.query_one("#q-untranslated")
        assert notice.display
        await pilot.press("4")
        assert not app.screen.query("#q-untranslated")  # A2 is translated


async def test_staff_results_screen_shows_the_figures(make_app: Callable[..., Any]):
    from screens.staff.results import ResultsScreen

    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await app.open_staff_area()
        await settle(pilot)
        entry = app.screen.query_one("#staff-results")
        entry.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#staff-results")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        figures = str(app.screen.query_one("#results-figures").render())
        assert "Taux de réponse" in figures
        assert "Réponses par catégorie" in figures
        assert "moyenne par domaine" in figures and "█" in figures
        assert "Année précédente (2025-2026)" in figures
