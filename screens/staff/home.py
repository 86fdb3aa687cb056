"""The staff area's home: one button per management screen, leave, quit.

Features add their entries to :data:`STAFF_ENTRIES` (label, the screen it opens).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Button, Static

from screens.staff.base import StaffScreen
from screens.staff.dashboard import DashboardPanel
from screens.widgets import kiosk_app, literal, screen_named


@dataclass(frozen=True)
class StaffEntry:
    """One management screen of the staff area."""

    id: str
    label: str
    #: "module:Class" of the screen it opens, imported when pressed.
    opens: str

    def screen(self) -> Screen[object]:
        return screen_named(self.opens)


#: The staff area's screens, in the order shown. Features add theirs.
STAFF_ENTRIES: list[StaffEntry] = [
    StaffEntry("appointments", "Rendez-vous", "screens.staff.booking:AppointmentsStaffScreen"),
    StaffEntry("workshops", "Ateliers", "screens.staff.booking:WorkshopsStaffScreen"),
    StaffEntry("announcements", "Annonces", "screens.staff.announcements:AnnouncementsStaffScreen"),
    StaffEntry("results", "Résultats du questionnaire", "screens.staff.results:ResultsScreen"),
    StaffEntry("settings", "Réglages", "screens.staff.settings:SettingsScreen"),
    StaffEntry("audit", "Journal des actions", "screens.staff.audit:AuditScreen"),
    StaffEntry("print-queue", "File d'impression", "screens.staff.print_queue:PrintQueueScreen"),
    StaffEntry("help", "Demandes d'aide", "screens.staff.help_requests:HelpRequestsScreen"),
]


class StaffHomeScreen(StaffScreen):
    """What staff can do here."""

    TITLE_TEXT = "Espace personnel"

    def compose_body(self) -> ComposeResult:
        services = kiosk_app(self).services
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
        app = kiosk_app(self)
        app.run_worker(app.leave_staff_area(), group="staff", exclusive=True)

    @on(Button.Pressed, ".staff-entry")
    def open_entry(self, event: Button.Pressed) -> None:
        event.stop()
        for entry in STAFF_ENTRIES:
            if event.button.id == f"staff-{entry.id}":
                self.app.push_screen(entry.screen())

    @on(Button.Pressed, "#staff-leave")
    def leave(self, event: Button.Pressed) -> None:
        event.stop()
        app = kiosk_app(self)
        app.run_worker(app.leave_staff_area(), group="staff", exclusive=True)

    @on(Button.Pressed, "#staff-quit")
    def quit_kiosk(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.exit(0)
