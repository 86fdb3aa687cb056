"""Every screen of the kiosk, each with the one way the tests open it on the demo school.

:data:`SCREENS` is the registry the screen audit (``tests/audit``) walks: a parent or staff
screen, a dialog over one, each made by a factory from the running app and the parent's
language (what the parent would have chosen on the way is put in the session's draft, a
booking or a registration is made through the domain, as the real flow makes them). A test
checks that every :class:`~textual.screen.Screen` subclass under ``screens/`` is here or in
:data:`NOT_OPENED` with the reason: a new screen must be added to the audit.

    async with open_screen(app, SCREENS["HomeScreen"], language="ar", size=(80, 24)) as pilot:
        ...
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from tests.support.factories import start_at
from tests.support.pilot import settle

if TYPE_CHECKING:
    from kiosk.app import KioskApp

#: Made from the running app and the parent's language: the screen's factory for
#: :func:`tests.support.start_at`, or None for the mode's first screen (Welcome, staff home).
Prepare = Callable[["KioskApp", str], Callable[[Any], Any] | None]


@dataclass(frozen=True)
class ScreenCase:
    """One screen of the audit: its class name, how it is opened, and whether it is staff's
    (plain French, opened in the staff area) or a dialog (a modal over another screen)."""

    name: str
    prepare: Prepare
    staff: bool = False
    modal: bool = False
    #: Shown before a language is chosen, in every language at once (Welcome).
    multilingual: bool = False


# -- what the flows would have put in place ----------------------------------------------------


def _booking_draft(app: KioskApp, *, day: bool = False, slot: bool = False,
                   details: bool = False) -> None:
    """The parent chose the first person with free times (and their first day, first time,
    then typed a first name and chose a class), as keys 2, 1, 1, 1 do from Home."""
    from screens.booking import FLOW

    slots = app.services.booking.slots
    person = slots.people_with_free_slots()[0][0]
    state: dict[str, Any] = {"person_id": person.id}
    first_day = slots.free_days(person.id)[0][0]
    if day or slot or details:
        state["day"] = first_day.isoformat()
    if slot or details:
        state["slot_id"] = slots.free_slots(person.id, first_day)[0].id
    if details:
        classes = person.classes or tuple(app.services.booking.people.school_classes())
        state.update(child="Amina", child_class=classes[0], phone="0612345678")
    app.session.draft(FLOW).update(state)


def _booking(app: KioskApp, lang: str) -> Any:
    """A meeting booked by a parent in `lang` (the first free time of the first person)."""
    slots = app.services.booking.slots
    person = slots.people_with_free_slots()[0][0]
    slot = slots.free_slots(person.id)[0]
    classes = person.classes or tuple(app.services.booking.people.school_classes())
    return app.services.booking.appointments.book(slot.id, child="Amina",
                                                  child_class=classes[0], language=lang)


def _registration(app: KioskApp, lang: str) -> Any:
    """A place in the first workshop, taken by a parent in `lang`."""
    workshops = app.services.booking.workshops
    first = workshops.upcoming()[0]
    return workshops.register(first.id, name="Amina Diallo", language=lang)


def _callback(app: KioskApp, lang: str) -> Any:
    """A call-back asked for by a parent in `lang` (about the canteen)."""
    return app.services.callbacks.request(name="Amina", phone="0612345678", subject="canteen",
                                          language=lang)


def _workshop_draft(app: KioskApp) -> None:
    """The parent chose the first workshop."""
    from screens.workshops import FLOW

    first = app.services.booking.workshops.upcoming()[0]
    app.session.draft(FLOW).update(workshop_id=first.id)


def _ticket(app: KioskApp, lang: str) -> Any:
    """A meeting's ticket in `lang`."""
    from kiosk.tickets import sample_tickets

    return sample_tickets(app.services.ticket_context, lang)[0]


def _loan(app: KioskApp, lang: str) -> Any:
    """A parent in `lang` asked to borrow a tablet (as the loan form sends it)."""
    classes = app.services.booking.people.school_classes()
    return app.services.loans.request(name="Nadia", phone="0612345678", language=lang,
                                      child_class=classes[0], device="tablet")


def _loan_draft(app: KioskApp) -> None:
    """The parent chose a tablet (key 1 on the device screen)."""
    app.session.draft("loan")["device"] = "tablet"


def _loans_register(app: KioskApp) -> None:
    """A request waiting and a tablet out, for the staff's loan register."""
    _loan(app, "ar")
    app.services.loans.lend(_loan(app, "uk").id, label="tablette 3")


