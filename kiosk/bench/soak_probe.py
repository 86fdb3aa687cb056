"""A year at the reception desk, scripted: many parent sessions through the Textual Pilot.

Used by ``tests/faults/test_soak.py`` (``make test-slow``) and by the ``memory_growth`` figure of
``kiosk bench`` (:mod:`kiosk.bench.soak`). One app runs on the given services; each session
picks a flow (questionnaire, booking, cancelling by code, workshop registration, reading and
printing an announcement), sometimes changes language on the way, sometimes walks away mid-flow
(idle reset), and the terminal is resized between sessions (down to 40×15). After every session
the parent is forgotten and the probe checks that nothing of them is left: empty session,
Welcome alone on the stack, their child's name nowhere on the screen.

Like :mod:`kiosk.bench.probe`, this module starts the Textual app, so it is exempt from the
"domain never imports Textual" contract (pyproject.toml, import-linter).
"""

from __future__ import annotations

import asyncio
import gc
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.services import Services

SIZES = ((80, 24), (100, 40), (120, 40), (40, 15), (80, 24))
FLOWS = ["questionnaire", "booking", "cancel", "workshop", "announcement"]


class SoakFailure(AssertionError):
    """Something of a previous parent was left, or a flow did not end where it should."""


@dataclass
class SoakResult:
    sessions: int = 0
    flows: dict[str, int] = field(default_factory=dict)
    resets_mid_flow: int = 0
    #: What the sessions saved, to check at the end: booking codes → expected status,
    #: workshop registration codes, number of questionnaire responses sent.
    bookings: dict[str, str] = field(default_factory=dict)
    registrations: list[str] = field(default_factory=list)
    responses: int = 0
    printed: int = 0
    #: Resident memory (bytes) after given numbers of sessions.
    memory: dict[int, int] = field(default_factory=dict)


