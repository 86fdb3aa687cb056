"""Staff screens for appointments and workshops (French, not translated).

* :class:`AppointmentsStaffScreen` — people who receive parents (add one), the appointments of
  a day for everyone, printable per person.
* :class:`PersonSlotsScreen` — one person's slots: add one, add a weekly pattern (with days
  off), cancel the selected slot (its booking is kept, "to notify" on the dashboard).
* :class:`WorkshopsStaffScreen` — workshops (add one), open one.
* :class:`WorkshopStaffScreen` — registered parents and the waiting list, present / absent
  ticking, cancel a registration (the first waiting is promoted), print the attendance sheet,
  cancel the workshop.

Every write runs in a worker thread; errors are shown in French on the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from kiosk.booking.model import MODE_STAFF, BookingRefused, StaffError
from kiosk.booking.patterns import parse_pattern
from kiosk.booking.words import parse_clock, parse_day, parse_mode
from kiosk.core.store import StorageError
from screens.staff.base import StaffScreen
from screens.widgets import TextField, kiosk_app, literal

ROLE_STAFF = {"teacher": "enseignant", "head": "direction", "nurse": "infirmier",
              "psychologist": "psychologue", "social": "social", "other": "autre"}
ATTENDANCE = {"present": "présent", "absent": "absent", "": "—"}
STATUS = {"registered": "inscrit", "waiting": "attente", "cancelled": "annulé",
          "workshop_cancelled": "atelier annulé"}


def field(label: str, id: str, value: str = "", placeholder: str = "") -> ComposeResult:
    with Vertical(classes="staff-field"):
        yield Static(literal(label), classes="staff-label")
        yield TextField(value, id=id, placeholder=placeholder)


class _Base(StaffScreen):
    """Shared helpers: run an action in a worker, show its outcome."""

    def value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value.strip()

    def status(self, text: str) -> None:
        self.query_one("#staff-status", Static).update(literal(text))

    def run_action(self, action: Callable[[], str]) -> None:
        self._action(action)

    @work(thread=True, exclusive=True, group="staff-booking")
    def _action(self, action: Callable[[], str]) -> None:
        try:
            text = action()
        except (StaffError, BookingRefused) as exc:
            text = f"⚠ {exc}"
        except StorageError as exc:
            text = f"⚠ Enregistrement impossible : {exc}"
        self.app.call_from_thread(self._after, text)

    def _after(self, text: str) -> None:
        self.status(text)
        self.reload()

    def reload(self) -> None:
        """Show the data again (override)."""

    def on_screen_resume(self) -> None:
        self.reload()

    def print_ticket(self, ticket: Any) -> str:
        outcome = kiosk_app(self).services.printing.submit(ticket)
        return {"printed": "Imprimé.", "queued": "Imprimante absente : ticket mis en attente.",
                "preview": "Aperçu seulement (pas d'imprimante configurée)."}.get(
            outcome.status, "Impression impossible.")


class AppointmentsStaffScreen(_Base):
    """People who receive parents, and the appointments of one day."""

    TITLE_TEXT = "Rendez-vous"

    def compose_body(self) -> ComposeResult:
        services = kiosk_app(self).services
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield Static(literal("Personnes qui reçoivent les parents (Entrée : ses créneaux)"),
                     classes="staff-label")
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="staff-row"):
            yield from field("Nom", "person-name", placeholder="Mme Martin")
            yield from field("Rôle", "person-role", "enseignant",
                             placeholder="enseignant, directeur, infirmier…")
            yield from field("Classes", "person-classes", placeholder="CE1, CE2")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Ajouter la personne"), id="person-add", variant="primary")
            yield Button(literal("Ses créneaux"), id="person-open")
        yield Static(literal("Rendez-vous du jour"), classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Jour (JJ/MM/AAAA)", "day", f"{services.today():%d/%m/%Y}")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Afficher"), id="day-show")
            yield Button(literal("Imprimer (une liste par personne)"), id="day-print")
        yield DataTable(id="day-table", cursor_type="row", zebra_stripes=True)

    def reload(self) -> None:
        office = kiosk_app(self).services.booking
        table: DataTable[Any] = self.query_one("#people-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Nom", "Rôle", "Classes", "Créneaux libres")
        for person, free in office.slots.people_with_free_slots():
            table.add_row(Text(person.name), ROLE_STAFF.get(person.role, person.role),
                          Text(", ".join(person.classes)), str(free), key=person.id)
        self.show_day()

    def _day(self) -> dt.date:
        return parse_day(self.value("day"))

    def show_day(self) -> None:
        table: DataTable[Any] = self.query_one("#day-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Heure", "Personne", "Enfant", "Classe", "Téléphone", "Lieu / mode",
                          "Code")
        try:
            day = self._day()
        except StaffError as exc:
            self.status(f"⚠ {exc}")
            return
        rows = kiosk_app(self).services.booking.appointments.appointments_on(day)
        for item in rows:
            booking = item.booking
            where = item.slot.place or MODE_STAFF.get(item.slot.mode, item.slot.mode)
            if item.slot.cancelled:
                where = "ANNULÉ — " + where
            table.add_row(
                f"{item.slot.start:%H:%M}", Text(item.person.name),
                Text(booking.child if booking else "(libre)"),
                Text(booking.child_class if booking else ""),
                Text(booking.phone if booking else ""), Text(where),
                booking.code if booking else "", key=item.slot.id,
            )

    @on(Button.Pressed, "#day-show")
    def day_show(self, event: Button.Pressed) -> None:
        event.stop()
        self.show_day()

    @on(Button.Pressed, "#day-print")
    def day_print(self, event: Button.Pressed) -> None:
        event.stop()
        try:
            day = self._day()
        except StaffError as exc:
            self.status(f"⚠ {exc}")
            return

        def action() -> str:
            from kiosk.tickets import appointments_list_ticket

            services = kiosk_app(self).services
            by_person = services.booking.appointments.booked_by_person(day)
            if not by_person:
                return "Aucun rendez-vous ce jour-là."
            outcomes = []
            for name, items in by_person.items():
                rows = [
                    (i.slot.start.time(), f"{i.booking.child} ({i.booking.child_class})",
                     i.slot.place or MODE_STAFF.get(i.slot.mode, i.slot.mode))
                    for i in items if i.booking
                ]
                ticket = appointments_list_ticket(services, person=name, day=day, rows=rows)
                outcomes.append(self.print_ticket(ticket))
            services.audit.record("print", f"Rendez-vous du {day:%d/%m/%Y} imprimés")
            return f"{len(outcomes)} liste(s) : {outcomes[-1]}"

        self.run_action(action)

    @on(Button.Pressed, "#person-add")
    def add_person(self, event: Button.Pressed) -> None:
        event.stop()
        name, role = self.value("person-name"), self.value("person-role") or "enseignant"
        classes = [c.strip() for c in self.value("person-classes").split(",") if c.strip()]

        def action() -> str:
            person = kiosk_app(self).services.booking.people.add_person(name, role, classes)
            self.app.call_from_thread(self._clear_person)
            return f"{person.name} ajouté(e)."

        self.run_action(action)

    def _clear_person(self) -> None:
        self.query_one("#person-name", Input).value = ""
        self.query_one("#person-classes", Input).value = ""

    def _selected_person(self) -> str | None:
        table: DataTable[Any] = self.query_one("#people-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key else None

    @on(Button.Pressed, "#person-open")
    def open_person(self, event: Button.Pressed) -> None:
        event.stop()
        person_id = self._selected_person()
        if person_id:
            self.app.push_screen(PersonSlotsScreen(person_id))

    @on(DataTable.RowSelected, "#people-table")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.app.push_screen(PersonSlotsScreen(str(event.row_key.value)))


class PersonSlotsScreen(_Base):
    """One person's slots: add, weekly pattern, cancel."""

    TITLE_TEXT = "Créneaux"

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id

    def compose_body(self) -> ComposeResult:
        person = kiosk_app(self).services.booking.people.person(self.person_id)
        yield Static(literal(person.name if person else "?"), classes="staff-label")
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield DataTable(id="slots-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Annuler le créneau sélectionné"), id="slot-cancel",
                         variant="error")
        yield Static(literal("Un créneau"), classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Date", "one-day", placeholder="JJ/MM/AAAA")
            yield from field("Heure", "one-start", placeholder="16:30")
            yield from field("Minutes", "one-minutes", "15")
        with Horizontal(classes="staff-row"):
            yield from field("Lieu", "one-place", placeholder="Salle 3")
            yield from field("Mode", "one-mode", "école", placeholder="école, téléphone, visio")
            yield from field("Lien (visio)", "one-link", placeholder="https://…")
        yield Button(literal("Ajouter ce créneau"), id="slot-add", variant="primary")
        yield Static(literal("Modèle de la semaine (ex. : mardi 16:30–18:00, 15 minutes)"),
                     classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Jour", "pat-weekday", placeholder="mardi")
            yield from field("De", "pat-start", placeholder="16:30")
            yield from field("À", "pat-end", placeholder="18:00")
            yield from field("Minutes", "pat-minutes", "15")
        with Horizontal(classes="staff-row"):
            yield from field("Du", "pat-first", placeholder="JJ/MM/AAAA")
            yield from field("Au", "pat-last", placeholder="JJ/MM/AAAA")
            yield from field("Sauf (dates, virgules)", "pat-except", placeholder="09/12/2026")
        with Horizontal(classes="staff-row"):
            yield from field("Lieu", "pat-place", placeholder="Salle 3")
            yield from field("Mode", "pat-mode", "école")
            yield from field("Lien (visio)", "pat-link")
        yield Button(literal("Ajouter les créneaux du modèle"), id="pattern-add",
                     variant="primary")

    def reload(self) -> None:
        office = kiosk_app(self).services.booking
        table: DataTable[Any] = self.query_one("#slots-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Jour", "Heure", "Min.", "Lieu / mode", "Réservé par")
        for item in office.appointments.schedule_of(self.person_id):
            slot, booking = item.slot, item.booking
            table.add_row(
                f"{slot.start:%a %d/%m/%Y}", f"{slot.start:%H:%M}", str(slot.minutes),
                Text(slot.place or MODE_STAFF.get(slot.mode, slot.mode)),
                Text(f"{booking.child} ({booking.child_class}) {booking.code}" if booking
                     else ""),
                key=slot.id,
            )

    @on(Button.Pressed, "#slot-cancel")
    def cancel_slot(self, event: Button.Pressed) -> None:
        event.stop()
        table: DataTable[Any] = self.query_one("#slots-table", DataTable)
        if table.row_count == 0:
            return
        slot_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

        def action() -> str:
            affected = kiosk_app(self).services.booking.slots.cancel_slot(slot_id)
            if affected:
                return (f"Créneau annulé. La famille de {affected.child} est à prévenir "
                        "(tableau de bord).")
            return "Créneau annulé."

        self.run_action(action)

    @on(Button.Pressed, "#slot-add")
    def add_slot(self, event: Button.Pressed) -> None:
        event.stop()
        values = {k: self.value(f"one-{k}") for k in
                  ("day", "start", "minutes", "place", "mode", "link")}

        def action() -> str:
            office = kiosk_app(self).services.booking
            start = dt.datetime.combine(parse_day(values["day"]), parse_clock(values["start"]),
                                        tzinfo=office.tz)
            try:
                minutes = int(values["minutes"])
            except ValueError:
                raise StaffError("Minutes : un nombre entier.") from None
            slot = office.slots.add_slot(self.person_id, start, minutes, place=values["place"],
                                         mode=parse_mode(values["mode"]), link=values["link"])
            return f"Créneau ajouté : {slot.start:%d/%m/%Y %H:%M}."

        self.run_action(action)

    @on(Button.Pressed, "#pattern-add")
    def add_pattern(self, event: Button.Pressed) -> None:
        event.stop()
        values = {k: self.value(f"pat-{k}") for k in
                  ("weekday", "start", "end", "minutes", "first", "last", "except", "place",
                   "mode", "link")}

        def action() -> str:
            pattern = parse_pattern(
                self.person_id, weekday=values["weekday"], start=values["start"],
                end=values["end"], minutes=values["minutes"], first=values["first"],
                last=values["last"], exceptions=[values["except"]], place=values["place"],
                mode=values["mode"], link=values["link"],
            )
            slots = kiosk_app(self).services.booking.slots.add_pattern(pattern)
            return f"{len(slots)} créneau(x) ajouté(s)."

        self.run_action(action)


class WorkshopsStaffScreen(_Base):
    """Workshops: the list, add one, open one."""

    TITLE_TEXT = "Ateliers"

    def compose_body(self) -> ComposeResult:
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield DataTable(id="workshops-table", cursor_type="row", zebra_stripes=True)
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

    def reload(self) -> None:
        table: DataTable[Any] = self.query_one("#workshops-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Date", "Atelier", "Inscrits", "Attente", "État")
        for w in kiosk_app(self).services.booking.workshops.all():
            table.add_row(f"{w.start:%d/%m/%Y %H:%M}", Text(w.title),
                          f"{w.registered}/{w.capacity}", str(w.waiting),
                          "annulé" if w.cancelled else "", key=w.id)

    def _open(self, workshop_id: str) -> None:
        self.app.push_screen(WorkshopStaffScreen(workshop_id))

    @on(Button.Pressed, "#workshop-open")
    def open_selected(self, event: Button.Pressed) -> None:
        event.stop()
        table: DataTable[Any] = self.query_one("#workshops-table", DataTable)
        if table.row_count:
            self._open(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

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
            office = kiosk_app(self).services.booking
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

        self.run_action(action)


class WorkshopStaffScreen(_Base):
    """One workshop: registrations, waiting list, attendance, printing, cancelling."""

    TITLE_TEXT = "Atelier"

    def __init__(self, workshop_id: str) -> None:
        super().__init__()
        self.workshop_id = workshop_id

    def compose_body(self) -> ComposeResult:
        yield Static(literal(""), id="workshop-head", classes="staff-label")
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield DataTable(id="registrations-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Présent"), id="mark-present", variant="success")
            yield Button(literal("Absent"), id="mark-absent")
            yield Button(literal("Annuler l'inscription"), id="registration-cancel")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Imprimer la feuille de présence"), id="attendance-print")
            yield Button(literal("Annuler l'atelier"), id="workshop-cancel", variant="error")

    def reload(self) -> None:
        office = kiosk_app(self).services.booking
        workshop = office.workshops.workshop(self.workshop_id)
        if workshop is None:
            self.status("Atelier introuvable.")
            return
        head = (f"{workshop.title} — {workshop.start:%d/%m/%Y %H:%M}, {workshop.place} — "
                f"{workshop.registered}/{workshop.capacity} inscrits, {workshop.waiting} en "
                "attente" + (" — ANNULÉ" if workshop.cancelled else ""))
        self.query_one("#workshop-head", Static).update(literal(head))
        table: DataTable[Any] = self.query_one("#registrations-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Nom", "Téléphone", "État", "Présence", "Code")
        self._regs = {r.id: r for r in office.workshops.registrations(self.workshop_id)}
        for r in self._regs.values():
            state = STATUS.get(r.status, r.status)
            if r.position:
                state += f" n° {r.position}"
            if r.promoted and r.to_notify:
                state += " (à prévenir)"
            table.add_row(Text(r.name), Text(r.phone), state, ATTENDANCE.get(r.attendance, ""),
                          r.code, key=r.id)

    def _selected(self) -> str | None:
        table: DataTable[Any] = self.query_one("#registrations-table", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _mark(self, attendance: str) -> None:
        registration_id = self._selected()
        if registration_id is None:
            return

        def action() -> str:
            kiosk_app(self).services.booking.workshops.set_attendance(registration_id, attendance)
            return "Présence notée."

        self.run_action(action)

    @on(Button.Pressed, "#mark-present")
    def present(self, event: Button.Pressed) -> None:
        event.stop()
        self._mark("present")

    @on(Button.Pressed, "#mark-absent")
    def absent(self, event: Button.Pressed) -> None:
        event.stop()
        self._mark("absent")

    @on(Button.Pressed, "#registration-cancel")
    def cancel_registration(self, event: Button.Pressed) -> None:
        event.stop()
        registration_id = self._selected()
        registration = getattr(self, "_regs", {}).get(registration_id)
        if registration is None:
            return

        def action() -> str:
            services = kiosk_app(self).services
            _, promoted = services.booking.workshops.cancel_registration(registration.code)
            services.audit.record("registration.cancel", f"{registration.code} (accueil)")
            if promoted:
                return f"Inscription annulée. {promoted.name} passe de l'attente à inscrit : " \
                       "à prévenir."
            return "Inscription annulée."

        self.run_action(action)

    @on(Button.Pressed, "#attendance-print")
    def print_attendance(self, event: Button.Pressed) -> None:
        event.stop()

        def action() -> str:
            from kiosk.tickets import attendance_ticket

            services = kiosk_app(self).services
            workshop = services.booking.workshops.workshop(self.workshop_id)
            if workshop is None:
                return "Atelier introuvable."
            rows = [(r.name or "(effacé)", ATTENDANCE.get(r.attendance, "") if r.attendance
                     else STATUS.get(r.status, r.status))
                    for r in services.booking.workshops.registrations(self.workshop_id)
                    if r.status == "registered"]
            return self.print_ticket(attendance_ticket(services, title=workshop.title,
                                                       start=workshop.start, rows=rows))

        self.run_action(action)

    @on(Button.Pressed, "#workshop-cancel")
    def cancel_workshop(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button
        if "-armed" not in button.classes:
            button.add_class("-armed")
            button.label = literal("Confirmer l'annulation de l'atelier")
            return

        def action() -> str:
            count = kiosk_app(self).services.booking.workshops.cancel_workshop(self.workshop_id)
            return f"Atelier annulé ; {count} inscrit(s) à prévenir (tableau de bord)."

        self.run_action(action)
