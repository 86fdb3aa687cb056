"""What the booking and workshop screens share: the words (a time, a place, a refusal), the
attempt that turns a refusal into those words, the base of their screens (their style sheet,
the ticket built in a worker), the screen that cancels by code, and the yes / no dialog.

Every write and every read runs in a worker thread; a refusal (slot just taken, limit reached,
unknown code, storage unavailable) says why and what to do next, in the parent's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from kiosk.booking.model import MODES, BookingRefused, InputProblem, Person
from kiosk.booking.parent_text import clean_name, clean_phone
from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.core.store import StorageError
from screens.base import STYLES, Body, DataScreen, KioskModal, KioskScreen
from screens.context import ScreenContext
from screens.direction import ChoiceGrid
from screens.messages import Flow, GoHome, OpenFlow, ParentFinished, ShowTicket, tell
from screens.widgets import TINY_WIDTH, BigButton, NavBar, Notice, Paragraph, TextField, literal

if TYPE_CHECKING:
    from kiosk.tickets import Ticket

T = TypeVar("T")
R = TypeVar("R")

#: Keys for choices on a screen (digits first, then letters; "0" is kept for "I have a code").
CHOICE_KEYS = "123456789abdefghijkmnopqrstuvwxyz"

SAVE_FAILED = N_("Cela n'a pas pu être enregistré. Demandez à l'accueil de l'école, "
                 "s'il vous plaît.")

#: The style sheet of the booking and workshop screens.
BOOKING_STYLES = STYLES / "booking.tcss"


def spaced(code: str) -> str:
    """A code shown big: "K7M 2QX"."""
    return f"{code[:3]} {code[3:]}"


def person_label(screen: KioskScreen, person: Person) -> str:
    role = screen.tr(person.role_label)
    if person.classes:
        return f"{person.name} — {role}, {', '.join(person.classes)}"
    return f"{person.name} — {role}"


def when_text(screen: KioskScreen | KioskModal, start: dt.datetime, minutes: int) -> str:
    tr = screen.tr
    end = start + dt.timedelta(minutes=minutes)
    return tr("{day}, de {start} à {end}").format(
        day=tr.date(start.date(), "full"), start=tr.time(start), end=tr.time(end))


def where_text(screen: KioskScreen | KioskModal, mode: str, place: str) -> str:
    tr = screen.tr
    if mode == "phone":
        return tr("Par téléphone : l'école vous appelle.")
    if mode == "video":
        return tr("En appel vidéo : le lien est sur votre ticket.")
    if place:
        return tr("À l'école, lieu : {place}").format(place=isolate(place))
    at_school = MODES["school"]
    return tr(at_school)


def refusal_text(screen: KioskScreen | KioskModal, refused: BookingRefused) -> str:
    tr = screen.tr
    text = tr(refused.message) + " " + tr(refused.next_step)
    if refused.reason == "paused" and refused.seconds:
        text += " " + tr.ngettext("Encore {n} seconde.", "Encore {n} secondes.",
                                  refused.seconds).format(n=tr.number(refused.seconds))
    return text


def fresh_draft(screen: KioskScreen, flow: str, **values: str) -> None:
    """Start the parent's draft of `flow` afresh with `values` (a new choice forgets the
    last one)."""
    state = screen.context.session.draft(flow)
    state.clear()
    state.update(values)


class Refused(NamedTuple):
    """A parent's action that did not happen: what to say, and why (a refusal's reason,
    ``"input"`` or ``"storage"``)."""

    text: str
    reason: str


def attempt(screen: KioskScreen, action: Callable[[], R]) -> R | Refused:
    """Run `action` (in a worker thread); a refusal comes back as the words to say."""
    try:
        return action()
    except BookingRefused as refused:
        return Refused(refusal_text(screen, refused), refused.reason)
    except InputProblem as problem:
        return Refused(screen.tr(problem.message), "input")
    except StorageError:
        return Refused(screen.tr(SAVE_FAILED), "storage")


class ActionsBelow(KioskScreen):
    """A screen of the booking and workshop flows (their style sheet), whose own actions
    (confirm, continue, "I have a code", my ticket…) sit below its scrolling column, above the
    nav bar: always in view, however long the list or the form above them (as a question's
    actions do, :mod:`screens.questionnaire`). In the tiny layout (below 60 columns) they end
    the column instead, which would otherwise have no room.

    Once the parent has finished what they came for (:attr:`finished`: booked, registered,
    cancelled), the flow's earlier steps are behind them: Escape goes Home, and the nav bar's
    Home button says so instead of showing Back.
    """

    CSS_PATH = BOOKING_STYLES

    def compose_actions(self) -> ComposeResult:
        """The screen's own actions (override)."""
        yield from ()

    @property
    def actions_ready(self) -> bool:
        """Whether the actions are shown (a screen still reading shows none)."""
        return True

    @property
    def actions_apart(self) -> bool:
        """Whether the actions sit apart, below the column (not in the tiny layout)."""
        return (self.app.size.width or 80) >= TINY_WIDTH

    @property
    def finished(self) -> bool:
        """Whether the parent has finished on this screen (override)."""
        return False

    def actions_in_column(self) -> ComposeResult:
        """The actions at the end of the column, in the tiny layout (call it last in
        ``compose_body``)."""
        if self.actions_ready and not self.actions_apart:
            with Vertical(classes="own-actions"):
                yield from self.compose_actions()

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, NavBar):
                if self.actions_ready and self.actions_apart:
                    with Vertical(classes="own-actions -apart"):
                        yield from self.compose_actions()
                if self.finished:
                    widget.show_back, widget.escape_home = False, True
            yield widget

    def action_back(self) -> None:
        if self.finished:
            tell(self, GoHome())
        else:
            super().action_back()


