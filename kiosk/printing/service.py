"""Printing tickets for the whole kiosk: render, persist, send, retry.

:class:`PrintService` renders a :class:`~kiosk.tickets.Ticket` (PNG and text preview, ESC/POS
bytes), saves it in the :class:`~kiosk.printing.queue.PrintQueue` *before* sending it with a
short timeout, and leaves a job the printer did not take pending for a retry (a background
thread, the staff print-queue screen or ``kiosk print-queue retry``), across restarts.

The package, one job a module: :mod:`~kiosk.printing.spec` (printer names),
:mod:`~kiosk.printing.paper`, :mod:`~kiosk.printing.fonts`, :mod:`~kiosk.printing.layout`
(rows and the text version), :mod:`~kiosk.printing.qr`, :mod:`~kiosk.printing.raster`
(drawing), :mod:`~kiosk.printing.esc_pos` (the printer's bytes),
:mod:`~kiosk.printing.devices` (sending), :mod:`~kiosk.printing.queue`,
:mod:`~kiosk.printing.outcome` (what happened, and how many copies a parent may ask for),
:mod:`~kiosk.printing.library` (python-escpos, imported lazily) and this service.

python-escpos, qrcode and Pillow are imported only when a ticket is rendered: start-up does
not pay for them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.store import DataFile, StorageError
from kiosk.printing.devices import PrinterUnavailable, printer_status, send
from kiosk.printing.esc_pos import render_escpos
from kiosk.printing.fonts import FontSet
from kiosk.printing.layout import render_text
from kiosk.printing.outcome import PrintOutcome
from kiosk.printing.paper import Paper, paper_for
from kiosk.printing.problems import NO_PRINTER, TICKET_FILE_MISSING, UNPREPARED, problem
from kiosk.printing.queue import PrintJob, PrintQueue
from kiosk.printing.raster import png_bytes, render_preview
from kiosk.printing.spec import PrinterSpec, PrinterSpecError, parse_printer
from kiosk.tickets import Ticket, TicketContext, printer_test_ticket

if TYPE_CHECKING:
    from kiosk.core.config import PrinterSettings

log = logging.getLogger(__name__)

_render_lock = threading.Lock()


class PrintService:
    """Prints tickets for the whole kiosk (thread-safe; one printer at a time)."""

    #: Seconds between two attempts at the pending jobs.
    retry_seconds: float = 30.0

    def __init__(
        self,
        settings: PrinterSettings,
        *,
        queue_file: DataFile,
        folder: Path,
        clock: Callable[[], dt.datetime],
        tickets: Callable[[], TicketContext],
        retention_days: Callable[[], int],
    ) -> None:
        """`queue_file`: the lasting ``print_queue`` file; `folder`: where job files go;
        `clock`: the time now (school time zone); `tickets`: the ticket context now (the
        test ticket, the languages whose scripts need fonts); `retention_days`: how long
        finished jobs stay, now. Both are read when used: the staff may change the settings
        while the kiosk runs."""
        self.settings = settings
        self.clock = clock
        self._tickets = tickets
        self._retention_days = retention_days
        self.queue = PrintQueue(queue_file, folder, clock)
        self._send_lock = threading.Lock()
        self._retry_thread: threading.Thread | None = None
        self._retry_lock = threading.Lock()
        self._stop = threading.Event()
        #: Whether this process saw a job left pending (a ticket that succeeds then retries).
        self._has_pending = True

    def with_settings(self, settings: PrinterSettings) -> PrintService:
        """The same kiosk's service with other printer settings (same queue, clock, tickets)."""
        return PrintService(
            settings, queue_file=self.queue.file, folder=self.queue.folder, clock=self.clock,
            tickets=self._tickets, retention_days=self._retention_days,
        )

    @property
    def tickets(self) -> TicketContext:
        """The ticket context in force (school, terminal, languages…)."""
        return self._tickets()

    # -- configuration -------------------------------------------------------------------------

    @cached_property
    def spec(self) -> PrinterSpec | PrinterSpecError:
        try:
            return parse_printer(self.settings.printer, self.settings.profile)
        except PrinterSpecError as exc:
            log.error("%s", exc)
            return exc

    @cached_property
    def paper(self) -> Paper:
        spec = self.spec
        profile = spec.profile if isinstance(spec, PrinterSpec) else ""
        return paper_for(self.settings.paper_width, profile)

    @cached_property
    def fonts(self) -> FontSet:
        return FontSet(self.settings.font)

    def warnings(self) -> list[str]:
        """Problems staff should know about (French): bad printer name, missing fonts."""
        out = []
        if isinstance(self.spec, PrinterSpecError):
            out.append(problem("config", self.spec.spec).message)
        scripts = {"latin"}
        for language in self.tickets.i18n.languages:
            if language.script in ("Arab", "Thaa", "Syrc"):
                scripts.add("arabic")
            if language.script in ("Hans", "Hant", "Jpan", "Kore", "Hani"):
                scripts.add("cjk")
        return out + self.fonts.warnings(sorted(scripts))

    # -- rendering -----------------------------------------------------------------------------

    def render(self, ticket: Ticket, *, with_bytes: bool = True) -> tuple[bytes | None, bytes, str]:
        """(ESC/POS bytes or None, preview PNG, preview text)."""
        paper = self.paper
        # One rendering at a time: the FreeType faces are shared and not thread-safe.
        with _render_lock:
            raster = render_preview(ticket, paper, self.fonts)
            data = None
            if with_bytes:
                spec = self.spec
                profile = spec.profile if isinstance(spec, PrinterSpec) else ""
                data = render_escpos(ticket, paper, self.fonts, profile)
            png = png_bytes(raster.image)
        return data, png, render_text(ticket, paper)

    # -- printing ------------------------------------------------------------------------------

    def submit(self, ticket: Ticket, *, duplicate_of: int | None = None) -> PrintOutcome:
        """Render, persist, then send a ticket. Never raises for a printer or storage problem."""
        spec = self.spec
        preview_only = isinstance(spec, PrinterSpec) and spec.is_preview
        try:
            data, png, text = self.render(ticket, with_bytes=not preview_only)
        except Exception:
            log.exception("cannot render a %s ticket", ticket.kind)
            return PrintOutcome("failed", None, None, error=UNPREPARED)
        printer = spec.describe() if isinstance(spec, PrinterSpec) else self.settings.printer
        try:
            job = self.queue.add(
                ticket, data=data, png=png, text=text, printer=printer,
                status="preview" if preview_only else "pending", duplicate_of=duplicate_of,
            )
        except (StorageError, OSError) as exc:
            log.error("cannot save print job: %s", exc)
            return self._send_unsaved(data) if data is not None else PrintOutcome(
                "failed", None, None, error=str(exc))
        paths = self.queue.paths(job.number)
        if preview_only:
            return PrintOutcome("preview", job.number, paths["png"], paths["txt"])
        error = self._send_job(job.number, data)
        if not error:
            if self._has_pending:
                self.ensure_retrying()  # the printer is back: the waiting tickets follow
            return PrintOutcome("printed", job.number, paths["png"], paths["txt"])
        self._has_pending = True
        self.ensure_retrying()
        return PrintOutcome("queued", job.number, paths["png"], paths["txt"], error=error)

    def _send_unsaved(self, data: bytes) -> PrintOutcome:
        spec = self.spec
        if isinstance(spec, PrinterSpec):
            try:
                with self._send_lock:
                    send(spec, data, self.settings.timeout)
                return PrintOutcome("printed", None, None)
            except PrinterUnavailable as exc:
                return PrintOutcome("failed", None, None, error=str(exc))
        return PrintOutcome("failed", None, None, error=self._spec_problem())

    def _spec_problem(self) -> str:
        """Why nothing can be sent with the printer as configured (plain French)."""
        spec = self.spec
        if isinstance(spec, PrinterSpecError):
            return problem("config", spec.spec).message
        return NO_PRINTER

    def _send_job(self, number: int, data: bytes | None) -> str:
        """Send one persisted job and record the attempt; the error ("" when printed)."""
        spec = self.spec
        if data is None:
            data = self.queue.data(number)
        error = ""
        if isinstance(spec, PrinterSpecError) or spec.is_preview:
            error = self._spec_problem()
        elif data is None:
            error = TICKET_FILE_MISSING
        else:
            try:
                with self._send_lock:
                    send(spec, data, self.settings.timeout)
            except PrinterUnavailable as exc:
                error = str(exc)
        if error:
            log.warning("print job %s not printed: %s", number, error)
        try:
            self.queue.record_attempt(number, error, self.clock().isoformat(timespec="seconds"))
        except StorageError as exc:
            log.error("cannot record print job %s: %s", number, exc)
        return error

    def retry_pending(self) -> int:
        """Try every pending job again, oldest first; stop at the first failure."""
        printed = 0
        for job in self.queue.pending():
            if self._send_job(job.number, None):
                break
            printed += 1
        else:
            self._has_pending = False
        return printed

    def reprint(self, number: int) -> PrintOutcome:
        """Print a job again, marked as a DUPLICATE of job `number`."""
        ticket = self.queue.ticket(number)
        if ticket is None:
            return PrintOutcome("failed", None, None, error=f"ticket n° {number} introuvable")
        return self.submit(ticket.marked_duplicate(number), duplicate_of=number)

    def cancel(self, number: int) -> bool:
        """Cancel a pending job (it will not be printed). False when it was not pending."""
        job = self.queue.get(number)
        if job is None or job.status != "pending":
            return False
        self.queue.update(number, status="cancelled")
        return True

    def jobs(self, limit: int = 200) -> list[PrintJob]:
        return self.queue.jobs(limit=limit)

    def pending_count(self) -> int:
        return len(self.queue.pending())

    def purge(self) -> int:
        """Forget finished jobs older than the bookings' retention period."""
        return self.queue.purge(self.clock() - dt.timedelta(days=self._retention_days()))

    # -- background retries --------------------------------------------------------------------

    def ensure_retrying(self) -> None:
        """Start the background thread that retries pending jobs (once; stops when done)."""
        with self._retry_lock:
            if self._retry_thread is not None and self._retry_thread.is_alive():
                return
            self._stop.clear()
            self._retry_thread = threading.Thread(
                target=self._retry_loop, name="print-retry", daemon=True
            )
            self._retry_thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _retry_loop(self) -> None:
        while not self._stop.wait(self.retry_seconds):
            try:
                self.retry_pending()
                if not self.queue.pending():
                    return
            except Exception:
                log.exception("print retry failed")

    # -- test ticket ---------------------------------------------------------------------------

    def print_test(self, ticket: Ticket | None = None) -> tuple[PrintOutcome, list[str], str]:
        """Print the test ticket, or `ticket` (a sample of another kind): (outcome, warnings,
        printer status)."""
        ticket = ticket or printer_test_ticket(self.tickets)
        warnings = self.warnings()
        missing = self.fonts.missing_glyphs("".join(ticket.texts()))
        if missing:
            warnings.append(
                "Caractères sans police (ils seraient imprimés en carrés vides) : "
                + " ".join(missing)
            )
        outcome = self.submit(ticket)
        if outcome.status == "queued" and outcome.job is not None:
            self.cancel(outcome.job)  # a test ticket is not worth printing later
        status = ""
        spec = self.spec
        if isinstance(spec, PrinterSpec) and outcome.status == "printed":
            status = printer_status(spec, self.settings.timeout)
        return outcome, warnings, status

