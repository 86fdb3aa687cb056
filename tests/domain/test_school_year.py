"""The school year follows the clock: a kiosk left running across 1 August writes the new
year's files, and what staff prepared for September (people, slots and workshops with their
bookings, announcements still to be read) continues into the new year once, whichever
process gets there first (``Store.carry_over``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.announcements.publish import EXPIRED_NOTE, index_path, page_path
from kiosk.booking import appointments, codes, workshops
from kiosk.booking.model import Booking, BookingStatus, RegistrationStatus
from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from kiosk.core.carry import CARRIED_FROM
from kiosk.core.store import DataFile, Store
from kiosk.services import Services
from tests.support import Clock, build_services, click, new_app, settle

PARIS = ZoneInfo("Europe/Paris")
OLD, NEW = "2026-2027", "2027-2028"


def at(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2027) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


BEFORE = at(7, 31, 23, 59)
AFTER = at(8, 1, 0, 1)


def tables(data: Path, year: str, kind: str) -> dict[str, list[dict[str, Any]]]:
    """The documents of a data file as they are on disk, table by table."""
    path = data / year / f"{kind}.json"
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {name: list(docs.values()) for name, docs in raw.items()}


def ids(data: Path, year: str, kind: str, table: str, key: str = "id") -> list[str]:
    return [d[key] for d in tables(data, year, kind).get(table, [])]


def prepare_july(services: Services, clock: Clock) -> SimpleNamespace:
    """What staff and parents did before 1 August 2027 for the coming school year."""
    book = services.announcements
    clock.current = at(6, 10)
    rentree = book.write(title="La rentrée est le 1er septembre",
                         text="Les classes reprennent le mercredi 1er septembre à 8 h 30.",
                         visible_until=dt.date(2027, 9, 5))
    book.translate(rentree.id, "ar", "الدخول المدرسي في الأول من سبتمبر",
                   "تستأنف الدروس يوم الأربعاء الأول من سبتمبر.")
    past = book.write(title="Kermesse", text="Samedi 26 juin dans la cour.",
                      visible_until=dt.date(2027, 7, 3))
    clock.current = at(7, 6)
    held = book.write(title="Réunion de rentrée", text="Le jeudi 9 septembre à 18 h.",
                      visible_from=dt.date(2027, 9, 1), visible_until=dt.date(2027, 9, 10))
    office = services.booking
    martin = office.people.add_person("Mme Martin", "enseignante", ["CE1"])
    head = office.people.add_person("M. Durand", "directeur", ["CE1"])
    with office.file.transaction() as db:  # someone who left the school
        db.table("people").insert({"id": "p-gone", "name": "M. Parti", "role": "teacher",
                                   "classes": ["CP"], "active": False})
    july_slot = office.slots.add_slot(martin.id, at(7, 20, 16, 30), 15)
    sept = office.slots.add_slot(martin.id, at(9, 7, 16, 30), 15)
    sept_free = office.slots.add_slot(martin.id, at(9, 7, 16, 45), 15)
    sept_other = office.slots.add_slot(martin.id, at(9, 14, 16, 30), 15)
    withdrawn = office.slots.add_slot(head.id, at(9, 8, 17), 15)
    july_booking = office.appointments.book(july_slot.id, child="Lina", child_class="CE1")
    sept_booking = office.appointments.book(sept.id, child="Amina", child_class="CE1",
                               phone="06 12 34 56 78")
    to_tell = office.appointments.book(withdrawn.id, child="Hugo", child_class="CE1")
    office.slots.cancel_slot(withdrawn.id)  # the family must be told
    workshop = office.workshops.add_workshop("Découvrir l'espace numérique", at(9, 15, 18), 90,
                                   "Salle 1", 1)
    registered = office.workshops.register(workshop.id, name="Awa", phone="07 00 00 00 00")
    waiting = office.workshops.register(workshop.id, name="Ion")
    return SimpleNamespace(
        rentree=rentree, past=past, held=held, martin=martin, head=head,
        july_slot=july_slot, sept=sept, sept_free=sept_free, sept_other=sept_other,
        withdrawn=withdrawn, july_booking=july_booking, sept_booking=sept_booking,
        to_tell=to_tell, workshop=workshop, registered=registered, waiting=waiting,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def july(data: Path) -> SimpleNamespace:
    """A kiosk on the demo configuration ("auto" year) with July's preparations."""
    clock = Clock(at(7, 6))
    services = build_services(data, clock)
    found = prepare_july(services, clock)
    clock.current = BEFORE
    return SimpleNamespace(services=services, clock=clock, **vars(found))


