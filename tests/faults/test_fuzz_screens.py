"""Bad input end to end (issue 9, "Bad input"): on the screen, on paper, in the exports.

The nasty strings of :mod:`tests.faults.test_fuzz` (emoji, combining marks, right-to-left and
zero-width marks, NUL and escape sequences, markup, 10,000 characters) are put where they really
arrive:

* **on the screen** (Textual Pilot) — typed or pasted by a parent into the booking details and
  the workshop registration; written by staff as an announcement and its translation; imported
  from CSV (slots, workshops) and shown to parents and to staff. Nothing crashes, no markup is
  interpreted, no control character reaches the rendered screen, and a refused input is
  explained in the parent's language with what they typed still in the field;
* **on paper** — the tickets of those bookings and registrations through python-escpos's Dummy
  printer: nothing but the printer's own commands in the bytes, and a PNG preview;
* **in the exports** — CSV for a spreadsheet (appointments, registrations and attendance,
  questionnaire responses, audit log) reads back as stored, with no cell a spreadsheet would run
  as a formula; the announcements' PO file re-imports to the same text.

Pilot tests are slow: each hypothesis example drives one app through a few strings, and the
nastiest strings are explicit examples.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image
from textual import events
from textual.widgets import DataTable, Input, TextArea

from kiosk.announcements.model import AnnouncementError, Status, check_text, check_title
from kiosk.booking.model import ImportRefused, InputProblem, StaffError
from kiosk.booking.parent_text import clean_name, clean_phone
from kiosk.core.display import isolate
from kiosk.core.i18n import I18n
from kiosk.core.spreadsheet import FORMULA_STARTS
from kiosk.core.text import strip_controls
from kiosk.printing.esc_pos import render_escpos
from kiosk.printing.fonts import FontSet
from kiosk.printing.paper import paper_for
from kiosk.services import Services
from kiosk.tickets import (
    Ticket,
    appointment_ticket,
    appointments_list_ticket,
    attendance_ticket,
    workshop_ticket,
)
from screens import booking as booking_screens
from screens import booking_code as code_screens
from screens import workshops as workshop_screens
from screens.interpreter import InterpreterModal
from screens.widgets import BigButton, Notice, Paragraph, one_line
from tests.faults.test_fuzz import FIXTURES, nasty
from tests.support import new_app, pop_to_base, screen_strips, settle, wait_for

SIZE = (110, 40)
STAFF_SIZE = (130, 50)
#: Parent languages drawn by the tests: left-to-right and right-to-left, Latin and not.
LANGS = ["fr", "ar", "tr", "uk", "zh", "fa"]
#: What must never be in a row of the rendered screen: C0 and C1 controls (a row is one line,
#: so newline and tab too), DEL, and Unicode's line and paragraph separators.
NOT_ON_SCREEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: Bidi embeddings and overrides: the display function reorders, then drops them.
OVERRIDES = re.compile("[\u202a-\u202e]")
#: The nastiest strings, always tried.
LONG = "A" * 10_000
FAMILY = "👨\u200d👩\u200d👧\u200d👦"
RLO = "\u202eAmina"
MARKUP = "[bold]x[/]"
LINK = "[link=http://x.example]lien[/link]"
CLICK = "[@click=app.quit]quitter[/]"


# --- helpers ----------------------------------------------------------------------------------


def run(scenario: Callable[[], Any]) -> None:
    """Run an async scenario from a (hypothesis) test."""
    asyncio.run(scenario())


def screen_text(app: Any) -> str:
    """What the terminal shows, row by row (as :func:`kiosk.bench.soak_probe.screen_text`), after
    checking every row: no control character, no link and no action taken from text."""
    rows = []
    for strip in screen_strips(app):
        text = strip.text
        found = NOT_ON_SCREEN.search(text)
        assert found is None, f"{found.group()!r} reaches the screen: {text!r}"
        for segment in strip:
            style = segment.style
            if style is not None:
                assert not style.link, f"a link on screen: {segment!r}"
                assert "@click" not in style.meta, f"an action on screen: {segment!r}"
        rows.append(text)
    return "\n".join(rows)


def shown_texts(app: Any) -> list[str]:
    """What the kiosk's own text widgets show (after the display function)."""
    found = [str(p.render()) for p in app.screen.query(Paragraph)]
    found += [str(b.label) for b in app.screen.query(BigButton)]
    found += [str(n.render()) for n in app.screen.query(Notice) if n.display]
    return found


def check_screen(app: Any) -> str:
    """Every check of a shown screen; returns its text."""
    text = screen_text(app)
    if app.services.i18n.bidi == "app":
        for shown in shown_texts(app):
            assert not OVERRIDES.search(shown), f"a bidi override left in {shown!r}"
    return text


def outcome(check: Callable[[str], str], value: str) -> tuple[str, str]:
    """(cleaned value, "") or ("", the refusal's French msgid)."""
    try:
        return check(value), ""
    except InputProblem as problem:
        return "", problem.message


