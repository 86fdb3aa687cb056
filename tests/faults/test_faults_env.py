"""Faults of the machine around the kiosk (issue 9, "Faults"):

* **a full disk or a read-only data folder**: every parent write path, driven with the Pilot
  as a parent would, in a language other than French. The parent gets the kind message of
  the catalog, keeps what they typed, can try again once the disk is back; the data files are
  byte-for-byte unchanged and staff see the refused write on the dashboard.
* **the clock jumping backwards or forwards** (a time-zone or NTP correction): the idle reset
  and its countdown, the slots offered, the workshops to come, the current announcements, the
  code-entry pause, the staff PIN lock and the retention purge still behave.

The disk is simulated at the lowest level: ``os.open`` under the data folder. "Read-only"
refuses every open for writing (the lock file as well as the temporary file) with EROFS, as
a read-only mount does; "full" lets files be created but gives the temporary file the
descriptor of ``/dev/full``, so the write itself fails with ENOSPC.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from kiosk.booking.model import Booking, BookingRefused
from kiosk.core import store
from kiosk.core.store import StorageError
from kiosk.printing.outcome import MESSAGES as PRINT_MESSAGES
from kiosk.services import Services
from kiosk.staff.pin import LOCK_MINUTES, MAX_ATTEMPTS, CheckOutcome
from kiosk.tickets import sample_tickets
from screens import booking as booking_screens
from screens import booking_code as code_screens
from screens import booking_parts
from screens import workshops as workshop_screens
from screens.announcements import AnnouncementListScreen
from screens.help import HelpScreen
from screens.idle import IdleOverlay
from screens.questionnaire import QuestionScreen, ReviewScreen, ThanksScreen
from screens.ticket import TicketScreen
from screens.welcome import WelcomeScreen
from screens.widgets import BigButton, Notice
from tests.support import Clock, click, count_down, go_idle, press, settle, wait_for

SIZE = (100, 40)

SAVE_FAILED = booking_parts.SAVE_FAILED
ANSWERS_FAILED = ("Vos réponses n'ont pas pu être enregistrées. Demandez à "
                  "l'accueil de l'école, s'il vous plaît.")
HELP_FAILED = ("La demande n'a pas pu être enregistrée. Demandez à "
               "l'accueil de l'école, s'il vous plaît.")
REASONS = {"full": os.strerror(errno.ENOSPC), "read-only": os.strerror(errno.EROFS)}


# -- the simulated disk ---------------------------------------------------------------------------


class Disk:
    """The disk of the data folder: "ok", "full" or "read-only" (see the module docstring)."""

    WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = os.path.abspath(root) + os.sep
        self.state = "ok"
        #: Opens refused (read-only) or given /dev/full (full).
        self.refusals = 0
        real_open = os.open

        def fake_open(path: Any, flags: int, mode: int = 0o777, *,
                      dir_fd: int | None = None) -> int:
            if (self.state != "ok" and dir_fd is None and flags & self.WRITING
                    and os.path.abspath(os.fsdecode(path)).startswith(self.root)):
                if self.state == "read-only":
                    self.refusals += 1
                    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))
                name = os.path.basename(os.fsdecode(path))
                if name.startswith(".") and name.endswith(".tmp"):  # write_atomically's
                    os.close(real_open(path, flags, mode))  # the file exists, empty...
                    self.refusals += 1
                    if not os.path.exists("/dev/full"):  # pragma: no cover - not Linux
                        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
                    return real_open("/dev/full", os.O_WRONLY)  # ...and nothing fits
            return real_open(path, flags, mode, dir_fd=dir_fd)

        monkeypatch.setattr(os, "open", fake_open)

    def files(self) -> dict[str, bytes]:
        """Every data file and its bytes (not the lock files, not the log)."""
        root = Path(self.root)
        return {
            str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.suffix != ".lock"
            and path.relative_to(root).parts[0] != "logs"
        }


@pytest.fixture
def disk(demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> Disk:
    assert store.recent_write_errors() == []  # tests/conftest.py: each test its own
    return Disk(demo_services.data_dir, monkeypatch)


# -- helpers ------------------------------------------------------------------------------------


async def start(pilot: Any, lang: str) -> None:
    await pilot.click(f"#lang-{lang}")
    await settle(pilot)


def translated(services: Services, lang: str, msgid: str) -> str:
    """`msgid` in `lang`, from the gettext catalog (never the French falling through)."""
    text = services.i18n.translator(lang)(msgid)
    assert text != msgid, f"{msgid!r} is not translated into {lang}"
    return text


def shows(app: Any, selector: str, text: str) -> bool:
    """Whether the notice `selector` shows `text` (as the terminal shows it: bidi, shaping)."""
    notice = app.screen.query_one(selector, Notice)
    return bool(notice.display) and str(notice.render()) == app.visual(text)


def staff_see(services: Services, state: str) -> None:
    """The refused write is on the staff dashboard, with the system's reason."""
    errors = store.recent_write_errors()
    assert errors and REASONS[state] in errors[-1][1]
    problems = services.dashboard.gather(query_printer=False).problems
    assert any("écriture refusée" in p and REASONS[state] in p for p in problems)


