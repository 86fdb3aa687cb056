"""Staff screens for appointments (French, not translated).

* :class:`AppointmentsStaffScreen` — people who receive parents (add one), the appointments of
  a day for everyone, printable per person.
* :class:`PersonSlotsScreen` — one person's slots: add one, add a weekly pattern (with days
  off), cancel the selected slot (its booking is kept, "to notify" on the dashboard).

The workshops' staff screens are in :mod:`screens.staff.workshops`. Reads and writes run in
worker threads (:class:`~screens.staff.base.StaffToolScreen`); errors are shown in French.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from kiosk.booking.model import MODE_STAFF, Appointment, Person, StaffError
from kiosk.booking.patterns import parse_pattern
from kiosk.booking.words import parse_clock, parse_day, parse_mode
from kiosk.core.languages import language_name_fr, staff_language_note
from screens.context import ScreenContext
from screens.staff.base import StaffToolScreen, field, staff_table
from screens.staff.words import ROLE_WORDS
from screens.widgets import literal

#: What the appointments screen shows: the people with their free slots, the day's meetings.
PeopleAndDay = tuple[list[tuple[Person, int]], list[Appointment]]
#: What a person's screen shows: the person, their slots with their bookings.
Schedule = tuple[Person | None, list[Appointment]]


def appointment_cells(item: Appointment) -> tuple[object, ...]:
    """A row of the day's appointments: time, person, child, class, phone, the parent's
    language (in French), the interpreter asked for, where, code."""
    booking = item.booking
    where = item.slot.place or MODE_STAFF.get(item.slot.mode, item.slot.mode)
    if item.slot.cancelled:
        where = "ANNULÉ — " + where
    return (f"{item.slot.start:%H:%M}", Text(item.person.name),
            Text(booking.child if booking else "(libre)"),
            Text(booking.child_class if booking else ""),
            Text(booking.phone if booking else ""),
            language_name_fr(booking.language) if booking else "",
            "oui" if booking and booking.interpreter else "", Text(where),
            booking.code if booking else "")


def slot_cells(item: Appointment) -> tuple[object, ...]:
    """A row of one person's slots: day, time, minutes, where, who booked it."""
    slot, booking = item.slot, item.booking
    return (f"{slot.start:%a %d/%m/%Y}", f"{slot.start:%H:%M}", str(slot.minutes),
            Text(slot.place or MODE_STAFF.get(slot.mode, slot.mode)),
            Text(f"{booking.child} ({booking.child_class}) {booking.code}" if booking else ""))