def slot_for(services: Services, person_name: str, classes: Sequence[str]) -> tuple[str, str]:
    office = services.booking
    person = office.people.find_person(person_name) or office.people.add_person(
        person_name, "enseignante", classes)
    free = office.slots.free_slots(person.id)
    slot = free[0] if free else office.slots.add_slot(
        person.id, services.now() + dt.timedelta(days=3, hours=1), 15)
    return person.id, slot.id


def cell_of(value: str) -> str:
    """What a CSV export shows for a stored value (read back with the csv module)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# --- displayed safely: what parents type --------------------------------------------------------

#: Class names staff gave (chosen on a button, never typed by parents): spaces, accents, markup.
CLASSES = ["CE1 A", "6ème [bold]B[/]", "ULIS 🎉", "CM1-CM2"]
#: Names and phones a parent types: nasty ones, and ones that pass (to reach the summary).
names = st.one_of(nasty, st.sampled_from(["Amina", "Zoé", "علی\u200cرضا", "李明", "Jean-Luc"]))
phones = st.one_of(nasty, st.sampled_from(["", "06 12 34 56 78", "+90 532 123 45 67"]))


@settings(max_examples=4, deadline=None, suppress_health_check=FIXTURES)
@given(typed=st.lists(st.tuples(names, phones), min_size=1, max_size=2),
       lang=st.sampled_from(LANGS))
@example(typed=[(LONG, "0" * 10_000), ("A\x00B", "06 12\x00 34 56 78"), (MARKUP, LINK)],
         lang="fr")
@example(typed=[(RLO, "\u202e0612345678"), (FAMILY, ""), ("Zoe\u0301\u0301\u0301", "")],
         lang="ar")
@example(typed=[("\u200bLina\u200d", "+90 532"), ("علی\u200cرضا", "\x1b[31m06 12 34 56 78")],
         lang="fa")
def test_booking_details_typed_by_a_parent(demo_services: Services,
                                           typed: list[tuple[str, str]], lang: str) -> None:
    services = demo_services
    office = services.booking
    person_id, slot_id = slot_for(services, "Mme Fuzz", CLASSES)
    classes = list(office.people.person(person_id).classes)  # type: ignore[union-attr]
    tr = services.i18n.translator(lang)

    async def scenario() -> None:
        app = new_app(services)
        async with app.run_test(size=SIZE) as pilot:
            await app.set_language(lang)
            for number, (child, phone) in enumerate(typed):
                state = app.session.draft(booking_screens.FLOW)
                state.clear()
                state.update(person_id=person_id, slot_id=slot_id)
                await app.push_screen(booking_screens.DetailsScreen(app.screen_context))
                await settle(pilot)
                details = app.screen
                assert isinstance(details, booking_screens.DetailsScreen)
                check_screen(app)  # the class buttons: staff's names, shown literally
                child_field = details.query_one("#child", Input)
                phone_field = details.query_one("#phone", Input)
                child_field.value = child
                phone_field.value = phone
                chosen = classes[number % len(classes)]
                button = details.query(".booking-class")[number % len(classes)]
                assert isinstance(button, BigButton) and button.text == chosen
                button.press()
                phone_field.focus()
                await pilot.press("enter")  # the keyboard's way to "Continue"
                await settle(pilot)
                # What the parent typed stays in the fields, less the control characters.
                assert child_field.value == one_line(child)
                assert phone_field.value == one_line(phone)
                name, name_problem = outcome(clean_name, child_field.value)
                tel, phone_problem = outcome(clean_phone, phone_field.value)
                if name_problem or phone_problem:
                    assert app.screen is details
                    for notice_id, problem in (("#child-error", name_problem),
                                               ("#phone-error", phone_problem)):
                        notice = details.query_one(notice_id, Notice)
                        assert notice.display == bool(problem)
                        if problem:  # in the parent's language, through the display function
                            assert str(notice.render()) == app.visual(tr(problem))
                    check_screen(app)
                    if child == MARKUP:  # in the field as typed, never as bold
                        await wait_for(pilot, lambda: MARKUP in screen_text(app))
                        assert MARKUP in check_screen(app)
                    await pop_to_base(app)
                    continue
                if lang != "fr":  # asked whether they would like an interpreter: yes
                    assert isinstance(app.screen, InterpreterModal)
                    check_screen(app)
                    await pilot.press("1")
                    await settle(pilot)
                assert isinstance(app.screen, booking_screens.SummaryScreen)
                line = tr("Enfant : {child}, classe {child_class}").format(
                    child=isolate(name), child_class=isolate(chosen))
                assert line in [p.text for p in app.screen.query(Paragraph)]
                check_screen(app)
                await pilot.press("1")  # I confirm
                await settle(pilot)
                booked = app.screen
                assert isinstance(booked, booking_screens.BookedScreen)
                assert (booked.booking.child, booked.booking.child_class,
                        booked.booking.phone) == (name, chosen, tel)
                check_screen(app)
                await pilot.press("1")  # my ticket: composed from the booking, printed
                await settle(pilot)
                ticket = app.screen.ticket  # type: ignore[attr-defined]
                assert any(name in t for t in ticket.texts())
                check_screen(app)
                check_printed(ticket)
                office.appointments.cancel_booking(booked.booking.code)
                await pop_to_base(app)

    run(scenario)


@settings(max_examples=4, deadline=None, suppress_health_check=FIXTURES)
@given(typed=st.lists(st.tuples(names, phones), min_size=1, max_size=2),
       lang=st.sampled_from(LANGS))
@example(typed=[(LONG, ""), ("Mei\x1b[2J", "06 12 34 56 78"), (CLICK, ""),
                ("李明\x00", "+90 532 123 45 67")], lang="zh")
@example(typed=[("\u200fمحمد\u200e", ""), ("Nadia 🎉", ""), ("\u202eNadia", ""),
                ("Zoe\u0301\u0301 O'Neil", "06\x0012\x1b34 56 78")], lang="ar")
def test_workshop_registration_typed_by_a_parent(demo_services: Services,
                                                 typed: list[tuple[str, str]],
                                                 lang: str) -> None:
    services = demo_services
    office = services.booking
    workshop = next((w for w in office.workshops.upcoming() if w.title == "Atelier fuzz"),
                    None) or office.workshops.add_workshop("Atelier fuzz", services.now()
                                                 + dt.timedelta(days=4), 60, "Salle 1", 500)
    tr = services.i18n.translator(lang)

    async def scenario() -> None:
        app = new_app(services)
        async with app.run_test(size=SIZE) as pilot:
            await app.set_language(lang)
            for name_typed, phone_typed in typed:
                state = app.session.draft(workshop_screens.FLOW)
                state.clear()
                state["workshop_id"] = workshop.id
                await app.push_screen(workshop_screens.WorkshopScreen(app.screen_context))
                await settle(pilot)
                form = app.screen
                name_field = form.query_one("#name", Input)
                phone_field = form.query_one("#phone", Input)
                name_field.focus()
                app.post_message(events.Paste(name_typed))  # pasted: first line only
                await settle(pilot)
                phone_field.value = phone_typed
                phone_field.focus()
                await pilot.press("enter")
                await settle(pilot)
                pasted = name_typed.splitlines()[0] if name_typed.splitlines() else ""
                if len(pasted) > 60:
                    pasted = ""  # longer than the field: the paste is refused as a whole
                assert name_field.value == one_line(pasted)
                assert phone_field.value == one_line(phone_typed)
                name, name_problem = outcome(clean_name, name_field.value)
                tel, phone_problem = outcome(clean_phone, phone_field.value)
                if name_problem or phone_problem:
                    assert app.screen is form
                    for notice_id, problem in (("#name-error", name_problem),
                                               ("#phone-error", phone_problem)):
                        notice = form.query_one(notice_id, Notice)
                        assert notice.display == bool(problem)
                        if problem:
                            assert str(notice.render()) == app.visual(tr(problem))
                    check_screen(app)
                    if pasted == CLICK:  # in the field as pasted, never as an action
                        await wait_for(pilot, lambda: CLICK in screen_text(app))
                        assert CLICK in check_screen(app)
                    await pop_to_base(app)
                    continue
                if lang != "fr":  # asked whether they would like an interpreter: yes
                    assert isinstance(app.screen, InterpreterModal)
                    check_screen(app)
                    await pilot.press("1")
                    await settle(pilot)
                registered = app.screen
                assert isinstance(registered, workshop_screens.RegisteredScreen)
                registration = registered.registration
                assert (registration.name, registration.phone) == (name, tel)
                assert registration.interpreter is (lang != "fr")
                check_screen(app)
                await pilot.press("1")  # my ticket
                await settle(pilot)
                ticket = app.screen.ticket  # type: ignore[attr-defined]
                assert any(name in t for t in ticket.texts())
                check_screen(app)
                office.workshops.cancel_registration(registration.code)
                await pop_to_base(app)

    run(scenario)


async def test_typed_keys_and_a_pasted_escape_sequence(make_app: Callable[..., Any],
                                                       demo_services: Services) -> None:
    """The keyboard's own path: printable keys land in the field; a paste keeps its text but
    never its control characters; the message of a refusal is in the parent's language."""
    person_id, slot_id = slot_for(demo_services, "Mme Fuzz", CLASSES)
    tr = demo_services.i18n.translator("uk")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.set_language("uk")
        app.session.draft(booking_screens.FLOW).update(person_id=person_id, slot_id=slot_id)
        await app.push_screen(booking_screens.DetailsScreen(app.screen_context))
        await settle(pilot)
        field = app.screen.query_one("#child", Input)
        await pilot.press(*"Zoé")
        app.post_message(events.Paste("e\u0301\x1b[31m\x00🎉\x9b2J"))
        await settle(pilot)
        assert field.value == "Zoée\u0301[31m🎉2J"
        await pilot.press("enter", "enter")
        await settle(pilot)
        notice = app.screen.query_one("#child-error", Notice)
        message = tr("Un prénom s'écrit avec des lettres seulement.")
        assert message != "Un prénom s'écrit avec des lettres seulement."
        assert str(notice.render()) == app.visual(message)
        assert field.value == "Zoée\u0301[31m🎉2J"  # kept, to be corrected
        check_screen(app)


