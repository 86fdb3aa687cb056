"""The staff area's home: one button per management screen, leave, quit.

Features add their entries to :data:`STAFF_ENTRIES` (label, the tool it opens); the app
builds the tool's screen (:class:`~screens.messages.OpenStaffTool`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Button, Static

from screens.messages import LeaveStaffArea, OpenStaffTool, QuitKiosk, StaffTool, tell
from screens.staff.base import StaffScreen
from screens.staff.dashboard import DashboardPanel
from screens.widgets import literal


@dataclass(frozen=True)
class StaffEntry:
    """One management screen of the staff area."""

    label: str
    #: The management screen it opens (built by the app when pressed).
    opens: StaffTool

    @property
    def id(self) -> str:
        return self.opens.value


#: The staff area's screens, in the order shown. Features add theirs.
STAFF_ENTRIES: list[StaffEntry] = [
    StaffEntry("Rendez-vous", StaffTool.APPOINTMENTS),
    StaffEntry("Ateliers", StaffTool.WORKSHOPS),
    StaffEntry("Annonces", StaffTool.ANNOUNCEMENTS),
    StaffEntry("Résultats du questionnaire", StaffTool.RESULTS),
    StaffEntry("Questionnaires papier", StaffTool.PAPER_ENTRY),
    StaffEntry("Ce que vous avez dit", StaffTool.GIVEBACK),
    StaffEntry("Réglages", StaffTool.SETTINGS),
    StaffEntry("Journal des actions", StaffTool.AUDIT),
    StaffEntry("File d'impression", StaffTool.PRINT_QUEUE),
    StaffEntry("Demandes d'aide", StaffTool.HELP),
    StaffEntry("À rappeler", StaffTool.CALLBACKS),
    StaffEntry("Prêts de matériel", StaffTool.LOANS),
]


class StaffHomeScreen(StaffScreen):
    """What staff can do here."""

    TITLE_TEXT = "Espace personnel"

    def compose_body(self) -> ComposeResult:
        services = self.context
        for problem in services.problems:
            yield Static(literal("⚠ " + problem.message), classes="staff-problem")
        if not STAFF_ENTRIES:
            yield Static(
                literal(
                    "Les écrans de gestion (rendez-vous, ateliers, annonces, résultats du "
                    "questionnaire, réglages) apparaîtront ici."
                )
            )
        yield DashboardPanel(start_problems=False)
        with Grid(id="staff-entries"):
            for entry in STAFF_ENTRIES:
                yield Button(literal(entry.label), id=f"staff-{entry.id}", classes="staff-entry")
            yield Button(literal("Revenir à l'accueil des parents"), id="staff-leave")
            yield Button(literal("Quitter le kiosque"), id="staff-quit", variant="error")

    def action_back(self) -> None:
        tell(self, LeaveStaffArea())

    @on(Button.Pressed, ".staff-entry")
    def open_entry(self, event: Button.Pressed) -> None:
        event.stop()
        for entry in STAFF_ENTRIES:
            if event.button.id == f"staff-{entry.id}":
                tell(self, OpenStaffTool(entry.opens))

    @on(Button.Pressed, "#staff-leave")
    def leave(self, event: Button.Pressed) -> None:
        event.stop()
        tell(self, LeaveStaffArea())

    @on(Button.Pressed, "#staff-quit")
    def quit_kiosk(self, event: Button.Pressed) -> None:
        """Quitting stops the parents' screen: a stray Enter must not do it, so the first press
        only asks, and the button must be pressed a second time."""
        event.stop()
        if event.button.has_class("-armed"):
            tell(self, QuitKiosk())
            return
        event.button.add_class("-armed")
        event.button.label = literal(
            "Vraiment quitter ? L'écran des parents s'arrête. Appuyez encore pour quitter.")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving the quit button takes its question back."""
        quit_button = self.query_one("#staff-quit", Button)
        if event.widget is quit_button and quit_button.has_class("-armed"):
            quit_button.remove_class("-armed")
            quit_button.label = literal("Quitter le kiosque")
