"""Workshops in the parent's language, with Pilot: an Arabic parent reads the Arabic title
(right to left), a Chinese parent with no Chinese translation reads the French title under the
"not translated yet" line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.core.display import isolate
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE
from kiosk.services import Services
from screens import workshops as workshop_screens
from screens.widgets import BigButton, Paragraph
from tests.support import settle

SIZE = (80, 24)
ARABIC = {"title": "ورشة الهاتف", "description": "نتعلم معًا.", "place": "المكتبة"}


async def open_workshops(pilot: Any, lang: str) -> None:
    await pilot.click(f"#lang-{lang}")
    await settle(pilot)
    await pilot.press("3")  # Home: workshops
    await settle(pilot)
    assert isinstance(pilot.app.screen, workshop_screens.WorkshopListScreen)


def add_tomorrow(services: Services) -> Any:
    """A workshop before the demo's ones (first in the list), translated into Arabic only."""
    workshops = services.booking.workshops
    start = services.now() + dt.timedelta(days=1)
    workshop = workshops.add_workshop("Atelier téléphone", start, 60, "Bibliothèque", 8,
                                      description="On apprend ensemble.")
    return workshops.translate(workshop.id, "ar", **ARABIC)


async def test_an_arabic_parent_reads_the_arabic_title(make_app: Any,
                                                       demo_services: Services) -> None:
    workshop = add_tomorrow(demo_services)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_workshops(pilot, "ar")
        button = app.screen.query_one(f"#workshop-{workshop.id}", BigButton)
        assert button.text == ARABIC["title"]
        shaped = app.screen_context.display(ARABIC["title"], rtl=True)
        assert shaped in str(button.label)
        assert not app.screen.query(".workshop-untranslated")
        # Every demo workshop is in Arabic too.
        for other in app.screen.query(".workshop").results(BigButton):
            assert other.text != "Découvrir l'espace numérique de l'école"
            assert other.rtl is None  # the session's direction: right to left
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, workshop_screens.WorkshopScreen)
        title = app.screen.query_one("#title", Paragraph)
        assert title.text == ARABIC["title"] and title.rtl is True
        texts = [p.text for p in app.screen.query(Paragraph)]
        assert ARABIC["description"] in texts and "On apprend ensemble." not in texts
        assert any("المكتبة" in text for text in texts)


async def test_an_untranslated_workshop_in_arabic_keeps_its_hint_right_to_left(
    make_app: Any, demo_services: Services
) -> None:
    start = demo_services.now() + dt.timedelta(days=1)
    workshop = demo_services.booking.workshops.add_workshop("Atelier photos", start, 60,
                                                            "Salle 4", 6)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_workshops(pilot, "ar")
        button = app.screen.query_one(f"#workshop-{workshop.id}", BigButton)
        assert button.text == isolate("Atelier photos") and button.rtl is None
        label = str(button.label)
        assert "Atelier photos" in label  # the French title, whole, left to right
        note = demo_services.i18n.translator("ar")(TEXT_FALLBACK_NOTE)
        assert app.screen.query_one(".workshop-untranslated", Paragraph).text == note


async def test_a_chinese_parent_without_translation_reads_french_said_so(
    make_app: Any, demo_services: Services
) -> None:
    workshop = add_tomorrow(demo_services)
    app = make_app()
    note = demo_services.i18n.translator("zh")(TEXT_FALLBACK_NOTE)
    assert note != TEXT_FALLBACK_NOTE
    async with app.run_test(size=SIZE) as pilot:
        await open_workshops(pilot, "zh")
        button = app.screen.query_one(f"#workshop-{workshop.id}", BigButton)
        assert button.text == isolate("Atelier téléphone")  # kept whole, left to right
        shown = app.screen.query_one(".workshop-untranslated", Paragraph)
        assert shown.text == note
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, workshop_screens.WorkshopScreen)
        title = app.screen.query_one("#title", Paragraph)
        assert title.text == "Atelier téléphone" and title.rtl is False
        assert app.screen.query_one(".workshop-untranslated", Paragraph).text == note


async def test_the_thank_you_screen_suggests_workshops_in_the_parents_language(
    make_app: Any, demo_services: Services
) -> None:
    from screens.questionnaire import ThanksScreen
    from tests.domain.test_orientation import NEEDS_HELP

    untranslated = demo_services.booking.workshops.add_workshop(
        "Atelier photos", demo_services.now() + dt.timedelta(days=1), 60, "Salle 4", 6)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for lang in ("ar", "zh"):
            await app.set_language(lang)
            orientation = demo_services.orientation.orientation_for(NEEDS_HELP, lang)
            await app.push_screen(ThanksScreen(app.screen_context, orientation))
            await settle(pilot)
            names = list(app.screen.query(".q-workshop.-name").results(Paragraph))
            assert names[0].text == f"• {untranslated.title}" and names[0].rtl is False
            assert names[1].text != "• Découvrir l'espace numérique de l'école"
            assert names[1].rtl is (lang == "ar")
            note = demo_services.i18n.translator(lang)(TEXT_FALLBACK_NOTE)
            assert app.screen.query_one("#q-workshops-untranslated", Paragraph).text == note
            app.pop_screen()
            await settle(pilot)
