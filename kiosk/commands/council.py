"""The school's goals and the trends over the years, on the command line.

    kiosk questionnaire goals                       # list the goals, where the school stands
    kiosk questionnaire goals measures              # the measures a goal may be about
    kiosk questionnaire goals add --measure option:D_SCHOOL_APP=sometimes+often \\
        --start 30 --target 60 --due 06/2028
    kiosk questionnaire goals remove --id ID
    kiosk export trends --format csv --out evolution.csv

The trends are their own export (not a sheet of ``export responses``): that export is one
row per response, made k-anonymous and cut to whole batches; the trends are one row per
measure and one column per school year, figures already suppressed per year — two different
tables, and a CSV file holds one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.services import Services


def register(commands: Commands) -> None:
    group = commands.group("questionnaire", help="printed sheets of the questionnaire")
    parser = group.add(
        "goals",
        goals,
        help="the school's goals (SMART) on the questionnaire's figures: list, add, remove",
        description=(
            "Without ACTION (or with 'list'): each goal and where the school stands this year "
            "(value, gap to the target, on track or not). 'measures': the measures a goal may be "
            "about (a statement's or a domain's mean from 1 to 5, a share in % of Part 2). 'add' "
            "records a goal: --measure (its key or only its id: A1, A, no_internet), --start "
            "and --target (a mean from 1 to 5, or a share in %: 30 or 30 %), --due (30/06/2028, "
            "06/2028 or 2028-06-30). 'remove --id ID' removes one."
        ),
    )
    parser.add_argument("action", nargs="?", default="list",
                        choices=("list", "measures", "add", "remove"))
    parser.add_argument("--measure", metavar="KEY")
    parser.add_argument("--start", metavar="VALUE")
    parser.add_argument("--target", metavar="VALUE")
    parser.add_argument("--due", metavar="DATE")
    parser.add_argument("--id", metavar="ID")
    export = commands.group("export", help="export data")
    parser = export.add(
        "trends",
        export_trends,
        help="the questionnaire's figures over every school year, one row per measure",
        description=(
            "One row per measure (each domain's and statement's mean, the Part 2 indicators "
            "and the use of the school's digital space), one column per school year with "
            "responses, oldest first. A figure about fewer than [questionnaire] "
            "min_group_size responses that year is 'pas encore assez de réponses'. CSV for a "
            "French spreadsheet (';', UTF-8 with BOM) or JSON."
        ),
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--out", metavar="FILE", type=Path, required=True)


def goals(args: argparse.Namespace, services: Services) -> int:
    action = args.action
    if action == "measures":
        from kiosk.questionnaire.measures import measures

        for measure in measures(services.questionnaire):
            print(f"{measure.key}\t{measure.label}")
        return 0
    if action == "add":
        return _add(args, services)
    if action == "remove":
        if not args.id:
            raise UsageError("goals remove: give --id ID (see 'kiosk questionnaire goals').")
        if not services.goals.remove(args.id):
            print(f"Aucun objectif « {args.id} » : rien n'est retiré.")
            return 1
        print(f"Objectif {args.id} retiré.")
        record_done(services, "objectif", f"Objectif {args.id} retiré")
        return 0
    return _list(services)


def _list(services: Services) -> int:
    from kiosk.questionnaire.goals import standing

    found = services.goals.all()
    if not found:
        print("Aucun objectif. Ajoutez-en un : kiosk questionnaire goals add --measure … "
              "--start … --target … --due …")
        return 0
    results = services.results.school_results(with_previous=False)
    for s in standing(found, services.questionnaire, results, services.today()):
        print(f"[{s.goal.id}] {s.line()}")
    return 0


def _add(args: argparse.Namespace, services: Services) -> int:
    from kiosk.questionnaire.goals import GoalRefused, parse_goal

    missing = [f"--{n}" for n in ("measure", "start", "target", "due") if not getattr(args, n)]
    if missing:
        raise UsageError(f"goals add: missing {', '.join(missing)}.")
    try:
        goal = parse_goal(services.questionnaire, measure=args.measure, start=args.start,
                          target=args.target, due=args.due, today=services.today())
        services.goals.add(goal)
    except GoalRefused as exc:
        print(f"Objectif refusé : {exc}")
        return 1
    print(f"Objectif {goal.id} enregistré.")
    record_done(services, "objectif", f"Objectif {goal.id} ajouté ({goal.measure})")
    return 0


def export_trends(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.spreadsheet import csv_text
    from kiosk.core.store import write_atomically
    from kiosk.questionnaire.trends import trend_table, trends, year_results

    out = Path(args.out)
    if out.is_dir():
        raise UsageError(f"--out {out}: this is a folder; give a file name.")
    years = year_results(services.results)
    columns, rows = trend_table(trends(services.questionnaire, years))
    if args.format == "csv":
        payload = csv_text(columns, rows)  # ';', BOM, no cell a spreadsheet could run
    else:
        payload = json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False,
                             indent=1) + "\n"
    write_atomically(out, payload.encode("utf-8"))
    print(f"Évolution sur {len(years)} année{'s' if len(years) > 1 else ''} scolaire"
          f"{'s' if len(years) > 1 else ''} exportée dans {out}")
    record_done(services, "export", f"Évolution du questionnaire ({args.format}) → {out}")
    return 0
