"""The report for the school council, printed: headless Chromium prints the A4 version to PDF,
``pdftoppm`` turns its pages to PNG and ``pdftotext`` reads them back (see
tests/staff/test_paper_sheets.py for the tools)."""

from __future__ import annotations

import datetime as dt
import subprocess
from itertools import pairwise
from pathlib import Path

from kiosk.demo.questionnaire import demo_documents
from kiosk.questionnaire.council import write_council_report
from kiosk.questionnaire.goals import parse_goal
from kiosk.questionnaire.measures import SCHOOL_SPACE
from kiosk.services import Services
from tests.staff.test_paper_sheets import ink, print_to_pdf, words
from tests.support.system import require_program


def _history(services: Services) -> None:
    """120 responses this year, 120 in each of the two years before, 3 the year before those."""
    q = services.questionnaire
    services.responses.add_many(demo_documents(q, 120, 5, dt.date(2026, 11, 20)))
    for back, count in ((1, 120), (2, 120), (3, 3)):
        year = f"{2026 - back}-{2027 - back}"
        services.responses.add_many(
            demo_documents(q, count, 5 + back, dt.date(2026 - back, 11, 20), mood=-0.2 * back),
            year=year)
    services.goals.add(parse_goal(q, measure=SCHOOL_SPACE, start="30", target="60",
                                  due="06/2028", today=services.today()))


def _page_size(pdf: Path) -> str:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return next(line for line in out.stdout.splitlines() if line.startswith("Page size"))


def test_the_report_prints_on_a4_without_cut_charts(services: Services, tmp_path: Path) -> None:
    require_program("pdftoppm", "poppler-utils")
    _history(services)
    page, _results = write_council_report(services.results, services.goals.all(),
                                          tmp_path / "r", school="École des Tilleuls",
                                          now=services.now())
    pdf = tmp_path / "rapport.pdf"
    print_to_pdf(page, pdf)
    assert "594.96 x 841.92 pts (A4)" in _page_size(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert 6 <= len(pngs) <= 30, f"{len(pngs)} pages"
    for png in pngs:
        assert ink(png) > 0.01, f"{png.name} is blank"
    first = " ".join(w for _, w in words(pdf, 1))
    assert "discuter" in first and "objectifs" in first and "60" in first
    # Each part on a new page: "L'école et le numérique" heads a page, and so do the trends.
    heads = {n: " ".join(w for _, w in words(pdf, n))[:60] for n in range(1, len(pngs) + 1)}
    assert any(text.startswith("L’école et le numérique") for text in heads.values()), heads
    trends = [n for n, text in heads.items() if text.startswith("Évolution")]
    assert trends, heads
    # No chart cut between two pages: every small trend chart's title and its note (the
    # line at its foot) are on the same page, as many titles as notes on each page.
    for n in range(trends[0], len(pngs) + 1):
        text = [w for _, w in words(pdf, n)]
        notes = sum(1 for a, b in pairwise(text) if (a, b) == ("n", ":"))
        years = text.count("2026-2027")
        assert notes == years, f"page {n}: {notes} notes for {years} charts"


def test_the_projection_shows_one_slide_at_a_time(services: Services, tmp_path: Path) -> None:
    """Printed, the projection gives a page a slide (no slide cut), big type."""
    _history(services)
    write_council_report(services.results, services.goals.all(), tmp_path / "r",
                         school="École des Tilleuls", now=services.now())
    slides = tmp_path / "r" / "rapport-projection.html"
    html = slides.read_text("utf-8")
    count = html.count('<section class="slide"')
    pdf = tmp_path / "projection.pdf"
    print_to_pdf(slides, pdf)
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(next(line for line in out.stdout.splitlines()
                     if line.startswith("Pages")).split()[-1])
    assert pages == count
