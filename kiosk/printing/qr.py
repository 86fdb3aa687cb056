"""QR codes as modules and as images (qrcode and Pillow are imported when one is drawn).

Every code the kiosk prints or shows is of version 10 at most (57 modules, 65 with the quiet
zone): error correction M when the payload fits, else L; a longer payload gets no code
(:class:`QRTooLong`). :func:`module_dots` chooses how many printer dots a module takes so that
the code and its quiet zone fit the paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

#: The largest QR version the kiosk makes (a phone reads it at arm's length on paper).
MAX_VERSION = 10
#: Modules of white around the code (the QR standard asks for 4).
QUIET_ZONE = 4
#: Printer dots a module takes at most: 6 on 80 mm paper, 5 on 58 mm (fewer dots on the
#: narrow roll, so that a version-10 code fits its 384 dots).
MAX_MODULE_DOTS = {80: 6, 58: 5}
#: Never fewer dots a module than this: 4 dots are 0.5 mm on a 203 dpi printer, what a
#: phone camera reads from a ticket held in the hand.
MIN_MODULE_DOTS = 4


class QRTooLong(ValueError):
    """The payload needs a QR code larger than version 10."""


@dataclass(frozen=True)
class QRSpec:
    """How a payload is encoded: version (1–40), error correction ("M" or "L"), modules."""

    version: int
    level: str

    @property
    def modules(self) -> int:
        """Modules across, without the quiet zone."""
        return 17 + 4 * self.version

    @property
    def with_quiet_zone(self) -> int:
        return self.modules + 2 * QUIET_ZONE


@lru_cache(maxsize=64)
def qr_spec(payload: str) -> QRSpec:
    """The smallest code of `payload`: level M if it fits version 10, else L; else refused."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
    from qrcode.exceptions import DataOverflowError

    for level, constant in (("M", ERROR_CORRECT_M), ("L", ERROR_CORRECT_L)):
        code = qrcode.QRCode(error_correction=constant)
        code.add_data(payload)
        try:
            version = code.best_fit()
        except DataOverflowError:
            continue
        if version <= MAX_VERSION:
            return QRSpec(version, level)
    raise QRTooLong(f"{len(payload.encode('utf-8'))} bytes do not fit a QR code of version "
                    f"{MAX_VERSION}")


def fits(payload: str) -> bool:
    """Whether `payload` fits a QR code of version 10 at most."""
    try:
        qr_spec(payload)
    except QRTooLong:
        return False
    return True


@lru_cache(maxsize=64)
def qr_matrix(payload: str, *, border: int = QUIET_ZONE) -> list[list[bool]]:
    """The QR code of `payload` as rows of modules (True = dark), with a quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M

    spec = qr_spec(payload)
    level = ERROR_CORRECT_M if spec.level == "M" else ERROR_CORRECT_L
    code = qrcode.QRCode(version=spec.version, error_correction=level, border=border)
    code.add_data(payload)
    code.make(fit=False)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def module_dots(spec: QRSpec, pixels: int, width_mm: int) -> int:
    """Printer dots per module so that the code and its quiet zone fit `pixels` dots."""
    largest = MAX_MODULE_DOTS[80 if width_mm >= 80 else 58]
    dots = min(largest, pixels // spec.with_quiet_zone)
    if dots < MIN_MODULE_DOTS:
        raise QRTooLong(f"a version {spec.version} code does not fit {pixels} dots")
    return dots


def qr_image(payload: str, module: int, *, border: int = QUIET_ZONE) -> Image.Image:
    """The QR code as a black-on-white image, `module` pixels per module."""
    from PIL import Image

    matrix = qr_matrix(payload, border=border)
    size = len(matrix)
    small = Image.new("1", (size, size), 1)
    pixels = small.load()
    assert pixels is not None
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pixels[x, y] = 0
    return small.resize((size * module, size * module), Image.Resampling.NEAREST)


def qr_svg(payload: str) -> str:
    """A QR code as an inline SVG (black modules on white, quiet zone included)."""
    matrix = qr_matrix(payload)
    size = len(matrix)
    path = "".join(
        f"M{x},{y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges" role="img" aria-label="QR">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>'
    )
