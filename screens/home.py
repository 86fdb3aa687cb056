"""Home: big numbered tiles, one per thing a parent can do at the kiosk.

Each feature adds its tile to :data:`TILES` (number key, word, pictogram, the screen it opens).
A tile for a feature that is not built does not exist. ``0`` changes the language; "I am
done" forgets the parent's session at once.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Button

from kiosk.i18n import N_
from screens.base import KioskScreen
from screens.widgets import BigButton, kiosk_app


@dataclass(frozen=True)
class Tile:
    """One thing a parent can do from Home."""

    key: str
    label: str  # marked with N_, translated when shown
    pictogram: str
    #: "module:Class" of the screen it opens, imported when the tile is pressed (start-up
    #: does not pay for the features' imports).
    opens: str
    id: str

    def screen(self) -> Screen[object]:
        module_name, _, class_name = self.opens.partition(":")
        screen_class = getattr(importlib.import_module(module_name), class_name)
        return cast("Screen[object]", screen_class())


#: The tiles, in the order shown (number keys as in the issue: 1 Questionnaire, 2 Meet a
#: teacher, 3 Workshops, 4 Announcements, 5 Help). Each feature adds its own line.
TILES: list[Tile] = [
]


class HomeScreen(KioskScreen):
    """What would you like to do?"""

    TITLE_TEXT = N_("Que voulez-vous faire ?")
    SCREEN_NAME = "home"
    SHOW_HOME = False

    def compose_body(self) -> ComposeResult:
        with Grid(id="tiles"):
            for tile in TILES:
                yield BigButton(
                    self.tr(tile.label),
                    key=tile.key,
                    pictogram=tile.pictogram,
                    id=f"tile-{tile.id}",
                    classes="tile",
                )
            yield BigButton(
                self.tr("Changer de langue"),
                key="0",
                pictogram="⇄",
                id="tile-language",
                classes="tile",
            )
            yield BigButton(
                self.tr("J'ai fini"),
                pictogram="✔",
                id="tile-done",
                classes="tile",
            )

    @on(Button.Pressed, ".tile")
    async def open_tile(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "tile-language":
            self.action_back()
            return
        if button_id == "tile-done":
            await kiosk_app(self).reset_parent()
            return
        for tile in TILES:
            if button_id == f"tile-{tile.id}":
                await self.app.push_screen(tile.screen())
                return
