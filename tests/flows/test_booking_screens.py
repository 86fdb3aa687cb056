"""Parent flows with Pilot: book, cancel by code, workshop full → waiting list → promotion,
in French and in Turkish (keys and clicks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import Input, Static

from kiosk.services import Services
from screens import booking as booking_screens
from screens import booking_code as code_screens
from screens import workshops as workshop_screens
from screens.interpreter import InterpreterModal
from screens.widgets import Notice, Paragraph
from tests.support import click, press, screen_text, settle, start_at

SIZE = (100, 40)


async def start(pilot: Any, lang: str) -> None:
    await pilot.click(f"#lang-{lang}")
    await settle(pilot)


def at_details(app: Any) -> Any:
    """The parent has chosen the first person, day and free time (as keys 2, 1, 1, 1 do from
    Home): start :func:`tests.support.start_at` with it on the details form."""
    slots = app.services.booking.slots
    person = slots.people_with_free_slots()[0][0]
    day = slots.free_days(person.id)[0][0]
    slot = slots.free_slots(person.id, day)[0]
    app.session.draft(booking_screens.FLOW).update(
        person_id=person.id, day=day.isoformat(), slot_id=slot.id)
    return booking_screens.DetailsScreen


def texts(app: Any) -> str:
    found = [p.text for p in app.screen.query(Paragraph)]
    found += [str(n.render()) for n in app.screen.query(Notice) if n.display]
    return "\n".join(found)


@pytest.mark.parametrize("lang", ["fr", "tr"])
async def test_book_a_meeting(make_app: Any, demo_services: Services, lang: str) -> None:
    app = make_app()
    tr = demo_services.i18n.translator(lang)
    office = demo_services.booking
    benali = office.people.find_person("Mme Benali")
    assert benali is not None
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, lang)
        await pilot.press("2")  # Home: meet a teacher
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChoosePersonScreen)
        await pilot.click(f"#person-{benali.id}")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChooseDayScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChooseSlotScreen)
        first_free = office.slots.free_slots(benali.id)[0]
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.DetailsScreen)
        # nothing typed: clear messages in the parent's language, nothing lost
        await click(pilot, "#details-next")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.DetailsScreen)
        assert tr("Écrivez le prénom.") in texts(app)
        await pilot.press(*"Amina")
        app.screen.query_one("#phone", Input).value = "06 12"
        await click(pilot, "#details-next")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.DetailsScreen)
        assert app.screen.query_one("#child", Input).value == "Amina"
        app.screen.query_one("#phone", Input).value = "06 12 34 56 78"
        await click(pilot, "#details-next")
        await settle(pilot)
        if lang != "fr":  # asked in their language whether they would like an interpreter
            assert isinstance(app.screen, InterpreterModal)
            await pilot.press("2")  # Non
            await settle(pilot)
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert "Amina" in texts(app) and "CP" in texts(app)
        assert tr("Interprète demandé") not in texts(app)
        await pilot.press("1")  # I confirm
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.BookedScreen)
        booking = app.screen.booking
        assert booking.slot_id == first_free.id and booking.language == lang
        shown = str(app.screen.query_one("#booked-code", Static).render())
        assert shown.replace(" ", "") == booking.code
        assert tr("Votre rendez-vous est réservé.") in texts(app)
        if lang != "fr":
            assert tr("Votre rendez-vous est réservé.") != "Votre rendez-vous est réservé."
        stored = office.appointments.booking_by_code(booking.code)
        assert stored is not None and stored.phone == "06 12 34 56 78"
        assert stored.interpreter is False
        await pilot.press("2")  # I am finished: the next parent starts afresh
        await settle(pilot)
        assert app.session.is_empty


@pytest.mark.parametrize("lang", ["ar", "zh"])
async def test_the_details_by_keys_as_a_parent_types_them(make_app: Any, lang: str) -> None:
    """Name, Tab, Enter, phone, Enter: Tab goes to the first class (CP, at the right in
    Arabic), Enter chooses it and goes on to the phone, so the digits typed next land in it
    (they were lost on the class button), and Enter there asks about an interpreter."""
    app = make_app()
    async with start_at(app, at_details(app), language=lang, size=(80, 24)) as pilot:
        form = app.screen
        await press(pilot, *"Amina", "tab")
        assert app.focused is form.query_one("#class-0")
        await press(pilot, "enter")  # the first class (CP): chosen, on to the phone
        phone = form.query_one("#phone", Input)
        assert app.focused is phone
        await press(pilot, *"0612345678", "enter")
        assert phone.value == "0612345678"
        assert isinstance(app.screen, InterpreterModal)
        await press(pilot, "1")  # Oui
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert booking_screens.draft(app.screen)["child_class"] == "CP"


async def test_slot_taken_meanwhile_says_why(make_app: Any, demo_services: Services) -> None:
    app = make_app()
    office = demo_services.booking
    benali = office.people.find_person("Mme Benali")
    assert benali is not None
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "fr")
        await pilot.press("2")
        await settle(pilot)
        await pilot.click(f"#person-{benali.id}")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press(*"Lucas")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        # another terminal takes the slot first
        office.appointments.book(app.session.drafts["booking"]["slot_id"], child="Autre",
                    child_class="CP")
        await pilot.click("#confirm")
        await settle(pilot)
        assert "vient d'être pris" in texts(app)
        assert app.screen.query_one("#other-time").display
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChooseDayScreen)


@pytest.mark.parametrize("lang", ["fr", "tr"])
async def test_cancel_by_code(make_app: Any, demo_services: Services, lang: str) -> None:
    app = make_app()
    tr = demo_services.i18n.translator(lang)
    office = demo_services.booking
    nguyen = office.people.find_person("Mme Nguyen")
    assert nguyen is not None
    slot = office.slots.free_slots(nguyen.id)[0]
    booking = office.appointments.book(slot.id, child="Yusuf", child_class="CM1", language=lang)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, lang)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("0")  # I have a code
        await settle(pilot)
        assert isinstance(app.screen, code_screens.CodeScreen)
        await pilot.press(*"zzzzzz")  # unknown code
        await pilot.press("enter")
        await settle(pilot)
        assert tr("Ce code n'existe pas.") in texts(app)
        app.screen.query_one("#code", Input).value = ""
        await pilot.press(*f"{booking.code[:3].lower()} {booking.code[3:]}")
        await pilot.click("#code-ok")
        await settle(pilot)
        assert isinstance(app.screen, code_screens.BookingDetailScreen)
        await pilot.click("#detail-cancel")
        await settle(pilot)
        await pilot.press("1")  # yes
        await settle(pilot)
        assert tr("Votre rendez-vous est annulé. Merci d'avoir prévenu.") in texts(app)
    assert office.appointments.booking_by_code(booking.code).status == "cancelled"  # type: ignore[union-attr]
    assert slot.id in {s.id for s in office.slots.free_slots(nguyen.id)}


async def test_code_entry_pauses_after_wrong_codes(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "fr")
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        for _ in range(5):
            for char in "ABCDEF":
                await pilot.click(f"#code-key-{char}")
            await pilot.click("#code-ok")
            await settle(pilot)
            app.screen.query_one("#code", Input).value = ""
        await pilot.press(*"ABCDEG", "enter")
        await settle(pilot)
        assert "Trop de codes inconnus" in texts(app)


@pytest.mark.parametrize("lang", ["fr", "tr"])
async def test_workshop_full_waitlist_promotion(make_app: Any, demo_services: Services,
                                                lang: str) -> None:
    app = make_app()
    tr = demo_services.i18n.translator(lang)
    office = demo_services.booking
    start_at = demo_services.now() + dt.timedelta(days=2)
    workshop = office.workshops.add_workshop("Atelier ENT", start_at, 60, "Salle 1", 1,
                                   languages=["fr", "tr"])
    first = office.workshops.register(workshop.id, name="Fatima")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, lang)
        await pilot.press("3")  # Home: workshops
        await settle(pilot)
        assert isinstance(app.screen, workshop_screens.WorkshopListScreen)
        assert tr("Complet : vous pouvez vous inscrire sur la liste d'attente.") in str(
            app.screen.query_one(f"#workshop-{workshop.id}").label)
        await pilot.click(f"#workshop-{workshop.id}")
        await settle(pilot)
        assert isinstance(app.screen, workshop_screens.WorkshopScreen)
        await pilot.click("#name")
        await pilot.press(*"Elif")
        await pilot.click("#register")
        await settle(pilot)
        if lang != "fr":
            await pilot.press("2")  # no interpreter (asked: the session is not French)
            await settle(pilot)
        assert isinstance(app.screen, workshop_screens.RegisteredScreen)
        registration = app.screen.registration
        assert registration.status == "waiting" and registration.position == 1
        assert tr("Vous êtes sur la liste d'attente.") in texts(app)
        await pilot.press("2")  # finished
        await settle(pilot)
        # the first parent cancels with their code: Elif is promoted
        await start(pilot, lang)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        await pilot.press(*first.code.lower(), "enter")
        await settle(pilot)
        assert isinstance(app.screen, workshop_screens.RegistrationDetailScreen)
        await pilot.press("1")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert tr("Votre inscription est annulée. Merci d'avoir prévenu.") in texts(app)
    promoted = office.workshops.registration_by_code(registration.code)
    assert promoted is not None and promoted.status == "registered" and promoted.promoted
    assert registration.code in {n.code for n in office.notices.to_notify()}


async def test_move_by_code_and_ticket(make_app: Any, demo_services: Services) -> None:
    from screens.ticket import TicketScreen

    app = make_app()
    office = demo_services.booking
    petit = office.people.find_person("M. Petit")
    assert petit is not None
    slots = office.slots.free_slots(petit.id)
    booking = office.appointments.book(slots[0].id, child="Hana", child_class="CE2", language="ar")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "ar")
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        await pilot.press(*booking.code, "enter")
        await settle(pilot)
        assert isinstance(app.screen, code_screens.BookingDetailScreen)
        await pilot.press("1")  # change the time
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChooseDayScreen)
        await pilot.press("1")
        await settle(pilot)
        target = office.slots.free_slots(petit.id, slots[0].day)[0]
        await pilot.click(f"#slot-{target.id}")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.SummaryScreen)  # checked first
        await pilot.press("1")  # I confirm
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.BookedScreen) and app.screen.moved
        await pilot.press("1")  # my ticket
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.ticket.qr and booking.code in app.screen.ticket.qr
    moved = office.appointments.booking_by_code(booking.code)
    assert moved is not None and moved.slot_id == target.id and moved.code == booking.code


async def test_storage_error_is_a_kind_message(make_app: Any, demo_services: Services,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.core.store import StoreBusy

    def busy(*args: Any, **kwargs: Any) -> Any:
        raise StoreBusy("occupé")

    app = make_app()
    office = demo_services.booking
    workshop = office.workshops.upcoming()[0]
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "tr")
        await pilot.press("3")
        await settle(pilot)
        await pilot.click(f"#workshop-{workshop.id}")
        await settle(pilot)
        await pilot.click("#name")
        await pilot.press(*"Elif")
        # the language changes in the middle: what was typed stays
        await app.set_language("fr")
        await settle(pilot)
        assert app.screen.query_one("#name", Input).value == "Elif"
        monkeypatch.setattr(office.workshops, "register", busy)
        await pilot.click("#register")
        await settle(pilot)
        assert isinstance(app.screen, workshop_screens.WorkshopScreen)
        assert "n'a pas pu être enregistré" in texts(app)
        assert not app.screen.query_one("#register").disabled  # they can try again


@pytest.mark.parametrize("lang", ["ar", "fa"])
async def test_field_labels_are_shaped_and_right_aligned(make_app: Any, demo_services: Services,
                                                         lang: str) -> None:
    app = make_app()
    tr = demo_services.i18n.translator(lang)
    async with start_at(app, at_details(app), size=SIZE, language=lang):
        rows = screen_text(app).splitlines()
        for msgid in ("Prénom de l'enfant", "Classe de l'enfant",
                      "Votre téléphone (si vous voulez)"):
            shown = app.visual(tr(msgid))
            assert shown != tr(msgid)  # reordered and shaped for the terminal
            row = next(r for r in rows if shown in r)
            assert row.rstrip().endswith(shown)  # on the reading side (right)


@pytest.mark.parametrize("lang", ["ar", "zh"])
async def test_a_paste_longer_than_a_field_is_refused_with_a_message(
        make_app: Any, demo_services: Services, lang: str) -> None:
    from textual import events

    from screens.widgets import TOO_LONG

    app = make_app()
    tr = demo_services.i18n.translator(lang)
    async with start_at(app, at_details(app), size=SIZE, language=lang) as pilot:
        child = app.screen.query_one("#child", Input)
        notice = app.screen.query_one("#child-error", Notice)
        await pilot.press(*"Amina")
        assert not notice.display
        app.post_message(events.Paste("A" * 10_000))
        await settle(pilot)
        assert child.value == "Amina"  # nothing lost, nothing half-added
        assert notice.display
        assert str(notice.render()) == app.visual(tr(TOO_LONG).format(count=60))
        assert tr(TOO_LONG) != TOO_LONG  # in the parent's language, not French

        # The phone field has its own limit and its own message line.
        app.screen.query_one("#phone", Input).focus()
        app.post_message(events.Paste("0" * 31))
        await settle(pilot)
        phone_notice = app.screen.query_one("#phone-error", Notice)
        assert str(phone_notice.render()) == app.visual(tr(TOO_LONG).format(count=30))

        # The parent goes on with the name typed.
        app.screen.query_one("#phone", Input).value = ""
        await click(pilot, "#class-0")
        await click(pilot, "#details-next")
        await settle(pilot)
        assert isinstance(app.screen, InterpreterModal)
        await pilot.press("1")  # Oui
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.SummaryScreen), texts(app)
        assert tr("Interprète demandé") in texts(app)


async def test_a_code_too_long_is_refused_with_a_message(make_app: Any,
                                                         demo_services: Services) -> None:
    from textual import events

    from screens.widgets import TOO_LONG

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "fr")
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("0")  # I have a code
        await settle(pilot)
        await pilot.press(*"K7M2QX")
        app.post_message(events.Paste("K7M 2QX K7M 2QX"))
        await settle(pilot)
        assert app.screen.query_one("#code", Input).value == "K7M2QX"
        assert TOO_LONG.format(count=12) in texts(app)


async def test_a_ticket_that_cannot_be_read_is_said_not_crashed(
        make_app: Any, demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ticket is built in a worker (it reads the person and the calendar): storage that
    fails then is said in the parent's language, on the screen that has the code."""
    from kiosk.core.store import StorageError
    from screens.booking_parts import SAVE_FAILED

    app = make_app()
    office = demo_services.booking
    slot = office.slots.free_slots(office.slots.people_with_free_slots()[0][0].id)[0]
    booking = office.appointments.book(slot.id, child="Hana", child_class="CE2", language="tr")
    tr = demo_services.i18n.translator("tr")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "tr")
        await app.push_screen(booking_screens.BookedScreen(app.screen_context, booking))
        await settle(pilot)

        def unreadable(person_id: str) -> None:
            raise StorageError("disk gone")

        monkeypatch.setattr(office.people, "person", unreadable)
        await pilot.press("1")  # my ticket
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.BookedScreen)
        notice = app.screen.query_one("#booked-notice", Notice)
        assert notice.display and tr(SAVE_FAILED) in str(notice.render())
