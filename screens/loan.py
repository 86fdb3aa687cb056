"""Borrow a tablet or a computer: the parent chooses the device, gives a first name, the child's
class and (if they want) a phone number, and leaves with a code and a ticket to bring to the
desk. Opened from Help (key 4) and from the questionnaire's thanks screen (key 4): the device
first (1 a tablet, 2 a computer, with what is kept and for how long), then the form.

What the parent typed lives in the session's ``loan`` draft until they send it (changing
language or going back loses nothing); the request is written in a worker thread by the loan
register (:mod:`kiosk.staff.loans`); a refusal says why, in the parent's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button, Input

from kiosk.core.display import isolate
from kiosk.staff.help_requests import LOAN_TITLE, loan_notice
from kiosk.staff.loans import DEVICES, Loan
from screens.booking_parts import ActionsBelow, FlowScreen, FormScreen, Refused, attempt
from screens.context import ScreenContext
from screens.direction import ChoiceGrid, Row
from screens.widgets import BigButton, Notice, Paragraph

if TYPE_CHECKING:
    from kiosk.tickets import Ticket

FLOW = "loan"
#: Beside the booking screens' style sheet: the two devices side by side, the consent line.
LOAN_CSS = """
#device-choices { grid-size: 2; grid-gutter: 0 1; grid-rows: auto; height: auto; }
.loan-consent { color: #d0d0d0; margin: 1 0 0 0; }
#loan-done-actions { height: auto; margin: 1 0 0 0; }
Screen.-tiny #device-choices { grid-size: 1; }
Screen.-tiny #loan-done-actions { layout: vertical; height: auto; }
"""


class LoanDeviceScreen(ActionsBelow):
    """Which device: a tablet (1) or a computer (2); what is kept, and for how long."""

    DEFAULT_CSS = LOAN_CSS
    SCOPED_CSS = False  # its ids are the loan screens' own; "Screen.-tiny" must match
    TITLE_TEXT = LOAN_TITLE
    SCREEN_NAME = "loan"

    def compose_body(self) -> ComposeResult:
        chosen = self.context.session.draft(FLOW).get("device")
        yield Paragraph(self.tr("Quel matériel voulez-vous emprunter ?"), classes="field-label")
        with ChoiceGrid(id="device-choices"):
            for key, (device, words) in enumerate(DEVICES.items(), start=1):
                yield BigButton(self.tr(words), key=str(key), id=f"device-{device}",
                                classes="booking-class loan-device"
                                + (" -selected" if chosen == device else ""))
        yield Paragraph(loan_notice(self.tr, self.context.config), id="loan-consent",
                        classes="loan-consent")

    @on(Button.Pressed, ".loan-device")
    def choose_device(self, event: Button.Pressed) -> None:
        event.stop()
        self.context.session.draft(FLOW)["device"] = (event.button.id or "").removeprefix(
            "device-")
        self.show(LoanFormScreen(self.context))


class LoanFormScreen(FormScreen[list[str]]):
    """The parent's first name, the child's class, an optional phone; send."""

    DEFAULT_CSS = LOAN_CSS
    SCOPED_CSS = False  # its ids are the loan screens' own; "Screen.-tiny" must match
    TITLE_TEXT = LOAN_TITLE
    SCREEN_NAME = "loan"
    FLOW = FLOW
    NAME_FIELD = "name"
    NOTICE_ID = "loan-notice"

    def read(self) -> list[str]:
        """The school's classes to choose from."""
        return self.context.booking.people.school_classes()

    def compose_data(self, data: list[str]) -> ComposeResult:
        state = self.form()
        if state.get("device") in DEVICES:
            yield Paragraph(self.tr("Matériel : {device}").format(
                device=self.tr(DEVICES[state["device"]])), id="loan-device")
        yield from self.text_field(self.tr("Votre prénom"), "name", max_length=60)
        yield Paragraph(self.tr("Classe de l'enfant"), classes="field-label")
        if len(data) == 1 and not state.get("child_class"):
            state["child_class"] = data[0]
        with ChoiceGrid(id="class-choices"):
            # Numbered ids: a class name ("CE1 A", "6ème") is seldom a valid widget id.
            for index, name in enumerate(data):
                chosen = " -selected" if state.get("child_class") == name else ""
                yield BigButton(name, rtl=False, id=f"class-{index}",
                                classes="booking-class loan-class" + chosen)
        yield Notice(state.get("class_error", ""), id="class-error", classes="error")
        yield from self.phone_field()
        yield Paragraph(loan_notice(self.tr, self.context.config), id="loan-consent",
                        classes="loan-consent")
        yield Notice(state.get("device_error", ""), id="device-error", classes="error")
        yield Notice("", id="loan-notice", classes="error")

    def actions_for(self, data: list[str]) -> ComposeResult:
        yield BigButton(self.tr("Envoyer ma demande"), pictogram="▶", id="loan-send",
                        variant="primary")

    @on(Button.Pressed, ".loan-class")
    def choose_class(self, event: Button.Pressed) -> None:
        """The class chosen: kept, shown selected, its problem said no more; the focus goes
        on to the phone."""
        event.stop()
        if not isinstance(event.button, BigButton):
            return
        self.form()["child_class"] = event.button.text
        for button in self.query(".loan-class"):
            button.set_class(button is event.button, "-selected")
        self.query_one("#class-error", Notice).show("")
        self.query_one("#phone", Input).focus()

    @on(Input.Submitted)
    def entered(self, event: Input.Submitted) -> None:
        """Enter in the name goes to the classes (the one chosen, or the first), Enter in
        the phone sends (instead of the form's own Enter, which goes to the phone)."""
        event.stop()
        event.prevent_default()
        if event.input.id == "phone":
            self.submit()
            return
        classes = list(self.query(".loan-class").results(BigButton))
        chosen = [b for b in classes if b.has_class("-selected")]
        target = (chosen or classes)[:1]
        if target:
            target[0].focus()
        else:
            self.query_one("#phone", Input).focus()

    @on(Button.Pressed, "#loan-send")
    def pressed_send(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        state = self.form()
        device_error = "" if state.get("device") in DEVICES else self.tr("Choisissez le matériel.")
        class_error = "" if state.get("child_class") else self.tr("Choisissez la classe.")
        if not self.check_fields(device_error=device_error, class_error=class_error):
            return
        self.query_one("#loan-send", BigButton).disabled = True
        self._send(dict(state), self.context.session.language)

    @work(thread=True, exclusive=True, group="loan")
    def _send(self, state: dict[str, Any], language: str) -> None:
        loans = self.context.loans
        outcome = attempt(self, lambda: loans.request(
            name=state.get("name", ""), phone=state.get("phone", ""), language=language,
            child_class=state.get("child_class", ""), device=state.get("device", "")))
        self.app.call_from_thread(self._sent, outcome)

    def _sent(self, outcome: Loan | Refused) -> None:
        if isinstance(outcome, Refused):
            self.query_one("#loan-send", BigButton).disabled = False
            self.say(outcome.text, error=True)
            return
        self.form().clear()
        # The request is made: the form is behind the parent, Back from the code goes Home.
        self.show(LoanDoneScreen(self.context, outcome), over_home=True)


class LoanDoneScreen(FlowScreen[Loan]):
    """The request is recorded: its code, big, what happens next, and the ticket."""

    DEFAULT_CSS = LOAN_CSS
    SCOPED_CSS = False  # its ids are the loan screens' own; "Screen.-tiny" must match
    TITLE_TEXT = LOAN_TITLE
    SCREEN_NAME = "loan.done"
    NOTICE_ID = "loan-done-notice"

    def __init__(self, context: ScreenContext, loan: Loan) -> None:
        super().__init__(context)
        self.loan = loan

    def read(self) -> Loan:
        return self.loan

    @property
    def finished(self) -> bool:
        return True

    def compose_data(self, data: Loan) -> ComposeResult:
        from kiosk.tickets.loans import LOAN_NEXT_STEP

        yield Paragraph(self.tr("Votre demande de prêt est enregistrée."), id="loan-done-title",
                        classes="booked-title")
        yield Paragraph(self.tr("Votre code :"), classes="field-label")
        yield self.big_code(data.code, id="loan-code")
        yield Paragraph(self.tr("Matériel : {device}").format(
            device=self.tr(DEVICES.get(data.device, data.device))))
        yield Paragraph(self.tr("Classe de l'enfant : {child_class}").format(
            child_class=isolate(data.child_class)))
        yield Paragraph(self.tr(LOAN_NEXT_STEP))
        yield Notice("", id="loan-done-notice", classes="error")

    def actions_for(self, data: Loan) -> ComposeResult:
        with Row(id="loan-done-actions"):
            yield from self.finished_actions(ticket="loan-ticket", done="loan-done")

    def make_ticket(self) -> Ticket:
        from kiosk.tickets.loans import loan_ticket

        context, loan = self.context, self.loan
        return loan_ticket(context.tickets, context.session.language, name=loan.name,
                           device=DEVICES.get(loan.device, loan.device),
                           child_class=loan.child_class, code=loan.code,
                           qr=context.config.online.resources_url or None)


__all__ = ["LoanDeviceScreen", "LoanDoneScreen", "LoanFormScreen"]
