"""Staff screens for workshops (French, not translated).

* :class:`WorkshopsStaffScreen` — workshops (add one), open one.
* :class:`WorkshopStaffScreen` — registered parents and the waiting list, present / absent
  ticking, cancel a registration (the first waiting is promoted), print the attendance sheet,
  cancel the workshop.

Reads and writes run in worker threads (:class:`~screens.staff.base.StaffToolScreen`); errors
are shown in French on the screen.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from kiosk.booking.model import Registration, StaffError, Workshop
from kiosk.booking.words import parse_clock, parse_day
from kiosk.booking.workshops import TOLD_FIELDS
from kiosk.core.languages import language, staff_language_note
from kiosk.core.paths import SOURCE_LANGUAGE
from kiosk.core.school_texts import STATUS_LEGEND, Status, statuses_line
from screens.context import ScreenContext
from screens.staff.base import StaffToolScreen, field, staff_table
from screens.staff.tables import Column
from screens.staff.words import ATTENDANCE_WORDS, REGISTRATION_WORDS
from screens.widgets import literal

#: The workshops list: the title is cut first (with "…"), never the date or the figures.
WORKSHOP_COLUMNS = (
    Column("Date", cut=False, priority=2),
    Column("Atelier", priority=0),
    Column("Inscrits", cut=False, priority=2),
    Column("Attente", cut=False, priority=2),
    Column("Traductions", cut=False, priority=1),
    Column("État", priority=1),
)

#: What a workshop's screen shows: the workshop (None: not found), its registrations.
Attendees = tuple[Workshop | None, list[Registration]]


def registration_cells(registration: Registration) -> tuple[object, ...]:
    """A row of a workshop's registrations: name, phone, language (and the interpreter asked
    for), state, attendance, code."""
    r = registration
    state = REGISTRATION_WORDS.get(r.status, r.status)
    if r.position:
        state += f" n° {r.position}"
    if r.promoted and r.to_notify:
        state += " (à prévenir)"
    return (Text(r.name), Text(r.phone), staff_language_note(r.language, r.interpreter),
            state, ATTENDANCE_WORDS.get(r.attendance, ""), r.code)


def _with_language(registration: Registration) -> str:
    """The name on the printed attendance sheet, with the language and interpreter note."""
    name = registration.name or "(effacé)"
    note = staff_language_note(registration.language, registration.interpreter)
    return f"{name} ({note})" if note else name


def translated_languages(context: ScreenContext) -> list[str]:
    """The kiosk's languages a workshop is translated into (all but French)."""
    return [code for code in context.i18n.codes if code != SOURCE_LANGUAGE]


def translations_summary(workshop: Workshop, langs: list[str]) -> str:
    """``✔ 11`` when every translation is current, else ``✗ 3 ↻ 1`` (missing, to review)."""
    statuses = list(workshop.statuses(langs).values())
    missing, outdated = statuses.count(Status.MISSING), statuses.count(Status.OUTDATED)
    if not missing and not outdated:
        return f"{Status.TRANSLATED.symbol} {len(statuses)}"
    parts = [f"{Status.MISSING.symbol} {missing}" if missing else "",
             f"{Status.OUTDATED.symbol} {outdated}" if outdated else ""]
    return " ".join(p for p in parts if p)


