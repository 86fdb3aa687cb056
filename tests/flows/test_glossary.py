"""The "?" key and bar button: the school words of a screen with their explanations, in the
parent's language (issue 18, the glossary), and the "petit lexique" printed from there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.glossary import load_glossary
from kiosk.services import Services
from screens.glossary import GlossaryModal, heading
from screens.home import HomeScreen
from screens.questionnaire import QuestionScreen
from screens.widgets import BigButton, NavBar, Paragraph
from tests.support import (
    Clock,
    build_services,
    click,
    fully_in_view,
    new_app,
    press,
    settle,
    start_at,
    wait_for,
)
from tests.support.audio import audio_config, file_player, require_speech

SIZE = (80, 24)
ALL_LANGUAGES = ["fr", "en", "ar", "es", "pt", "tr", "ro", "uk", "ru", "zh", "fa", "sq"]


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
        await wait_for(pilot, lambda: bool(app.screen.query("#nav-glossary")))
        button = app.screen.query_one("#nav-glossary", BigButton)
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
        assert not screen.query("#nav-glossary")
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


def marked(paragraph: Paragraph) -> list[str]:
    """The pieces of a paragraph drawn underlined (the glossary words it marks)."""
    content = paragraph.render()
    return [content.plain[span.start:span.end] for span in content.spans
            if "underline" in str(span.style)]


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
async def test_every_marked_word_has_its_explanation_under_the_question_key(
        make_app: Any, demo_services: Services, lang: str) -> None:
    position = qcm_position(demo_services)
    app = make_app()
    async with start_at(app, lambda c: QuestionScreen(c, position), language=lang,
                        size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        listed = screen.glossary_words()
        shown = {piece for paragraph in screen.query(Paragraph).results(Paragraph)
                 for piece in marked(paragraph)}
        if lang == "fr":
            assert shown == {"QCM"}
        for piece in shown:
            logical = piece if lang == "fr" else piece[::-1]  # ar: drawn right to left
            words = [word for word in listed
                     if word.uses_in(logical, lang) or word.uses_in(piece, lang)]
            assert words, piece
            assert all(word.explanation(lang) for word in words)


async def test_a_modal_marks_no_word(make_app: Any, demo_services: Services) -> None:
    app = make_app()
    async with start_at(app, lambda c: QuestionScreen(c, qcm_position(demo_services)),
                        language="fr", size=SIZE) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, GlossaryModal)
        assert not [piece for paragraph in app.screen.query(Paragraph).results(Paragraph)
                    for piece in marked(paragraph)]


async def bar_on_one_line(app: Any, pilot: Any, count: int) -> None:
    """The bar holds `count` buttons, each label on one line, each in view."""
    bar = app.screen.query_one(NavBar)
    await wait_for(pilot, lambda: len(bar.query(BigButton)) == count)  # "?" comes after
    buttons = list(bar.query(BigButton).results(BigButton))
    # the bar lays out again once "?" is added: until the last button is in view
    await wait_for(pilot, lambda: fully_in_view(app, buttons[-1]))
    for button in buttons:
        assert button.content_region.height == 1, (button.id, button.text)
        assert fully_in_view(app, button), button.id


@pytest.mark.parametrize("lang", ALL_LANGUAGES)
async def test_each_bar_label_stays_on_one_line_at_80x24(
        tmp_path: Path, clock: Clock, monotonic: Any, lang: str) -> None:
    """The fullest bar (Back, Home, Language, Listen and "?") at 80×24, and the bar without
    Listen: where the words would wrap, Listen and "?" keep their sign; each label is one
    line, the bar in the screen."""
    require_speech()
    config = audio_config(file_player(tmp_path / "played", hold=True))
    services = build_services(tmp_path / "data", clock, config, demo=True)
    position = qcm_position(services)
    app = new_app(services, monotonic)
    async with start_at(app, lambda c: QuestionScreen(c, position), language=lang,
                        size=SIZE) as pilot:
        await bar_on_one_line(app, pilot, 5)
    app = new_app(services, monotonic)
    async with start_at(app, HomeScreen, language=lang, size=SIZE) as pilot:
        await bar_on_one_line(app, pilot, 2)
    silent = build_services(tmp_path / "silent", clock, demo=True)  # no Listen: 4 buttons
    app = new_app(silent, monotonic)
    async with start_at(app, lambda c: QuestionScreen(c, position), language=lang,
                        size=SIZE) as pilot:
        await bar_on_one_line(app, pilot, 4)


async def test_the_glossary_is_read_aloud_in_the_parents_language(
        tmp_path: Path, clock: Clock, monotonic: Any) -> None:
    require_speech()
    config = audio_config(file_player(tmp_path / "played", hold=True))
    services = build_services(tmp_path / "data", clock, config, demo=True)
    qcm = next(word for word in services.glossary.words if word.key == "qcm")
    app = new_app(services, monotonic)
    async with start_at(app, lambda c: QuestionScreen(c, qcm_position(services)),
                        language="ar", size=SIZE) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, GlossaryModal)
        await press(pilot, "asterisk")
        said = services.speech.asked[-1]
        assert all(utterance.lang == "ar" for utterance in said)
        texts = [utterance.text for utterance in said]
        assert qcm.explanation("ar") in texts  # logical text, not the reordered display
        await press(pilot, "escape")  # leaving stops the voice
        assert not services.speech.speaking


def test_the_box_heading_puts_the_french_word_after_a_dash_not_in_nested_brackets() -> None:
    qcm = next(word for word in load_glossary().words if word.key == "qcm")
    shown = heading(qcm, "ar")
    assert "((" not in shown and "))" not in shown
    assert shown.startswith(qcm.word("ar") + " — ")
    assert heading(qcm, "fr") == qcm.french


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_tab_in_the_box_goes_between_its_buttons_and_page_down_scrolls_the_words(
        make_app: Any, demo_services: Services, lang: str) -> None:
    from screens.glossary import WordList

    app = make_app()
    async with start_at(app, HomeScreen, language=lang, size=SIZE) as pilot:
        app.push_screen(GlossaryModal(app.screen_context, demo_services.glossary.words))
        await wait_for(pilot, lambda: isinstance(app.screen, GlossaryModal))
        seen = set()
        await settle(pilot)
        for _ in range(4):
            await press(pilot, "tab")
            assert isinstance(app.focused, BigButton), app.focused
            assert fully_in_view(app, app.focused)
            seen.add(app.focused.id)
        assert seen == {"glossary-print", "glossary-close"}
        words = app.screen.query_one(WordList)
        assert words.max_scroll_y > 0  # the whole glossary is taller than the box
        await press(pilot, "pagedown")
        assert words.scroll_y > 0
        await press(pilot, "pageup")
        assert words.scroll_y == 0
