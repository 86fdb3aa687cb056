"""Home: big numbered tiles, one per thing a parent can do at the kiosk.

Each feature adds its tile to :data:`TILES` (number key, word, pictogram, the screen it opens).
A tile for a feature that is not built does not exist. ``0`` changes the language; "I am
done" forgets the parent's session at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    opens: Callable[[], Screen[object]]
    id: str


#: The tiles, in the order shown. Features add theirs here.
TILES: list[Tile] = []


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
                await self.app.push_screen(tile.opens())
                return
