"""Bad input everywhere a person or a file puts text (issue 9, "Bad input").

Every call ends in success or in the module's own error with a message; a refused call leaves
the data files byte for byte as they were. Nasty strings: emoji, combining marks, right-to-left
and zero-width marks, NUL and other control characters, 10,000-character strings.
Bounded: at most 40 examples per test, the whole file runs in well under 30 s.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.announcements.book import FILE_KIND as ANNOUNCEMENTS
from kiosk.announcements.model import AnnouncementError
from kiosk.announcements.publish import qr_payload
from kiosk.announcements.reading import ticket_of
from kiosk.booking.model import BookingRefused, ImportRefused, InputProblem
from kiosk.booking.year import FILE_KIND as BOOKINGS
from kiosk.core.text import strip_controls
from kiosk.questionnaire import content as qn
from kiosk.questionnaire import loading
from kiosk.services import Services

PARIS = ZoneInfo("Europe/Paris")
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
            HealthCheck.data_too_large]

NASTY = [
    "", " ", "\x00", "A\x00B", "\x1b[31mRouge", "\u200b", "\u200bAmina\u200d", "\u202eAmina",
    "\u200fمحمد\u200e", "e\u0301\u0301\u0301", "\u0301", "Zalgo\u0336\u0337\u0338\u0489",
    "👨‍👩‍👧‍👦", "Amina 🎉", "🇫🇷🇹🇷", "\ufeffLina", "\ud7ff", "𝔄𝔪𝔦𝔫𝔞", "ﷺ",
    "李明" * 20, "A" * 10_000, "é" * 10_000, "\u200b" * 10_000, "a\nb\r\nc\td",
    "\u2028\u2029", "'; DROP TABLE slots; --", "{name}", "%s%d", "<b>x</b>", "[bold]x[/]",
    "Jean-Luc O'Neil", "\\", '"', "٠١٢٣٤٥٦٧٨٩", "０６１２３４５６７８",
]

nasty = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.lists(st.sampled_from(NASTY[:25]), max_size=4).map("".join),
    st.tuples(st.sampled_from(NASTY), st.text(max_size=20)).map(lambda t: t[0] + t[1]),
)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


def file_bytes(services: Services, kind: str) -> bytes:
    """The bytes of the data file a feature keeps its documents in, `kind` being the feature's
    own ``FILE_KIND``. The file is written first if it is not there yet (an empty transaction
    writes its header), so that "unchanged" never compares two empty reads."""
    data_file = services.store.file(kind)
    if not data_file.exists():
        with data_file.transaction():
            pass
    data = data_file.read_bytes()
    assert data, f"{data_file.path} is empty"
    return data


# --- appointments ---------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(child=nasty, child_class=nasty, phone=nasty)
@example(child="Zoe\u0301\u200b", child_class="CE1\x00", phone="06 12 34 56 78")
def test_booking_with_any_name_class_and_phone(services: Services, child: str, child_class: str,
                                               phone: str) -> None:
    office = services.booking
    person = office.people.find_person("Mme Fuzz") or office.people.add_person(
        "Mme Fuzz", "enseignante", ["CE1"])
    # A fresh slot for every example (one after the other, never overlapping).
    count = len(office.slots.all(include_cancelled=True))
    slot = office.slots.add_slot(person.id, at(1, 8) + dt.timedelta(minutes=15 * count), 15)
    before = file_bytes(services, BOOKINGS)
    try:
        booking = office.appointments.book(slot.id, child=child, child_class=child_class,
                                           phone=phone)
    except InputProblem as problem:
        assert problem.message
        assert file_bytes(services, BOOKINGS) == before
        return
    except BookingRefused as refused:
        assert refused.reason == "limit" and refused.message
        assert file_bytes(services, BOOKINGS) == before
        return
    # Saved: cleaned of control characters, found again by its code, exported as stored.
    assert "\x00" not in booking.child and "\x1b" not in booking.child_class
    assert office.appointments.booking_by_code(booking.code) == booking
    row = next(r for r in office.transfer.export_rows("bookings") if r["code"] == booking.code)
    assert row["enfant"] == booking.child and row["classe"] == booking.child_class
    office.appointments.cancel_booking(booking.code)


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(code=nasty)
def test_cancelling_with_any_typed_code(services: Services, code: str) -> None:
    before = file_bytes(services, BOOKINGS)
    try:
        office = services.booking
        office.appointments.cancel_booking(code)
    except BookingRefused as refused:
        assert refused.reason in {"unknown_code", "bad_code", "paused", "inactive"}
        assert refused.message
    assert file_bytes(services, BOOKINGS) == before


# --- workshops ------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(name=nasty, phone=nasty)
@example(name="\u200fمحمد\u200e", phone="+90 532 123 45 67")
def test_workshop_registration_with_any_name_and_phone(services: Services, name: str,
                                                       phone: str) -> None:
    office = services.booking
    workshop = next(iter(office.workshops.upcoming()), None) or office.workshops.add_workshop(
        "Atelier numérique", at(3, 9), 90, "Salle 1", 500)
    before = file_bytes(services, BOOKINGS)
    try:
        registration = office.workshops.register(workshop.id, name=name, phone=phone)
    except InputProblem as problem:
        assert problem.message
        assert file_bytes(services, BOOKINGS) == before
        return
    except BookingRefused as refused:
        assert refused.reason == "already"
        assert file_bytes(services, BOOKINGS) == before
        return
    assert strip_controls(registration.name) == registration.name
    assert any(r.code == registration.code for r in office.workshops.registrations(workshop.id))


# --- CSV imports ----------------------------------------------------------------------------

cells = st.one_of(nasty, st.sampled_from(["Mme Fuzz", "01/12/2026", "2026-12-02", "09:00",
                                          "15", "école", "visio", "", ";", ",", '"']))


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(header=st.sampled_from(["person;date;start;minutes;place;mode;link",
                               "personne;date;heure;duree;lieu", "person,date,start,minutes",
                               "", "\ufeffperson;date;start;minutes", "x;y"]),
       rows=st.lists(st.lists(cells, min_size=0, max_size=8), max_size=5),
       junk=st.one_of(st.just(""), nasty))
def test_slot_import_is_all_or_nothing(services: Services, header: str,
                                       rows: list[list[str]], junk: str) -> None:
    office = services.booking
    if office.people.find_person("Mme Fuzz") is None:
        office.people.add_person("Mme Fuzz", "enseignante", ["CE1"])
    text = "\n".join([header, *(";".join(r) for r in rows)]) + junk
    before = file_bytes(services, BOOKINGS)
    try:
        slots = office.transfer.import_slots(text)
    except ImportRefused as refused:
        assert refused.problems and all(str(p) for p in refused.problems)
        assert file_bytes(services, BOOKINGS) == before
        return
    assert slots
    assert {s.id for s in slots} <= {s.id for s in office.slots.all()}


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(title=nasty, description=nasty, place=nasty, languages=nasty,
       minutes=st.sampled_from(["90", "0", "-5", "abc", "", "١٢٠"]),
       capacity=st.sampled_from(["10", "0", "9999", "x", ""]))
@example(title="Atelier 🎉\u0301", description="\u200b" * 500, place="Salle\x00 1",
         languages="fr ar", minutes="90", capacity="10")
def test_workshop_import_is_all_or_nothing(services: Services, title: str, description: str,
                                           place: str, languages: str, minutes: str,
                                           capacity: str) -> None:
    office = services.booking

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    text = ("title;description;date;start;minutes;place;capacity;languages\n"
            + ";".join(cell(v) for v in (title, description, "05/12/2026", "09:00", minutes,
                                         place, capacity, languages)) + "\n")
    before = file_bytes(services, BOOKINGS)
    try:
        found = office.transfer.import_workshops(text)
    except ImportRefused as refused:
        assert refused.problems and all(str(p) for p in refused.problems)
        assert file_bytes(services, BOOKINGS) == before
        return
    stored = {w.id: w for w in office.workshops.all()}
    for w in found:
        assert stored[w.id].title == w.title
        assert "\x00" not in w.title + w.description + w.place


# --- announcements: write, read, print ------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES)
@given(title=nasty, text=nasty, lang=st.sampled_from(["fr", "ar", "zh", "uk", "fa"]))
@example(title="Fête 🎉\u200f\u0301", text="é\u200b👨\u200d👩\u200d👧 " * 1000, lang="ar")
@example(title="A\x00B", text="\u202eمرحبا " * 500, lang="fa")
def test_announcement_texts_are_saved_read_and_printed_safely(services: Services, title: str,
                                                              text: str, lang: str) -> None:
    book = services.announcements
    before = file_bytes(services, ANNOUNCEMENTS)
    try:
        a = book.write(title=title, text=text, urgent=True)
    except AnnouncementError as error:
        assert str(error)
        assert file_bytes(services, ANNOUNCEMENTS) == before
        return
    try:
        book.translate(a.id, lang, title, text)
    except AnnouncementError as error:
        assert str(error)
    tr = services.i18n.translator(lang)
    shown = book.reading(book.get(a.id) or a, tr)
    ticket = ticket_of(services.ticket_context, shown, qr_payload(services.config, shown))
    data, png, preview = services.printing.render(ticket)
    assert png.startswith(b"\x89PNG")
    assert "\x00" not in preview and "\x1b" not in preview
    assert data is not None
    book.remove(a.id)


# --- the questionnaire file -------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(insert=nasty, position=st.integers(0, 100_000), replace=st.booleans())
def test_questionnaire_file_with_nasty_text(tmp_path_factory: pytest.TempPathFactory,
                                            insert: str, position: int, replace: bool) -> None:
    source = qn.QUESTIONNAIRE_FILE.read_text(encoding="utf-8")
    # Inside a quoted text (after `text = "`) or anywhere in the file.
    texts = [i for i in range(len(source)) if source.startswith('text = "', i)]
    where = texts[position % len(texts)] + len('text = "') if replace else position % len(source)
    path = Path(tmp_path_factory.mktemp("q")) / "questionnaire.toml"
    path.write_bytes((source[:where] + insert + source[where:]).encode("utf-8", "surrogatepass"))
    try:
        loaded = loading.load(path)
    except qn.QuestionnaireError as error:
        assert error.describe()
        return
    assert loaded.items
    for _, text in loaded.texts():
        assert "\x00" not in text


@pytest.mark.parametrize(("typed", "kept"), [
    # Persian names are written with a zero-width non-joiner (U+200C) between their parts.
    ("علی\u200cرضا", "علی\u200cرضا"), ("مهر\u200cانگیز", "مهر\u200cانگیز"),
    ("Zoe\u0301", "Zoe\u0301"), ("Anne-Marie", "Anne-Marie"),
    # A parent who pasted a name sees only letters: invisible marks go, the name stays.
    ("\u200fمحمد\u200e", "محمد"), ("\ufeffLina", "Lina"), ("Ami\u200bna", "Amina"),
    ("\u2067Ali\u2069", "Ali"), ("\u202eYusuf\u202c", "Yusuf"),
])
def test_names_with_joiners_marks_and_invisible_marks(services: Services, typed: str,
                                                      kept: str) -> None:
    office = services.booking
    person = office.people.add_person("Mme Fuzz", "enseignante", ["CE1"])
    slot = office.slots.add_slot(person.id, at(1, 9), 15)
    assert office.appointments.book(slot.id, child=typed, child_class="CE1").child == kept
    registration = office.workshops.register(
        office.workshops.add_workshop("Atelier", at(3, 9), 60, "Salle 1", 10).id, name=typed)
    assert registration.name == kept
