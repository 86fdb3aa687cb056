"""Meet a teacher or another member of staff: choose the person, the day, the time, give the
child's first name and class, confirm; leave with a code and a ticket. Moving a booking found
by its code (:mod:`screens.booking_code`) goes through the same day and time steps.

What the parent has chosen so far lives in the session's ``booking`` draft (never on disk
until they confirm), so changing language or going back loses nothing. Every write runs in a
worker thread; a refusal (slot just taken, limit reached, unknown code) says why and what to
do next, in the parent's language.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button, Input

from kiosk.booking.model import Booking, BookingRefused, Person, Slot
from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from screens.base import KioskModal, KioskScreen
from screens.booking_parts import (
    CHOICE_KEYS,
    FlowScreen,
    FormScreen,
    Refused,
    attempt,
    fresh_draft,
    person_label,
    when_text,
    where_text,
)
from screens.context import ScreenContext
from screens.direction import ChoiceGrid, Row
from screens.interpreter import INTERPRETER_ASKED, ask_interpreter
from screens.widgets import BigButton, Notice, Paragraph

if TYPE_CHECKING:
    from kiosk.tickets import Ticket

FLOW = "booking"


def draft(screen: KioskScreen | KioskModal) -> dict[str, Any]:
    """The parent's booking in progress (session only)."""
    result: dict[str, Any] = screen.context.session.draft(FLOW)
    return result


class ChoosePersonScreen(FlowScreen[list[tuple[Person, int]]]):
    """Who would you like to meet? (and "I have a code")."""

    TITLE_TEXT = N_("Avec qui voulez-vous un rendez-vous ?")
    SCREEN_NAME = "booking.person"
    READ_ON_RESUME = True  # free times may have changed meanwhile

    def read(self) -> list[tuple[Person, int]]:
        return self.context.booking.slots.people_with_free_slots()

    def compose_data(self, data: list[tuple[Person, int]]) -> ComposeResult:
        found = data
        for index, (person, free) in enumerate(found[: len(CHOICE_KEYS)]):
            hint = (
                self.tr.ngettext("{n} horaire libre", "{n} horaires libres", free).format(
                    n=self.tr.number(free))
                if free else self.tr("Pas d'horaire libre pour le moment")
            )
            yield BigButton(person_label(self, person), key=CHOICE_KEYS[index], hint=hint,
                            id=f"person-{person.id}", classes="booking-person",
                            disabled=not free)
        if not found:
            yield Paragraph(self.tr("Aucun rendez-vous n'est proposé pour le moment. "
                                    "Demandez à l'accueil de l'école."))

    def actions_for(self, data: list[tuple[Person, int]]) -> ComposeResult:
        yield self.have_code_button(id="have-code", classes="booking-code-button")

    @on(Button.Pressed, ".booking-person")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        fresh_draft(self, FLOW, person_id=(event.button.id or "").removeprefix("person-"))
        self.show(ChooseDayScreen(self.context))


class ChooseDayScreen(FlowScreen[tuple[Person | None, list[tuple[dt.date, int]]]]):
    """Which day? (days with free times only)."""

    TITLE_TEXT = N_("Quel jour ?")
    SCREEN_NAME = "booking.day"
    READ_ON_RESUME = True  # free days may have changed meanwhile

    def read(self) -> tuple[Person | None, list[tuple[dt.date, int]]]:
        office = self.context.booking
        person = office.people.person(draft(self).get("person_id", ""))
        return person, office.slots.free_days(person.id) if person else []

    def compose_data(self, data: tuple[Person | None, list[tuple[dt.date, int]]]
                     ) -> ComposeResult:
        person, days = data
        if person is None:
            yield Notice(self.tr(BookingRefused("cancelled").message), classes="error")
            return
        yield Paragraph(person_label(self, person), classes="booking-context")
        if not days:
            yield Notice(self.tr("Il n'y a plus d'horaire libre avec cette personne. "
                                 "Demandez à l'accueil de l'école."), classes="error")
        for index, (day, free) in enumerate(days[: len(CHOICE_KEYS)]):
            yield BigButton(
                self.tr.date(day, "full"), key=CHOICE_KEYS[index],
                hint=self.tr.ngettext("{n} horaire libre", "{n} horaires libres", free).format(
                    n=self.tr.number(free)),
                id=f"day-{day.isoformat()}", classes="booking-day",
            )

    @on(Button.Pressed, ".booking-day")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        draft(self)["day"] = (event.button.id or "").removeprefix("day-")
        self.show(ChooseSlotScreen(self.context))