class FlowScreen(ActionsBelow, DataScreen[T]):
    """A screen of the booking or workshop flow: what it says when the data
    cannot be read, its own actions below the column (:meth:`actions_for` the data read), and
    the parent's ticket, built in a worker (it reads the calendar)."""

    UNREADABLE_TEXT = SAVE_FAILED
    #: The id of the notice that says why the ticket could not be made.
    NOTICE_ID: ClassVar[str] = ""
    #: The control last pressed, and the one to focus when the parent comes back.
    _pressed: str | None = None
    _left_from: str | None = None

    def actions_for(self, data: T) -> ComposeResult:
        """The screen's own actions, once `data` is read (override)."""
        yield from ()

    def compose_actions(self) -> ComposeResult:
        if self.data is not None:
            yield from self.actions_for(self.data)

    @property
    def actions_ready(self) -> bool:
        return self.data is not None and not self.read_failed

    def compose_body(self) -> ComposeResult:
        yield from super().compose_body()
        yield from self.actions_in_column()

    @on(Button.Pressed)
    def _remember_choice(self, event: Button.Pressed) -> None:
        """The choice the parent made (by its key, a click or Enter): where they come back."""
        self._pressed = event.button.id

    def on_screen_suspend(self) -> None:
        focused = self.focused
        self._left_from = self._pressed or (focused.id if focused is not None else None)
        self._pressed = None

    def data_shown(self) -> None:
        """Read again as the parent comes back (:attr:`READ_ON_RESUME`): the focus goes back
        to the control they left from, if it is still there."""
        left, self._left_from = self._left_from, None
        if left:
            for widget in self.query(f"#{left}"):
                if widget.focusable:
                    widget.focus()
                    break
        self.keep_focus_in_view()

    def keep_focus_in_view(self) -> None:
        """When the column's content changes size (its scroll bar appears, and the text wraps
        again), what follows moves: the focused control is scrolled back into view (the
        scroll made as it got the focus was measured before)."""
        for body in self.query("#body").results(Body):
            self.watch(body, "virtual_size", self._scroll_to_focus, init=False)

    def _scroll_to_focus(self) -> None:
        focused = self.focused
        if focused is not None and not isinstance(focused, Body):
            focused.scroll_visible(animate=False)

    def make_ticket(self) -> Ticket | None:
        """The parent's ticket (runs in a worker thread; override)."""
        return None

    @on(Button.Pressed, ".ticket-button")
    def ticket_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._ticket_in_thread()

    @work(thread=True, exclusive=True, group="ticket")
    def _ticket_in_thread(self) -> None:
        outcome = attempt(self, self.make_ticket)
        if isinstance(outcome, Refused):
            self.app.call_from_thread(self.say, outcome.text, error=True)
        elif outcome is not None:
            self.app.call_from_thread(tell, self, ShowTicket(outcome))

    def have_code_button(self, *, id: str, classes: str = "") -> BigButton:
        """ "I already have a code" (its key is "0"), which opens :class:`Flow.CODE`."""
        return BigButton(self.tr("J'ai déjà un code"), key="0", pictogram="⌨", id=id,
                         classes=f"have-code {classes}".strip())

    @on(Button.Pressed, ".have-code")
    def have_code(self, event: Button.Pressed) -> None:
        event.stop()
        tell(self, OpenFlow(Flow.CODE))

    def big_code(self, code: str, *, id: str | None = None) -> Static:
        """A booking or registration code, big and boxed, easy to copy by hand."""
        return Static(literal(spaced(code)), id=id, classes="big-code")

    def finished_actions(self, *, ticket: str, done: str) -> ComposeResult:
        """"My ticket" and "I am finished", the two actions once a code is given (the caller
        puts them in its row of actions)."""
        yield BigButton(self.tr("Mon ticket"), key="1", pictogram="🖶", id=ticket,
                        classes="ticket-button", variant="primary")
        yield BigButton(self.tr("J'ai fini"), key="2", pictogram="✔", id=done,
                        classes="done-button")

    @on(Button.Pressed, ".done-button")
    def done_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        tell(self, ParentFinished())

    def say(self, text: str, *, error: bool) -> None:
        """Show `text` in the screen's notice (an error, or a success)."""
        if not self.NOTICE_ID:
            return
        for notice in self.query(f"#{self.NOTICE_ID}").results(Notice):
            notice.set_class(error, "error")
            notice.set_class(not error, "success")
            notice.show(text)
            notice.scroll_visible(animate=False)