# --- displayed safely: what staff write ------------------------------------------------------


@settings(max_examples=3, deadline=None, suppress_health_check=FIXTURES)
@given(title=nasty, text=nasty, tr_title=nasty, tr_text=nasty,
       lang=st.sampled_from(["ar", "uk", "zh", "fa", "tr"]))
@example(title=f"{MARKUP} {LINK}", text="Début \x1b[31mrouge\x1b[0m\x00\n" + CLICK + "\u2028fin",
         tr_title="\u202eعنوان", tr_text="نص \u200f(Esc)\u200e " * 300, lang="ar")
@example(title=FAMILY + " Zalgo\u0336\u0337", text="é" * 10_000, tr_title="A\x00B",
         tr_text="李明" * 50 + "\u0085\u009b", lang="zh")
def test_announcement_written_by_staff_and_read_by_parents(demo_services: Services,
                                                           title: str, text: str,
                                                           tr_title: str, tr_text: str,
                                                           lang: str) -> None:
    from screens.announcements import AnnouncementListScreen, AnnouncementScreen
    from screens.staff.announcements import AnnouncementEditorScreen, TranslationEditorScreen

    services = demo_services
    book = services.announcements

    async def scenario() -> None:
        app = new_app(services)
        async with app.run_test(size=STAFF_SIZE) as pilot:
            await app.open_staff_area()
            await app.push_screen(AnnouncementEditorScreen(app.screen_context, None))
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, AnnouncementEditorScreen)
            editor.query_one("#editor-title", Input).value = title
            editor.query_one("#editor-text", TextArea).text = text
            editor.query_one("#editor-urgent").value = True  # type: ignore[attr-defined]
            check_screen(app)  # the fields never show a control character
            await pilot.press("ctrl+s")
            try:
                expected = (check_title(one_line(title)), check_text(text))
            except AnnouncementError as error:
                problem, message = str(error), editor.query_one("#editor-message")
                await wait_for(pilot, lambda: problem in str(message.render()))
                assert problem in str(message.render())
                assert editor.query_one("#editor-title", Input).value == one_line(title)
                check_screen(app)
                return
            await wait_for(pilot, lambda: editor.announcement is not None)
            saved = editor.announcement
            assert saved is not None and (saved.title, saved.text) == expected
            check_screen(app)
            editor.query_one("#editor-lang").value = lang  # type: ignore[attr-defined]
            await settle(pilot)
            await pilot.click("#editor-translate")
            await settle(pilot)
            translator = app.screen
            assert isinstance(translator, TranslationEditorScreen)
            check_screen(app)  # the French beside the fields
            translator.query_one("#translation-title", Input).value = tr_title
            translator.query_one("#translation-text", TextArea).text = tr_text
            await pilot.press("ctrl+s")
            try:
                translated = (check_title(one_line(tr_title), "Le titre traduit"),
                              check_text(tr_text, "Le texte traduit"))
            except AnnouncementError as error:
                problem, message = str(error), translator.query_one("#translation-message")
                await wait_for(pilot, lambda: problem in str(message.render()))
                assert problem in str(message.render())
                assert translator.query_one("#translation-title", Input).value == one_line(
                    tr_title)
                translated = None
            else:
                await wait_for(pilot, lambda: app.screen is editor)
                stored = book.get(saved.id)
                assert stored is not None and stored.status(lang) is Status.TRANSLATED
                assert (stored.translations[lang].title,
                        stored.translations[lang].text) == translated
            check_screen(app)
            await app.leave_staff_area()
            await app.set_language(lang)
            await app.push_screen(AnnouncementListScreen(app.screen_context))
            await settle(pilot)
            listed = [b for b in app.screen.query(BigButton)
                      if b.has_class("announcement-item")]
            shown_title = translated[0] if translated else saved.title
            assert shown_title in [b.text for b in listed]
            check_screen(app)
            current = book.get(saved.id)
            assert current is not None
            await app.push_screen(AnnouncementScreen(app.screen_context, current))
            await settle(pilot)
            body = app.screen.query_one("#announcement-text", Paragraph)
            assert body.text == (translated[1] if translated else saved.text)
            check_screen(app)
            await app.set_language("fr")
            if title.startswith(MARKUP):  # the French title, as written, once redrawn
                await wait_for(pilot, lambda: MARKUP in screen_text(app))
                screen = check_screen(app)
                assert MARKUP in screen and LINK in screen
            await settle(pilot)
            check_screen(app)
            book.remove(saved.id)

    run(scenario)


