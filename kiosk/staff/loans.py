"""Equipment loans: a parent asks to borrow a tablet or a computer, staff lend it, it comes back.

One record per loan, in the school year's ``loans.json`` (table ``loans``), through its life:

* ``waiting`` — a parent's **request** from the kiosk: first name, phone (optional), the
  session's language, the child's class, the device wanted, and a code drawn like a meeting's
  (unique among loans) that the parent brings to the desk;
* ``out`` — staff **lent** a device (its label or number, the day it went out, the day it is
  due back: ``[loans] days`` later unless staff choose), from a request or directly;
* ``returned`` / ``cancelled`` — the device came back, or the request or loan was dropped.

A request waiting or a loan still out continues into the next school year's file (1 August).
**Retention**: the first name and phone of a loan returned or cancelled, and of a request left
unanswered, are erased ``[retention] loans_days`` after it ended (or was made); the record
stays, anonymous (device, class, dates), for the counts. A loan still out is never erased.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.booking.codes import new_code, normalize_code
from kiosk.booking.model import InputProblem, StaffError
from kiosk.booking.parent_text import clean_name, clean_phone
from kiosk.core.i18n import N_
from kiosk.core.store import DataFile, Store
from kiosk.core.text import single_line, strip_controls

FILE_KIND = "loans"
TABLE = "loans"

#: The devices a family may borrow: key → what the parent reads (a French msgid).
DEVICES: dict[str, str] = {"tablet": N_("Une tablette"), "computer": N_("Un ordinateur")}
#: The same in the staff's words.
DEVICE_WORDS = {"tablet": "tablette", "computer": "ordinateur"}
STATUSES = ("waiting", "out", "returned", "cancelled")
STATUS_WORDS = {"waiting": "demande en attente", "out": "prêté", "returned": "rendu",
                "cancelled": "annulé"}
#: Loans due back within this many days show on the dashboard ("Prêts à rendre").
DUE_SOON_DAYS = 7
CLASS_MAX = 30
LABEL_MAX = 40
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Loan:
    """A request for a device, and the loan it becomes."""

    id: str
    code: str
    status: str
    #: Family: the parent's first name and phone ("" once erased by retention), language.
    name: str
    phone: str
    language: str
    child_class: str
    #: "tablet" or "computer".
    device: str
    created: dt.datetime
    #: The device lent: its label or number (staff's words).
    label: str = ""
    out: dt.date | None = None
    due: dt.date | None = None
    returned: dt.date | None = None
    #: When the loan ended (returned or cancelled), for retention.
    closed: dt.datetime | None = None
    erased: bool = False

    @property
    def open(self) -> bool:
        """A request waiting or a device still out (never erased)."""
        return self.status in ("waiting", "out")

    def overdue(self, today: dt.date) -> bool:
        return self.status == "out" and self.due is not None and self.due < today

    def due_within(self, today: dt.date, days: int = DUE_SOON_DAYS) -> bool:
        """Out and due back within `days` days, or overdue."""
        return (self.status == "out" and self.due is not None
                and self.due <= today + dt.timedelta(days=days))

    @property
    def device_words(self) -> str:
        """The device in the staff's words: "tablette n° 3"."""
        kind = DEVICE_WORDS.get(self.device, self.device)
        return f"{kind} {self.label}" if self.label else kind


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _when(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(str(value)) if value else None


def loan_of(row: Mapping[str, Any]) -> Loan:
    """A stored record as a :class:`Loan` (raises on a record that cannot be read)."""
    status = str(row["status"])
    if status not in STATUSES:
        raise ValueError(f"unknown loan status {status!r}")
    created = _when(row["created"])
    assert created is not None
    return Loan(
        id=str(row["id"]), code=str(row["code"]), status=status, name=str(row.get("name", "")),
        phone=str(row.get("phone", "")), language=str(row.get("language", "fr")),
        child_class=str(row.get("child_class", "")), device=str(row["device"]),
        created=created, label=str(row.get("label", "")), out=_date(row.get("out")),
        due=_date(row.get("due")), returned=_date(row.get("returned")),
        closed=_when(row.get("closed")), erased=bool(row.get("erased", False)),
    )


def carry_over(previous: Mapping[str, list[dict[str, Any]]], first_day: dt.date
               ) -> dict[str, list[dict[str, Any]]]:
    """Requests waiting and loans still out continue into the new school year's file (same
    ids and codes)."""
    return {TABLE: [dict(d) for d in previous.get(TABLE, []) if d.get("status") in
                    ("waiting", "out")]}


def clean_class(text: str) -> str:
    """The child's class as chosen (one line, no control character), or InputProblem."""
    chosen = single_line(strip_controls(text)).strip()[:CLASS_MAX]
    if not chosen:
        raise InputProblem(N_("Choisissez la classe."))
    return chosen


def clean_device(device: str) -> str:
    if device not in DEVICES:
        raise InputProblem(N_("Choisissez le matériel."))
    return device


def clean_label(text: str) -> str:
    """The staff's label of a device ("3", "iPad 12"), or StaffError."""
    label = single_line(strip_controls(text)).strip()
    if not label:
        raise StaffError("Écrivez le numéro ou le nom du matériel prêté.")
    if len(label) > LABEL_MAX:
        raise StaffError(f"Numéro du matériel trop long ({LABEL_MAX} signes au plus).")
    return label


def _staff(clean: Callable[[str], str], text: str) -> str:
    """A parent-text check used for what staff type: its problem as a StaffError."""
    try:
        return clean(text)
    except InputProblem as problem:
        raise StaffError(problem.message) from None


class LoanRegister:
    """The loan register of the school year (repository): requests, loans, returns, purge."""

    def __init__(self, store: Store, now: Callable[[], dt.datetime], *, days: int = 30,
                 keep_days: int = 365) -> None:
        self._store = store
        self._now = now
        #: Default length of a loan (``[loans] days``).
        self.days = days
        #: Days personal details stay after a loan ended (``[retention] loans_days``).
        self.keep_days = keep_days
        store.check_records(FILE_KIND, {TABLE: loan_of})
        store.carry_over(FILE_KIND, carry_over)

    @property
    def _file(self) -> DataFile:
        return self._store.file(FILE_KIND)

    # -- reading ---------------------------------------------------------------------------

    def all(self) -> list[Loan]:
        """Every loan of the school year, oldest first."""
        return sorted((loan_of(r) for r in self._file.table(TABLE).all()),
                      key=lambda loan: loan.created)

    def waiting(self) -> list[Loan]:
        """Requests nobody has answered yet, oldest first."""
        return [loan for loan in self.all() if loan.status == "waiting"]

    def out(self) -> list[Loan]:
        """Devices still out: overdue first, then by due date."""
        today = self._now().date()
        found = [loan for loan in self.all() if loan.status == "out"]
        return sorted(found, key=lambda x: (not x.overdue(today), x.due or today, x.created))

    def due_soon(self, days: int = DUE_SOON_DAYS) -> list[Loan]:
        """Loans due back within `days` days, or overdue (overdue first)."""
        today = self._now().date()
        return [loan for loan in self.out() if loan.due_within(today, days)]

    def loan(self, loan_id: str) -> Loan | None:
        return next((x for x in self.all() if x.id == loan_id), None)

    def by_code(self, text: str) -> Loan | None:
        code = normalize_code(text)
        return next((x for x in self.all() if x.code == code), None)

    # -- the parent's request --------------------------------------------------------------

    def request(self, *, name: str, phone: str, language: str, child_class: str,
                device: str) -> Loan:
        """A parent asks to borrow `device`; InputProblem (a French msgid) on bad input."""
        record = self._new_record(clean_name(name), clean_phone(phone), language,
                                  clean_class(child_class), clean_device(device))
        return self._insert(record)

    def _new_record(self, name: str, phone: str, language: str, child_class: str,
                    device: str) -> dict[str, Any]:
        lang = language if _LANGUAGE.fullmatch(language or "") else "fr"
        return {"id": uuid.uuid4().hex[:12], "code": "", "status": "waiting", "name": name,
                "phone": phone, "language": lang, "child_class": child_class,
                "device": device, "created": self._now().isoformat(), "label": "", "out": "",
                "due": "", "returned": "", "closed": "", "erased": False}

    def _insert(self, record: dict[str, Any]) -> Loan:
        with self._file.transaction() as db:
            table = db.table(TABLE)
            record["code"] = new_code(str(r.get("code", "")) for r in table.all())
            table.insert(record)
        return loan_of(record)

    # -- the staff's register --------------------------------------------------------------

    def lend(self, loan_id: str, *, label: str, due: dt.date | None = None) -> Loan:
        """Lend a device for the request `loan_id` (StaffError if it is not waiting)."""
        values = self._lending(label, due)
        return self._change(loan_id, ("waiting",), values,
                            "Cette demande n'attend plus : déjà prêtée ou annulée.")

    def lend_directly(self, *, name: str, phone: str, device: str, label: str,
                      child_class: str = "", language: str = "fr",
                      due: dt.date | None = None) -> Loan:
        """A loan made at the desk, without a request from the kiosk."""
        record = self._new_record(
            _staff(clean_name, name), _staff(clean_phone, phone), language,
            single_line(strip_controls(child_class)).strip()[:CLASS_MAX],
            _staff(clean_device, device))
        record.update(self._lending(label, due))
        return self._insert(record)

    def _lending(self, label: str, due: dt.date | None) -> dict[str, Any]:
        today = self._now().date()
        due = due or today + dt.timedelta(days=self.days)
        if due < today:
            raise StaffError("La date de retour est déjà passée.")
        return {"status": "out", "label": clean_label(label), "out": today.isoformat(),
                "due": due.isoformat()}

    def mark_returned(self, loan_id: str) -> Loan:
        """The device of `loan_id` came back today."""
        now = self._now()
        return self._change(loan_id, ("out",), {"status": "returned", "closed": now.isoformat(),
                                                "returned": now.date().isoformat()},
                            "Ce prêt n'est pas en cours.")

    def cancel(self, loan_id: str) -> Loan:
        """Drop a request waiting, or a loan entered by mistake."""
        return self._change(loan_id, ("waiting", "out"),
                            {"status": "cancelled", "closed": self._now().isoformat()},
                            "Ce prêt est déjà terminé.")

    def _change(self, loan_id: str, allowed: tuple[str, ...], values: dict[str, Any],
                refused: str) -> Loan:
        with self._file.transaction() as db:
            table = db.table(TABLE)
            rows = table.search(lambda r: r["id"] == loan_id)
            if not rows:
                raise StaffError("Prêt introuvable.")
            if rows[0]["status"] not in allowed:
                raise StaffError(refused)
            table.update(values, doc_ids=[rows[0].doc_id])
            changed = {**rows[0], **values}
        return loan_of(changed)

    # -- retention -------------------------------------------------------------------------

    def forget_personal_details(self) -> int:
        """Erase the first name and phone of every loan ended, and every request made, more
        than :attr:`keep_days` ago, in every school year's file (a request left waiting is
        cancelled); a copy carried into the current year's file is erased in last year's.
        A loan still out is never touched. Returns how many were erased."""
        limit = self._now() - dt.timedelta(days=self.keep_days)
        current = self._file
        carried = {str(r["id"]) for r in current.snapshot().get(TABLE, {}).values()}
        erased = 0
        for data_file in self._store.files_of_every_year(FILE_KIND):
            in_past = data_file.path != current.path

            def due(row: Mapping[str, Any], in_past: bool = in_past) -> bool:
                if row.get("erased"):
                    return False
                if in_past and row.get("id") in carried:
                    return True
                ended = _when(row.get("closed")) if row.get("status") != "waiting" \
                    else _when(row.get("created"))
                return row.get("status") != "out" and ended is not None and ended < limit

            if not any(due(row) for row in data_file.snapshot().get(TABLE, {}).values()):
                continue
            with data_file.transaction() as db:  # re-read under the lock
                table = db.table(TABLE)
                for row in table.all():
                    if due(row):
                        values: dict[str, Any] = {"name": "", "phone": "", "erased": True}
                        if row.get("status") == "waiting" and not in_past:
                            values.update(status="cancelled", closed=self._now().isoformat())
                        table.update(values, doc_ids=[row.doc_id])
                        erased += 1
        return erased
