""""Je veux qu'on me rappelle" (from Help, key 3): what it is about (keys 1–6), a first name
and a phone number, with the line that says what is kept and for how long; the language is the
session's. The request goes to :class:`kiosk.staff.callbacks.CallbackRequests` in a worker;
a bad first name or phone says why beside its field and loses nothing typed.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button, Input

from kiosk.booking.model import InputProblem
from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.core.store import StorageError
from kiosk.staff.callbacks import PHONE_NEEDED, SUBJECT_NEEDED, SUBJECTS, Callback
from kiosk.staff.help_requests import callback_notice
from screens.booking_parts import SAVE_FAILED, ActionsBelow, FormScreen
from screens.context import ScreenContext
from screens.direction import ChoiceGrid
from screens.messages import ParentFinished, tell
from screens.widgets import BigButton, Notice, Paragraph

FLOW = "callback"
CALLBACK_TITLE = N_("Je veux qu'on me rappelle")



class CallbackScreen(FormScreen[list[str]]):
    """The call-back form: the subject, a first name, a phone number, the consent line."""

    TITLE_TEXT = CALLBACK_TITLE
    SCREEN_NAME = "callback"
    FLOW = FLOW
    NAME_FIELD = "name"
    NOTICE_ID = "callback-notice"

    def read(self) -> list[str]:
        return list(SUBJECTS)  # nothing stored to read: the subjects are the kiosk's own

    def compose_data(self, data: list[str]) -> ComposeResult:
        state = self.form()
        yield Paragraph(self.tr("De quoi voulez-vous parler ?"), classes="field-label")
        with ChoiceGrid(id="subject-choices"):
            for index, subject in enumerate(data):
                chosen = " -selected" if state.get("subject") == subject else ""
                yield BigButton(self.tr(SUBJECTS[subject]), key=str(index + 1),
                                id=f"subject-{subject}", classes="callback-subject" + chosen)
        yield Notice(state.get("subject_error", ""), id="subject-error", classes="error")
        yield from self.text_field(self.tr("Votre prénom"), "name", max_length=60)
        yield from self.text_field(self.tr("Votre téléphone"), "phone", max_length=30,
                                   placeholder="06 12 34 56 78")
        yield Paragraph(callback_notice(self.tr, self.context.config),
                        id="callback-consent", classes="callback-consent")
        yield Notice("", id="callback-notice", classes="error")

    def actions_for(self, data: list[str]) -> ComposeResult:
        yield BigButton(self.tr("Envoyer ma demande"), pictogram="✔", id="callback-send",
                        variant="primary")

    def data_shown(self) -> None:
        """The subject first (keys 1–6), unless it is chosen already: then the first name."""
        if self.form().get("subject"):
            super().data_shown()
            return
        for button in self.query(".callback-subject").results(BigButton):
            button.focus()
            break
        self.keep_focus_in_view()

    @on(Button.Pressed, ".callback-subject")
    def choose_subject(self, event: Button.Pressed) -> None:
        event.stop()
        self.form()["subject"] = (event.button.id or "").removeprefix("subject-")
        for button in self.query(".callback-subject"):
            button.set_class(button is event.button, "-selected")
        self.query_one("#subject-error", Notice).show("")
        self.form()["subject_error"] = ""
        self.query_one("#name", Input).focus()

    @on(Button.Pressed, "#callback-send")
    def pressed_send(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        state = self.form()
        subject = state.get("subject", "")
        if not self.check_fields(subject_error="" if subject else self.tr(SUBJECT_NEEDED)):
            if not subject and not state.get("name_error"):  # the subject is the first problem
                for button in self.query(".callback-subject").results(BigButton):
                    button.focus()
                    break
            return
        if not state.get("phone"):  # a call-back needs a number (the field is optional elsewhere)
            state["phone_error"] = self.tr(PHONE_NEEDED)
            notice = self.query_one("#phone-error", Notice)
            notice.show(state["phone_error"])
            self.query_one("#phone", Input).focus()
            notice.scroll_visible(animate=False)
            return
        self.query_one("#callback-send", BigButton).disabled = True
        self._send(state["name"], state["phone"], subject, self.context.session.language)

    @work(thread=True, exclusive=True, group="callback")
    def _send(self, name: str, phone: str, subject: str, language: str) -> None:
        calls = self.context.callbacks
        try:
            found: Callback | str = calls.request(name=name, phone=phone, subject=subject,
                                                  language=language)
        except InputProblem as problem:
            found = self.tr(problem.message)
        except StorageError:
            found = self.tr(SAVE_FAILED)
        self.app.call_from_thread(self._sent, found)

    def _sent(self, outcome: Callback | str) -> None:
        if isinstance(outcome, Callback):
            self.form().clear()
            self.show(CallbackDoneScreen(self.context, outcome), over_home=True)
            return
        self.query_one("#callback-send", BigButton).disabled = False
        self.say(outcome, error=True)  # nothing typed is lost: the parent may try again


class CallbackDoneScreen(ActionsBelow):
    """The request is recorded: the school will call back (the number, the subject)."""

    TITLE_TEXT = N_("Votre demande est envoyée")
    SCREEN_NAME = "callback.done"

    def __init__(self, context: ScreenContext, request: Callback) -> None:
        super().__init__(context)
        self.request = request

    @property
    def finished(self) -> bool:
        return True

    def compose_body(self) -> ComposeResult:
        request = self.request
        yield Paragraph(self.tr("L'école vous rappellera au {phone}.").format(
            phone=isolate(request.phone)), id="callback-done", classes="booked-title")
        yield Paragraph(self.tr("Sujet : {subject}").format(
            subject=self.tr(SUBJECTS[request.subject])))
        yield Paragraph(callback_notice(self.tr, self.context.config))
        yield from self.actions_in_column()

    def compose_actions(self) -> ComposeResult:
        yield BigButton(self.tr("J'ai fini"), key="1", pictogram="✔", id="callback-finished",
                        variant="primary")

    @on(Button.Pressed, "#callback-finished")
    def finished_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        tell(self, ParentFinished())


__all__ = ["CALLBACK_TITLE", "CallbackDoneScreen", "CallbackScreen"]
