"""Appointments with teachers and staff, and e-parentalité workshops.

Who receives parents (:class:`Person`), the times they offer (:class:`Slot`, one by one or
from a :class:`WeeklyPattern`), the bookings parents make (:class:`Booking`), the workshops
(:class:`Workshop`) and the registrations to them (:class:`Registration`, with a waitlist).

Storage: one file per school year, ``bookings.json`` (``store.file("bookings")``), with the
tables ``people``, ``patterns``, ``slots``, ``bookings``, ``workshops`` and ``registrations``.
Every rule that protects the data is checked inside ONE transaction of that file, whose
file lock is shared by every process (the kiosk, a second terminal, a staff command):

* never two active bookings on one slot;
* a family (child's first name + class) holds at most ``[booking] max_future_per_person``
  future bookings with the same person;
* a slot must start at least ``[booking] lead_time_hours`` from now;
* a workshop never has more registered parents than places; the others wait, in order, and
  the first waiting is promoted when a place frees up.

On 1 August the people, and the slots and workshops planned from then on with their bookings
and registrations, continue into the new school year's file (:func:`carry_over`).

Wrong booking codes are counted in the lasting ``kiosk/code_attempts.json`` (so a restart
does not reset the count): after ``[booking] code_attempts`` wrong codes in a row, the
kiosk pauses code entry for ``code_pause_seconds``.

Times are aware datetimes in the school's time zone (:mod:`zoneinfo`); a slot at 16:30 stays
at 16:30 on both sides of a daylight-saving change. Nothing is deleted silently: cancelling a
slot or a workshop that has bookings marks them "to notify" for the staff dashboard.

Parent-facing texts here are French msgids marked with :func:`N_`, translated by the screens.
Texts for staff (errors of the CLI and staff screens) are plain French.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from kiosk.core import ical
from kiosk.core.config import Config
from kiosk.core.i18n import N_, Translator, strip_controls
from kiosk.core.store import DataFile, Store, StoreWriteError

if TYPE_CHECKING:
    from kiosk.core.audit import AuditLog

FILE_KIND = "bookings"
ATTEMPTS_KIND = "code_attempts"

#: Booking codes: no 0/O, 1/I/L, so that a code read aloud or copied by hand is never ambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

#: Role keys → the words parents read (translated when shown).
ROLES: dict[str, str] = {
    "teacher": N_("Enseignant ou enseignante"),
    "head": N_("Directeur ou directrice de l'école"),
    "nurse": N_("Infirmier ou infirmière scolaire"),
    "psychologist": N_("Psychologue de l'école"),
    "social": N_("Assistant ou assistante sociale"),
    "other": N_("Personnel de l'école"),
}
#: French words staff may type for a role (CSV, CLI), → role key.
ROLE_WORDS: dict[str, str] = {
    "teacher": "teacher", "enseignant": "teacher", "enseignante": "teacher",
    "professeur": "teacher", "maitre": "teacher", "maitresse": "teacher",
    "head": "head", "directeur": "head", "directrice": "head", "direction": "head",
    "nurse": "nurse", "infirmier": "nurse", "infirmiere": "nurse",
    "psychologist": "psychologist", "psychologue": "psychologist",
    "social": "social", "assistant social": "social", "assistante sociale": "social",
    "other": "other", "autre": "other",
}

#: Meeting modes.
MODES: dict[str, str] = {
    "school": N_("À l'école"),
    "phone": N_("Par téléphone"),
    "video": N_("En appel vidéo"),
}
MODE_WORDS: dict[str, str] = {
    "school": "school", "ecole": "school", "sur place": "school", "place": "school",
    "phone": "phone", "telephone": "phone", "tel": "phone",
    "video": "video", "visio": "video", "visioconference": "video",
}
MODE_STAFF: dict[str, str] = {"school": "à l'école", "phone": "téléphone", "video": "visio"}

# Booking statuses
BOOKED = "booked"
CANCELLED = "cancelled"  # by the parent
SLOT_CANCELLED = "slot_cancelled"  # by staff; the family must be told
# Registration statuses
REGISTERED = "registered"
WAITING = "waiting"
WORKSHOP_CANCELLED = "workshop_cancelled"

WEEKDAY_WORDS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


# --- refusals and input problems ----------------------------------------------------------


class BookingRefused(Exception):
    """A parent's or staff's action the rules refuse. `reason` is a stable word; `message`
    (French msgid) says why and `next_step` what to do, both translated by the screen."""

    MESSAGES: dict[str, tuple[str, str]] = {
        "taken": (
            N_("Ce rendez-vous vient d'être pris par une autre famille."),
            N_("Choisissez un autre horaire."),
        ),
        "too_soon": (
            N_("Cet horaire est trop proche : il faut réserver plus tôt."),
            N_("Choisissez un horaire plus tard."),
        ),
        "cancelled": (
            N_("Cet horaire n'est plus proposé."),
            N_("Choisissez un autre horaire."),
        ),
        "limit": (
            N_("Vous avez déjà un rendez-vous avec cette personne."),
            N_("Gardez ce rendez-vous, ou annulez-le avec votre code pour en choisir un autre."),
        ),
        "unknown_code": (
            N_("Ce code n'existe pas."),
            N_("Vérifiez les 6 signes sur votre ticket et essayez encore."),
        ),
        "bad_code": (
            N_("Un code a 6 lettres et chiffres."),
            N_("Vérifiez les 6 signes sur votre ticket et essayez encore."),
        ),
        "paused": (
            N_("Trop de codes inconnus."),
            N_("Attendez une minute, ou demandez à l'accueil."),
        ),
        "inactive": (
            N_("Ce rendez-vous est déjà annulé."),
            N_("Vous pouvez prendre un nouveau rendez-vous."),
        ),
        "workshop_closed": (
            N_("Cet atelier n'est plus proposé."),
            N_("Choisissez un autre atelier."),
        ),
        "already": (
            N_("Vous êtes déjà inscrit à cet atelier."),
            N_("Gardez votre code. Vous pouvez annuler avec ce code."),
        ),
        "other_person": (
            N_("Cet horaire n'est pas avec la même personne."),
            N_("Choisissez un autre horaire."),
        ),
    }

    def __init__(self, reason: str, *, seconds: int = 0) -> None:
        self.reason = reason
        self.seconds = seconds
        super().__init__(reason)

    @property
    def message(self) -> str:
        return self.MESSAGES.get(self.reason, self.MESSAGES["cancelled"])[0]

    @property
    def next_step(self) -> str:
        return self.MESSAGES.get(self.reason, self.MESSAGES["cancelled"])[1]


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
        return f"ligne {self.line} : {self.reason}"


class ImportRefused(Exception):
    """An import with bad lines; nothing was imported."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --- validation of what parents type --------------------------------------------------------

NAME_MAX = 40
#: Invisible marks a paste or a phone keyboard may bring into a name (direction marks and
#: embeddings, isolates, zero-width space, word joiner, byte-order mark): the parent sees only
#: letters, so they are dropped rather than refused. ZWNJ/ZWJ stay: Persian names need them.
_INVISIBLE_MARKS = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2060\u2066\u2067\u2068\u2069\ufeff"))
_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")


def clean_name(text: str) -> str:
    """A first name as typed (trimmed, no control characters), or :class:`InputProblem`."""
    name = " ".join(strip_controls(text).translate(_INVISIBLE_MARKS).split())
    if not name:
        raise InputProblem(N_("Écrivez le prénom."))
    if len(name) > NAME_MAX:
        raise InputProblem(N_("Ce prénom est trop long (40 signes au plus)."))
    for char in name:
        category = unicodedata.category(char)
        if not (category[0] in "LM" or char in " -'’.\u200c\u200d"):  # ZWNJ/ZWJ: Persian names
            raise InputProblem(N_("Un prénom s'écrit avec des lettres seulement."))
    if not any(unicodedata.category(c)[0] == "L" for c in name):
        raise InputProblem(N_("Un prénom s'écrit avec des lettres seulement."))
    return name