# -- a full disk, a read-only folder: the service layer -------------------------------------------


def _future_slot(services: Services, who: str) -> Any:
    """The first time `who` can still be booked at."""
    person = services.booking.people.find_person(who)
    assert person is not None
    return services.booking.slots.free_slots(person.id)[0]


@pytest.mark.parametrize("state", ["full", "read-only"])
def test_every_write_refused_changes_nothing_and_is_noted(demo_services: Services, disk: Disk,
                                                          state: str) -> None:
    office = demo_services.booking
    booking = office.appointments.book(_future_slot(demo_services, "Mme Benali").id, child="Amina",
                          child_class="CP")
    workshop = office.workshops.upcoming()[0]
    registration = office.workshops.register(workshop.id, name="Elif")
    other = _future_slot(demo_services, "Mme Benali")
    ticket = sample_tickets(demo_services.ticket_context, "tr")[0]
    before = disk.files()
    disk.state = state
    writes: list[tuple[str, Callable[[], Any]]] = [
        ("response", lambda: demo_services.responses.add_response(
            demo_services.questionnaire, {"A1": 4}, "ar")),
        ("book", lambda: office.appointments.book(other.id, child="Noé", child_class="CP")),
        ("move", lambda: office.appointments.move_booking(booking.code, other.id)),
        ("cancel", lambda: office.appointments.cancel_booking(booking.code)),
        ("register", lambda: office.workshops.register(workshop.id, name="Awa")),
        ("unregister", lambda: office.workshops.cancel_registration(registration.code)),
        ("help", lambda: demo_services.help_requests.request("home")),
    ]
    for name, write in writes:
        noted = len(store.recent_write_errors())
        with pytest.raises(StorageError):
            write()
        assert len(store.recent_write_errors()) == noted + 1, name
        assert disk.files() == before, name
    # A ticket is never an exception: it fails kindly, and staff see why.
    noted = len(store.recent_write_errors())
    outcome = demo_services.printing.submit(ticket)
    assert outcome.status == "failed" and outcome.job is None
    assert len(store.recent_write_errors()) == noted + 1
    # A known code is still found (reading it needs no write).
    assert office.codes.look_up_code(booking.code).code == booking.code
    assert disk.files() == before
    assert disk.refusals >= len(writes) + 1
    staff_see(demo_services, state)
    disk.state = "ok"  # the disk is back: the same calls work
    office.appointments.move_booking(booking.code, other.id)
    assert demo_services.printing.submit(ticket).status == "preview"


# -- a full disk, a read-only folder: the parent's flows ------------------------------------------


async def test_questionnaire_answers_survive_a_full_disk(make_app: Any, demo_services: Services,
                                                         disk: Disk) -> None:
    message = translated(demo_services, "ar", ANSWERS_FAILED)
    count = demo_services.responses.count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "ar")
        await pilot.press("1", "1")  # questionnaire, start
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("4", "2")  # A1: 4, A2: 2
        answers = dict(app.session.drafts["questionnaire"]["answers"])
        assert answers == {"A1": 4, "A2": 2}
        await app.push_screen(ReviewScreen(app.screen_context))
        await settle(pilot)
        before = disk.files()
        disk.state = "full"
        await press(pilot, "1")  # send my answers
        assert isinstance(app.screen, ReviewScreen)
        assert shows(app, "#q-submit-notice", message)
        assert not app.screen.query_one("#q-submit", BigButton).disabled
        assert app.session.drafts["questionnaire"]["answers"] == answers
        assert disk.files() == before and demo_services.responses.count() == count
        staff_see(demo_services, "full")
        disk.state = "ok"
        await press(pilot, "1")  # again, the disk is back
        assert isinstance(app.screen, ThanksScreen)
    saved = demo_services.responses.responses()
    assert len(saved) == count + 1
    assert saved[-1].language == "ar" and dict(saved[-1].answers) == answers