# --- displayed safely: what staff import from CSV --------------------------------------------


def quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@settings(max_examples=2, deadline=None, suppress_health_check=FIXTURES)
@given(person=nasty, place=nasty, title=nasty, description=nasty, child=nasty)
@example(person=f"Mme {MARKUP} 🎉", place="\x1b[31mSalle\u202e 3", title=f"=1+1 {LINK}",
         description=CLICK + "\x00", child="Zoé")
@example(person="M. " + "é" * 70, place=LONG, title="\u200fمحمد\u200e " * 20,
         description="\u200b" * 600, child="\u202eAmina")
def test_imported_names_shown_to_parents_and_staff(demo_services: Services, person: str,
                                                   place: str, title: str, description: str,
                                                   child: str) -> None:
    from screens.staff import booking as staff
    from screens.staff import workshops as workshop_staff

    services = demo_services
    office = services.booking
    day = services.today() + dt.timedelta(days=5)
    first = dt.datetime.combine(day, dt.time(8), tzinfo=office.tz) + dt.timedelta(
        minutes=30 * len(office.slots.all()))
    # People are added by staff; their slots and the workshops come from CSV files.
    try:
        who = office.people.add_person(person, "enseignante", ["CE1"])
    except StaffError:
        who = office.people.find_person(person) or office.people.find_person("Mme Repli") \
            or office.people.add_person("Mme Repli", "enseignante", ["CE1"])
    slots_csv = "personne;date;heure;duree;lieu\n" + "".join(
        ";".join([quoted(who.name), f"{day:%d/%m/%Y}", f"{start:%H:%M}", "15", quoted(place)])
        + "\n" for start in (first, first + dt.timedelta(minutes=15)))
    try:
        slot, free = office.transfer.import_slots(slots_csv)
    except ImportRefused as refused:
        assert refused.problems
        slot, free = (office.slots.add_slot(who.id, start, 15)
                      for start in (first, first + dt.timedelta(minutes=15)))
    assert strip_controls(slot.place) == slot.place == free.place
    workshops_csv = ("titre;description;date;heure;duree;lieu;places\n"
                     + ";".join([quoted(title), quoted(description), f"{day:%d/%m/%Y}",
                                 "09:00", "90", quoted(place), "10"]) + "\n")
    try:
        (workshop,) = office.transfer.import_workshops(workshops_csv)
    except ImportRefused as refused:
        assert refused.problems
        workshop = office.workshops.add_workshop("Atelier repli", dt.datetime.combine(
            day, dt.time(9), tzinfo=office.tz), 90, "", 10)
    try:
        kid = clean_name(child)
    except InputProblem:
        kid = "Lina"
    booking = office.appointments.book(slot.id, child=kid, child_class="CE1")
    registration = office.workshops.register(workshop.id, name=kid)
    office.workshops.set_attendance(registration.id, "present")

    async def scenario() -> None:
        app = new_app(services)
        async with app.run_test(size=SIZE) as pilot:
            await app.set_language("ar")
            state = app.session.draft(booking_screens.FLOW)
            state.update(person_id=who.id, day=day.isoformat(), slot_id=slot.id)
            parent_screens: list[Any] = [booking_screens.ChoosePersonScreen(app.screen_context),
                                         booking_screens.ChooseSlotScreen(app.screen_context),
                                         code_screens.BookingDetailScreen(
                                             app.screen_context, booking)]
            for screen in parent_screens:
                await app.push_screen(screen)
                await settle(pilot)
                check_screen(app)
            app.session.draft(workshop_screens.FLOW)["workshop_id"] = workshop.id
            parent_screens = [workshop_screens.WorkshopListScreen(app.screen_context),
                              workshop_screens.RegistrationDetailScreen(
                                  app.screen_context, registration)]
            for screen in parent_screens:
                await app.push_screen(screen)
                await settle(pilot)
                check_screen(app)
            assert any(who.name in b.text and b.id == f"person-{who.id}"
                       for b in app.screen_stack[1].query(BigButton))
            await app.open_staff_area()
            await settle(pilot)
            await app.push_screen(staff.AppointmentsStaffScreen(app.screen_context))
            await settle(pilot)
            app.screen.query_one("#day", Input).value = f"{day:%d/%m/%Y}"
            app.screen.reload()  # type: ignore[attr-defined]
            await settle(pilot)
            day_table = app.screen.query_one("#day-table", DataTable)
            row = day_table.get_row(slot.id)
            assert [str(c) for c in row[1:4]] == [who.name, kid, "CE1"]
            if MARKUP in who.name:  # shown as written, never as bold
                await wait_for(pilot, lambda: MARKUP in screen_text(app))
                assert MARKUP in check_screen(app)
            check_screen(app)
            await app.push_screen(workshop_staff.WorkshopsStaffScreen(app.screen_context))
            await settle(pilot)
            if LINK in workshop.title:  # shown as written, never as a link
                await wait_for(pilot, lambda: LINK in screen_text(app))
                assert LINK in check_screen(app)
            check_screen(app)
            await app.push_screen(workshop_staff.WorkshopStaffScreen(app.screen_context,
                                                                     workshop.id))
            await settle(pilot)
            check_screen(app)
            regs = app.screen.query_one("#registrations-table", DataTable)
            assert str(regs.get_row(registration.id)[0]) == kid
            # The slot cancelled: the family to call is on the dashboard.
            office.slots.cancel_slot(slot.id)
            await pop_to_base(app)
            app.screen.refresh(recompose=True)
            await settle(pilot)
            check_screen(app)

    run(scenario)
    office.workshops.cancel_workshop(workshop.id)


