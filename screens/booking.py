"""Meet a teacher or another member of staff: choose the person, the day, the time, give the
child's first name and class, confirm; leave with a code and a ticket. "I have a code" shows a
booking (or a workshop registration) to cancel it or move it.

What the parent has chosen so far lives in the session's ``booking`` draft (never on disk
until they confirm), so changing language or going back loses nothing. Every write runs in a
worker thread; a refusal (slot just taken, limit reached, unknown code) says why and what to
do next, in the parent's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widgets import Button, Input, Static

from kiosk.booking.codes import CODE_ALPHABET
from kiosk.booking.model import (
    MODES,
    Booking,
    BookingRefused,
    InputProblem,
    Person,
    Registration,
    Slot,
)
from kiosk.booking.parent_text import clean_name, clean_phone
from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.core.store import StorageError
from screens.base import STYLES, KioskModal, KioskScreen
from screens.widgets import BigButton, Notice, Paragraph, TextField, kiosk_app, literal

FLOW = "booking"
#: Keys for choices on a screen (digits first, then letters; "0" is kept for "I have a code").
CHOICE_KEYS = "123456789abdefghijkmnopqrstuvwxyz"

SAVE_FAILED = N_("Cela n'a pas pu être enregistré. Demandez à l'accueil de l'école, "
                 "s'il vous plaît.")


def draft(screen: KioskScreen | KioskModal) -> dict[str, Any]:
    """The parent's booking in progress (session only)."""
    result: dict[str, Any] = kiosk_app(screen).session.draft(FLOW)
    return result


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


class ChoosePersonScreen(KioskScreen):
    """Who would you like to meet? (and "I have a code")."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("Avec qui voulez-vous un rendez-vous ?")
    SCREEN_NAME = "booking.person"

    def compose_body(self) -> ComposeResult:
        office = kiosk_app(self).services.booking
        try:
            found = office.slots.people_with_free_slots()
        except StorageError:
            yield Notice(self.tr(SAVE_FAILED), classes="error")
            return
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
        yield BigButton(self.tr("J'ai déjà un code"), key="0", pictogram="⌨",
                        id="have-code", classes="booking-code-button")

    @on(Button.Pressed, ".booking-person")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        state = draft(self)
        state.clear()
        state["person_id"] = (event.button.id or "").removeprefix("person-")
        self.app.push_screen(ChooseDayScreen())

    @on(Button.Pressed, "#have-code")
    def have_code(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(CodeScreen())


class ChooseDayScreen(KioskScreen):
    """Which day? (days with free times only)."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("Quel jour ?")
    SCREEN_NAME = "booking.day"

    def compose_body(self) -> ComposeResult:
        state = draft(self)
        office = kiosk_app(self).services.booking
        person = office.people.person(state.get("person_id", ""))
        if person is None:
            yield Notice(self.tr(BookingRefused("cancelled").message), classes="error")
            return
        yield Paragraph(person_label(self, person), classes="booking-context")
        days = office.slots.free_days(person.id)
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

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if getattr(self, "_shown", False):
            self.refresh(recompose=True)  # free days may have changed meanwhile
        self._shown = True

    @on(Button.Pressed, ".booking-day")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        draft(self)["day"] = (event.button.id or "").removeprefix("day-")
        self.app.push_screen(ChooseSlotScreen())


