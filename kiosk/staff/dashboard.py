"""The staff dashboard's figures: one snapshot of the day, gathered from the features.

Each part is gathered on its own: a feature that is not installed in this kiosk leaves its part
empty (``None``), and a data file that cannot be read becomes a line of :attr:`Dashboard.problems`
instead of hiding the rest. Plain Python, called from a thread worker by the staff screen.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kiosk.core.languages import language_name_fr, staff_language_note
from kiosk.core.store import StorageError, recent_write_errors

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class AppointmentLine:
    """One slot of today for one person: booked (child, class) or free."""

    time: dt.datetime
    minutes: int
    who: str  # "Amina (CE2)", "" when free, "créneau annulé" …
    booked: bool
    note: str = ""


@dataclass(frozen=True)
class PersonDay:
    """Today's slots of one person."""

    person: str
    lines: list[AppointmentLine]

    @property
    def booked(self) -> int:
        return sum(1 for line in self.lines if line.booked)


@dataclass(frozen=True)
class WorkshopLine:
    """A workshop to come."""

    title: str
    start: dt.datetime
    registered: int
    capacity: int
    waiting: int


@dataclass(frozen=True)
class ResponseFigures:
    """Questionnaire responses of the school year."""

    today: int
    total: int
    families: int

    @property
    def rate(self) -> float | None:
        return self.total / self.families if self.families > 0 else None


@dataclass(frozen=True)
class PrinterFigures:
    """The print queue and what is known of the printer."""

    printer: str
    pending: int
    last_error: str
    warnings: list[str]
    status: str


@dataclass(frozen=True)
class NotifyLine:
    """A family staff must contact (a cancellation, a waitlist promotion)."""

    kind: str
    id: str
    who: str
    phone: str
    what: str
    why: str


@dataclass(frozen=True)
class HelpLine:
    id: str
    when: dt.datetime
    came_from: str
    #: The parent's language, in French ("arabe").
    language: str = ""


@dataclass(frozen=True)
class LoanFigures:
    """Equipment loans: those due back soon (or overdue), and requests waiting."""

    #: (family's first name, device, due date, overdue) — overdue first.
    due: list[tuple[str, str, dt.date, bool]]
    waiting: int


@dataclass
class Dashboard:
    """Everything the dashboard shows, as of :attr:`at`."""

    at: dt.datetime
    appointments: list[PersonDay] | None = None
    workshops: list[WorkshopLine] | None = None
    #: This school year's workshop attendance (:mod:`kiosk.booking.attendance`).
    attendance: Any = None
    responses: ResponseFigures | None = None
    printer: PrinterFigures | None = None
    to_notify: list[NotifyLine] | None = None
    help_requests: list[HelpLine] | None = None
    #: Call-back requests waiting ("À rappeler"; None: no call-back feature).
    callbacks: int | None = None
    loans: LoanFigures | None = None
    #: Storage problems in plain words (files set aside, unreadable files, failed writes).
    problems: list[str] = field(default_factory=list)


#: A feature as the dashboard gets it: called when the dashboard is gathered (so a feature is
#: only opened for the dashboard), None when this kiosk does not have it.
Feature = Callable[[], Any] | None