class AppointmentsStaffScreen(StaffToolScreen[PeopleAndDay]):
    """People who receive parents, and the appointments of one day."""

    TITLE_TEXT = "Rendez-vous"
    #: The day whose appointments are shown (None: the day typed cannot be read).
    _shown_day: dt.date | None = None

    def compose_body(self) -> ComposeResult:
        services = self.context
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield Static(literal("Personnes qui reçoivent les parents (Entrée : ses créneaux)"),
                     classes="staff-label")
        yield staff_table(id="people-table")
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
        yield staff_table(id="day-table")

    def reload(self) -> None:
        try:
            self._shown_day = self._day()
        except StaffError as exc:
            self._shown_day = None
            self.status(f"⚠ {exc}")
        super().reload()

    def read(self) -> PeopleAndDay:
        office, day = self.context.booking, self._shown_day
        return (office.slots.people_with_free_slots(),
                office.appointments.appointments_on(day) if day else [])

    def show_data(self, data: PeopleAndDay) -> None:
        people, appointments = data
        self.fill("people-table", ("Nom", "Rôle", "Classes", "Créneaux libres"), (
            (person.id, (Text(person.name), ROLE_WORDS.get(person.role, person.role),
                         Text(", ".join(person.classes)), str(free)))
            for person, free in people))
        self.fill("day-table", ("Heure", "Personne", "Enfant", "Classe", "Téléphone",
                                "Langue", "Interprète", "Lieu / mode", "Code"),
                  ((item.slot.id, appointment_cells(item)) for item in appointments))

    def _day(self) -> dt.date:
        return parse_day(self.value("day"))

    @on(Button.Pressed, "#day-show")
    def day_show(self, event: Button.Pressed) -> None:
        event.stop()
        self.reload()

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

            services = self.context
            by_person = services.booking.appointments.booked_by_person(day)
            if not by_person:
                return "Aucun rendez-vous ce jour-là."
            outcomes = []
            for name, items in by_person.items():
                rows = [
                    (i.slot.start.time(), f"{i.booking.child} ({i.booking.child_class})",
                     " — ".join(filter(None, (
                         i.slot.place or MODE_STAFF.get(i.slot.mode, i.slot.mode),
                         staff_language_note(i.booking.language, i.booking.interpreter)))))
                    for i in items if i.booking
                ]
                ticket = appointments_list_ticket(services.tickets, person=name, day=day,
                                                  rows=rows)
                outcomes.append(self.print_ticket(ticket))
            services.audit.record("print", f"Rendez-vous du {day:%d/%m/%Y} imprimés")
            return f"{len(outcomes)} liste(s) : {outcomes[-1]}"

        self.perform(action)

    @on(Button.Pressed, "#person-add")
    def add_person(self, event: Button.Pressed) -> None:
        event.stop()
        name, role = self.value("person-name"), self.value("person-role") or "enseignant"
        classes = [c.strip() for c in self.value("person-classes").split(",") if c.strip()]

        def action() -> str:
            person = self.context.booking.people.add_person(name, role, classes)
            self.app.call_from_thread(self._clear_person)
            return f"{person.name} ajouté(e)."

        self.perform(action)

    def _clear_person(self) -> None:
        self.query_one("#person-name", Input).value = ""
        self.query_one("#person-classes", Input).value = ""

    @on(Button.Pressed, "#person-open")
    def open_person(self, event: Button.Pressed) -> None:
        event.stop()
        person_id = self.selected("people-table")
        if person_id:
            self.show(PersonSlotsScreen(self.context, person_id))

    @on(DataTable.RowSelected, "#people-table")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.show(PersonSlotsScreen(self.context, str(event.row_key.value)))


class PersonSlotsScreen(StaffToolScreen[Schedule]):
    """One person's slots: add, weekly pattern, cancel."""

    TITLE_TEXT = "Créneaux"

    def __init__(self, context: ScreenContext, person_id: str) -> None:
        super().__init__(context)
        self.person_id = person_id

    def compose_body(self) -> ComposeResult:
        yield Static(literal("…"), id="person-name", classes="staff-label")  # see show_data()
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield staff_table(id="slots-table")
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

    def read(self) -> Schedule:
        office = self.context.booking
        return (office.people.person(self.person_id),
                office.appointments.schedule_of(self.person_id))

    def show_data(self, data: Schedule) -> None:
        person, schedule = data
        self.query_one("#person-name", Static).update(literal(person.name if person else "?"))
        self.fill("slots-table", ("Jour", "Heure", "Min.", "Lieu / mode", "Réservé par"),
                  ((item.slot.id, slot_cells(item)) for item in schedule))

    @on(Button.Pressed, "#slot-cancel")
    def cancel_slot(self, event: Button.Pressed) -> None:
        event.stop()
        slot_id = self.selected("slots-table")
        if slot_id is None:
            return

        def action() -> str:
            affected = self.context.booking.slots.cancel_slot(slot_id)
            if affected:
                return (f"Créneau annulé. La famille de {affected.child} est à prévenir "
                        "(tableau de bord).")
            return "Créneau annulé."

        self.perform(action)

    @on(Button.Pressed, "#slot-add")
    def add_slot(self, event: Button.Pressed) -> None:
        event.stop()
        values = {k: self.value(f"one-{k}") for k in
                  ("day", "start", "minutes", "place", "mode", "link")}

        def action() -> str:
            office = self.context.booking
            start = dt.datetime.combine(parse_day(values["day"]), parse_clock(values["start"]),
                                        tzinfo=office.tz)
            try:
                minutes = int(values["minutes"])
            except ValueError:
                raise StaffError("Minutes : un nombre entier.") from None
            slot = office.slots.add_slot(self.person_id, start, minutes, place=values["place"],
                                         mode=parse_mode(values["mode"]), link=values["link"])
            return f"Créneau ajouté : {slot.start:%d/%m/%Y %H:%M}."

        self.perform(action)

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
            slots = self.context.booking.slots.add_pattern(pattern)
            return f"{len(slots)} créneau(x) ajouté(s)."

        self.perform(action)