def test_writes_go_to_the_new_years_folder_from_1_august(
    july: SimpleNamespace, data: Path
) -> None:
    services, clock = july.services, july.clock
    office = services.booking
    assert services.store.year == OLD
    services.responses.add_response(services.questionnaire, {}, "fr")
    services.help_requests.request("home")
    before = office.appointments.book(july.sept_free.id, child="Noé", child_class="CE1")

    clock.current = AFTER  # the same service objects, never rebuilt
    assert services.store.year == NEW
    services.responses.add_response(services.questionnaire, {}, "ar")
    services.help_requests.request("booking")
    after = office.appointments.book(july.sept_other.id, child="Sami", child_class="CE1")

    assert [d["language"] for d in tables(data, OLD, "responses")["responses"]] == ["fr"]
    assert [d["language"] for d in tables(data, NEW, "responses")["responses"]] == ["ar"]
    assert ids(data, OLD, "help", "requests", "came_from") == ["home"]
    assert ids(data, NEW, "help", "requests", "came_from") == ["booking"]
    assert [r.came_from for r in services.help_requests.all()] == ["booking"]
    assert before.code in ids(data, OLD, "bookings", "bookings", "code")
    assert after.code in ids(data, NEW, "bookings", "bookings", "code")
    assert after.code not in ids(data, OLD, "bookings", "bookings", "code")
    # The booking made at 23:59 on a September slot came over with its slot.
    assert office.appointments.booking_by_code(before.code) is not None
    assert services.responses.count() == 1 and services.responses.count(OLD) == 1


def test_what_was_prepared_for_september_is_there_after_the_switch(
    july: SimpleNamespace, data: Path
) -> None:
    services, clock = july.services, july.clock
    office, book = services.booking, services.announcements
    clock.current = AFTER

    assert {p.name for p in office.people.all()} == {"Mme Martin", "M. Durand"}
    assert office.people.person("p-gone") is None  # inactive: stays in last year's file
    assert {s.id for s in office.slots.all(include_cancelled=True)} == {
        july.sept.id, july.sept_free.id, july.sept_other.id, july.withdrawn.id}
    assert office.slots.slot(july.july_slot.id) is None  # in the past: not carried
    assert [s.id for s in office.slots.free_slots(july.martin.id)] == [
        july.sept_free.id, july.sept_other.id]
    assert office.appointments.booking_by_code(july.july_booking.code) is None

    workshop = office.workshops.workshop(july.workshop.id)
    assert workshop is not None and (workshop.registered, workshop.waiting) == (1, 1)
    registrations = office.workshops.registrations(workshop.id)
    assert [(r.name, r.status, r.position) for r in registrations] == [
        ("Awa", RegistrationStatus.REGISTERED, 0), ("Ion", RegistrationStatus.WAITING, 1)]
    [notice] = office.notices.to_notify()
    assert notice.code == july.to_tell.code and notice.kind == "booking"

    assert {a.id for a in book.all()} == {july.rentree.id, july.held.id}
    rentree = book.get(july.rentree.id)
    assert rentree is not None and rentree.status("ar").value == "translated"
    assert [a.id for a in book.current()] == [july.rentree.id]
    assert [a.id for a in book.held()] == [july.held.id]

    # The code given in July looks up, moves and cancels in September.
    found = office.codes.look_up_code(july.sept_booking.code.lower())
    assert isinstance(found, Booking) and found.id == july.sept_booking.id
    assert found.phone == "06 12 34 56 78" and found.start == at(9, 7, 16, 30)
    moved = office.appointments.move_booking(july.sept_booking.code, july.sept_free.id)
    assert moved.code == july.sept_booking.code and moved.slot_id == july.sept_free.id
    office.appointments.cancel_booking(july.sept_booking.code)
    assert july.sept_free.id in {s.id for s in office.slots.free_slots(july.martin.id)}
    new_rows = tables(data, NEW, "bookings")["bookings"]
    assert [d["status"] for d in new_rows if d["code"] == july.sept_booking.code] == [
        BookingStatus.CANCELLED]
    # The waiting parent gets the place when the registered one cancels, in the new file.
    _, promoted = office.workshops.cancel_registration(july.registered.code)
    assert promoted is not None and promoted.code == july.waiting.code
    # Last year's copy still says what happened then.
    old_rows = tables(data, OLD, "bookings")["bookings"]
    assert [d["slot_id"] for d in old_rows if d["code"] == july.sept_booking.code] == [
        july.sept.id]


