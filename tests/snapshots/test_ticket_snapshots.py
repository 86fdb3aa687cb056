"""How the ticket screen looks (Arabic, with its on-screen QR code) and the QR modal.
Frozen clock, temporary data folder, preview printer (see conftest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.services import Services
from kiosk.tickets import sample_tickets
from tests.support import wait_for


def test_ticket_screen_in_arabic(snap_compare: Any, make_app: Callable[..., Any],
                                 demo_services: Services) -> None:
    from screens.ticket import TicketScreen

    ticket = sample_tickets(demo_services.ticket_context, "ar")[0]

    async def run_before(pilot: Any) -> None:
        await pilot.app.set_language("ar")
        screen = TicketScreen(pilot.app.screen_context, ticket)
        await pilot.app.push_screen(screen)
        await wait_for(pilot, lambda: screen.outcome is not None)
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(110, 40))


def test_qr_modal(snap_compare: Any, make_app: Callable[..., Any]) -> None:
    from screens.ticket import QRModal

    async def run_before(pilot: Any) -> None:
        await pilot.app.push_screen(QRModal(pilot.app.screen_context, "https://example.org/annonces/1.html",
                                            "Sortie au musée"))
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))
