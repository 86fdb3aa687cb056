"""Tickets on paper and QR codes: printer names, ESC/POS bytes, previews in every language,
the persistent print queue (offline printer, restart), control characters, print-test."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import DEMO_CONFIG
from kiosk.core.paths import PROJECT_ROOT
from kiosk.core.text import strip_controls
from kiosk.printing.esc_pos import render_escpos
from kiosk.printing.fonts import FontSet
from kiosk.printing.layout import render_text
from kiosk.printing.outcome import MAX_COPIES, PrintOutcome, TicketCopies
from kiosk.printing.paper import Paper, paper_for
from kiosk.printing.raster import render_preview
from kiosk.printing.service import PrintService
from kiosk.printing.spec import PrinterSpecError, parse_printer
from kiosk.services import Services
from kiosk.tickets import KINDS, TicketLine, printer_test_ticket, sample_tickets, workshop_ticket
from tests.support import Clock, build_services, new_app
from tests.support.printers import ESC_INIT, LoopbackPrinter, free_port, services_with_printer

CUT = b"\x1dV"
NATIVE_QR = b"\x1d(k"
RASTER = b"\x1dv0"


# --- a loopback network printer ---------------------------------------------------------------


@pytest.fixture
def loopback() -> Iterator[LoopbackPrinter]:
    server = LoopbackPrinter()
    yield server
    server.close()


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet()


@pytest.fixture(scope="module")
def module_services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    return build_services(tmp_path_factory.mktemp("printing") / "data", Clock())


# --- printer names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "kind", "describe"),
    [
        ("preview", "preview", "preview"),
        ("", "preview", "preview"),
        ("network:192.168.1.50:9100", "network", "network:192.168.1.50:9100"),
        ("network:printer.local", "network", "network:printer.local:9100"),
        ("usb:04b8:0e15", "usb", "usb:04b8:0e15"),
        ("usb:0x04B8:0x0E15", "usb", "usb:04b8:0e15"),
        ("serial:/dev/ttyUSB0", "serial", "serial:/dev/ttyUSB0:9600"),
        ("serial:/dev/ttyUSB0:19200", "serial", "serial:/dev/ttyUSB0:19200"),
        ("file:/dev/usb/lp0", "file", "file:/dev/usb/lp0"),
        ("cups:TM-T20II", "cups", "cups:TM-T20II"),
    ],
)
def test_printer_names_are_understood(spec: str, kind: str, describe: str) -> None:
    parsed = parse_printer(spec)
    assert parsed.kind == kind
    assert parsed.describe() == describe


@pytest.mark.parametrize(
    "spec",
    ["lpt1", "network:", "network:host:99999", "network:bad host:9100", "usb:zz:01",
     "usb:04b8", "serial:/dev/ttyS0:123", "cups:my queue", "bluetooth:aa", "network:h\x1b:1"],
)
def test_bad_printer_names_list_the_accepted_forms(spec: str) -> None:
    with pytest.raises(PrinterSpecError) as info:
        parse_printer(spec)
    assert "network:HOST:PORT" in str(info.value)
    assert "usb:VENDOR:PRODUCT" in str(info.value)


def test_unknown_profile_is_refused_and_a_known_one_sets_the_paper() -> None:
    with pytest.raises(PrinterSpecError, match="profile"):
        parse_printer("preview", "NoSuchPrinter9000")
    assert parse_printer("network:10.0.0.2:9100", "TM-T20II").profile == "TM-T20II"
    paper = paper_for(80, "TM-T20II")
    assert (paper.pixels, paper.columns) == (576, 48)
    assert paper_for(58).pixels == 384


# --- ESC/POS bytes ----------------------------------------------------------------------------


def test_dummy_printer_receives_init_text_native_qr_and_cut(
    module_services: Services, fonts: FontSet
) -> None:
    ticket = sample_tickets(module_services.ticket_context, "fr")[0]
    data = render_escpos(ticket, paper_for(80), fonts, "TM-T20II")
    assert data.startswith(ESC_INIT)
    assert b"Votre rendez-vous" in data
    assert b"Avec : M. Petit (Enseignant ou enseignante)" in data
    assert NATIVE_QR in data
    assert ticket.qr is not None and ticket.qr.encode() in data
    assert CUT in data[-6:]


def test_dummy_printer_gets_an_image_qr_without_native_support(
    module_services: Services, fonts: FontSet
) -> None:
    ticket = sample_tickets(module_services.ticket_context, "fr")[3]
    data = render_escpos(ticket, paper_for(58), fonts, "", native_qr=False)
    assert data.startswith(ESC_INIT)
    assert NATIVE_QR not in data
    assert RASTER in data
    assert CUT in data[-6:]


def test_scripts_outside_the_code_pages_go_through_the_raster_path(
    module_services: Services, fonts: FontSet
) -> None:
    for lang in ("ar", "zh", "fa"):
        ticket = sample_tickets(module_services.ticket_context, lang)[0]
        data = render_escpos(ticket, paper_for(80), fonts, "TM-T20II")
        assert RASTER in data
        # The French recap stays plain text the printer prints with its own font.
        assert b"Rendez-vous" in data
    ro = printer_test_ticket(module_services.ticket_context)
    data = render_escpos(ro, paper_for(80), fonts, "TM-T20II")
    assert "ș".encode() not in data
    assert RASTER in data


CONTROLS = "".join(chr(c) for c in (*range(0, 9), *range(11, 32), 0x7F, *range(0x80, 0xA0)))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.sampled_from("Nadia" + CONTROLS), min_size=1, max_size=20)
       .filter(lambda n: bool(strip_controls(n).strip())))
def test_control_characters_never_reach_the_printer(
    module_services: Services, fonts: FontSet, name: str
) -> None:
    ticket = workshop_ticket(
        module_services.ticket_context, "fr", title="Atelier\x1b@\x1dV\x00",
        start=dt.datetime(2026, 12, 1, 9),
        minutes=60, place="Salle\x07 1", name=name, code="AB12", waitlist_position=None,
        qr="https://example.org/a",
    )
    data = render_escpos(ticket, paper_for(80), fonts, "TM-T20II")
    line_start = data.index(b"Nom : ") + len(b"Nom : ")
    line = data[line_start:data.index(b"\n", line_start)]
    assert line == strip_controls(name).encode("ascii")
    assert b"Atelier@V" in data
    assert b"Atelier\x1b" not in data
    assert b"Salle 1" in data


# --- previews in every language ---------------------------------------------------------------


def _decode(image: object) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_every_ticket_kind_in_every_language_has_ink_and_a_readable_qr(
    module_services: Services, fonts: FontSet
) -> None:
    paper: Paper = paper_for(80)
    seen_kinds: set[str] = set()
    for language in module_services.i18n.languages:
        for ticket in sample_tickets(module_services.ticket_context, language.code):
            seen_kinds.add(ticket.kind)
            raster = render_preview(ticket, paper, fonts)
            image = raster.image
            assert raster.boxes, (ticket.kind, language.code)
            for box in raster.boxes:
                darkest = image.crop(box.box).getextrema()[0]
                assert darkest < 100, (ticket.kind, language.code, box.text)
            if ticket.qr is None:
                assert raster.qr_box is None
                continue
            assert raster.qr_box is not None
            x0, y0, x1, y1 = raster.qr_box
            assert _decode(image.crop((x0 - 8, y0 - 8, x1 + 8, y1 + 8))) == [ticket.qr]
    assert seen_kinds == set(KINDS)


def test_right_to_left_text_is_right_aligned_and_french_recap_left(
    module_services: Services, fonts: FontSet
) -> None:
    ticket = sample_tickets(module_services.ticket_context, "ar")[0]
    raster = render_preview(ticket, paper_for(80), fonts)
    width = raster.image.width
    from kiosk.core.display import has_rtl

    date_box = next(b for b in raster.boxes if "2026" in b.text and has_rtl(b.text))
    assert date_box.box[2] > width - 20
    french_box = next(b for b in raster.boxes if b.text == "jeudi 26 novembre 2026")
    assert french_box.box[0] < 20


def test_the_text_preview_wraps_wide_characters_to_the_paper(module_services: Services) -> None:
    ticket = sample_tickets(module_services.ticket_context, "zh")[2]
    paper = paper_for(58)
    from kiosk.core.display import text_width

    text = render_text(ticket, paper)
    lines = [line for line in text.splitlines() if "[QR]" not in line]
    assert all(text_width(line) <= paper.columns for line in lines)
    assert f"[QR] {ticket.qr}" in text


def test_missing_fonts_are_reported_not_printed_as_boxes(tmp_path: Path) -> None:
    nothing = FontSet(search=dict)
    warnings = nothing.warnings(["arabic", "cjk"])
    assert any("arabe" in w and "fonts-noto-core" in w for w in warnings)
    assert any("chinoise" in w and "fonts-noto-cjk" in w for w in warnings)
    configured = FontSet(str(tmp_path / "missing.ttf"))
    assert any("introuvable" in w for w in configured.warnings([]))
    assert FontSet().warnings(["latin", "arabic", "cjk"]) == []
    assert FontSet().missing_glyphs("Bonjour مرحبا 你好 Привет ș") == []


# --- the print service and its queue ----------------------------------------------------------


def test_preview_mode_saves_png_and_text(services: Services) -> None:
    ticket = sample_tickets(services.ticket_context, "ro")[0]
    outcome = services.printing.submit(ticket)
    assert outcome.status == "preview"
    assert outcome.preview is not None and outcome.preview.read_bytes().startswith(b"\x89PNG")
    assert outcome.text is not None and "M. Petit" in outcome.text.read_text("utf-8")
    assert outcome.message.startswith("Voici votre ticket")
    assert services.printing.jobs()[0].status == "preview"


def test_network_printer_prints_and_a_reprint_is_marked_duplicate(
    tmp_path: Path, clock: Clock, loopback: LoopbackPrinter
) -> None:
    services = services_with_printer(tmp_path / "d", clock, f"network:127.0.0.1:{loopback.port}")
    ticket = sample_tickets(services.ticket_context, "fr")[1]
    first = services.printing.submit(ticket)
    assert first.status == "printed"
    again = services.printing.reprint(first.job or 0)
    assert again.status == "printed"
    assert again.job == (first.job or 0) + 1
    _wait_for(lambda: len(loopback.tickets) == 2)
    banner = loopback.tickets[1].split(b"DUPLICATA", 1)[1].split(b"\n", 1)[0]
    assert banner.endswith(f" {first.job}".encode())
    assert b"DUPLICATA" not in loopback.tickets[0]
    jobs = {job.number: job for job in services.printing.jobs()}
    assert jobs[again.job or 0].duplicate_of == first.job


def test_offline_printer_queues_survives_restart_and_prints_when_back(
    tmp_path: Path, clock: Clock
) -> None:
    port = free_port()  # nobody listens there: the printer is off
    spec = f"network:127.0.0.1:{port}"
    services = services_with_printer(tmp_path / "d", clock, spec)
    ticket = sample_tickets(services.ticket_context, "ar")[0]
    outcome = services.printing.submit(ticket)
    services.printing.stop()
    assert outcome.status == "queued"
    assert "accueil" in outcome.message
    assert outcome.preview is not None and outcome.preview.exists()
    expected = (tmp_path / "d" / "tickets" / f"ticket-{outcome.job:06d}.bin").read_bytes()

    # The kiosk restarts: a new process sees the pending job.
    restarted = services_with_printer(tmp_path / "d", clock, spec)
    pending = restarted.printing.queue.pending()
    assert [job.number for job in pending] == [outcome.job]
    assert restarted.printing.retry_pending() == 0  # still off

    printer = LoopbackPrinter(port)  # the printer is back
    try:
        assert restarted.printing.retry_pending() == 1
        _wait_for(lambda: len(printer.tickets) == 1)
        assert printer.tickets[0] == expected
        assert restarted.printing.queue.pending() == []
        assert restarted.printing.jobs()[0].status == "printed"
    finally:
        printer.close()


async def test_the_kiosk_resumes_pending_tickets_after_a_restart(
    tmp_path: Path, clock: Clock
) -> None:
    """A ticket queued before a restart prints once the printer is back, with no new print."""

    port = free_port()
    spec = f"network:127.0.0.1:{port}"
    before = services_with_printer(tmp_path / "d", clock, spec)
    outcome = before.printing.submit(sample_tickets(before.ticket_context, "fr")[0])
    before.printing.stop()
    assert outcome.status == "queued"

    restarted = services_with_printer(tmp_path / "d", clock, spec)
    restarted.printing.retry_seconds = 0.1
    printer = LoopbackPrinter(port)  # the printer is back
    app = new_app(restarted)
    app.print_queue_delay = 0.1
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if not restarted.printing.queue.pending():
                    break
            assert restarted.printing.queue.pending() == []
        _wait_for(lambda: len(printer.tickets) == 1)
        assert restarted.printing.jobs()[0].status == "printed"
    finally:
        restarted.printing.stop()
        printer.close()


def test_cancelled_jobs_are_not_retried(tmp_path: Path, clock: Clock) -> None:
    services = services_with_printer(tmp_path / "d", clock, f"network:127.0.0.1:{free_port()}")
    outcome = services.printing.submit(sample_tickets(services.ticket_context, "fr")[3])
    services.printing.stop()
    assert outcome.status == "queued"
    assert services.printing.cancel(outcome.job or 0)
    assert not services.printing.cancel(outcome.job or 0)
    assert services.printing.queue.pending() == []


def test_old_finished_jobs_are_purged(services: Services, clock: Clock) -> None:
    outcome = services.printing.submit(sample_tickets(services.ticket_context, "fr")[0])
    clock.advance(days=services.config.retention.bookings_days + 1)
    assert services.printing.purge() == 1
    assert outcome.preview is not None and not outcome.preview.exists()
    assert services.printing.jobs() == []


def test_a_bad_printer_in_the_configuration_queues_and_warns(tmp_path: Path, clock: Clock) -> None:
    services = services_with_printer(tmp_path / "d", clock, "lpt1")
    outcome = services.printing.submit(sample_tickets(services.ticket_context, "fr")[0])
    services.printing.stop()
    assert outcome.status == "queued"
    assert any("mal configurée" in w for w in services.printing.warnings())


def test_tickets_are_bilingual_except_in_french(module_services: Services) -> None:
    for ticket in sample_tickets(module_services.ticket_context, "fr"):
        assert ticket.french == ()
    ar = sample_tickets(module_services.ticket_context, "ar")[0]
    assert ar.rtl and ar.french_heading == "En français :"
    assert any("K7M2QX" in line.text for line in ar.french)
    assert any(line.text == "jeudi 26 novembre 2026" for line in ar.french)
    assert TicketLine("a\x1b[31mb").text == "a[31mb"


# --- the command line -------------------------------------------------------------------------


def test_print_test_sends_a_complete_job_to_a_loopback_network_printer(
    tmp_path: Path, loopback: LoopbackPrinter
) -> None:
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "run_kiosk.py"), "print-test",
         "--printer", f"network:127.0.0.1:{loopback.port}", "--profile", "TM-T20II",
         "--config", str(DEMO_CONFIG), "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # python-escpos's basicConfig/print() never reach the terminal
    assert "imprimé" in result.stdout
    assert "en ligne, papier en place" in result.stdout
    _wait_for(lambda: len(loopback.tickets) == 1)
    job = loopback.tickets[0]
    assert job.startswith(ESC_INIT)
    assert b"Test de l'imprimante" in job
    assert NATIVE_QR in job and RASTER in job
    assert CUT in job[-6:]


def test_print_test_with_a_bad_printer_name_says_what_to_type(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "run_kiosk.py"), "print-test", "--printer", "lpt1",
         "--config", str(DEMO_CONFIG), "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "network:HOST:PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_print_queue_command_lists_and_cancels(tmp_path: Path, clock: Clock,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    data = tmp_path / "data"
    services = services_with_printer(data, clock, f"network:127.0.0.1:{free_port()}")
    job = services.printing.submit(sample_tickets(services.ticket_context, "fr")[0]).job
    services.printing.stop()
    args = ["--config", str(DEMO_CONFIG), "--data-dir", str(data)]
    assert main(["print-queue", *args]) == 0
    assert "en attente" in capsys.readouterr().out
    assert main(["print-queue", "--cancel", str(job), *args]) == 0
    assert main(["print-queue", "--cancel", str(job), *args]) == 2
    assert "pas en attente" in capsys.readouterr().err


def test_escpos_is_not_imported_at_start() -> None:
    code = ("import sys, kiosk.app, kiosk.printing.service, kiosk.tickets, screens.ticket; "
            "print(any(m.startswith(('escpos', 'qrcode', 'PIL')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=PROJECT_ROOT, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def _wait_for(condition: object, timeout: float = 10.0) -> None:
    import time

    assert callable(condition)
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met")
        time.sleep(0.02)


@pytest.mark.parametrize("kind", KINDS)
def test_print_service_accepts_every_kind(services: Services, kind: str) -> None:
    ticket = next(t for t in sample_tickets(services.ticket_context, "uk") if t.kind == kind)
    service = PrintService(
        services.config.printer, queue_file=services.store.lasting_file("print_queue"),
        folder=services.data_dir / "tickets", clock=services.now,
        tickets=lambda: services.ticket_context, retention_days=lambda: 30,
    )
    assert service.submit(ticket).status == "preview"


def test_the_queue_file_keeps_only_recent_finished_jobs(services: Services,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.printing.queue as printing_module

    monkeypatch.setattr(printing_module, "MAX_FINISHED", 3)
    monkeypatch.setattr(printing_module, "TRIM_SLACK", 0)
    ticket = sample_tickets(services.ticket_context, "fr")[5]
    outcomes = [services.printing.submit(ticket) for _ in range(6)]
    kept = [job.number for job in services.printing.jobs()]
    assert kept == [6, 5, 4]
    first = outcomes[0]
    assert first.preview is not None and not first.preview.exists()
    assert services.printing.reprint(6).status == "preview"
    assert services.printing.reprint(1).status == "failed"


@pytest.mark.parametrize("lang", ["zh", "ar", "uk"])
def test_58_mm_paper_keeps_every_line_inside_the_roll(
    module_services: Services, fonts: FontSet, lang: str
) -> None:
    paper = paper_for(58)
    for ticket in sample_tickets(module_services.ticket_context, lang):
        raster = render_preview(ticket, paper, fonts)
        assert raster.image.width == 384
        for box in raster.boxes:
            assert box.box[0] >= 0 and box.box[2] <= 384 + 1, (ticket.kind, box.text)
        if ticket.qr:
            x0, y0, x1, y1 = raster.qr_box or (0, 0, 0, 0)
            crop = raster.image.crop((max(0, x0 - 8), y0 - 8, min(384, x1 + 8), y1 + 8))
            assert _decode(crop) == [ticket.qr]


# --- the domain without the service locator ---------------------------------------------------


def _outcome(status: str, job: int | None) -> PrintOutcome:
    return PrintOutcome(status, job, None)


def test_a_parent_gets_at_most_three_copies_each_a_duplicate_of_the_first_job() -> None:
    copies = TicketCopies()
    assert copies.limit == MAX_COPIES == 3
    assert not copies.can_print_again()  # nothing printed yet
    assert copies.first() and not copies.first()  # the first copy is counted once
    assert copies.reprint_of is None
    copies.record(_outcome("queued", 7))
    assert copies.can_print_again() and copies.again()
    assert copies.reprint_of == 7
    copies.record(_outcome("printed", 8))
    assert copies.again() and copies.asked == 3
    copies.record(_outcome("printed", 9))
    assert not copies.can_print_again() and not copies.again()
    assert copies.asked == 3 and copies.original == _outcome("queued", 7)


def test_a_preview_is_not_printed_again_and_a_failed_ticket_is_printed_anew() -> None:
    preview = TicketCopies()
    preview.first()
    assert preview.offers_copies  # not known yet: the button waits, greyed
    preview.record(_outcome("preview", 1))
    assert not preview.can_print_again() and not preview.again() and preview.asked == 1
    assert not preview.offers_copies  # never: the screen does not show "print again"
    failed = TicketCopies()
    failed.first()
    failed.record(_outcome("failed", None))
    assert failed.offers_copies
    assert failed.again() and failed.reprint_of is None  # no job to duplicate: print anew
    failed.record(_outcome("printed", 4))
    assert failed.reprint_of == 4  # the first real job is the original from now on


def test_tickets_are_built_from_a_ticket_context_alone() -> None:
    from kiosk.core.config import SchoolSettings
    from kiosk.core.i18n import I18n
    from kiosk.tickets import TicketContext, appointment_ticket

    paris = ZoneInfo("Europe/Paris")
    context = TicketContext(
        school=SchoolSettings(name="École Jules Ferry", phone="01 23 45 67 89"),
        terminal="Hall B", tz=paris, now=lambda: dt.datetime(2026, 11, 23, 8, 5, tzinfo=paris),
        i18n=I18n(["fr", "ar"]), base_url="https://ecole.example/",
    )
    ticket = appointment_ticket(
        context, "ar", person="Mme Martin", role="CE1",
        start=dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.UTC), minutes=20, place="Salle 4",
        mode="school", link="", child="Léa", code="K7Q4", qr="https://ecole.example/rdv/K7Q4",
    )
    assert ticket.footer == ("École Jules Ferry", "Tél. 01 23 45 67 89",
                             "Imprimé le 23/11/2026 à 08:05 — Hall B")
    assert ticket.rtl and ticket.created == context.now()
    assert any(line.text == "16:00 – 16:20" for line in ticket.french)  # school time zone
    test = printer_test_ticket(context)
    assert test.qr == "https://ecole.example/"
    assert {line.text for line in test.lines} >= {"Français", "العربية"}


def test_printing_and_tickets_do_not_import_the_services() -> None:
    modules = sorted(
        f"kiosk.printing.{path.stem}" for path in (PROJECT_ROOT / "kiosk/printing").glob("*.py")
    )
    code = (f"import sys, kiosk.tickets, {', '.join(modules)}; "
            "print('kiosk.services' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=PROJECT_ROOT, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_the_print_service_follows_settings_changed_while_the_kiosk_runs(
    services: Services, clock: Clock
) -> None:
    printing = services.printing
    outcome = printing.submit(sample_tickets(services.ticket_context, "fr")[0])
    cfg = services.config
    services.config = dataclasses.replace(
        cfg, school=dataclasses.replace(cfg.school, name="École Renommée"),
        retention=dataclasses.replace(cfg.retention, bookings_days=1),
    )
    assert services.printing is printing  # the same queue, retry thread and printer
    assert printing.tickets.school.name == "École Renommée"
    assert printer_test_ticket(services.ticket_context).footer[0] == "École Renommée"
    clock.advance(days=2)
    assert printing.purge() == 1 and outcome.job is not None
    assert printing.queue.get(outcome.job) is None
