"""Staff tables readable at 80×24 and 120×40 (Pilot): every cell of the print queue shows its
whole value, or the start of a long text and "…", never a cut figure; the Ateliers list shows
registered/places whole ("0/10"); the results hold each bar and its figures on one line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from rich.cells import cell_len

from kiosk.services import Services
from kiosk.tickets import sample_tickets
from screens.staff.print_queue import COLUMNS, PrintQueueScreen, job_cells
from screens.staff.tables import FittedTable, fit_widths
from tests.support import (
    FROZEN_NOW,
    Clock,
    new_app,
    press,
    screen_text,
    settle,
    start_at,
    wait_for,
)

SIZES = [(80, 24), (120, 40)]


def shown_cells(app: Any, table: FittedTable) -> list[list[str]]:
    """What the screen shows in each cell of `table`'s visible rows (header excluded)."""
    lines = screen_text(app).split("\n")
    region = table.content_region
    rows = []
    for index in range(min(table.row_count, region.height - 1)):
        line = lines[region.y + 1 + index]
        x, cells = region.x - int(table.scroll_x), []
        for column in table.ordered_columns:
            width = column.get_render_width(table)
            cells.append(line[x + table.cell_padding: x + width - table.cell_padding].strip())
            x += width
        rows.append(cells)
    return rows


def assert_whole_or_ellipsis(shown: str, value: str, *, may_cut: bool) -> None:
    if shown == value:
        return
    assert may_cut, f"{value!r} shown as {shown!r}"
    assert shown.endswith("…") and value.startswith(shown[:-1]), (shown, value)
    assert cell_len(shown) >= 6, (shown, value)  # cut, not reduced to nothing


def seed_queue(services: Services, clock: Clock) -> None:
    """Realistic print jobs: several kinds and languages, a duplicate, a cancelled job, an
    old job from yesterday, tickets waiting for a printer that refuses the connection."""
    queue = services.printing.queue
    context = services.ticket_context
    clock.current = FROZEN_NOW - dt.timedelta(days=1, hours=2)
    queue.add(sample_tickets(context, "fr")[6], data=None, png=b"", text="", printer="preview",
              status="preview")
    clock.current = FROZEN_NOW.replace(hour=8, minute=5)
    for lang, index in (("ar", 0), ("zh", 1), ("uk", 2), ("tr", 3), ("fa", 0), ("fr", 5)):
        queue.add(sample_tickets(context, lang)[index], data=None, png=b"", text="",
                  printer="network:192.168.1.50:9100")
        clock.advance(minutes=7)
    cancelled = queue.add(sample_tickets(context, "es")[1], data=None, png=b"", text="",
                          printer="network:192.168.1.50:9100")
    queue.update(cancelled.number, status="cancelled")
    duplicate = queue.add(sample_tickets(context, "ar")[0], data=None, png=b"", text="",
                          printer="network:192.168.1.50:9100", duplicate_of=2)
    queue.record_attempt(duplicate.number, "", clock().isoformat())
    for job in queue.pending():
        queue.record_attempt(job.number, "network:192.168.1.50:9100: Device not found (Could "
                             "not open socket for 192.168.1.50: [Errno 111] Connection refused)",
                             clock().isoformat())
    clock.current = FROZEN_NOW


@pytest.mark.parametrize("size", SIZES)
async def test_print_queue_cells_show_their_whole_value(size: tuple[int, int],
                                                        demo_services: Services,
                                                        clock: Clock) -> None:
    seed_queue(demo_services, clock)
    jobs = demo_services.printing.jobs(limit=100)
    app = new_app(demo_services)
    async with start_at(app, PrintQueueScreen, size=size, staff=True) as pilot:
        table = app.screen.query_one("#print-queue-table", FittedTable)
        await wait_for(pilot, lambda: table.row_count == len(jobs))
        await settle(pilot)
        assert table.virtual_size.width <= table.content_region.width  # no sideways scroll
        shown = shown_cells(app, table)
        assert len(shown) >= 5
        for job, cells in zip(jobs, shown, strict=False):
            values = job_cells(job, clock().date())
            for column, cell, value in zip(COLUMNS, cells, values, strict=True):
                # At 120×40 only the printer's problem is long enough to be cut.
                may_cut = column.key == "error" or (size[0] < 120 and column.key == "kind")
                assert_whole_or_ellipsis(cell, value, may_cut=may_cut)
        text = screen_text(app)
        assert "08:05" in text and "arabe" in text and "chinois" in text
        assert "rendez-vous" in text and "en attente" in text
        assert "Errno" not in text and "Connection" not in text
        # The highlighted job's whole problem is said below the table, plainly.
        box = app.screen.query_one("#print-queue-problem")
        assert not box.display  # the newest job (a duplicate) was printed
        table.focus()
        pending = next(i for i, job in enumerate(jobs) if job.status == "pending")
        await press(pilot, *["down"] * pending)
        problem = str(box.render())
        assert box.display and problem.startswith(f"Ticket n° {jobs[pending].number} : ")
        assert "refuse la connexion" in problem and "Vérifiez qu'elle est allumée" in problem


