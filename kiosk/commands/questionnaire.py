"""Questionnaire subcommands: ``kiosk export responses`` and ``kiosk report``.

    kiosk export responses --format csv --out reponses.csv   # for a spreadsheet (; and BOM)
    kiosk export responses --format json --out reponses.json
    kiosk report --out rapport/        # HTML for the school council: to print and to project

The goals and the trends' export are in :mod:`kiosk.commands.council`.

Both read the responses of the current school year (``--year 2025-2026`` for another) and
write an entry in the staff audit log.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.services import Services

_YEAR_RE = re.compile(r"\d{4}-\d{4}")


def register(commands: Commands) -> None:
    from kiosk.commands import council, paper

    paper.register(commands)
    council.register(commands)
    export = commands.group("export", help="export data")
    parser = export.add(
        "responses",
        export_responses,
        help="the questionnaire's anonymous responses, one row per submission",
        description=(
            "Export the questionnaire's anonymous responses, one row per submission and one "
            "column per item id (A1, A2…, D_DEVICES…). CSV is for a French spreadsheet: "
            "separator ';', UTF-8 with BOM. JSON holds the same rows. Nothing can single a "
            "parent out: the ISO week only, rows in random order, and any language, week, "
            "version or 'about you' answer (or combination of them) held by fewer than "
            "[questionnaire] min_group_size rows becomes 'autre'; with fewer responses than "
            "that in all, no row. Responses come out in whole batches of min_group_size, in "
            "the order they came, so that two exports never differ by one response."
        ),
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--out", metavar="FILE", type=Path, required=True)
    parser.add_argument("--year", metavar="YYYY-YYYY", help="school year (default: current)")
    parser = commands.add(
        "report",
        report,
        help="write the questionnaire's results as an HTML report for the school council",
        description=(
            "Write rapport-questionnaire.html (to print on A4), rapport-projection.html (for "
            "a screen: one figure a slide, arrow keys or space to go on) — both self-contained, "
            "charts embedded — and the charts as SVG files in DIR/graphiques/. French, dated: "
            "the points to discuss, the school's goals and where it stands, the figures, the "
            "trends over every school year. No figure about fewer than [questionnaire] "
            "min_group_size responses is shown. The staff results screen writes it too."
        ),
    )
    parser.add_argument("--out", metavar="DIR", type=Path, required=True)
    parser.add_argument("--year", metavar="YYYY-YYYY", help="school year (default: current)")


def _year(args: argparse.Namespace, services: Services) -> str:
    year = args.year or services.store.year
    if not _YEAR_RE.fullmatch(year):
        raise UsageError(f"--year {year!r}: expected a school year such as 2025-2026.")
    return str(year)


def csv_text(columns: list[str], rows: list[dict[str, object]]) -> str:
    """CSV for a French spreadsheet (:mod:`kiosk.core.spreadsheet`: ';' separator, BOM, CRLF line
    ends, no cell a spreadsheet could run as a formula)."""
    from kiosk.core import spreadsheet

    return spreadsheet.csv_text(columns, ([row.get(c, "") for c in columns] for row in rows))


def export_responses(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.store import write_atomically
    from kiosk.questionnaire.export import export_table

    year = _year(args, services)
    responses = services.responses.responses(year)
    from kiosk.questionnaire.suppression import released

    min_group = services.config.questionnaire.min_group_size
    columns, rows = export_table(services.questionnaire, released(responses, min_group),
                                 min_group=min_group)
    out = Path(args.out)
    if out.is_dir():
        raise UsageError(f"--out {out}: this is a folder; give a file name.")
    if args.format == "csv":
        payload = csv_text(columns, rows).encode("utf-8")
    else:
        document = {
            "school_year": year,
            "questionnaire_version": services.questionnaire.version,
            "columns": columns,
            "responses": rows,
        }
        payload = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    write_atomically(out, payload)
    if responses and not rows:
        print(f"{len(responses)} réponses : pas encore assez de réponses pour les exporter "
              f"(il en faut au moins {min_group}) ; {out} ne contient que les en-têtes.")
    else:
        print(f"{len(rows)} réponses exportées dans {out}"
              + (f" (sur {len(responses)} : les réponses sortent par paquets de {min_group}, "
                 "pour qu'une réponse nouvelle ne se voie pas)" if len(rows) < len(responses)
                 else ""))
    record_done(services, "export",
                f"Réponses au questionnaire {year} ({args.format}, {len(rows)} réponses) → {out}")
    return 0


def _workshop_lines(services: Services, year: str) -> list[str]:
    """This year's workshop attendance for the report (none for another year's report)."""
    from kiosk.booking.attendance import attendance_lines

    if year != services.store.year:
        return []
    min_group = services.config.questionnaire.min_group_size
    return attendance_lines(services.booking.workshops.figures(min_group=min_group))


def report(args: argparse.Namespace, services: Services) -> int:
    from kiosk.questionnaire.council import write_council_report

    year = _year(args, services)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: this is a file; give a folder.")
    try:
        path, results = write_council_report(
            services.results, services.goals.all(), out, school=services.config.school.name,
            now=services.now(), year=year, workshops=_workshop_lines(services, year))
    except OSError as exc:
        print(f"Rapport non écrit : impossible d'écrire dans {out} ({exc.strerror or exc}).")
        return 1
    counted = (f", chiffres sur les {results.responses} premières"
               if results.total > results.responses else "")
    print(f"Rapport écrit : {path} et sa version pour projeter ({results.total} réponses"
          f"{counted})")
    from kiosk.questionnaire.paper import channel_text

    print(channel_text(services.responses.channel_counts(year),
                       services.config.questionnaire.min_group_size))
    record_done(services, "export", f"Rapport du questionnaire {year} → {path}")
    return 0
