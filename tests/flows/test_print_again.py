"""With the preview printer (no paper), "1 Imprimer encore une fois" can never work: it is not
shown, the key 1 does nothing, and the message says to photograph the code (issue 15, 6)."""

from __future__ import annotations

from typing import Any

from kiosk.printing.outcome import MESSAGES
from kiosk.services import Services
from kiosk.tickets import sample_tickets
from screens.ticket import TicketScreen
from screens.widgets import Notice
from tests.support import press, start_at, wait_for


async def test_no_print_again_button_with_the_preview_printer(make_app: Any,
                                                              demo_services: Services) -> None:
    ticket = sample_tickets(demo_services.ticket_context, "fr")[0]
    app = make_app()
    async with start_at(app, lambda c: TicketScreen(c, ticket), language="fr") as pilot:
        screen = app.screen
        assert isinstance(screen, TicketScreen)
        await wait_for(pilot, lambda: screen.outcome is not None)
        assert screen.outcome is not None and screen.outcome.status == "preview"
        assert not screen.query_one("#ticket-again").display
        status = screen.query_one("#print-status", Notice)
        assert status.text == MESSAGES["preview"]  # shown wrapped to the screen's width
        assert " ".join(str(status.render()).split()) == MESSAGES["preview"]
        jobs = len(demo_services.printing.jobs())
        await press(pilot, "1")
        assert app.screen is screen and len(demo_services.printing.jobs()) == jobs
        assert screen.copies.asked == 1