async def test_booking_survives_a_read_only_folder(make_app: Any, demo_services: Services,
                                                   disk: Disk) -> None:
    message = translated(demo_services, "tr", SAVE_FAILED)
    office = demo_services.booking
    benali = office.people.find_person("Mme Benali")
    assert benali is not None
    bookings = len(office.appointments.bookings())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "tr")
        await press(pilot, "2")
        await pilot.click(f"#person-{benali.id}")
        await settle(pilot)
        await press(pilot, "1", "1")  # first day, first time
        assert isinstance(app.screen, booking_screens.DetailsScreen)
        await pilot.press(*"Amina")
        app.screen.query_one("#phone", Input).value = "06 12 34 56 78"
        await pilot.click("#details-next")
        await settle(pilot)
        await press(pilot, "2")  # no interpreter (asked: the session is not French)
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        before = disk.files()
        disk.state = "read-only"
        await press(pilot, "1")  # I confirm
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert shows(app, "#summary-notice", message)
        assert not app.screen.query_one("#confirm", BigButton).disabled
        assert disk.files() == before and len(office.appointments.bookings()) == bookings
        staff_see(demo_services, "read-only")
        await press(pilot, "escape")  # what was typed is still there
        assert app.screen.query_one("#child", Input).value == "Amina"
        assert app.screen.query_one("#phone", Input).value == "06 12 34 56 78"
        await pilot.click("#details-next")
        await settle(pilot)
        disk.state = "ok"
        await press(pilot, "1")
        assert isinstance(app.screen, booking_screens.BookedScreen)
        code = app.screen.booking.code
    booked = office.appointments.booking_by_code(code)
    assert booked is not None and (booked.child, booked.phone) == ("Amina", "06 12 34 56 78")
    assert booked.language == "tr" and len(office.appointments.bookings()) == bookings + 1


async def _open_code(pilot: Any, tile: str, code: str) -> None:
    await press(pilot, tile)
    await press(pilot, "0")  # I have a code
    await press(pilot, *code.lower(), "enter")


async def test_moving_a_meeting_on_a_full_disk(make_app: Any, demo_services: Services,
                                               disk: Disk) -> None:
    message = translated(demo_services, "ar", SAVE_FAILED)
    office = demo_services.booking
    booking = office.appointments.book(_future_slot(demo_services, "M. Petit").id, child="Hana",
                          child_class="CE2", language="ar")
    before = disk.files()
    disk.state = "full"  # full from the start: finding the meeting by its code still works
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "ar")
        await _open_code(pilot, "2", booking.code)
        assert isinstance(app.screen, code_screens.BookingDetailScreen)
        await press(pilot, "1")  # change the time
        await press(pilot, "1")  # first day
        assert isinstance(app.screen, booking_screens.ChooseSlotScreen)
        target = office.slots.free_slots(booking.person_id, booking.start.date())[0]
        await pilot.click(f"#slot-{target.id}")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.SummaryScreen)  # checked first
        await press(pilot, "1")  # I confirm
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert shows(app, "#summary-notice", message)
        assert not app.screen.query_one("#confirm", BigButton).disabled  # they may try again
        assert app.session.drafts["booking"]["moving_code"] == booking.code
        assert disk.files() == before
        staff_see(demo_services, "full")
        disk.state = "ok"
        await click(pilot, "#confirm")
        await settle(pilot)
        assert isinstance(app.screen, booking_screens.BookedScreen) and app.screen.moved
    moved = office.appointments.booking_by_code(booking.code)
    assert moved is not None and moved.slot_id == target.id


