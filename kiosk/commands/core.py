"""Core subcommands: where things are, storage repair, and the benchmark."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.services import Services


def register(commands: Commands) -> None:
    commands.add(
        "where",
        where,
        help="show which configuration file and data folder the kiosk uses",
    )
    parser = commands.add(
        "repair",
        repair,
        help="list damaged data files and unreadable records; start a file afresh, set "
             "records aside",
        description=(
            "A data file the kiosk could not read is moved aside (never overwritten) and that "
            "part of the kiosk stays closed until staff decide. A record that cannot be read "
            "(a slot whose date is not a date…) is left out of what the kiosk shows, and the "
            "rest works. Without options, lists both, with file and record id. "
            "With --start-empty FILE, that file starts again empty (the damaged copy stays "
            "where it was moved, for a technician); or restore a backup with `kiosk restore`. "
            "With --apply, the unreadable records are moved out of their file into "
            "<file>.set-aside.json beside it (a copy kept)."
        ),
    )
    parser.add_argument("--start-empty", metavar="FILE", type=Path)
    parser.add_argument("--apply", action="store_true",
                        help="move the unreadable records aside (into <file>.set-aside.json)")
    parser = commands.add(
        "bench",
        bench,
        help="measure the kiosk's performance figures (ratios, one line each)",
        needs_services=False,
    )
    parser.add_argument(
        "--only", metavar="NAME", action="append", help="run only this figure (repeatable)"
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")


def where(args: argparse.Namespace, services: Services) -> int:
    config = services.config
    print(f"configuration: {config.source or '(built-in defaults)'}")
    print(f"data folder:   {services.data_dir}")
    print(f"school year:   {services.store.year}")
    print(f"log file:      {services.data_dir / 'logs' / 'kiosk.log'}")
    bad = services.bad_records()
    for problem in services.problems:
        print(f"PROBLEM: {problem.message}")
    for record in bad:
        print(f"PROBLEM: {record.describe()}")
    return 1 if services.problems or bad else 0


def repair(args: argparse.Namespace, services: Services) -> int:
    if args.apply:
        return _set_aside(services)
    if args.start_empty is None:
        bad = services.bad_records()
        if not services.problems and not bad:
            print("Every data file is readable. Nothing to repair.")
            return 0
        for problem in services.problems:
            print(problem.message)
            print(f"    → kiosk repair --start-empty {problem.path}")
        for record in bad:
            print(record.describe())
        if bad:
            print("    → kiosk repair --apply (met ces enregistrements à part, copie gardée)")
        return 1
    target = Path(args.start_empty).resolve()
    if not services.store.start_empty(target):
        raise UsageError(f"{target} is not a file set aside; `kiosk repair` lists them.")
    print(f"{target} will start again empty. The damaged copy was kept.")
    return 0


def _set_aside(services: Services) -> int:
    from kiosk.core.record_checks import set_aside_path

    bad = services.bad_records()
    files = {record.path: services.store.file_at(record.path) for record in bad}
    for path, data_file in files.items():
        moved = data_file.set_aside_bad_records()
        print(f"{len(moved)} enregistrement(s) de {path} mis à part dans "
              f"{set_aside_path(path)}")
        record_done(services, "repair", f"{len(moved)} enregistrement(s) illisible(s) de "
                    f"{path} mis à part")
    if not files:
        print("Aucun enregistrement illisible : rien à mettre à part.")
    return 0


def bench(args: argparse.Namespace, services: Services) -> int:
    from kiosk.bench.runner import run

    return run(only=args.only, quick=args.quick)
