"""A QR code drawn in the terminal with half-block characters, dark on white, quiet zone kept.

The code is the printed one (:mod:`kiosk.printing.qr`: version 10 at most, 65 modules with
its quiet zone); the screen that shows it keeps it within its width.

Each terminal cell shows two modules stacked (``▀`` ``▄`` ``█`` or a space), so a module is
about square on a terminal whose cells are twice as high as wide. With ``scale=2`` a module
takes two cells across and one cell down (bigger, for a phone held further away). The colours
are fixed (black on white) whatever the theme: phones read dark modules on a light ground.
"""

from __future__ import annotations

from functools import cached_property

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from kiosk.printing.qr import QUIET_ZONE, qr_matrix, qr_spec

#: Dark modules on a light ground, always.
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")
#: Cells a screen keeps beside a large code (caption and buttons).
SIDE_COLUMN = 36


def qr_cells(payload: str, *, scale: int = 1, border: int = QUIET_ZONE) -> list[str]:
    """The QR code of `payload` as lines of terminal cells (black text on white)."""
    matrix = qr_matrix(payload, border=border)
    if scale >= 2:
        return ["".join(("█" if dark else " ") * scale for dark in row) for row in matrix]
    size = len(matrix)
    lines = []
    for y in range(0, size, 2):
        top = matrix[y]
        bottom = matrix[y + 1] if y + 1 < size else [False] * size
        chars = []
        for up, down in zip(top, bottom, strict=True):
            chars.append("█" if up and down else "▀" if up else "▄" if down else " ")
        lines.append("".join(chars))
    return lines


class QRCode(Widget):
    """A scannable QR code. `scale`: 1 (compact) or 2 (large); None picks what fits."""

    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    def __init__(
        self,
        payload: str,
        *,
        scale: int | None = 1,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.payload = payload
        self.scale = scale

    @cached_property
    def modules(self) -> int:
        """Modules across, quiet zone included (= cells across at scale 1)."""
        return qr_spec(self.payload).with_quiet_zone

    def _scale(self) -> int:
        if self.scale is not None:
            return self.scale
        screen = self.app.size
        # Large: two cells per module across, one down, with room left for a side column.
        fits_large = (self.modules * 2 + SIDE_COLUMN <= screen.width
                      and self.modules + 4 <= screen.height)
        return 2 if fits_large else 1

    def lines(self) -> list[str]:
        return _cells(self.payload, self._scale())

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.modules * (2 if self._scale() >= 2 else 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines())

    def render_line(self, y: int) -> Strip:
        lines = self.lines()
        width = self.size.width
        if y >= len(lines):
            return Strip.blank(width)
        return Strip([Segment(lines[y], QR_STYLE)]).adjust_cell_length(width)


_cache: dict[tuple[str, int], list[str]] = {}


def _cells(payload: str, scale: int) -> list[str]:
    key = (payload, scale)
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 32:
            _cache.clear()
        found = _cache[key] = qr_cells(payload, scale=scale)
    return found
