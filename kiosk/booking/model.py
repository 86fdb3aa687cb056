"""What the booking feature talks about: people, slots, bookings, workshops, registrations.

Statuses, attendance values, notification kinds and refusal reasons are :class:`enum.StrEnum`:
their values are the words stored in ``bookings.json`` since the first version, so existing
data files read unchanged, and a member still compares equal to its word (``"booked"``).

Parent-facing texts here are French msgids marked with :func:`N_`, translated by the screens.
Texts for staff (errors of the CLI and staff screens) are plain French.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from kiosk.core.i18n import N_
from kiosk.core.school_texts import Status, Translatable
from kiosk.core.text import escaped

#: Role keys → the words parents read (translated when shown).
ROLES: dict[str, str] = {
    "teacher": N_("Enseignant ou enseignante"),
    "head": N_("Directeur ou directrice de l'école"),
    "nurse": N_("Infirmier ou infirmière scolaire"),
    "psychologist": N_("Psychologue de l'école"),
    "social": N_("Assistant ou assistante sociale"),
    "other": N_("Personnel de l'école"),
}
#: Order of the roles in the parents' list of people.
ROLE_ORDER = ("head", "teacher", "nurse", "psychologist", "social", "other")

#: Meeting modes → the words parents read.
MODES: dict[str, str] = {
    "school": N_("À l'école"),
    "phone": N_("Par téléphone"),
    "video": N_("En appel vidéo"),
}
#: Meeting modes → the words staff read.
MODE_STAFF: dict[str, str] = {"school": "à l'école", "phone": "téléphone", "video": "visio"}


class BookingStatus(enum.StrEnum):
    """Where a booking stands."""

    BOOKED = "booked"
    CANCELLED = "cancelled"  # by the parent
    SLOT_CANCELLED = "slot_cancelled"  # by staff; the family must be told


class RegistrationStatus(enum.StrEnum):
    """Where a workshop registration stands."""

    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"  # by the parent (or staff, for them)
    WORKSHOP_CANCELLED = "workshop_cancelled"


class Attendance(enum.StrEnum):
    """Staff's tick on the attendance sheet ("" = not ticked yet)."""

    UNKNOWN = ""
    PRESENT = "present"
    ABSENT = "absent"


class NotificationKind(enum.StrEnum):
    """What a line of "families to notify" is about."""

    BOOKING = "booking"
    REGISTRATION = "registration"


class Refusal(enum.StrEnum):
    """Why a parent's or staff's action is refused (a stable word; see :class:`BookingRefused`)."""

    TAKEN = "taken"
    TOO_SOON = "too_soon"
    CANCELLED = "cancelled"
    LIMIT = "limit"
    UNKNOWN_CODE = "unknown_code"
    BAD_CODE = "bad_code"
    PAUSED = "paused"
    INACTIVE = "inactive"
    WORKSHOP_CLOSED = "workshop_closed"
    ALREADY = "already"
    OTHER_PERSON = "other_person"


#: Staff's words for statuses and attendance (exports).
STATUS_STAFF: dict[str, str] = {
    BookingStatus.BOOKED: "réservé", BookingStatus.CANCELLED: "annulé par la famille",
    BookingStatus.SLOT_CANCELLED: "créneau annulé", RegistrationStatus.REGISTERED: "inscrit",
    RegistrationStatus.WAITING: "liste d'attente",
    RegistrationStatus.WORKSHOP_CANCELLED: "atelier annulé",
}
ATTENDANCE_STAFF: dict[str, str] = {
    Attendance.PRESENT: "présent", Attendance.ABSENT: "absent", Attendance.UNKNOWN: "",
}


# --- refusals and input problems ----------------------------------------------------------


class BookingRefused(Exception):
    """A parent's or staff's action the rules refuse. `reason` is a :class:`Refusal`; `message`
    (French msgid) says why and `next_step` what to do, both translated by the screen."""

    MESSAGES: dict[Refusal, tuple[str, str]] = {
        Refusal.TAKEN: (
            N_("Ce rendez-vous vient d'être pris par une autre famille."),
            N_("Choisissez un autre horaire."),
        ),
        Refusal.TOO_SOON: (
            N_("Cet horaire est trop proche : il faut réserver plus tôt."),
            N_("Choisissez un horaire plus tard."),
        ),
        Refusal.CANCELLED: (
            N_("Cet horaire n'est plus proposé."),
            N_("Choisissez un autre horaire."),
        ),
        Refusal.LIMIT: (
            N_("Vous avez déjà un rendez-vous avec cette personne."),
            N_("Gardez ce rendez-vous, ou annulez-le avec votre code pour en choisir un autre."),
        ),
        Refusal.UNKNOWN_CODE: (
            N_("Ce code n'existe pas."),
            N_("Vérifiez les 6 signes sur votre ticket et essayez encore."),
        ),
        Refusal.BAD_CODE: (
            N_("Un code a 6 lettres et chiffres."),
            N_("Vérifiez les 6 signes sur votre ticket et essayez encore."),
        ),
        Refusal.PAUSED: (
            N_("Trop de codes inconnus."),
            N_("Attendez une minute, ou demandez à l'accueil."),
        ),
        Refusal.INACTIVE: (
            N_("Ce rendez-vous est déjà annulé."),
            N_("Vous pouvez prendre un nouveau rendez-vous."),
        ),
        Refusal.WORKSHOP_CLOSED: (
            N_("Cet atelier n'est plus proposé."),
            N_("Choisissez un autre atelier."),
        ),
        Refusal.ALREADY: (
            N_("Vous êtes déjà inscrit à cet atelier."),
            N_("Gardez votre code. Vous pouvez annuler avec ce code."),
        ),
        Refusal.OTHER_PERSON: (
            N_("Cet horaire n'est pas avec la même personne."),
            N_("Choisissez un autre horaire."),
        ),
    }

    def __init__(self, reason: Refusal | str, *, seconds: int = 0) -> None:
        self.reason = Refusal(reason)
        self.seconds = seconds
        super().__init__(self.reason.value)

    @property
    def message(self) -> str:
        return self.MESSAGES[self.reason][0]

    @property
    def next_step(self) -> str:
        return self.MESSAGES[self.reason][1]