async def test_cancelling_a_meeting_in_a_read_only_folder(make_app: Any, demo_services: Services,
                                                          disk: Disk) -> None:
    message = translated(demo_services, "tr", SAVE_FAILED)
    office = demo_services.booking
    booking = office.appointments.book(_future_slot(demo_services, "Mme Nguyen").id, child="Yusuf",
                          child_class="CM1", language="tr")
    before = disk.files()
    disk.state = "read-only"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "tr")
        await _open_code(pilot, "2", booking.code)
        assert isinstance(app.screen, code_screens.BookingDetailScreen)
        await press(pilot, "2")  # cancel
        await press(pilot, "1")  # yes
        assert isinstance(app.screen, code_screens.BookingDetailScreen)
        assert shows(app, "#detail-notice", message)
        assert not app.screen.query_one("#detail-cancel", BigButton).disabled  # may retry
        assert disk.files() == before
        staff_see(demo_services, "read-only")
        disk.state = "ok"
        await press(pilot, "2")
        await press(pilot, "1")
        assert shows(app, "#detail-notice", translated(
            demo_services, "tr", "Votre rendez-vous est annulé. Merci d'avoir prévenu."))
    cancelled = office.appointments.booking_by_code(booking.code)
    assert cancelled is not None and cancelled.status == "cancelled"


async def test_workshop_registration_in_a_read_only_folder(make_app: Any,
                                                           demo_services: Services,
                                                           disk: Disk) -> None:
    message = translated(demo_services, "ar", SAVE_FAILED)
    office = demo_services.booking
    workshop = office.workshops.upcoming()[0]
    registered = len(office.workshops.registrations(workshop.id))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "ar")
        await press(pilot, "3")
        await pilot.click(f"#workshop-{workshop.id}")
        await settle(pilot)
        await pilot.click("#name")
        await pilot.press(*"ليلى")
        app.screen.query_one("#phone", Input).value = "0612345678"
        before = disk.files()
        disk.state = "read-only"
        await pilot.click("#register")
        await settle(pilot)
        await press(pilot, "2")  # no interpreter (asked: the session is not French)
        assert isinstance(app.screen, workshop_screens.WorkshopScreen)
        assert shows(app, "#register-notice", message)
        assert app.screen.query_one("#name", Input).value == "ليلى"
        assert app.screen.query_one("#phone", Input).value == "0612345678"
        assert not app.screen.query_one("#register", BigButton).disabled
        assert disk.files() == before
        assert len(office.workshops.registrations(workshop.id)) == registered
        staff_see(demo_services, "read-only")
        disk.state = "ok"
        await click(pilot, "#register")
        await settle(pilot)
        assert isinstance(app.screen, workshop_screens.RegisteredScreen)
        code = app.screen.registration.code
    found = office.workshops.registration_by_code(code)
    assert found is not None and found.name == "ليلى" and found.language == "ar"


async def test_workshop_cancellation_on_a_full_disk(make_app: Any, demo_services: Services,
                                                    disk: Disk) -> None:
    message = translated(demo_services, "tr", SAVE_FAILED)
    office = demo_services.booking
    workshop = office.workshops.upcoming()[0]
    registration = office.workshops.register(workshop.id, name="Elif", language="tr")
    before = disk.files()
    disk.state = "full"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "tr")
        await _open_code(pilot, "3", registration.code)
        assert isinstance(app.screen, workshop_screens.RegistrationDetailScreen)
        await press(pilot, "1")  # cancel my registration
        await press(pilot, "1")  # yes
        assert shows(app, "#detail-notice", message)
        assert not app.screen.query_one("#detail-cancel", BigButton).disabled  # may retry
        assert disk.files() == before
        staff_see(demo_services, "full")
        disk.state = "ok"
        await press(pilot, "1")
        await press(pilot, "1")
    cancelled = office.workshops.registration_by_code(registration.code)
    assert cancelled is not None and cancelled.status == "cancelled"


async def test_help_request_on_a_full_disk(make_app: Any, demo_services: Services,
                                           disk: Disk) -> None:
    message = translated(demo_services, "ar", HELP_FAILED)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "ar")
        await press(pilot, "5")
        assert isinstance(app.screen, HelpScreen)
        before = disk.files()
        disk.state = "full"
        await press(pilot, "1")  # I need help
        assert shows(app, "#help-notice", message)
        assert not app.screen.query_one("#help-ask", BigButton).disabled
        assert disk.files() == before and demo_services.help_requests.pending() == []
        staff_see(demo_services, "full")
        disk.state = "ok"
        await press(pilot, "1")
    (request,) = demo_services.help_requests.pending()
    assert request.came_from == "home"


