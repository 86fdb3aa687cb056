"""Reaching the printer: open a python-escpos device for a printer name, send a job, ask its
status. Every failure is a :class:`PrinterUnavailable` with a plain reason."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from kiosk.printing.library import escpos
from kiosk.printing.spec import PrinterSpec

log = logging.getLogger(__name__)


class PrinterUnavailable(Exception):
    """The printer could not take the job (offline, paper out, timeout, missing driver)."""


def open_printer(spec: PrinterSpec, timeout: float) -> Any:
    """A python-escpos printer object for `spec` (not yet opened)."""
    escpos()
    from escpos import printer as p

    profile = spec.profile or None
    if spec.kind == "network":
        return p.Network(spec.target, spec.port, timeout=timeout, profile=profile)
    if spec.kind == "file":
        return p.File(spec.target, profile=profile)
    if spec.kind == "usb":
        if not p.Usb.is_usable():
            raise PrinterUnavailable("USB printing needs the pyusb package")
        return p.Usb(spec.vendor, spec.product, timeout=int(timeout * 1000), profile=profile)
    if spec.kind == "serial":
        if not p.Serial.is_usable():
            raise PrinterUnavailable("serial printing needs the pyserial package")
        return p.Serial(spec.target, baudrate=spec.baud, timeout=timeout, profile=profile)
    if spec.kind == "cups":
        if not p.CupsPrinter.is_usable():
            raise PrinterUnavailable("CUPS printing needs the pycups package")
        return p.CupsPrinter(spec.target, profile=profile)
    raise PrinterUnavailable(f"no printer for {spec.describe()}")


def send(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    """Send a rendered job; raise :class:`PrinterUnavailable` with a plain reason."""
    escpos()
    from escpos.exceptions import Error as EscposError

    printer = open_printer(spec, timeout)
    try:
        printer.open()
        if spec.kind == "cups":
            printer._raw(data)
            printer.close()  # CUPS sends the job on close
        else:
            printer._raw(data)
    except (OSError, EscposError, ValueError) as exc:
        raise PrinterUnavailable(_one_line(f"{spec.describe()}: {exc}")) from exc
    except Exception as exc:  # a driver's own error (usb.core.USBError…)
        raise PrinterUnavailable(
            _one_line(f"{spec.describe()}: {exc.__class__.__name__}: {exc}")
        ) from exc
    finally:
        try:
            printer.close()
        except Exception:
            log.debug("closing %s failed", spec.describe(), exc_info=True)
        printer._device = False  # nothing left for __del__ to close


def _one_line(text: str) -> str:
    return " ".join(text.split())


def printer_status(spec: PrinterSpec, timeout: float) -> str:
    """What the printer says about itself (French, for staff), when it can tell."""
    if spec.kind not in ("network", "usb", "serial"):
        return "état non disponible pour ce type d'imprimante"
    escpos()
    printer = open_printer(spec, min(timeout, 2.0))
    try:
        printer.open()
        online = printer.is_online()
        paper = printer.paper_status()
    except Exception as exc:
        return f"état inconnu ({exc.__class__.__name__})"
    finally:
        with contextlib.suppress(Exception):
            printer.close()
        printer._device = False
    papers = {0: "plus de papier", 1: "papier bientôt fini", 2: "papier en place"}
    return f"{'en ligne' if online else 'hors ligne'}, {papers.get(paper, '?')}"
