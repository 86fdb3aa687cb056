"""Home: big numbered tiles, one per thing a parent can do at the kiosk.

Each feature adds its tile to :data:`TILES` (number key, word, pictogram, the screen it opens).
A tile for a feature that is not built does not exist. ``0`` changes the language; "I am
done" (key ``9``) forgets the parent's session at once.

Layout: at 80×24 (the ``-short`` breakpoint) the tiles are one line each, two per row, so that
seven tiles, the title and the nav bar fit with nothing below the fold; on a taller terminal
(``-tall``) they become big squares with the pictogram above the words, three per row, in a
centred column that grows with the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button

from kiosk.core.i18n import N_
from screens.base import KioskScreen
from screens.direction import ChoiceGrid
from screens.messages import Flow, OpenFlow, ParentFinished, tell
from screens.widgets import BigButton


@dataclass(frozen=True)
class Tile:
    """One thing a parent can do from Home."""

    key: str
    label: str  # marked with N_, translated when shown
    pictogram: str
    #: The flow it opens (the app builds its first screen when the tile is pressed: start-up
    #: does not pay for the features' imports).
    opens: Flow

    @property
    def id(self) -> str:
        return self.opens.value


#: The tiles, in the order shown (number keys as in the issue: 1 Questionnaire, 2 Meet a
#: teacher, 3 Workshops, 4 Announcements, 5 Help, 6 the guides to the school's digital tools).
#: Each feature adds its own line.
TILES: list[Tile] = [
    Tile("1", N_("Questionnaire"), "☑", Flow.QUESTIONNAIRE),
    Tile("2", N_("Rencontrer un enseignant"), "☺", Flow.BOOKING),
    Tile("3", N_("Ateliers"), "✎", Flow.WORKSHOPS),
    Tile("4", N_("Annonces"), "✉", Flow.ANNOUNCEMENTS),
    Tile("5", N_("Aide"), "?", Flow.HELP),
    Tile("6", N_("Apprendre à utiliser les outils de l'école"), "☰", Flow.GUIDES),
]


class HomeScreen(KioskScreen):
    """What would you like to do?"""

    TITLE_TEXT = N_("Que voulez-vous faire ?")
    SCREEN_NAME = "home"
    SHOW_HOME = False
    #: The "0 Change language" tile does what the nav bar's Language button would.
    SHOW_LANGUAGE = False

    def compose_body(self) -> ComposeResult:
        tiles = [(tile.key, self._tile_text(tile), tile.pictogram, f"tile-{tile.id}")
                 for tile in sorted(TILES, key=lambda t: t.key)]
        tiles += [("0", self.tr("Changer de langue"), "⇄", "tile-language"),
                  ("9", self.tr("J'ai fini"), "✔", "tile-done")]
        with ChoiceGrid(id="tiles"):  # mirrored in Arabic and Persian: 1 at the top right
            for key, label, pictogram, tile_id in tiles:
                yield BigButton(label, key=key, pictogram=pictogram, id=tile_id, classes="tile")

    def _tile_text(self, tile: Tile) -> str:
        """A tile's words; outside the questionnaire's dates, its tile says when it opens or
        that it is closed (:func:`screens.questionnaire_window.closed_text`)."""
        if tile.opens is Flow.QUESTIONNAIRE:
            from screens.questionnaire_window import closed_text

            closed = closed_text(self)
            if closed is not None:
                return closed
        return self.tr(tile.label)

    def on_mount(self) -> None:
        self._fit_tiles()

    def on_resize(self) -> None:
        self._fit_tiles()

    def _fit_tiles(self) -> None:
        """One-line tiles on a short terminal, pictogram above the words on a tall one."""
        inline = self.app.size.height < 34
        for button in self.query(".tile").results(BigButton):
            if button.inline_pictogram != inline:
                button.inline_pictogram = inline
                button.refresh_label()

    @on(Button.Pressed, ".tile")
    def open_tile(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "tile-language":
            self.action_change_language()
            return
        if button_id == "tile-done":
            tell(self, ParentFinished())
            return
        for tile in TILES:
            if button_id == f"tile-{tile.id}":
                tell(self, OpenFlow(tile.opens))
                return
