"""Drawing tickets as images: every script shaped, reordered and drawn with a font that covers it.

:class:`Painter` draws laid-out rows (text, rules, space, QR code) onto a paper-wide image;
:func:`render_preview` draws a whole ticket (the PNG preview); the ESC/POS output uses the same
painter for the lines the printer's code pages cannot print.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.core.display import paper_visual, wrap
from kiosk.printing.fonts import INVISIBLE, SCRIPT_FONTS, FontSet, has_glyph, script_of
from kiosk.printing.layout import Row, ticket_rows
from kiosk.printing.paper import Paper
from kiosk.printing.qr import QRTooLong, module_dots, qr_image, qr_spec
from kiosk.tickets import Ticket

if TYPE_CHECKING:
    from PIL import Image, ImageFont


log = logging.getLogger(__name__)

#: Font sizes (pixels = printer dots) of the lines drawn as images, the same on 58 and 80 mm
#: paper: the capital height matches the printer's own fonts that print the French part
#: (font A, 12×24 dots: capitals about 17 dots high; twice that for "big"; font B for
#: "small"), so that the parent's language prints at least as large as the French text.
SIZES = {"normal": 24, "bold": 24, "big": 48, "small": 18}
MARGIN = 8


@dataclass
class TextBox:
    """Where one wrapped line was drawn on the preview (for checks and tests)."""

    text: str
    box: tuple[int, int, int, int]


@dataclass
class Raster:
    """A drawn ticket (or part of one): the image and where each text line is."""

    image: Image.Image
    boxes: list[TextBox] = field(default_factory=list)
    qr_box: tuple[int, int, int, int] | None = None


class Painter:
    """Draws rows of text (any script), rules and QR codes onto a paper-wide image."""

    def __init__(self, paper: Paper, fonts: FontSet) -> None:
        self.paper = paper
        self.fonts = fonts

    def size(self, style: str) -> int:
        return SIZES[style]

    def _font(self, script: str, style: str) -> ImageFont.FreeTypeFont:
        font = self.fonts.font(script, style in ("bold", "big"), self.size(style))
        assert font is not None
        return font

    def runs(self, visual: str, style: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """Split a visual line into runs drawn with one font each."""
        visual = visual.translate(INVISIBLE)
        scripts = [script_of(ch) for ch in visual]
        known = [s for s in scripts if s]
        current = known[0] if known else "latin"
        runs: list[tuple[str, str]] = []
        for ch, script in zip(visual, scripts, strict=True):
            script = script or current
            if not ch.isspace() and not has_glyph(self._font(script, style), ch):
                # A neutral character (dash, symbol) the script's font lacks: any that has it.
                script = next(
                    (s for s in SCRIPT_FONTS if has_glyph(self._font(s, style), ch)), script
                )
            if runs and runs[-1][1] == script:
                runs[-1] = (runs[-1][0] + ch, script)
            else:
                runs.append((ch, script))
            current = script
        return [(text, self._font(script, style)) for text, script in runs]

    def measure(self, visual: str, style: str) -> float:
        return sum(font.getlength(text) for text, font in self.runs(visual, style))

    def wrap(self, row: Row) -> list[str]:
        """Wrap a paragraph in logical order so that every visual line fits the paper.

        The widest wrapping (in cells) whose lines all fit the printable width in pixels:
        lines fill the real width of the roll, whatever the script and the font."""
        usable = self.paper.pixels - 2 * MARGIN

        def visuals(cells: int) -> list[str]:
            return [paper_visual(line, rtl=row.rtl) for line in wrap(row.text, cells)]

        def fits(cells: int) -> bool:
            return all(self.measure(v, row.style) <= usable for v in visuals(cells))

        low, high = 4, max(8, 3 * usable // self.size(row.style))
        if fits(high):
            return visuals(high)
        while high - low > 1:  # fits(low) (or low is the narrowest wrapping), not fits(high)
            middle = (low + high) // 2
            if fits(middle):
                low = middle
            else:
                high = middle
        return visuals(low)

    def line_height(self, style: str) -> int:
        return round(self.size(style) * 1.55)

    def draw(self, rows: Sequence[Row], *, qr_module: int | None = None) -> Raster:
        """Draw `rows` (text, rules, space, QR) one under the other on a white image."""
        from PIL import Image, ImageDraw

        width = self.paper.pixels
        plan: list[tuple[Row, list[str], int]] = []
        qr_images: dict[str, Image.Image] = {}
        height = MARGIN
        for row in rows:
            if row.kind == "text":
                lines = self.wrap(row)
                h = self.line_height(row.style) * len(lines)
            elif row.kind == "qr":
                code = self._qr(row.text, qr_module)
                if code is None:
                    continue
                qr_images[row.text] = code
                lines, h = [], code.height
            elif row.kind == "rule":
                lines, h = [], max(8, round(14 * self.paper.scale))
            else:
                lines, h = [], self.line_height("normal") // 2
            plan.append((row, lines, h))
            height += h
        height += MARGIN
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        raster = Raster(image)
        y = MARGIN
        for row, lines, h in plan:
            if row.kind == "text":
                lh = self.line_height(row.style)
                for i, visual in enumerate(lines):
                    self._draw_line(draw, visual, row, y + i * lh, raster)
            elif row.kind == "rule":
                mid = y + h // 2
                draw.line([(MARGIN, mid), (width - MARGIN, mid)], fill=0, width=2)
            elif row.kind == "qr":
                qr = qr_images[row.text]
                x = (width - qr.width) // 2
                image.paste(qr.convert("L"), (x, y))
                raster.qr_box = (x, y, x + qr.width, y + qr.height)
            y += h
        return raster

    def _qr(self, payload: str, module: int | None) -> Image.Image | None:
        """The code's image, its module dots chosen to fit the paper; None when too long."""
        try:
            spec = qr_spec(payload)
            dots = module or module_dots(spec, self.paper.pixels, self.paper.width_mm)
        except QRTooLong as exc:
            log.warning("QR code left out of the ticket: %s", exc)
            return None
        return qr_image(payload, dots)

    def _draw_line(self, draw: Any, visual: str, row: Row, top: int, raster: Raster) -> None:
        runs = self.runs(visual, row.style)
        total = sum(font.getlength(text) for text, font in runs)
        width = self.paper.pixels
        if row.align == "center":
            x = (width - total) / 2
        elif row.align == "right":
            x = width - MARGIN - total
        else:
            x = MARGIN
        x = max(float(MARGIN), x)
        baseline = top + round(self.size(row.style) * 1.15)
        left = x
        for text, font in runs:
            draw.text((x, baseline), text, font=font, fill=0, anchor="ls")
            x += font.getlength(text)
        if visual.strip():
            raster.boxes.append(
                TextBox(visual, (int(left), top, int(x) + 1, top + self.line_height(row.style)))
            )


def render_preview(ticket: Ticket, paper: Paper, fonts: FontSet) -> Raster:
    """The whole ticket drawn as it should look on paper (every line raster)."""
    return Painter(paper, fonts).draw(ticket_rows(ticket))


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("1", dither=None).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
