"""The "?" key and bar button: the school words of a screen with their explanations, in the
parent's language (issue 18, the glossary), and the "petit lexique" printed from there."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.services import Services
from screens.glossary import GlossaryModal
from screens.questionnaire import QuestionScreen
from screens.widgets import BigButton
from tests.support import click, fully_in_view, press, settle, start_at, wait_for

SIZE = (80, 24)


def qcm_position(services: Services) -> int:
    """The statement that names a QCM."""
    return next(index for index, item in enumerate(services.questionnaire.items)
                if "QCM" in item.text)


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_the_question_key_lists_the_qcm_with_its_explanation(
        make_app: Any, demo_services: Services, lang: str) -> None:
    position = qcm_position(demo_services)
    qcm = next(word for word in demo_services.glossary.words if word.key == "qcm")
    app = make_app()
    async with start_at(app, lambda c: QuestionScreen(c, position), language=lang,
                        size=SIZE) as pilot:
        button = app.screen.query_one("#nav-glossary", BigButton)
        await wait_for(pilot, lambda: bool(button.display))
        assert fully_in_view(app, button)
        await press(pilot, "question_mark")
        modal = app.screen
        assert isinstance(modal, GlossaryModal)
        assert "qcm" in [word.key for word in modal.words]
        shown = "\n".join(p.text for p in modal.query(".glossary-word, .glossary-explanation")
                          .results())
        assert qcm.explanation(lang) in shown and qcm.word(lang) in shown
        assert modal.has_class("-rtl") == (lang == "ar")
        for control in modal.query(BigButton).results(BigButton):
            assert fully_in_view(app, control), control.id
        await press(pilot, "escape")
        assert isinstance(app.screen, QuestionScreen)


async def test_a_screen_without_glossary_words_has_no_question_button(
        make_app: Any, demo_services: Services) -> None:
    app = make_app()
    async with start_at(app, lambda c: QuestionScreen(c, 0), language="fr",
                        size=SIZE) as pilot:
        screen = app.screen
        assert screen.glossary_words() == []  # the first statement names no school word
        await settle(pilot)
        assert not screen.query_one("#nav-glossary").display
        await press(pilot, "question_mark")
        assert app.screen is screen


async def test_the_lexique_is_printed_from_the_glossary(
        make_app: Any, demo_services: Services) -> None:
    position = qcm_position(demo_services)
    app = make_app()
    async with start_at(app, lambda c: QuestionScreen(c, position), language="ar",
                        size=SIZE) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, GlossaryModal)
        await click(pilot, "#glossary-print")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TicketScreen")
        ticket = app.screen.ticket
        assert ticket.kind == "lexicon" and ticket.language == "ar"
        assert len(ticket.lines) == 2 * len(demo_services.glossary.words)
        assert any("QCM" in text for text in ticket.texts())