def test_new_codes_are_drawn_against_the_carried_ones(
    july: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, clock = july.services, july.clock
    clock.current = AFTER
    seen: list[set[str]] = []
    original = codes.new_code

    def spy(taken: Any = ()) -> str:
        seen.append(set(taken))
        return original(taken)

    monkeypatch.setattr(appointments, "new_code", spy)
    monkeypatch.setattr(workshops, "new_code", spy)
    services.booking.appointments.book(july.sept_other.id, child="Sami", child_class="CE1")
    services.booking.workshops.register(july.workshop.id, name="Li")
    carried = {july.sept_booking.code, july.to_tell.code, july.registered.code,
               july.waiting.code}
    assert len(seen) == 2 and all(carried <= taken for taken in seen)
    assert july.july_booking.code not in seen[0]  # not carried, not in this year's file


def test_the_carry_over_happens_once_across_processes_and_restarts(
    july: SimpleNamespace, data: Path
) -> None:
    first, clock = july.services, july.clock
    second = build_services(data, clock)  # another process, started in July
    assert second.booking.people.all() and second.announcements.all()  # used in July
    old_files = {kind: (data / OLD / f"{kind}.json").read_bytes()
                 for kind in ("bookings", "announcements")}

    clock.current = AFTER
    assert len(first.booking.people.all()) == 2 and len(first.announcements.all()) == 2
    assert len(second.booking.people.all()) == 2 and len(second.announcements.all()) == 2
    carried = {kind: (data / NEW / f"{kind}.json").read_bytes()
               for kind in ("bookings", "announcements")}
    restarted = build_services(data, clock)
    assert len(restarted.booking.slots.all(include_cancelled=True)) == 4
    assert len(restarted.announcements.all()) == 2

    for kind in ("bookings", "announcements"):
        assert (data / NEW / f"{kind}.json").read_bytes() == carried[kind]  # nothing more
        assert (data / OLD / f"{kind}.json").read_bytes() == old_files[kind]
        meta = tables(data, NEW, kind)["_meta"]
        assert meta == [{"schema": 1, "kind": kind, CARRIED_FROM: OLD}]
    for table in ("people", "slots", "bookings", "workshops", "registrations"):
        found = ids(data, NEW, "bookings", table)
        assert len(found) == len(set(found)) > 0


def test_two_processes_crossing_at_the_same_instant_carry_once(
    july: SimpleNamespace, data: Path
) -> None:
    clock = july.clock
    clock.current = AFTER
    kiosks = [build_services(data, clock) for _ in range(4)]  # separate stores and locks
    start = threading.Barrier(len(kiosks))
    errors: list[BaseException] = []

    def first_use(services: Services) -> None:
        try:
            start.wait()
            services.booking.people.all()
            services.announcements.current()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=first_use, args=(k,)) for k in kiosks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(ids(data, NEW, "bookings", "people", "name")) == ["M. Durand", "Mme Martin"]
    assert len(ids(data, NEW, "bookings", "registrations")) == 2
    assert len(ids(data, NEW, "announcements", "announcements")) == 2


