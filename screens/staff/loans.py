"""Staff: the equipment-loan register ("Prêts de matériel", plain French).

Requests made at the kiosk wait in the first table: staff lend a device for one (its number,
the due date: ``[loans] days`` from today unless typed) or cancel it. Devices out are in the
second table, overdue first: mark one returned, print its loan slip to sign again, or cancel
it. A loan made at the desk without a request is entered at the bottom. Lending prints the
slip (family, device, dates, conditions in French and the parent's language, signatures)
through the print queue.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from kiosk.booking.model import StaffError
from kiosk.booking.words import parse_day
from kiosk.staff.loans import DEVICE_WORDS, Loan
from screens.staff.base import StaffToolScreen, field, staff_table
from screens.staff.tables import Column
from screens.widgets import literal

#: What the screen shows: the requests waiting, and the loans out (overdue first).
Register = tuple[list[Loan], list[Loan]]

REQUEST_COLUMNS = (
    Column("Demandée le", cut=False, priority=2), Column("Prénom", priority=1),
    Column("Téléphone", cut=False, priority=2), Column("Langue", cut=False, priority=2),
    Column("Classe", priority=1), Column("Matériel", priority=1),
    Column("Code", cut=False, priority=2),
)
OUT_COLUMNS = (
    Column("À rendre le", cut=False, priority=2), Column("Prénom", priority=1),
    Column("Téléphone", cut=False, priority=2), Column("Matériel", priority=1),
    Column("Sorti le", cut=False, priority=2), Column("", cut=False, priority=2),
)


def request_cells(loan: Loan) -> tuple[object, ...]:
    return (f"{loan.created:%d/%m %H:%M}", Text(loan.name), Text(loan.phone), loan.language,
            Text(loan.child_class), DEVICE_WORDS.get(loan.device, loan.device), loan.code)


def out_cells(loan: Loan, today: dt.date) -> tuple[object, ...]:
    due = f"{loan.due:%d/%m/%Y}" if loan.due else ""
    out = f"{loan.out:%d/%m/%Y}" if loan.out else ""
    return (due, Text(loan.name), Text(loan.phone), Text(loan.device_words), out,
            "EN RETARD" if loan.overdue(today) else "")


class LoansStaffScreen(StaffToolScreen[Register]):
    """The loan register: requests waiting, devices out, a loan made at the desk."""

    TITLE_TEXT = "Prêts de matériel"

    def compose_body(self) -> ComposeResult:
        yield Static(literal(""), id="loans-counts", classes="staff-help")
        yield Static(literal(""), id="staff-status", classes="staff-help")
        yield Static(literal("Demandes en attente"), classes="staff-label")
        yield staff_table(*REQUEST_COLUMNS, id="loan-requests")
        with Horizontal(classes="staff-row"):
            yield from field("Numéro du matériel", "loan-label", placeholder="tablette 3")
            yield from field("À rendre le (vide : durée habituelle)", "loan-due",
                             placeholder="JJ/MM/AAAA")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Prêter (imprime la fiche)"), id="loan-lend",
                         variant="primary")
            yield Button(literal("Annuler la demande"), id="loan-request-cancel")
        yield Static(literal("Prêts en cours (en retard d'abord)"), classes="staff-label")
        yield staff_table(*OUT_COLUMNS, id="loans-out")
        with Horizontal(classes="staff-actions"):
            yield Button(literal("Rendu"), id="loan-returned", variant="success")
            yield Button(literal("Imprimer la fiche de prêt"), id="loan-slip")
            yield Button(literal("Annuler le prêt"), id="loan-cancel")
        yield Static(literal("Prêt sans demande (à l'accueil)"), classes="staff-label")
        with Horizontal(classes="staff-row"):
            yield from field("Prénom", "direct-name")
            yield from field("Téléphone", "direct-phone")
            yield from field("Classe", "direct-class")
        with Horizontal(classes="staff-row"):
            yield from field("Matériel : tablette ou ordinateur", "direct-device", "tablette")
            yield from field("Numéro du matériel", "direct-label")
        yield Button(literal("Prêter directement (imprime la fiche)"), id="loan-direct")

    def read(self) -> Register:
        loans = self.context.loans
        return loans.waiting(), loans.out()

    def show_data(self, data: Register) -> None:
        waiting, out = data
        today = self.context.today()
        self.fill("loan-requests", REQUEST_COLUMNS, ((x.id, request_cells(x)) for x in waiting))
        self.fill("loans-out", OUT_COLUMNS, ((x.id, out_cells(x, today)) for x in out))
        late = sum(1 for x in out if x.overdue(today))
        self.query_one("#loans-counts", Static).update(literal(
            f"{len(waiting)} demande(s) en attente, {len(out)} prêt(s) en cours"
            + (f", dont {late} en retard." if late else ".")))

    def _due(self, text: str) -> dt.date | None:
        return parse_day(text) if text else None

    def _slip(self, loan: Loan) -> str:
        """Print the loan slip of `loan` (from a worker) and say what happened."""
        from kiosk.tickets import loan_slip_ticket

        if loan.out is None or loan.due is None:
            return "Ce prêt n'a pas de dates."
        ticket = loan_slip_ticket(self.context.tickets, loan.language,
                                  name=loan.name or "(effacé)", device=loan.device_words,
                                  out=loan.out, due=loan.due, code=loan.code)
        return "Fiche de prêt : " + self.print_ticket(ticket)

    @on(Button.Pressed, "#loan-lend")
    def lend(self, event: Button.Pressed) -> None:
        event.stop()
        loan_id = self.selected("loan-requests")
        label, due = self.value("loan-label"), self.value("loan-due")
        if loan_id is None:
            self.status("Choisissez une demande dans le tableau.")
            return

        def action() -> str:
            loan = self.context.loans.lend(loan_id, label=label, due=self._due(due))
            self.context.audit.record("loan.lend", f"{loan.code} ({loan.device_words})")
            return f"Prêté jusqu'au {loan.due:%d/%m/%Y}. {self._slip(loan)}"

        self.perform(action)

    @on(Button.Pressed, "#loan-direct")
    def lend_directly(self, event: Button.Pressed) -> None:
        event.stop()
        values = {k: self.value(f"direct-{k}") for k in ("name", "phone", "class", "device",
                                                          "label")}
        due = self.value("loan-due")

        def action() -> str:
            words = {v: k for k, v in DEVICE_WORDS.items()}
            device = words.get(values["device"].lower(), values["device"])
            if device not in DEVICE_WORDS:
                raise StaffError("Matériel : écrivez « tablette » ou « ordinateur ».")
            loan = self.context.loans.lend_directly(
                name=values["name"], phone=values["phone"], child_class=values["class"],
                device=device, label=values["label"], due=self._due(due))
            self.context.audit.record("loan.lend", f"{loan.code} ({loan.device_words})")
            return f"Prêté jusqu'au {loan.due:%d/%m/%Y}. {self._slip(loan)}"

        self.perform(action)

    def _on_selected(self, table: str, change: str) -> None:
        loan_id = self.selected(table)
        if loan_id is None:
            self.status("Choisissez une ligne dans le tableau.")
            return

        def action() -> str:
            loans = self.context.loans
            if change == "returned":
                loan = loans.mark_returned(loan_id)
                said = "Matériel rendu."
            elif change == "slip":
                found = loans.loan(loan_id)
                if found is None:
                    raise StaffError("Prêt introuvable.")
                return self._slip(found)
            else:
                loan = loans.cancel(loan_id)
                said = "Demande annulée." if loan.out is None else "Prêt annulé."
            self.context.audit.record(f"loan.{change}", loan.code)
            return said

        self.perform(action)

    @on(Button.Pressed, "#loan-returned")
    def returned(self, event: Button.Pressed) -> None:
        event.stop()
        self._on_selected("loans-out", "returned")

    @on(Button.Pressed, "#loan-slip")
    def print_slip(self, event: Button.Pressed) -> None:
        event.stop()
        self._on_selected("loans-out", "slip")

    @on(Button.Pressed, "#loan-cancel")
    def cancel_loan(self, event: Button.Pressed) -> None:
        event.stop()
        self._on_selected("loans-out", "cancel")

    @on(Button.Pressed, "#loan-request-cancel")
    def cancel_request(self, event: Button.Pressed) -> None:
        event.stop()
        self._on_selected("loan-requests", "cancel")