def test_a_bidi_override_never_leaks_out_of_its_line_in_a_terminal_that_reorders() -> None:
    app_mode = I18n(["fr", "ar"], bidi="app")
    terminal = I18n(["fr", "ar"], bidi="terminal")
    for text in (RLO, "abc\u202bdef", "\u2067x", "\u200fمحمد\u200e", "Zoé\u202d"):
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f]",
                             app_mode.display(text) + "".join(app_mode.display_lines(text, 5)))
        shown = terminal.display(text)
        opened = sum(shown.count(c) for c in "\u202a\u202b\u202d\u202e")
        assert shown.count("\u202c") == opened
        assert shown.count("\u2069") == sum(shown.count(c) for c in "\u2066\u2067\u2068")
        assert strip_controls(text) in shown
    # A line separator is a line break, on screen as on paper.
    assert app_mode.display_lines("a\u2028b\u2029c", 10) == ["a", "b", "c"]


# --- printed safely -----------------------------------------------------------------------------

ESC, GS = 0x1B, 0x1D
#: The printer's own commands python-escpos sends, with their number of parameter bytes.
COMMANDS = {b"\x1b@": 0, b"\x1b!": 1, b"\x1bE": 1, b"\x1bM": 1, b"\x1ba": 1, b"\x1bt": 1,
            b"\x1bd": 1, b"\x1dV": 1}


