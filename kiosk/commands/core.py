"""Core subcommands: where things are, storage repair, and the benchmark."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError

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
        help="list data files that were damaged and set aside; start one afresh",
        description=(
            "A data file the kiosk could not read is moved aside (never overwritten) and that "
            "part of the kiosk stays closed until staff decide. Without options, lists them. "
            "With --start-empty FILE, that file starts again empty (the damaged copy stays "
            "where it was moved, for a technician); or restore a backup with `kiosk restore`."
        ),
    )
    parser.add_argument("--start-empty", metavar="FILE", type=Path)
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
    for problem in services.problems:
        print(f"PROBLEM: {problem.message}")
    return 1 if services.problems else 0


def repair(args: argparse.Namespace, services: Services) -> int:
    if args.start_empty is None:
        if not services.problems:
            print("Every data file is readable. Nothing to repair.")
            return 0
        for problem in services.problems:
            print(problem.message)
            print(f"    → kiosk repair --start-empty {problem.path}")
        return 1
    target = Path(args.start_empty).resolve()
    if not services.store.start_empty(target):
        raise UsageError(f"{target} is not a file set aside; `kiosk repair` lists them.")
    print(f"{target} will start again empty. The damaged copy was kept.")
    return 0


def bench(args: argparse.Namespace, services: Services) -> int:
    from kiosk.bench.runner import run

    return run(only=args.only, quick=args.quick)