class FormScreen(FlowScreen[T]):
    """A flow's form: a first name (the field `NAME_FIELD`) and an optional phone, typed
    values kept in the flow's draft as they are typed; Enter in the name goes to the phone,
    Enter in the phone submits."""

    #: The session draft the form's values are kept in.
    FLOW: ClassVar[str] = ""
    NAME_FIELD: ClassVar[str] = "name"

    def form(self) -> dict[str, Any]:
        """What the parent has typed and chosen so far (session only)."""
        result: dict[str, Any] = self.context.session.draft(self.FLOW)
        return result

    def submit(self) -> None:
        """The parent pressed the form's button or Enter in the last field (override)."""

    def text_field(self, label: str, id: str, *, max_length: int,
                   placeholder: str = "") -> ComposeResult:
        """A labelled field (`label` translated) and the notice of its problem."""
        state = self.form()
        yield Paragraph(label, classes="field-label")
        yield TextField(state.get(id, ""), id=id, classes="big-input", max_length=max_length,
                        placeholder=placeholder)
        yield Notice(state.get(f"{id}_error", ""), id=f"{id}-error", classes="error")

    def phone_field(self) -> ComposeResult:
        yield from self.text_field(self.tr("Votre téléphone (si vous voulez)"), "phone",
                                   max_length=30, placeholder="06 12 34 56 78")

    def data_shown(self) -> None:
        for field in self.query(f"#{self.NAME_FIELD}").results(Input):
            field.focus()
        self.keep_focus_in_view()

    @on(Input.Changed)
    def remember(self, event: Input.Changed) -> None:
        if event.input.id in (self.NAME_FIELD, "phone"):
            self.form()[event.input.id] = event.value

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == self.NAME_FIELD:
            self.query_one("#phone", Input).focus()
        else:
            self.submit()

    def check_fields(self, **other_problems: str) -> bool:
        """Clean the name and the phone into the draft; show each field's problem (and
        `other_problems`, by notice key) and take the parent to the first. Whether all is
        well."""
        state, name = self.form(), self.NAME_FIELD
        problems = {f"{name}_error": "", **other_problems, "phone_error": ""}
        for field, clean in ((name, clean_name), ("phone", clean_phone)):
            try:
                state[field] = clean(self.query_one(f"#{field}", Input).value)
            except InputProblem as problem:
                problems[f"{field}_error"] = self.tr(problem.message)
        state.update(problems)
        for key, text in problems.items():
            self.query_one("#" + key.replace("_", "-"), Notice).show(text)
        first = next((key for key, text in problems.items() if text), None)
        if first is None:
            return True
        self.query_one("#" + first.replace("_", "-"), Notice).scroll_visible(animate=False)
        field = first.removesuffix("_error")
        if field in (name, "phone"):
            self.query_one(f"#{field}", Input).focus()
        return False