async def test_ticket_in_a_read_only_folder(make_app: Any, demo_services: Services,
                                            disk: Disk) -> None:
    message = translated(demo_services, "tr", PRINT_MESSAGES["failed"])
    office = demo_services.booking
    workshop = office.workshops.upcoming()[0]
    jobs = len(demo_services.printing.jobs())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "tr")
        await press(pilot, "3")
        await pilot.click(f"#workshop-{workshop.id}")
        await settle(pilot)
        await pilot.click("#name")
        await press(pilot, *"Elif", "enter", "enter")
        await press(pilot, "2")  # no interpreter (asked: the session is not French)
        assert isinstance(app.screen, workshop_screens.RegisteredScreen)
        code = app.screen.registration.code
        before = disk.files()
        disk.state = "read-only"
        await press(pilot, "1")  # my ticket
        screen = app.screen
        assert isinstance(screen, TicketScreen)
        assert screen.outcome is not None and screen.outcome.status == "failed"
        assert shows(app, "#print-status", message)
        assert code in (screen.ticket.qr or "")  # the code stays on screen, and in the QR
        assert screen.query("#ticket-qr-code")
        assert not screen.query_one("#ticket-again", BigButton).disabled
        assert disk.files() == before and len(demo_services.printing.jobs()) == jobs
        staff_see(demo_services, "read-only")
        disk.state = "ok"
        await press(pilot, "1")  # print again
        assert screen.outcome is not None and screen.outcome.status == "preview"
    saved = demo_services.printing.jobs()  # newest first
    assert len(saved) == jobs + 1 and saved[0].language == "tr" and saved[0].kind == "workshop"


async def test_staff_dashboard_shows_the_refused_write(make_app: Any, demo_services: Services,
                                                       disk: Disk) -> None:
    disk.state = "full"
    with pytest.raises(StorageError):
        demo_services.help_requests.request("home")
    disk.state = "ok"
    app = make_app()
    async with app.run_test(size=(110, 60)) as pilot:
        await app.open_staff_area()
        await settle(pilot)
        await settle(pilot)
        shown = [str(s.render()) for s in app.screen.query("#dashboard-problems Static")]
        assert any("écriture refusée" in line and REASONS["full"] in line for line in shown)


# -- the clock jumps: idle reset ------------------------------------------------------------------


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> Callable[..., None]:
    """Move the wall clock (time.time and the services' clock) by `hours`."""
    offset = [0.0]
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + offset[0])

    def jump(hours: float) -> None:
        offset[0] += hours * 3600
        clock.advance(hours=hours)

    return jump


async def test_clock_forward_does_not_reset_a_parent_early(make_app: Any,
                                                           wall: Callable[..., None]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "5")  # English, Help
        for hours in (1, 24):
            app.note_activity()
            wall(hours)
            await go_idle(pilot, 0)  # an idle check after the jump
            assert isinstance(app.screen, HelpScreen)
        # The idle reset still comes when the parent really leaves...
        await go_idle(pilot)
        overlay = app.screen
        assert isinstance(overlay, IdleOverlay)
        # ...and its countdown is not cut short by another jump.
        wall(24)
        await count_down(pilot, 1)
        assert app.screen is overlay and overlay.seconds_left >= app.idle_countdown - 2
        assert not app.session.is_empty


