"""Printer names: one string says which printer and how to reach it.

``preview``, ``network:HOST:PORT``, ``usb:VENDOR:PRODUCT``, ``serial:DEVICE[:BAUD]``,
``file:PATH`` or ``cups:QUEUE``, with an optional python-escpos profile for the paper width
and features (:func:`parse_printer`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.core.text import strip_controls
from kiosk.printing.library import escpos

SPEC_FORMS = (
    "preview",
    "network:HOST:PORT (e.g. network:192.168.1.50:9100)",
    "usb:VENDOR:PRODUCT (hexadecimal ids, e.g. usb:04b8:0e15)",
    "serial:DEVICE[:BAUD] (e.g. serial:/dev/ttyUSB0:9600)",
    "file:PATH (e.g. file:/dev/usb/lp0)",
    "cups:QUEUE (e.g. cups:TM-T20II)",
)


class PrinterSpecError(ValueError):
    """A printer name that cannot be understood; the message lists the accepted forms."""

    def __init__(self, spec: str, why: str) -> None:
        self.spec = spec
        self.why = why
        forms = "\n  ".join(SPEC_FORMS)
        super().__init__(f'printer "{spec}": {why}. Accepted forms:\n  {forms}')


@dataclass(frozen=True)
class PrinterSpec:
    """Which printer, and how to reach it."""

    kind: str  # preview | network | usb | serial | file | cups
    target: str = ""  # host, device path, CUPS queue
    port: int = 9100
    vendor: int = 0
    product: int = 0
    baud: int = 9600
    profile: str = ""

    @property
    def is_preview(self) -> bool:
        return self.kind == "preview"

    def describe(self) -> str:
        if self.kind == "preview":
            return "preview"
        if self.kind == "network":
            return f"network:{self.target}:{self.port}"
        if self.kind == "usb":
            return f"usb:{self.vendor:04x}:{self.product:04x}"
        if self.kind == "serial":
            return f"serial:{self.target}:{self.baud}"
        return f"{self.kind}:{self.target}"


_HOST_RE = re.compile(r"[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\]")


def parse_printer(spec: str, profile: str = "") -> PrinterSpec:
    """Parse a printer name (see :data:`SPEC_FORMS`); raise :class:`PrinterSpecError`."""
    raw = spec
    spec = spec.strip()
    if spec != strip_controls(spec) or "\n" in spec:
        raise PrinterSpecError(raw, "it contains control characters")
    profile = profile.strip()
    if profile:
        _check_profile(raw, profile)
    if spec in ("", "preview"):
        return PrinterSpec("preview", profile=profile)
    kind, sep, rest = spec.partition(":")
    kind = kind.lower()
    if not sep or not rest:
        raise PrinterSpecError(raw, "unknown printer form")
    parse = _PARSERS.get(kind)
    if parse is None:
        raise PrinterSpecError(raw, f'"{kind}" is not a kind of printer')
    try:
        return replace(parse(rest), profile=profile)
    except _Refused as refused:
        raise PrinterSpecError(raw, str(refused)) from None


class _Refused(ValueError):
    """Why the part after "kind:" is refused (becomes a :class:`PrinterSpecError`)."""


def _network(rest: str) -> PrinterSpec:
    host, sep, port_text = rest.rpartition(":")
    if not sep:
        host, port_text = rest, "9100"
    if not host or not _HOST_RE.fullmatch(host):
        raise _Refused(f'"{host}" is not a host name or address')
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise _Refused(f'"{port_text}" is not a port number (1-65535)')
    return PrinterSpec("network", host.strip("[]"), port=int(port_text))


def _usb(rest: str) -> PrinterSpec:
    parts = rest.split(":")
    try:
        if len(parts) != 2:
            raise ValueError
        vendor, product = (int(p.lower().removeprefix("0x"), 16) for p in parts)
        if not (0 <= vendor <= 0xFFFF and 0 <= product <= 0xFFFF):
            raise ValueError
    except ValueError:
        raise _Refused("USB ids are two hexadecimal numbers") from None
    return PrinterSpec("usb", vendor=vendor, product=product)


def _serial(rest: str) -> PrinterSpec:
    device, baud = rest, 9600
    head, sep, tail = rest.rpartition(":")
    if sep and tail.isdigit():
        device, baud = head, int(tail)
    if baud not in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200):
        raise _Refused(f"{baud} is not a usual baud rate")
    if not device:
        raise _Refused("the serial device is missing")
    return PrinterSpec("serial", device, baud=baud)


def _cups(rest: str) -> PrinterSpec:
    if not re.fullmatch(r"[^\s/#]+", rest):
        raise _Refused(f'"{rest}" is not a CUPS queue name')
    return PrinterSpec("cups", rest)


_PARSERS: dict[str, Callable[[str], PrinterSpec]] = {
    "network": _network,
    "usb": _usb,
    "serial": _serial,
    "file": lambda rest: PrinterSpec("file", rest),
    "cups": _cups,
}


def _check_profile(raw: str, profile: str) -> None:
    names = profile_names()
    if profile not in names:
        close = [n for n in names if n.lower().startswith(profile.lower()[:4])][:8]
        hint = f" (known profiles include: {', '.join(close)})" if close else ""
        raise PrinterSpecError(raw, f'"{profile}" is not a python-escpos printer profile{hint}')


def profile_names() -> list[str]:
    escpos()
    from escpos.capabilities import CAPABILITIES

    return sorted(CAPABILITIES["profiles"])
