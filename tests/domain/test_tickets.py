"""What tickets say: the French part entirely French, times on the 24-hour clock in every
language, the child's class, samples of every kind, and `kiosk print-test --kind`."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kiosk.cli import DEMO_CONFIG
from kiosk.core.display import text_width
from kiosk.services import Services
from kiosk.tickets import SAMPLE_KINDS, sample_ticket
from tests.support import Clock, build_services

#: A 12-hour time as Babel writes it in some locales ("5:00 م", "5:00 m.d.", "5:00 PM").
TWELVE_HOUR = re.compile(r"\b\d{1,2}:\d{2}[ \u00a0\u202f]*(?:م|ص|m\.d\.|p\.d\.|PM|AM|ق\.ظ|ب\.ظ)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Services:
    return build_services(tmp_path_factory.mktemp("tickets") / "data", Clock(), demo=True)


def test_times_are_on_the_24_hour_clock_in_every_language(demo: Services) -> None:
    evening = dt.datetime(2026, 11, 26, 17, 5)
    for language in demo.i18n.languages:
        tr = demo.i18n.translator(language.code)
        assert tr.time(evening) == "17:05", language.code
        assert tr.time(dt.time(9, 0)) == "09:00"
        for kind in ("booking", "workshop", "questionnaire"):
            ticket = sample_ticket(demo.ticket_context, kind, language.code)
            text = "\n".join(ticket.texts())
            assert "17:00" in text and not TWELVE_HOUR.search(text), (language.code, kind)


def test_the_french_part_is_entirely_french(demo: Services) -> None:
    french = {kind: [line.text for line in sample_ticket(demo.ticket_context, kind, "fr").lines]
              for kind in ("booking", "workshop", "waitlist")}
    for language in demo.i18n.languages:
        if language.code == "fr":
            continue
        for kind, expected in french.items():
            ticket = sample_ticket(demo.ticket_context, kind, language.code)
            assert ticket.french_heading == "En français :"
            recap = [line.text for line in ticket.french[1:]]
            # The parent's ticket in French, line for line (without the "keep this" note).
            assert recap == [t for t in expected if not t.startswith("Gardez")], (
                language.code, kind)
    booking = sample_ticket(demo.ticket_context, "booking", "ar")
    recap = [line.text for line in booking.french]
    assert "Avec : M. Petit (Enseignant ou enseignante)" in recap
    assert "Pour l'enfant : Léa (CE1)" in recap


def test_every_sample_kind_is_a_ticket_and_a_waiting_place_has_no_code(demo: Services) -> None:
    seen = {kind: sample_ticket(demo.ticket_context, kind, "uk") for kind in SAMPLE_KINDS}
    assert {t.kind for t in seen.values()} >= {"appointment", "workshop", "questionnaire",
                                                "announcement", "printer_test"}
    assert seen["waitlist"].qr is None and seen["workshop"].qr is not None
    assert seen["move"].qr != seen["booking"].qr  # the new time in the code
    assert seen["booking"].qr is not None and seen["booking"].qr.startswith("BEGIN:VEVENT")
    with pytest.raises(ValueError, match="unknown ticket kind"):
        sample_ticket(demo.ticket_context, "receipt", "fr")


@pytest.mark.parametrize(("kind", "lang", "width", "expected"), [
    ("booking", "ar", 58, "K7M2QX"),
    ("waitlist", "zh", 80, "W3X9PD"),
    ("questionnaire", "fa", 58, "Questionnaire rempli"),
])
def test_print_test_prints_a_sample_of_any_kind_in_any_language(
    tmp_path, capsys: pytest.CaptureFixture[str], kind: str, lang: str, width: int,
    expected: str,
) -> None:
    from kiosk.cli import main

    data = tmp_path / "data"
    args = ["print-test", "--kind", kind, "--lang", lang, "--paper-width", str(width),
            "--config", str(DEMO_CONFIG), "--data-dir", str(data)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Aperçu" in out
    text = (data / "tickets" / "ticket-000001.txt").read_text("utf-8")
    assert expected in text
    printed = text.split("[QR]")[0].splitlines()  # the code's payload is not wrapped
    assert max(text_width(line) for line in printed) <= (32 if width == 58 else 48)
    from PIL import Image

    with Image.open(data / "tickets" / "ticket-000001.png") as image:
        assert image.width == (384 if width == 58 else 576)


def test_print_test_refuses_an_unknown_kind_or_language(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main

    base = ["print-test", "--config", str(DEMO_CONFIG), "--data-dir", str(tmp_path / "d")]
    assert main([*base, "--lang", "xx"]) == 2
    assert "not an enabled language" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*base, "--kind", "receipt"])
    with pytest.raises(SystemExit):
        main([*base, "--paper-width", "70"])


@pytest.mark.parametrize("lang", ["ar", "fa", "zh", "ro"])
def test_lines_drawn_as_images_print_as_large_as_the_french_text_on_58_mm(
    demo: Services, lang: str
) -> None:
    """The printer's font A draws capitals about 17 dots high (12×24 cells) on 58 and 80 mm
    alike; a line drawn as an image must be no smaller, and wrap on the real width."""
    from kiosk.core.display import has_rtl
    from kiosk.printing.fonts import FontSet
    from kiosk.printing.paper import paper_for
    from kiosk.printing.raster import MARGIN, Painter, render_preview

    paper = paper_for(58)
    painter = Painter(paper, FontSet())
    sample = {"ar": "ب", "fa": "ب", "zh": "中", "ro": "Ș"}[lang]
    for style, least in (("normal", 17), ("bold", 17), ("big", 34), ("small", 12)):
        [(_, font)] = painter.runs(sample, style)
        left, top, right, bottom = font.getbbox(sample)
        assert max(bottom - top, right - left) >= least, (style, bottom - top)
    ticket = sample_ticket(demo.ticket_context, "booking", lang)
    raster = render_preview(ticket, paper, painter.fonts)
    usable = paper.pixels - 2 * MARGIN
    widths = [b.box[2] - b.box[0] for b in raster.boxes
              if has_rtl(b.text) or any(ord(c) > 0x2E80 for c in b.text)]
    if lang != "ro":
        assert max(widths) >= 0.8 * usable  # a long line fills the roll, not 60 % of it
