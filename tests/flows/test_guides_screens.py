"""The guides to the school's digital tools, as a parent goes through them (issue 19): from
Home by keys only, one step per screen, printed in the parent's language; every control in
view when focused at 80×24 and 40×15; no French left on a non-French screen; no text field on
any guide screen (the kiosk never asks for an identifier or a password)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from kiosk.services import Services
from screens.guides import GuideListScreen, GuideStepScreen
from screens.home import HomeScreen
from screens.ticket import TicketScreen
from screens.widgets import BigButton
from tests.support import fully_in_view, press, screen_text, start_at, tab_through, wait_for

SIZE = (80, 24)
TINY = (40, 15)


async def _open_list(pilot: Any) -> None:
    app = pilot.app
    await press(pilot, "6")  # Home: "Learn to use the school's tools"
    await wait_for(pilot, lambda: isinstance(app.screen, GuideListScreen)
                   and app.screen.data is not None)


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_a_guide_read_to_the_end_and_printed_by_keys(make_app: Any,
                                                           demo_services: Services,
                                                           lang: str) -> None:
    app = make_app()
    guide = demo_services.guides.get("educonnect")
    assert guide is not None
    async with start_at(app, HomeScreen, language=lang, size=SIZE) as pilot:
        await _open_list(pilot)
        await press(pilot, "1")
        await wait_for(pilot, lambda: isinstance(app.screen, GuideStepScreen))
        screen = app.screen
        assert isinstance(screen, GuideStepScreen) and screen.source.id == "educonnect"
        count = len(guide.steps)
        for step in range(count):
            assert screen.step == step
            assert app.focused is not None and fully_in_view(app, app.focused)
            if step < count - 1:
                await press(pilot, "1")  # next
        assert screen.last and app.focused is screen.query_one("#guide-print")
        assert screen.query("#guide-qr-code") and fully_in_view(app,
                                                                screen.query_one("#guide-qr"))
        await press(pilot, "2")  # previous
        assert screen.step == count - 2 and not screen.query("#guide-qr-code")
        await press(pilot, "1", "3")  # next, then print
        await wait_for(pilot, lambda: isinstance(app.screen, TicketScreen)
                       and app.screen.outcome is not None)
        [job] = demo_services.printing.jobs()
        assert job.kind == "guide" and job.language == lang
        ticket = app.screen.ticket
        translation = guide.translations.get(lang)
        title = translation.title if translation else guide.title
        assert ticket.title == title and ticket.qr == "https://educonnect.education.gouv.fr/"
        if lang != "fr":  # the French beside
            assert [line.text for line in ticket.french][1] == f"1. {guide.steps[0]}"


@pytest.mark.parametrize("size", [SIZE, TINY])
@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_every_control_of_the_guides_is_in_view_when_focused(
        make_app: Any, demo_services: Services, lang: str, size: tuple[int, int]) -> None:
    app = make_app()
    async with start_at(app, HomeScreen, language=lang, size=size) as pilot:
        await _open_list(pilot)
        items = list(app.screen.query(".guide-item").results(BigButton))
        assert len(items) == len(demo_services.guides.all()) + 1  # and the login card
        reached = await tab_through(pilot)
        assert all(item in reached for item in items)
        await press(pilot, "3")  # the canteen: first step, then the last one
        await wait_for(pilot, lambda: isinstance(app.screen, GuideStepScreen))
        for _ in range(2):
            buttons = [b for b in app.screen.query(BigButton).results(BigButton)
                       if not b.disabled]
            assert app.focused is not None and fully_in_view(app, app.focused)
            reached = [app.focused, *await tab_through(pilot)]
            assert all(button in reached for button in buttons)
            await press(pilot, *["1"] * 8)  # to the last step (Next is then disabled)


async def test_no_french_is_left_on_a_ukrainian_guide(make_app: Any,
                                                      demo_services: Services) -> None:
    guide = demo_services.guides.get("message-enseignant")
    assert guide is not None
    french = ["Apprendre à utiliser", "Étape", "Imprimer", "Ma carte", guide.title,
              *guide.steps]
    app = make_app()
    async with start_at(app, HomeScreen, language="uk", size=(120, 40)) as pilot:
        await _open_list(pilot)
        shown = [screen_text(app)]
        await press(pilot, "5")
        await wait_for(pilot, lambda: isinstance(app.screen, GuideStepScreen))
        for _ in guide.steps:
            shown.append(screen_text(app))
            await press(pilot, "1")
    text = "\n".join(shown)
    assert "Крок 1 з 6" in text and guide.translations["uk"].steps[-1] in text
    assert not [words for words in french if words in text]


async def test_a_change_of_language_on_a_step_shows_the_guide_in_it(
        make_app: Any, demo_services: Services) -> None:
    guide = demo_services.guides.get("absence")
    assert guide is not None
    app = make_app()
    async with start_at(app, HomeScreen, language="fr", size=SIZE) as pilot:
        await _open_list(pilot)
        await press(pilot, "2", "1")
        await wait_for(pilot, lambda: isinstance(app.screen, GuideStepScreen))
        assert guide.steps[1] in screen_text(app)
        await app.set_language("tr")
        await press(pilot)
        text = screen_text(app)
        assert guide.translations["tr"].steps[1].split()[0] in text
        assert guide.title not in text and "Étape" not in text
        assert app.screen.step == 1
        assert app.focused is app.screen.query_one("#guide-next")  # a key still reaches it
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, GuideListScreen))
        assert guide.translations["tr"].title in screen_text(app)


async def test_an_untranslated_guide_is_the_french_said_so(make_app: Any,
                                                           demo_services: Services) -> None:
    folder = demo_services.data_dir / "guides"
    folder.mkdir()
    (folder / "ecole-cantine.toml").write_text(
        'order = 0\nlink = "https://cantine.example.fr/"\n[fr]\ntitle = "Notre cantine"\n'
        'steps = ["Un.", "Deux.", "Trois.", "Quatre."]\n', "utf-8")
    app = make_app()
    async with start_at(app, HomeScreen, language="zh", size=SIZE) as pilot:
        await _open_list(pilot)
        await press(pilot, "1")
        await wait_for(pilot, lambda: isinstance(app.screen, GuideStepScreen))
        text = screen_text(app)
        assert "Notre cantine" in text and "1. Un." in text
        assert "这段文字还没有翻译成您的语言" in text or "翻译" in text
        assert app.screen.query_one("#guide-step").rtl is False


async def test_the_login_card_prints_empty_boxes(make_app: Any, demo_services: Services) -> None:
    app = make_app()
    async with start_at(app, HomeScreen, language="es", size=SIZE) as pilot:
        await _open_list(pilot)
        card = app.screen.query_one("#guide-login-card", BigButton)
        await press(pilot, card.key or "")
        await wait_for(pilot, lambda: isinstance(app.screen, TicketScreen)
                       and app.screen.outcome is not None)
        ticket = app.screen.ticket
        assert ticket.kind == "login_card" and "□□□□" in " ".join(ticket.texts())
        assert demo_services.printing.jobs()[0].kind == "login_card"


async def test_no_guide_screen_has_a_field(make_app: Any, demo_services: Services) -> None:
    """Every screen of every guide, and the list: nothing to type an identifier into."""
    app = make_app()
    guides = demo_services.guides.all()
    async with start_at(app, HomeScreen, language="fr", size=SIZE) as pilot:
        await _open_list(pilot)
        assert not app.screen.query(Input)
        for index, guide in enumerate(guides):
            await press(pilot, str(index + 1))
            await wait_for(pilot, lambda: isinstance(app.screen, GuideStepScreen))
            for _ in guide.steps:
                assert not app.screen.query(Input)
                await press(pilot, "1")
            await press(pilot, "escape")
            await wait_for(pilot, lambda: isinstance(app.screen, GuideListScreen))
    assert len(guides) == 7
