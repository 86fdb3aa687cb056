"""The style sheets: the frame in ``screens/kiosk.tcss``, one file per flow loaded with its
screens (``CSS_PATH``), so the first screen does not wait for every flow's styles.

A flow's file must style only its own ids and classes, and every screen of the flow must name
it: otherwise what a screen looks like would depend on which flow a parent opened first.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.screen import Screen

from kiosk.app import KioskApp
from screens.base import STYLES

#: Each flow's style sheet → the modules whose screens use it.
FLOW_SHEETS: dict[str, tuple[str, ...]] = {
    "booking.tcss": ("screens.booking", "screens.booking_code", "screens.booking_parts",
                     "screens.workshops", "screens.callback", "screens.loan",
                     "screens.interpreter"),
    "questionnaire.tcss": ("screens.questionnaire",),
    "announcements.tcss": ("screens.announcements", "screens.reading", "screens.giveback"),
    "ticket.tcss": ("screens.ticket",),
    "staff/staff.tcss": ("screens.staff.base", "screens.staff.home",
                         "screens.staff.announcements", "screens.staff.audit",
                         "screens.staff.booking", "screens.staff.workshops",
                         "screens.staff.dashboard", "screens.staff.help_requests",
                         "screens.staff.print_queue", "screens.staff.results",
                         "screens.staff.settings", "screens.staff.paper_entry",
                         "screens.staff.giveback", "screens.staff.goals",
                         "screens.staff.loans", "screens.staff.callbacks",
                         "screens.staff.workshop_room"),
}


def selectors(sheet: Path) -> list[set[str]]:
    """For each selector of a style sheet, the ids, classes and types it names (no # or .)."""
    css = re.sub(r"/\*.*?\*/", "", sheet.read_text("utf-8"), flags=re.S)
    found = []
    for group in re.findall(r"([^{}]+)\{", css):
        for selector in group.split(","):
            found.append(set(re.findall(r"(?:[#.]|\b(?=[A-Z]))([A-Za-z][\w-]*)", selector)))
    return found


def names_given(source: str) -> set[str]:
    """The ids and classes a module gives its widgets (``id="..."``, ``classes="..."``), and
    the classes it defines (type selectors)."""
    given = set(re.findall(r"^class (\w+)", source, flags=re.M))
    for value in re.findall(r"\b(?:id|classes)(?::[^=\n]*)?=\s*f?\"([^\"]*)\"", source):
        given.update(value.split())
    return given


@pytest.mark.parametrize("sheet", sorted(FLOW_SHEETS))
def test_a_flow_sheet_styles_only_its_own_screens(sheet: str) -> None:
    own = names_given("\n".join(
        inspect.getsource(importlib.import_module(module)) for module in FLOW_SHEETS[sheet]))
    others = set()
    for path in STYLES.rglob("*.py"):
        module = ".".join(path.relative_to(STYLES.parent).with_suffix("").parts)
        if module not in FLOW_SHEETS[sheet]:
            others |= names_given(path.read_text("utf-8"))
    for names in selectors(STYLES / sheet):
        # Each selector names at least one id, class or type only the flow's screens have.
        assert names & own - others, (
            f"{sheet}: a selector naming {sorted(names)} may style a widget of another flow; "
            "move it to kiosk.tcss, or that screen would look different before the flow opens")


@pytest.mark.parametrize("sheet", sorted(FLOW_SHEETS))
def test_every_screen_of_a_flow_loads_its_sheet(sheet: str) -> None:
    for module_name in FLOW_SHEETS[sheet]:
        module = importlib.import_module(module_name)
        screens = [cls for cls in vars(module).values()
                   if inspect.isclass(cls) and issubclass(cls, Screen)
                   and cls.__module__ == module_name]
        for cls in screens:
            assert STYLES / sheet == cls.CSS_PATH, f"{cls.__name__} does not load {sheet}"
    assert (STYLES / sheet).is_file()


async def test_the_first_screen_parses_only_the_frame(make_app: Callable[..., KioskApp]
                                                      ) -> None:
    from screens.booking_code import CodeScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        loaded = {str(path) for path, _ in app.stylesheet.source}
        assert not any(path.endswith(tuple(FLOW_SHEETS)) for path in loaded), loaded
        # The first booking screen opened brings its styles (the code keys' grid).
        await pilot.press("1")
        await app.push_screen(CodeScreen(app.screen_context))
        await pilot.pause()
        assert str(STYLES / "booking.tcss") in {str(p) for p, _ in app.stylesheet.source}
        assert app.screen.query_one("#code-keys").styles.grid_size_columns == 8