def escpos_tokens(data: bytes) -> list[tuple[str, bytes]]:
    """Split ESC/POS bytes into ("command", bytes) and ("text", bytes); raster images and
    QR codes are skipped by their length. An unknown command fails the test."""
    out: list[tuple[str, bytes]] = []
    i = 0
    while i < len(data):
        if data[i] not in (ESC, GS):
            j = i
            while j < len(data) and data[j] not in (ESC, GS):
                j += 1
            out.append(("text", data[i:j]))
            i = j
            continue
        head = data[i:i + 2]
        if head == b"\x1dv":  # GS v 0 m xL xH yL yH + image
            xl, xh, yl, yh = data[i + 4:i + 8]
            out.append(("command", head))
            i += 8 + (xl + 256 * xh) * (yl + 256 * yh)
        elif head == b"\x1d(":  # GS ( k pL pH + data (QR code)
            out.append(("command", head))
            i += 5 + data[i + 3] + 256 * data[i + 4]
        else:
            assert head in COMMANDS, f"unknown printer command {data[i:i + 4]!r} at {i}"
            out.append(("command", head))
            i += 2 + COMMANDS[head]
    return out


def check_printed(ticket: Ticket, fonts: FontSet | None = None, *,
                  profiles: Sequence[tuple[str, bool]] = (("TM-T20II", True),)) -> None:
    """The ticket's ESC/POS bytes (for each printer profile and native QR support) hold only
    the printer's commands, each at the start of a line (a code page change may come inside
    one), and text without control bytes; the PNG preview renders."""
    fonts = fonts or FontSet()
    for profile, native in profiles:
        data = render_escpos(ticket, paper_for(80), fonts, profile, native_qr=native)
        line_start = True
        for kind, chunk in escpos_tokens(data):
            if kind == "text":
                assert not re.search(rb"[\x00-\x09\x0b-\x1f]", chunk), chunk
                line_start = chunk.endswith(b"\n")
            else:
                assert line_start or chunk == b"\x1bt", f"{chunk!r} inside a line"
        assert data.startswith(b"\x1b@") and data.rstrip(b"\x00\x01").endswith(b"\x1dV")
    from kiosk.printing.raster import png_bytes, render_preview

    png = png_bytes(render_preview(ticket, paper_for(58), fonts).image)
    image = Image.open(io.BytesIO(png))
    assert image.width == paper_for(58).pixels and image.getextrema()[0] == 0  # some ink


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet()


@settings(max_examples=6, deadline=None, suppress_health_check=FIXTURES)
@given(child=nasty, name=nasty, title=nasty, place=nasty, lang=st.sampled_from(LANGS))
@example(child="A\x00B\x1b@\x1dV\x00", name="Nadia\x1b!\x30", title="=cmd|' /C calc'!A0",
         place="Salle\x07 1\x0c", lang="fr")
@example(child=RLO, name=FAMILY, title="Zalgo\u0336\u0337\u0338\u0489 " * 10, place=LONG,
         lang="ar")
