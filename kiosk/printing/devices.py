"""Reaching the printer: open a python-escpos device for a printer name, send a job, ask its
status. Every failure is a :class:`PrinterUnavailable` carrying a plain French
:class:`~kiosk.printing.problems.PrinterProblem` (what happened, what to do); the technical
detail is logged, never shown."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from kiosk.printing.library import escpos
from kiosk.printing.problems import PrinterProblem, diagnose, problem
from kiosk.printing.spec import PrinterSpec

log = logging.getLogger(__name__)


class PrinterUnavailable(Exception):
    """The printer could not take the job (offline, paper out, timeout, missing driver).

    ``str()`` is the plain French message for staff; `detail` the technical one (for the log).
    """

    def __init__(self, problem: PrinterProblem, detail: str = "") -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.detail = detail or problem.code


def open_printer(spec: PrinterSpec, timeout: float) -> Any:
    """A python-escpos printer object for `spec` (not yet opened)."""
    escpos()
    from escpos import printer as p

    profile = spec.profile or None
    if spec.kind == "network":
        return p.Network(spec.target, spec.port, timeout=timeout, profile=profile)
    if spec.kind == "file":
        return p.File(spec.target, profile=profile)
    where = spec.describe()
    if spec.kind == "usb":
        if not p.Usb.is_usable():
            raise PrinterUnavailable(problem("driver", where), "USB printing needs pyusb")
        return p.Usb(spec.vendor, spec.product, timeout=int(timeout * 1000), profile=profile)
    if spec.kind == "serial":
        if not p.Serial.is_usable():
            raise PrinterUnavailable(problem("driver", where), "serial printing needs pyserial")
        return p.Serial(spec.target, baudrate=spec.baud, timeout=timeout, profile=profile)
    if spec.kind == "cups":
        if not p.CupsPrinter.is_usable():
            raise PrinterUnavailable(problem("driver", where), "CUPS printing needs pycups")
        return p.CupsPrinter(spec.target, profile=profile)
    raise PrinterUnavailable(problem("config", where), f"no printer for {where}")


def send(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    """Send a rendered job; raise :class:`PrinterUnavailable` with a plain reason."""
    escpos()
    try:
        printer = open_printer(spec, timeout)
    except PrinterUnavailable:
        raise
    except Exception as exc:  # a constructor that checks its arguments (a USB backend…)
        raise unavailable(exc, spec) from exc
    try:
        printer.open()
        if spec.kind == "cups":
            printer._raw(data)
            printer.close()  # CUPS sends the job on close
        else:
            printer._raw(data)
    except Exception as exc:  # OSError, escpos's errors, a driver's own (usb.core.USBError…)
        raise unavailable(exc, spec) from exc
    finally:
        try:
            printer.close()
        except Exception:
            log.debug("closing %s failed", spec.describe(), exc_info=True)
        printer._device = False  # nothing left for __del__ to close


def unavailable(exc: BaseException, spec: PrinterSpec) -> PrinterUnavailable:
    """`exc` as a :class:`PrinterUnavailable`: its plain problem, its detail logged."""
    found = diagnose(exc, spec)
    detail = _one_line(f"{spec.describe()}: {exc.__class__.__name__}: {exc}")
    log.warning("printer %s: %s (%s)", spec.describe(), found.code, detail)
    return PrinterUnavailable(found, detail)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def printer_status(spec: PrinterSpec, timeout: float) -> str:
    """What the printer says about itself (plain French, for staff), when it can tell."""
    if spec.kind not in ("network", "usb", "serial"):
        return "état non disponible pour ce type d'imprimante"
    escpos()
    from escpos.constants import RT_STATUS_ONLINE, RT_STATUS_PAPER

    try:
        printer = open_printer(spec, min(timeout, 2.0))
    except Exception as exc:
        return unavailable(exc, spec).problem.message
    try:
        printer.open()
        online = printer.query_status(RT_STATUS_ONLINE)
        paper = printer.query_status(RT_STATUS_PAPER)
    except Exception as exc:
        return unavailable(exc, spec).problem.message
    finally:
        with contextlib.suppress(Exception):
            printer.close()
        printer._device = False
    return status_words(online, paper, spec.describe())


def status_words(online: bytes, paper: bytes, where: str) -> str:
    """The printer's answers to DLE EOT 1 (`online`) and DLE EOT 4 (`paper`), in plain French.

    Every ESC/POS status byte has bit 1 and bit 4 set and bits 0 and 7 clear: an answer
    without them does not come from a ticket printer (another device at that address)."""
    if not online and not paper:
        return "l'imprimante ne donne pas son état (ce modèle ne le dit peut-être pas)"
    if not (_is_status(online) and _is_status(paper)):
        return problem("not_printer", where).message
    if paper[0] & 0x60 == 0x60:  # the paper-end sensor
        return problem("paper", where).message
    state = ("en ligne" if not online[0] & 0x08
             else "hors ligne : vérifiez que le capot est bien fermé et qu'elle a du papier")
    low = paper[0] & 0x0C == 0x0C  # the near-end sensor
    return f"{state}, " + ("papier bientôt fini : prévoyez un rouleau neuf" if low
                           else "papier en place")


def _is_status(answer: bytes) -> bool:
    return len(answer) >= 1 and answer[0] & 0x93 == 0x12