def _announcement(app: KioskApp, lang: str) -> Any:
    return app.services.announcements.current()[0]


# -- how a screen is made ----------------------------------------------------------------------


def _screen_class(path: str) -> Any:
    """The class at `path`, "module.Class" under ``screens``."""
    import importlib

    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(f"screens.{module}"), name)


def _plain(path: str, before: Callable[[KioskApp], None] | None = None) -> Prepare:
    """The screen at `path`, made with the context alone (once `before` has put in place
    what the flow would have)."""

    def prepare(app: KioskApp, lang: str) -> Callable[[Any], Any]:
        if before is not None:
            before(app)
        made: Callable[[Any], Any] = _screen_class(path)
        return made

    return prepare


def _with(path: str, argument: Callable[[KioskApp, str], Any]) -> Prepare:
    """The screen at `path`, made with the context and what `argument` gives (a booking, a
    registration, a ticket…) for the parent's language."""

    def prepare(app: KioskApp, lang: str) -> Callable[[Any], Any]:
        made = _screen_class(path)
        value = argument(app, lang)
        return lambda context: made(context, value)

    return prepare


def _first_screen(app: KioskApp, lang: str) -> None:
    """The mode's first screen: Welcome, or the staff home."""
    return None


def _idle(app: KioskApp, lang: str) -> Callable[[Any], Any]:
    from screens.idle import IdleOverlay

    return lambda context: IdleOverlay(context, 30)


def _question(position: Callable[[KioskApp], int]) -> Prepare:
    def prepare(app: KioskApp, lang: str) -> Callable[[Any], Any]:
        from screens.questionnaire import QuestionScreen

        return lambda context: QuestionScreen(context, position(app))

    return prepare


def _last_question(app: KioskApp) -> int:
    """The last question: a multiple choice with "Valider" (questions 20 on)."""
    return len(app.services.questionnaire.items) - 1


def _orientation(app: KioskApp, lang: str) -> Any:
    return app.services.orientation.orientation_for({}, lang)


def _orientation_help(app: KioskApp, lang: str) -> Any:
    """Answers showing a need for help with digital tools: workshops, partners, the loan."""
    needs = {"D_INTERNET": "none", "D_DEVICES": ["smartphone"], "D_EASE": "a_little"}
    return app.services.orientation.orientation_for(needs, lang)


def _qr_modal(app: KioskApp, lang: str) -> Callable[[Any], Any]:
    """"On my phone", as an announcement opens it (its page's address, its title)."""
    from kiosk.announcements.publish import qr_payload
    from screens.ticket import QRModal

    announcement = _announcement(app, lang)

    def make(context: Any) -> Any:
        shown = app.services.announcements.reading(announcement, context.tr)
        return QRModal(context, qr_payload(app.services.config, shown), shown.title)

    return make


def _confirm(app: KioskApp, lang: str) -> Callable[[Any], Any]:
    from screens.booking_code import BookingDetailScreen
    from screens.booking_parts import ConfirmModal

    return lambda context: ConfirmModal(context,
                                        context.tr(BookingDetailScreen.CANCEL_QUESTION))


def _glossary(app: KioskApp, lang: str) -> Callable[[Any], Any]:
    """The glossary of the questionnaire statement that names a QCM (and a teacher)."""
    from screens.glossary import GlossaryModal

    words = [word for word in app.services.glossary.words if word.key in ("enseignant", "qcm")]
    return lambda context: GlossaryModal(context, words)


def _person_id(app: KioskApp, lang: str) -> str:
    person: str = app.services.booking.slots.people_with_free_slots()[0][0].id
    return person


def _workshop_id(app: KioskApp, lang: str) -> str:
    """The first workshop, a parent registered in it."""
    _registration(app, "ar")
    workshop: str = app.services.booking.workshops.upcoming()[0].id
    return workshop


def _translation(path: str) -> Prepare:
    """A staff screen about the first announcement's Arabic translation."""

    def prepare(app: KioskApp, lang: str) -> Callable[[Any], Any]:
        made = _screen_class(path)
        announcement = _announcement(app, lang)
        return lambda context: made(context, announcement, "ar")

    return prepare


def _giveback(app: KioskApp, lang: str) -> Any:
    """What the demo school gives back to parents (its results and its actions)."""
    return app.services.giveback.facts()


def _giveback_translation(app: KioskApp, lang: str) -> Callable[[Any], Any]:
    made = _screen_class("staff.giveback.GivebackTranslationScreen")
    actions = app.services.giveback.facts().actions
    return lambda context: made(context, actions, "ar")


