"""The audit's checks can fail: each finds the fault it is for, planted on a real screen."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal
from textual.widgets import Button

from screens.widgets import Paragraph
from tests.audit.checks import (
    close_problems,
    focus_problems,
    french_fragments,
    french_problems,
    rtl_problems,
)
from tests.support import settle
from tests.support.screens import SCREENS, open_screen


def test_the_french_fragments_leave_out_what_both_languages_share() -> None:
    arabic = french_fragments("ar")
    assert "Vérifiez vos réponses" in arabic
    assert "Échap" not in arabic and "1" not in arabic  # a key name, a number
    english = french_fragments("en")
    assert "Vérifiez vos réponses" in english and "Questionnaire" not in english


async def test_french_on_an_arabic_screen_is_found(make_app: Any) -> None:
    app = make_app()
    async with open_screen(app, SCREENS["HomeScreen"], language="ar") as pilot:
        assert french_problems(app, "ar") == []
        body = app.screen.query_one("#body")
        await body.mount(Paragraph("Vérifiez vos réponses"))
        announcement = app.services.announcements.current()[0]
        await body.mount(Paragraph(announcement.title, rtl=False))
        await settle(pilot)
        found = french_problems(app, "ar")
        assert "French interface text: 'Vérifiez vos réponses'" in found
        assert any("not marked" in problem for problem in found)


async def test_a_button_on_the_left_of_an_arabic_screen_is_found(make_app: Any) -> None:
    app = make_app()
    async with open_screen(app, SCREENS["HelpScreen"], language="ar") as pilot:
        assert rtl_problems(app) == []
        button = Button("x", id="planted")
        button.styles.width = 10
        row = Horizontal(button)  # Textual's own row, not the kiosk's mirrored one
        row.styles.height = "auto"
        await app.screen.query_one("#body").mount(row)
        await settle(pilot)
        assert any("planted" in problem for problem in rtl_problems(app))


async def test_a_control_tab_cannot_bring_into_view_is_found(make_app: Any) -> None:
    app = make_app()
    async with open_screen(app, SCREENS["HelpScreen"], language="fr") as pilot:
        assert await focus_problems(pilot) == []
        button = Button("x", id="planted")
        button.styles.offset = (0, 200)  # drawn far below the screen: no scroll reaches it
        await app.screen.query_one("#body").mount(button)
        await settle(pilot)
        assert any("planted" in problem for problem in await focus_problems(pilot))


async def test_no_focus_after_a_screen_closes_is_found(make_app: Any) -> None:
    app = make_app()
    async with open_screen(app, SCREENS["HelpScreen"], language="fr") as pilot:
        below = app.screen_stack[-2]
        for widget in below.query("*"):
            widget.can_focus = False
        below.set_focus(None)
        found = await close_problems(pilot, modal=True)
        assert found and "after HelpScreen closed" in found[0]