@dataclass(frozen=True)
class StaffDashboard:
    """Gathers the dashboard's figures from the features it is given.

    Each feature is a callable returning it (``None`` when this kiosk has no such feature);
    `problems()` gives the storage problems found at start, in plain words.
    """

    now: Callable[[], dt.datetime]
    families: int
    problems: Callable[[], Iterable[str]]
    booking: Feature = None
    responses: Feature = None
    printing: Feature = None
    help_requests: Feature = None
    callbacks: Feature = None
    #: No figure about fewer people is shown (``[questionnaire] min_group_size``).
    min_group: int = 5
    loans: Feature = None

    def gather(self, *, query_printer: bool = True) -> Dashboard:
        """Collect the dashboard's figures now. Never raises a StorageError (it is reported)."""
        board = Dashboard(at=self.now())
        board.problems.extend(self.problems())

        def part(label: str, collect: Callable[[], T]) -> T | None:
            try:
                return collect()
            except StorageError as exc:
                board.problems.append(f"{label} : {exc}")
            except Exception as exc:  # a broken part must not hide the others
                log.exception("dashboard part %s failed", label)
                board.problems.append(f"{label} : erreur inattendue ({exc.__class__.__name__})")
            return None

        booking = _feature(self.booking)
        if booking is not None:
            today = board.at.date()
            board.appointments = part("Rendez-vous", lambda: _appointments(booking, today))
            board.workshops = part("Ateliers", lambda: _workshops(booking))
            board.attendance = part("Présence aux ateliers",
                                    lambda: booking.workshops.figures(min_group=self.min_group))
            board.to_notify = part("Familles à prévenir", lambda: _to_notify(booking))
        responses = _feature(self.responses)
        if responses is not None:
            board.responses = part("Questionnaire", lambda: self._responses(responses, board.at))
        printing = _feature(self.printing)
        if printing is not None:
            board.printer = part("Imprimante", lambda: _printer(printing, query_printer))
        helps = _feature(self.help_requests)
        if helps is not None:
            board.help_requests = part(
                "Demandes d'aide",
                lambda: [HelpLine(r.id, r.when, r.came_from, language_name_fr(r.language))
                         for r in helps.pending()],
            )
        calls = _feature(self.callbacks)
        if calls is not None:
            board.callbacks = part("À rappeler", lambda: len(calls.waiting()))
        register = _feature(self.loans)
        if register is not None:
            board.loans = part("Prêts de matériel", lambda: _loans(register, board.at.date()))
        board.problems.extend(
            f"{when:%d/%m %H:%M} — écriture refusée : {message}"
            for when, message in recent_write_errors()
        )
        return board

    def _responses(self, responses: Any, now: dt.datetime) -> ResponseFigures:
        all_responses = responses.responses()
        today = now.date().isoformat()
        return ResponseFigures(
            today=sum(1 for r in all_responses if r.hour.startswith(today)),
            total=len(all_responses),
            families=self.families,
        )


def _feature(feature: Feature) -> Any | None:
    """A feature service if this kiosk has it (None when its module is not installed)."""
    try:
        return feature() if feature is not None else None
    except ImportError:  # pragma: no cover - a feature module missing from the install
        return None


def _appointments(booking: Any, today: dt.date) -> list[PersonDay]:
    days: dict[str, list[AppointmentLine]] = {}
    for item in booking.appointments.appointments_on(today):
        slot, found = item.slot, item.booking
        if found is not None and found.active:
            who = f"{found.child} ({found.child_class})" if found.child else found.child_class
            line = AppointmentLine(slot.start, slot.minutes, who, True, _booking_note(found))
        elif found is not None:
            line = AppointmentLine(slot.start, slot.minutes, f"{found.child} — créneau annulé",
                                   False, "à prévenir" if found.to_notify else "")
        else:
            line = AppointmentLine(slot.start, slot.minutes, "", False,
                                   "annulé" if slot.cancelled else "libre")
        days.setdefault(item.person.name, []).append(line)
    return [PersonDay(person, sorted(lines, key=lambda x: x.time))
            for person, lines in days.items()]


def _booking_note(found: Any) -> str:
    """The phone, the parent's language when not French, and the interpreter asked for."""
    notes = [f"tél. {found.phone}"] if found.phone else []
    spoken = staff_language_note(found.language, found.interpreter)
    return ", ".join([*notes, spoken] if spoken else notes)


def _workshops(booking: Any) -> list[WorkshopLine]:
    return [
        WorkshopLine(w.title, w.start, w.registered, w.capacity, w.waiting)
        for w in sorted(booking.workshops.upcoming(), key=lambda w: w.start)
    ]


def _to_notify(booking: Any) -> list[NotifyLine]:
    return [NotifyLine(n.kind, n.id, n.who, n.phone, n.what, n.why)
            for n in booking.notices.to_notify()]


def _loans(register: Any, today: dt.date) -> LoanFigures:
    due = [(x.name or "(effacé)", x.device_words, x.due, x.overdue(today))
           for x in register.due_soon()]
    return LoanFigures(due, len(register.waiting()))


def _printer(printing: Any, query_printer: bool) -> PrinterFigures:
    from kiosk.printing.devices import printer_status
    from kiosk.printing.spec import PrinterSpec

    spec = printing.spec
    pending = printing.queue.pending()
    errors = [job.error for job in pending if job.error]
    status = ""
    if isinstance(spec, PrinterSpec):
        printer = "aperçu à l'écran (pas d'imprimante)" if spec.is_preview else spec.describe()
        if query_printer and spec.kind in ("network", "usb", "serial"):
            status = printer_status(spec, printing.settings.timeout)
    else:
        printer = "mal configurée"
    return PrinterFigures(printer, len(pending), errors[-1] if errors else "",
                          printing.warnings(), status)
