"""The printer's bytes: a ticket as ESC/POS, built with python-escpos's ``Dummy`` printer.

Text the profile's code pages can encode is sent as text; anything else (Arabic, Persian,
Chinese, Romanian ș/ț, Cyrillic without a Cyrillic page…) as a raster image drawn with a font
that covers the script (:mod:`kiosk.printing.raster`).
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from kiosk.core.display import char_width, has_rtl, wrap
from kiosk.core.text import strip_controls
from kiosk.printing.fonts import FontSet
from kiosk.printing.layout import Row, ticket_rows
from kiosk.printing.library import escpos
from kiosk.printing.paper import Paper, columns_for
from kiosk.printing.qr import QRTooLong, module_dots, qr_image, qr_spec
from kiosk.printing.raster import Painter
from kiosk.tickets import Ticket

#: Characters that must go through the raster path even if a code page claims them
#: (Romanian comma-below letters, whose cedilla look-alikes would be wrong).
_FORCE_RASTER = set("șțȘȚ")

log = logging.getLogger(__name__)


class _Encodability:
    """Which characters the printer's code pages can print as text."""

    def __init__(self, printer: Any) -> None:
        self.encoder = printer.magic.encoder
        self.pages = [p for p in self.encoder.codepages if p != "Unknown"]
        self._known: dict[str, bool] = {}

    def char(self, ch: str) -> bool:
        if ord(ch) < 128:
            return True
        found = self._known.get(ch)
        if found is None:
            found = ch not in _FORCE_RASTER and any(
                self.encoder.can_encode(page, ch) for page in self.pages
            )
            self._known[ch] = found
        return found

    def text(self, text: str) -> bool:
        if has_rtl(text):
            return False  # code pages hold unshaped letters; shaping needs the raster path
        return all(self.char(ch) and char_width(ch) == 1 for ch in text)


def _dummy(profile: str, paper: Paper) -> Any:
    escpos()
    from escpos.printer import Dummy

    printer = Dummy(profile=profile or None)
    data = copy.deepcopy(printer.profile.profile_data)
    media = data.setdefault("media", {})
    width = media.setdefault("width", {})
    if not isinstance(width, dict) or str(width.get("pixels", "Unknown")) == "Unknown":
        media["width"] = {"mm": paper.width_mm, "pixels": paper.pixels}
    printer.profile.profile_data = data  # this printer's own copy (never the shared one)
    return printer


def render_escpos(
    ticket: Ticket, paper: Paper, fonts: FontSet, profile: str = "", *, native_qr: bool = True
) -> bytes:
    """The ESC/POS bytes of the ticket for the profile's printer."""
    printer = _dummy(profile, paper)
    can = _Encodability(printer)
    painter = Painter(paper, fonts)
    printer.hw("INIT")
    pending: list[Row] = []

    def flush_raster() -> None:
        if pending:
            raster = painter.draw(pending)
            printer.set(align="left")
            printer.image(raster.image.convert("1", dither=None), impl="bitImageRaster")
            pending.clear()

    for row in ticket_rows(ticket):
        if row.kind == "text" and can.text(row.text):
            flush_raster()
            _text(printer, row, paper)
        elif row.kind == "rule" and not pending:
            printer.set(align="left", bold=False, normal_textsize=True, font="a")
            printer.text("-" * paper.columns + "\n")
        elif row.kind == "qr":
            flush_raster()
            _qr(printer, row.text, paper, native=native_qr)
        elif row.kind == "space" and not pending:
            printer.text("\n")
        else:
            pending.append(row)
    flush_raster()
    printer.set(align="left", bold=False, normal_textsize=True, font="a")
    printer.cut()
    return bytes(printer.output)


def _text(printer: Any, row: Row, paper: Paper) -> None:
    """A paragraph the printer prints with its own font, in the row's style."""
    printer.set(
        align=row.align,
        bold=row.style in ("bold", "big"),
        double_width=row.style == "big",
        double_height=row.style == "big",
        normal_textsize=row.style != "big",
        font="b" if row.style == "small" else "a",
    )
    for line in wrap(strip_controls(row.text), columns_for(paper, row.style)):
        printer.text(line + "\n")


def _qr(printer: Any, payload: str, paper: Paper, *, native: bool) -> None:
    """The QR code, centred: the printer's own when it has one, else an image band.

    Version 10 at most, with module dots chosen so that the code and its quiet zone fit
    the paper (:func:`kiosk.printing.qr.module_dots`); a payload too long gets no code."""
    try:
        spec = qr_spec(payload)
        module = module_dots(spec, paper.pixels, paper.width_mm)
    except QRTooLong as exc:
        log.warning("QR code left out of the ticket: %s", exc)
        return
    printer.set(align="center", normal_textsize=True, bold=False, font="a")
    if native and printer.profile.supports("qrCode"):
        from escpos.constants import QR_ECLEVEL_L, QR_ECLEVEL_M

        level = QR_ECLEVEL_M if spec.level == "M" else QR_ECLEVEL_L
        printer.qr(payload, ec=level, size=module, native=True)
        printer.text("\n")
        return
    from PIL import Image

    qr = qr_image(payload, module)
    band = Image.new("1", (paper.pixels, qr.height), 1)
    band.paste(qr, ((paper.pixels - qr.width) // 2, 0))
    printer.set(align="left")
    printer.image(band, impl="bitImageRaster")
