"""Right-to-left screens read from the right as a whole (issue 15, point 11): one switch, the
screen's ``-rtl`` class set from the parent's language; the mirrored containers put fields,
class buttons, code boxes and notices on the side of their labels, Home's first tile at the
right; a wrapped answer keeps its key on its first line; the places' full stop and a phone
example sit where Arabic reading expects them."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.core.display import visual_line
from screens.booking_code import CodeScreen
from screens.home import HomeScreen
from screens.questionnaire import QuestionScreen
from screens.widgets import BigButton, Notice, Paragraph, TextField
from screens.workshops import WorkshopListScreen, places_text
from tests.flows.test_booking_screens import at_details
from tests.support import press, screen_text, start_at


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_an_arabic_form_sits_at_the_right_with_its_labels(make_app: Any,
                                                                size: tuple[int, int]) -> None:
    app = make_app()
    async with start_at(app, at_details(app), language="ar", size=size) as pilot:
        screen = app.screen
        assert screen.has_class("-rtl")
        label = screen.query(".field-label").results(Paragraph).__next__()
        column_right = label.region.right
        for field in screen.query(TextField):
            assert field.region.right == column_right, field.id  # under its label
        classes = list(screen.query(".booking-class").results(BigButton))
        assert classes[0].region.x > classes[-1].region.x  # CP at the right
        assert classes[0].region.right == column_right
        await press(pilot, "enter", "enter")  # submitted empty: the problems are said
        shown = [notice for notice in screen.query(Notice) if notice.display]
        assert shown
        column_right = label.region.right  # a scroll bar may have come with the notices
        for field in screen.query(TextField):
            assert field.region.right == column_right, field.id
        for notice in shown:
            assert notice.region.right == column_right
            row = screen_text(app).splitlines()[notice.content_region.y]
            inside = row[notice.content_region.x:notice.content_region.right]
            assert inside.rstrip() and inside.startswith(" ")  # text against the right edge
        nav = [app.screen.query_one(f"#nav-{name}") for name in ("back", "home", "language")]
        assert nav[0].region.x > nav[1].region.x > nav[2].region.x  # Back at the right


async def test_a_french_form_stays_at_the_left(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, at_details(app), language="fr", size=(120, 40)):
        screen = app.screen
        assert not screen.has_class("-rtl")
        label = screen.query(".field-label").results(Paragraph).__next__()
        for field in screen.query(TextField):
            assert field.region.x == label.region.x
            assert field.region.right < label.region.right
        classes = list(screen.query(".booking-class").results(BigButton))
        assert classes[0].region.x < classes[-1].region.x


async def test_the_code_box_sits_at_the_right_in_persian(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, CodeScreen, language="fa", size=(120, 40)):
        field = app.screen.query_one("#code", TextField)
        hint = app.screen.query(Paragraph).results(Paragraph).__next__()
        assert field.region.right == hint.region.right
        keys = app.screen.query_one("#code-keys")
        assert keys.region.right == hint.region.right


@pytest.mark.parametrize(("language", "size"), [("ar", (120, 40)), ("fa", (80, 24)),
                                                ("fr", (120, 40))])
async def test_home_grid_is_mirrored_in_right_to_left(make_app: Any, language: str,
                                                      size: tuple[int, int]) -> None:
    app = make_app()
    async with start_at(app, HomeScreen, language=language, size=size):
        first = app.screen.query_one("#tile-questionnaire")
        second = app.screen.query_one("#tile-booking")
        assert first.region.y == second.region.y
        if language == "fr":
            assert first.region.x < second.region.x
        else:
            assert first.region.x > second.region.x
            assert first.region.right == app.screen.query_one("#title").region.right


async def test_a_wrapped_answer_keeps_its_key_on_its_first_line(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, lambda context: QuestionScreen(context, 0), language="ar",
                        size=(80, 24)):
        buttons = list(app.screen.query("#q-scale BigButton").results(BigButton))
        assert buttons[0].region.x > buttons[-1].region.x  # 1 at the right
        for button in buttons:
            lines = str(button.render()).split("\n")
            mark = f"({button.key})"
            with_key = [index for index, line in enumerate(lines) if mark in line]
            words = [index for index, line in enumerate(lines) if line.strip("■ ")]
            assert with_key == [words[0]], lines  # the first line of the words, only
            assert lines[with_key[0]].endswith(mark)  # at its right, where reading starts
            assert all(len(line) <= button.content_region.width for line in lines)


async def test_workshop_places_end_with_their_full_stop_on_the_left(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, WorkshopListScreen, language="ar", size=(80, 24)):
        screen = app.screen
        button = next(iter(screen.query(".workshop").results(BigButton)))
        workshop = screen.data[0]
        places = places_text(screen, workshop)
        assert places.endswith(".")
        shown = visual_line(places, True)
        assert shown.startswith(".")  # the end of an Arabic sentence is at its left
        assert shown in str(button.render()).split("\n")


async def test_the_phone_example_reads_left_to_right_in_arabic(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, at_details(app), language="ar", size=(120, 40)) as pilot:
        app.screen.query_one("#child", TextField).value = "Amina"
        app.screen.query_one("#phone", TextField).value = "12"
        await press(pilot, "1")  # a class
        app.screen.query_one("#phone", TextField).focus()
        await press(pilot, "enter")
        text = screen_text(app)
        assert "06 12 34 56 78" in text and "78 56 34 12 06" not in text


@pytest.mark.parametrize("language", ["ar", "fa", "fr"])
async def test_tab_follows_the_reading_order_of_a_row(make_app: Any, language: str) -> None:
    """Textual's Tab goes by place, left to right; on a mirrored right-to-left row it goes
    from the right, as the row reads: the first class (at the right) first, then the next one
    to its left; the bar's Back (at the right) before Home."""
    from screens.help import HelpScreen
    from screens.loan import LoanFormScreen

    app = make_app()
    async with start_at(app, HelpScreen, language=language) as pilot:
        await press(pilot, "4", "1")  # borrow a tablet: the form, the name focused
        form = app.screen
        assert isinstance(form, LoanFormScreen)
        classes = list(form.query(".loan-class").results(BigButton))
        reached = []
        for _ in classes:
            await press(pilot, "tab")
            reached.append(app.focused)
        assert reached == classes  # CP, CE1, CE2, CM1, CM2: the logical order
        xs = [button.region.x for button in classes]
        rtl = language != "fr"
        assert xs == sorted(xs, reverse=rtl)  # … which is from the right in ar and fa
        order = [w.id for w in form.focus_chain if w.id in ("nav-back", "nav-home")]
        assert order == ["nav-back", "nav-home"]
