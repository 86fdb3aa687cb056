"""The announcement screens, driven with Textual's Pilot (parents and staff), and a snapshot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.widgets import Checkbox, DataTable, Input, TextArea

from kiosk.announcements.model import Status
from kiosk.announcements.publish import announcement_url
from kiosk.announcements.reading import FALLBACK_NOTE
from kiosk.services import Services
from screens.announcements import AnnouncementListScreen, AnnouncementScreen
from screens.base import Body
from screens.widgets import BigButton, Notice, Paragraph
from tests.support import Clock, build_services, screen_text, settle, start_at, wait_for

NASTY_TITLE = "[bold]Gras[/] [link=http://x.example]lien[/link]"
NASTY_TEXT = "Début [red]rouge[/] \x1b[31mANSI\x1b[0m [/] fin\n[@click=app.quit]quitter[/]"


@pytest.fixture
def empty_services(tmp_path: Any, clock: Clock) -> Services:
    """Demo configuration, no announcement at all (``make_app`` seeds the demo elsewhere)."""
    return build_services(tmp_path / "empty", clock)


def lang_key(services: Services, code: str) -> str:
    return "1234567890abcdef"[services.config.kiosk.languages.index(code)]


async def open_list(app: Any, pilot: Any, services: Services, lang: str) -> None:
    await pilot.press(lang_key(services, lang))
    await pilot.pause()
    await pilot.press("4")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, AnnouncementListScreen)


def rendered(widget: Paragraph) -> str:
    return str(widget.render())


async def test_list_pinned_first_then_newest_with_new_marks_and_rhythm(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    app = make_app()
    async with start_at(app, AnnouncementListScreen, size=(80, 24),
                        language="en") as pilot:
        screen = app.screen
        buttons = [b for b in screen.query(BigButton) if b.has_class("announcement-item")]
        current = demo_services.announcements.current()
        assert len(buttons) == len(current) == 5
        assert "School council" in buttons[0].text  # pinned
        assert "Strike on Thursday" in buttons[1].text  # newest (urgent, yesterday)
        assert "New" in buttons[1].hint and "New" not in buttons[0].hint
        assert "Cantine : le menu" in " ".join(b.text for b in buttons)  # outdated → French
        rhythm = rendered(screen.query_one("#announcement-rhythm", Paragraph))
        assert "every Monday at 16:00" in rhythm and "straight away" in rhythm
        # Changing language re-renders the list without reading the file again.
        await app.set_language("es")
        await pilot.pause()
        buttons = [b for b in app.screen.query(BigButton) if b.has_class("announcement-item")]
        assert "Consejo escolar" in buttons[0].text


async def test_reading_scrolls_by_keys_wheel_and_touch_buttons(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    app = make_app()
    async with start_at(app, AnnouncementListScreen, size=(80, 24),
                        language="fr") as pilot:
        await pilot.press("1")  # the school council: the long one
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnouncementScreen)
        body = screen.query_one("#body", Body)
        assert body.max_scroll_y > 0
        await pilot.press("down", "down")
        await pilot.pause()
        after_keys = body.scroll_y
        assert after_keys > 0
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        body.post_message(events.MouseScrollDown(body, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("home")
        await pilot.click("#announcement-down")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_fallback_line_in_the_parents_language_above_the_french(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    app = make_app()
    book = demo_services.announcements
    canteen = book.get("menu-cantine")
    assert canteen is not None and canteen.status("en") is Status.OUTDATED
    async with app.run_test(size=(80, 24)) as pilot:
        await app.set_language("en")
        await app.push_screen(AnnouncementScreen(app.screen_context, canteen))
        await pilot.pause()
        note = app.screen.query_one("#announcement-fallback", Paragraph)
        tr = demo_services.i18n.translator("en")
        assert note.text == tr(FALLBACK_NOTE) and note.text != FALLBACK_NOTE
        text = app.screen.query_one("#announcement-text", Paragraph)
        assert text.text == canteen.text and text.rtl is False


async def test_rtl_text_goes_through_the_display_function(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    app = make_app()
    strike = demo_services.announcements.get("greve-jeudi")
    assert strike is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await app.set_language("ar")
        await app.push_screen(AnnouncementScreen(app.screen_context, strike))
        await pilot.pause()
        paragraph = app.screen.query_one("#announcement-text", Paragraph)
        assert paragraph.rtl is True and not app.screen.query("#announcement-fallback")
        width = paragraph.content_region.width
        expected = demo_services.i18n.display_lines(strike.translations["ar"].text, width,
                                                    rtl=True)
        assert rendered(paragraph) == "\n".join(expected)
        assert rendered(paragraph) != strike.translations["ar"].text


async def test_phone_qr_and_printed_ticket_carry_the_page_address(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    from screens.ticket import QRModal, TicketScreen

    app = make_app()
    trip = demo_services.announcements.get("sortie-musee")
    assert trip is not None
    url = announcement_url(demo_services.config, "tr", trip.id)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.set_language("tr")
        await app.push_screen(AnnouncementScreen(app.screen_context, trip))
        await pilot.pause()
        await pilot.click("#announcement-phone")
        await pilot.pause()
        assert isinstance(app.screen, QRModal) and app.screen.payload == url
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        ticket = app.screen.ticket
        assert ticket.qr == url and ticket.language == "tr"
        assert any("CE2" in text for text in ticket.texts())
        await app.workers.wait_for_complete()


async def test_untranslated_ticket_prints_the_french_left_to_right(
    demo_services: Services,
) -> None:
    from kiosk.announcements.reading import ticket_of

    trip = demo_services.announcements.get("sortie-musee")
    assert trip is not None
    tr = demo_services.i18n.translator("sq")
    shown = demo_services.announcements.reading(trip, tr)
    ticket = ticket_of(demo_services.ticket_context, shown, "https://x.example/sq/sortie-musee.html")
    texts = [line.text for line in ticket.lines]
    assert shown.note in texts
    assert texts.index(shown.note) < texts.index(trip.text)
    assert all(line.rtl is False for line in ticket.lines if line.text == trip.text)


async def test_markup_and_escape_sequences_are_shown_literally(
    make_app: Callable[..., Any], empty_services: Services
) -> None:
    book = empty_services.announcements
    nasty = book.write(title=NASTY_TITLE, text=NASTY_TEXT, urgent=True)
    app = make_app(empty_services)
    async with start_at(app, AnnouncementListScreen, size=(80, 24),
                        language="fr") as pilot:
        button = app.screen.query_one("#announcement-0", BigButton)
        assert NASTY_TITLE in str(button.label)
        await pilot.press("1")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AnnouncementScreen)
        shown = rendered(app.screen.query_one("#announcement-text", Paragraph))
        assert "[red]rouge[/]" in shown and "[@click=app.quit]quitter[/]" in shown
        assert "\x1b" not in shown and "[31mANSI[0m" in shown
        title = rendered(app.screen.query_one("#announcement-title", Paragraph))
        assert title == NASTY_TITLE
        assert book.get(nasty.id) is not None


def test_markup_injection_snapshot(snap_compare: Any, make_app: Callable[..., Any],
                                   empty_services: Services) -> None:
    empty_services.announcements.write(title=NASTY_TITLE, text=NASTY_TEXT, urgent=True)
    app = make_app(empty_services)

    async def run_before(pilot: Any) -> None:
        await open_list(app, pilot, empty_services, "fr")
        await pilot.press("1")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


async def test_unreadable_announcements_get_a_kind_message(
    make_app: Callable[..., Any], empty_services: Services
) -> None:
    path = empty_services.store.file("announcements").path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not json")
    app = make_app(empty_services)
    async with start_at(app, AnnouncementListScreen, size=(80, 24),
                        language="uk"):
        notice = app.screen.query_one("#announcement-error", Notice)
        assert notice.display and "рецепції" in str(notice.render())


# --- staff ------------------------------------------------------------------------------------


async def open_staff(app: Any, pilot: Any) -> Any:
    from screens.staff.announcements import AnnouncementsStaffScreen

    await app.open_staff_area()
    await app.push_screen(AnnouncementsStaffScreen(app.screen_context))
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def test_staff_list_shows_statuses_and_editing_makes_translations_outdated(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    from screens.staff.announcements import AnnouncementEditorScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_staff(app, pilot)
        table = screen.query_one("#announcements-table", DataTable)
        assert table.row_count == 6
        row = table.get_row("menu-cantine")
        langs = demo_services.announcements.languages
        assert str(row[2 + langs.index("en")]) == "↻" and str(row[2 + langs.index("ar")]) == "✔"
        assert str(table.get_row("sortie-musee")[2 + langs.index("sq")]) == "✗"
        assert str(table.get_row("photo-classe")[-1]).startswith("→ ")  # held: its release
        assert "⏳" in str(table.get_row("photo-classe")[1])
        table.move_cursor(row=table.get_row_index("greve-jeudi"))
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AnnouncementEditorScreen)
        area = editor.query_one("#editor-text", TextArea)
        area.text = area.text + "\nLa garderie du soir est fermée."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: editor.announcement.text.endswith("fermée."))
        stored = demo_services.announcements.get("greve-jeudi")
        assert stored is not None and stored.text.endswith("fermée.")
        assert stored.status("ar") is Status.OUTDATED
        assert "announcement.edit" in [e.action for e in demo_services.audit.entries()]
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#announcements-table", DataTable)
        assert str(table.get_row("greve-jeudi")[2 + langs.index("ar")]) == "↻"


async def test_staff_list_fits_80_columns_cuts_titles_never_dates_and_shapes_arabic(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    from screens.staff.announcements import when_line
    from screens.staff.tables import FittedTable

    arabic = "قائمة المقصف لشهر ديسمبر مع وجبات خاصة للأعياد"
    demo_services.announcements.edit("menu-cantine", title=arabic)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_staff(app, pilot)
        table = screen.query_one("#announcements-table", FittedTable)
        await settle(pilot)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no scrolling
        rows = screen_text(app).splitlines()
        shown = "\n".join(rows[table.region.y:table.region.bottom])
        for item in demo_services.announcements.all():
            assert when_line(item, demo_services.now(), cell=True) in shown  # whole
        assert "Conseil …" in shown or "Conseil…" in shown  # a long title cut with "…"
        shaped = demo_services.i18n.display(arabic, rtl=None)
        assert "…" + shaped[-5:] in shown  # its start (at the right) kept, shaped
        assert arabic[:5] not in shown


async def test_staff_writes_previews_and_translates(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    from screens.staff.announcements import (
        AnnouncementEditorScreen,
        PreviewModal,
        TranslationEditorScreen,
    )

    app = make_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await open_staff(app, pilot)
        await pilot.click("#announcement-new")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AnnouncementEditorScreen)
        editor.query_one("#editor-title", Input).value = "Piscine"
        # A title pasted longer than the field: refused with a message, the title kept.
        editor.query_one("#editor-title", Input).focus()
        app.post_message(events.Paste("P" * 161))
        await wait_for(pilot,
                     lambda: "160" in str(editor.query_one("#editor-message").render()))
        assert "Texte trop long" in str(editor.query_one("#editor-message").render())
        assert editor.query_one("#editor-title", Input).value == "Piscine"
        editor.query_one("#editor-text", TextArea).text = "Apportez un maillot.\n\nMerci."
        editor.query_one("#editor-until", Input).value = "31/12/2020"
        await pilot.click("#editor-save")
        await wait_for(pilot,
                     lambda: "avant" in str(editor.query_one("#editor-message").render()))
        message = str(editor.query_one("#editor-message").render())
        assert "avant la date de début" in message  # bad dates: refused, nothing lost
        assert editor.query_one("#editor-title", Input).value == "Piscine"
        editor.query_one("#editor-until", Input).value = ""
        editor.query_one("#editor-urgent", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: editor.announcement is not None)
        saved = editor.announcement
        assert saved is not None and saved.title == "Piscine" and saved.urgent
        assert saved in demo_services.announcements.current()
        # Preview in Persian: no translation yet, so the Persian line then the French.
        editor.query_one("#editor-lang").value = "fa"  # type: ignore[attr-defined]
        await pilot.click("#editor-preview")
        await pilot.pause()
        assert isinstance(app.screen, PreviewModal)
        fallback = app.screen.query_one("#preview-fallback", Paragraph)
        assert fallback.rtl is True and fallback.text == (
            demo_services.i18n.translator("fa")(FALLBACK_NOTE)
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#editor-translate")
        await pilot.pause()
        translator = app.screen
        assert isinstance(translator, TranslationEditorScreen)
        translator.query_one("#translation-title", Input).value = "استخر"
        translator.query_one("#translation-text", TextArea).text = "مایو بیاورید."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnouncementEditorScreen))
        assert isinstance(app.screen, AnnouncementEditorScreen)
        stored = demo_services.announcements.get(saved.id)
        assert stored is not None and stored.status("fa") is Status.TRANSLATED