def test_tickets_of_nasty_names_print_safely(services: Services, fonts: FontSet, child: str,
                                             name: str, title: str, place: str,
                                             lang: str) -> None:
    office = services.booking
    person = office.people.find_person("Mme Fuzz") or office.people.add_person(
        "Mme Fuzz", "enseignante", ["CE1"])
    start = services.now() + dt.timedelta(days=3, minutes=15 * len(office.slots.all()))
    slot = office.slots.add_slot(person.id, start, 15, place=place[:200])
    try:
        workshop = office.workshops.add_workshop(title, start, 60, place[:200], 10)
    except StaffError:
        workshop = office.workshops.add_workshop("Atelier", start, 60, place[:200], 10)
    kid = outcome(clean_name, child)[0] or "Lina"
    booking = office.appointments.book(slot.id, child=kid, child_class="CE1")
    parent = outcome(clean_name, name)[0] or "Ana"
    registration = office.workshops.register(workshop.id, name=parent)
    tr = services.i18n.translator(lang)
    # The tickets as the parent screens and the staff lists compose them.
    tickets = [
        appointment_ticket(services.ticket_context, lang, person=person.name,
                           role=tr(person.role_label),
                           start=booking.start, minutes=booking.minutes,
                           place=booking.place or services.config.school.name,
                           mode=booking.mode, link=booking.link, child=booking.child,
                           code=booking.code, qr=office.calendar.booking_qr(booking, tr)),
        workshop_ticket(services.ticket_context, lang, title=workshop.title, start=workshop.start,
                        minutes=workshop.minutes, place=workshop.place or "École",
                        name=registration.name, code=registration.code,
                        waitlist_position=None,
                        qr=office.calendar.workshop_qr(workshop, registration, tr)),
        appointments_list_ticket(services.ticket_context, person=person.name, day=start.date(),
                                 rows=[(start.time(), f"{child} ({booking.child_class})",
                                        place)]),
        attendance_ticket(services.ticket_context, title=workshop.title, start=workshop.start,
                          rows=[(name, "présent")]),
    ]
    assert any(kid in t for t in tickets[0].texts())
    assert any(parent in t for t in tickets[1].texts())
    for number, ticket in enumerate(tickets):
        assert all(strip_controls(t) == t for t in ticket.texts())
        # A printer with its own QR codes and code pages, and one without (QR as an image).
        check_printed(ticket, fonts, profiles=[(("TM-T20II", True), ("", False))[number % 2]])
    office.appointments.cancel_booking(booking.code)


def test_the_calendar_in_a_qr_code_keeps_its_lines(services: Services) -> None:
    """A place stored before line separators were cleaned (a restored file) cannot start a new
    calendar property in the QR code of a ticket."""
    office = services.booking
    person = office.people.add_person("Mme Fuzz", "enseignante", ["CE1"])
    slot = office.slots.add_slot(person.id, services.now() + dt.timedelta(days=3), 15)
    booking = office.appointments.book(slot.id, child="Lina", child_class="CE1")
    legacy = dataclasses.replace(booking, place="Salle\u2028END:VEVENT\u2029BEGIN:VALARM\x1b")
    tr = services.i18n.translator("fr")
    ticket = appointment_ticket(services.ticket_context, "fr", person=person.name, role="",
                                start=legacy.start,
                                minutes=15, place=legacy.place, mode=legacy.mode, link="",
                                child=legacy.child, code=legacy.code,
                                qr=office.calendar.booking_qr(legacy, tr))
    assert ticket.qr is not None
    lines = ticket.qr.split("\n")
    assert all(re.match(r"[A-Z][A-Z-]*[;:]| ", line) for line in lines), lines
    assert [line for line in lines if line.startswith("END:VEVENT")] == ["END:VEVENT"]
    assert "BEGIN:VALARM" not in lines  # the compact event has no reminder, and gets none


# --- exported correctly -------------------------------------------------------------------------