class InputProblem(ValueError):
    """Text typed by a parent that cannot be used; `message` is a French msgid."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class StaffError(ValueError):
    """A staff action that cannot be done; the message is French, for staff."""


@dataclass(frozen=True)
class ImportProblem:
    """One bad line of an imported file."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {escaped(self.reason)}"  # it may quote the file


class ImportRefused(Exception):
    """An import with bad lines; nothing was imported."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --- domain objects ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone who receives parents."""

    id: str
    name: str
    role: str
    classes: tuple[str, ...] = ()
    active: bool = True

    @property
    def role_label(self) -> str:
        """French msgid of the role (translate for parents)."""
        return ROLES.get(self.role, ROLES["other"])


@dataclass(frozen=True)
class Slot:
    """A time a person offers for one meeting."""

    id: str
    person_id: str
    start: dt.datetime
    minutes: int
    place: str = ""
    mode: str = "school"
    link: str = ""
    cancelled: bool = False
    pattern_id: str = ""

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def day(self) -> dt.date:
        return self.start.date()


@dataclass(frozen=True)
class Booking:
    """A family's meeting on one slot."""

    id: str
    code: str
    slot_id: str
    person_id: str
    start: dt.datetime
    minutes: int
    place: str
    mode: str
    link: str
    child: str
    child_class: str
    phone: str
    language: str
    created: dt.datetime
    status: BookingStatus = BookingStatus.BOOKED
    to_notify: bool = False
    #: The parent would like an interpreter at the meeting (asked when not French).
    interpreter: bool = False

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def active(self) -> bool:
        return self.status == BookingStatus.BOOKED

    def can_change(self, now: dt.datetime) -> bool:
        """Whether the parent may still move or cancel it (active, not started)."""
        return self.active and self.start > now


@dataclass(frozen=True)
class WorkshopTranslation:
    """A workshop's title, description and place in one language."""

    title: str
    description: str
    place: str
    #: :func:`~kiosk.core.school_texts.source_fingerprint` of the French it was made from.
    source: str
    when: dt.datetime | None = None


@dataclass(frozen=True)
class WorkshopText:
    """A workshop's title, description and place as a parent reads them in one language."""

    title: str
    description: str
    place: str
    #: False: the French is shown (no current translation); say so with `FALLBACK_NOTE`.
    translated: bool


@dataclass(frozen=True)
class Workshop(Translatable):
    """An e-parentalité workshop (or any meeting for many parents), in French with its
    translations (statuses from :class:`~kiosk.core.school_texts.Translatable`)."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("title", "description", "place")

    id: str
    title: str
    description: str
    start: dt.datetime
    minutes: int
    place: str
    capacity: int
    languages: tuple[str, ...] = ()
    cancelled: bool = False
    registered: int = 0
    waiting: int = 0
    translations: Mapping[str, WorkshopTranslation] = field(default_factory=dict, hash=False)

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    def text_in(self, lang: str) -> WorkshopText:
        """Title, description and place for a parent reading `lang`: the current translation,
        else the French (``translated`` False when a non-French parent gets the French)."""
        found = self.current_translation(lang)
        if found is None:
            return WorkshopText(self.title, self.description, self.place,
                                self.status(lang) is Status.TRANSLATED)
        # A part left empty in French stays empty; one the translator left as is stays French.
        return WorkshopText(found.title, found.description if self.description else "",
                            found.place if self.place else "", True)

    @property
    def free_places(self) -> int:
        return max(0, self.capacity - self.registered)

    @property
    def full(self) -> bool:
        return self.free_places == 0


@dataclass(frozen=True)
class Registration:
    """A parent's place (or place in the waitlist) at a workshop."""

    id: str
    code: str
    workshop_id: str
    name: str
    phone: str
    language: str
    created: dt.datetime
    seq: int
    status: RegistrationStatus = RegistrationStatus.REGISTERED
    attendance: Attendance = Attendance.UNKNOWN
    to_notify: bool = False
    promoted: bool = False
    #: Place in the waitlist (1 = next), 0 when not waiting. Computed when read.
    position: int = 0
    #: The parent would like an interpreter at the workshop (asked when not French).
    interpreter: bool = False
    #: Came without registering; staff added them in the room (present).
    walk_in: bool = False

    @property
    def active(self) -> bool:
        return self.status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


@dataclass(frozen=True)
class Appointment:
    """A slot and its booking, if any (the staff's lists for a day or a person)."""

    slot: Slot
    person: Person
    booking: Booking | None


@dataclass(frozen=True)
class Notification:
    """Something staff must tell a family (a slot or workshop cancelled, a promotion)."""

    kind: NotificationKind
    id: str
    code: str
    who: str
    phone: str
    what: str
    why: str
    when: dt.datetime
