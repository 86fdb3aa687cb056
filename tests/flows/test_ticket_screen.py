"""The ticket screen, the on-screen QR code (decoded from the terminal cells), the QR modal and
the staff print-queue screen, driven with Textual's Pilot."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import zxingcpp

from kiosk.services import Services
from kiosk.tickets import sample_tickets
from screens.qr import QRCode, qr_cells
from tests.support import click, wait_for


def cells_to_image(strips: list[Any], scale: int = 1) -> Any:
    """Turn rendered terminal cells (half blocks, black on white) back into a picture."""
    from PIL import Image

    rows: list[list[int]] = []
    for strip in strips:
        top: list[int] = []
        bottom: list[int] = []
        for segment in strip:
            style = segment.style
            fg = _luma(style.color) if style and style.color else 255
            bg = _luma(style.bgcolor) if style and style.bgcolor else 0
            for char in segment.text:
                up, down = {"█": (fg, fg), "▀": (fg, bg), "▄": (bg, fg)}.get(char, (bg, bg))
                top.append(up)
                bottom.append(down)
        rows += [top, bottom] if scale == 1 else [top]
    height, width = len(rows), max(len(r) for r in rows)
    image = Image.new("L", (width, height), 255)
    for y, row in enumerate(rows):
        for x, value in enumerate(row):
            image.putpixel((x, y), value)
    # A module is one cell wide (scale 1) and half a cell high: make it square, then bigger.
    square = image.resize((width * 6 // scale, height * 6), Image.Resampling.NEAREST)
    return square


def _luma(color: Any) -> int:
    r, g, b = color.get_truecolor()
    return int(0.299 * r + 0.587 * g + 0.114 * b)


def widget_strips(widget: QRCode) -> list[Any]:
    return [widget.render_line(y) for y in range(widget.size.height)]


def test_qr_cells_keep_a_white_quiet_zone() -> None:
    lines = qr_cells("https://example.org/x")
    assert lines[0].strip() == "" and lines[-1].strip() == ""
    assert all(line[:4] == "    " and line[-4:] == "    " for line in lines)


async def test_ticket_screen_prints_shows_qr_and_finishes(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    import screens.ticket as ticket_module

    app = make_app()
    ticket = sample_tickets(demo_services.ticket_context, "ar")[0]
    async with app.run_test(size=(120, 50)) as pilot:
        await app.set_language("ar")
        screen = ticket_module.TicketScreen(app.screen_context, ticket)
        await app.push_screen(screen)
        await wait_for(pilot, lambda: screen.outcome is not None)
        assert app.screen is screen
        assert screen.outcome is not None and screen.outcome.status == "preview"
        assert demo_services.printing.jobs()[0].language == "ar"

        qr = screen.query_one("#ticket-qr-code", QRCode)
        decoded = [r.text for r in zxingcpp.read_barcodes(cells_to_image(widget_strips(qr)))]
        assert decoded == [ticket.qr]

        await pilot.press("2")  # finished
        await wait_for(pilot, lambda: not isinstance(app.screen, ticket_module.TicketScreen))
        assert app.session.language == "fr"  # the parent was forgotten


async def test_ticket_screen_queued_is_told_kindly_and_print_again_is_a_duplicate(
    tmp_path: Path, make_app: Callable[..., Any], demo_services: Services
) -> None:
    import socket

    from screens.ticket import TicketScreen

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = demo_services.config
    offline = dataclasses.replace(
        cfg, printer=dataclasses.replace(cfg.printer, printer=f"network:127.0.0.1:{port}",
                                         timeout=0.5))
    services = Services(config=offline, data_dir=demo_services.data_dir, clock=demo_services.clock)
    app = make_app(services)
    ticket = sample_tickets(services.ticket_context, "fr")[1]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = TicketScreen(app.screen_context, ticket)
        await app.push_screen(screen)
        await wait_for(pilot, lambda: screen.outcome is not None)
        assert screen.outcome is not None and screen.outcome.status == "queued"
        status = str(screen.query_one("#print-status").render())
        assert "accueil" in status
        again = screen.query_one("#ticket-again")
        await wait_for(pilot, lambda: not again.disabled)  # the first print is over
        await click(pilot, "#ticket-again")
        await wait_for(pilot, lambda: len(services.printing.jobs()) == 2
                    and not screen.query_one("#ticket-again").disabled)
        jobs = services.printing.jobs()
        assert len(jobs) == 2
        assert jobs[0].duplicate_of == jobs[1].number
        await pilot.press("1")  # a third copy: still a duplicate of the first ticket
        await wait_for(pilot, lambda: len(services.printing.jobs()) == 3)
        await wait_for(pilot, lambda: screen.query_one("#ticket-again").disabled)
        jobs = services.printing.jobs()
        assert jobs[0].duplicate_of == jobs[2].number
        assert screen.copies.asked == 3  # and no more: the button stays disabled
        services.printing.stop()


async def test_qr_modal_shows_a_large_readable_code(make_app: Callable[..., Any]) -> None:
    from screens.ticket import QRModal

    app = make_app()
    payload = "https://ecole-des-tilleuls.example.fr/kiosque/annonces/12.html"
    async with app.run_test(size=(120, 60)) as pilot:
        await app.push_screen(QRModal(app.screen_context, payload, "Sortie au musée"))
        await pilot.pause()
        qr = app.screen.query_one("#qr-modal-code", QRCode)
        assert qr._scale() == 2
        image = cells_to_image(widget_strips(qr), scale=2)
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [payload]
        await pilot.press("1")
        await pilot.pause()
        assert not isinstance(app.screen, QRModal)


async def test_staff_print_queue_screen_reprints_and_cancels(
    make_app: Callable[..., Any], demo_services: Services
) -> None:
    from textual.widgets import DataTable

    from screens.staff.print_queue import PrintQueueScreen

    first = demo_services.printing.submit(sample_tickets(demo_services.ticket_context, "fr")[0])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.open_staff_area()
        await app.push_screen(PrintQueueScreen(app.screen_context))
        table = app.screen.query_one("#print-queue-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        await click(pilot, "#pq-reprint")
        await wait_for(pilot, lambda: table.row_count == 2)
        jobs = demo_services.printing.jobs()
        assert len(jobs) == 2 and jobs[0].duplicate_of == first.job
        await click(pilot, "#pq-cancel")  # a preview is not pending: nothing to cancel
        status = app.screen.query_one("#print-queue-status")
        await wait_for(pilot, lambda: "rien à annuler" in str(status.render()))


@pytest.mark.parametrize(
    ("lang", "kind", "size", "placement"),
    [
        ("ar", "booking", (80, 24), "below"),
        ("zh", "workshop", (80, 24), "below"),
        ("fr", "announcement", (80, 24), "below"),
        ("ar", "booking", (120, 40), "beside"),
        ("zh", "workshop", (120, 40), "beside"),
        ("fr", "booking", (40, 15), "hidden"),
    ],
)
async def test_the_ticket_text_comes_first_and_the_code_fits_the_screen(
    make_app: Callable[..., Any], demo_services: Services, lang: str, kind: str,
    size: tuple[int, int], placement: str,
) -> None:
    """Text first and readable; the code beside it where there is room, else below, never
    wider than the screen (and still a code a phone reads)."""
    from kiosk.tickets import sample_ticket
    from screens.ticket import TEXT_MIN_WIDTH, TicketScreen

    app = make_app()
    ticket = sample_ticket(demo_services.ticket_context, kind, lang)
    async with app.run_test(size=size) as pilot:
        await app.set_language(lang)
        screen = TicketScreen(app.screen_context, ticket)
        await app.push_screen(screen)
        await wait_for(pilot, lambda: screen.outcome is not None)
        await pilot.pause()
        lines = screen.query_one("#ticket-lines").region
        column = screen.query_one("#ticket-qr")
        qr = screen.query_one("#ticket-qr-code", QRCode)
        if placement == "hidden":
            assert not column.display and lines.width >= size[0] - 6
            return
        code = qr.region
        assert column.display and code.right <= size[0] and code.x >= 0
        if placement == "below":
            assert code.y >= lines.bottom and lines.width >= size[0] - 6
        else:
            assert code.y == lines.y and lines.width >= TEXT_MIN_WIDTH
            # Right to left: the words on the right, where reading starts.
            assert (code.right <= lines.x) if ticket.rtl else (code.x >= lines.right)
        screen.query_one("#body").scroll_to_widget(qr, animate=False, top=True)
        await pilot.pause()
        decoded = [r.text for r in zxingcpp.read_barcodes(cells_to_image(widget_strips(qr)))]
        assert decoded == [ticket.qr]
