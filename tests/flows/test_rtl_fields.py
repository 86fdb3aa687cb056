"""Typed Arabic and Persian go through the one display path (issue 15, point 9): a text field
shows the shaped, reordered form of what was typed (``display.visual_line``) while its value
stays in typed order, and the cursor and editing keys still work; the staff tables show typed
text the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.widgets import DataTable

from kiosk.core.display import visual_line
from kiosk.services import Services
from screens.staff.workshops import WorkshopsStaffScreen
from screens.widgets import TextField
from tests.flows.test_booking_screens import at_details
from tests.support import press, screen_text, start_at, wait_for


def field_row(app: Any, field: TextField) -> str:
    """The text row of `field` as the screen shows it."""
    return screen_text(app).splitlines()[field.content_region.y]


async def test_typed_arabic_is_shown_shaped_and_kept_in_typed_order(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, at_details(app), language="ar", size=(100, 40)) as pilot:
        field = app.screen.query_one("#child", TextField)
        assert app.focused is field
        await press(pilot, *"سلام")
        assert field.value == "سلام"  # logical, as typed
        row = field_row(app, field)
        assert visual_line("سلام", True) == "ﻡﻼﺳ" and "ﻡﻼﺳ" in row
        assert "سلام" not in row  # never the raw, unshaped letters
        # The cursor is after the last typed letter: on its left, in right-to-left text.
        glyphs_x = field.content_region.x + row[field.content_region.x:].index("ﻡﻼﺳ")
        assert field.cursor_screen_offset.x == glyphs_x - 1
        await press(pilot, "backspace")
        assert field.value == "سلا"
        assert visual_line("سلا", True) in field_row(app, field)
        # Left moves towards the end of right-to-left text, Right towards its start.
        await press(pilot, "right")
        assert field.cursor_position == 2
        await press(pilot, "left")
        assert field.cursor_position == 3
        await press(pilot, "home")
        assert field.cursor_position == 0
        assert field.cursor_screen_offset.x == field.content_region.right - 1  # rightmost
        await press(pilot, "م")  # typed at the start of the text
        assert field.value == "مسلا"
        assert visual_line("مسلا", True) in field_row(app, field)
        await press(pilot, "end", "backspace", "backspace")
        assert field.value == "مس"


async def test_an_arabic_name_in_a_french_session_is_shaped_too(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, at_details(app), language="fr", size=(100, 40)) as pilot:
        field = app.screen.query_one("#child", TextField)
        await press(pilot, *"أمينة")
        assert field.value == "أمينة"
        assert visual_line("أمينة", None) in field_row(app, field)
        # A Latin name stays as Textual draws it: at the left, as typed.
        field.value = ""
        await press(pilot, *"Amina")
        assert field_row(app, field)[field.content_region.x:].startswith("Amina")


async def test_a_phone_typed_in_an_arabic_form_reads_left_to_right(make_app: Any) -> None:
    app = make_app()
    async with start_at(app, at_details(app), language="ar", size=(100, 40)) as pilot:
        field = app.screen.query_one("#phone", TextField)
        field.focus()
        await press(pilot, *"06 12 34")
        assert "06 12 34" in field_row(app, field)
        # Right-aligned in its field, with the cursor after the last digit.
        assert field.cursor_screen_offset.x == field.content_region.right - 1


async def test_staff_tables_show_typed_arabic_shaped(make_app: Any,
                                                     demo_services: Services) -> None:
    title = "ورشة الهاتف"
    demo_services.booking.workshops.add_workshop(
        title, dt.datetime(2026, 12, 15, 17, 0), 60, "Salle 2", 10)
    app = make_app()
    async with start_at(app, WorkshopsStaffScreen, staff=True, size=(120, 40)) as pilot:
        table = app.screen.query_one("#workshops-table", DataTable)
        await wait_for(pilot, lambda: table.row_count > 0)
        await pilot.pause()
        shown = screen_text(app)
        assert visual_line(title, None) in shown
        assert title not in shown
