"""Workshops ("e-parentalité"): the ones to come with their free places in words, register
with a first name and an optional phone; when full, join the waiting list. A registration
found by its code ("I have a code") can be cancelled; the first one waiting then gets the place
(the staff dashboard shows whom to tell).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from kiosk.booking.model import BookingRefused, InputProblem, Registration, Workshop
from kiosk.booking.parent_text import clean_name
from kiosk.booking.parent_text import clean_phone as check_phone
from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.core.languages import language
from kiosk.core.store import StorageError
from screens.base import STYLES, KioskScreen
from screens.booking import (
    CHOICE_KEYS,
    SAVE_FAILED,
    CodeScreen,
    ConfirmModal,
    refusal_text,
    spaced,
    when_text,
)
from screens.widgets import BigButton, Notice, Paragraph, TextField, kiosk_app, literal

FLOW = "workshops"


def draft(screen: KioskScreen) -> dict[str, Any]:
    result: dict[str, Any] = kiosk_app(screen).session.draft(FLOW)
    return result


def places_text(screen: KioskScreen, workshop: Workshop) -> str:
    tr = screen.tr
    if workshop.full:
        return tr("Complet : vous pouvez vous inscrire sur la liste d'attente.")
    return tr.ngettext("Il reste {n} place.", "Il reste {n} places.",
                       workshop.free_places).format(n=tr.number(workshop.free_places))


def languages_text(screen: KioskScreen, workshop: Workshop) -> str:
    if not workshop.languages:
        return ""
    names = ", ".join(language(code).native_name for code in workshop.languages)
    return screen.tr("L'animateur parle : {languages}").format(languages=isolate(names))


class WorkshopListScreen(KioskScreen):
    """Workshops to come."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("Ateliers pour les parents")
    SCREEN_NAME = "workshops.list"

    def compose_body(self) -> ComposeResult:
        office = kiosk_app(self).services.booking
        try:
            workshops = office.workshops.upcoming()
        except StorageError:
            yield Notice(self.tr(SAVE_FAILED), classes="error")
            return
        yield Paragraph(self.tr("L'école vous apprend à utiliser ses outils numériques. "
                                "C'est gratuit."))
        if not workshops:
            yield Paragraph(self.tr("Pas d'atelier prévu pour le moment. "
                                    "Demandez à l'accueil de l'école."))
        for index, workshop in enumerate(workshops[: len(CHOICE_KEYS)]):
            yield BigButton(
                workshop.title, rtl=False, key=CHOICE_KEYS[index],
                hint=when_text(self, workshop.start, workshop.minutes) + "\n"
                + places_text(self, workshop),
                id=f"workshop-{workshop.id}", classes="workshop",
            )
        yield BigButton(self.tr("J'ai déjà un code"), key="0", pictogram="⌨",
                        id="workshop-have-code")

    @on(Button.Pressed, ".workshop")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        state = draft(self)
        state.clear()
        state["workshop_id"] = (event.button.id or "").removeprefix("workshop-")
        self.app.push_screen(WorkshopScreen())

    @on(Button.Pressed, "#workshop-have-code")
    def have_code(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(CodeScreen())


class WorkshopScreen(KioskScreen):
    """One workshop: what, when, where, places; register (or join the waiting list)."""

    CSS_PATH = STYLES / "booking.tcss"
    SCREEN_NAME = "workshops.register"

    def compose_body(self) -> ComposeResult:
        state = draft(self)
        workshops = kiosk_app(self).services.booking.workshops
        workshop = workshops.workshop(state.get("workshop_id", ""))
        if workshop is None or workshop.cancelled:
            yield Notice(self.tr(BookingRefused("workshop_closed").message), classes="error")
            return
        yield Paragraph(workshop.title, rtl=False, id="title", classes="workshop-title")
        if workshop.description:
            yield Paragraph(workshop.description, rtl=False, classes="workshop-description")
        yield Paragraph(when_text(self, workshop.start, workshop.minutes))
        if workshop.place:
            yield Paragraph(self.tr("Lieu : {place}").format(place=isolate(workshop.place)))
        spoken = languages_text(self, workshop)
        if spoken:
            yield Paragraph(spoken)
        yield Paragraph(places_text(self, workshop), id="workshop-places",
                        classes="workshop-places")
        yield Paragraph(self.tr("Votre prénom"), classes="field-label")
        yield TextField(state.get("name", ""), id="name", classes="big-input", max_length=60)
        yield Notice(state.get("name_error", ""), id="name-error", classes="error")
        yield Paragraph(self.tr("Votre téléphone (si vous voulez)"), classes="field-label")
        yield TextField(state.get("phone", ""), id="phone", classes="big-input", max_length=30,
                        placeholder="06 12 34 56 78")
        yield Notice(state.get("phone_error", ""), id="phone-error", classes="error")
        yield Notice(state.get("refusal", ""), id="register-notice", classes="error")
        label = (self.tr("M'inscrire sur la liste d'attente") if workshop.full
                 else self.tr("M'inscrire"))
        yield BigButton(label, pictogram="✔", id="register", variant="primary")

    def on_mount(self) -> None:
        for field in self.query("#name"):
            field.focus()

    @on(Input.Changed)
    def remember(self, event: Input.Changed) -> None:
        if event.input.id in ("name", "phone"):
            draft(self)[event.input.id] = event.value

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "name":
            self.query_one("#phone", Input).focus()
        else:
            self.submit()

    @on(Button.Pressed, "#register")
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        state = draft(self)
        problems = {"name_error": "", "phone_error": ""}
        try:
            state["name"] = clean_name(self.query_one("#name", Input).value)
        except InputProblem as problem:
            problems["name_error"] = self.tr(problem.message)
        try:
            state["phone"] = check_phone(self.query_one("#phone", Input).value)
        except InputProblem as problem:
            problems["phone_error"] = self.tr(problem.message)
        state.update(problems)
        for key, text in problems.items():
            self.query_one("#" + key.replace("_", "-"), Notice).show(text)
        if any(problems.values()):
            self.query_one("#name" if problems["name_error"] else "#phone", Input).focus()
            return
        self.query_one("#register", BigButton).disabled = True
        self.register(state["workshop_id"], state["name"], state["phone"],
                      kiosk_app(self).session.language)

    @work(thread=True, exclusive=True, group="workshops")
    def register(self, workshop_id: str, name: str, phone: str, lang: str) -> None:
        office = kiosk_app(self).services.booking
        try:
            registration = office.workshops.register(workshop_id, name=name, phone=phone,
                                                     language=lang)
        except BookingRefused as refused:
            self.app.call_from_thread(self._refused, refusal_text(self, refused))
            return
        except StorageError:
            self.app.call_from_thread(self._refused, self.tr(SAVE_FAILED))
            return
        self.app.call_from_thread(self._registered, registration)

    def _refused(self, text: str) -> None:
        self.query_one("#register", BigButton).disabled = False
        notice = self.query_one("#register-notice", Notice)
        notice.show(text)
        notice.scroll_visible(animate=False)

    def _registered(self, registration: Registration) -> None:
        draft(self).clear()
        self.app.push_screen(RegisteredScreen(registration))


def registration_lines(screen: KioskScreen, registration: Registration,
                       workshop: Workshop) -> list[str]:
    tr = screen.tr
    lines = [when_text(screen, workshop.start, workshop.minutes)]
    if workshop.place:
        lines.append(tr("Lieu : {place}").format(place=isolate(workshop.place)))
    if registration.status == "waiting":
        lines.append(tr("Vous êtes sur la liste d'attente, en position {position}.").format(
            position=tr.number(registration.position)))
        lines.append(tr("L'école vous préviendra si une place se libère."))
    elif registration.status == "registered":
        lines.append(tr("Votre place est réservée."))
    return lines


def workshop_ticket_screen(screen: KioskScreen, registration: Registration,
                           workshop: Workshop) -> Any:
    from kiosk.tickets import workshop_ticket
    from screens.ticket import TicketScreen

    app = kiosk_app(screen)
    services = app.services
    ticket = workshop_ticket(
        services, app.session.language, title=workshop.title, start=workshop.start,
        minutes=workshop.minutes, place=workshop.place or services.config.school.name,
        name=registration.name, code=registration.code,
        waitlist_position=registration.position if registration.status == "waiting" else None,
        qr=services.booking.calendar.workshop_qr(workshop, registration, screen.tr),
    )
    return TicketScreen(ticket)


class RegisteredScreen(KioskScreen):
    """Registered (or on the waiting list): the code, big, and the ticket."""

    CSS_PATH = STYLES / "booking.tcss"
    SCREEN_NAME = "workshops.registered"
    SHOW_BACK = False

    def __init__(self, registration: Registration) -> None:
        super().__init__()
        self.registration = registration

    def compose_body(self) -> ComposeResult:
        registration = self.registration
        workshop = kiosk_app(self).services.booking.workshops.workshop(registration.workshop_id)
        title = (self.tr("Vous êtes sur la liste d'attente.") if registration.status == "waiting"
                 else self.tr("Vous êtes inscrit à l'atelier."))
        yield Paragraph(title, id="registered-title", classes="booked-title")
        if workshop:
            yield Paragraph(workshop.title, rtl=False, classes="workshop-title")
            for line in registration_lines(self, registration, workshop):
                yield Paragraph(line)
        yield Paragraph(self.tr("Votre code :"), classes="field-label")
        yield Static(literal(spaced(registration.code)), id="registered-code",
                     classes="big-code")
        with Horizontal(id="registered-actions"):
            yield BigButton(self.tr("Mon ticket"), key="1", pictogram="🖶",
                            id="registered-ticket", variant="primary")
            yield BigButton(self.tr("J'ai fini"), key="2", pictogram="✔", id="registered-done")

    @on(Button.Pressed, "#registered-ticket")
    def ticket(self, event: Button.Pressed) -> None:
        event.stop()
        workshops = kiosk_app(self).services.booking.workshops
        workshop = workshops.workshop(self.registration.workshop_id)
        if workshop:
            self.app.push_screen(workshop_ticket_screen(self, self.registration, workshop))

    @on(Button.Pressed, "#registered-done")
    def done(self, event: Button.Pressed) -> None:
        event.stop()
        # On the app, not this screen: resetting removes this screen.
        self.app.run_worker(kiosk_app(self).reset_parent(), group="reset")


class RegistrationDetailScreen(KioskScreen):
    """A registration found by its code: see it, cancel it."""

    CSS_PATH = STYLES / "booking.tcss"
    TITLE_TEXT = N_("Votre inscription à un atelier")
    SCREEN_NAME = "workshops.detail"

    def __init__(self, registration: Registration) -> None:
        super().__init__()
        self.registration = registration

    def compose_body(self) -> ComposeResult:
        registration = self.registration
        workshop = kiosk_app(self).services.booking.workshops.workshop(registration.workshop_id)
        yield Static(literal(spaced(registration.code)), classes="big-code")
        if workshop:
            yield Paragraph(workshop.title, rtl=False, classes="workshop-title")
            for line in registration_lines(self, registration, workshop):
                yield Paragraph(line)
        if registration.status == "workshop_cancelled":
            yield Notice(self.tr("L'école a annulé cet atelier. L'école va vous prévenir."),
                         classes="error")
        elif not registration.active:
            yield Notice(self.tr("Cette inscription est annulée."), classes="error")
        yield Notice("", id="detail-notice")
        with Horizontal(id="detail-actions"):
            yield BigButton(self.tr("Annuler mon inscription"), key="1", id="detail-cancel",
                            variant="error", disabled=not registration.active)

    @on(Button.Pressed, "#detail-cancel")
    def ask_cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(
            ConfirmModal(self.tr("Voulez-vous vraiment annuler votre inscription ?")),
            self._confirmed,
        )

    def _confirmed(self, yes: object) -> None:
        if yes:
            self.query_one("#detail-cancel", BigButton).disabled = True
            self.cancel(self.registration.code)

    @work(thread=True, exclusive=True, group="workshops")
    def cancel(self, code: str) -> None:
        office = kiosk_app(self).services.booking
        try:
            office.workshops.cancel_registration(code)
        except BookingRefused as refused:
            self.app.call_from_thread(self._show, refusal_text(self, refused), True)
            return
        except StorageError:
            self.app.call_from_thread(self._show, self.tr(SAVE_FAILED), True, True)
            return
        self.app.call_from_thread(
            self._show, self.tr("Votre inscription est annulée. Merci d'avoir prévenu."), False)

    def _show(self, text: str, error: bool, retry: bool = False) -> None:
        if retry:  # not saved, nothing changed: the parent may try again (the disk may be back)
            self.query_one("#detail-cancel", BigButton).disabled = not self.registration.active
        notice = self.query_one("#detail-notice", Notice)
        notice.set_class(error, "error")
        notice.show(text)
        notice.scroll_visible(animate=False)