def test_no_file_read_once_the_carry_over_is_seen(
    july: SimpleNamespace, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early = july.services  # started before the switch
    other = build_services(data, july.clock)
    july.clock.current = AFTER
    other.booking.people.all()  # another process carries over first
    other.announcements.all()
    carried = (data / NEW / "bookings.json").read_bytes()
    reads: list[Path] = []
    original = DataFile._read_disk

    def counting(self: DataFile) -> Any:
        reads.append(self.path)
        return original(self)

    monkeypatch.setattr(DataFile, "_read_disk", counting)
    early.store.file("bookings")  # sees the marker: one read, no second carry-over
    assert reads == [data / NEW / "bookings.json"]
    assert (data / NEW / "bookings.json").read_bytes() == carried
    reads.clear()
    for _ in range(50):
        early.store.file("bookings")
        early.store.file("announcements")
    assert reads == [data / NEW / "announcements.json"]  # its first use only


def test_a_document_the_carry_over_cannot_read_leaves_a_working_new_year(
    july: SimpleNamespace, data: Path
) -> None:
    with july.services.booking.file.transaction() as db:  # hand-edited: a slot lost its time
        db.table("slots").insert({"id": "s-broken", "person_id": july.martin.id,
                                  "minutes": 15})
    old_file = (data / OLD / "bookings.json").read_bytes()
    fresh = build_services(data, july.clock)
    july.clock.current = AFTER
    office = fresh.booking
    # The unreadable slot is held back when the old year is read (issue 16): the rest comes
    # over, and the new year works.
    assert len(office.people.all()) == 2
    added = office.people.add_person("Mme Neuve", "enseignante", ["CP"])
    slot = office.slots.add_slot(added.id, at(9, 20, 16, 30), 15)
    assert office.appointments.book(slot.id, child="Sara", child_class="CP").status == "booked"
    assert (data / OLD / "bookings.json").read_bytes() == old_file
    assert "s-broken" not in {d["id"] for d in tables(data, NEW, "bookings")["slots"]}
    assert CARRIED_FROM in tables(data, NEW, "bookings")["_meta"][0]


def test_a_new_years_file_written_before_carry_overs_existed_is_left_alone(
    july: SimpleNamespace, data: Path
) -> None:
    july.clock.current = AFTER
    plain = Store(data, NEW)  # no carry-over registered: as an older kiosk wrote it
    with plain.file("bookings").transaction() as db:
        db.table("people").insert({"id": "p-new", "name": "Mme Neuve", "role": "teacher",
                                   "classes": ["CP"], "active": True})
    before = (data / NEW / "bookings.json").read_bytes()
    assert [p.name for p in july.services.booking.people.all()] == ["Mme Neuve"]
    assert (data / NEW / "bookings.json").read_bytes() == before


def test_purge_erases_personal_details_in_both_copies(
    july: SimpleNamespace, data: Path
) -> None:
    services, clock = july.services, july.clock
    clock.current = AFTER
    services.booking.people.all()  # the carry-over
    clock.current = at(11, 1)  # long after the September meeting and workshop
    erased = services.booking.purge_personal_details(at(10, 1))
    for year in (OLD, NEW):
        rows = tables(data, year, "bookings")
        amina = [d for d in rows["bookings"] if d["code"] == july.sept_booking.code]
        assert amina and all(d["child"] == "" and d["phone"] == "" for d in amina)
        assert all(r["name"] == "" and r["phone"] == "" for r in rows["registrations"])
    assert erased == 2 * 4 + 1  # Amina, Hugo, Awa, Ion in each copy; Lina in July's only


def test_purge_forgets_old_help_requests_in_last_years_file_too(
    july: SimpleNamespace, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, clock = july.services, july.clock
    clock.current = at(7, 30, 17)
    services.help_requests.request("home")  # in last year's file
    clock.current = at(8, 12)  # past help_requests_days (7) after 30 July
    recent = services.help_requests.request("booking")  # in the new year's file
    (data / "2025-2026").mkdir()  # an older year without help requests
    written: list[Path] = []
    original = DataFile._commit

    def commit(self: DataFile) -> None:
        written.append(self.path)
        original(self)

    monkeypatch.setattr(DataFile, "_commit", commit)

    report = services.retention.purge()

    assert report.help_requests == 1
    assert ids(data, OLD, "help", "requests") == []
    assert ids(data, NEW, "help", "requests") == [recent.id]
    help_files = [path for path in written if path.name == "help.json"]
    assert help_files == [data / OLD / "help.json"]  # nothing old in the new year's file
    assert not (data / "2025-2026" / "help.json").exists()
    written.clear()
    assert services.retention.purge().help_requests == 0
    assert [path for path in written if path.name == "help.json"] == []


def test_publish_keeps_the_pages_of_last_years_expired_announcements(
    july: SimpleNamespace, data: Path, tmp_path: Path
) -> None:
    services, clock = july.services, july.clock
    base = config_module.load(DEMO_CONFIG)
    older_year = dataclasses.replace(base, school=dataclasses.replace(base.school,
                                                                      year="2025-2026"))
    older = build_services(data, Clock(at(3, 1, year=2026)), older_year)
    ancient = older.announcements.write(title="Carnaval", text="Mardi 3 mars.", urgent=True,
                                        visible_until=dt.date(2026, 3, 4))
    book = services.announcements
    clock.current = at(6, 14)
    june = book.write(title="Fête de la musique", text="Lundi 21 juin à 17 h.", urgent=True,
                      visible_until=dt.date(2027, 6, 21))
    out = tmp_path / "site"
    services.publisher.publish(out)
    old_file = (data / OLD / "announcements.json").read_bytes()

    clock.current = at(9, 3)
    book.edit(july.rentree.id, title="La rentrée a eu lieu le 1er septembre")
    site = services.publisher.publish(out)

    languages = [lang.code for lang in services.i18n.languages]
    for code in languages:
        page = out / page_path(code, june.id)
        assert page.is_file() and page_path(code, june.id) not in site.removed
        assert f'href="{june.id}.html"' not in (out / index_path(code)).read_text("utf-8")
    note = html.escape(EXPIRED_NOTE)
    french = (out / page_path("fr", june.id)).read_text("utf-8")
    assert "Fête de la musique" in french and note in french
    # The carried-over one: one page, this year's version, listed once.
    rentree = (out / page_path("fr", july.rentree.id)).read_text("utf-8")
    assert "La rentrée a eu lieu" in rentree and note not in rentree
    assert (out / index_path("fr")).read_text("utf-8").count(
        f'href="{july.rentree.id}.html"') == 1
    # Only the previous school year: the pages of the one before go.
    assert page_path("fr", ancient.id) in site.removed
    assert not (out / page_path("fr", ancient.id)).exists()
    assert (data / OLD / "announcements.json").read_bytes() == old_file  # read only


def test_last_years_released_announcements_leave_out_what_continued(
    july: SimpleNamespace, data: Path
) -> None:
    services, clock = july.services, july.clock
    book = services.announcements
    assert book.released_last_year() == []  # July: no 2025-2026 file
    assert not (data / "2025-2026").exists()
    clock.current = at(9, 3)
    book.remove(july.rentree.id)  # carried over, then removed this year: it stays removed
    assert [a.id for a in book.released_last_year()] == [july.past.id]
    assert book.get(july.past.id) is None  # read from last year's file, not copied


def test_results_exports_and_checks_follow_the_year(
    july: SimpleNamespace, data: Path
) -> None:
    services, clock = july.services, july.clock
    services.responses.add_response(services.questionnaire, {}, "fr")
    clock.current = AFTER
    results = services.results.school_results()
    assert results.year == NEW and results.responses == 0
    assert results.previous is not None and results.previous.year == OLD
    assert services.store.years() == [OLD, NEW]
    (data / NEW).mkdir(exist_ok=True)
    (data / NEW / "help.json").write_text("{broken", encoding="utf-8")
    assert [p.path.name for p in services.store.problems()] == ["help.json"]


def test_a_fixed_school_year_never_switches(data: Path) -> None:
    base = config_module.load(DEMO_CONFIG)
    fixed = dataclasses.replace(base, school=dataclasses.replace(base.school, year=OLD))
    clock = Clock(at(7, 6))
    services = build_services(data, clock, fixed)
    found = prepare_july(services, clock)
    clock.current = AFTER
    assert services.store.year == OLD
    services.responses.add_response(services.questionnaire, {}, "fr")
    services.help_requests.request("home")
    booking = services.booking.appointments.book(found.sept_free.id, child="Noé", child_class="CE1")
    assert booking.code in ids(data, OLD, "bookings", "bookings", "code")
    assert len(ids(data, OLD, "responses", "responses", "hour")) == 1
    assert len(ids(data, OLD, "help", "requests")) == 1
    assert services.booking.appointments.booking_by_code(found.july_booking.code) is not None
    assert not (data / NEW).exists()


def test_a_store_with_a_fixed_or_a_computed_year(tmp_path: Path) -> None:
    assert Store(tmp_path, OLD).year == OLD
    years = iter([OLD, OLD, NEW])
    store = Store(tmp_path, year_of=lambda: next(years))
    assert store.year == OLD and store.file("help").path == tmp_path / OLD / "help.json"
    assert store.file("help").path == tmp_path / NEW / "help.json"
    with pytest.raises(ValueError):
        Store(tmp_path)
    with pytest.raises(ValueError):
        Store(tmp_path, year_of=lambda: "2027").year  # noqa: B018


async def test_a_parent_books_the_september_slot_after_midnight(
    july: SimpleNamespace, data: Path
) -> None:
    from screens import booking as booking_screens

    services, clock = july.services, july.clock
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await click(pilot, "#lang-fr")
        await settle(pilot)
        await pilot.press("2")  # meet a teacher: the list of 31 July
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChoosePersonScreen)
        clock.current = AFTER
        await click(pilot, f"#person-{july.martin.id}")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChooseDayScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.ChooseSlotScreen)
        await pilot.press("1")  # 7 September, 16:45 (16:30 was booked in July)
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.DetailsScreen)
        await pilot.press(*"Amel")
        await click(pilot, "#details-next")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        await pilot.press("1")  # I confirm
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.BookedScreen)
        booking = app.screen.booking
    assert booking.slot_id == july.sept_free.id
    new_rows = tables(data, NEW, "bookings")["bookings"]
    assert [d["child"] for d in new_rows if d["code"] == booking.code] == ["Amel"]
    assert booking.code not in ids(data, OLD, "bookings", "bookings", "code")
