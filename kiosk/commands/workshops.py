"""``kiosk workshops``: the workshops, and a workshop's sign-in sheet to print.

    kiosk workshops list                                   # ids, dates, titles, places taken
    kiosk workshops sheet a-1f2e3d4c5b6a --out emargement.html
    kiosk workshops sheet a-1f2e3d4c5b6a                   # into the data folder's reports/

The sheet ("feuille d'émargement") is a self-contained A4 HTML page: the school, the date, the
workshop, one row per registered parent with a signature column, blank rows for walk-ins.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.services import Services

#: Where sheets go when no --out is given (inside the data folder).
REPORTS = "reports"


def register(commands: Commands) -> None:
    group = commands.group("workshops", help="workshops: list them, print a sign-in sheet")
    group.add("list", list_workshops, help="the workshops of the school year, with their ids")
    parser = group.add(
        "sheet",
        write_sign_in_sheet,
        help="a workshop's sign-in sheet (feuille d'émargement) as A4 HTML",
        description=(
            "Writes the workshop's sign-in sheet: the school, the date, the title, one row per "
            "registered parent (language, interpreter asked, a box to sign) and blank rows "
            "for those who come without registering. Any browser prints it."
        ),
    )
    parser.add_argument("workshop_id", metavar="WORKSHOP_ID", help="see: kiosk workshops list")
    parser.add_argument("--out", metavar="FILE", type=Path,
                        help="the file (or folder) to write; default: the data folder's "
                             "reports/")


def list_workshops(args: argparse.Namespace, services: Services) -> int:
    for w in services.booking.workshops.all():
        state = " (annulé)" if w.cancelled else ""
        print(f"{w.id}  {w.start:%d/%m/%Y %H:%M}  {w.registered}/{w.capacity}  "
              f"{w.title}{state}")
    return 0


def write_sign_in_sheet(args: argparse.Namespace, services: Services) -> int:
    from kiosk.booking.model import StaffError
    from kiosk.booking.sign_in import write_sheet

    out = Path(args.out) if args.out else services.data_dir / REPORTS
    try:
        path = write_sheet(services.booking.workshops, str(args.workshop_id),
                           services.config.school.name, out)
    except StaffError as exc:
        raise UsageError(str(exc)) from None
    print(path)
    record_done(services, "export", f"feuille d'émargement → {path}")
    return 0
