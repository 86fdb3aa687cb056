"""The parent's kiosk frame, driven like a parent would: number keys, Tab/Enter, mouse clicks,
language switch, idle reset, lock-down, and the staff PIN dialog."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from kiosk.app import KioskApp
from kiosk.services import Services
from kiosk.staff.pin import MAX_ATTEMPTS
from screens.help import HelpScreen, PrivacyScreen
from screens.home import HomeScreen
from screens.idle import IdleOverlay
from screens.staff.help_requests import HelpRequestsScreen
from screens.staff.home import StaffHomeScreen
from screens.staff.pin import PinDialog
from screens.welcome import LanguagePicker, WelcomeScreen
from tests.support import (
    Clock,
    Monotonic,
    build_services,
    click,
    count_down,
    go_idle,
    new_app,
    screen_text,
    wait_for,
)

SIZE = (80, 24)


# -- navigation -----------------------------------------------------------------------------------


async def test_number_keys(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("2")  # English
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.language == "en"
        assert "What would you like to do?" in screen_text(app)
        await pilot.press("5")  # Help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.session.trail == ["home", "help"]  # where help requests say they came from
        await pilot.press("2")  # What we keep about you
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        assert "anonymous" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("0")  # change language
        await pilot.pause()
        assert isinstance(app.screen, LanguagePicker)
        await pilot.press("1")  # Français
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Que voulez-vous faire ?" in screen_text(app)
        await pilot.press("9")  # I'm done
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session.is_empty


async def test_azerty_top_row_and_letters(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")  # Shqip: the 12th language has the letter B
        await pilot.pause()
        assert app.session.language == "sq"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("é")  # the "2" key of a French keyboard, without Shift
        await pilot.pause()
        assert app.session.language == "en"


async def test_tab_and_enter(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        focused = app.focused
        assert focused is not None and (focused.id or "").startswith("lang-")
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused is not focused
        code = (app.focused.id or "").removeprefix("lang-")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.language == code
        # Arrows move the focus too; Enter opens the focused tile.
        await pilot.press("tab")
        while app.focused is not None and app.focused.id != "tile-help":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_mouse_clicks(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#lang-ar")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.language == "ar"
        await pilot.click("#tile-help")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.click("#help-privacy")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.click("#nav-back")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.click("#nav-home")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.click("#tile-language")
        await pilot.pause()
        assert isinstance(app.screen, LanguagePicker)
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.language == "ar"
        await pilot.click("#tile-done")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session.is_empty


async def test_home_has_only_built_tiles_and_fits_80x24(make_app: Callable[..., KioskApp]) -> None:
    from screens.home import TILES
    from screens.widgets import BigButton

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        buttons = list(app.screen.query(BigButton))
        assert {b.id for b in buttons if "tile" in b.classes} == (
            {f"tile-{t.id}" for t in TILES} | {"tile-language", "tile-done"}
        )
        for button in buttons:
            region = button.region
            assert region.height > 0, button.id
            assert region.bottom <= SIZE[1], f"{button.id} below the fold"
            assert region.right <= SIZE[0], button.id


# -- languages ------------------------------------------------------------------------------------


async def test_language_switch_rerenders_every_open_screen(
    make_app: Callable[..., KioskApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "5")
        await pilot.pause()
        assert "I need help" in screen_text(app)
        await pilot.click("#nav-language")
        await pilot.pause()
        await pilot.click("#lang-zh")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # still where the parent was
        assert app.session.language == "zh"
        assert "我需要帮助" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "您想做什么" in screen_text(app)  # the screen below was re-rendered too


async def test_right_to_left_reads_right(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")  # العربية
        await pilot.pause()
        assert app.has_class("-rtl")
        title = app.screen.query_one("#title")
        lines = [line for line in screen_text(app).splitlines() if "؟" in line]
        assert lines, "the Arabic title is shown"
        # Right-aligned: the title ends near the right edge, not at the left.
        assert len(lines[0].rstrip()) > SIZE[0] - 5
        assert lines[0].lstrip().startswith("؟")  # visual order: the question mark is left
        assert title.has_class("-rtl-text")
        await pilot.press("0", "1")  # back to French: left-to-right again
        await pilot.pause()
        assert not app.has_class("-rtl")


# -- help -----------------------------------------------------------------------------------------


async def test_help_request_is_recorded_for_the_staff(make_app: Callable[..., KioskApp],
                                                      demo_services: Services) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "5")
        await pilot.pause()
        assert "04 78 00 00 00" in screen_text(app)  # the school's phone, from the config
        await pilot.press("1")
        await wait_for(pilot, lambda: bool(demo_services.help_requests.pending()))
        await wait_for(pilot, lambda: "Someone from the school" in screen_text(app))
        (request,) = demo_services.help_requests.pending()
        assert request.came_from == "home"


async def test_help_request_that_cannot_be_saved(make_app: Callable[..., KioskApp],
                                                 demo_services: Services) -> None:
    year_dir = demo_services.store.file("help").path
    year_dir.parent.mkdir(parents=True, exist_ok=True)
    year_dir.write_text("{ this is not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "5", "1")
        await wait_for(pilot, lambda: "could not be saved" in screen_text(app))
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query_one("#help-ask").disabled  # may try again


# -- idle reset -----------------------------------------------------------------------------------


async def test_idle_reset_leaves_no_trace(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    app.idle_countdown = 1
    async with app.run_test(size=SIZE) as pilot:
        fresh_welcome = screen_text(app)
        await pilot.press("3", "5")  # Arabic, Help
        await pilot.pause()
        app.session.draft("questionnaire")["q1"] = 4  # something the parent chose
        await go_idle(pilot, app.idle_timeout - 1)
        assert isinstance(app.screen, HelpScreen)  # not yet
        await go_idle(pilot, 2)
        assert isinstance(app.screen, IdleOverlay)
        await wait_for(pilot, lambda: "؟" in screen_text(app))  # in the parent's language
        await count_down(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert app.session.is_empty
        assert app.session.language == "fr"
        assert len(app.screen_stack) == 1
        assert not app.has_class("-rtl")
        await pilot.pause()
        assert screen_text(app) == fresh_welcome


async def test_still_here_keeps_the_session(make_app: Callable[..., KioskApp],
                                            monotonic: Monotonic) -> None:
    app = make_app()
    app.idle_countdown = 60
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "5")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await go_idle(pilot)
        await wait_for(pilot, lambda: "Are you still there?" in screen_text(app))
        await count_down(pilot, 1)
        await pilot.click("#idle-yes")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert app.session.language == "en"
        assert app._last_activity == monotonic()  # the idle time starts again


async def test_a_click_counts_as_activity(make_app: Callable[..., KioskApp],
                                          monotonic: Monotonic) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        monotonic.advance(1000)
        await pilot.click("#lang-en")  # Pilot.click bypasses App.on_event
        assert app._last_activity == monotonic()
        monotonic.advance(1000)
        await pilot.press("escape")
        assert app._last_activity == monotonic()


def test_the_idle_reset_runs_on_the_monotonic_clock(demo_services: Services) -> None:
    """A wall-clock jump (NTP, time zone) cannot reset a parent: idle time is monotonic."""
    assert KioskApp(demo_services)._monotonic is time.monotonic


async def test_empty_welcome_is_not_interrupted(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_idle(pilot)
        assert isinstance(app.screen, WelcomeScreen)


# -- lock-down ------------------------------------------------------------------------------------


async def test_quit_keys_do_not_quit(make_app: Callable[..., KioskApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        for key in ("ctrl+q", "ctrl+c", "ctrl+z", "ctrl+p", "ctrl+backslash"):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, key
            assert isinstance(app.screen, HomeScreen), key
        assert app.return_code is None
        assert not app.ENABLE_COMMAND_PALETTE and not app.ALLOW_SELECT


# -- staff access ---------------------------------------------------------------------------------


async def test_no_pin_says_how_to_set_one(make_app: Callable[..., KioskApp],
                                          demo_services: Services) -> None:
    from kiosk.staff.pin_command import set_pin_command

    app = make_app()
    # this kiosk's options: --demo --data-dir …
    command = set_pin_command(demo_services.config, demo_services.data_dir, demo=True)
    assert "--data-dir" in command
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "set-pin" in screen_text(app))
        assert isinstance(app.screen, PinDialog)
        shown = str(app.screen.query_one("#pin-message").render())
        assert command in shown
        assert not app.screen.query_one("#pin-input").display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.current_mode == "parent"


async def test_pin_opens_staff_area_and_help_requests(make_app: Callable[..., KioskApp],
                                                      demo_services: Services) -> None:
    demo_services.staff_access.set_pin("2580")
    demo_services.help_requests.request("booking")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "5")  # a parent was here
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press(*"2580", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StaffHomeScreen))
        assert app.current_mode == "staff"
        assert app.session.is_empty  # the parent is forgotten
        await pilot.pause()
        await click(pilot, "#staff-help")
        await wait_for(pilot, lambda: "depuis les rendez-vous" in screen_text(app))
        assert isinstance(app.screen, HelpRequestsScreen)
        (request,) = demo_services.help_requests.pending()
        await click(pilot, f"#ack-{request.id}")
        await wait_for(pilot, lambda: not demo_services.help_requests.pending())
        await wait_for(pilot, lambda: "Aucune demande" in screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        await click(pilot, "#staff-quit")  # the first press only asks
        await pilot.pause()
        assert app.is_running and "Vraiment quitter" in screen_text(app)
        await click(pilot, "#staff-quit")
        await pilot.pause()
    assert app.return_code == 0


async def test_one_stray_enter_on_quit_does_not_stop_the_kiosk(demo_services: Services) -> None:
    demo_services.staff_access.set_pin("2580")
    app = new_app(demo_services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press(*"2580", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StaffHomeScreen))
        app.screen.query_one("#staff-quit").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and "Vraiment quitter" in screen_text(app)
        await pilot.press("shift+tab")  # moving away takes the question back
        await pilot.pause()
        assert "Vraiment quitter" not in screen_text(app)
        app.screen.query_one("#staff-quit").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Vraiment quitter" in screen_text(app))
        button = app.screen.query_one("#staff-quit")
        await wait_for(pilot, lambda: not button.has_class("-active"))  # Textual's 0.2 s
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


async def test_pin_lockout_survives_a_restart(tmp_path: Path, clock: Clock) -> None:
    services = build_services(tmp_path / "data", clock, demo=True)
    services.staff_access.set_pin("2580")
    app = new_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        for attempt in range(MAX_ATTEMPTS):
            await pilot.press(*"1111", "enter")
            expected = "verrouillé" if attempt == MAX_ATTEMPTS - 1 else "Code faux"
            await wait_for(pilot, lambda expected=expected: expected in screen_text(app))
        assert not app.screen.query_one("#pin-input").display
    # The kiosk restarts (new services, new app) on the same data folder.
    restarted = new_app(build_services(tmp_path / "data", clock, demo=True))
    async with restarted.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "verrouillé" in screen_text(restarted))
        await pilot.press(*"2580", "enter")
        await pilot.pause(0.3)
        assert restarted.current_mode == "parent"
    clock.advance(minutes=6)
    later = new_app(build_services(tmp_path / "data", clock, demo=True))
    async with later.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press(*"2580", "enter")
        await wait_for(pilot, lambda: later.current_mode == "staff")


async def test_staff_area_closes_when_left_alone(make_app: Callable[..., KioskApp],
                                                 demo_services: Services) -> None:
    demo_services.staff_access.set_pin("2580")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press(*"2580", "enter")
        await wait_for(pilot, lambda: app.current_mode == "staff")
        app.idle_countdown = 1
        await go_idle(pilot)
        await wait_for(pilot, lambda: "Êtes-vous encore là" in screen_text(app))  # French
        assert isinstance(app.screen, IdleOverlay)
        await count_down(pilot)
        await wait_for(pilot, lambda: app.current_mode == "parent")
        await wait_for(pilot, lambda: all(w.is_finished for w in app.workers))
        assert isinstance(app.screen, WelcomeScreen)