class ChooseSlotScreen(FlowScreen[tuple[dt.date | None, list[Slot]]]):
    """Which time? (free, far enough ahead)."""

    TITLE_TEXT = N_("À quelle heure ?")
    SCREEN_NAME = "booking.slot"
    READ_ON_RESUME = True  # free times may have changed meanwhile

    def read(self) -> tuple[dt.date | None, list[Slot]]:
        state = draft(self)
        day = dt.date.fromisoformat(state["day"]) if state.get("day") else None
        office = self.context.booking
        return day, office.slots.free_slots(state.get("person_id", ""), day) if day else []

    def compose_data(self, data: tuple[dt.date | None, list[Slot]]) -> ComposeResult:
        state = draft(self)
        day, slots = data
        if day:
            yield Paragraph(self.tr.date(day, "full"), classes="booking-context")
        yield Notice(state.pop("refusal", ""), id="slot-notice", classes="error")
        if not slots:
            yield Paragraph(self.tr("Il n'y a plus d'horaire libre ce jour-là. "
                                    "Revenez en arrière pour choisir un autre jour."))
        for index, slot in enumerate(slots[: len(CHOICE_KEYS)]):
            yield BigButton(
                f"{self.tr.time(slot.start)} – {self.tr.time(slot.end)}",
                key=CHOICE_KEYS[index], hint=where_text(self, slot.mode, slot.place),
                id=f"slot-{slot.id}", classes="booking-slot",
            )

    @on(Button.Pressed, ".booking-slot")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        state = draft(self)
        state["slot_id"] = (event.button.id or "").removeprefix("slot-")
        # Moving a booking: the child is known, the parent checks the new time and confirms.
        self.show(SummaryScreen(self.context) if state.get("moving_code")
                  else DetailsScreen(self.context))


