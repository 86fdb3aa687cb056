"""Where a printer problem is shown, it is said plainly: the staff's print queue, dashboard,
settings (printer test) and print actions, ``kiosk print-test`` and ``kiosk print-queue``;
parents only ever read the translated "ask at the desk". The printer is real: a loopback port
nobody listens on (a printer switched off)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from kiosk.cli import DEMO_CONFIG, main
from kiosk.printing.outcome import MESSAGES
from kiosk.services import Services
from kiosk.tickets import sample_tickets
from tests.support import Clock, new_app, screen_text, settle, start_at, wait_for
from tests.support.printers import free_port, services_with_printer

#: What staff and parents must never read.
TECHNICAL = re.compile(r"Errno|DeviceNotFound|Error\b|Connection refused|socket|Traceback")


@pytest.fixture
def offline(tmp_path: Path, clock: Clock) -> Services:
    """The demo school with a network printer that is switched off (0.5 s timeout)."""
    services = services_with_printer(tmp_path / "data", clock,
                                     f"network:127.0.0.1:{free_port()}", timeout=0.5)
    from kiosk import demo

    demo.seed(services)
    return services


def queue_a_ticket(services: Services, lang: str = "fr") -> None:
    outcome = services.printing.submit(sample_tickets(services.ticket_context, lang)[0])
    services.printing.stop()
    assert outcome.status == "queued"


def assert_plain(text: str) -> None:
    assert not TECHNICAL.search(text), text


async def test_print_queue_retry_says_the_problem_plainly(offline: Services) -> None:
    from screens.staff.print_queue import PrintQueueScreen

    queue_a_ticket(offline)
    app = new_app(offline)
    async with start_at(app, PrintQueueScreen, size=(80, 24), staff=True) as pilot:
        await pilot.click("#pq-retry")
        status = app.screen.query_one("#print-queue-status", Static)
        await wait_for(pilot, lambda: "0 ticket(s) imprimé(s)" in str(status.render()))
        await settle(pilot)
        problem = str(app.screen.query_one("#print-queue-problem", Static).render())
        assert "refuse la connexion" in problem and "kiosk.toml" in problem
        assert_plain(screen_text(app))
    offline.printing.stop()


async def test_dashboard_says_the_printer_problem_plainly(offline: Services) -> None:
    queue_a_ticket(offline, "ar")
    app = new_app(offline)
    async with app.run_test(size=(120, 60)) as pilot:
        await app.open_staff_area()
        part = app.screen.query_one("#dashboard-printer", Static)
        await wait_for(pilot, lambda: "en attente" in str(part.render()))
        text = str(part.render())
        assert "refuse la connexion" in text and "allumée" in text
        assert "État : L'imprimante" in text  # the status asked of the printer
        assert_plain(text)
    offline.printing.stop()


async def test_settings_printer_test_says_the_problem_plainly(offline: Services) -> None:
    from screens.staff.settings import SettingsScreen

    app = new_app(offline)
    async with start_at(app, SettingsScreen, size=(100, 40), staff=True) as pilot:
        await pilot.click("#settings-printer-test")
        status = app.screen.query_one("#settings-status", Static)
        await wait_for(pilot, lambda: "refuse la connexion" in str(status.render()))
        assert_plain(str(status.render()))
    offline.printing.stop()


async def test_a_staff_print_action_says_the_problem_plainly(offline: Services) -> None:
    from screens.staff.workshops import WorkshopStaffScreen

    workshop = offline.booking.workshops.all()[0]
    app = new_app(offline)
    async with start_at(app, lambda context: WorkshopStaffScreen(context, workshop.id),
                        size=(120, 40), staff=True) as pilot:
        await pilot.click("#attendance-print")
        status = app.screen.query_one("#staff-status", Static)
        await wait_for(pilot, lambda: "mis en attente" in str(status.render()))
        assert "refuse la connexion" in str(status.render())
        assert_plain(str(status.render()))
    offline.printing.stop()


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_parents_read_ask_at_the_desk_never_the_problem(offline: Services,
                                                              lang: str) -> None:
    from screens.ticket import TicketScreen

    app = new_app(offline)
    ticket = sample_tickets(offline.ticket_context, lang)[0]
    async with start_at(app, lambda context: TicketScreen(context, ticket), size=(80, 24),
                        language=lang) as pilot:
        screen: Any = app.screen
        await wait_for(pilot, lambda: screen.outcome is not None)
        await settle(pilot)
        assert screen.outcome.status == "queued"
        assert screen.outcome.message == MESSAGES["queued"]  # "…given to you at the desk"
        notice = screen.query_one("#print-status")
        assert notice.has_class("warning")
        status = str(notice.render())
        assert "kiosk.toml" not in status and "refuse" not in status
        assert_plain(screen_text(app))
    offline.printing.stop()


def test_print_test_and_print_queue_commands_say_the_problem_plainly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    args = ["--config", str(DEMO_CONFIG), "--data-dir", str(data)]
    printer = f"network:127.0.0.1:{free_port()}"
    assert main(["print-test", "--printer", printer, "--timeout", "0.5", *args]) == 1
    out = capsys.readouterr().out
    assert "n'est pas imprimé" in out and "refuse la connexion" in out
    assert "kiosk.log" in out  # where the technical detail is
    assert_plain(out)
    assert "Connection refused" in (data / "logs" / "kiosk.log").read_text("utf-8")

    services = services_with_printer(data, Clock(), printer, timeout=0.5)
    queue_a_ticket(services)
    config = tmp_path / "kiosk.toml"  # the demo's configuration, with that printer
    config.write_text(DEMO_CONFIG.read_text("utf-8").replace(
        'printer = "preview"', f'printer = "{printer}"\ntimeout = 0.5'), "utf-8")
    args = ["--config", str(config), "--data-dir", str(data)]
    assert main(["print-queue", "--retry", *args]) == 1
    assert main(["print-queue", *args]) == 0
    out = capsys.readouterr().out
    assert "0 ticket(s) imprimé(s) sur 1" in out
    assert out.count("refuse la connexion") == 2  # after the retry, and in the list
    assert_plain(out)
