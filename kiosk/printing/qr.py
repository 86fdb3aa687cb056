"""QR codes as modules and as images (qrcode and Pillow are imported when one is drawn)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image


def qr_matrix(payload: str, *, border: int = 4) -> list[list[bool]]:
    """The QR code of `payload` as rows of modules (True = dark), with a quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(payload)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_image(payload: str, module: int, *, border: int = 4) -> Image.Image:
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