class DetailsScreen(FormScreen[list[str]]):
    """The child's first name and class, and an optional phone number."""

    TITLE_TEXT = N_("Pour quel enfant ?")
    SCREEN_NAME = "booking.details"
    FLOW = FLOW
    NAME_FIELD = "child"

    def read(self) -> list[str]:
        """The classes to choose from (the person's own, or the school's)."""
        office = self.context.booking
        person = office.people.person(draft(self).get("person_id", ""))
        return list(person.classes) if person and person.classes else office.people.school_classes()

    def compose_data(self, data: list[str]) -> ComposeResult:
        state = draft(self)
        classes = data
        yield from self.text_field(self.tr("Prénom de l'enfant"), "child", max_length=60)
        yield Paragraph(self.tr("Classe de l'enfant"), classes="field-label")
        with ChoiceGrid(id="class-choices"):
            # Numbered ids: a class name ("CE1 A", "6ème") is seldom a valid widget id.
            for index, name in enumerate(classes):
                yield BigButton(name, rtl=False, id=f"class-{index}",
                                classes="booking-class"
                                + (" -selected" if state.get("child_class") == name else ""))
        if len(classes) == 1 and not state.get("child_class"):
            state["child_class"] = classes[0]
        yield Notice(state.get("class_error", ""), id="class-error", classes="error")
        yield from self.phone_field()

    def actions_for(self, data: list[str]) -> ComposeResult:
        yield BigButton(self.tr("Continuer"), pictogram="▶", id="details-next",
                        variant="primary")

    @on(Button.Pressed, ".booking-class")
    def choose_class(self, event: Button.Pressed) -> None:
        event.stop()
        if not isinstance(event.button, BigButton):
            return
        draft(self)["child_class"] = event.button.text
        for button in self.query(".booking-class"):
            button.set_class(button is event.button, "-selected")
        self.query_one("#class-error", Notice).show("")
        self.query_one("#phone", Input).focus()  # what the parent types next goes there

    @on(Button.Pressed, "#details-next")
    def pressed_next(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        chosen = draft(self).get("child_class")
        if not self.check_fields(class_error="" if chosen else self.tr("Choisissez la classe.")):
            return
        ask_interpreter(self, draft(self), lambda _: self.show(SummaryScreen(self.context)))


#: What the summary shows: the chosen time, the person, and the booking being moved (if so).
Chosen = tuple[Slot | None, Person | None, Booking | None]


class SummaryScreen(FlowScreen[Chosen]):
    """Check and confirm: a new booking, or the new time of a booking being moved (the
    draft's ``moving_code``), with its old time beside it."""

    TITLE_TEXT = N_("Vérifiez votre rendez-vous")
    SCREEN_NAME = "booking.summary"

    def read(self) -> Chosen:
        state = draft(self)
        office = self.context.booking
        code = state.get("moving_code", "")
        return (office.slots.slot(state.get("slot_id", "")),
                office.people.person(state.get("person_id", "")),
                office.appointments.booking_by_code(code) if code else None)

    def complete(self, data: Chosen) -> bool:
        """Whether everything to confirm is there (the time, the person, the booking moved)."""
        slot, person, moving = data
        return not (slot is None or person is None
                    or (draft(self).get("moving_code") and moving is None))

    def compose_data(self, data: Chosen) -> ComposeResult:
        state = draft(self)
        slot, person, moving = data
        if slot is None or person is None or not self.complete(data):
            yield Notice(self.tr(BookingRefused("cancelled").message), classes="error")
            return
        when = when_text(self, slot.start, slot.minutes)
        child = dict(child=state.get("child", ""), child_class=state.get("child_class", ""),
                     phone=state.get("phone", ""))
        if moving is not None:
            when = self.tr("Nouvel horaire : {when}").format(when=when)
            child = dict(child=moving.child, child_class=moving.child_class, phone=moving.phone)
        lines = [
            self.tr("Avec : {person}").format(person=person_label(self, person)),
            when,
            where_text(self, slot.mode, slot.place),
            self.tr("Enfant : {child}, classe {child_class}").format(
                child=isolate(child["child"]), child_class=isolate(child["child_class"])),
        ]
        if child["phone"]:
            lines.append(self.tr("Téléphone : {phone}").format(phone=isolate(child["phone"])))
        if (moving.interpreter if moving is not None else state.get("interpreter")):
            lines.append(self.tr(INTERPRETER_ASKED))
        if moving is not None:
            lines.append(self.tr("Ancien horaire : {when}").format(
                when=when_text(self, moving.start, moving.minutes)))
        for line in lines:
            yield Paragraph(line, classes="summary-line")
        yield Notice("", id="summary-notice", classes="error")

    def actions_for(self, data: Chosen) -> ComposeResult:
        if not self.complete(data):
            return
        with Row(id="summary-actions"):
            yield BigButton(self.tr("Je confirme"), key="1", pictogram="✔", id="confirm",
                            variant="success")
            other = BigButton(self.tr("Choisir un autre horaire"), key="2", id="other-time")
            other.display = False
            yield other

    @on(Button.Pressed, "#confirm")
    def confirm(self, event: Button.Pressed) -> None:
        event.stop()
        event.button.disabled = True
        state = draft(self)
        if state.get("moving_code"):
            self.move(state["moving_code"], state.get("slot_id", ""))
            return
        self.book(state.get("slot_id", ""), state.get("child", ""),
                  state.get("child_class", ""), state.get("phone", ""),
                  self.context.session.language, bool(state.get("interpreter")))

    @work(thread=True, exclusive=True, group="booking")
    def book(self, slot_id: str, child: str, child_class: str, phone: str, lang: str,
             interpreter: bool = False) -> None:
        appointments = self.context.booking.appointments
        outcome = attempt(self, lambda: appointments.book(
            slot_id, child=child, child_class=child_class, phone=phone, language=lang,
            interpreter=interpreter))
        self.app.call_from_thread(self._booked, outcome, False)

    @work(thread=True, exclusive=True, group="booking")
    def move(self, code: str, slot_id: str) -> None:
        appointments = self.context.booking.appointments
        outcome = attempt(self, lambda: appointments.move_booking(code, slot_id))
        self.app.call_from_thread(self._booked, outcome, True)

    def _booked(self, outcome: Booking | Refused, moved: bool) -> None:
        if not isinstance(outcome, Refused):
            draft(self).clear()
            # The flow is over: its steps are closed, Back from the code goes Home.
            self.show(BookedScreen(self.context, outcome, moved=moved), over_home=True)
            return
        notice = self.query_one("#summary-notice", Notice)
        notice.show(outcome.text)
        other = self.query_one("#other-time", BigButton)
        other.display = outcome.reason in ("taken", "too_soon", "cancelled")
        self.query_one("#confirm", BigButton).disabled = outcome.reason != "storage"
        notice.scroll_visible(animate=False)

    @on(Button.Pressed, "#other-time")
    def other_time(self, event: Button.Pressed) -> None:
        event.stop()
        stack = self.app.screen_stack
        days = [i for i, screen in enumerate(stack) if isinstance(screen, ChooseDayScreen)]
        above = len(stack) - 1 - days[-1] if days else 1
        for _ in range(above):
            self.app.pop_screen()


class AppointmentScreen(FlowScreen[tuple[Person | None]]):
    """A booking once it has its code: with whom, when, where, and its ticket."""

    def __init__(self, context: ScreenContext, booking: Booking) -> None:
        super().__init__(context)
        self.booking = booking

    def read(self) -> tuple[Person | None]:
        return (self.context.booking.people.person(self.booking.person_id),)

    def appointment_lines(self, person: Person | None) -> list[str]:
        booking = self.booking
        lines = [self.tr("Avec : {person}").format(person=person_label(self, person))
                 ] if person else []
        return [*lines, when_text(self, booking.start, booking.minutes),
                where_text(self, booking.mode, booking.place)]

    def make_ticket(self) -> Ticket:
        return appointment_ticket_of(self, self.booking)


class BookedScreen(AppointmentScreen):
    """The code, big, and the ticket."""

    SCREEN_NAME = "booking.booked"
    NOTICE_ID = "booked-notice"

    def __init__(self, context: ScreenContext, booking: Booking, *, moved: bool = False) -> None:
        super().__init__(context, booking)
        self.moved = moved

    def compose_data(self, data: tuple[Person | None]) -> ComposeResult:
        (person,) = data
        title = (self.tr("Votre rendez-vous a changé d'horaire.") if self.moved
                 else self.tr("Votre rendez-vous est réservé."))
        yield Paragraph(title, id="booked-title", classes="booked-title")
        yield Paragraph(self.tr("Votre code :"), classes="field-label")
        yield self.big_code(self.booking.code, id="booked-code")
        for line in self.appointment_lines(person):
            yield Paragraph(line)
        yield Paragraph(self.tr("Gardez ce code : il sert à voir, changer ou annuler "
                                "le rendez-vous."))
        yield Notice("", id="booked-notice", classes="error")

    @property
    def finished(self) -> bool:
        return True

    def actions_for(self, data: tuple[Person | None]) -> ComposeResult:
        with Row(id="booked-actions"):
            yield from self.finished_actions(ticket="booked-ticket", done="booked-done")


def appointment_ticket_of(screen: KioskScreen, booking: Booking) -> Ticket:
    """The ticket of `booking` (reads the person and the calendar: call it in a worker)."""
    context = screen.context
    return context.booking.calendar.booking_ticket(context.tickets, booking,
                                                   context.session.language)


__all__ = ["BookedScreen", "ChooseDayScreen", "ChoosePersonScreen", "DetailsScreen",
           "SummaryScreen"]