async def test_clock_backwards_still_resets_an_abandoned_session(
        make_app: Any, wall: Callable[..., None]) -> None:
    app = make_app()
    app.idle_countdown = 1
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "5")
        wall(-1)
        await go_idle(pilot)
        assert isinstance(app.screen, IdleOverlay)
        wall(-24)  # during the countdown
        await count_down(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert app.session.is_empty and len(app.screen_stack) == 1


# -- the clock jumps: what parents are offered ----------------------------------------------------


def _offered_ok(services: Services, person_id: str) -> list[Any]:
    office = services.booking
    free = office.slots.free_slots(person_id)
    ids = [s.id for s in free]
    assert len(ids) == len(set(ids))  # nothing offered twice
    assert all(s.start >= office.slots.earliest_bookable() for s in free)
    booked = {b.slot_id for b in office.appointments.bookings() if b.status == "booked"}
    assert not booked & set(ids)
    assert sum(n for _, n in office.slots.free_days(person_id)) == len(free)
    counts = dict((p.id, n) for p, n in office.slots.people_with_free_slots())
    assert counts[person_id] == len(free)
    return free


def test_clock_back_an_hour_after_a_booking(demo_services: Services, clock: Clock) -> None:
    office = demo_services.booking
    benali = office.people.find_person("Mme Benali")
    assert benali is not None
    offered = _offered_ok(demo_services, benali.id)
    booking = office.appointments.book(offered[0].id, child="Amina", child_class="CP")
    clock.advance(hours=-1)
    again = _offered_ok(demo_services, benali.id)
    assert {s.id for s in offered} - {booking.slot_id} <= {s.id for s in again}
    assert booking.slot_id not in {s.id for s in again}
    with pytest.raises(BookingRefused) as refused:
        office.appointments.book(booking.slot_id, child="Noé", child_class="CP")
    assert refused.value.reason == "taken"
    assert [b.code for b in office.appointments.bookings()].count(booking.code) == 1
    demo_services.retention.purge()
    kept = office.appointments.booking_by_code(booking.code)
    assert kept is not None and kept.child == "Amina" and kept.status == "booked"


def test_clock_forward_a_day_drops_past_slots_and_keeps_what_it_should(
        demo_services: Services, clock: Clock) -> None:
    office = demo_services.booking
    benali = office.people.find_person("Mme Benali")
    assert benali is not None
    first = office.slots.free_slots(benali.id)[0]
    booking = office.appointments.book(first.id, child="Amina", child_class="CP")
    help_request = demo_services.help_requests.request("home")
    clock.current = first.end + dt.timedelta(days=1)  # the meeting ended yesterday
    free = _offered_ok(demo_services, benali.id)
    assert all(s.start > first.start for s in free)
    report = demo_services.retention.purge()
    assert not report.bookings and not report.help_requests
    kept = office.appointments.booking_by_code(booking.code)
    assert kept is not None and kept.child == "Amina"
    assert help_request.id in {r.id for r in demo_services.help_requests.pending()}
    # Past the retention period, the same purge does erase them: the test above is not idle.
    clock.advance(days=demo_services.config.retention.bookings_days + 1)
    demo_services.retention.purge()
    erased = office.appointments.booking_by_code(booking.code)
    assert erased is not None and erased.child == ""


def test_a_booking_made_while_the_clock_was_ahead(demo_services: Services, clock: Clock) -> None:
    office = demo_services.booking
    nguyen = office.people.find_person("Mme Nguyen")
    assert nguyen is not None
    clock.advance(days=1)  # wrong clock
    slot = office.slots.free_slots(nguyen.id)[0]
    booking = office.appointments.book(slot.id, child="Yusuf", child_class="CM1")
    clock.advance(days=-1)  # corrected
    demo_services.retention.purge()
    found = office.codes.look_up_code(booking.code)
    assert isinstance(found, Booking)
    assert found.code == booking.code and found.child == "Yusuf" and found.active
    assert [b.code for b in office.appointments.bookings()].count(booking.code) == 1
    assert slot.id not in {s.id for s in _offered_ok(demo_services, nguyen.id)}


def test_workshops_to_come_follow_the_clock(demo_services: Services, clock: Clock) -> None:
    office = demo_services.booking
    workshops = office.workshops.upcoming()
    soonest = min(workshops, key=lambda w: w.start)
    registration = office.workshops.register(soonest.id, name="Awa")
    clock.current = soonest.start + dt.timedelta(minutes=1)
    later = office.workshops.upcoming()
    assert soonest.id not in {w.id for w in later}
    assert all(w.start > clock.current for w in later)
    with pytest.raises(BookingRefused) as refused:
        office.workshops.register(soonest.id, name="Ion")
    assert refused.value.reason == "workshop_closed"
    clock.advance(hours=-1)  # corrected back: to come again, once, with its registration
    ids = [w.id for w in office.workshops.upcoming()]
    assert ids.count(soonest.id) == 1
    demo_services.retention.purge()
    found = office.workshops.registration_by_code(registration.code)
    assert found is not None and found.name == "Awa" and found.active


async def test_current_announcements_follow_the_clock(make_app: Any, demo_services: Services,
                                                      clock: Clock) -> None:
    book = demo_services.announcements
    shown = {a.id for a in book.current()}
    assert shown
    # An urgent item written while the clock was an hour ahead stays out when it is corrected.
    clock.advance(hours=1)
    urgent = book.write(title="Fermeture exceptionnelle",
                        text="L'école ferme à 15 h aujourd'hui.", urgent=True)
    assert urgent.id in {a.id for a in book.current()}
    clock.advance(hours=-1)
    assert {a.id for a in book.current()} == shown | {urgent.id}
    # Forward to the day after the first item's last day: it goes, the others stay.
    far = dt.date.max
    ends = {a.id: a.visible_until or far for a in book.all()}
    first_end = min(ends[i] for i in shown)
    clock.advance(days=(first_end - demo_services.today()).days + 1)
    today = demo_services.today()
    now = {a.id for a in book.current()}
    assert now and all(ends[i] >= today for i in now)
    assert {i for i in shown if ends[i] == first_end}.isdisjoint(now)
    assert {i for i in shown if ends[i] >= today} <= now
    app = make_app()  # and the parents' list is that one
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "ar")
        await press(pilot, "4")
        listed = app.screen
        assert isinstance(listed, AnnouncementListScreen) and listed.items is not None
        assert [a.id for a in listed.items] == [a.id for a in book.current()]
        assert len(listed.query(".announcement-item")) == len(now)