class ChooseSlotScreen(KioskScreen):
    """Which time? (free, far enough ahead)."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("À quelle heure ?")
    SCREEN_NAME = "booking.slot"

    def compose_body(self) -> ComposeResult:
        state = draft(self)
        office = kiosk_app(self).services.booking
        day = dt.date.fromisoformat(state["day"]) if state.get("day") else None
        slots = office.slots.free_slots(state.get("person_id", ""), day) if day else []
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

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if getattr(self, "_shown", False):
            self.refresh(recompose=True)  # free times may have changed meanwhile
        self._shown = True

    @on(Button.Pressed, ".booking-slot")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        state = draft(self)
        slot_id = (event.button.id or "").removeprefix("slot-")
        state["slot_id"] = slot_id
        if state.get("moving_code"):
            for button in self.query(BigButton):
                button.disabled = True
            self.move(state["moving_code"], slot_id)
        else:
            self.app.push_screen(DetailsScreen())

    @work(thread=True, exclusive=True, group="booking")
    def move(self, code: str, slot_id: str) -> None:
        office = kiosk_app(self).services.booking
        try:
            booking = office.appointments.move_booking(code, slot_id)
        except BookingRefused as refused:
            self.app.call_from_thread(self._refused, refusal_text(self, refused))
            return
        except StorageError:
            self.app.call_from_thread(self._refused, self.tr(SAVE_FAILED))
            return
        self.app.call_from_thread(self._done, booking)

    def _refused(self, text: str) -> None:
        draft(self)["refusal"] = text
        self.run_worker(self.recompose())

    def _done(self, booking: Booking) -> None:
        draft(self).clear()
        self.app.push_screen(BookedScreen(booking, moved=True))


class DetailsScreen(KioskScreen):
    """The child's first name and class, and an optional phone number."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("Pour quel enfant ?")
    SCREEN_NAME = "booking.details"

    def compose_body(self) -> ComposeResult:
        state = draft(self)
        office = kiosk_app(self).services.booking
        person = office.people.person(state.get("person_id", ""))
        classes = (list(person.classes) if person and person.classes
                   else office.people.school_classes())
        yield Paragraph(self.tr("Prénom de l'enfant"), classes="field-label")
        yield TextField(state.get("child", ""), id="child", classes="big-input",
                        max_length=60)
        yield Notice(state.get("child_error", ""), id="child-error", classes="error")
        yield Paragraph(self.tr("Classe de l'enfant"), classes="field-label")
        with Grid(id="class-choices"):
            # Numbered ids: a class name ("CE1 A", "6ème") is seldom a valid widget id.
            for index, name in enumerate(classes):
                yield BigButton(name, rtl=False, id=f"class-{index}",
                                classes="booking-class"
                                + (" -selected" if state.get("child_class") == name else ""))
        if len(classes) == 1 and not state.get("child_class"):
            state["child_class"] = classes[0]
        yield Notice(state.get("class_error", ""), id="class-error", classes="error")
        yield Paragraph(self.tr("Votre téléphone (si vous voulez)"), classes="field-label")
        yield TextField(state.get("phone", ""), id="phone", classes="big-input", max_length=30,
                        placeholder="06 12 34 56 78")
        yield Notice(state.get("phone_error", ""), id="phone-error", classes="error")
        yield BigButton(self.tr("Continuer"), pictogram="▶", id="details-next",
                        variant="primary")

    def on_mount(self) -> None:
        self.query_one("#child", Input).focus()

    @on(Input.Changed)
    def remember(self, event: Input.Changed) -> None:
        if event.input.id in ("child", "phone"):
            draft(self)[event.input.id] = event.value

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "child":
            self.query_one("#phone", Input).focus()
        else:
            self.next_step()

    @on(Button.Pressed, ".booking-class")
    def choose_class(self, event: Button.Pressed) -> None:
        event.stop()
        if not isinstance(event.button, BigButton):
            return
        draft(self)["child_class"] = event.button.text
        for button in self.query(".booking-class"):
            button.set_class(button is event.button, "-selected")
        self.query_one("#class-error", Notice).show("")

    @on(Button.Pressed, "#details-next")
    def pressed_next(self, event: Button.Pressed) -> None:
        event.stop()
        self.next_step()

    def next_step(self) -> None:
        state = draft(self)
        problems = {"child_error": "", "class_error": "", "phone_error": ""}
        try:
            state["child"] = clean_name(self.query_one("#child", Input).value)
        except InputProblem as problem:
            problems["child_error"] = self.tr(problem.message)
        if not state.get("child_class"):
            problems["class_error"] = self.tr("Choisissez la classe.")
        try:
            state["phone"] = clean_phone(self.query_one("#phone", Input).value)
        except InputProblem as problem:
            problems["phone_error"] = self.tr(problem.message)
        state.update(problems)
        for key, text in problems.items():
            self.query_one("#" + key.replace("_", "-"), Notice).show(text)
        if any(problems.values()):
            first = next(k for k, v in problems.items() if v)
            self.query_one("#" + first.replace("_", "-"), Notice).scroll_visible(animate=False)
            field = {"child_error": "#child", "phone_error": "#phone"}.get(first)
            if field:
                self.query_one(field, Input).focus()
            return
        self.app.push_screen(SummaryScreen())


