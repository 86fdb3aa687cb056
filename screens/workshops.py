"""Workshops ("e-parentalité"): the ones to come with their free places in words, register
with a first name and an optional phone; when full, join the waiting list. A registration
found by its code ("I have a code") can be cancelled; the first one waiting then gets the place
(the staff dashboard shows whom to tell).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button

from kiosk.booking.model import BookingRefused, Registration, Workshop, WorkshopText
from kiosk.core.display import isolate
from kiosk.core.i18n import N_
from kiosk.core.languages import language
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE
from screens.base import KioskScreen
from screens.booking_parts import (
    CHOICE_KEYS,
    CancelByCodeScreen,
    FlowScreen,
    FormScreen,
    Refused,
    attempt,
    fresh_draft,
    when_text,
)
from screens.context import ScreenContext
from screens.direction import Row
from screens.interpreter import INTERPRETER_ASKED, ask_interpreter
from screens.widgets import BigButton, Notice, Paragraph

if TYPE_CHECKING:
    from kiosk.tickets import Ticket

FLOW = "workshops"
#: A draft of the session (apart from the flow's, which each choice starts afresh) present when
#: the parent came from the questionnaire's thanks screen (they said they needed help): their
#: registrations' codes join the guided set (:mod:`kiosk.booking.attendance`), nothing is
#: written on the registration. Forgotten with the parent.
GUIDED = "workshops.guided"


def draft(screen: KioskScreen) -> dict[str, Any]:
    result: dict[str, Any] = screen.context.session.draft(FLOW)
    return result


def places_text(screen: KioskScreen, workshop: Workshop) -> str:
    tr = screen.tr
    if workshop.full:
        return tr("Complet : vous pouvez vous inscrire sur la liste d'attente.")
    return tr.ngettext("Il reste {n} place.", "Il reste {n} places.",
                       workshop.free_places).format(n=tr.number(workshop.free_places))


def workshop_text(screen: KioskScreen, workshop: Workshop) -> WorkshopText:
    """The workshop's title, description and place in the parent's language (else French)."""
    return workshop.text_in(screen.context.session.language)


def text_direction(screen: KioskScreen, shown: WorkshopText) -> bool:
    """Right to left for a translation into Arabic or Persian; the French left to right."""
    return screen.tr.rtl and shown.translated


def untranslated_note(screen: KioskScreen, shown: Iterable[WorkshopText]) -> ComposeResult:
    """The "not translated yet" line when some of the workshop texts shown are French."""
    if not all(text.translated for text in shown):
        yield Paragraph(screen.tr(TEXT_FALLBACK_NOTE), classes="workshop-untranslated")


def languages_text(screen: KioskScreen, workshop: Workshop) -> str:
    if not workshop.languages:
        return ""
    names = ", ".join(language(code).native_name for code in workshop.languages)
    return screen.tr("L'animateur parle : {languages}").format(languages=isolate(names))


class WorkshopListScreen(FlowScreen[list[Workshop]]):
    """Workshops to come."""

    TITLE_TEXT = N_("Ateliers pour les parents")
    SCREEN_NAME = "workshops.list"
    READ_ON_RESUME = True  # free places change (a registration, a cancellation by code)

    def read(self) -> list[Workshop]:
        return self.context.booking.workshops.upcoming()

    def compose_data(self, data: list[Workshop]) -> ComposeResult:
        workshops = data
        yield Paragraph(self.tr("L'école vous apprend à utiliser ses outils numériques. "
                                "C'est gratuit."))
        if not workshops:
            yield Paragraph(self.tr("Pas d'atelier prévu pour le moment. "
                                    "Demandez à l'accueil de l'école."))
        shown = [workshop_text(self, w) for w in workshops[: len(CHOICE_KEYS)]]
        yield from untranslated_note(self, shown)
        for index, (workshop, text) in enumerate(zip(workshops, shown, strict=False)):
            # The hint (day, places) reads in the session's direction; a French title kept
            # whole, left to right, inside it.
            yield BigButton(
                text.title if text.translated else isolate(text.title), key=CHOICE_KEYS[index],
                hint=when_text(self, workshop.start, workshop.minutes) + "\n"
                + places_text(self, workshop),
                id=f"workshop-{workshop.id}", classes="workshop",
            )

    def actions_for(self, data: list[Workshop]) -> ComposeResult:
        yield self.have_code_button(id="workshop-have-code")

    @on(Button.Pressed, ".workshop")
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        fresh_draft(self, FLOW, workshop_id=(event.button.id or "").removeprefix("workshop-"))
        self.show(WorkshopScreen(self.context))


class WorkshopScreen(FormScreen[tuple[Workshop | None]]):
    """One workshop: what, when, where, places; register (or join the waiting list)."""

    SCREEN_NAME = "workshops.register"
    FLOW = FLOW

    def read(self) -> tuple[Workshop | None]:
        return (self.context.booking.workshops.workshop(draft(self).get("workshop_id", "")),)

    def compose_data(self, data: tuple[Workshop | None]) -> ComposeResult:
        state = draft(self)
        (workshop,) = data
        if workshop is None or workshop.cancelled:
            yield Notice(self.tr(BookingRefused("workshop_closed").message), classes="error")
            return
        shown = workshop_text(self, workshop)
        yield from untranslated_note(self, [shown])
        yield Paragraph(shown.title, rtl=text_direction(self, shown), id="title",
                        classes="workshop-title")
        if shown.description:
            yield Paragraph(shown.description, rtl=text_direction(self, shown),
                            classes="workshop-description")
        yield Paragraph(when_text(self, workshop.start, workshop.minutes))
        if shown.place:
            yield Paragraph(self.tr("Lieu : {place}").format(place=isolate(shown.place)))
        spoken = languages_text(self, workshop)
        if spoken:
            yield Paragraph(spoken)
        yield Paragraph(places_text(self, workshop), id="workshop-places",
                        classes="workshop-places")
        yield from self.text_field(self.tr("Votre prénom"), "name", max_length=60)
        yield from self.phone_field()
        yield Notice(state.get("refusal", ""), id="register-notice", classes="error")

    def actions_for(self, data: tuple[Workshop | None]) -> ComposeResult:
        (workshop,) = data
        if workshop is None or workshop.cancelled:
            return
        label = (self.tr("M'inscrire sur la liste d'attente") if workshop.full
                 else self.tr("M'inscrire"))
        yield BigButton(label, pictogram="✔", id="register", variant="primary")

    @on(Button.Pressed, "#register")
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        if not self.check_fields():
            return
        ask_interpreter(self, draft(self), self._register_now)

    def _register_now(self, interpreter: bool) -> None:
        state = draft(self)
        self.query_one("#register", BigButton).disabled = True
        self.register(state["workshop_id"], state["name"], state["phone"],
                      self.context.session.language, interpreter)

    @work(thread=True, exclusive=True, group="workshops")
    def register(self, workshop_id: str, name: str, phone: str, lang: str,
                 interpreter: bool = False) -> None:
        workshops = self.context.booking.workshops
        outcome = attempt(self, lambda: workshops.register(workshop_id, name=name, phone=phone,
                                                           language=lang,
                                                           interpreter=interpreter))
        self.app.call_from_thread(self._registered, outcome)

    @work(thread=True, group="workshops-guided")
    def note_guided(self, code: str) -> None:
        """Count this registration among those made from the questionnaire's orientation
        (a figure for staff; the parent sees nothing of it, and it never stops them)."""
        try:
            self.context.booking.workshops.note_guided(code)
        except Exception:
            logging.getLogger(__name__).exception("guided registration not counted")

    def _registered(self, outcome: Registration | Refused) -> None:
        if not isinstance(outcome, Refused):
            if GUIDED in self.context.session.drafts:
                self.note_guided(outcome.code)
            draft(self).clear()
            # The flow is over: its steps (and their place counts) are closed, Back goes Home.
            self.show(RegisteredScreen(self.context, outcome), over_home=True)
            return
        self.query_one("#register", BigButton).disabled = False
        notice = self.query_one("#register-notice", Notice)
        notice.show(outcome.text)
        notice.scroll_visible(animate=False)


def registration_lines(screen: KioskScreen, registration: Registration,
                       workshop: Workshop) -> list[str]:
    tr = screen.tr
    lines = [when_text(screen, workshop.start, workshop.minutes)]
    place = workshop_text(screen, workshop).place
    if place:
        lines.append(tr("Lieu : {place}").format(place=isolate(place)))
    if registration.status == "waiting":
        lines.append(tr("Vous êtes sur la liste d'attente, en position {position}.").format(
            position=tr.number(registration.position)))
        lines.append(tr("L'école vous préviendra si une place se libère."))
    elif registration.status == "registered":
        lines.append(tr("Votre place est réservée."))
    if registration.interpreter:
        lines.append(tr(INTERPRETER_ASKED))
    return lines


def workshop_ticket_of(screen: KioskScreen, registration: Registration,
                       workshop: Workshop) -> Ticket:
    """The ticket of a workshop place (or waiting-list place)."""
    context = screen.context
    return context.booking.calendar.registration_ticket(context.tickets, workshop, registration,
                                                        context.session.language)


class RegistrationScreen(FlowScreen[tuple[Workshop | None]]):
    """A registration once it has its code: the workshop, the place or the waiting list, and
    its ticket."""

    def __init__(self, context: ScreenContext, registration: Registration) -> None:
        super().__init__(context)
        self.registration = registration

    def read(self) -> tuple[Workshop | None]:
        return (self.context.booking.workshops.workshop(self.registration.workshop_id),)

    def workshop_lines(self, workshop: Workshop | None) -> ComposeResult:
        if workshop:
            shown = workshop_text(self, workshop)
            yield from untranslated_note(self, [shown])
            yield Paragraph(shown.title, rtl=text_direction(self, shown),
                            classes="workshop-title")
            for line in registration_lines(self, self.registration, workshop):
                yield Paragraph(line)

    def make_ticket(self) -> Ticket | None:
        workshop = self.data[0] if self.data else None
        return workshop_ticket_of(self, self.registration, workshop) if workshop else None


class RegisteredScreen(RegistrationScreen):
    """Registered (or on the waiting list): the code, big, and the ticket."""

    SCREEN_NAME = "workshops.registered"
    NOTICE_ID = "registered-notice"

    def compose_data(self, data: tuple[Workshop | None]) -> ComposeResult:
        registration = self.registration
        title = (self.tr("Vous êtes sur la liste d'attente.") if registration.status == "waiting"
                 else self.tr("Vous êtes inscrit à l'atelier."))
        yield Paragraph(title, id="registered-title", classes="booked-title")
        yield from self.workshop_lines(data[0])
        yield Paragraph(self.tr("Votre code :"), classes="field-label")
        yield self.big_code(registration.code, id="registered-code")
        yield Notice("", id="registered-notice", classes="error")

    @property
    def finished(self) -> bool:
        return True

    def actions_for(self, data: tuple[Workshop | None]) -> ComposeResult:
        with Row(id="registered-actions"):
            yield from self.finished_actions(ticket="registered-ticket",
                                             done="registered-done")


class RegistrationDetailScreen(CancelByCodeScreen[tuple[Workshop | None]], RegistrationScreen):
    """A registration found by its code: see it, cancel it."""

    SCREEN_NAME = "workshops.detail"
    TITLE_TEXT = N_("Votre inscription à un atelier")
    CANCEL_QUESTION = N_("Voulez-vous vraiment annuler votre inscription ?")
    CANCELLED_TEXT = N_("Votre inscription est annulée. Merci d'avoir prévenu.")

    def compose_data(self, data: tuple[Workshop | None]) -> ComposeResult:
        registration = self.registration
        yield self.big_code(registration.code)
        yield from self.workshop_lines(data[0])
        if registration.status == "workshop_cancelled":
            yield Notice(self.tr("L'école a annulé cet atelier. L'école va vous prévenir."),
                         classes="error")
        elif not registration.active and not self.cancelled:
            yield Notice(self.tr("Cette inscription est annulée."), classes="error")
        yield self.detail_notice()

    def actions_for(self, data: tuple[Workshop | None]) -> ComposeResult:
        if self.cancelled:  # done: nothing left to press here (Escape goes Home)
            return
        with Row(id="detail-actions"):
            yield BigButton(self.tr("Annuler mon inscription"), key="1", id="detail-cancel",
                            variant="error", disabled=not self.can_still_change())

    def can_still_change(self) -> bool:
        return self.registration.active

    def cancel_now(self) -> object:
        return self.context.booking.workshops.cancel_registration(self.registration.code)

    def took_effect(self, outcome: object) -> None:
        if isinstance(outcome, tuple) and isinstance(outcome[0], Registration):
            self.registration = outcome[0]  # cancelled now (the one promoted is second)