async def test_slot_list_after_clock_jumps_in_the_kiosk(make_app: Any, demo_services: Services,
                                                        clock: Clock) -> None:
    office = demo_services.booking
    benali = office.people.find_person("Mme Benali")
    assert benali is not None
    first = office.slots.free_slots(benali.id)[0]
    before = clock.current
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "tr")
        await press(pilot, "2")
        await pilot.click(f"#person-{benali.id}")
        await settle(pilot)
        await press(pilot, "1", "1")
        await press(pilot, *"Amina", "enter", "enter")
        await press(pilot, "2")  # no interpreter (asked: the session is not French)
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        assert app.session.drafts["booking"]["slot_id"] == first.id
        # The clock jumps forward a day while the parent reads: the slot is now past.
        clock.current = first.start + dt.timedelta(days=1)
        await press(pilot, "1")
        assert isinstance(app.screen, booking_screens.SummaryScreen)
        too_soon = BookingRefused("too_soon")
        assert shows(app, "#summary-notice", booking_parts.refusal_text(app.screen, too_soon))
        await press(pilot, "2")  # choose another time
        assert isinstance(app.screen, booking_screens.ChooseDayScreen)
        days = [b.id for b in app.screen.query(".booking-day")]
        assert f"day-{first.start.date().isoformat()}" not in days
        assert len(days) == len(set(days))
        clock.current = before  # corrected back: the slot is offered again, once
        await press(pilot, "escape")
        await pilot.click(f"#person-{benali.id}")
        await settle(pilot)
        await press(pilot, "1")
        slots = [b.id for b in app.screen.query(".booking-slot")]
        assert len(slots) == len(set(slots))
        assert f"slot-{first.id}" in slots
    bookings = office.appointments.bookings()
    assert bookings == [b for b in bookings if b.child != "Amina"]


# -- the clock jumps: pauses and locks do not grow ----------------------------------------------


def test_code_pause_is_not_lengthened_by_a_clock_set_back(demo_services: Services,
                                                          clock: Clock) -> None:
    office = demo_services.booking
    settings = demo_services.config.booking
    booking = office.appointments.book(_future_slot(demo_services, "Mme Benali").id, child="Amina",
                          child_class="CP")
    for _ in range(settings.code_attempts):
        with pytest.raises(BookingRefused):
            office.codes.look_up_code("ZZZZZZ")
    clock.advance(hours=-1)
    with pytest.raises(BookingRefused) as refused:
        office.codes.look_up_code(booking.code)
    assert refused.value.reason == "paused"
    assert refused.value.seconds <= settings.code_pause_seconds + 1
    clock.advance(seconds=settings.code_pause_seconds + 1)
    assert office.codes.look_up_code(booking.code).code == booking.code


def test_staff_lock_is_not_lengthened_by_a_clock_set_back(services: Services,
                                                          clock: Clock) -> None:
    access = services.staff_access
    access.set_pin("2580")
    for _ in range(MAX_ATTEMPTS):
        access.check("1111")
    clock.advance(hours=-1)
    assert access.check("2580").outcome is CheckOutcome.LOCKED
    clock.advance(minutes=LOCK_MINUTES, seconds=1)
    assert access.check("2580").outcome is CheckOutcome.OK
