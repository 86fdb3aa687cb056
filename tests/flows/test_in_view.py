"""At 80×24, every control Tab reaches is in view when it has the focus, long lists scroll
with the focus, and one key has one meaning on every question (issue 15, point 3: the
announcements list and the questionnaire)."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.services import Services
from screens.announcements import AnnouncementListScreen
from screens.base import Body
from screens.questionnaire import CONFIRM_KEY, NA_KEY, SKIP_KEY, QuestionScreen
from screens.widgets import BigButton
from tests.support import fully_in_view, press, settle, start_at, tab_through

SIZE = (80, 24)


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_every_announcement_can_be_reached_and_seen(make_app: Any, demo_services: Services,
                                                          lang: str) -> None:
    count = len(demo_services.announcements.current())
    assert count >= 5  # the demo school has more than 80×24 shows at once
    app = make_app()
    async with start_at(app, AnnouncementListScreen, language=lang, size=SIZE) as pilot:
        # "Ce que vous avez dit" first (the demo has results and actions), then the news.
        items = list(app.screen.query(".giveback-item, .announcement-item").results(BigButton))
        assert len(items) == count + 1 and items[0].id == "giveback-entry"
        body = app.screen.query_one("#body", Body)
        assert body.max_scroll_y > 0 and body.show_vertical_scrollbar  # "there is more"
        assert not fully_in_view(app, items[-1])  # below the fold at first
        reached = await tab_through(pilot)
        assert all(item in reached for item in items)
        await press(pilot, "home")
        assert app.focused is items[0] and body.scroll_y == 0
        await press(pilot, "end")
        assert app.focused is items[-1] and fully_in_view(app, items[-1])
        assert body.scroll_y == body.max_scroll_y
        await press(pilot, "home")
        await press(pilot, "pagedown")
        assert app.focused in items[1:] and fully_in_view(app, app.focused)
        assert body.scroll_y > 0
        await press(pilot, "pageup")
        assert app.focused is items[0] and fully_in_view(app, items[0])
        # The number key of the last one opens it.
        await press(pilot, items[-1].key or "")
        assert type(app.screen).__name__ == "AnnouncementScreen"


def question_positions(services: Services) -> list[int]:
    """A statement, then every multiple and single choice (questions 20 to 27)."""
    items = services.questionnaire.items
    return [0] + [index for index, item in enumerate(items) if not item.is_scale]


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_every_control_of_a_question_is_in_view_when_focused(
        make_app: Any, demo_services: Services, lang: str) -> None:
    for position in question_positions(demo_services):
        app = make_app()
        async with start_at(app, lambda c, p=position: QuestionScreen(c, p), language=lang,
                            size=SIZE) as pilot:
            screen = app.screen
            assert fully_in_view(app, app.focused)
            actions = list(screen.query(".q-question-actions BigButton").results(BigButton))
            assert actions and all(fully_in_view(app, button) for button in actions)
            confirm = screen.query("#q-confirm")
            if confirm:
                confirm.first().focus()
                await settle(pilot)
                # "Valider" in view, and the question with it: focusing it scrolls nothing.
                assert fully_in_view(app, confirm.first())
                assert fully_in_view(app, screen.query_one("#q-text"))
            reached = await tab_through(pilot)
            answers = list(screen.query(".q-answer").results(BigButton))
            assert all(answer in reached or answer is app.focused for answer in answers)


async def test_one_key_one_meaning_on_every_question(make_app: Any,
                                                     demo_services: Services) -> None:
    """0 is only ever "does not apply", 9 only ever "next question" (skip, or confirm the
    ticked boxes), and no answer has either key."""
    assert NA_KEY == "0" and SKIP_KEY == CONFIRM_KEY == "9"
    meanings: dict[str, set[str]] = {"0": set(), "9": set()}
    items = demo_services.questionnaire.items
    app = make_app()
    async with start_at(app, lambda c: QuestionScreen(c, 0), language="fr",
                        size=SIZE) as pilot:
        for position, item in enumerate(items):
            screen = app.screen
            assert isinstance(screen, QuestionScreen) and screen.item.id == item.id
            for button in screen.query(BigButton).results(BigButton):
                if button.key in meanings:
                    meanings[button.key].add(button.id or "")
            if position + 1 < len(items):
                await press(pilot, "9")  # next question, on every kind of question
        assert meanings == {"0": {"q-answer-na"}, "9": {"q-skip", "q-confirm"}}


def test_no_question_has_so_many_choices_that_9_would_be_one(demo_services: Services) -> None:
    from screens.questionnaire import MAX_CHOICES

    assert int(SKIP_KEY) > MAX_CHOICES
    assert all(len(item.options) <= MAX_CHOICES for item in demo_services.questionnaire.items)
