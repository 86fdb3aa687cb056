"""``kiosk loans``: the equipment-loan register on the command line.

    kiosk loans list                   # requests waiting, loans out (overdue first), the rest
    kiosk loans list --csv loans.csv   # the same as a spreadsheet file (';', UTF-8)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands

if TYPE_CHECKING:
    from kiosk.services import Services
    from kiosk.staff.loans import Loan

HEADER = ("Code", "État", "Prénom", "Téléphone", "Langue", "Classe", "Matériel", "Demandé le",
          "Sorti le", "À rendre le", "Rendu le")


def register(commands: Commands) -> None:
    group = commands.group("loans", help="equipment loans (tablets, computers) to families")
    parser = group.add(
        "list",
        list_loans,
        help="list the loan register: requests waiting, loans out, loans ended",
        description=(
            "Lists this school year's equipment loans: the requests made at the kiosk still "
            "waiting, the devices out (overdue first, marked EN RETARD), then the loans "
            "returned or cancelled (names erased after [retention] loans_days). With --csv, "
            "writes them to a spreadsheet file instead (';' separator, UTF-8)."
        ),
    )
    parser.add_argument("--csv", metavar="FILE", type=Path, help="write a CSV file instead")


def _row(loan: Loan) -> tuple[str, ...]:
    from kiosk.staff.loans import STATUS_WORDS

    def day(value: object) -> str:
        return f"{value:%d/%m/%Y}" if value else ""

    return (loan.code, STATUS_WORDS.get(loan.status, loan.status),
            loan.name or ("(effacé)" if loan.erased else ""), loan.phone, loan.language,
            loan.child_class, loan.device_words, day(loan.created), day(loan.out),
            day(loan.due), day(loan.returned))


def list_loans(args: argparse.Namespace, services: Services) -> int:
    from kiosk.commands.journal import record_done

    register = services.loans
    today = services.today()
    ended = [x for x in register.all() if not x.open]
    loans = [*register.waiting(), *register.out(), *ended]
    if args.csv is not None:
        from kiosk.core.data_file import write_atomically
        from kiosk.core.spreadsheet import csv_bytes

        try:
            write_atomically(args.csv, csv_bytes(HEADER, (_row(x) for x in loans)))
        except OSError as exc:
            print(f"kiosk: impossible d'écrire {args.csv} : {exc.strerror or exc}",
                  file=sys.stderr)
            return 1
        print(f"{len(loans)} prêt(s) écrit(s) dans {args.csv}")
        record_done(services, "export", f"prêts de matériel → {args.csv}")
        return 0
    if not loans:
        print("Aucun prêt de matériel cette année.")
        return 0
    for loan in loans:
        cells = _row(loan)
        late = " EN RETARD" if loan.overdue(today) else ""
        due = f", à rendre le {cells[9]}{late}" if loan.status == "out" else ""
        print(f"{cells[0]}  {cells[1]:<19} {cells[2]} {cells[3]} ({cells[4]}, {cells[5]}) — "
              f"{cells[6]}, demandé le {cells[7]}{due}")
    return 0