class SummaryScreen(KioskScreen):
    """Check and confirm."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("Vérifiez votre rendez-vous")
    SCREEN_NAME = "booking.summary"

    def compose_body(self) -> ComposeResult:
        state = draft(self)
        office = kiosk_app(self).services.booking
        slot = office.slots.slot(state.get("slot_id", ""))
        person = office.people.person(state.get("person_id", ""))
        if slot is None or person is None:
            yield Notice(self.tr(BookingRefused("cancelled").message), classes="error")
            return
        lines = [
            self.tr("Avec : {person}").format(person=person_label(self, person)),
            when_text(self, slot.start, slot.minutes),
            where_text(self, slot.mode, slot.place),
            self.tr("Enfant : {child}, classe {child_class}").format(
                child=isolate(state.get("child", "")),
                child_class=isolate(state.get("child_class", ""))),
        ]
        if state.get("phone"):
            lines.append(self.tr("Téléphone : {phone}").format(phone=isolate(state["phone"])))
        for line in lines:
            yield Paragraph(line, classes="summary-line")
        yield Notice("", id="summary-notice", classes="error")
        with Horizontal(id="summary-actions"):
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
        self.book(state.get("slot_id", ""), state.get("child", ""),
                  state.get("child_class", ""), state.get("phone", ""),
                  kiosk_app(self).session.language)

    @work(thread=True, exclusive=True, group="booking")
    def book(self, slot_id: str, child: str, child_class: str, phone: str, lang: str) -> None:
        office = kiosk_app(self).services.booking
        try:
            booking = office.appointments.book(slot_id, child=child, child_class=child_class,
                                               phone=phone, language=lang)
        except BookingRefused as refused:
            self.app.call_from_thread(self._refused, refusal_text(self, refused),
                                      refused.reason)
            return
        except InputProblem as problem:
            self.app.call_from_thread(self._refused, self.tr(problem.message), "input")
            return
        except StorageError:
            self.app.call_from_thread(self._refused, self.tr(SAVE_FAILED), "storage")
            return
        self.app.call_from_thread(self._booked, booking)

    def _refused(self, text: str, reason: str) -> None:
        notice = self.query_one("#summary-notice", Notice)
        notice.show(text)
        other = self.query_one("#other-time", BigButton)
        other.display = reason in ("taken", "too_soon", "cancelled")
        self.query_one("#confirm", BigButton).disabled = reason != "storage"
        notice.scroll_visible(animate=False)

    @on(Button.Pressed, "#other-time")
    def other_time(self, event: Button.Pressed) -> None:
        event.stop()
        stack = self.app.screen_stack
        days = [i for i, screen in enumerate(stack) if isinstance(screen, ChooseDayScreen)]
        above = len(stack) - 1 - days[-1] if days else 1
        for _ in range(above):
            self.app.pop_screen()

    def _booked(self, booking: Booking) -> None:
        draft(self).clear()
        self.app.push_screen(BookedScreen(booking))


class BookedScreen(KioskScreen):
    """The code, big, and the ticket."""

    CSS_PATH = STYLES / "booking.tcss"
    SCREEN_NAME = "booking.booked"
    SHOW_BACK = False

    def __init__(self, booking: Booking, *, moved: bool = False) -> None:
        super().__init__()
        self.booking = booking
        self.moved = moved

    def compose_body(self) -> ComposeResult:
        booking = self.booking
        office = kiosk_app(self).services.booking
        person = office.people.person(booking.person_id)
        title = (self.tr("Votre rendez-vous a changé d'horaire.") if self.moved
                 else self.tr("Votre rendez-vous est réservé."))
        yield Paragraph(title, id="booked-title", classes="booked-title")
        yield Paragraph(self.tr("Votre code :"), classes="field-label")
        yield Static(literal(spaced(booking.code)), id="booked-code", classes="big-code")
        if person:
            yield Paragraph(self.tr("Avec : {person}").format(
                person=person_label(self, person)))
        yield Paragraph(when_text(self, booking.start, booking.minutes))
        yield Paragraph(where_text(self, booking.mode, booking.place))
        yield Paragraph(self.tr("Gardez ce code : il sert à voir, changer ou annuler "
                                "le rendez-vous."))
        with Horizontal(id="booked-actions"):
            yield BigButton(self.tr("Mon ticket"), key="1", pictogram="🖶", id="booked-ticket",
                            variant="primary")
            yield BigButton(self.tr("J'ai fini"), key="2", pictogram="✔", id="booked-done")

    @on(Button.Pressed, "#booked-ticket")
    def ticket(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(appointment_ticket_screen(self, self.booking))

    @on(Button.Pressed, "#booked-done")
    def done(self, event: Button.Pressed) -> None:
        event.stop()
        # On the app, not this screen: resetting removes this screen.
        self.app.run_worker(kiosk_app(self).reset_parent(), group="reset")


def appointment_ticket_screen(screen: KioskScreen, booking: Booking) -> Any:
    from kiosk.tickets import appointment_ticket
    from screens.ticket import TicketScreen

    app = kiosk_app(screen)
    services = app.services
    office = services.booking
    person = office.people.person(booking.person_id)
    ticket = appointment_ticket(
        services, app.session.language, person=person.name if person else "",
        role=screen.tr(person.role_label) if person else "", start=booking.start,
        minutes=booking.minutes, place=booking.place or services.config.school.name,
        mode=booking.mode, link=booking.link, child=booking.child, code=booking.code,
        qr=office.calendar.booking_qr(booking, screen.tr),
    )
    return TicketScreen(ticket)


class CodeScreen(KioskScreen):
    """Type the code of a ticket (large keys; lower case and spaces are fine)."""

    CSS_PATH = STYLES / "booking.tcss"
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
        office = kiosk_app(self).services.booking
        try:
            found = office.codes.look_up_code(text)
        except BookingRefused as refused:
            self.app.call_from_thread(self._refused, refusal_text(self, refused))
            return
        except StorageError:
            self.app.call_from_thread(self._refused, self.tr(SAVE_FAILED))
            return
        self.app.call_from_thread(self._found, found)

    def _refused(self, text: str) -> None:
        self.query_one("#code-ok", BigButton).disabled = False
        self.query_one("#code-notice", Notice).show(text)

    def _found(self, found: Booking | Registration) -> None:
        self.query_one("#code-ok", BigButton).disabled = False
        self.query_one("#code", Input).value = ""
        self.query_one("#code-notice", Notice).show("")
        if isinstance(found, Booking):
            self.app.push_screen(BookingDetailScreen(found))
        else:
            from screens.workshops import RegistrationDetailScreen

            self.app.push_screen(RegistrationDetailScreen(found))


class BookingDetailScreen(KioskScreen):
    """A booking found by its code: see it, cancel it, move it."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("Votre rendez-vous")
    SCREEN_NAME = "booking.detail"

    def __init__(self, booking: Booking) -> None:
        super().__init__()
        self.booking = booking

    def compose_body(self) -> ComposeResult:
        booking = self.booking
        office = kiosk_app(self).services.booking
        person = office.people.person(booking.person_id)
        yield Static(literal(spaced(booking.code)), classes="big-code")
        if person:
            yield Paragraph(self.tr("Avec : {person}").format(
                person=person_label(self, person)))
        yield Paragraph(when_text(self, booking.start, booking.minutes))
        yield Paragraph(where_text(self, booking.mode, booking.place))
        yield Paragraph(self.tr("Enfant : {child}, classe {child_class}").format(
            child=isolate(booking.child), child_class=isolate(booking.child_class)))
        active = office.appointments.can_change(booking)
        if booking.status == "slot_cancelled":
            yield Notice(self.tr("L'école a annulé ce rendez-vous. L'école va vous prévenir. "
                                 "Vous pouvez prendre un nouveau rendez-vous."),
                         classes="error")
        elif not booking.active:
            yield Notice(self.tr(BookingRefused("inactive").message), classes="error")
        yield Notice("", id="detail-notice")
        with Horizontal(id="detail-actions"):
            yield BigButton(self.tr("Changer l'horaire"), key="1", id="detail-move",
                            disabled=not active)
            yield BigButton(self.tr("Annuler le rendez-vous"), key="2", id="detail-cancel",
                            variant="error", disabled=not active)
            yield BigButton(self.tr("Mon ticket"), key="3", id="detail-ticket",
                            disabled=not active)

    @on(Button.Pressed, "#detail-move")
    def move(self, event: Button.Pressed) -> None:
        event.stop()
        state = draft(self)
        state.clear()
        state["person_id"] = self.booking.person_id
        state["moving_code"] = self.booking.code
        self.app.push_screen(ChooseDayScreen())

    @on(Button.Pressed, "#detail-ticket")
    def ticket(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(appointment_ticket_screen(self, self.booking))

    @on(Button.Pressed, "#detail-cancel")
    def ask_cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(
            ConfirmModal(self.tr("Voulez-vous vraiment annuler ce rendez-vous ?")),
            self._confirmed,
        )

    def _confirmed(self, yes: object) -> None:
        if yes:
            for button in self.query(BigButton):
                if button.id and button.id.startswith("detail-"):
                    button.disabled = True
            self.cancel(self.booking.code)

    @work(thread=True, exclusive=True, group="booking")
    def cancel(self, code: str) -> None:
        office = kiosk_app(self).services.booking
        try:
            office.appointments.cancel_booking(code)
        except BookingRefused as refused:
            self.app.call_from_thread(self._show, refusal_text(self, refused), True)
            return
        except StorageError:
            self.app.call_from_thread(self._show, self.tr(SAVE_FAILED), True, True)
            return
        self.app.call_from_thread(
            self._show, self.tr("Votre rendez-vous est annulé. Merci d'avoir prévenu."), False)

    def _show(self, text: str, error: bool, retry: bool = False) -> None:
        if retry:  # not saved, nothing changed: the parent may try again (the disk may be back)
            active = kiosk_app(self).services.booking.appointments.can_change(self.booking)
            for button in self.query(BigButton):
                if button.id and button.id.startswith("detail-"):
                    button.disabled = not active
        notice = self.query_one("#detail-notice", Notice)
        notice.set_class(error, "error")
        notice.set_class(not error, "success")
        notice.show(text)
        notice.scroll_visible(animate=False)


class ConfirmModal(KioskModal):
    """Yes / No, for an action that cannot be undone."""

    CSS_PATH = STYLES / "booking.tcss"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Grid(id="confirm-dialog"):
            yield Paragraph(self.question, classes="dialog-title")
            yield BigButton(self.tr("Oui"), key="1", id="confirm-yes", variant="error")
            yield BigButton(self.tr("Non"), key="2", id="confirm-no")

    @on(Button.Pressed, "#confirm-yes")
    def yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def no(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)


__all__ = ["ChoosePersonScreen", "CodeScreen", "Slot"]
