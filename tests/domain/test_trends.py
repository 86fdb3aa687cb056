"""Trends over every school year (suppression per year), ``kiosk export trends``, and the
report's two versions: the printable page and the projection, both self-contained."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest

from kiosk.questionnaire.measures import SCHOOL_SPACE
from kiosk.questionnaire.suppression import NOT_ENOUGH
from kiosk.questionnaire.trends import trends, year_results
from kiosk.services import Services
from tests.domain.test_results import run_cli

#: School years with responses: 10, 3 (too few to show anything), 0, 10, and this year 10.
YEARS = {"2022-2023": 10, "2023-2024": 3, "2025-2026": 10, "2026-2027": 10}


def _docs(count: int, a1: int) -> list[dict[str, Any]]:
    return [{"answers": {"A1": a1, "A2": 3, "D_SCHOOL_APP": "often" if i < count // 2 else "never",
                         "D_INTERNET": "box"},
             "language": "fr", "hour": "2026-11-16T09", "version": 1} for i in range(count)]


@pytest.fixture
def years(services: Services) -> Services:
    for i, (year, count) in enumerate(YEARS.items()):
        services.responses.add_many(_docs(count, 2 + i), year=year)
    return services


def test_trends_cover_every_past_year_and_suppress_per_year(years: Services) -> None:
    found = year_results(years.results)
    assert [r.year for r in found] == ["2022-2023", "2023-2024", "2025-2026", "2026-2027"]
    by_key = {t.measure.key: t for t in trends(years.questionnaire, found)}
    a1 = [p.value for p in by_key["statement:A1"].points]
    assert a1 == [2.0, None, 4.0, 5.0]  # 3 responses in 2023-2024: no figure
    assert [p.value for p in by_key[SCHOOL_SPACE].points] == [0.5, None, 0.5, 0.5]
    assert by_key["domain:A"].points[1].value is None
    for key in ("indicator:no_internet", "indicator:no_computer", "indicator:not_at_ease"):
        assert key in by_key


def test_export_trends_is_a_table_per_measure_and_year(years: Services, tmp_path: Path) -> None:
    out = tmp_path / "evolution.csv"
    status, said, _ = run_cli(years, "export", "trends", "--format", "csv", "--out", str(out))
    assert status == 0 and "4 années scolaires" in said
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["indicateur", "libellé", "échelle", *YEARS]
    a1 = next(r for r in rows if r[0] == "statement:A1")
    assert a1[3:] == ["2,0", NOT_ENOUGH, "4,0", "5,0"]
    space = next(r for r in rows if r[0] == SCHOOL_SPACE)
    assert space[3:] == ["50", NOT_ENOUGH, "50", "50"]
    assert [a.action for a in years.audit.entries()] == ["export"]


class _Page:
    def __init__(self, html: str) -> None:
        self.html = html

    def external(self) -> list[str]:
        return re.findall(r'(?:src|href)="([^"]+)"', self.html) + re.findall(r"url\(", self.html)


def test_the_report_has_goals_trends_and_both_versions(years: Services, tmp_path: Path) -> None:
    status, _, _ = run_cli(years, "questionnaire", "goals", "add", "--measure", SCHOOL_SPACE,
                           "--start", "30", "--target", "60", "--due", "06/2028")
    assert status == 0
    status, said, _ = run_cli(years, "report", "--out", str(tmp_path / "r"))
    assert status == 0 and "version pour projeter" in said
    page = (tmp_path / "r" / "rapport-questionnaire.html").read_text("utf-8")
    assert _Page(page).external() == [] and "<script" not in page
    assert "@page{size:A4" in page and "break-inside:avoid" in page
    assert 'id="objectifs"' in page and "de 30 % à 60 % d&#x27;ici le 30/06/2028" in page
    assert "cette année" not in page or "50 %" in page
    assert "Réponses reçues : 10 au kiosque, 0 sur papier." in page
    trend_figures = re.findall(r'<figure id="(evolution-\d+)"', page)
    assert len(trend_figures) >= 5 and "A1. Dans l’école de mon enfant" in page
    # The year with 3 responses has no point on any chart, only "—".
    for chart in (tmp_path / "r" / "graphiques").glob("evolution-*.svg"):
        svg = chart.read_text("utf-8")
        assert svg.count("<circle") == 3 and "n = 3" in svg and NOT_ENOUGH in svg
    slides = (tmp_path / "r" / "rapport-projection.html").read_text("utf-8")
    assert _Page(slides).external() == [] and "ArrowRight" in slides and "' '" in slides
    sections = re.findall(r'<section class="slide"[^>]*>(.*?)</section>', slides, re.S)
    assert len(sections) >= 20
    assert all(s.count("<figure") <= 1 for s in sections)  # one figure a slide
    assert any("Objectif 1" in s for s in sections)


def test_a_year_with_too_few_responses_gives_no_figure_in_the_report(
    services: Services, tmp_path: Path,
) -> None:
    services.responses.add_many(_docs(3, 4))
    status, _, _ = run_cli(services, "report", "--out", str(tmp_path / "r"))
    assert status == 0
    page = (tmp_path / "r" / "rapport-questionnaire.html").read_text("utf-8")
    assert 'id="withheld"' in page and "<figure" not in page
    slides = (tmp_path / "r" / "rapport-projection.html").read_text("utf-8")
    assert "<figure" not in slides and NOT_ENOUGH in slides


def test_the_report_goes_to_the_kiosk_folder_and_mounted_drives(tmp_path: Path) -> None:
    from kiosk.questionnaire.council import no_target_text, report_targets

    media = tmp_path / "media"
    (media / "marie" / "CLE-CONSEIL").mkdir(parents=True)
    (media / "marie" / "not-mounted").mkdir()
    (tmp_path / "run" / "empty").mkdir(parents=True)
    drives = {media / "marie" / "CLE-CONSEIL"}
    found = report_targets(tmp_path / "data", [media, tmp_path / "run", tmp_path / "nothing"],
                           is_mount=lambda p: p in drives)
    assert [t.path for t in found] == [tmp_path / "data" / "reports",
                                       media / "marie" / "CLE-CONSEIL"]
    assert found[1].label == "Clé USB « CLE-CONSEIL »" and all(t.writable for t in found)
    assert no_target_text(found) is None
    from kiosk.questionnaire.council import Target

    said = no_target_text([Target(tmp_path, "x", False)])
    assert said is not None and "Aucun dossier où écrire le rapport" in said


def test_the_report_is_written_in_well_under_a_second_per_year(years: Services,
                                                               tmp_path: Path) -> None:
    from kiosk.questionnaire.council import write_council_report

    path, results = write_council_report(years.results, [], tmp_path / "r", school="École",
                                         now=dt.datetime(2026, 11, 23, 10))
    assert path.exists() and results.previous is not None
    assert results.previous.year == "2025-2026"
