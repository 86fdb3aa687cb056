"""The ticket audit: every kind of ticket, in the 12 languages, on 58 and 80 mm paper, rendered
through python-escpos (its Dummy printer) into bytes and read back as a printer would.

For every ticket: each QR code is of version 10 at most and fits the printable width with
its quiet zone; each raster image fits the paper; the stream holds no control byte that came
from the data. For every kind in three languages (a sample, to stay fast): the code on the
PNG preview decodes (zxing-cpp) to the ticket's payload.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache

import pytest
import zxingcpp
from PIL import Image

from kiosk.core.i18n import N_
from kiosk.printing.esc_pos import render_escpos
from kiosk.printing.fonts import FontSet
from kiosk.printing.paper import Paper, paper_for
from kiosk.printing.qr import MAX_VERSION, QUIET_ZONE, qr_spec
from kiosk.printing.raster import png_bytes, render_preview
from kiosk.services import Services
from kiosk.tickets import (
    SAMPLE_KINDS,
    Ticket,
    announcement_ticket,
    appointment_ticket,
    appointments_list_ticket,
    attendance_ticket,
    guide_ticket,
    loan_slip_ticket,
    loan_ticket,
    login_card_ticket,
    meeting_event,
    questionnaire_ticket,
    sample_ticket,
    workshop_ticket,
)
from tests.support import Clock, build_services
from tests.support.escpos import Stream, read_escpos

LANGUAGES = ("fr", "en", "ar", "es", "pt", "tr", "ro", "uk", "ru", "zh", "fa", "sq")
DECODED = ("fr", "ar", "zh")  # every kind's code decoded in these
#: The staff's tickets and the printer test are French whatever the parent's language.
FRENCH_ONLY = ("test", "appointments_list", "attendance")
#: How each width is printed: 80 mm by a printer that draws QR codes itself (TM-T20II),
#: 58 mm by one that gets them as images.
PRINTERS = {80: ("TM-T20II", True), 58: ("", False)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Services:
    return build_services(tmp_path_factory.mktemp("audit") / "data", Clock(), demo=True)


@cache
def _fonts() -> FontSet:
    return FontSet()


def _paper(width: int) -> Paper:
    profile, _ = PRINTERS[width]
    paper = paper_for(width, profile)
    assert paper.pixels == (576 if width == 80 else 384)
    return paper


def _print(ticket: Ticket, width: int) -> Stream:
    profile, native = PRINTERS[width]
    data = render_escpos(ticket, _paper(width), _fonts(), profile, native_qr=native)
    stream = read_escpos(data)  # fails on a byte no command accounts for
    assert stream.commands[0] == b"\x1b@" and stream.commands.count(b"\x1b@") == 1
    assert stream.commands[-1] == b"\x1dV" and stream.commands.count(b"\x1dV") == 1
    return stream


def _check_sizes(ticket: Ticket, stream: Stream, width: int) -> None:
    pixels = _paper(width).pixels
    for raster in stream.rasters:
        assert raster.width <= pixels, (ticket.kind, ticket.language, raster.width)
    if not ticket.qr:
        assert not stream.qrs
        return
    spec = qr_spec(ticket.qr)
    assert spec.version <= MAX_VERSION
    if stream.qrs:  # drawn by the printer: its payload, level and module size
        [code] = stream.qrs
        assert code.payload == ticket.qr
        assert code.level == spec.level
        assert spec.with_quiet_zone * code.module <= pixels
        return
    # Drawn as an image: the band holding the code leaves the quiet zone inside the paper.
    [band] = [r for r in stream.rasters if r.height % spec.with_quiet_zone == 0
              and _square(_dark_box(r))]
    left, _, right, _ = _dark_box(band)
    module = (right - left) // spec.modules
    assert module >= 4 and (right - left) == spec.modules * module
    assert left >= QUIET_ZONE * module and band.width - right >= QUIET_ZONE * module


def _square(box: tuple[int, int, int, int]) -> bool:
    return box[2] - box[0] == box[3] - box[1]


def _dark_box(image: Image.Image) -> tuple[int, int, int, int]:
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return box


def _longest(services: Services, lang: str) -> Ticket:
    """A meeting whose names and place are too long for the code: its event is shortened to
    the most a version-10 code holds (the largest code a ticket can carry)."""
    context = services.ticket_context
    start = context.now() + dt.timedelta(days=2)
    person = "Mme " + "Berthe-Antoinette " * 6
    place = "Bâtiment des sciences, " * 8
    return appointment_ticket(
        context, lang, person=person, role=N_("Enseignant ou enseignante"), start=start,
        minutes=20, place=place, mode="school", link="", child="Léa", child_class="CM2",
        code="K7M2QX", qr=meeting_event(context.i18n.translator(lang), person=person,
                                        start=start, minutes=20, location=place,
                                        code="K7M2QX"),
    )


def test_the_audit_covers_every_parents_kind() -> None:
    """The guides' ticket, the "my login" card, the loan ticket and slip are printed like
    every other (issue 19)."""
    assert {"guide", "login_card"} <= set(SAMPLE_KINDS)
    assert {"pret", "pret_fiche"} <= set(SAMPLE_KINDS)  # an equipment loan and its slip


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_ticket_fits_the_paper_and_its_code_is_small(
    demo: Services, lang: str, width: int
) -> None:
    for kind in (*SAMPLE_KINDS, "longest"):
        if kind in FRENCH_ONLY and lang != "fr":
            continue  # the same ticket in every language: checked once
        if kind == "longest":
            ticket = _longest(demo, lang)
            assert ticket.qr is not None and qr_spec(ticket.qr).version == MAX_VERSION
        else:
            ticket = sample_ticket(demo.ticket_context, kind, lang)
        stream = _print(ticket, width)
        _check_sizes(ticket, stream, width)
        if lang in DECODED:
            _check_preview(ticket, width)


def _check_preview(ticket: Ticket, width: int) -> None:
    """The PNG preview is paper-wide and its code decodes back to the payload."""
    raster = render_preview(ticket, _paper(width), _fonts())
    with Image.open(io.BytesIO(png_bytes(raster.image))) as png:
        assert png.width == _paper(width).pixels
        for box in raster.boxes:
            assert box.box[0] >= 0 and box.box[2] <= png.width + 1, box.text
        found = zxingcpp.read_barcodes(png.convert("L"))
    if ticket.qr is None:
        assert found == []
        return
    assert [code.text for code in found] == [ticket.qr], (ticket.kind, ticket.language)
    assert int(found[0].extra["Version"]) <= MAX_VERSION


def test_the_58_mm_printer_drawing_codes_itself_gets_a_code_that_fits(demo: Services) -> None:
    """A 58 mm printer with its own QR codes: fewer dots a module, still within 384 dots."""
    paper = paper_for(58)
    for kind in ("booking", "workshop", "questionnaire"):
        ticket = sample_ticket(demo.ticket_context, kind, "fa")
        [code] = read_escpos(render_escpos(ticket, paper, _fonts(), "", native_qr=True)).qrs
        assert code.payload == ticket.qr and 4 <= code.module <= 5
        assert qr_spec(code.payload).with_quiet_zone * code.module <= 384


# --- data with control characters -----------------------------------------------------------

HOSTILE = "\x1b@\x1dV\x00\x10\x04\x07\x1b!\x30"


def _hostile_tickets(services: Services, lang: str) -> list[Ticket]:
    """A ticket of every kind whose typed data carries printer commands."""
    context = services.ticket_context
    start = context.now() + dt.timedelta(days=2)
    name = f"Nadia{HOSTILE} B."
    return [
        appointment_ticket(context, lang, person=f"M.{HOSTILE} Petit",
                           role=N_("Enseignant ou enseignante"), start=start, minutes=15,
                           place=f"Salle{HOSTILE} 5", mode="school", link="",
                           child=f"Léa{HOSTILE}", child_class="CE1", code="K7M2QX",
                           qr=f"BEGIN:VEVENT\nSUMMARY:x{HOSTILE}\nEND:VEVENT"),
        workshop_ticket(context, lang, title=f"Atelier{HOSTILE}", start=start, minutes=60,
                        place="Salle 1", name=name, code="W3X9PD", waitlist_position=None,
                        qr=f"https://example.org/a{HOSTILE}"),
        questionnaire_ticket(context, lang, needs_help=True,
                             workshops=[(f"Atelier{HOSTILE}", start, "Salle 1")],
                             partners=[(f"Maison{HOSTILE}", "1 rue", "9h")],
                             loan_info=f"Prêt{HOSTILE}", qr="https://example.org/q"),
        announcement_ticket(context, lang, title=f"Sortie{HOSTILE}", text=f"Texte{HOSTILE}",
                            french_title="Sortie", published=start.date(), qr=""),
        appointments_list_ticket(context, person="M. Petit", day=start.date(),
                                 rows=[(dt.time(17, 0), name, f"Salle{HOSTILE}")]),
        attendance_ticket(context, title="Atelier", start=start, rows=[(name, "inscrite")]),
        guide_ticket(context, lang, title=f"Guide{HOSTILE}", steps=[f"Un{HOSTILE}", "Deux"],
                     french_title=f"Guide{HOSTILE}", french_steps=[f"Un{HOSTILE}", "Deux"],
                     url=f"https://example.org/g{HOSTILE}", translated=lang != "ru"),
        login_card_ticket(context, lang, url=f"https://example.org/c{HOSTILE}"),
        loan_ticket(context, lang, name=name, device="Une tablette",
                    child_class=f"CE1{HOSTILE}", code="T4K8PR",
                    qr=f"https://example.org/p{HOSTILE}"),
        loan_slip_ticket(context, lang, name=name, device=f"tablette{HOSTILE} 3",
                         out=start.date(), due=start.date(), code="T4K8PR"),
    ]


@pytest.mark.parametrize("lang", ["fr", "ar", "ru"])
@pytest.mark.parametrize("width", [58, 80])
def test_control_bytes_in_the_data_never_reach_the_printer(
    demo: Services, lang: str, width: int
) -> None:
    for ticket in _hostile_tickets(demo, lang):
        stream = _print(ticket, width)  # one INIT, one cut, every byte a known command
        for text in stream.texts:
            assert not any(byte < 0x20 and byte != 0x0A for byte in text), text
        for code in stream.qrs:
            assert "\x1b" not in code.payload and "\x00" not in code.payload
        if lang == "fr" and ticket.kind == "appointments_list":
            # ESC, GS, NUL… are gone; what they drew around stays readable.
            assert any(b"Nadia@V!0 B." in text for text in stream.texts), stream.texts


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_results_given_back_to_parents_print_within_the_rules(
    demo: Services, lang: str, width: int
) -> None:
    """ "Ce que vous avez dit" (issue 17) through the announcement ticket path: its figures,
    sentences and actions fit the paper, its code (the published page) is version 10 at most
    and decodes."""
    from kiosk.announcements.publish import SUMMARY_PAGE, announcement_url
    from kiosk.questionnaire.giveback import ticket_of

    facts = demo.giveback.for_parents()
    assert facts is not None and facts.has_figures and facts.actions is not None
    shown = facts.reading(demo.i18n.translator(lang))
    url = announcement_url(demo.config, lang, SUMMARY_PAGE)
    assert url is not None
    ticket = ticket_of(demo.ticket_context, shown, url)
    assert ticket.qr == url and ticket.kind == "announcement"
    assert all(action in "\n".join(ticket.texts()) for action in shown.actions)
    stream = _print(ticket, width)
    _check_sizes(ticket, stream, width)
    if lang in DECODED:
        _check_preview(ticket, width)


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_the_lexique_ticket_has_every_glossary_word_with_the_french_beside(
    demo: Services, lang: str
) -> None:
    from kiosk.glossary import load_glossary

    assert "lexique" in SAMPLE_KINDS
    ticket = sample_ticket(demo.ticket_context, "lexique", lang)
    words = load_glossary().words
    assert ticket.kind == "lexicon" and ticket.qr is None
    assert len(ticket.lines) == 2 * len(words)
    aesh, cantine = (next(w for w in words if w.key == key) for key in ("aesh", "cantine"))
    texts = "\n".join(ticket.texts())
    assert cantine.explanation(lang) in texts and aesh.explanation(lang) in texts
    if lang != "fr":
        assert cantine.word(lang) in texts and "cantine" in texts
        assert ticket.french_heading == "En français :"
    assert ticket.rtl == (lang == "ar")
