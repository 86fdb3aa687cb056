"""The report for the school council, put together: this year's results, every earlier year's
(trends), the school's goals and the kiosk/paper split — for ``kiosk report`` and the staff
results screen alike (:func:`council_report`), and the folders it may be written to
(:func:`report_targets`: the data folder's ``reports/`` and the removable drives mounted under
``/media`` and ``/run/media``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.questionnaire.goals import SchoolGoal, standing
from kiosk.questionnaire.paper import channel_text
from kiosk.questionnaire.report import ReportExtras, write_report
from kiosk.questionnaire.responses import CHANNELS, Response
from kiosk.questionnaire.results import Results, ResultsReader
from kiosk.questionnaire.trends import trends, year_responses

#: Where removable drives are mounted (udisks: /media/USER/LABEL or /run/media/USER/LABEL).
MOUNT_ROOTS = (Path("/media"), Path("/run/media"))
REPORTS_FOLDER = "reports"


def council_report(reader: ResultsReader, goals: Sequence[SchoolGoal], today: dt.date,
                   year: str | None = None, *, workshops: Sequence[str] = ()
                   ) -> tuple[Results, ReportExtras]:
    """This year's results (beside the previous year's) and the report's extras (with the
    `workshops` attendance lines, when given)."""
    results, extras = council_report_of(reader, year_responses(reader, year), goals, today)
    return results, replace(extras, workshops=tuple(workshops))


def council_report_of(reader: ResultsReader, read: Sequence[tuple[str, Sequence[Response]]],
                      goals: Sequence[SchoolGoal], today: dt.date
                      ) -> tuple[Results, ReportExtras]:
    """The same from every year's responses already read (oldest year first, this one last)."""
    years = [reader.results_of(responses, each) for each, responses in read]
    results = years[-1]
    if len(years) > 1:
        results = Results(**{**results.__dict__, "previous": years[-2]})
    counts = dict.fromkeys(CHANNELS, 0)
    for response in read[-1][1]:
        counts[response.channel] += 1
    extras = ReportExtras(
        goals=tuple(standing(goals, reader.questionnaire, results, today)),
        trends=tuple(trends(reader.questionnaire, years)),
        channels=channel_text(counts, reader.min_group),
    )
    return results, extras


def write_council_report(reader: ResultsReader, goals: Sequence[SchoolGoal], out_dir: Path, *,
                         school: str, now: dt.datetime, year: str | None = None,
                         workshops: Sequence[str] = ()) -> tuple[Path, Results]:
    """Write both versions of the report into `out_dir` (OSError when it cannot)."""
    results, extras = council_report(reader, goals, now.date(), year, workshops=workshops)
    path = write_report(results, out_dir, school=school, generated=now, extras=extras)
    return path, results


@dataclass(frozen=True)
class Target:
    """A folder the report may be written to."""

    path: Path
    label: str
    writable: bool


def report_targets(data_dir: Path, roots: Sequence[Path] | None = None,
                   is_mount: Callable[[Path], bool] = os.path.ismount) -> list[Target]:
    """The data folder's ``reports/`` first, then each mounted removable drive."""
    own = data_dir / REPORTS_FOLDER
    existing = next((p for p in (own, *own.parents) if p.exists()), own)
    found = [Target(own, "Dossier du kiosque (reports/)", _writable(existing))]
    for drive in _drives(MOUNT_ROOTS if roots is None else roots, is_mount):
        found.append(Target(drive, f"Clé USB « {drive.name} »", _writable(drive)))
    return found


def report_folder(target: Path, year: str) -> Path:
    """Where on a target the report of a school year goes (a stick stays tidy)."""
    return target / f"rapport-questionnaire-{year}"


def no_target_text(targets: Sequence[Target]) -> str | None:
    """The staff's message when no folder can be written (None when one can)."""
    if any(t.writable for t in targets):
        return None
    return ("Aucun dossier où écrire le rapport : le dossier du kiosque est en lecture seule et "
            "aucune clé USB n'est branchée (ou elle est protégée en écriture). Branchez une clé, "
            "puis « Chercher les clés USB ».")


def _drives(roots: Sequence[Path], is_mount: Callable[[Path], bool]) -> list[Path]:
    """/media/LABEL, /media/USER/LABEL, /run/media/USER/LABEL: the mount points found."""
    found: list[Path] = []
    for root in roots:
        try:
            children = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:
            continue
        for child in children:
            if is_mount(child):
                found.append(child)
                continue
            try:
                found += sorted(p for p in child.iterdir() if p.is_dir() and is_mount(p))
            except OSError:
                continue
    return found


def _writable(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)