class WorkshopsStaffScreen(StaffToolScreen[list[Workshop]]):
    """Workshops: the list, add one, open one."""

    TITLE_TEXT = "Ateliers"

    def compose_body(self) -> ComposeResult:
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield staff_table(id="workshops-table")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Ouvrir (Entrée)"), id="workshop-open")
        yield Static(literal("Nouvel atelier"), classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Titre", "w-title")
            yield from field("Date", "w-day", placeholder="JJ/MM/AAAA")
            yield from field("Heure", "w-start", placeholder="09:00")
        with Horizontal(classes="staff-row"):
            yield from field("Minutes", "w-minutes", "90")
            yield from field("Lieu", "w-place")
            yield from field("Places", "w-capacity", "10")
            yield from field("Langues de l'animateur", "w-languages", "fr",
                             placeholder="fr ar tr")
        yield from field("Description courte", "w-description")
        yield Button(literal("Ajouter l'atelier"), id="workshop-add", variant="primary")

    def read(self) -> list[Workshop]:
        return self.context.booking.workshops.all()

    def show_data(self, data: list[Workshop]) -> None:
        langs = translated_languages(self.context)
        self.fill("workshops-table", WORKSHOP_COLUMNS, (
            (w.id, (f"{w.start:%d/%m/%Y %H:%M}", Text(w.title), f"{w.registered}/{w.capacity}",
                    str(w.waiting), translations_summary(w, langs),
                    "annulé" if w.cancelled else ""))
            for w in data))

    def _open(self, workshop_id: str) -> None:
        self.show(WorkshopStaffScreen(self.context, workshop_id))

    @on(Button.Pressed, "#workshop-open")
    def open_selected(self, event: Button.Pressed) -> None:
        event.stop()
        workshop_id = self.selected("workshops-table")
        if workshop_id:
            self._open(workshop_id)

    @on(DataTable.RowSelected, "#workshops-table")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(str(event.row_key.value))

    @on(Button.Pressed, "#workshop-add")
    def add(self, event: Button.Pressed) -> None:
        event.stop()
        v = {k: self.value(f"w-{k}") for k in ("title", "day", "start", "minutes", "place",
                                                "capacity", "languages", "description")}

        def action() -> str:
            office = self.context.booking
            start = dt.datetime.combine(parse_day(v["day"]), parse_clock(v["start"]),
                                        tzinfo=office.tz)
            try:
                minutes, capacity = int(v["minutes"]), int(v["capacity"])
            except ValueError:
                raise StaffError("Minutes et places : des nombres entiers.") from None
            workshop = office.workshops.add_workshop(
                v["title"], start, minutes, v["place"], capacity, description=v["description"],
                languages=v["languages"].replace(",", " ").split())
            return f"Atelier ajouté : {workshop.title}."

        self.perform(action)


class WorkshopStaffScreen(StaffToolScreen[Attendees]):
    """One workshop: registrations, waiting list, attendance, printing, moving, cancelling;
    F2 opens the workshop mode (:class:`~screens.staff.workshop_room.WorkshopRoomScreen`)."""

    TITLE_TEXT = "Atelier"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "room", "Animer l'atelier", show=False),
    ]

    def __init__(self, context: ScreenContext, workshop_id: str) -> None:
        super().__init__(context)
        self.workshop_id = workshop_id
        self._regs: dict[str, Registration] = {}
        self._workshop: Workshop | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(literal(""), id="workshop-head", classes="staff-label")
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield staff_table(id="registrations-table")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Animer l'atelier (F2)"), id="workshop-room",
                         variant="primary")
            yield Button(literal("Présent"), id="mark-present", variant="success")
            yield Button(literal("Absent"), id="mark-absent")
            yield Button(literal("Annuler l'inscription"), id="registration-cancel")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Imprimer la feuille de présence"), id="attendance-print")
            yield Button(literal("Annuler l'atelier"), id="workshop-cancel", variant="error")
        yield Static(literal("Déplacer l'atelier (les inscrits seront à prévenir)"),
                     classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Nouvelle date", "m-day", placeholder="JJ/MM/AAAA")
            yield from field("Heure", "m-start", placeholder="14:00")
            yield from field("Minutes", "m-minutes", placeholder="inchangé")
            yield Button(literal("Déplacer"), id="workshop-move")
        yield from self.compose_texts()

    def compose_texts(self) -> ComposeResult:
        """The French texts (to change) and one translation at a time (to write)."""
        yield Static(literal(""), id="workshop-translations", classes="staff-help")
        yield Static(literal("En français"), classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Titre", "f-title")
            yield from field("Lieu", "f-place")
        yield from field("Description courte", "f-description")
        yield Button(literal("Enregistrer le français"), id="workshop-edit")
        yield Static(literal("Traduction (choisissez la langue : ar, zh, uk…)"),
                     classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Langue", "t-lang", placeholder="ar")
            yield from field("Titre traduit", "t-title")
            yield from field("Lieu traduit", "t-place")
        yield from field("Description traduite", "t-description")
        yield Button(literal("Enregistrer la traduction"), id="translation-save")

    def read(self) -> Attendees:
        workshops = self.context.booking.workshops
        return workshops.workshop(self.workshop_id), workshops.registrations(self.workshop_id)

    def show_data(self, data: Attendees) -> None:
        workshop, registrations = data
        if workshop is None:
            self.status("Atelier introuvable.")
            return
        head = (f"{workshop.title} — {workshop.start:%d/%m/%Y %H:%M}, {workshop.place} — "
                f"{workshop.registered}/{workshop.capacity} inscrits, {workshop.waiting} en "
                "attente" + (" — ANNULÉ" if workshop.cancelled else ""))
        self.query_one("#workshop-head", Static).update(literal(head))
        langs = translated_languages(self.context)
        self.query_one("#workshop-translations", Static).update(literal(
            f"Traductions : {statuses_line(workshop, langs)}\n{STATUS_LEGEND}"))
        if self._workshop is None:  # the first read: what staff may change
            for name, value in workshop.french.items():
                self.query_one(f"#f-{name}", Input).value = value
        self._workshop = workshop
        self._regs = {r.id: r for r in registrations}
        self.fill("registrations-table", ("Nom", "Téléphone", "Langue", "État", "Présence",
                                                  "Code"),
                  ((r.id, registration_cells(r)) for r in registrations))

    def _mark(self, attendance: str) -> None:
        registration_id = self.selected("registrations-table")
        if registration_id is None:
            return

        def action() -> str:
            self.context.booking.workshops.set_attendance(registration_id, attendance)
            return "Présence notée."

        self.perform(action)

    @on(Button.Pressed, "#mark-present")
    def present(self, event: Button.Pressed) -> None:
        event.stop()
        self._mark("present")

    @on(Button.Pressed, "#mark-absent")
    def absent(self, event: Button.Pressed) -> None:
        event.stop()
        self._mark("absent")

    def action_room(self) -> None:
        """F2: the workshop mode, for the staff member running it."""
        from screens.staff.workshop_room import WorkshopRoomScreen

        self.show(WorkshopRoomScreen(self.context, self.workshop_id))

    @on(Button.Pressed, "#workshop-room")
    def open_room(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_room()

    @on(Button.Pressed, "#workshop-move")
    def move(self, event: Button.Pressed) -> None:
        event.stop()
        day, start, minutes = self.value("m-day"), self.value("m-start"), self.value("m-minutes")

        def action() -> str:
            when = dt.datetime.combine(parse_day(day), parse_clock(start),
                                       tzinfo=self.context.booking.tz)
            try:
                length = int(minutes) if minutes else None
            except ValueError:
                raise StaffError("Minutes : un nombre entier (ou vide : inchangé).") from None
            moved, count = self.context.booking.workshops.move_workshop(
                self.workshop_id, when, length)
            return (f"Atelier déplacé au {moved.start:%d/%m/%Y à %H:%M} ; {count} inscrit(s) à "
                    "prévenir (tableau de bord).")

        self.perform(action)

    @on(Button.Pressed, "#registration-cancel")
    def cancel_registration(self, event: Button.Pressed) -> None:
        event.stop()
        registration_id = self.selected("registrations-table")
        registration = self._regs.get(registration_id or "")
        if registration is None:
            return

        def action() -> str:
            services = self.context
            _, promoted = services.booking.workshops.cancel_registration(registration.code)
            services.audit.record("registration.cancel", f"{registration.code} (accueil)")
            if promoted:
                return f"Inscription annulée. {promoted.name} passe de l'attente à inscrit : " \
                       "à prévenir."
            return "Inscription annulée."

        self.perform(action)

    @on(Button.Pressed, "#attendance-print")
    def print_attendance(self, event: Button.Pressed) -> None:
        event.stop()

        def action() -> str:
            from kiosk.tickets import attendance_ticket

            services = self.context
            workshop = services.booking.workshops.workshop(self.workshop_id)
            if workshop is None:
                return "Atelier introuvable."
            rows = [(_with_language(r), ATTENDANCE_WORDS.get(r.attendance, "") if r.attendance
                     else REGISTRATION_WORDS.get(r.status, r.status))
                    for r in services.booking.workshops.registrations(self.workshop_id)
                    if r.status == "registered"]
            return self.print_ticket(attendance_ticket(services.tickets,
                                                       title=workshop.title,
                                                       start=workshop.start, rows=rows))

        self.perform(action)

    @on(Button.Pressed, "#workshop-cancel")
    def cancel_workshop(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button
        if "-armed" not in button.classes:
            button.add_class("-armed")
            button.label = literal("Confirmer l'annulation de l'atelier")
            return

        def action() -> str:
            count = self.context.booking.workshops.cancel_workshop(self.workshop_id)
            return f"Atelier annulé ; {count} inscrit(s) à prévenir (tableau de bord)."

        self.perform(action)

    @on(Input.Changed, "#t-lang")
    def language_chosen(self, event: Input.Changed) -> None:
        """Show the translation stored for the language typed (empty fields: none yet)."""
        event.stop()
        lang = event.value.strip().lower()
        workshop = self._workshop
        if workshop is None or lang not in translated_languages(self.context):
            return
        found = workshop.translations.get(lang)
        for name in workshop.TRANSLATED_FIELDS:
            self.query_one(f"#t-{name}", Input).value = getattr(found, name) if found else ""
        self.status(f"{language(lang).native_name} ({lang}) : {workshop.status(lang).label}.")

    @on(Button.Pressed, "#translation-save")
    def save_translation(self, event: Button.Pressed) -> None:
        event.stop()
        lang = self.value("t-lang").lower()
        values = {name: self.value(f"t-{name}") for name in ("title", "description", "place")}

        def action() -> str:
            if lang not in translated_languages(self.context):
                raise StaffError(f"Langue « {lang} » : choisissez l'une de "
                                 f"{', '.join(translated_languages(self.context))}.")
            saved = self.context.booking.workshops.translate(self.workshop_id, lang, **values)
            self.context.audit.record("workshop.translate", f"{self.workshop_id} en {lang}")
            return f"Traduction en « {lang} » enregistrée : {saved.status(lang).label}."

        self.perform(action)

    @on(Button.Pressed, "#workshop-edit")
    def save_french(self, event: Button.Pressed) -> None:
        event.stop()
        values = {name: self.value(f"f-{name}") for name in ("title", "description", "place")}

        before = self._workshop.french if self._workshop else {}
        changed = {name: value for name, value in values.items() if value != before.get(name)}

        def action() -> str:
            if not changed:
                return "Le français n'a pas changé."
            self.context.booking.workshops.edit_workshop(self.workshop_id, **changed)
            self._workshop = None  # show the French as saved
            told = " Les inscrits sont à prévenir (tableau de bord)." \
                if set(TOLD_FIELDS) & changed.keys() else ""
            return f"Français enregistré ; les traductions faites avant sont « à revoir ».{told}"

        self.perform(action)