def clean_phone(text: str) -> str:
    """"" for no phone, else a phone number in French (10 digits) or international form."""
    raw = strip_controls(text).strip()
    if not raw:
        return ""
    compact = _PHONE_SEPARATORS.sub("", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"0[1-9]\d{8}", compact):
        return " ".join(compact[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"\+[1-9]\d{6,14}", compact):
        if compact.startswith("+33") and len(compact) == 12:
            rest = compact[3:]
            return "+33 " + rest[0] + " " + " ".join(rest[i : i + 2] for i in range(1, 9, 2))
        return compact
    raise InputProblem(
        N_("Ce numéro de téléphone n'est pas complet. Exemple : 06 12 34 56 78 ou +90 …")
    )


def normalize_code(text: str) -> str:
    """What a parent typed → a code to look up (upper case, spaces and dashes removed)."""
    return re.sub(r"[\s\-_.]", "", strip_controls(text)).upper()


def is_code_shaped(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


def new_code(taken: Iterable[str] = ()) -> str:
    """A fresh random booking code, not in `taken`."""
    used = set(taken)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            return code


def _family_key(child: str, child_class: str) -> tuple[str, str]:
    return (unicodedata.normalize("NFKC", child).casefold().strip(),
            unicodedata.normalize("NFKC", child_class).casefold().strip())


def _fold(text: str) -> str:
    """Lower case without accents (for matching words staff type)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
    status: str = BOOKED
    to_notify: bool = False

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def active(self) -> bool:
        return self.status == BOOKED


@dataclass(frozen=True)
class Workshop:
    """An e-parentalité workshop (or any meeting for many parents)."""

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

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

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
    status: str = REGISTERED
    attendance: str = ""  # "", "present", "absent"
    to_notify: bool = False
    promoted: bool = False
    #: Place in the waitlist (1 = next), 0 when not waiting. Computed when read.
    position: int = 0

    @property
    def active(self) -> bool:
        return self.status in (REGISTERED, WAITING)


@dataclass(frozen=True)
class Appointment:
    """A slot of a day and its booking, if any (the staff's list for one person and day)."""

    slot: Slot
    person: Person
    booking: Booking | None


@dataclass(frozen=True)
class Notification:
    """Something staff must tell a family (a slot or workshop cancelled, a promotion)."""

    kind: str  # "booking" or "registration"
    id: str
    code: str
    who: str
    phone: str
    what: str
    why: str
    when: dt.datetime


@dataclass(frozen=True)
class WeeklyPattern:
    """"Tuesdays 16:30–18:00, 15-minute slots, from 2 to 20 December, except 9 December"."""

    person_id: str
    weekday: int  # 0 = Monday
    start: dt.time
    end: dt.time
    minutes: int
    first_day: dt.date
    last_day: dt.date
    exceptions: frozenset[dt.date] = field(default_factory=frozenset)
    place: str = ""
    mode: str = "school"
    link: str = ""

    def starts(self, tz: ZoneInfo) -> list[dt.datetime]:
        """The slot start times, as wall-clock times of the school's zone (DST-safe)."""
        if self.minutes <= 0:
            raise StaffError("La durée d'un créneau doit être positive.")
        if self.end <= self.start:
            raise StaffError("L'heure de fin doit être après l'heure de début.")
        if self.last_day < self.first_day:
            raise StaffError("La date de fin doit être après la date de début.")
        found: list[dt.datetime] = []
        day = self.first_day + dt.timedelta(days=(self.weekday - self.first_day.weekday()) % 7)
        while day <= self.last_day:
            if day not in self.exceptions:
                begin = dt.datetime.combine(day, self.start)
                stop = dt.datetime.combine(day, self.end)
                cursor = begin
                while cursor + dt.timedelta(minutes=self.minutes) <= stop:
                    found.append(_wall(cursor, tz))
                    cursor += dt.timedelta(minutes=self.minutes)
            day += dt.timedelta(days=7)
        return found


def _wall(naive: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A wall-clock time of the school's zone, as an aware datetime.

    A time that does not exist (skipped at the spring change) moves forward by the gap."""
    aware = naive.replace(tzinfo=tz)
    roundtrip = aware.astimezone(dt.UTC).astimezone(tz)
    if roundtrip.replace(tzinfo=None) != naive:
        return roundtrip
    return aware


# --- the repository -----------------------------------------------------------------------------


def _parse_time(value: str, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.fromisoformat(value).astimezone(tz)


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def carry_over(previous: Mapping[str, list[dict[str, Any]]], first_day: dt.date
               ) -> dict[str, list[dict[str, Any]]]:
    """What of last school year's ``bookings.json`` continues into the new one (from
    `first_day`, 1 August; see :meth:`kiosk.core.store.Store.carry_over`).

    The active people (and anyone a carried slot belongs to); the slots and workshops from
    `first_day` on, with their bookings and registrations (waiting list, families to notify),
    ids and codes unchanged so that a code given in July still works in September; the weekly
    patterns that reach that day. Codes stay unique: they were unique in last year's file, and
    every new code is drawn against the new file, which holds them from its first write.
    """
    def from_first_day(doc: Mapping[str, Any]) -> bool:
        # Stored times carry the school's offset: their date is the school's date.
        return dt.datetime.fromisoformat(doc["start"]).date() >= first_day

    slots = [dict(d) for d in previous.get("slots", []) if from_first_day(d)]
    slot_ids = {d["id"] for d in slots}
    workshops = [dict(d) for d in previous.get("workshops", []) if from_first_day(d)]
    workshop_ids = {d["id"] for d in workshops}
    owners = {d["person_id"] for d in slots}
    return {
        "people": [dict(d) for d in previous.get("people", [])
                   if d.get("active", True) or d["id"] in owners],
        "patterns": [dict(d) for d in previous.get("patterns", [])
                     if dt.date.fromisoformat(d["last_day"]) >= first_day],
        "slots": slots,
        "bookings": [dict(d) for d in previous.get("bookings", []) if d["slot_id"] in slot_ids],
        "workshops": workshops,
        "registrations": [dict(d) for d in previous.get("registrations", [])
                          if d["workshop_id"] in workshop_ids],
    }


class BookingOffice:
    """The school's appointments and workshops (one per kiosk; see ``services.booking``)."""

    def __init__(
        self,
        store: Store,
        config: Config,
        now: Callable[[], dt.datetime],
        audit: AuditLog | None = None,
    ) -> None:
        self._store = store
        self._config = config
        self._now = now
        self._audit = audit
        self.tz = config.tz
        store.carry_over(FILE_KIND, carry_over)

    # -- files ---------------------------------------------------------------------------------

    @property
    def file(self) -> DataFile:
        return self._store.file(FILE_KIND)

    def _tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every table of this year's file, read once from disk (a consistent snapshot; no
        lock, so the lists still show in a read-only folder)."""
        data = self.file.snapshot()
        return {
            name: [dict(doc) for doc in data.get(name, {}).values()]
            for name in ("people", "slots", "bookings", "workshops", "registrations")
        }

    def _record(self, action: str, detail: str) -> None:
        if self._audit is not None:
            self._audit.record(action, detail)

    # -- documents → objects ------------------------------------------------------------------

    def _person(self, doc: dict[str, Any]) -> Person:
        return Person(doc["id"], doc["name"], doc.get("role", "other"),
                      tuple(doc.get("classes", ())), bool(doc.get("active", True)))

    def _slot(self, doc: dict[str, Any]) -> Slot:
        return Slot(doc["id"], doc["person_id"], _parse_time(doc["start"], self.tz),
                    int(doc["minutes"]), doc.get("place", ""), doc.get("mode", "school"),
                    doc.get("link", ""), bool(doc.get("cancelled", False)),
                    doc.get("pattern_id", ""))

    def _booking(self, doc: dict[str, Any]) -> Booking:
        return Booking(
            doc["id"], doc["code"], doc["slot_id"], doc["person_id"],
            _parse_time(doc["start"], self.tz), int(doc["minutes"]), doc.get("place", ""),
            doc.get("mode", "school"), doc.get("link", ""), doc.get("child", ""),
            doc.get("child_class", ""), doc.get("phone", ""), doc.get("language", "fr"),
            _parse_time(doc["created"], self.tz), doc.get("status", BOOKED),
            bool(doc.get("to_notify", False)),
        )

    def _workshop(self, doc: dict[str, Any], regs: Sequence[dict[str, Any]] = ()) -> Workshop:
        mine = [r for r in regs if r["workshop_id"] == doc["id"]]
        return Workshop(
            doc["id"], doc["title"], doc.get("description", ""),
            _parse_time(doc["start"], self.tz), int(doc["minutes"]), doc.get("place", ""),
            int(doc["capacity"]), tuple(doc.get("languages", ())),
            bool(doc.get("cancelled", False)),
            sum(1 for r in mine if r["status"] == REGISTERED),
            sum(1 for r in mine if r["status"] == WAITING),
        )

    def _registration(self, doc: dict[str, Any], regs: Sequence[dict[str, Any]] = ()
                      ) -> Registration:
        position = 0
        if doc["status"] == WAITING:
            queue = sorted(
                (r for r in regs if r["workshop_id"] == doc["workshop_id"]
                 and r["status"] == WAITING),
                key=lambda r: r["seq"],
            )
            position = next((i + 1 for i, r in enumerate(queue) if r["id"] == doc["id"]), 0)
        return Registration(
            doc["id"], doc["code"], doc["workshop_id"], doc.get("name", ""),
            doc.get("phone", ""), doc.get("language", "fr"),
            _parse_time(doc["created"], self.tz), int(doc["seq"]), doc["status"],
            doc.get("attendance", ""), bool(doc.get("to_notify", False)),
            bool(doc.get("promoted", False)), position,
        )

    # -- people ------------------------------------------------------------------------------

    def people(self, *, include_inactive: bool = False) -> list[Person]:
        """Everyone who receives parents: head first, then by role and name."""
        order = ["head", "teacher", "nurse", "psychologist", "social", "other"]
        found = [self._person(d) for d in self.file.table("people").all()]
        found = [p for p in found if p.active or include_inactive]
        return sorted(found, key=lambda p: (order.index(p.role) if p.role in order else 99,
                                            p.name.casefold()))

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people(include_inactive=True) if p.id == person_id), None)

    def find_person(self, text: str) -> Person | None:
        """A person by id or by name (accents and case ignored)."""
        wanted = _fold(text)
        for person in self.people(include_inactive=True):
            if person.id == text.strip() or _fold(person.name) == wanted:
                return person
        return None

    def add_person(self, name: str, role: str, classes: Iterable[str] = ()) -> Person:
        """Staff: someone who receives parents."""
        clean = " ".join(strip_controls(name).split())
        if not clean or len(clean) > 80:
            raise StaffError("Le nom doit faire entre 1 et 80 caractères.")
        role_key = ROLE_WORDS.get(_fold(role), role if role in ROLES else "")
        if not role_key:
            raise StaffError(
                f"Rôle inconnu « {role} » : enseignant, directeur, infirmier, psychologue, "
                "social ou autre."
            )
        class_list = tuple(
            c for c in (" ".join(strip_controls(x).split()) for x in classes) if c
        )
        with self.file.transaction() as db:
            table = db.table("people")
            if any(_fold(d["name"]) == _fold(clean) and d.get("active", True)
                   for d in table.all()):
                raise StaffError(f"« {clean} » existe déjà.")
            person = Person(_new_id("p"), clean, role_key, class_list)
            table.insert({"id": person.id, "name": person.name, "role": person.role,
                          "classes": list(person.classes), "active": True})
        self._record("person.add", f"{clean} ({role_key})")
        return person

    def school_classes(self) -> list[str]:
        """Every class taught at the school (from the people's classes), sorted."""
        classes = {c for p in self.people() for c in p.classes}
        return sorted(classes, key=_class_order)

    # -- slots -------------------------------------------------------------------------------

    def _slot_doc(self, slot: Slot) -> dict[str, Any]:
        return {"id": slot.id, "person_id": slot.person_id, "start": slot.start.isoformat(),
                "minutes": slot.minutes, "place": slot.place, "mode": slot.mode,
                "link": slot.link, "cancelled": False, "pattern_id": slot.pattern_id}

    def _check_slot(self, slot: Slot, existing: Sequence[dict[str, Any]],
                    people: Sequence[dict[str, Any]]) -> str | None:
        if not any(p["id"] == slot.person_id for p in people):
            return "personne inconnue"
        if not 5 <= slot.minutes <= 240:
            return "durée entre 5 et 240 minutes"
        if slot.mode not in MODES:
            return "mode inconnu (école, téléphone ou visio)"
        if slot.mode == "video" and not re.fullmatch(r"https?://\S+", slot.link):
            return "une visio demande un lien https://…"
        for doc in existing:
            if doc["person_id"] != slot.person_id or doc.get("cancelled"):
                continue
            other_start = _parse_time(doc["start"], self.tz)
            other_end = other_start + dt.timedelta(minutes=int(doc["minutes"]))
            if slot.start < other_end and other_start < slot.end:
                when = other_start.strftime("%d/%m/%Y %H:%M")
                return f"chevauche un créneau existant ({when})"
        return None

    def add_slots(self, slots: Sequence[Slot], *, pattern: dict[str, Any] | None = None
                  ) -> list[Slot]:
        """Staff: add slots (all or none); raises :class:`StaffError` naming the first bad one."""
        with self.file.transaction() as db:
            table = db.table("slots")
            existing: list[dict[str, Any]] = [dict(d) for d in table.all()]
            people = list(db.table("people").all())
            docs = []
            for slot in slots:
                problem = self._check_slot(slot, existing, people)
                if problem:
                    raise StaffError(f"{slot.start:%d/%m/%Y %H:%M} : {problem}.")
                doc = self._slot_doc(slot)
                existing.append(doc)
                docs.append(doc)
            table.insert_multiple(docs)
            if pattern is not None:
                db.table("patterns").insert(pattern)
        return list(slots)

    def add_slot(self, person_id: str, start: dt.datetime, minutes: int, *, place: str = "",
                 mode: str = "school", link: str = "") -> Slot:
        """Staff: one slot."""
        slot = Slot(_new_id("s"), person_id, start.astimezone(self.tz), minutes,
                    strip_controls(place).strip(), mode, link.strip())
        self.add_slots([slot])
        self._record("slot.add", f"{self._person_name(person_id)} {start:%d/%m/%Y %H:%M}")
        return slot

    def add_pattern(self, pattern: WeeklyPattern) -> list[Slot]:
        """Staff: every slot of a weekly pattern (all or none)."""
        pattern_id = _new_id("w")
        slots = [
            Slot(_new_id("s"), pattern.person_id, start, pattern.minutes,
                 strip_controls(pattern.place).strip(), pattern.mode, pattern.link.strip(),
                 pattern_id=pattern_id)
            for start in pattern.starts(self.tz)
        ]
        if not slots:
            raise StaffError("Ce modèle ne donne aucun créneau (vérifiez le jour et les dates).")
        doc = {
            "id": pattern_id, "person_id": pattern.person_id, "weekday": pattern.weekday,
            "start": pattern.start.isoformat("minutes"), "end": pattern.end.isoformat("minutes"),
            "minutes": pattern.minutes, "first_day": pattern.first_day.isoformat(),
            "last_day": pattern.last_day.isoformat(),
            "exceptions": sorted(d.isoformat() for d in pattern.exceptions),
            "place": pattern.place, "mode": pattern.mode, "link": pattern.link,
        }
        self.add_slots(slots, pattern=doc)
        self._record(
            "slot.pattern",
            f"{self._person_name(pattern.person_id)} : {len(slots)} créneaux le "
            f"{WEEKDAY_NAMES[pattern.weekday]} du {pattern.first_day:%d/%m/%Y} au "
            f"{pattern.last_day:%d/%m/%Y}",
        )
        return slots

    def _person_name(self, person_id: str) -> str:
        person = self.person(person_id)
        return person.name if person else person_id

    def slots(self, person_id: str | None = None, *, include_cancelled: bool = False
              ) -> list[Slot]:
        found = [self._slot(d) for d in self.file.table("slots").all()]
        return sorted(
            (s for s in found if (person_id is None or s.person_id == person_id)
             and (include_cancelled or not s.cancelled)),
            key=lambda s: s.start,
        )

    def slot(self, slot_id: str) -> Slot | None:
        doc = next((d for d in self.file.table("slots").all() if d["id"] == slot_id), None)
        return self._slot(doc) if doc else None

    def earliest_bookable(self) -> dt.datetime:
        return self._now() + dt.timedelta(hours=self._config.booking.lead_time_hours)

    def free_slots(self, person_id: str, day: dt.date | None = None) -> list[Slot]:
        """Slots a parent may book now: open, not booked, far enough ahead."""
        tables = self._tables()
        taken = {b["slot_id"] for b in tables["bookings"] if b["status"] == BOOKED}
        limit = self.earliest_bookable()
        found = []
        for doc in tables["slots"]:
            if doc["person_id"] != person_id or doc.get("cancelled") or doc["id"] in taken:
                continue
            slot = self._slot(doc)
            if slot.start < limit or (day is not None and slot.day != day):
                continue
            found.append(slot)
        return sorted(found, key=lambda s: s.start)

    def free_days(self, person_id: str) -> list[tuple[dt.date, int]]:
        """Days with free slots for `person_id`, with how many."""
        counts: dict[dt.date, int] = {}
        for slot in self.free_slots(person_id):
            counts[slot.day] = counts.get(slot.day, 0) + 1
        return sorted(counts.items())

    def people_with_free_slots(self) -> list[tuple[Person, int]]:
        tables = self._tables()
        taken = {b["slot_id"] for b in tables["bookings"] if b["status"] == BOOKED}
        limit_dt = self.earliest_bookable()
        counts: dict[str, int] = {}
        for doc in tables["slots"]:
            if doc.get("cancelled") or doc["id"] in taken:
                continue
            if _parse_time(doc["start"], self.tz) < limit_dt:
                continue
            counts[doc["person_id"]] = counts.get(doc["person_id"], 0) + 1
        return [(p, counts.get(p.id, 0)) for p in self.people()]

    def cancel_slot(self, slot_id: str) -> Booking | None:
        """Staff: withdraw a slot; its booking (if any) is kept and marked "to notify"."""
        affected: Booking | None = None
        with self.file.transaction() as db:
            slots = db.table("slots")
            doc = next((d for d in slots.all() if d["id"] == slot_id), None)
            if doc is None:
                raise StaffError("Créneau introuvable.")
            if doc.get("cancelled"):
                raise StaffError("Ce créneau est déjà annulé.")
            slots.update({"cancelled": True}, doc_ids=[doc.doc_id])
            bookings = db.table("bookings")
            for bdoc in bookings.all():
                if bdoc["slot_id"] == slot_id and bdoc["status"] == BOOKED:
                    bookings.update({"status": SLOT_CANCELLED, "to_notify": True},
                                    doc_ids=[bdoc.doc_id])
                    affected = self._booking({**bdoc, "status": SLOT_CANCELLED,
                                              "to_notify": True})
        slot = self._slot(doc)
        detail = f"{self._person_name(slot.person_id)} {slot.start:%d/%m/%Y %H:%M}"
        if affected:
            detail += f" (rendez-vous {affected.code} à prévenir)"
        self._record("slot.cancel", detail)
        return affected

    # -- booking -----------------------------------------------------------------------------

    def book(self, slot_id: str, *, child: str, child_class: str, phone: str = "",
             language: str = "fr") -> Booking:
        """A parent books a free slot. Raises :class:`BookingRefused` or :class:`InputProblem`.

        Everything is checked and written in one transaction of the year's file: two
        processes booking the same slot at the same instant get one booking and one "taken".
        """
        child = clean_name(child)
        child_class = " ".join(strip_controls(child_class).split())
        if not child_class:
            raise InputProblem(N_("Choisissez la classe."))
        phone = clean_phone(phone)
        with self.file.transaction() as db:
            slot_doc = next((d for d in db.table("slots").all() if d["id"] == slot_id), None)
            if slot_doc is None or slot_doc.get("cancelled"):
                raise BookingRefused("cancelled")
            slot = self._slot(slot_doc)
            bookings = db.table("bookings")
            all_bookings = list(bookings.all())
            self._check_bookable(slot, all_bookings)
            self._check_family(slot.person_id, child, child_class, all_bookings)
            now = self._now()
            booking = Booking(
                _new_id("b"), new_code(self._codes(db)), slot.id, slot.person_id, slot.start,
                slot.minutes, slot.place, slot.mode, slot.link, child, child_class, phone,
                language, now,
            )
            bookings.insert(self._booking_doc(booking))
        return booking

    def _check_bookable(self, slot: Slot, bookings: Sequence[dict[str, Any]],
                        ignore: str = "") -> None:
        if any(b["slot_id"] == slot.id and b["status"] == BOOKED and b["id"] != ignore
               for b in bookings):
            raise BookingRefused("taken")
        if slot.start < self.earliest_bookable():
            raise BookingRefused("too_soon")

    def _check_family(self, person_id: str, child: str, child_class: str,
                      bookings: Sequence[dict[str, Any]]) -> None:
        family = _family_key(child, child_class)
        now = self._now()
        held = sum(
            1 for b in bookings
            if b["status"] == BOOKED and b["person_id"] == person_id
            and _family_key(b.get("child", ""), b.get("child_class", "")) == family
            and _parse_time(b["start"], self.tz) >= now
        )
        if held >= self._config.booking.max_future_per_person:
            raise BookingRefused("limit")

    @staticmethod
    def _codes(db: Any) -> set[str]:
        return {d["code"] for d in db.table("bookings").all()} | {
            d["code"] for d in db.table("registrations").all()
        }

    @staticmethod
    def _booking_doc(booking: Booking) -> dict[str, Any]:
        return {
            "id": booking.id, "code": booking.code, "slot_id": booking.slot_id,
            "person_id": booking.person_id, "start": booking.start.isoformat(),
            "minutes": booking.minutes, "place": booking.place, "mode": booking.mode,
            "link": booking.link, "child": booking.child, "child_class": booking.child_class,
            "phone": booking.phone, "language": booking.language,
            "created": booking.created.isoformat(), "status": booking.status,
            "to_notify": booking.to_notify,
        }

    def bookings(self) -> list[Booking]:
        """Every booking of the year (staff lists and exports), by time."""
        return sorted((self._booking(d) for d in self.file.table("bookings").all()),
                      key=lambda b: (b.start, b.created))

    def booking_by_code(self, code: str) -> Booking | None:
        code = normalize_code(code)
        doc = next((d for d in self.file.table("bookings").all() if d["code"] == code), None)
        return self._booking(doc) if doc else None

    def cancel_booking(self, code: str) -> Booking:
        """The parent cancels with their code; the slot is free again."""
        code = normalize_code(code)
        with self.file.transaction() as db:
            table = db.table("bookings")
            doc = next((d for d in table.all() if d["code"] == code), None)
            if doc is None:
                raise BookingRefused("unknown_code")
            if doc["status"] != BOOKED:
                raise BookingRefused("inactive")
            table.update({"status": CANCELLED}, doc_ids=[doc.doc_id])
            return self._booking({**doc, "status": CANCELLED})

    def move_booking(self, code: str, slot_id: str) -> Booking:
        """The parent moves their meeting to another free slot with the same person."""
        code = normalize_code(code)
        with self.file.transaction() as db:
            table = db.table("bookings")
            all_bookings = list(table.all())
            doc = next((d for d in all_bookings if d["code"] == code), None)
            if doc is None:
                raise BookingRefused("unknown_code")
            if doc["status"] != BOOKED:
                raise BookingRefused("inactive")
            slot_doc = next((d for d in db.table("slots").all() if d["id"] == slot_id), None)
            if slot_doc is None or slot_doc.get("cancelled"):
                raise BookingRefused("cancelled")
            slot = self._slot(slot_doc)
            if slot.person_id != doc["person_id"]:
                raise BookingRefused("other_person")
            self._check_bookable(slot, all_bookings, ignore=doc["id"])
            changes = {"slot_id": slot.id, "start": slot.start.isoformat(),
                       "minutes": slot.minutes, "place": slot.place, "mode": slot.mode,
                       "link": slot.link}
            table.update(changes, doc_ids=[doc.doc_id])
            return self._booking({**doc, **changes})

    def appointments_on(self, day: dt.date, person_id: str | None = None) -> list[Appointment]:
        """Staff: the slots of one day (one person or everyone) and their bookings."""
        tables = self._tables()
        people = {d["id"]: self._person(d) for d in tables["people"]}
        by_slot = {b["slot_id"]: b for b in tables["bookings"]
                   if b["status"] in (BOOKED, SLOT_CANCELLED)}
        found = []
        for doc in tables["slots"]:
            if person_id is not None and doc["person_id"] != person_id:
                continue
            slot = self._slot(doc)
            if slot.day != day or doc["person_id"] not in people:
                continue
            if slot.cancelled and doc["id"] not in by_slot:
                continue
            booking = by_slot.get(doc["id"])
            found.append(Appointment(slot, people[doc["person_id"]],
                                     self._booking(booking) if booking else None))
        return sorted(found, key=lambda a: (a.person.name.casefold(), a.slot.start))

    # -- workshops ---------------------------------------------------------------------------

    def add_workshop(self, title: str, start: dt.datetime, minutes: int, place: str,
                     capacity: int, *, description: str = "",
                     languages: Iterable[str] = ()) -> Workshop:
        """Staff: a new workshop."""
        workshop = self._new_workshop(title, start, minutes, place, capacity,
                                      description=description, languages=languages)
        with self.file.transaction() as db:
            db.table("workshops").insert(self._workshop_doc(workshop))
        self._record("workshop.add", f"{workshop.title} {workshop.start:%d/%m/%Y %H:%M}")
        return workshop

    def _new_workshop(self, title: str, start: dt.datetime, minutes: int, place: str,
                      capacity: int, *, description: str = "",
                      languages: Iterable[str] = ()) -> Workshop:
        title = " ".join(strip_controls(title).split())
        if not title or len(title) > 120:
            raise StaffError("Le titre doit faire entre 1 et 120 caractères.")
        description = strip_controls(description).strip()
        if len(description) > 600:
            raise StaffError("La description doit faire au plus 600 caractères.")
        if not 15 <= minutes <= 480:
            raise StaffError("La durée doit être entre 15 et 480 minutes.")
        if not 1 <= capacity <= 500:
            raise StaffError("Le nombre de places doit être entre 1 et 500.")
        langs = tuple(code.strip() for code in languages if code.strip())
        for code in langs:
            if not re.fullmatch(r"[a-z]{2,3}", code):
                raise StaffError(f"Code de langue inconnu « {code} » (ex. : fr ar tr).")
        return Workshop(_new_id("a"), title, description, start.astimezone(self.tz), minutes,
                        strip_controls(place).strip(), capacity, langs)

    @staticmethod
    def _workshop_doc(workshop: Workshop) -> dict[str, Any]:
        return {"id": workshop.id, "title": workshop.title,
                "description": workshop.description, "start": workshop.start.isoformat(),
                "minutes": workshop.minutes, "place": workshop.place,
                "capacity": workshop.capacity, "languages": list(workshop.languages),
                "cancelled": False}

    def workshops(self, *, include_cancelled: bool = True) -> list[Workshop]:
        tables = self._tables()
        found = [self._workshop(d, tables["registrations"]) for d in tables["workshops"]]
        return sorted((w for w in found if include_cancelled or not w.cancelled),
                      key=lambda w: w.start)

    def workshop(self, workshop_id: str) -> Workshop | None:
        return next((w for w in self.workshops() if w.id == workshop_id), None)

    def upcoming_workshops(self) -> list[Workshop]:
        """Workshops parents may still register for (not cancelled, not started)."""
        now = self._now()
        return [w for w in self.workshops(include_cancelled=False) if w.start > now]

    def register(self, workshop_id: str, *, name: str, phone: str = "",
                 language: str = "fr") -> Registration:
        """A parent registers; when the workshop is full, they join the waitlist."""
        name = clean_name(name)
        phone = clean_phone(phone)
        with self.file.transaction() as db:
            wdoc = next((d for d in db.table("workshops").all() if d["id"] == workshop_id), None)
            if wdoc is None or wdoc.get("cancelled"):
                raise BookingRefused("workshop_closed")
            if _parse_time(wdoc["start"], self.tz) <= self._now():
                raise BookingRefused("workshop_closed")
            table = db.table("registrations")
            regs = [r for r in table.all() if r["workshop_id"] == workshop_id]
            who = _family_key(name, phone)
            if any(r["status"] in (REGISTERED, WAITING)
                   and _family_key(r.get("name", ""), r.get("phone", "")) == who for r in regs):
                raise BookingRefused("already")
            registered = sum(1 for r in regs if r["status"] == REGISTERED)
            status = REGISTERED if registered < int(wdoc["capacity"]) else WAITING
            seq = max((int(r["seq"]) for r in table.all()), default=0) + 1
            doc = {"id": _new_id("r"), "code": new_code(self._codes(db)),
                   "workshop_id": workshop_id, "name": name, "phone": phone,
                   "language": language, "created": self._now().isoformat(), "seq": seq,
                   "status": status, "attendance": "", "to_notify": False, "promoted": False}
            table.insert(doc)
            return self._registration(doc, [*regs, doc])

    def registrations(self, workshop_id: str) -> list[Registration]:
        """Registered parents first (in order), then the waitlist."""
        regs = [r for r in self.file.table("registrations").all()
                if r["workshop_id"] == workshop_id]
        found = [self._registration(r, regs) for r in regs]
        rank = {REGISTERED: 0, WAITING: 1}
        return sorted(found, key=lambda r: (rank.get(r.status, 2), r.seq))

    def registration_by_code(self, code: str) -> Registration | None:
        code = normalize_code(code)
        regs = list(self.file.table("registrations").all())
        doc = next((d for d in regs if d["code"] == code), None)
        return self._registration(doc, regs) if doc else None

    def cancel_registration(self, code: str) -> tuple[Registration, Registration | None]:
        """The parent (or staff) cancels; the first waiting is promoted (returned second)."""
        code = normalize_code(code)
        with self.file.transaction() as db:
            table = db.table("registrations")
            regs = list(table.all())
            doc = next((d for d in regs if d["code"] == code), None)
            if doc is None:
                raise BookingRefused("unknown_code")
            if doc["status"] not in (REGISTERED, WAITING):
                raise BookingRefused("inactive")
            was = doc["status"]
            table.update({"status": CANCELLED}, doc_ids=[doc.doc_id])
            cancelled = {**doc, "status": CANCELLED}
            promoted = None
            if was == REGISTERED:
                promoted = self._promote(table, doc["workshop_id"])
            return self._registration(cancelled, regs), promoted

    def _promote(self, table: Any, workshop_id: str) -> Registration | None:
        regs = [r for r in table.all() if r["workshop_id"] == workshop_id]
        waiting = sorted((r for r in regs if r["status"] == WAITING), key=lambda r: r["seq"])
        if not waiting:
            return None
        first = waiting[0]
        changes = {"status": REGISTERED, "promoted": True, "to_notify": True}
        table.update(changes, doc_ids=[first.doc_id])
        return self._registration({**first, **changes}, regs)

    def cancel_workshop(self, workshop_id: str) -> int:
        """Staff: cancel a workshop; every active registration is marked "to notify"."""
        count = 0
        with self.file.transaction() as db:
            workshops = db.table("workshops")
            wdoc = next((d for d in workshops.all() if d["id"] == workshop_id), None)
            if wdoc is None:
                raise StaffError("Atelier introuvable.")
            if wdoc.get("cancelled"):
                raise StaffError("Cet atelier est déjà annulé.")
            workshops.update({"cancelled": True}, doc_ids=[wdoc.doc_id])
            table = db.table("registrations")
            for doc in table.all():
                if doc["workshop_id"] == workshop_id and doc["status"] in (REGISTERED, WAITING):
                    table.update({"status": WORKSHOP_CANCELLED, "to_notify": True},
                                 doc_ids=[doc.doc_id])
                    count += 1
        self._record("workshop.cancel", f"{wdoc['title']} ({count} inscrits à prévenir)")
        return count

    def set_attendance(self, registration_id: str, attendance: str) -> None:
        """Staff: tick present / absent ("" to clear)."""
        if attendance not in ("", "present", "absent"):
            raise StaffError("Présence : present, absent ou vide.")
        with self.file.transaction() as db:
            table = db.table("registrations")
            doc = next((d for d in table.all() if d["id"] == registration_id), None)
            if doc is None:
                raise StaffError("Inscription introuvable.")
            table.update({"attendance": attendance}, doc_ids=[doc.doc_id])

    # -- staff dashboard -------------------------------------------------------------------

    def to_notify(self) -> list[Notification]:
        """Families staff must contact: cancelled slots and workshops, waitlist promotions."""
        tables = self._tables()
        people = {d["id"]: d["name"] for d in tables["people"]}
        workshops = {d["id"]: d for d in tables["workshops"]}
        found: list[Notification] = []
        for doc in tables["bookings"]:
            if not doc.get("to_notify"):
                continue
            booking = self._booking(doc)
            found.append(Notification(
                "booking", booking.id, booking.code,
                f"{booking.child} ({booking.child_class})", booking.phone,
                f"Rendez-vous avec {people.get(booking.person_id, '?')} le "
                f"{booking.start:%d/%m/%Y à %H:%M}",
                "créneau annulé par l'école", booking.start,
            ))
        for doc in tables["registrations"]:
            if not doc.get("to_notify"):
                continue
            reg = self._registration(doc)
            wdoc = workshops.get(reg.workshop_id)
            title = wdoc["title"] if wdoc else "?"
            start = _parse_time(wdoc["start"], self.tz) if wdoc else reg.created
            why = ("atelier annulé" if reg.status == WORKSHOP_CANCELLED
                   else "place libérée : inscrit depuis la liste d'attente")
            found.append(Notification(
                "registration", reg.id, reg.code, reg.name, reg.phone,
                f"Atelier « {title} » le {start:%d/%m/%Y à %H:%M}", why, start,
            ))
        return sorted(found, key=lambda n: n.when)

    def mark_notified(self, kind: str, record_id: str) -> None:
        """Staff told the family: the line leaves the dashboard."""
        table_name = "bookings" if kind == "booking" else "registrations"
        with self.file.transaction() as db:
            table = db.table(table_name)
            doc = next((d for d in table.all() if d["id"] == record_id), None)
            if doc is None:
                raise StaffError("Introuvable.")
            table.update({"to_notify": False}, doc_ids=[doc.doc_id])
        self._record("notify.done", f"{table_name} {doc['code']}")

    # -- codes at the kiosk (rate-limited) -------------------------------------------------

    def _attempts_file(self) -> DataFile:
        return self._store.lasting_file(ATTEMPTS_KIND)

    def look_up_code(self, text: str) -> Booking | Registration:
        """A parent typed a code: the booking or registration, or :class:`BookingRefused`.

        After ``code_attempts`` unknown codes in a row, every look-up is refused ("paused")
        for ``code_pause_seconds``; the count lives in a lasting file (survives restarts).
        A clock set back never makes the pause longer than ``code_pause_seconds``. A known
        code is shown even when the disk refuses to write (nothing of it needs saving).
        """
        settings = self._config.booking
        code = normalize_code(text)
        terminal = self._config.kiosk.terminal_name
        now = self._now()
        pause = dt.timedelta(seconds=settings.code_pause_seconds)
        found: Booking | Registration | None = None
        if is_code_shaped(code):
            # A right code with no wrong ones before it changes nothing: no lock, no write
            # (so it works on a full disk or a read-only folder too).
            rows = self._attempts_file().table("attempts").all()
            doc = next((d for d in rows if d["terminal"] == terminal), None)
            if doc is None or not (doc.get("wrong") or doc.get("paused_until")):
                found = self.booking_by_code(code) or self.registration_by_code(code)
                if found is not None:
                    return found
        paused: BookingRefused | None = None
        try:
            with self._attempts_file().transaction() as db:
                table = db.table("attempts")
                doc = next((d for d in table.all() if d["terminal"] == terminal), None)
                state: dict[str, Any] = (
                    dict(doc) if doc else {"terminal": terminal, "wrong": 0, "paused_until": ""}
                )
                if doc is not None and state["paused_until"]:
                    until = dt.datetime.fromisoformat(state["paused_until"])
                    if until - now > pause:  # the clock was set back during the pause
                        until = now + pause
                        table.update({"paused_until": until.isoformat()}, doc_ids=[doc.doc_id])
                    if now < until:
                        paused = BookingRefused(
                            "paused", seconds=int((until - now).total_seconds()) + 1)
                if paused is None:
                    if not is_code_shaped(code):
                        raise BookingRefused("bad_code")
                    found = self.booking_by_code(code)
                    if found is None:
                        found = self.registration_by_code(code)
                    if found is None:
                        state["wrong"] = int(state["wrong"]) + 1
                        state["paused_until"] = ""
                        if state["wrong"] >= settings.code_attempts:
                            state["wrong"] = 0
                            state["paused_until"] = (now + pause).isoformat()
                    else:
                        state["wrong"] = 0
                        state["paused_until"] = ""
                    if doc is None:
                        if found is None:  # a right code and no history: nothing to write
                            table.insert(state)
                    elif state != dict(doc):
                        table.update(state, doc_ids=[doc.doc_id])
        except StoreWriteError:
            # A pause is still a pause, and a right code needs nothing saved to be shown
            # (only forgetting earlier wrong codes was refused); a wrong code that cannot be
            # counted is not answered.
            if paused is None and found is None:
                raise
        if paused is not None:
            raise paused
        if found is None:
            # The transaction above is committed before the refusal is raised.
            raise BookingRefused("unknown_code")
        return found

    # -- calendar and QR code ----------------------------------------------------------------

    def booking_calendar(self, booking: Booking, tr: Translator) -> str:
        """The iCalendar text of a meeting, in the parent's language."""
        person = self.person(booking.person_id)
        name = person.name if person else ""
        summary = tr("Rendez-vous avec {name}").format(name=name)
        where = booking.place or self._config.school.name
        mode_words = MODES.get(booking.mode, MODES["school"])
        details = [tr(mode_words)]
        if booking.mode == "video" and booking.link:
            details.append(booking.link)
        details.append(tr("Code : {code}").format(code=booking.code))
        return ical.event(
            uid=f"{booking.id}@kiosque", start=booking.start, end=booking.end,
            summary=summary, tz=self.tz, stamp=self._now(),
            location=where if booking.mode == "school" else "",
            description="\n".join(details),
            url=booking.link if booking.mode == "video" else "",
            alarm_text=summary,
        )

    def workshop_calendar(self, workshop: Workshop, registration: Registration,
                          tr: Translator) -> str:
        """The iCalendar text of a workshop registration."""
        return ical.event(
            uid=f"{registration.id}@kiosque", start=workshop.start, end=workshop.end,
            summary=workshop.title, tz=self.tz, stamp=self._now(),
            location=workshop.place or self._config.school.name,
            description=tr("Code : {code}").format(code=registration.code),
            alarm_text=workshop.title,
        )

    def booking_qr(self, booking: Booking, tr: Translator) -> str:
        """What the ticket's QR code carries: the calendar event itself.

        Never an online address, even when ``[online] base_url`` is set: a booking is one
        family's (the child's first name), so no page of it is published, and the event in the
        code needs no internet to land in the phone's calendar."""
        return self.booking_calendar(booking, tr)

    def workshop_qr(self, workshop: Workshop, registration: Registration,
                    tr: Translator) -> str:
        return self.workshop_calendar(workshop, registration, tr)

    # -- privacy -----------------------------------------------------------------------------

    def purge_personal_details(self, before: dt.datetime) -> int:
        """Erase names and phones of bookings and registrations whose meeting or workshop
        ended before `before` (every school year on disk). Counts stay (anonymous).
        Returns how many records were erased."""
        erased = 0
        for data_file in self._store.files_of_every_year(FILE_KIND):
            with data_file.transaction() as db:
                bookings = db.table("bookings")
                for doc in bookings.all():
                    end = _parse_time(doc["start"], self.tz) + dt.timedelta(
                        minutes=int(doc["minutes"]))
                    if end < before and (doc.get("child") or doc.get("phone")):
                        bookings.update({"child": "", "phone": "", "purged": True},
                                        doc_ids=[doc.doc_id])
                        erased += 1
                ends = {
                    w["id"]: _parse_time(w["start"], self.tz)
                    + dt.timedelta(minutes=int(w["minutes"]))
                    for w in db.table("workshops").all()
                }
                regs = db.table("registrations")
                for doc in regs.all():
                    ended = ends.get(doc["workshop_id"])
                    personal = doc.get("name") or doc.get("phone")
                    if ended is not None and ended < before and personal:
                        regs.update({"name": "", "phone": "", "purged": True},
                                    doc_ids=[doc.doc_id])
                        erased += 1
        return erased

    # -- import / export ---------------------------------------------------------------------

    def import_slots(self, text: str) -> list[Slot]:
        """Staff: slots from CSV text (see :data:`SLOT_COLUMNS`); all or nothing."""
        rows, problems = _csv_rows(text, SLOT_COLUMNS, SLOT_REQUIRED)
        slots: list[Slot] = []
        existing = [dict(d) for d in self.file.table("slots").all()]
        people_docs = [dict(d) for d in self.file.table("people").all()]
        for line, row in rows:
            try:
                person = self.find_person(row["person"])
                if person is None:
                    raise StaffError(f"personne inconnue « {row['person']} »")
                start = _wall(dt.datetime.combine(_parse_day(row["date"]),
                                                  _parse_clock(row["start"])), self.tz)
                minutes = _parse_int(row["minutes"], "minutes")
                mode = MODE_WORDS.get(_fold(row.get("mode") or "school"))
                if mode is None:
                    raise StaffError(f"mode inconnu « {row['mode']} » (école, téléphone, visio)")
                slot = Slot(_new_id("s"), person.id, start, minutes,
                            strip_controls(row.get("place", "")).strip(), mode,
                            (row.get("link") or "").strip())
                problem = self._check_slot(slot, existing, people_docs)
                if problem:
                    raise StaffError(problem)
                existing.append(self._slot_doc(slot))
                slots.append(slot)
            except StaffError as exc:
                problems.append(ImportProblem(line, str(exc)))
        if problems:
            raise ImportRefused(sorted(problems, key=lambda p: p.line))
        if not slots:
            raise ImportRefused([ImportProblem(1, "le fichier ne contient aucun créneau")])
        self.add_slots(slots)
        self._record("slot.import", f"{len(slots)} créneaux importés")
        return slots

    def import_workshops(self, text: str) -> list[Workshop]:
        """Staff: workshops from CSV text (see :data:`WORKSHOP_COLUMNS`); all or nothing."""
        rows, problems = _csv_rows(text, WORKSHOP_COLUMNS, WORKSHOP_REQUIRED)
        found: list[Workshop] = []
        for line, row in rows:
            try:
                start = _wall(dt.datetime.combine(_parse_day(row["date"]),
                                                  _parse_clock(row["start"])), self.tz)
                found.append(self._new_workshop(
                    row["title"], start, _parse_int(row["minutes"], "minutes"),
                    row.get("place", ""), _parse_int(row["capacity"], "places"),
                    description=row.get("description", ""),
                    languages=re.split(r"[\s,|/]+", row.get("languages", "") or ""),
                ))
            except StaffError as exc:
                problems.append(ImportProblem(line, str(exc)))
        if problems:
            raise ImportRefused(sorted(problems, key=lambda p: p.line))
        if not found:
            raise ImportRefused([ImportProblem(1, "le fichier ne contient aucun atelier")])
        with self.file.transaction() as db:
            db.table("workshops").insert_multiple(self._workshop_doc(w) for w in found)
        self._record("workshop.import", f"{len(found)} ateliers importés")
        return found

    def export_rows(self, kind: str) -> list[dict[str, Any]]:
        """Rows for ``kiosk export bookings|workshops`` (French column names)."""
        if kind == "bookings":
            people = {p.id: p for p in self.people(include_inactive=True)}
            return [
                {"code": b.code,
                 "personne": people[b.person_id].name if b.person_id in people else "",
                 "date": b.start.date().isoformat(), "heure": f"{b.start:%H:%M}",
                 "minutes": b.minutes, "lieu": b.place, "mode": MODE_STAFF.get(b.mode, b.mode),
                 "enfant": b.child, "classe": b.child_class, "telephone": b.phone,
                 "langue": b.language, "etat": _STATUS_STAFF.get(b.status, b.status),
                 "a_prevenir": "oui" if b.to_notify else "non"}
                for b in self.bookings()
            ]
        rows: list[dict[str, Any]] = []
        for w in self.workshops():
            regs: list[Registration | None] = list(self.registrations(w.id)) or [None]
            for r in regs:
                rows.append({
                    "atelier": w.title, "date": w.start.date().isoformat(),
                    "heure": f"{w.start:%H:%M}", "minutes": w.minutes, "lieu": w.place,
                    "places": w.capacity, "annule": "oui" if w.cancelled else "non",
                    "code": r.code if r else "", "nom": r.name if r else "",
                    "telephone": r.phone if r else "", "langue": r.language if r else "",
                    "etat": _STATUS_STAFF.get(r.status, r.status) if r else "",
                    "attente": r.position if r and r.position else "",
                    "presence": _ATTENDANCE_STAFF.get(r.attendance, "") if r else "",
                })
        return rows


_STATUS_STAFF = {
    BOOKED: "réservé", CANCELLED: "annulé par la famille", SLOT_CANCELLED: "créneau annulé",
    REGISTERED: "inscrit", WAITING: "liste d'attente", WORKSHOP_CANCELLED: "atelier annulé",
}
_ATTENDANCE_STAFF = {"present": "présent", "absent": "absent", "": ""}


# --- CSV helpers --------------------------------------------------------------------------------

#: Columns of ``kiosk import slots``: person (name or id), date (JJ/MM/AAAA or AAAA-MM-JJ),
#: start (HH:MM), minutes, place, mode (école / téléphone / visio), link (for a visio).
SLOT_COLUMNS = ("person", "date", "start", "minutes", "place", "mode", "link")
SLOT_REQUIRED = ("person", "date", "start", "minutes")
#: Columns of ``kiosk import workshops``.
WORKSHOP_COLUMNS = ("title", "description", "date", "start", "minutes", "place", "capacity",
                    "languages")
WORKSHOP_REQUIRED = ("title", "date", "start", "minutes", "capacity")
#: French headers accepted as well.
_HEADER_WORDS = {
    "personne": "person", "date": "date", "debut": "start", "heure": "start",
    "duree": "minutes", "lieu": "place", "salle": "place", "lien": "link",
    "titre": "title", "places": "capacity", "capacite": "capacity", "langues": "languages",
}


def _csv_rows(text: str, columns: Sequence[str], required: Sequence[str]
              ) -> tuple[list[tuple[int, dict[str, str]]], list[ImportProblem]]:
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ImportRefused([ImportProblem(1, "il manque la ligne d'en-tête ("
                                           + ";".join(columns) + ")")])
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # a lone CR in a cell
    header_raw = next(reader)
    header = []
    for name in header_raw:
        word = _fold(name)
        header.append(_HEADER_WORDS.get(word, word))
    unknown = [h for h in header if h not in columns]
    missing = [c for c in required if c not in header]
    if unknown or missing:
        why = []
        if unknown:
            why.append("colonnes inconnues : " + ", ".join(unknown))
        if missing:
            why.append("colonnes manquantes : " + ", ".join(missing))
        raise ImportRefused([ImportProblem(
            1, "; ".join(why) + " (attendu : " + ";".join(columns) + ")")])
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[ImportProblem] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            problems.append(ImportProblem(
                line, f"{len(record)} colonnes au lieu de {len(header)}"))
            continue
        row = {name: (record[i].strip() if i < len(record) else "")
               for i, name in enumerate(header)}
        empty = [c for c in required if not row.get(c)]
        if empty:
            problems.append(ImportProblem(line, "valeur manquante : " + ", ".join(empty)))
            continue
        rows.append((line, row))
    return rows, problems


def _parse_day(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise StaffError(f"date illisible « {text} » (ex. : 02/12/2026)")


def _parse_clock(text: str) -> dt.time:
    match = re.fullmatch(r"([01]?\d|2[0-3])[:hH]([0-5]\d)", text.strip())
    if not match:
        raise StaffError(f"heure illisible « {text} » (ex. : 16:30)")
    return dt.time(int(match.group(1)), int(match.group(2)))


def _parse_int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise StaffError(f"{what} : nombre entier attendu, pas « {text} »") from None


def parse_day(text: str) -> dt.date:
    """Staff-typed date (JJ/MM/AAAA or AAAA-MM-JJ) → date, or :class:`StaffError`."""
    return _parse_day(text)


def parse_clock(text: str) -> dt.time:
    """Staff-typed time of day (16:30 or 16h30) → time, or :class:`StaffError`."""
    return _parse_clock(text)


def parse_weekday(text: str) -> int:
    day = WEEKDAY_WORDS.get(_fold(text))
    if day is None:
        raise StaffError(f"jour inconnu « {text} » (lundi … dimanche)")
    return day


def parse_mode(text: str) -> str:
    mode = MODE_WORDS.get(_fold(text or "school"))
    if mode is None:
        raise StaffError(f"mode inconnu « {text} » (école, téléphone, visio)")
    return mode


def _class_order(name: str) -> tuple[int, str]:
    order = ["TPS", "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2", "ULIS", "UPE2A"]
    upper = name.upper()
    for index, prefix in enumerate(order):
        if upper.startswith(prefix):
            return (index, upper)
    return (len(order), upper)


# --- demo school --------------------------------------------------------------------------------

DEMO_WEEKS = 3


def seed_demo(services: Any, today: dt.date) -> None:
    """The demo school's people, slots over the coming weeks and workshops (idempotent)."""
    import tomllib

    from kiosk.core import paths

    content = tomllib.loads((paths.DEMO_DIR / "booking.toml").read_text(encoding="utf-8"))
    office: BookingOffice = services.booking
    tz = office.tz
    existing = {p.name: p for p in office.people()}
    first = today + dt.timedelta(days=1)
    last = today + dt.timedelta(weeks=DEMO_WEEKS)
    new_slots: list[Slot] = []
    for entry in content.get("people", []):
        person = existing.get(entry["name"])
        if person is None:
            person = office.add_person(entry["name"], entry["role"], entry.get("classes", []))
        for rule in entry.get("patterns", []):
            pattern = WeeklyPattern(
                person.id, parse_weekday(rule["weekday"]), parse_clock(rule["start"]),
                parse_clock(rule["end"]), int(rule["minutes"]), first, last,
                place=rule.get("place", ""), mode=rule.get("mode", "school"),
                link=rule.get("link", ""),
            )
            new_slots += [Slot(_new_id("s"), person.id, start, pattern.minutes, pattern.place,
                               pattern.mode, pattern.link) for start in pattern.starts(tz)]
    taken = {(s.person_id, s.start) for s in office.slots(include_cancelled=True)}
    office.add_slots([s for s in new_slots if (s.person_id, s.start) not in taken])
    upcoming = {w.title for w in office.upcoming_workshops()}
    for entry in content.get("workshops", []):
        if entry["title"] in upcoming:
            continue
        day = today + dt.timedelta(days=int(entry["in_days"]))
        start = _wall(dt.datetime.combine(day, parse_clock(entry["start"])), tz)
        workshop = office.add_workshop(
            entry["title"], start, int(entry["minutes"]), entry.get("place", ""),
            int(entry["capacity"]), description=entry.get("description", ""),
            languages=entry.get("languages", []),
        )
        for name in entry.get("registrations", []):
            office.register(workshop.id, name=name, language="fr")
    if not office.bookings():
        for child, who in (("Lina", "Mme Benali"), ("Hugo", "M. Petit")):
            found = office.find_person(who)
            free = office.free_slots(found.id) if found else []
            if found and free:
                office.book(free[0].id, child=child, child_class=found.classes[0],
                            language="fr")
