"""``kiosk questionnaire paper`` and ``kiosk questionnaire codes``: the sheets, printed.

The paper questionnaire is printed to PDF by headless Chromium (Debian package ``chromium``,
``make debs``), its pages turned to PNG by ``pdftoppm`` and read back by ``pdftotext``
(``poppler-utils``): one language left to right, one right to left.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import DEMO_CONFIG, main
from kiosk.questionnaire.family_codes import code_hash
from kiosk.questionnaire.loading import load
from tests.support.system import require_program

SCHOOL = "École élémentaire des Tilleuls"


def run(data: Path, *argv: str) -> int:
    return main([*argv, "--config", str(DEMO_CONFIG), "--data-dir", str(data)])


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    require_program("chromium", "chromium")
    raise AssertionError("unreachable")


def print_to_pdf(page: Path, pdf: Path) -> None:
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={pdf.parent / 'chromium-profile'}",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )


def words(pdf: Path, page: int) -> list[tuple[float, str]]:
    """(left edge, word) of every word of a page, from ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    return [(float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', out)]


def ink(png: Path) -> float:
    """The share of a page's pixels that are not white."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        dark = sum(count for value, count in enumerate(grey.histogram()) if value < 200)
        return dark / (grey.width * grey.height)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_paper_questionnaire_prints_on_a4(tmp_path: Path, lang: str) -> None:
    require_program("pdftoppm", "poppler-utils")
    page = tmp_path / f"questionnaire-{lang}.html"
    assert run(tmp_path / "data", "questionnaire", "paper", "--lang", lang, "--out", str(page)) == 0
    html = page.read_text("utf-8")
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html and "@page{size:A4" in html
    assert "<script" not in html and "http" not in html.split("<body>")[1]  # self-contained
    pdf = tmp_path / f"questionnaire-{lang}.pdf"
    print_to_pdf(page, pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / lang)], check=True)
    pngs = sorted(tmp_path.glob(f"{lang}-*.png"))
    assert 2 <= len(pngs) <= 6, f"{len(pngs)} pages"
    for png in pngs:
        assert ink(png) > 0.02, f"{png.name} is blank"
    first = words(pdf, 1)
    text = " ".join(w for _, w in first)
    assert "École" in text and "Tilleuls" in text and lang in text.split()
    school_left = min(x for x, w in first if w == "Tilleuls")
    if lang == "ar":
        assert school_left > 297, "the school's name should sit on the right (RTL page)"
        assert sum(1 for ch in text if "\u0600" <= ch <= "\u06ff") > 300
    else:
        assert school_left < 297
        assert "Cochez une seule case par ligne." in text
    every = " ".join(w for n in range(1, len(pngs) + 1) for _, w in words(pdf, n))
    if lang == "fr":  # Part 2 is printed too, with its choices
        questionnaire = load()
        devices = questionnaire.item("D_DEVICES")
        assert devices is not None and "Plusieurs réponses possibles." in every
        assert devices.options[0].text.split()[0] in every


def test_paper_and_codes_refuse_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    data = tmp_path / "data"
    assert run(data, "questionnaire", "paper", "--lang", "xx", "--out",
               str(tmp_path / "q.html")) == 2
    assert "expected one of the kiosk's languages" in capsys.readouterr().err
    assert run(data, "questionnaire", "paper", "--lang", "fr", "--out", str(tmp_path)) == 2
    assert run(data, "questionnaire", "codes", "--count", "0", "--out",
               str(tmp_path / "c.html")) == 2
    assert run(data, "questionnaire", "codes", "--count", "3", "--out",
               str(tmp_path / "missing" / "c.html")) == 2
    assert not list(tmp_path.glob("*.html"))


def test_codes_sheet_holds_each_code_once_with_a_qr(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = tmp_path / "codes.html"
    assert run(data, "questionnaire", "codes", "--count", "10", "--out", str(out)) == 0
    html = out.read_text("utf-8")
    printed = re.findall(r'<div class="code">([A-Z0-9]{4}) ([A-Z0-9]{4})</div>', html)
    assert len(printed) == 10 and html.count("<svg") == 10
    (codes_file,) = data.glob("*/family_codes.json")  # the school year the command ran in
    stored = json.loads(codes_file.read_text("utf-8"))
    assert len(stored["issued"]) == 10
    for first, second in printed:
        assert first + second not in codes_file.read_text("utf-8")
        assert {"hash": code_hash(first + second)} in stored["issued"].values()


def test_an_address_too_long_for_a_qr_code_is_printed_without_one() -> None:
    from kiosk.core.i18n import I18n
    from kiosk.questionnaire.paper import code_slips

    tr = I18n(["fr"]).translator("fr")
    long_url = "https://example.org/" + "k" * 400
    html = code_slips(["ABCD2345"], tr, "École", long_url)
    assert "<svg" not in html and long_url in html and "ABCD 2345" in html
    assert "<svg" in code_slips(["ABCD2345"], tr, "École", "https://example.org/kiosque/")
