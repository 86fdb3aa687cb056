"""Attributes down, messages up: screens get a ScreenContext, tell the app with messages, and
the app decides where to go; focus always lands on a control that takes keys."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from textual.message import Message

from kiosk.app import KioskApp
from kiosk.services import Services
from kiosk.session import ParentSession
from screens.home import HomeScreen
from screens.messages import LanguageChosen, OpenFlow, ParentFinished
from screens.welcome import WelcomeScreen
from tests.support import press, settle, wait_for
from tests.support.paths import ROOT

SIZE = (80, 24)
SCREENS = ROOT / "screens"


async def test_keys_reach_welcome_after_the_staff_area_closes(demo_services: Services) -> None:
    """Welcome → Ctrl+E → PIN → Enter → leave → '3' opens the third language (no click)."""
    demo_services.staff_access.set_pin("2468")
    third = demo_services.i18n.languages[2].code
    app = KioskApp(demo_services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+e")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PinDialog")
        await press(pilot, "2", "4", "6", "8", "enter")
        await wait_for(pilot, lambda: app.current_mode == app.STAFF_MODE)
        await settle(pilot)
        await press(pilot, "escape")  # the staff home's Back leaves the staff area
        await wait_for(pilot, lambda: app.current_mode == app.PARENT_MODE
                       and isinstance(app.screen, WelcomeScreen))
        await settle(pilot)
        assert app.focused is not None
        await press(pilot, "3")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.session.language == third


async def test_home_tells_the_app_and_the_app_navigates(make_app: Any) -> None:
    """Screens post messages (seen by a message hook); the app opens the screens."""
    seen: list[Message] = []
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await press(pilot, "1")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert any(isinstance(m, LanguageChosen) for m in seen)
        await press(pilot, "2")  # Meet a teacher
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ChoosePersonScreen")
        assert any(isinstance(m, OpenFlow) for m in seen)
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await press(pilot, "9")  # I am done
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert [m for m in seen if isinstance(m, ParentFinished)]
        assert app.session.is_empty and app.focused is not None


async def test_a_test_can_start_on_one_screen_with_a_prepared_session(
        demo_services: Services) -> None:
    from screens.booking import FLOW, DetailsScreen

    session = ParentSession(language="uk")
    person = demo_services.booking.people.all()[0]
    session.draft(FLOW)["person_id"] = person.id
    app = KioskApp(demo_services, session=session, first_screen=DetailsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DetailsScreen))
        await settle(pilot)
        assert app.session.language == "uk" and app.screen_stack[0].__class__ is WelcomeScreen
        assert app.focused is not None and app.focused.id == "child"


def test_no_screen_reaches_the_app_class_or_the_services() -> None:
    modules = sorted(SCREENS.rglob("*.py"))
    assert len(modules) > 20  # the walk sees the screens
    for path in modules:
        imported = _imported(path)
        assert not {n for n in imported if n.startswith("kiosk.app")}, path
        assert "importlib" not in imported, path  # no screen built from a name
        if path.name != "context.py":  # the context alone wraps the services
            assert not {n for n in imported if n.startswith("kiosk.services")}, path


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


async def test_welcome_builds_no_feature_it_does_not_show(demo_services: Services) -> None:
    """The context's features are built on first use: Welcome needs neither the booking
    office nor the print service (start-up time)."""
    fresh = Services(config=demo_services.config, data_dir=demo_services.data_dir,
                     clock=demo_services.clock)
    app = KioskApp(fresh)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        built = set(vars(fresh))
        assert not built & {"booking", "printing", "announcements", "help_requests"}, built
