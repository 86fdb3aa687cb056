""""Ce que vous avez dit" on the kiosk (issue 17): first under Announcements when there is
something to give back, readable at 80×24 in French, Arabic and Chinese with every control in
view, printable (the announcement ticket, its QR code the published page) and on the phone;
absent when there are neither figures nor actions. And the staff's screen for the actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Select, Static, TextArea

from kiosk.announcements.publish import SUMMARY_PAGE, announcement_url
from kiosk.core.school_texts import Status
from kiosk.services import Services
from screens.announcements import AnnouncementListScreen
from screens.giveback import GivebackScreen
from screens.staff.giveback import GivebackStaffScreen, GivebackTranslationScreen
from screens.widgets import BigButton, Paragraph
from tests.support import (
    Clock,
    build_services,
    fully_in_view,
    press,
    screen_text,
    settle,
    start_at,
    tab_through,
    wait_for,
)


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
async def test_first_in_the_list_and_readable_at_80x24(
    make_app: Callable[..., Any], demo_services: Services, lang: str
) -> None:
    app = make_app()
    async with start_at(app, AnnouncementListScreen, language=lang, size=(80, 24)) as pilot:
        listed = list(app.screen.query(".giveback-item, .announcement-item").results(BigButton))
        assert listed[0].id == "giveback-entry" and listed[0].key == "0"
        assert fully_in_view(app, listed[0])
        tr = demo_services.i18n.translator(lang)
        assert listed[0].text == tr("Ce que vous avez dit")
        await press(pilot, "0")
        screen = app.screen
        assert isinstance(screen, GivebackScreen)
        for control in ("#announcement-print", "#announcement-phone", "#announcement-up",
                        "#announcement-down"):
            assert fully_in_view(app, screen.query_one(control)), control
        reached = await tab_through(pilot)  # each checked in view when focused
        assert {w.id for w in reached} >= {"announcement-print", "announcement-phone"}
        shown = demo_services.giveback.facts().reading(tr)
        figures = [str(p.render()) for p in screen.query(".giveback-figure").results(Paragraph)]
        assert len(figures) == 3 and all(f.strip() for f in figures)
        actions = screen.query_one("#giveback-actions", Paragraph)
        assert actions.text.splitlines() == [f"• {line}" for line in shown.actions]
        text = screen_text(app)
        assert "Ce que vous avez dit" not in text or lang == "fr"  # no French on the screen
        await press(pilot, "end")
        assert fully_in_view(app, actions) or actions.region.height > 10


async def test_print_and_phone_carry_the_published_page(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    from screens.ticket import QRModal, TicketScreen

    app = make_app()
    facts = demo_services.giveback.for_parents()
    assert facts is not None
    url = announcement_url(demo_services.config, "fa", SUMMARY_PAGE)
    async with start_at(app, lambda c: GivebackScreen(c, facts), language="fa",
                        size=(80, 24)) as pilot:
        await press(pilot, "2")
        assert isinstance(app.screen, QRModal) and app.screen.payload == url
        await press(pilot, "escape")
        await press(pilot, "1")
        assert isinstance(app.screen, TicketScreen)
        ticket = app.screen.ticket
        assert ticket.qr == url and ticket.language == "fa" and ticket.rtl
        tr = demo_services.i18n.translator("fa")
        assert tr("Ce que l'école va faire") in ticket.texts()
        await app.workers.wait_for_complete()


async def test_untranslated_actions_are_french_under_the_line(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    app = make_app()
    facts = demo_services.giveback.for_parents()
    assert facts is not None and facts.actions is not None
    assert facts.actions.status("sq") is Status.MISSING  # the demo leaves Albanian out
    async with start_at(app, lambda c: GivebackScreen(c, facts), language="sq",
                        size=(80, 24)):
        screen = app.screen
        note = screen.query_one("#giveback-fallback", Paragraph)
        assert "nuk është përkthyer ende" in note.text
        actions = screen.query_one("#giveback-actions", Paragraph)
        assert actions.rtl is False and actions.text.startswith("• Deux ateliers")


async def test_nothing_to_give_back_shows_no_entry(make_app: Callable[..., Any],
                                                   tmp_path: Any) -> None:
    services = build_services(tmp_path / "empty", Clock())
    app = make_app(services)
    async with start_at(app, AnnouncementListScreen, language="fr", size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.screen.query("#announcement-loading"))
        assert not app.screen.query("#giveback-entry")
        assert app.screen.query("#announcement-none")
    services.giveback_actions.set("Un atelier le mardi.")
    app = make_app(services)
    async with start_at(app, AnnouncementListScreen, language="ar", size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#giveback-entry")))
        await press(pilot, "0")
        screen = app.screen
        assert isinstance(screen, GivebackScreen)
        figures = [p.text for p in screen.query(".giveback-figure").results(Paragraph)]
        tr = services.i18n.translator("ar")
        assert tr("Internet à la maison : pas encore assez de réponses.") in " ".join(figures)


async def test_staff_write_and_translate_the_actions(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    app = make_app()
    async with start_at(app, GivebackStaffScreen, staff=True, size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        box = screen.query_one("#giveback-text", TextArea)
        assert box.text.startswith("Deux ateliers")
        summary = str(screen.query_one("#giveback-summary", Static).render())
        assert "familles ont répondu" in summary and "voient en ce moment" in summary
        box.load_text("Un atelier le jeudi.\nDes tablettes prêtées.")
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        status = str(screen.query_one("#staff-status", Static).render())
        assert "2 action(s)" in status and "à revoir" in status
        actions = demo_services.giveback_actions.get()
        assert actions is not None and actions.status("ar") is Status.OUTDATED
        screen.query_one("#giveback-lang", Select).value = "ar"
        await settle(pilot)
        screen.query_one("#giveback-translate").focus()
        await press(pilot, "enter")
        editor = app.screen
        assert isinstance(editor, GivebackTranslationScreen)
        editor.query_one("#giveback-translation", TextArea).load_text("   ")
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        message = str(editor.query_one("#giveback-translation-message", Static).render())
        assert "vide" in message and app.screen is editor  # refused, nothing lost
        editor.query_one("#giveback-translation", TextArea).load_text(
            "ورشة يوم الخميس.\nأجهزة لوحية معارة.")
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen is screen
        actions = demo_services.giveback_actions.get()
        assert actions is not None and actions.status("ar") is Status.TRANSLATED
        assert demo_services.audit.entries()[-1].action == "giveback.translate"


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_every_control_in_view_in_the_tiny_layout(
    make_app: Callable[..., Any], demo_services: Services, lang: str
) -> None:
    app = make_app()
    facts = demo_services.giveback.for_parents()
    assert facts is not None
    async with start_at(app, lambda c: GivebackScreen(c, facts), language=lang,
                        size=(40, 15)) as pilot:
        assert app.screen.has_class("-tiny")
        reached = await tab_through(pilot)
        assert {w.id for w in reached} >= {"announcement-print", "announcement-phone"}