async def test_a_print_queue_cell_is_cut_with_an_ellipsis_not_a_figure(
        demo_services: Services, clock: Clock) -> None:
    seed_queue(demo_services, clock)
    app = new_app(demo_services)
    async with start_at(app, PrintQueueScreen, size=(80, 24), staff=True) as pilot:
        table = app.screen.query_one("#print-queue-table", FittedTable)
        await wait_for(pilot, lambda: table.row_count > 0)
        await settle(pilot)
        problems = [cells[-1] for cells in shown_cells(app, table) if cells[-1]]
        assert problems and all(cell.endswith("…") for cell in problems)
        numbers = [cells[0] for cells in shown_cells(app, table)]
        assert all(re.fullmatch(r"\d+", n) for n in numbers)


@pytest.mark.parametrize("size", SIZES)
async def test_ateliers_shows_registered_over_places(size: tuple[int, int],
                                                     demo_services: Services) -> None:
    from screens.staff.workshops import WorkshopsStaffScreen

    office = demo_services.booking
    start = dt.datetime(2026, 12, 15, 14, 0, tzinfo=office.tz)
    office.workshops.add_workshop(
        "Comprendre l'espace numérique de travail et les messages de l'école", start, 90,
        "Salle polyvalente", 10)
    app = new_app(demo_services)
    async with start_at(app, WorkshopsStaffScreen, size=size, staff=True) as pilot:
        table = app.screen.query_one("#workshops-table", FittedTable)
        await wait_for(pilot, lambda: table.row_count == len(office.workshops.all()))
        await settle(pilot)
        assert table.virtual_size.width <= table.content_region.width
        rows = {cells[0]: cells for cells in shown_cells(app, table)}
        cells = rows["15/12/2026 14:00"]
        assert cells[2] == "0/10"
        assert_whole_or_ellipsis(cells[1], "Comprendre l'espace numérique de travail et les "
                                 "messages de l'école", may_cut=True)
        for workshop in office.workshops.all():
            row = rows[f"{workshop.start:%d/%m/%Y %H:%M}"]
            assert row[2] == f"{workshop.registered}/{workshop.capacity}"


@pytest.mark.parametrize("size", SIZES)
async def test_results_hold_each_bar_and_its_figures_on_one_line(
        size: tuple[int, int], demo_services: Services) -> None:
    from textual.widgets import Static

    from screens.staff.results import ResultsScreen, laid_out

    app = new_app(demo_services)
    async with start_at(app, ResultsScreen, size=size, staff=True) as pilot:
        await app.workers.wait_for_complete()
        await settle(pilot)
        figures = app.screen.query_one("#results-figures", Static)
        results = demo_services.results.school_results()
        width = figures.content_region.width
        lines = laid_out(results, width)
        assert all(cell_len(line) <= width for line in lines)
        assert figures.virtual_size.height == len(lines)  # Textual wrapped none of them
        means = [line.index("moy.") for line in lines if "moy." in line]
        assert len(means) > 10 and len(set(means)) == 1  # figures in one column
        for line in lines:
            if "█" in line:
                assert re.search(r"[█▏▎▍▌▋▊▉ ] +(\d|moy\.)", line), line


def test_fit_widths_cuts_the_lowest_priority_and_the_widest_first() -> None:
    # Natural widths fit: unchanged.
    assert fit_widths([5, 30, 4], [5, 8, 4], [1, 0, 1], 50) == [5, 30, 4]
    # Too wide: the text column gives way, down to its floor, the figures never.
    assert fit_widths([5, 30, 4], [5, 8, 4], [1, 0, 1], 20) == [5, 11, 4]
    assert fit_widths([5, 30, 4], [5, 8, 4], [1, 0, 1], 10) == [5, 8, 4]
    # Two text columns of one priority: the wider is cut first, then both evenly.
    assert fit_widths([40, 12], [8, 8], [0, 0], 40) == [28, 12]
    assert fit_widths([40, 30], [8, 8], [0, 0], 40) == [20, 20]
    # A lower priority is cut to its floor before a higher one is touched.
    assert fit_widths([20, 20], [8, 8], [0, 1], 30) == [10, 20]
    assert fit_widths([20, 20], [8, 8], [0, 1], 24) == [8, 16]