class CancelByCodeScreen(FlowScreen[T]):
    """A booking or registration found by its code, which the parent may cancel: asks first,
    cancels in a worker, then says what happened in ``#detail-notice``."""

    NOTICE_ID = "detail-notice"
    #: The question asked before cancelling, and what is said once it is done (N_-marked).
    CANCEL_QUESTION: ClassVar[str] = ""
    CANCELLED_TEXT: ClassVar[str] = ""
    #: The parent cancelled here: the screen shows the cancelled record and says it is done.
    cancelled: bool = False

    def cancel_now(self) -> object:
        """Cancel (runs in a worker thread; override)."""
        raise NotImplementedError

    def took_effect(self, outcome: object) -> None:
        """Keep the record `cancel_now` returned, as it is now (override)."""

    @property
    def finished(self) -> bool:
        return self.cancelled

    def detail_notice(self) -> Notice:
        """Where the outcome is said: once cancelled, that it is done (nothing else about
        the record, which is read again, says otherwise)."""
        if self.cancelled:
            return Notice(self.tr(self.CANCELLED_TEXT), id=self.NOTICE_ID, classes="success")
        return Notice("", id=self.NOTICE_ID)

    def can_still_change(self) -> bool:
        """Whether the actions may be pressed (override)."""
        return True

    def actions(self) -> list[BigButton]:
        return [b for b in self.query(BigButton) if b.id and b.id.startswith("detail-")]

    @on(Button.Pressed, "#detail-cancel")
    def ask_cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(ConfirmModal(self.context, self.tr(self.CANCEL_QUESTION)),
                             self._confirmed)

    def _confirmed(self, yes: object) -> None:
        if yes:
            for button in self.actions():
                button.disabled = True
            self._cancel_in_thread()

    @work(thread=True, exclusive=True, group="cancel")
    def _cancel_in_thread(self) -> None:
        outcome = attempt(self, self.cancel_now)
        self.app.call_from_thread(self._cancelled, outcome)

    def _cancelled(self, outcome: object) -> None:
        if not isinstance(outcome, Refused):
            self.took_effect(outcome)
            self.cancelled = True
            self.read_again()  # the record as it is now, and the notice that says so
            return
        if outcome.reason == "storage":
            # Not saved, nothing changed: the parent may try again (the disk may be back).
            active = self.can_still_change()
            for button in self.actions():
                button.disabled = not active
        self.say(outcome.text, error=True)


class ConfirmModal(KioskModal):
    """Yes / No, for an action that cannot be undone. It opens on "No": a stray Enter
    changes nothing."""

    CSS_PATH = BOOKING_STYLES

    def __init__(self, context: ScreenContext, question: str) -> None:
        super().__init__(context)
        self.question = question

    def compose(self) -> ComposeResult:
        with ChoiceGrid(id="confirm-dialog"):
            yield Paragraph(self.question, classes="dialog-title")
            yield BigButton(self.tr("Oui"), key="1", id="confirm-yes", variant="error")
            yield BigButton(self.tr("Non"), key="2", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", BigButton).focus()

    @on(Button.Pressed, "#confirm-yes")
    def yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def no(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)


__all__ = ["CHOICE_KEYS", "SAVE_FAILED", "ActionsBelow", "CancelByCodeScreen", "ConfirmModal",
           "FlowScreen", "FormScreen", "Refused", "attempt", "fresh_draft", "person_label",
           "refusal_text", "spaced", "when_text", "where_text"]