def _guide_step(last: bool) -> Prepare:
    """A step of the first guide (its last one: the QR code beside the step)."""

    def prepare(app: KioskApp, lang: str) -> Callable[[Any], Any]:
        made = _screen_class("guides.GuideStepScreen")
        guide = app.services.guides.all()[0]
        step = len(guide.steps) - 1 if last else 0
        return lambda context: made(context, guide, step)

    return prepare


_CASES = [
    ScreenCase("WelcomeScreen", _first_screen, multilingual=True),
    ScreenCase("LanguagePicker", _plain("welcome.LanguagePicker"), modal=True),
    ScreenCase("HomeScreen", _plain("home.HomeScreen")),
    ScreenCase("HelpScreen", _plain("help.HelpScreen")),
    ScreenCase("PrivacyScreen", _plain("help.PrivacyScreen")),
    ScreenCase("CallbackScreen", _plain("callback.CallbackScreen")),
    ScreenCase("CallbackDoneScreen", _with("callback.CallbackDoneScreen", _callback)),
    ScreenCase("InterpreterModal", _plain("interpreter.InterpreterModal"), modal=True),
    ScreenCase("IdleOverlay", _idle, modal=True),
    ScreenCase("QuestionnaireIntroScreen", _plain("questionnaire.QuestionnaireIntroScreen")),
    ScreenCase("QuestionScreen", _question(lambda app: 0)),
    ScreenCase("QuestionScreen-multiple", _question(_last_question)),
    ScreenCase("ReviewScreen", _plain("questionnaire.ReviewScreen")),
    ScreenCase("FamilyCodeScreen", _plain("questionnaire.FamilyCodeScreen")),
    ScreenCase("ThanksScreen", _with("questionnaire.ThanksScreen", _orientation)),
    ScreenCase("ThanksScreen-help", _with("questionnaire.ThanksScreen", _orientation_help)),
    ScreenCase("AnnouncementListScreen", _plain("announcements.AnnouncementListScreen")),
    ScreenCase("AnnouncementScreen", _with("announcements.AnnouncementScreen", _announcement)),
    ScreenCase("GuideListScreen", _plain("guides.GuideListScreen")),
    ScreenCase("GuideStepScreen", _guide_step(last=False)),
    ScreenCase("GuideStepScreen-last", _guide_step(last=True)),
    ScreenCase("GivebackScreen", _with("giveback.GivebackScreen", _giveback)),
    ScreenCase("TicketScreen", _with("ticket.TicketScreen", _ticket)),
    ScreenCase("QRModal", _qr_modal, modal=True),
    ScreenCase("ChoosePersonScreen", _plain("booking.ChoosePersonScreen")),
    ScreenCase("ChooseDayScreen", _plain("booking.ChooseDayScreen", _booking_draft)),
    ScreenCase("ChooseSlotScreen", _plain("booking.ChooseSlotScreen",
                                          partial(_booking_draft, day=True))),
    ScreenCase("DetailsScreen", _plain("booking.DetailsScreen",
                                       partial(_booking_draft, slot=True))),
    ScreenCase("SummaryScreen", _plain("booking.SummaryScreen",
                                       partial(_booking_draft, details=True))),
    ScreenCase("BookedScreen", _with("booking.BookedScreen", _booking)),
    ScreenCase("ConfirmModal", _confirm, modal=True),
    ScreenCase("GlossaryModal", _glossary, modal=True),
    ScreenCase("CodeScreen", _plain("booking_code.CodeScreen")),
    ScreenCase("BookingDetailScreen", _with("booking_code.BookingDetailScreen", _booking)),
    ScreenCase("WorkshopListScreen", _plain("workshops.WorkshopListScreen")),
    ScreenCase("WorkshopScreen", _plain("workshops.WorkshopScreen", _workshop_draft)),
    ScreenCase("RegisteredScreen", _with("workshops.RegisteredScreen", _registration)),
    ScreenCase("RegistrationDetailScreen", _with("workshops.RegistrationDetailScreen",
                                                 _registration)),
    ScreenCase("LoanDeviceScreen", _plain("loan.LoanDeviceScreen")),
    ScreenCase("LoanFormScreen", _plain("loan.LoanFormScreen", _loan_draft)),
    ScreenCase("LoanDoneScreen", _with("loan.LoanDoneScreen", _loan)),
    ScreenCase("PinDialog", _plain("staff.pin.PinDialog"), staff=True, modal=True),
    ScreenCase("StaffHomeScreen", _first_screen, staff=True),
    ScreenCase("AppointmentsStaffScreen", _plain("staff.booking.AppointmentsStaffScreen"),
               staff=True),
    ScreenCase("PersonSlotsScreen", _with("staff.booking.PersonSlotsScreen", _person_id),
               staff=True),
    ScreenCase("WorkshopsStaffScreen", _plain("staff.workshops.WorkshopsStaffScreen"),
               staff=True),
    ScreenCase("WorkshopStaffScreen", _with("staff.workshops.WorkshopStaffScreen",
                                            _workshop_id), staff=True),
    ScreenCase("WorkshopRoomScreen", _with("staff.workshop_room.WorkshopRoomScreen",
                                           _workshop_id), staff=True),
    ScreenCase("AnnouncementsStaffScreen",
               _plain("staff.announcements.AnnouncementsStaffScreen"), staff=True),
    ScreenCase("AnnouncementEditorScreen",
               _with("staff.announcements.AnnouncementEditorScreen", _announcement),
               staff=True),
    ScreenCase("TranslationEditorScreen",
               _translation("staff.announcements.TranslationEditorScreen"), staff=True),
    ScreenCase("PreviewModal", _translation("staff.announcements.PreviewModal"), staff=True,
               modal=True),
    ScreenCase("ResultsScreen", _plain("staff.results.ResultsScreen"), staff=True),
    ScreenCase("GoalsScreen", _plain("staff.goals.GoalsScreen"), staff=True),
    ScreenCase("GivebackStaffScreen", _plain("staff.giveback.GivebackStaffScreen"), staff=True),
    ScreenCase("GivebackTranslationScreen", _giveback_translation, staff=True),
    ScreenCase("SettingsScreen", _plain("staff.settings.SettingsScreen"), staff=True),
    ScreenCase("PaperEntryScreen", _plain("staff.paper_entry.PaperEntryScreen"), staff=True),
    ScreenCase("AuditScreen", _plain("staff.audit.AuditScreen"), staff=True),
    ScreenCase("PrintQueueScreen", _plain("staff.print_queue.PrintQueueScreen"), staff=True),
    ScreenCase("HelpRequestsScreen", _plain("staff.help_requests.HelpRequestsScreen"),
               staff=True),
    ScreenCase("CallbacksStaffScreen", _plain("staff.callbacks.CallbacksStaffScreen"),
               staff=True),
    ScreenCase("LoansStaffScreen", _plain("staff.loans.LoansStaffScreen", _loans_register),
               staff=True),
]

