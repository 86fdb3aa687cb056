"""``kiosk guides print``: a guide's A4 sheet, printed to PDF by headless Chromium (as the paper
questionnaire is, :mod:`tests.staff.test_paper_sheets`), one left to right and one right to
left: one page each, with ink, the steps in the sheet's language on the reading side, and a
QR code that decodes to the guide's page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.guides.model import EDUCONNECT_URL
from tests.staff.test_paper_sheets import ink, print_to_pdf, run, words
from tests.support.system import require_program


@pytest.mark.parametrize("lang", ["fr", "fa"])
def test_a_guide_sheet_prints_on_one_a4_page(tmp_path: Path, lang: str) -> None:
    require_program("pdftoppm", "poppler-utils")
    out = tmp_path / "sheets"
    assert run(tmp_path / "data", "guides", "print", "--lang", lang, "--out", str(out),
               "--guide", "educonnect") == 0
    [page] = list(out.glob("*.html"))
    assert page.name == f"guide-educonnect-{lang}.html"
    html = page.read_text("utf-8")
    assert f'dir="{"rtl" if lang == "fa" else "ltr"}"' in html and "@page{size:A4" in html
    assert "<script" not in html and "<link" not in html and "<img" not in html
    pdf = tmp_path / f"guide-{lang}.pdf"
    print_to_pdf(page, pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / lang)], check=True)
    pngs = sorted(tmp_path.glob(f"{lang}-*.png"))
    assert len(pngs) == 1, f"{len(pngs)} pages"
    assert ink(pngs[0]) > 0.02
    with Image.open(pngs[0]) as image:
        codes = zxingcpp.read_barcodes(image.convert("L"))
    assert [code.text for code in codes] == [EDUCONNECT_URL]
    found = words(pdf, 1)
    text = " ".join(w for _, w in found)
    assert "Tilleuls" in text and "EduConnect" in text
    school_left = min(x for x, w in found if w == "Tilleuls")
    if lang == "fa":
        assert school_left > 297, "the school's name should sit on the right (RTL page)"
        assert sum(1 for ch in text if "\u0600" <= ch <= "\u06ff") > 150
        assert "Représentant" in text  # the steps in French below, for the staff
    else:
        assert school_left < 297
        assert "Représentant" in text and "français" not in text
