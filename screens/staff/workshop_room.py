"""Workshop mode: the staff screen of the person running a workshop (French, not translated).

"Animer l'atelier" shows the registered parents with their language (named in French) and
whether they asked for an interpreter; ``p`` / ``a`` tick the selected parent present or absent
(one key each); a parent who came without registering is added with a first name and a
language; one action prints a chosen guide for everyone in the room, each in their own
language (through the print queue), another writes the A4 sign-in sheet.

Reads and writes run in worker threads (:class:`~screens.staff.base.StaffToolScreen`); the
rules (who is in the room, who may be added) are the domain's
(:class:`kiosk.booking.workshops.Workshops`).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Input, Select, Static

from kiosk.booking.model import Registration, StaffError, Workshop
from kiosk.core.languages import language_name_fr
from kiosk.guides.model import Guide
from kiosk.tickets.model import Ticket
from screens.context import ScreenContext
from screens.staff.base import StaffToolScreen, field, staff_table
from screens.staff.tables import Column
from screens.staff.words import ATTENDANCE_WORDS
from screens.widgets import literal

#: The room's table: the name is cut first, never the presence.
ROOM_COLUMNS = (
    Column("Nom", priority=1),
    Column("Langue", priority=1),
    Column("Interprète", cut=False, priority=2),
    Column("Présence", cut=False, priority=2),
    Column("Note", priority=0),
)

#: What the screen shows: the workshop (None: not found), who is in the room, the guides.
Room = tuple[Workshop | None, list[Registration], list[Guide]]


def room_cells(registration: Registration) -> tuple[object, ...]:
    """A row of the room: name, language in French, interpreter asked, attendance, note."""
    r = registration
    return (Text(r.name or "(effacé)"), language_name_fr(r.language),
            "oui" if r.interpreter else "", ATTENDANCE_WORDS.get(r.attendance, ""),
            "sans inscription" if r.walk_in else "")


class WorkshopRoomScreen(StaffToolScreen[Room]):
    """Animer l'atelier: attendance by one key, walk-ins, the room's printouts."""

    TITLE_TEXT = "Animer l'atelier"
    AUTO_FOCUS = "#room-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "mark('present')", "Présent", show=False),
        Binding("a", "mark('absent')", "Absent", show=False),
    ]

    def __init__(self, context: ScreenContext, workshop_id: str) -> None:
        super().__init__(context)
        self.workshop_id = workshop_id

    def compose_body(self) -> ComposeResult:
        yield Static(literal(""), id="room-head", classes="staff-label")
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield staff_table(*ROOM_COLUMNS, id="room-table")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Présent (p)"), id="room-present", variant="success")
            yield Button(literal("Absent (a)"), id="room-absent")
        yield Static(literal("Ajouter une personne venue sans inscription"),
                     classes="staff-label")
        codes = list(self.context.i18n.codes)
        with Horizontal(classes="staff-row"):
            yield from field("Prénom", "walk-name")
            yield Select([(f"{language_name_fr(code)} ({code})", code) for code in codes],
                         prompt="Langue", id="walk-lang")
            yield Button(literal("Ajouter"), id="walk-add", variant="primary")
        yield Static(literal("Imprimer pour la salle"), classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield Select([], prompt="Guide à imprimer", id="room-guide")
            yield Button(literal("Imprimer le guide pour chacun"), id="room-print")
        with Horizontal(classes="staff-row"):
            yield from field("Dossier de la feuille d'émargement", "sheet-dir",
                             str(self.context.data_dir / "reports"))
            yield Button(literal("Écrire la feuille d'émargement"), id="room-sheet")

    def read(self) -> Room:
        workshops = self.context.booking.workshops
        return (workshops.workshop(self.workshop_id), workshops.attendees(self.workshop_id),
                self.context.guides.all())

    def show_data(self, data: Room) -> None:
        workshop, attendees, guides = data
        if workshop is None:
            self.status("Atelier introuvable.")
            return
        ticked = sum(1 for r in attendees if r.attendance == "present")
        self.query_one("#room-head", Static).update(literal(
            f"{workshop.title} — {workshop.start:%d/%m/%Y %H:%M}, {workshop.place} — "
            f"{len(attendees)} inscrit(s), {ticked} présent(s)"
            + (" — ANNULÉ" if workshop.cancelled else "")))
        self.fill("room-table", ROOM_COLUMNS, ((r.id, room_cells(r)) for r in attendees))
        choose: Select[str] = self.query_one("#room-guide", Select)
        if not choose.is_blank() or not guides:
            return
        choose.set_options([(g.title, g.id) for g in guides])
        choose.value = guides[0].id

    # -- attendance ------------------------------------------------------------------------------

    def action_mark(self, attendance: str) -> None:
        """``p`` / ``a``: the selected parent is present / absent."""
        if isinstance(self.focused, Input):
            return
        registration_id = self.selected("room-table")
        if registration_id is None:
            self.status("Personne à cocher : la liste est vide.")
            return

        def action() -> str:
            self.context.booking.workshops.set_attendance(registration_id, attendance)
            return "Présence notée." if attendance == "present" else "Absence notée."

        self.perform(action)

    @on(Button.Pressed, "#room-present")
    def present(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_mark("present")

    @on(Button.Pressed, "#room-absent")
    def absent(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_mark("absent")

    # -- a walk-in -------------------------------------------------------------------------------

    @on(Button.Pressed, "#walk-add")
    def add_walk_in(self, event: Button.Pressed) -> None:
        event.stop()
        name = self.value("walk-name")
        chosen = self.query_one("#walk-lang", Select).value
        lang = chosen if isinstance(chosen, str) else ""

        def action() -> str:
            if not lang:
                raise StaffError("Choisissez la langue de la personne.")
            added = self.context.booking.workshops.walk_in(self.workshop_id, name, lang)
            self.app.call_from_thread(self._clear_walk_in)
            return f"{added.name} ajouté(e), présent(e) ({language_name_fr(added.language)})."

        self.perform(action)

    def _clear_walk_in(self) -> None:
        if self.is_attached:
            self.query_one("#walk-name", Input).value = ""

    # -- the room's printouts --------------------------------------------------------------------

    @on(Button.Pressed, "#room-print")
    def print_guides(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self.query_one("#room-guide", Select).value

        def action() -> str:
            from kiosk.guides.room import room_tickets

            services = self.context
            guide = services.guides.get(chosen) if isinstance(chosen, str) else None
            if guide is None:
                raise StaffError("Choisissez le guide à imprimer.")
            people = services.booking.workshops.in_room(self.workshop_id)
            if not people:
                raise StaffError("Personne dans la salle : rien à imprimer.")
            tickets = room_tickets(services.guides, services.tickets, guide,
                                   [(r.language, r.name) for r in people])
            return self._print_all(tickets)

        self.perform(action)

    def _print_all(self, tickets: list[Ticket]) -> str:
        """Print each ticket (from a worker) and say what happened, in one line."""
        outcomes = [self.context.printing.submit(ticket).status for ticket in tickets]
        said = {"printed": "imprimé(s)", "queued": "en attente dans la file d'impression",
                "preview": "en aperçu (pas d'imprimante)", "failed": "impossible(s)"}
        parts = [f"{outcomes.count(status)} {word}" for status, word in said.items()
                 if outcomes.count(status)]
        languages = sorted({ticket.language for ticket in tickets})
        return f"{len(tickets)} ticket(s) du guide ({', '.join(languages)}) : {', '.join(parts)}."

    @on(Button.Pressed, "#room-sheet")
    def write_sheet(self, event: Button.Pressed) -> None:
        event.stop()
        folder = self.value("sheet-dir") or str(self.context.data_dir / "reports")

        def action() -> str:
            from kiosk.booking.sign_in import write_sheet

            path = write_sheet(self.context.booking.workshops, self.workshop_id,
                               self.context.config.school.name, Path(folder).expanduser())
            self.context.audit.record("export", f"feuille d'émargement → {path}")
            return f"Feuille d'émargement écrite : {path} (à ouvrir dans un navigateur pour " \
                   "l'imprimer)."

        self.perform(action)
