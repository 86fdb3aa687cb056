"""The staff text box (``screens.staff.base.TextBox``): what staff type is stored as typed
(logical order), and typed Arabic or Persian is shown, under the box, shaped and in reading
order through the one display path, line by line ("Aperçu :")."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from kiosk.announcements.model import Announcement
from kiosk.services import Services
from screens.staff.base import TextBox, TextPreview
from tests.faults.test_fuzz import FIXTURES
from tests.support import new_app, press, screen_text, settle, wait_for

SIZE = (120, 45)
#: Letters staff may type: Arabic, Persian, Latin (French), spaces and line breaks.
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PERSIAN = "پچژگکی"
LATIN = "abcdeéèàçz"
#: A text as staff would type it: no blank at either end (stored texts are trimmed).
typed_text = st.text(alphabet=ARABIC + PERSIAN + LATIN + " \n", min_size=1, max_size=24).filter(
    lambda text: text == text.strip())


def untranslated(services: Services, lang: str) -> Announcement:
    """An announcement of the demo school, its translation into `lang` missing."""
    return next(a for a in services.announcements.all() if lang not in a.translations)


async def open_translation(app: Any, pilot: Any, announcement: Announcement,
                           lang: str) -> TextBox:
    """The translation editor of `announcement` into `lang`, its text box focused."""
    from screens.staff.announcements import TranslationEditorScreen

    await app.open_staff_area()
    await app.push_screen(TranslationEditorScreen(app.screen_context, announcement, lang))
    await settle(pilot)
    box = app.screen.query_one("#translation-text", TextBox)
    box.focus()
    await settle(pilot)
    return box


def keys_for(text: str) -> list[str]:
    """The keys that type `text`."""
    return [{" ": "space", "\n": "enter"}.get(ch, ch) for ch in text]


async def test_typed_arabic_translation_is_previewed_shaped_and_stored_as_typed(
    make_app: Any, demo_services: Services
) -> None:
    from screens.staff.announcements import AnnouncementEditorScreen

    announcement = untranslated(demo_services, "ar")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.open_staff_area()
        await app.push_screen(AnnouncementEditorScreen(app.screen_context, announcement))
        await settle(pilot)
        # French in the editor: no preview (the box shows it right already).
        assert not app.screen.query_one("#editor-text-preview", TextPreview).display
        await app.pop_screen()
        box = await open_translation(app, pilot, announcement, "ar")
        preview = app.screen.query_one("#translation-text-preview", TextPreview)
        assert not preview.display  # nothing typed yet
        await press(pilot, *keys_for("مرحبا بكم"))
        assert box.text == "مرحبا بكم"  # logical, as typed
        shaped = demo_services.i18n.display("مرحبا بكم", rtl=True)
        assert shaped == "ﻢﻜﺑ ﺎﺒﺣﺮﻣ"  # joined letters, the first word at the right
        assert preview.display and "Aperçu :" in screen_text(app)
        assert shaped in screen_text(app).splitlines()[preview.paragraph.region.y]
        # A second line is previewed on its own row, in reading order too.
        await press(pilot, "enter", *keys_for("شكرا"))
        rows = screen_text(app).splitlines()
        top = preview.paragraph.region.y
        assert shaped in rows[top]
        assert demo_services.i18n.display("شكرا", rtl=True) in rows[top + 1]
        app.screen.query_one("#translation-title", Input).value = "مرحبا"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: not app.screen.query("#translation-text"))
        stored = demo_services.announcements.get(announcement.id)
        assert stored is not None
        assert stored.translations["ar"].text == "مرحبا بكم\nشكرا"


@settings(max_examples=8, deadline=None, suppress_health_check=FIXTURES)
@given(text=typed_text)
def test_what_is_stored_is_what_was_typed(demo_services: Services, text: str) -> None:
    announcement = demo_services.announcements.all()[0]

    async def scenario() -> None:
        app = new_app(demo_services)
        async with app.run_test(size=SIZE) as pilot:
            box = await open_translation(app, pilot, announcement, "fa")
            box.clear()  # an earlier example's translation
            await press(pilot, *keys_for(text))
            assert box.text == text
            preview = app.screen.query_one("#translation-text-preview", TextPreview)
            assert preview.display == any(ch in ARABIC + PERSIAN for ch in text)
            if preview.display:  # the preview shows the whole text, typed order kept
                assert preview.paragraph.text == text
            app.screen.query_one("#translation-title", Input).value = "عنوان"
            await press(pilot, "ctrl+s")
            await wait_for(pilot, lambda: not app.screen.query("#translation-text"))
        stored = demo_services.announcements.get(announcement.id)
        assert stored is not None and stored.translations["fa"].text == text
    asyncio.run(scenario())
