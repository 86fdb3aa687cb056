"""The PIN dialog that guards the staff area (opened with Ctrl+E, see :mod:`kiosk.app`).

French, like the whole staff area. The check runs in a worker thread (scrypt is slow on
purpose); the domain (:class:`kiosk.staff.pin.StaffAccess`) counts wrong attempts and locks
the staff area for five minutes after five of them, across restarts. With no PIN set, the
dialog says how to set one and offers no field.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kiosk.core.store import StorageError
from kiosk.staff.pin import PIN_MAX, CheckOutcome, CheckResult
from screens.context import ScreenContext
from screens.messages import StaffAreaRequested, tell
from screens.widgets import literal

NO_PIN_TEXT = (
    "Aucun code n'est défini : l'espace personnel reste fermé. Pour choisir un code, sur "
    "l'ordinateur du kiosque, dans un terminal, tapez :  {command}"
)
#: The command shown when the app does not say how it was started.
PLAIN_SET_PIN = "kiosk set-pin"


class PinDialog(ModalScreen[None]):
    """Type the staff PIN; Escape or "Annuler" goes back to where the kiosk was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("tab,down", "app.focus_next", show=False),
        Binding("shift+tab,up", "app.focus_previous", show=False),
    ]

    def __init__(self, context: ScreenContext, *, set_pin_command: str = PLAIN_SET_PIN) -> None:
        """`set_pin_command`: the ``kiosk set-pin`` that writes the PIN this kiosk reads (with
        the options it was started with), shown when no PIN is set."""
        super().__init__()
        self.context = context
        self.set_pin_command = set_pin_command

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static(literal("Espace personnel de l'école"), classes="staff-title")
            yield Static(literal("Tapez le code, puis Entrée."), id="pin-message")
            yield Input(password=True, restrict=r"[0-9]*", max_length=PIN_MAX, id="pin-input",
                        placeholder="code")
            with Horizontal(id="pin-buttons"):
                yield Button(literal("Ouvrir"), id="pin-ok", variant="primary")
                yield Button(literal("Annuler (Échap)"), id="pin-cancel")

    def on_mount(self) -> None:
        self.query_one("#pin-input", Input).focus()
        self._look_at_state()

    def _say(self, text: str) -> None:
        self.query_one("#pin-message", Static).update(literal(text))

    def _close_field(self) -> None:
        for widget_id in ("#pin-input", "#pin-ok"):
            self.query_one(widget_id).display = False
        self.query_one("#pin-cancel", Button).focus()

    @work(thread=True, exclusive=True, group="pin")
    def _look_at_state(self) -> None:
        access = self.context.staff_access
        try:
            has_pin = access.has_pin()
            until = access.locked_until()
        except StorageError as exc:
            self.app.call_from_thread(self._storage_problem, exc)
            return
        if not has_pin:
            self.app.call_from_thread(self._show, CheckResult(CheckOutcome.NO_PIN))
        elif until is not None:
            self.app.call_from_thread(
                self._show, CheckResult(CheckOutcome.LOCKED, locked_until=until)
            )

    def _storage_problem(self, exc: StorageError) -> None:
        self._say(f"Le code ne peut pas être vérifié : {exc}")
        self._close_field()

    @on(Input.Submitted, "#pin-input")
    @on(Button.Pressed, "#pin-ok")
    def submit(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        field = self.query_one("#pin-input", Input)
        pin = field.value
        field.value = ""
        if not pin:
            self._say("Tapez le code (des chiffres), puis Entrée.")
            return
        self._say("Vérification…")
        self._check(pin)

    @work(thread=True, exclusive=True, group="pin")
    def _check(self, pin: str) -> None:
        try:
            result = self.context.staff_access.check(pin)
        except StorageError as exc:
            self.app.call_from_thread(self._storage_problem, exc)
            return
        self.app.call_from_thread(self._show, result)

    def _show(self, result: CheckResult) -> None:
        if result.outcome is CheckOutcome.OK:
            self.dismiss(None)
            tell(self, StaffAreaRequested())
            return
        if result.outcome is CheckOutcome.NO_PIN:
            self._say(NO_PIN_TEXT.format(command=self.set_pin_command))
            self._close_field()
        elif result.outcome is CheckOutcome.LOCKED:
            until = result.locked_until.strftime("%H:%M") if result.locked_until else "?"
            self._say(
                "Trop de codes faux : l'espace personnel est verrouillé pendant 5 minutes, "
                f"jusqu'à {until}."
            )
            self._close_field()
        else:
            plural = "s" if result.remaining > 1 else ""
            self._say(
                f"Code faux. Encore {result.remaining} essai{plural} avant un verrouillage "
                "de 5 minutes."
            )
            self.query_one("#pin-input", Input).focus()

    @on(Button.Pressed, "#pin-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
