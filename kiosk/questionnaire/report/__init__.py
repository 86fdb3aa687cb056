"""The results report for the school council: a printable page and a projection, charts as SVG.

:func:`write_report` writes into a folder (or a USB stick):

* ``rapport-questionnaire.html`` — the printable A4 version (:mod:`.html`: print styles);
* ``rapport-projection.html`` — the projection version (:mod:`.projection`: big type, one
  figure a slide, arrow keys or space to go on);
* the charts as separate ``.svg`` files in ``graphiques/``.

Both pages are self-contained (every chart inline, no external file, script or font): they
open from a USB stick on the council room's computer. The report is in French, dated, and
every chart says on how many responses it rests. It opens with the "à discuter" list
(:mod:`kiosk.questionnaire.priorities`) and the school's goals (:mod:`kiosk.questionnaire.goals`)
and ends with the trends over every school year (:mod:`kiosk.questionnaire.trends`). No figure
about fewer than ``[questionnaire] min_group_size`` responses is drawn or written: "pas encore
assez de réponses" instead (:mod:`kiosk.questionnaire.suppression` decides, in
:mod:`kiosk.questionnaire.results`; per year for the trends). The charts are in :mod:`.charts`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.core.store import write_atomically
from kiosk.questionnaire.report.charts import Chart, bar_chart, charts, trend_chart, trend_charts
from kiosk.questionnaire.report.html import render_html
from kiosk.questionnaire.report.model import ReportExtras
from kiosk.questionnaire.report.projection import render_projection
from kiosk.questionnaire.results import Results

__all__ = ["CHARTS_FOLDER", "PROJECTION_NAME", "REPORT_NAME", "Chart", "ReportExtras",
           "bar_chart", "charts", "render_html", "render_projection", "trend_chart",
           "write_report"]

REPORT_NAME = "rapport-questionnaire.html"
PROJECTION_NAME = "rapport-projection.html"
CHARTS_FOLDER = "graphiques"


def write_report(results: Results, out_dir: Path, *, school: str, generated: dt.datetime,
                 extras: ReportExtras | None = None) -> Path:
    """Write both pages and the charts' SVG files into `out_dir`; return the printable page.

    Raises OSError when the folder cannot be written (a full or read-only stick)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = out_dir / CHARTS_FOLDER
    folder.mkdir(exist_ok=True)
    every = [] if results.withheld else charts(results)
    every += trend_charts(extras or ReportExtras())
    for chart in every:
        write_atomically(folder / f"{chart.name}.svg",
                         ('<?xml version="1.0" encoding="utf-8"?>\n' + chart.svg).encode())
    write_atomically(out_dir / PROJECTION_NAME,
                     render_projection(results, school=school, generated=generated,
                                       extras=extras).encode())
    html_path = out_dir / REPORT_NAME
    write_atomically(html_path,
                     render_html(results, school=school, generated=generated,
                                 extras=extras).encode())
    return html_path
