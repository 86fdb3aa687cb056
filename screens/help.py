"""Help: "I need help" (someone from the school will come), how to reach the school, what
the kiosk keeps about the parent (the privacy notice, on its own screen so that nothing hides
below the fold at 80×24), "call me back" (key 3, :mod:`screens.callback`) and borrowing a
tablet or a computer (key 4, :mod:`screens.loan`).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button

from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.core.store import StorageError
from kiosk.staff.help_requests import LOAN_TITLE, PRIVACY_TITLE, privacy_notice
from screens.base import KioskScreen
from screens.callback import CALLBACK_TITLE, CallbackScreen
from screens.widgets import BigButton, Notice, Paragraph


class HelpScreen(KioskScreen):
    """Ask for someone to come; the school's phone and address."""

    TITLE_TEXT = N_("Aide")
    SCREEN_NAME = "help"

    def compose_body(self) -> ComposeResult:
        school = self.context.config.school
        yield BigButton(self.tr("J'ai besoin d'aide"), key="1", pictogram="",
                        id="help-ask", classes="help-ask")
        yield Notice(id="help-notice")
        lines = [self.tr("Vous pouvez aussi demander à l'accueil de l'école.")]
        if school.phone:
            lines.append(self.tr("Téléphone de l'école : {phone}").format(
                phone=isolate(school.phone)))
        if school.address:
            lines.append(self.tr("Adresse : {address}").format(
                address=isolate(school.address.replace("\n", ", "))))
        yield Paragraph("\n".join(lines), id="help-contact")
        yield BigButton(self.tr(PRIVACY_TITLE), key="2", id="help-privacy",
                        classes="help-privacy")
        yield BigButton(self.tr(CALLBACK_TITLE), key="3", id="help-callback",
                        classes="help-callback")
        yield BigButton(self.tr(LOAN_TITLE), key="4", id="help-loan",
                        classes="help-loan")

    def came_from(self) -> str:
        """The screen the parent was on before Help (for the staff)."""
        trail = [name for name in self.context.session.trail if name != self.SCREEN_NAME]
        return trail[-1] if trail else "home"

    @on(Button.Pressed, "#help-ask")
    def ask(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one("#help-ask", BigButton).disabled = True
        self._record(self.came_from())

    @work(thread=True, exclusive=True, group="help")
    def _record(self, came_from: str) -> None:
        try:
            self.context.help_requests.request(came_from, self.context.session.language)
        except StorageError:
            self.app.call_from_thread(self._answer, False)
            return
        self.app.call_from_thread(self._answer, True)

    def _answer(self, recorded: bool) -> None:
        notice = self.query_one("#help-notice", Notice)
        button = self.query_one("#help-ask", BigButton)
        if recorded:
            notice.set_class(False, "error")
            notice.show(self.tr("C'est noté. Une personne de l'école va venir vous aider. "
                                "Restez près du kiosque."))
        else:
            button.disabled = False
            notice.set_class(True, "error")
            notice.show(self.tr("La demande n'a pas pu être enregistrée. Demandez à "
                                "l'accueil de l'école, s'il vous plaît."))
        if notice.display:
            notice.scroll_visible(animate=False)

    @on(Button.Pressed, "#help-callback")
    def callback(self, event: Button.Pressed) -> None:
        event.stop()
        self.show(CallbackScreen(self.context))
    @on(Button.Pressed, "#help-loan")
    def borrow(self, event: Button.Pressed) -> None:
        event.stop()
        from screens.loan import LoanDeviceScreen

        self.show(LoanDeviceScreen(self.context))

    @on(Button.Pressed, "#help-privacy")
    def privacy(self, event: Button.Pressed) -> None:
        event.stop()
        self.show(PrivacyScreen(self.context))


class PrivacyScreen(KioskScreen):
    """What the kiosk keeps about the parent, in plain words, from the configuration."""

    TITLE_TEXT = PRIVACY_TITLE
    SCREEN_NAME = "privacy"

    def compose_body(self) -> ComposeResult:
        config = self.context.config
        for index, paragraph in enumerate(privacy_notice(self.tr, config)):
            # Logical order: in a right-to-left language the bullet shows on the right.
            yield Paragraph("• " + paragraph, id=f"privacy-{index}", classes="privacy")
