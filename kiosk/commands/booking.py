"""Appointment and workshop commands for staff.

    kiosk people add "Mme Martin" --role enseignante --classes CE1,CE2
    kiosk people list
    kiosk slots pattern --person "Mme Martin" --weekday mardi --from 16:30 --to 18:00 \\
        --minutes 15 --first 02/12/2026 --last 20/12/2026 --except 09/12/2026 --place "Salle 3"
    kiosk import slots FILE.csv        kiosk import workshops FILE.csv
    kiosk export bookings --format csv --out rdv.csv
    kiosk export workshops --format json --out ateliers.json

Imported files are CSV (``;`` or ``,``), UTF-8, one header line. Columns:

* slots: ``person;date;start;minutes;place;mode;link`` — person = the name (or id) of someone
  added with ``kiosk people add``; date ``JJ/MM/AAAA`` or ``AAAA-MM-JJ``; start ``16:30``;
  minutes = length of the meeting; mode ``école`` (default), ``téléphone`` or ``visio`` (a
  visio needs its ``https://`` link). French headers are accepted (personne, debut, duree,
  lieu, lien).
* workshops: ``title;description;date;start;minutes;place;capacity;languages`` — capacity =
  number of places; languages = the facilitator's languages, e.g. ``fr ar``. French headers:
  titre, debut, duree, lieu, places, langues.

Every bad line is reported with its number and reason, and then nothing is imported.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.services import Services


def register(commands: Commands) -> None:
    imports = commands.group("import", help="import data")
    for kind, handler, what in (
        ("slots", import_slots, "appointment slots"),
        ("workshops", import_workshops, "workshops"),
    ):
        parser = imports.add(
            kind, handler, help=f"import {what} from a CSV file (all or nothing)",
            description=__doc__,
        )
        parser.add_argument("file", metavar="FILE", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")

    export = commands.group("export", help="export data")
    for kind, what in (("bookings", "appointments"), ("workshops", "workshop registrations")):
        parser = export.add(
            kind, export_rows,
            help=f"the {what} of the school year (CSV for spreadsheets, or JSON)",
        )
        parser.add_argument("--format", choices=("csv", "json"), default="csv")
        parser.add_argument("--out", required=True, metavar="FILE", type=Path,
                            help="the file to write ('-' for standard output)")
        parser.set_defaults(export_kind=kind)

    people = commands.group("people", help="people who receive parents (teachers, head…)")
    parser = people.add("add", add_person, help="add someone who receives parents")
    parser.add_argument("name", metavar="NAME")
    parser.add_argument("--role", default="enseignant",
                        help="enseignant, directeur, infirmier, psychologue, social, autre")
    parser.add_argument("--classes", default="", help="classes, comma-separated: CE1,CE2")
    people.add("list", list_people, help="list them, with their free slots")

    slots = commands.group("slots", help="appointment slots")
    parser = slots.add(
        "pattern", add_pattern,
        help="add the slots of a weekly pattern (e.g. Tuesdays 16:30–18:00, 15 minutes)",
    )
    parser.add_argument("--person", required=True, help="name or id (kiosk people list)")
    parser.add_argument("--weekday", required=True, help="lundi … dimanche")
    parser.add_argument("--from", dest="start", required=True, metavar="HH:MM")
    parser.add_argument("--to", dest="end", required=True, metavar="HH:MM")
    parser.add_argument("--minutes", type=int, required=True)
    parser.add_argument("--first", required=True, metavar="JJ/MM/AAAA")
    parser.add_argument("--last", required=True, metavar="JJ/MM/AAAA")
    parser.add_argument("--except", dest="exceptions", action="append", default=[],
                        metavar="JJ/MM/AAAA", help="a day without slots (repeatable)")
    parser.add_argument("--place", default="")
    parser.add_argument("--mode", default="école", help="école, téléphone or visio")
    parser.add_argument("--link", default="", help="the visio link")


def _read(path: Path) -> str:
    from kiosk.commands.imports import read_limited

    try:
        return read_limited(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV"
        ) from None
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None


def _import(args: argparse.Namespace, services: Services, kind: str) -> int:
    from kiosk.booking.model import ImportRefused

    text = _read(Path(args.file))
    office = services.booking
    before = (len(office.slots.all(include_cancelled=True)) if kind == "slots"
              else len(office.workshops.all()))
    try:
        if args.dry_run:
            count = _dry_run(services, kind, text)
            print(f"{count} ligne(s) correcte(s) ; rien n'a été importé (--dry-run).")
            return 0
        transfer = office.transfer
        found = transfer.import_slots(text) if kind == "slots" else transfer.import_workshops(text)
    except ImportRefused as refused:
        from kiosk.commands.imports import print_problems

        print_problems(args.file, refused.problems,
                       rest=("autre ligne refusée", "autres lignes refusées"))
        raise UsageError(
            f"{len(refused.problems)} ligne(s) à corriger dans {args.file} ; rien n'a été importé."
        ) from None
    word = "créneau(x)" if kind == "slots" else "atelier(s)"
    after = before + len(found)
    print(f"{len(found)} {word} importé(s) depuis {args.file} (total : {after}).")
    return 0


def _dry_run(services: Services, kind: str, text: str) -> int:
    """Check a file against a copy of the data (nothing written to the real files)."""
    import shutil
    import tempfile

    from kiosk.booking.feature import open_booking
    from kiosk.core.store import Store

    with tempfile.TemporaryDirectory(prefix="kiosk-check-") as folder:
        store = Store(Path(folder), services.store.year)
        source = services.store.file("bookings").path
        if source.exists():
            target = store.file("bookings").path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
        config = services.config
        transfer = open_booking(store, config.booking, config.tz, services.now,
                                school_name=config.school.name,
                                terminal=config.kiosk.terminal_name).transfer
        found = transfer.import_slots(text) if kind == "slots" else transfer.import_workshops(text)
        return len(found)


def import_slots(args: argparse.Namespace, services: Services) -> int:
    return _import(args, services, "slots")


def import_workshops(args: argparse.Namespace, services: Services) -> int:
    return _import(args, services, "workshops")


def rows_to_bytes(rows: list[dict[str, Any]], fmt: str) -> bytes:
    """Rows as CSV for a spreadsheet (:mod:`kiosk.core.spreadsheet`: ``;``, UTF-8 with BOM, no cell
    a spreadsheet could run as a formula) or JSON (the values as stored)."""
    if fmt == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    from kiosk.core.spreadsheet import csv_bytes

    if not rows:
        return "\ufeff".encode()
    return csv_bytes(list(rows[0]), [list(row.values()) for row in rows])


def export_rows(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.store import write_atomically

    rows = services.booking.transfer.export_rows(args.export_kind)
    data = rows_to_bytes(rows, args.format)
    if str(args.out) == "-":
        import sys

        sys.stdout.write(data.decode("utf-8-sig"))
    else:
        try:
            write_atomically(Path(args.out), data)
        except OSError as exc:
            raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from None
        print(f"{len(rows)} ligne(s) écrite(s) dans {args.out}")
    record_done(services, "export",
                f"{args.export_kind} ({args.format}, {len(rows)} lignes) : {args.out}")
    return 0


def add_person(args: argparse.Namespace, services: Services) -> int:
    from kiosk.booking.model import StaffError

    classes = [c for c in args.classes.split(",") if c.strip()]
    try:
        person = services.booking.people.add_person(args.name, args.role, classes)
    except StaffError as exc:
        raise UsageError(str(exc)) from None
    print(f"{person.name} ajouté(e) (identifiant {person.id}).")
    return 0


def list_people(args: argparse.Namespace, services: Services) -> int:
    office = services.booking
    found = office.slots.people_with_free_slots()
    if not found:
        print("Personne pour l'instant : kiosk people add NOM --role enseignant --classes CP")
    for person, free in found:
        classes = ", ".join(person.classes)
        print(f"{person.id}  {person.name}  [{person.role}] {classes}  "
              f"— {free} créneau(x) libre(s)")
    return 0


def add_pattern(args: argparse.Namespace, services: Services) -> int:
    from kiosk.booking.model import StaffError
    from kiosk.booking.patterns import parse_pattern

    office = services.booking
    person = office.people.find_person(args.person)
    if person is None:
        raise UsageError(f"personne inconnue « {args.person} » (kiosk people list)")
    try:
        pattern = parse_pattern(
            person.id, weekday=args.weekday, start=args.start, end=args.end,
            minutes=args.minutes, first=args.first, last=args.last,
            exceptions=args.exceptions, place=args.place, mode=args.mode, link=args.link,
        )
        slots = office.slots.add_pattern(pattern)
    except StaffError as exc:
        raise UsageError(str(exc)) from None
    print(f"{len(slots)} créneau(x) ajouté(s) pour {person.name}.")
    return 0