def run_cli(services: Services, *argv: str) -> int:
    from kiosk import cli

    real = cli.open_from_args
    cli.open_from_args = lambda args: services
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return cli.main(list(argv))
    finally:
        cli.open_from_args = real


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def assert_no_formula(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for value in [*row.values(), *row.keys()]:
            assert not value.startswith(FORMULA_STARTS), f"a formula for a spreadsheet: {value!r}"


@settings(max_examples=15, deadline=None, suppress_health_check=FIXTURES)
@given(child=nasty, phone=st.sampled_from(["", "+33 6 12 34 56 78", "06 12 34 56 78"]),
       person=nasty, title=nasty, place=nasty)
@example(child="-Amina", phone="+33 6 12 34 56 78", person="=HYPERLINK(\"http://x\";\"clic\")",
         title="@SUM(A1:A9)", place="+1 salle")
@example(child="Zoé 'x'", phone="", person='M. "Ali"; Sami', title="Atelier;\n\"2\",3",
         place="\t=1+1")
@example(child="علی\u200cرضا", phone="06 12 34 56 78", person="Mme " + "é" * 70,
         title=FAMILY + " " + "\u200b" * 100, place="\u202eSalle\r\n3")
def test_csv_exports_read_back_as_stored_and_run_no_formula(
    services: Services, tmp_path_factory: pytest.TempPathFactory, child: str, phone: str,
    person: str, title: str, place: str
) -> None:
    office = services.booking
    out = tmp_path_factory.mktemp("export")
    try:
        who = office.people.add_person(person, "enseignante", ["CE1"])
    except StaffError:
        who = office.people.find_person(person) or office.people.add_person(
            f"M. {len(office.people.all())}", "enseignant", ["CE1"])
    start = services.now() + dt.timedelta(days=3, minutes=15 * len(office.slots.all()))
    slot = office.slots.add_slot(who.id, start, 15, place=place[:200])
    kid = outcome(clean_name, child)[0] or "Lina"
    booking = office.appointments.book(slot.id, child=kid, child_class="CE1", phone=phone)
    try:
        workshop = office.workshops.add_workshop(title, start, 60, place[:200], 10)
    except StaffError:
        workshop = office.workshops.add_workshop("Atelier", start, 60, place[:200], 10)
    registration = office.workshops.register(workshop.id, name=kid, phone=phone)
    office.workshops.set_attendance(registration.id, "absent")
    services.audit.record("workshop.add", workshop.title)

    assert run_cli(services, "export", "bookings", "--out", str(out / "rdv.csv")) == 0
    rows = read_csv(out / "rdv.csv")
    assert_no_formula(rows)
    row = next(r for r in rows if r["code"] == booking.code)
    assert row["enfant"] == cell_of(kid) and row["telephone"] == cell_of(phone)
    assert row["personne"] == cell_of(who.name) and row["lieu"] == cell_of(slot.place)

    assert run_cli(services, "export", "workshops", "--out", str(out / "ateliers.csv")) == 0
    rows = read_csv(out / "ateliers.csv")
    assert_no_formula(rows)
    row = next(r for r in rows if r["code"] == registration.code)
    assert row["atelier"] == cell_of(workshop.title) and row["nom"] == cell_of(kid)
    assert row["lieu"] == cell_of(workshop.place) and row["presence"] == "absent"

    assert run_cli(services, "export", "audit", "--out", str(out / "journal.csv")) == 0
    rows = read_csv(out / "journal.csv")
    assert_no_formula(rows)
    assert cell_of(workshop.title) in [r["détail"] for r in rows]
    office.appointments.cancel_booking(booking.code)


def test_questionnaire_export_runs_no_formula(services: Services, tmp_path: Path) -> None:
    """A responses file from elsewhere (a restored backup) with a formula for a language."""
    responses = services.responses
    for _ in range(5):  # 5 each: enough to be exported as they are (min_group_size 5)
        responses.add_response(services.questionnaire, {}, "=cmd|' /C calc'!A0")
        responses.add_response(services.questionnaire, {}, "ar")
    assert run_cli(services, "export", "responses", "--out", str(tmp_path / "r.csv")) == 0
    rows = read_csv(tmp_path / "r.csv")
    assert_no_formula(rows)
    assert sorted(r["langue"] for r in rows) == ["'=cmd|' /C calc'!A0"] * 5 + ["ar"] * 5


@settings(max_examples=20, deadline=None, suppress_health_check=FIXTURES)
@given(title=nasty, text=nasty, tr_title=nasty, tr_text=nasty)
@example(title='"msgid" \\n \\"', text='msgstr "x"\n#, fuzzy\n\n\\', tr_title="#~ x",
         tr_text="msgctxt \"a|title\"\n")
@example(title=FAMILY + "\u2028" + MARKUP, text="é" * 8000, tr_title="\u202eعنوان",
         tr_text="word " * 1500)
@example(title="\x00", text="\x1b[31m", tr_title="A\x00B", tr_text="\u0085\u009b ok")
def test_announcement_po_export_reimports_the_same_text(services: Services, title: str,
                                                        text: str, tr_title: str,
                                                        tr_text: str) -> None:
    from babel.messages.pofile import read_po, write_po

    from kiosk.announcements.exchange import export_po, import_po

    book = services.announcements
    try:
        announcement = book.write(title=title, text=text, urgent=True)
    except AnnouncementError:
        return  # refused with its message (tests/faults/test_fuzz.py)
    data = export_po(book, "uk", now=services.now(), school="École [bold]x[/] \x00")
    catalog = read_po(io.BytesIO(data))
    messages = {m.context: m for m in catalog if m.context}
    title_message = messages[f"{announcement.id}|title"]
    text_message = messages[f"{announcement.id}|text"]
    assert (title_message.id, text_message.id) == (announcement.title, announcement.text)
    # A translator fills it in with a PO editor; the kiosk imports it.
    title_message.string, text_message.string = tr_title, tr_text
    edited = io.BytesIO()
    write_po(edited, catalog, width=76)
    report = import_po(book, edited.getvalue())
    stored = book.get(announcement.id)
    assert stored is not None
    filled = [bool(value.strip()) for value in (tr_title, tr_text)]
    if not all(filled):  # nothing translated yet, or only half of it (said, not imported)
        assert report.ok != any(filled)
        assert "uk" not in stored.translations
        book.remove(announcement.id)
        return
    try:
        expected = (check_title(tr_title, "Le titre traduit"),
                    check_text(tr_text, "Le texte traduit"))
    except AnnouncementError as error:
        assert str(error) in "\n".join(report.problems)
        assert "uk" not in stored.translations
    else:
        assert report.ok, report.problems
        translation = stored.translations["uk"]
        assert (translation.title, translation.text) == expected
        assert stored.status("uk") is Status.TRANSLATED  # the French came back unchanged
    book.remove(announcement.id)