#: Every screen the audit opens, by name (a class name; ``-suffix`` for a second case).
SCREENS: dict[str, ScreenCase] = {case.name: case for case in _CASES}

#: Screen classes under ``screens/`` that are never shown themselves, and why.
NOT_OPENED: dict[str, str] = {
    "KioskScreen": "the base of every parent screen",
    "DataScreen": "the base of the parent screens that read stored data",
    "KioskModal": "the base of the parent's dialogs",
    "FlowScreen": "the base of the booking and workshop screens",
    "ReadingScreen": "the base of the announcement and 'Ce que vous avez dit' screens",
    "ActionsBelow": "the base of the flow screens whose own actions sit below their column",
    "FormScreen": "the base of the booking and workshop forms",
    "CancelByCodeScreen": "the base of the screens found by a code",
    "AppointmentScreen": "the base of BookedScreen and BookingDetailScreen",
    "RegistrationScreen": "the base of RegisteredScreen and RegistrationDetailScreen",
    "StaffScreen": "the base of every staff screen",
    "StaffToolScreen": "the base of the staff screens with tables",
}


@asynccontextmanager
async def open_screen(app: KioskApp, case: ScreenCase, *, language: str = "fr",
                      size: tuple[int, int] = (80, 24)) -> AsyncIterator[Any]:
    """Run `app` on the screen of `case`, the parent's session in `language` (a staff
    screen: in the staff area); yields the Pilot once it has settled."""
    make = case.prepare(app, language)
    if make is None:
        async with app.run_test(size=size) as pilot:
            if case.staff:
                await app.open_staff_area()
            await settle(pilot)
            yield pilot
        return
    if case.staff and case.modal:  # a staff dialog over the parent's screens (the PIN)
        async with start_at(app, make, size=size) as pilot:
            yield pilot
        return
    if case.modal and not case.staff:  # a parent's dialog: over Home, as the parent sees it
        from screens.home import HomeScreen

        async with start_at(app, HomeScreen, size=size, language=language) as pilot:
            await app.push_screen(make(app.screen_context))
            await settle(pilot)
            yield pilot
        return
    async with start_at(app, make, size=size, language=None if case.staff else language,
                        staff=case.staff) as pilot:
        yield pilot
