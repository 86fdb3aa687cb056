""""I already have a code": type the code of a ticket, then see the booking to move or cancel
it (a workshop registration's code opens the workshop flow's detail screen, through the app).

Reached from the booking and the workshop flows alike (their "0" key) with
``OpenFlow(Flow.CODE)``: the app opens :class:`CodeScreen`.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Button, Input

from kiosk.booking.codes import CODE_ALPHABET
from kiosk.booking.model import Booking, BookingRefused, Person, Registration
from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from screens.booking import FLOW, AppointmentScreen, ChooseDayScreen
from screens.booking_parts import (
    ActionsBelow,
    CancelByCodeScreen,
    Refused,
    attempt,
    fresh_draft,
)
from screens.direction import Row
from screens.messages import ShowRegistration, tell
from screens.widgets import BigButton, Notice, Paragraph, TextField


class CodeScreen(ActionsBelow):
    """Type the code of a ticket (large keys; lower case and spaces are fine)."""

    TITLE_TEXT = N_("Tapez le code de votre ticket")
    SCREEN_NAME = "booking.code"

    def compose_body(self) -> ComposeResult:
        yield Paragraph(self.tr("Le code a 6 lettres et chiffres, par exemple K7M 2QX."))
        yield TextField("", id="code", classes="big-input code-input", max_length=12,
                        notice="code-notice")
        yield Notice("", id="code-notice", classes="error")
        with Grid(id="code-keys"):
            for char in CODE_ALPHABET:
                yield Button(char, id=f"code-key-{char}", classes="code-key")
            yield Button("⌫", id="code-erase", classes="code-key")
        yield from self.actions_in_column()

    def compose_actions(self) -> ComposeResult:
        yield BigButton(self.tr("Valider"), pictogram="✔", id="code-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Button.Pressed, ".code-key")
    def key_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        field = self.query_one("#code", Input)
        if event.button.id == "code-erase":
            field.value = field.value[:-1]
        elif len(field.value) < 12:
            field.value += (event.button.id or "")[-1]

    @on(Input.Submitted, "#code")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.check(event.value)

    @on(Button.Pressed, "#code-ok")
    def ok(self, event: Button.Pressed) -> None:
        event.stop()
        self.check(self.query_one("#code", Input).value)

    def check(self, text: str) -> None:
        self.query_one("#code-ok", BigButton).disabled = True
        self.look_up(text)

    @work(thread=True, exclusive=True, group="code")
    def look_up(self, text: str) -> None:
        codes = self.context.booking.codes
        outcome = attempt(self, lambda: codes.look_up_code(text))
        self.app.call_from_thread(self._found, outcome)

    def _found(self, outcome: Booking | Registration | Refused) -> None:
        self.query_one("#code-ok", BigButton).disabled = False
        if isinstance(outcome, Refused):
            self.query_one("#code-notice", Notice).show(outcome.text)
            self.query_one("#code", Input).focus()  # to correct it at once
            return
        self.query_one("#code", Input).value = ""
        self.query_one("#code-notice", Notice).show("")
        if isinstance(outcome, Booking):
            self.show(BookingDetailScreen(self.context, outcome))
        else:
            tell(self, ShowRegistration(outcome))


class BookingDetailScreen(CancelByCodeScreen[tuple[Person | None]], AppointmentScreen):
    """A booking found by its code: see it, cancel it, move it."""

    TITLE_TEXT = N_("Votre rendez-vous")
    SCREEN_NAME = "booking.detail"
    CANCEL_QUESTION = N_("Voulez-vous vraiment annuler ce rendez-vous ?")
    CANCELLED_TEXT = N_("Votre rendez-vous est annulé. Merci d'avoir prévenu.")

    def compose_data(self, data: tuple[Person | None]) -> ComposeResult:
        booking = self.booking
        (person,) = data
        yield self.big_code(booking.code)
        for line in self.appointment_lines(person):
            yield Paragraph(line)
        yield Paragraph(self.tr("Enfant : {child}, classe {child_class}").format(
            child=isolate(booking.child), child_class=isolate(booking.child_class)))
        if booking.status == "slot_cancelled":
            yield Notice(self.tr("L'école a annulé ce rendez-vous. L'école va vous prévenir. "
                                 "Vous pouvez prendre un nouveau rendez-vous."),
                         classes="error")
        elif not booking.active and not self.cancelled:
            yield Notice(self.tr(BookingRefused("inactive").message), classes="error")
        yield self.detail_notice()

    def actions_for(self, data: tuple[Person | None]) -> ComposeResult:
        if self.cancelled:  # done: nothing left to press here (Escape goes Home)
            return
        active = self.can_still_change()
        with Row(id="detail-actions"):
            yield BigButton(self.tr("Changer l'horaire"), key="1", id="detail-move",
                            disabled=not active)
            yield BigButton(self.tr("Annuler le rendez-vous"), key="2", id="detail-cancel",
                            variant="error", disabled=not active)
            yield BigButton(self.tr("Mon ticket"), key="3", id="detail-ticket",
                            classes="ticket-button", disabled=not active)

    def can_still_change(self) -> bool:
        return self.context.booking.appointments.can_change(self.booking)

    def cancel_now(self) -> Booking:
        return self.context.booking.appointments.cancel_booking(self.booking.code)

    def took_effect(self, outcome: object) -> None:
        if isinstance(outcome, Booking):
            self.booking = outcome

    @on(Button.Pressed, "#detail-move")
    def move(self, event: Button.Pressed) -> None:
        event.stop()
        fresh_draft(self, FLOW, person_id=self.booking.person_id,
                    moving_code=self.booking.code)
        self.show(ChooseDayScreen(self.context))


__all__ = ["BookingDetailScreen", "CodeScreen"]