def resident_bytes() -> int:
    """Current resident set size of this process (Linux /proc; 0 where unavailable)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    import os

    return pages * os.sysconf("SC_PAGE_SIZE")


def child_name(index: int) -> str:
    """A distinct letters-only first name per session (Amina + the index in letters)."""
    letters = ""
    n = index
    while True:
        letters = string.ascii_lowercase[n % 26] + letters
        n //= 26
        if not n:
            break
    return "Soak" + letters


def screen_text(app: Any) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def screen_name(app: Any) -> str:
    return type(app.screen).__name__


class Driver:
    """Runs sessions on one app through its Pilot."""

    def __init__(self, app: Any, pilot: Any, services: Services, seed: int = 9,
                 sizes: tuple[tuple[int, int], ...] = SIZES) -> None:
        self.sizes = sizes
        self.app = app
        self.pilot = pilot
        self.services = services
        self.rng = random.Random(seed)
        self.result = SoakResult()
        self.languages = list(services.config.kiosk.languages)

    async def settle(self) -> None:
        await self.pilot.pause()
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def click(self, selector: str) -> None:
        """Click a button (pressed from the keyboard when a small terminal hides it)."""
        from textual.pilot import OutOfBounds

        widget = self.app.screen.query_one(selector)
        widget.scroll_visible(animate=False)
        await self.pilot.pause()
        try:
            await self.pilot.click(selector)
        except OutOfBounds:
            if hasattr(widget, "press"):
                widget.press()
            else:
                widget.focus()
        await self.settle()

    def expect(self, name: str, step: str) -> None:
        if screen_name(self.app) != name:
            raise SoakFailure(f"session {self.result.sessions}, {step}: "
                              f"expected {name}, on {screen_name(self.app)}")

    async def choose_language(self) -> str:
        code = self.rng.choice(self.languages)
        await self.press("1234567890abcdef"[self.languages.index(code)])
        self.expect("HomeScreen", "language chosen")
        return code

    async def maybe_walk_away(self, chance: float = 0.08) -> bool:
        """Sometimes the parent leaves mid-flow: the idle reset forgets them."""
        if self.rng.random() >= chance:
            return False
        await self.app.idle_expired()
        await self.settle()
        self.result.resets_mid_flow += 1
        return True

    async def maybe_change_language(self) -> None:
        if self.rng.random() < 0.15:
            await self.app.set_language(self.rng.choice(self.languages))
            await self.settle()

    # -- flows -----------------------------------------------------------------------------------

    async def questionnaire(self, name: str) -> None:
        await self.press("1")
        self.expect("QuestionnaireIntroScreen", "questionnaire tile")
        await self.press("1")
        statements = self.services.questionnaire.statements
        for index, _item in enumerate(statements):
            await self.pilot.press(str(1 + (index + self.rng.randrange(5)) % 5))
            if index == len(statements) // 2:
                await self.settle()
                await self.maybe_change_language()
                if await self.maybe_walk_away():
                    return
        await self.settle()
        # Part 2: 9 confirms a multiple choice ("Valider") and skips the others.
        for keys in (("1", "9"), ("1",), ("4",), ("1",), ("1", "3", "9"), ("2", "9"), ("9",),
                     ("2", "9")):
            await self.pilot.press(*keys)
        await self.settle()
        self.expect("ReviewScreen", "questionnaire review")
        await self.press("1")
        self.expect("ThanksScreen", "questionnaire sent")
        self.result.responses += 1
        if self.rng.random() < 0.3:
            await self.press("1")
            self.expect("TicketScreen", "questionnaire ticket")
            self.result.printed += 1

    async def answer_interpreter(self) -> None:
        """A parent whose language is not French is asked whether they would like an
        interpreter: Oui (1) every other time, else Non (2) (the random sequence of the
        sessions stays the same)."""
        if screen_name(self.app) == "InterpreterModal":
            await self.press("1" if self.result.sessions % 2 else "2")

    async def booking(self, name: str) -> None:
        office = self.services.booking
        free = [p for p, count in office.slots.people_with_free_slots() if count]
        if not free:
            await self.cancel(name)
            return
        person = self.rng.choice(free)
        await self.press("2")
        self.expect("ChoosePersonScreen", "meet a teacher")
        await self.click(f"#person-{person.id}")
        await self.press("1")
        self.expect("ChooseSlotScreen", "day chosen")
        await self.press("1")
        self.expect("DetailsScreen", "slot chosen")
        await self.pilot.press(*name)
        classes = list(self.app.screen.query(".booking-class"))
        if len(classes) > 1:
            await self.click(f"#{self.rng.choice(classes).id}")
        await self.maybe_change_language()
        if await self.maybe_walk_away():
            return
        await self.click("#details-next")
        await self.answer_interpreter()
        self.expect("SummaryScreen", "details typed")
        if name not in screen_text(self.app):
            raise SoakFailure(f"{name} not on the summary")
        await self.press("1")
        self.expect("BookedScreen", "booking confirmed")
        booking = self.app.screen.booking
        self.result.bookings[booking.code] = "booked"
        if self.rng.random() < 0.3:
            await self.press("1")
            self.expect("TicketScreen", "booking ticket")
            self.result.printed += 1

    async def cancel(self, name: str) -> None:
        booked = [code for code, status in self.result.bookings.items() if status == "booked"]
        if not booked:
            await self.workshop(name)
            return
        code = self.rng.choice(booked)
        await self.press("2")
        await self.press("0")
        self.expect("CodeScreen", "I have a code")
        await self.pilot.press(*f"{code[:3].lower()} {code[3:]}")
        await self.press("enter")
        self.expect("BookingDetailScreen", "code typed")
        if await self.maybe_walk_away():
            return
        await self.click("#detail-cancel")
        await self.press("1")
        self.result.bookings[code] = "cancelled"

    async def workshop(self, name: str) -> None:
        if not self.services.booking.workshops.upcoming():
            await self.announcement(name)
            return
        await self.press("3")
        self.expect("WorkshopListScreen", "workshops tile")
        await self.press("1")
        self.expect("WorkshopScreen", "workshop chosen")
        await self.click("#name")
        await self.pilot.press(*name)
        await self.maybe_change_language()
        if await self.maybe_walk_away():
            return
        await self.click("#register")
        await self.answer_interpreter()
        self.expect("RegisteredScreen", "registered")
        self.result.registrations.append(self.app.screen.registration.code)

    async def announcement(self, name: str) -> None:
        await self.press("4")
        self.expect("AnnouncementListScreen", "announcements tile")
        if not self.services.announcements.current():
            return
        await self.press("1")
        self.expect("AnnouncementScreen", "announcement chosen")
        await self.maybe_change_language()
        if await self.maybe_walk_away():
            return
        await self.press("1")
        self.expect("TicketScreen", "announcement printed")
        self.result.printed += 1

    # -- one session -----------------------------------------------------------------------------

    async def session(self) -> None:
        index = self.result.sessions
        name = child_name(index)
        if self.rng.random() < 0.2:
            await self.pilot.resize_terminal(*self.rng.choice(self.sizes))
            await self.settle()
        await self.choose_language()
        flow = FLOWS[index % len(FLOWS)] if index < len(FLOWS) else self.rng.choice(FLOWS)
        self.result.flows[flow] = self.result.flows.get(flow, 0) + 1
        await getattr(self, flow)(name)
        if self.rng.random() < 0.5:
            await self.app.idle_expired()
        else:
            await self.app.reset_parent()
        await self.settle()
        self.check_forgotten(name)
        self.result.sessions += 1

    def check_forgotten(self, name: str) -> None:
        app = self.app
        where = f"after session {self.result.sessions}"
        if not app.session.is_empty:
            raise SoakFailure(f"{where}: session not empty: {app.session}")
        if len(app.screen_stack) != 1 or screen_name(app) != "WelcomeScreen":
            raise SoakFailure(f"{where}: stack {[type(s).__name__ for s in app.screen_stack]}")
        if name in screen_text(app):
            raise SoakFailure(f"{where}: {name} still on the screen")
        if app.has_class("-rtl"):
            raise SoakFailure(f"{where}: still right to left")

    def check_saved(self) -> None:
        """Every item the sessions saved is still there, as the sessions left it."""
        office = self.services.booking
        for code, status in self.result.bookings.items():
            found = office.appointments.booking_by_code(code)
            if found is None or found.status != status:
                raise SoakFailure(f"booking {code}: expected {status}, found {found}")
        for code in self.result.registrations:
            if office.workshops.registration_by_code(code) is None:
                raise SoakFailure(f"registration {code} lost")


async def run_sessions(services: Services, count: int, *, seed: int = 9,
                       memory_at: tuple[int, ...] = (),
                       sizes: tuple[tuple[int, int], ...] = SIZES,
                       size: tuple[int, int] = (80, 24),
                       on_session: Callable[[Driver], None] | None = None) -> SoakResult:
    """Run `count` sessions on one app; record resident memory after each `memory_at` count."""
    from kiosk.app import KioskApp

    app = KioskApp(services)
    app.idle_timeout = 3600.0  # the probe triggers idle resets itself
    app.retention_first_delay = 3600.0
    app.print_queue_delay = 3600.0
    responses_before = services.responses.count()
    async with app.run_test(size=size) as pilot:
        driver = Driver(app, pilot, services, seed, sizes)
        for _ in range(count):
            await driver.session()
            if on_session:
                on_session(driver)
            if driver.result.sessions in memory_at:
                gc.collect()
                driver.result.memory[driver.result.sessions] = resident_bytes()
        await driver.settle()
    driver.check_saved()
    sent = services.responses.count() - responses_before
    if sent != driver.result.responses:
        raise SoakFailure(f"{driver.result.responses} questionnaires sent, {sent} saved")
    return driver.result


def run(services: Services, count: int, **options: Any) -> SoakResult:
    return asyncio.run(run_sessions(services, count, **options))
