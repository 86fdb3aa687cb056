"""Appointments and workshops: the domain rules (kiosk/booking/) on real files."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.booking.codes import CODE_ALPHABET, is_code_shaped, new_code, normalize_code
from kiosk.booking.feature import BookingFeature
from kiosk.booking.model import (
    BookingRefused,
    BookingStatus,
    ImportRefused,
    InputProblem,
    Person,
    RegistrationStatus,
    StaffError,
)
from kiosk.booking.parent_text import NAME_MAX, clean_name, clean_phone
from kiosk.booking.patterns import WeeklyPattern
from kiosk.core import ical
from kiosk.services import Services
from tests.support import Clock, build_services

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def office(services: Services) -> BookingFeature:
    return services.booking


@pytest.fixture
def teacher(office: BookingFeature) -> Person:
    return office.people.add_person("Mme Martin", "enseignante", ["CE1", "CE2"])


def test_book_then_slot_is_taken_for_everyone(office: BookingFeature,
                                               teacher: Person) -> None:
    slot = office.slots.add_slot(teacher.id, at(26, 16, 30), 15, place="Salle 3")
    booking = office.appointments.book(slot.id, child="Amina", child_class="CE1",
                                       phone="06 12 34 56 78")
    assert is_code_shaped(booking.code)
    assert booking.start == at(26, 16, 30)
    assert office.slots.free_slots(teacher.id) == []
    with pytest.raises(BookingRefused) as refused:
        office.appointments.book(slot.id, child="Lucas", child_class="CE2")
    assert refused.value.reason == "taken"
    assert office.appointments.booking_by_code(booking.code.lower()) == booking


def test_lead_time_and_past_slots(office: BookingFeature, teacher: Person) -> None:
    # now = 23/11 10:00, lead time 12 h: 23/11 20:00 is too soon, 24/11 09:00 is fine.
    soon = office.slots.add_slot(teacher.id, at(23, 20), 15)
    later = office.slots.add_slot(teacher.id, at(24, 9), 15)
    assert [s.id for s in office.slots.free_slots(teacher.id)] == [later.id]
    with pytest.raises(BookingRefused) as refused:
        office.appointments.book(soon.id, child="Amina", child_class="CE1")
    assert refused.value.reason == "too_soon"


def test_one_future_booking_per_family_and_person(office: BookingFeature,
                                                  teacher: Person) -> None:
    first = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    second = office.slots.add_slot(teacher.id, at(26, 16, 45), 15)
    office.appointments.book(first.id, child="Amina", child_class="CE1")
    with pytest.raises(BookingRefused) as refused:
        office.appointments.book(second.id, child="  amina ", child_class="ce1")
    assert refused.value.reason == "limit"
    # another child of the same class may book
    office.appointments.book(second.id, child="Lucas", child_class="CE1")


def test_cancel_frees_the_slot_and_move_keeps_the_code(office: BookingFeature,
                                                       teacher: Person) -> None:
    first = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    second = office.slots.add_slot(teacher.id, at(27, 17, 0), 15)
    booking = office.appointments.book(first.id, child="Amina", child_class="CE1")
    moved = office.appointments.move_booking(booking.code, second.id)
    assert moved.code == booking.code and moved.start == at(27, 17)
    assert [s.id for s in office.slots.free_slots(teacher.id)] == [first.id]
    typed = f" {booking.code[:3].lower()} {booking.code[3:]} "
    cancelled = office.appointments.cancel_booking(typed)
    assert cancelled.status == BookingStatus.CANCELLED
    assert len(office.slots.free_slots(teacher.id)) == 2
    with pytest.raises(BookingRefused) as refused:
        office.appointments.cancel_booking(booking.code)
    assert refused.value.reason == "inactive"


def test_cancelling_a_booked_slot_marks_the_family_to_notify(office: BookingFeature,
                                                             teacher: Person,
                                                             services: Services) -> None:
    slot = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    booking = office.appointments.book(slot.id, child="Amina", child_class="CE1",
                                       phone="0612345678")
    office.slots.cancel_slot(slot.id)
    notices = office.notices.to_notify()
    assert [(n.code, n.phone) for n in notices] == [(booking.code, "06 12 34 56 78")]
    assert office.appointments.booking_by_code(booking.code).status == BookingStatus.SLOT_CANCELLED  # type: ignore[union-attr]
    assert any(e.action == "slot.cancel" for e in services.audit.entries())
    office.notices.mark_notified("booking", booking.id)
    assert office.notices.to_notify() == []
    assert office.appointments.booking_by_code(booking.code) is not None  # nothing deleted


def test_weekly_pattern_across_october_dst_with_exceptions(office: BookingFeature,
                                                           teacher: Person,
                                                           clock: Clock) -> None:
    # Clocks go back on Sunday 25 October 2026 (03:00 CEST → 02:00 CET).
    pattern = WeeklyPattern(
        teacher.id, weekday=1, start=dt.time(16, 30), end=dt.time(18, 0), minutes=15,
        first_day=dt.date(2026, 10, 13), last_day=dt.date(2026, 11, 10),
        exceptions=frozenset({dt.date(2026, 11, 3)}), place="Salle 3",
    )
    starts = pattern.starts(PARIS)
    days = sorted({s.date() for s in starts})
    assert days == [dt.date(2026, 10, 13), dt.date(2026, 10, 20), dt.date(2026, 10, 27),
                    dt.date(2026, 11, 10)]
    assert len(starts) == 4 * 6
    assert {(s.hour, s.minute) for s in starts} == {
        (16, 30), (16, 45), (17, 0), (17, 15), (17, 30), (17, 45)}
    before = next(s for s in starts if s.date() == dt.date(2026, 10, 20))
    after = next(s for s in starts if s.date() == dt.date(2026, 10, 27))
    assert before.utcoffset() == dt.timedelta(hours=2)
    assert after.utcoffset() == dt.timedelta(hours=1)
    assert before.astimezone(dt.UTC).hour == 14 and after.astimezone(dt.UTC).hour == 15
    # stored and read back: still 16:30 local on both sides
    clock.current = at(1, 8, month=10)
    created = office.slots.add_pattern(pattern)
    assert len(created) == 24
    read = office.slots.all(teacher.id)
    assert [s.start for s in read] == sorted(starts)
    assert {s.start.strftime("%H:%M") for s in read if s.day == dt.date(2026, 10, 27)} >= {
        "16:30"}


def test_spring_forward_gap_moves_forward() -> None:
    pattern = WeeklyPattern("p", weekday=6, start=dt.time(2, 0), end=dt.time(3, 0), minutes=30,
                            first_day=dt.date(2027, 3, 28), last_day=dt.date(2027, 3, 28))
    starts = pattern.starts(PARIS)
    assert [s.utcoffset() for s in starts] == [dt.timedelta(hours=2)] * 2
    assert starts[0].hour == 3


def test_pattern_overlapping_existing_slot_adds_nothing(office: BookingFeature,
                                                        teacher: Person) -> None:
    office.slots.add_slot(teacher.id, at(1, 17, month=12), 15)
    pattern = WeeklyPattern(teacher.id, 1, dt.time(16, 30), dt.time(18), 15,
                            dt.date(2026, 11, 24), dt.date(2026, 12, 15))
    with pytest.raises(StaffError, match="chevauche"):
        office.slots.add_pattern(pattern)
    assert len(office.slots.all(teacher.id)) == 1


# --- workshops -------------------------------------------------------------------------------


def test_workshop_full_waitlist_and_promotion(office: BookingFeature) -> None:
    workshop = office.workshops.add_workshop("Découvrir l'espace numérique", at(3, 9, month=12), 90,
                                   "Salle polyvalente", 2, languages=["fr", "ar"])
    first = office.workshops.register(workshop.id, name="Fatima", phone="06 11 22 33 44")
    office.workshops.register(workshop.id, name="Ion")
    waiting = office.workshops.register(workshop.id, name="Mei")
    second_waiting = office.workshops.register(workshop.id, name="Oksana")
    assert (first.status, waiting.status, waiting.position) == (
        RegistrationStatus.REGISTERED, RegistrationStatus.WAITING, 1)
    assert second_waiting.position == 2
    assert office.workshops.workshop(workshop.id).free_places == 0  # type: ignore[union-attr]
    with pytest.raises(BookingRefused) as refused:
        office.workshops.register(workshop.id, name="fatima", phone="0611223344")
    assert refused.value.reason == "already"
    cancelled, promoted = office.workshops.cancel_registration(first.code)
    assert cancelled.status == RegistrationStatus.CANCELLED
    assert promoted is not None and promoted.code == waiting.code
    assert promoted.status == RegistrationStatus.REGISTERED
    assert office.workshops.registration_by_code(second_waiting.code).position == 1  # type: ignore[union-attr]
    notices = office.notices.to_notify()
    assert [n.code for n in notices] == [waiting.code]
    assert "liste d'attente" in notices[0].why


def test_upcoming_workshops_and_cancel(office: BookingFeature, services: Services) -> None:
    past = office.workshops.add_workshop("Ancien", at(2, 9), 60, "Salle", 10)
    coming = office.workshops.add_workshop("Installer l'application", at(30, 18), 60, "Salle", 10)
    assert [w.id for w in office.workshops.upcoming()] == [coming.id]
    assert office.workshops.upcoming()[0].free_places == 10
    reg = office.workshops.register(coming.id, name="Ana")
    assert office.workshops.cancel_workshop(coming.id) == 1
    assert office.workshops.upcoming() == []
    assert office.notices.to_notify()[0].code == reg.code
    with pytest.raises(BookingRefused):
        office.workshops.register(past.id, name="Ana")


def test_attendance(office: BookingFeature) -> None:
    workshop = office.workshops.add_workshop("Atelier", at(30, 18), 60, "Salle", 10)
    reg = office.workshops.register(workshop.id, name="Ana")
    office.workshops.set_attendance(reg.id, "present")
    assert office.workshops.registrations(workshop.id)[0].attendance == "present"
    with pytest.raises(StaffError):
        office.workshops.set_attendance(reg.id, "maybe")


# --- codes --------------------------------------------------------------------------------------


def test_code_alphabet_has_no_look_alikes() -> None:
    for bad in "0O1IL":
        assert bad not in CODE_ALPHABET
    codes = {new_code() for _ in range(200)}
    assert all(is_code_shaped(c) for c in codes)


def test_wrong_codes_pause_entry_across_restarts(tmp_path, clock: Clock,
                                                 demo_config) -> None:
    services = build_services(tmp_path / "data", clock, demo_config)
    person = services.booking.people.add_person("M. Durand", "directeur")
    slot = services.booking.slots.add_slot(person.id, at(26, 9), 20)
    booking = services.booking.appointments.book(slot.id, child="Yasmine", child_class="CM2")
    assert services.booking.codes.look_up_code(booking.code.lower()) == booking
    for _ in range(4):
        with pytest.raises(BookingRefused) as refused:
            services.booking.codes.look_up_code("ABCDEF")
        assert refused.value.reason == "unknown_code"
    # the kiosk restarts: a new Services on the same folder
    restarted = build_services(tmp_path / "data", clock, demo_config)
    with pytest.raises(BookingRefused):
        restarted.booking.codes.look_up_code("ABCDEG")
    with pytest.raises(BookingRefused) as paused:
        restarted.booking.codes.look_up_code(booking.code)
    assert paused.value.reason == "paused" and 0 < paused.value.seconds <= 61
    clock.advance(seconds=61)
    assert restarted.booking.codes.look_up_code(booking.code).code == booking.code


@pytest.mark.parametrize("script", [
    str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),  # Arabic-Indic
    str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),  # Persian
    {c: c + 0xFEE0 for c in range(0x21, 0x7F)},  # full-width letters and digits
])
def test_codes_typed_in_any_digits_are_found(office: BookingFeature, teacher: Person,
                                             script: dict[int, object]) -> None:
    slot = office.slots.add_slot(teacher.id, at(26, 16, 30), 15)
    booking = office.appointments.book(slot.id, child="Amina", child_class="CE1",
                                       phone="٠٦١٢٣٤٥٦٧٨")
    assert booking.phone == "06 12 34 56 78"
    assert normalize_code("ab3-k7m".translate(script)) == "AB3K7M"
    typed = booking.code.lower().translate(script)
    assert office.codes.look_up_code(typed) == booking
    assert office.appointments.booking_by_code(typed) == booking


def test_badly_shaped_code_is_not_counted(office: BookingFeature) -> None:
    for _ in range(10):
        with pytest.raises(BookingRefused) as refused:
            office.codes.look_up_code("12")
        assert refused.value.reason == "bad_code"


# --- input (hypothesis) -------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_any_name_is_cleaned_or_refused_with_a_message(text: str) -> None:
    try:
        name = clean_name(text)
    except InputProblem as problem:
        assert problem.message
    else:
        assert name and len(name) <= NAME_MAX
        assert all(ord(c) >= 32 for c in name)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789٠١٢٦۰۴۶０６ +.-()/abc\x1b", max_size=25))
def test_any_phone_is_cleaned_or_refused(text: str) -> None:
    try:
        phone = clean_phone(text)
    except InputProblem as problem:
        assert "06 12 34 56 78" in problem.message
    else:
        digits = phone.replace(" ", "").replace("+", "")
        # E.164: at most 15 digits; the shortest numbers (a small country's) have 7. Stored
        # with Western digits, whatever script they were typed in.
        assert phone == "" or (digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 15)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("06 12 34 56 78", "06 12 34 56 78"), ("06.12.34.56.78", "06 12 34 56 78"),
     ("+33 6 12 34 56 78", "+33 6 12 34 56 78"), ("0033612345678", "+33 6 12 34 56 78"),
     ("+90 532 123 45 67", "+905321234567"), ("", ""),
     # Arabic-Indic, Persian and full-width digits, an Arabic keyboard's direction mark
     ("٠٦١٢٣٤٥٦٧٨", "06 12 34 56 78"), ("۰۶۱۲۳۴۵۶۷۸", "06 12 34 56 78"),
     ("０６ １２ ３４ ５６ ７８", "06 12 34 56 78"), ("\u200f+٩٠ ٥٣٢ ١٢٣ ٤٥ ٦٧", "+905321234567"),
     ("＋３３ ６ １２ ３４ ５６ ７８", "+33 6 12 34 56 78")],
)
def test_phone_forms(typed: str, expected: str) -> None:
    assert clean_phone(typed) == expected


@pytest.mark.parametrize("typed", ["06 12", "12345678901234567890", "abc", "+0612", "٠٦ ١٢"])
def test_bad_phones(typed: str) -> None:
    with pytest.raises(InputProblem):
        clean_phone(typed)


@pytest.mark.parametrize("name", ["Amina", "Marie-Ève", "محمد", "李明", "O'Neil", "Jean Luc"])
def test_names_in_any_script(name: str) -> None:
    assert clean_name(name) == name


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=12))
def test_any_typed_code_never_crashes(office: BookingFeature, text: str) -> None:
    try:
        office.codes.look_up_code(text)
    except BookingRefused as refused:
        assert refused.reason in {"unknown_code", "bad_code", "paused"}


# --- privacy --------------------------------------------------------------------------------


def test_purge_personal_details_keeps_counts(office: BookingFeature, teacher: Person,
                                             clock: Clock) -> None:
    old = office.slots.add_slot(teacher.id, at(25, 16), 15)
    recent = office.slots.add_slot(teacher.id, at(30, 16), 15)
    office.appointments.book(old.id, child="Amina", child_class="CE1", phone="0612345678")
    office.appointments.book(recent.id, child="Lucas", child_class="CE1")
    workshop = office.workshops.add_workshop("Atelier", at(26, 18), 60, "Salle", 10)
    office.workshops.register(workshop.id, name="Ana", phone="0611111111")
    clock.advance(days=10)
    erased = office.purge_personal_details(at(28, 0))
    assert erased == 2
    rows = {b.start: b for b in office.appointments.bookings()}
    assert rows[at(25, 16)].child == "" and rows[at(25, 16)].phone == ""
    assert rows[at(30, 16)].child == "Lucas"
    assert office.workshops.registrations(workshop.id)[0].name == ""
    assert len(office.appointments.bookings()) == 2
    assert office.workshops.workshop(workshop.id).registered == 1  # type: ignore[union-attr]
    assert office.purge_personal_details(at(28, 0)) == 0


# --- CSV import -----------------------------------------------------------------------------

GOOD_SLOTS = """\ufeffperson;date;start;minutes;place;mode;link
Mme Martin;01/12/2026;16:30;15;Salle 3;école;
Mme Martin;2026-12-01;16:45;15;;téléphone;
M. Durand;02/12/2026;17h00;20;;visio;https://visio.example.fr/abc
"""

BAD_SLOTS = """person;date;start;minutes;place;mode;link
Mme Martin;01/12/2026;16:30;15;Salle 3;école;
Mme Inconnue;01/12/2026;16:30;15;;;
Mme Martin;31/02/2026;16:30;15;;;
Mme Martin;01/12/2026;25:00;15;;;
Mme Martin;01/12/2026;16:35;15;;;
M. Durand;02/12/2026;17:00;20;;visio;
Mme Martin;03/12/2026;16:30;quinze;;;
"""


def test_import_slots_good_file(office: BookingFeature, teacher: Person) -> None:
    office.people.add_person("M. Durand", "directeur")
    slots = office.transfer.import_slots(GOOD_SLOTS)
    assert len(slots) == 3
    assert [s.mode for s in office.slots.all()] == ["school", "phone", "video"]
    assert office.slots.all()[2].start == at(2, 17, month=12)


def test_import_slots_bad_lines_import_nothing(office: BookingFeature,
                                               teacher: Person) -> None:
    office.people.add_person("M. Durand", "directeur")
    with pytest.raises(ImportRefused) as refused:
        office.transfer.import_slots(BAD_SLOTS)
    lines = [p.line for p in refused.value.problems]
    assert lines == [3, 4, 5, 6, 7, 8]
    reasons = {p.line: p.reason for p in refused.value.problems}
    assert "personne inconnue" in reasons[3]
    assert "date" in reasons[4] and "heure" in reasons[5]
    assert "chevauche" in reasons[6] and "lien" in reasons[7] and "entier" in reasons[8]
    assert office.slots.all() == []


def test_import_workshops_good_and_bad(office: BookingFeature) -> None:
    good = ("titre;description;date;debut;duree;lieu;places;langues\n"
            "Installer l'application;Sur votre téléphone;05/12/2026;09:00;90;Salle;12;fr ar\n")
    found = office.transfer.import_workshops(good)
    assert found[0].languages == ("fr", "ar") and found[0].capacity == 12
    bad = ("title;date;start;minutes;capacity\n"
           "A;05/12/2026;09:00;90;12\n"
           ";05/12/2026;09:00;90;12\n"
           "B;05/12/2026;09:00;90;0\n")
    with pytest.raises(ImportRefused) as refused:
        office.transfer.import_workshops(bad)
    assert [p.line for p in refused.value.problems] == [3, 4]
    assert len(office.workshops.all()) == 1
    with pytest.raises(ImportRefused) as header:
        office.transfer.import_workshops("nom;jour\nA;B\n")
    assert header.value.problems[0].line == 1


# --- calendar ---------------------------------------------------------------------------------


def test_ical_escaping_and_folding() -> None:
    assert ical.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    folded = ical.fold("DESCRIPTION:" + "é" * 80)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert ical.unfold(folded + "\r\n") == ["DESCRIPTION:" + "é" * 80]


def test_booking_calendar_has_tz_and_alarm(services: Services, office: BookingFeature,
                                           teacher: Person) -> None:
    slot = office.slots.add_slot(teacher.id, at(26, 16, 30), 15, place="Salle 3")
    booking = office.appointments.book(slot.id, child="Amina", child_class="CE1")
    text = office.calendar.booking_calendar(booking, services.i18n.translator("tr"))
    lines = ical.unfold(text)
    assert "DTSTART;TZID=Europe/Paris:20261126T163000" in lines
    assert "DTEND;TZID=Europe/Paris:20261126T164500" in lines
    assert "TRIGGER:-P1D" in lines and "TZID:Europe/Paris" in lines
    assert "TZOFFSETTO:+0100" in lines  # the winter observance in force


def test_demo_seeder_is_idempotent(demo_services: Services) -> None:
    from kiosk.demo.booking import seed_demo

    office = demo_services.booking
    counts = (len(office.people.all()), len(office.slots.all()), len(office.workshops.all()))
    assert counts[0] >= 4 and counts[1] > 20 and counts[2] >= 2
    assert any(w.title.startswith("Découvrir l'espace numérique") for w in office.workshops.all())
    seed_demo(demo_services, demo_services.today())
    assert (len(office.people.all()), len(office.slots.all()),
            len(office.workshops.all())) == counts


def test_booking_ratio_is_a_bench_figure(tmp_path) -> None:
    from kiosk.bench import runner as bench
    from kiosk.bench.booking import seed_booking_history

    bench._load_feature_figures()
    assert bench.TARGETS["booking_ratio"] == 1.5
    seed_booking_history(tmp_path, years=1)
    assert (tmp_path / "2025-2026" / "bookings.json").stat().st_size > 100_000


def test_the_interpreter_request_is_kept_with_the_booking_and_the_registration(
        office: BookingFeature, teacher: Person) -> None:
    slot = office.slots.add_slot(teacher.id, at(26, 16, 30), 15, place="Salle 3")
    other = office.slots.add_slot(teacher.id, at(26, 17, 0), 15, place="Salle 3")
    asked = office.appointments.book(slot.id, child="Amina", child_class="CE1",
                                     language="ar", interpreter=True)
    plain = office.appointments.book(other.id, child="Lucas", child_class="CE2")
    assert office.appointments.booking_by_code(asked.code).interpreter is True
    assert office.appointments.booking_by_code(plain.code).interpreter is False
    workshop = office.workshops.add_workshop("ENT", at(27, 9), 60, "Salle 1", 4)
    reg = office.workshops.register(workshop.id, name="Fatima", language="ar",
                                    interpreter=True)
    alone = office.workshops.register(workshop.id, name="Ion", language="ro")
    by_code = {r.code: r for r in office.workshops.registrations(workshop.id)}
    assert by_code[reg.code].interpreter is True
    assert by_code[alone.code].interpreter is False
