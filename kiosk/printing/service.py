"""Printing tickets: ESC/POS through python-escpos, a PNG/text preview, a persistent queue.

The shape:

* A printer is named by one string (:func:`parse_printer`): ``preview``,
  ``network:HOST:PORT``, ``usb:VENDOR:PRODUCT``, ``serial:DEVICE[:BAUD]``, ``file:PATH`` or
  ``cups:QUEUE``, with an optional python-escpos profile for the paper width and features.
* :func:`ticket_rows` lays a :class:`~kiosk.tickets.Ticket` out (title, lines, French recap,
  QR code, footer); :func:`render_preview` draws it with Pillow (every script, right-to-left
  shaped and reordered by :func:`kiosk.core.i18n.paper_visual`), :func:`render_text` writes it as
  plain text, :func:`render_escpos` builds the printer's bytes with python-escpos's ``Dummy``
  printer: text the profile's code pages can encode is sent as text, anything else
  (Arabic, Persian, Chinese, Romanian ș/ț, Cyrillic without a Cyrillic page…) as a raster
  image drawn with a font that covers the script.
* :class:`PrintQueue` persists every job (bytes and preview files in ``tickets/``, the record
  in the lasting ``print_queue`` file) *before* it is sent; :class:`PrintService` sends it
  with a short timeout, and a failure leaves it pending for a retry (a background thread,
  the staff print-queue screen or ``kiosk print-queue retry``), across restarts.

python-escpos, qrcode and Pillow are imported only when a ticket is rendered: start-up does
not pay for them. python-escpos calls ``logging.basicConfig()`` at import and ``print()`` in
``image()``; the kiosk's logging is set up first and the profile is given a pixel width, so
nothing is ever written over the Textual screen.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.i18n import N_, char_width, has_rtl, paper_visual, strip_controls, text_width, wrap
from kiosk.core.store import DataFile, StorageError, refused_write, write_atomically
from kiosk.tickets import Ticket, TicketLine

if TYPE_CHECKING:
    from PIL import Image, ImageFont

    from kiosk.core.config import PrinterSettings
    from kiosk.services import Services

log = logging.getLogger(__name__)

# --- printer names ----------------------------------------------------------------------------

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
    if kind == "network":
        host, sep, port_text = rest.rpartition(":")
        if not sep:
            host, port_text = rest, "9100"
        if not host or not _HOST_RE.fullmatch(host):
            raise PrinterSpecError(raw, f'"{host}" is not a host name or address')
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise PrinterSpecError(raw, f'"{port_text}" is not a port number (1-65535)')
        return PrinterSpec("network", host.strip("[]"), port=int(port_text), profile=profile)
    if kind == "usb":
        parts = rest.split(":")
        try:
            if len(parts) != 2:
                raise ValueError
            vendor, product = (int(p.lower().removeprefix("0x"), 16) for p in parts)
            if not (0 <= vendor <= 0xFFFF and 0 <= product <= 0xFFFF):
                raise ValueError
        except ValueError:
            raise PrinterSpecError(raw, "USB ids are two hexadecimal numbers") from None
        return PrinterSpec("usb", vendor=vendor, product=product, profile=profile)
    if kind == "serial":
        device, baud = rest, 9600
        head, sep, tail = rest.rpartition(":")
        if sep and tail.isdigit():
            device, baud = head, int(tail)
        if baud not in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200):
            raise PrinterSpecError(raw, f"{baud} is not a usual baud rate")
        if not device:
            raise PrinterSpecError(raw, "the serial device is missing")
        return PrinterSpec("serial", device, baud=baud, profile=profile)
    if kind == "file":
        return PrinterSpec("file", rest, profile=profile)
    if kind == "cups":
        if not re.fullmatch(r"[^\s/#]+", rest):
            raise PrinterSpecError(raw, f'"{rest}" is not a CUPS queue name')
        return PrinterSpec("cups", rest, profile=profile)
    raise PrinterSpecError(raw, f'"{kind}" is not a kind of printer')


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


# --- python-escpos, imported lazily ------------------------------------------------------------

_escpos_lock = threading.Lock()
_escpos_ready = False


def escpos() -> None:
    """Import python-escpos safely: our logging first (its basicConfig then does nothing)."""
    global _escpos_ready
    if _escpos_ready:
        return
    with _escpos_lock:
        if _escpos_ready:
            return
        root = logging.getLogger()
        if not root.handlers:
            # No log file was set up (a library use): never let basicConfig print to stderr.
            root.addHandler(logging.NullHandler())
        cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kiosk-escpos"
        try:
            cache.mkdir(parents=True, exist_ok=True)
            os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(cache))
        except OSError:
            pass
        import escpos.printer  # noqa: F401

        _escpos_ready = True


# --- paper ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paper:
    """The printable width of the paper roll, in dots and in characters of the printer fonts."""

    width_mm: int
    pixels: int
    columns: int
    small_columns: int

    @property
    def scale(self) -> float:
        return self.pixels / 576


def paper_for(width_mm: int, profile: str = "") -> Paper:
    """The paper of a 58 or 80 mm roll; a profile that knows its printer's width wins."""
    pixels, columns, small = (576, 48, 64) if width_mm >= 80 else (384, 32, 42)
    if profile:
        escpos()
        from escpos.capabilities import get_profile

        data = get_profile(profile).profile_data
        with contextlib.suppress(KeyError, TypeError, ValueError):
            pixels = int(data["media"]["width"]["pixels"])
        fonts = data.get("fonts", {})
        try:
            columns = int(fonts["0"]["columns"])
            small = int(fonts.get("1", {}).get("columns", small))
        except (KeyError, TypeError, ValueError):
            pass
    return Paper(width_mm, pixels, columns, small)


# --- fonts ------------------------------------------------------------------------------------

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)
#: Font files per script, best first: (regular, bold). Debian: fonts-noto-core,
#: fonts-noto-cjk, fonts-dejavu-core.
SCRIPT_FONTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "latin": (
        ("NotoSans-Regular.ttf", "DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
        ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
    ),
    "arabic": (
        ("NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "DejaVuSans.ttf"),
        ("NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Bold.ttf", "DejaVuSans-Bold.ttf"),
    ),
    "cjk": (
        ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
         "wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf"),
        ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "NotoSansSC-Bold.otf",
         "wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf"),
    ),
}
SCRIPT_PACKAGES = {
    "latin": "fonts-noto-core (or fonts-dejavu-core)",
    "arabic": "fonts-noto-core",
    "cjk": "fonts-noto-cjk",
}
SCRIPT_NAMES = {"latin": "latine/cyrillique", "arabic": "arabe", "cjk": "chinoise"}
#: Characters never drawn (bidi controls and isolates left by reordering).
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069\ufeff"))


def script_of(char: str) -> str | None:
    """The font family a character needs (None: neutral, takes its neighbours' font)."""
    code = ord(char)
    if 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "arabic"
    if char_width(char) == 2 or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
        return "cjk"
    if char.isspace() or unicodedata.category(char)[0] in "PSNZ":
        return None
    return "latin"


@lru_cache(maxsize=1)
def _system_font_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        try:
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() in (".ttf", ".otf", ".ttc") and path.name not in found:
                    found[path.name] = path
        except OSError:
            continue
    return found


class FontSet:
    """The fonts that draw tickets: one regular and one bold font per script, and sizes."""

    def __init__(self, configured: str = "", search: Callable[[], dict[str, Path]] | None = None):
        self.configured = configured
        self._search = search or _system_font_files
        self._cache: dict[tuple[str, bool, int], ImageFont.FreeTypeFont | None] = {}
        self._lock = threading.Lock()

    @cached_property
    def files(self) -> dict[tuple[str, bool], Path | None]:
        """(script, bold) → font file (None when nothing covers the script)."""
        system = self._search()
        out: dict[tuple[str, bool], Path | None] = {}
        for script, (regular, bold) in SCRIPT_FONTS.items():
            for is_bold, names in ((False, regular), (True, bold)):
                path = next((system[n] for n in names if n in system), None)
                if path is None and is_bold:
                    path = out.get((script, False))
                out[(script, is_bold)] = path
        return out

    @cached_property
    def configured_font(self) -> Path | None:
        if not self.configured:
            return None
        path = Path(self.configured).expanduser()
        return path if path.is_file() else None

    def warnings(self, scripts: Iterable[str] = SCRIPT_FONTS) -> list[str]:
        """Plain French warnings for staff: configured font missing, scripts without a font."""
        out = []
        if self.configured and self.configured_font is None:
            out.append(f"La police configurée ([printer] font) est introuvable : {self.configured}")
        for script in scripts:
            if self.files.get((script, False)) is None and not self._configured_covers(script):
                out.append(
                    f"Aucune police pour l'écriture {SCRIPT_NAMES[script]} : ces textes ne "
                    f"peuvent pas être imprimés lisiblement. Installez {SCRIPT_PACKAGES[script]}"
                    " ou indiquez une police dans [printer] font."
                )
        return out

    def _configured_covers(self, script: str) -> bool:
        if self.configured_font is None:
            return False
        sample = {"latin": "Aa", "arabic": "ب", "cjk": "中"}[script]
        font = self._load(self.configured_font, 20)
        return font is not None and self.covers(font, sample)

    def font(self, script: str, bold: bool, size: int) -> ImageFont.FreeTypeFont | None:
        key = (script, bold, size)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
            font = None
            configured = self.configured_font
            if configured is not None and self._configured_covers_script(script):
                font = self._load(configured, size)
            if font is None:
                path = self.files.get((script, bold)) or self.files.get((script, False))
                if path is None and script != "latin":
                    path = self.files.get(("latin", bold))
                font = self._load(path, size) if path else None
            if font is None:
                from PIL import ImageFont

                font = ImageFont.load_default(size)  # type: ignore[assignment]
            self._cache[key] = font
            return font

    @lru_cache(maxsize=8)  # noqa: B019 - one FontSet per kiosk
    def _configured_covers_script(self, script: str) -> bool:
        return self._configured_covers(script)

    @staticmethod
    @lru_cache(maxsize=64)
    def _load(path: Path, size: int) -> ImageFont.FreeTypeFont | None:
        from PIL import ImageFont

        index = 0
        if path.suffix.lower() == ".ttc":
            for candidate in range(12):
                try:
                    name = ImageFont.truetype(str(path), 10, index=candidate).getname()[0] or ""
                except OSError:
                    break
                if name.endswith(" SC") or "SC" in name.split():
                    index = candidate
                    break
        try:
            return ImageFont.truetype(
                str(path), size, index=index, layout_engine=ImageFont.Layout.BASIC
            )
        except OSError as exc:
            log.warning("cannot load font %s: %s", path, exc)
            return None

    @staticmethod
    def covers(font: ImageFont.FreeTypeFont, text: str) -> bool:
        """True when `font` has a glyph for every visible character of `text`."""
        from PIL import Image

        def pixels(char: str) -> bytes:
            mask = font.getmask(char)
            return repr(mask.size).encode() + Image.Image()._new(mask).tobytes()

        missing = pixels("\U0010fffd")
        for char in set(text):
            if char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Cc"):
                continue
            if pixels(char) == missing:
                return False
        return True

    def missing_glyphs(self, text: str) -> list[str]:
        """Characters of `text` no font of this set can draw (tofu if printed)."""
        out = []
        for char in sorted(set(text)):
            if char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Cc", "Zs"):
                continue
            script = script_of(char) or "latin"
            font = self.font(script, False, 20)
            if font is None or not self.covers(font, char):
                out.append(char)
        return out


@lru_cache(maxsize=16384)
def _has_glyph(font: ImageFont.FreeTypeFont, char: str) -> bool:
    return FontSet.covers(font, char)


# --- layout -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One laid-out element of a ticket: a paragraph, a rule, the QR code, or some space."""

    kind: str  # text | rule | qr | space
    text: str = ""
    style: str = "normal"
    align: str = "left"  # left | center | right
    rtl: bool = False


def _align(line: TicketLine, rtl: bool) -> str:
    if line.align == "center":
        return "center"
    start, end = ("right", "left") if rtl else ("left", "right")
    return start if line.align == "start" else end


def _rows_of(lines: Iterable[TicketLine], default_rtl: bool) -> list[Row]:
    rows = []
    for line in lines:
        rtl = default_rtl if line.rtl is None else line.rtl
        if line.rule:
            rows.append(Row("rule"))
        rows.append(Row("text", line.text, line.style, _align(line, rtl), rtl))
    return rows


def ticket_rows(ticket: Ticket) -> list[Row]:
    """The ticket from top to bottom: title, lines, French recap, QR code, footer."""
    rows = [Row("text", ticket.title, "big", "center", ticket.rtl), Row("rule")]
    rows += _rows_of(ticket.lines, ticket.rtl)
    if ticket.french:
        rows += [Row("rule"), Row("text", ticket.french_heading, "bold", "left", False)]
        rows += _rows_of(ticket.french, False)
    if ticket.qr:
        rows += [Row("space"), Row("qr", ticket.qr)]
        if ticket.qr_caption:
            rows.append(Row("text", ticket.qr_caption, "small", "center", ticket.rtl))
    rows.append(Row("rule"))
    rows += [Row("text", text, "small", "center", False) for text in ticket.footer]
    return rows


def columns_for(paper: Paper, style: str) -> int:
    if style == "big":
        return paper.columns // 2
    if style == "small":
        return paper.small_columns
    return paper.columns


# --- QR codes ---------------------------------------------------------------------------------


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


# --- raster drawing ---------------------------------------------------------------------------

#: Font sizes in dots for 80 mm paper (203 dpi); 58 mm scales them.
SIZES = {"normal": 22, "bold": 22, "big": 34, "small": 18}
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
        return max(10, round(SIZES[style] * self.paper.scale))

    def _font(self, script: str, style: str) -> ImageFont.FreeTypeFont:
        font = self.fonts.font(script, style in ("bold", "big"), self.size(style))
        assert font is not None
        return font

    def runs(self, visual: str, style: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """Split a visual line into runs drawn with one font each."""
        visual = visual.translate(_INVISIBLE)
        scripts = [script_of(ch) for ch in visual]
        known = [s for s in scripts if s]
        current = known[0] if known else "latin"
        runs: list[tuple[str, str]] = []
        for ch, script in zip(visual, scripts, strict=True):
            script = script or current
            if not ch.isspace() and not _has_glyph(self._font(script, style), ch):
                # A neutral character (dash, symbol) the script's font lacks: any that has it.
                script = next(
                    (s for s in SCRIPT_FONTS if _has_glyph(self._font(s, style), ch)), script
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
        """Wrap a paragraph in logical order so that every visual line fits the paper."""
        usable = self.paper.pixels - 2 * MARGIN
        cells = columns_for(self.paper, row.style)
        while True:
            lines = wrap(row.text, cells)
            visuals = [paper_visual(line, rtl=row.rtl) for line in lines]
            if cells <= 4 or all(self.measure(v, row.style) <= usable for v in visuals):
                return visuals
            cells -= max(1, cells // 12)

    def line_height(self, style: str) -> int:
        return round(self.size(style) * 1.55)

    def draw(self, rows: Sequence[Row], *, qr_module: int | None = None) -> Raster:
        """Draw `rows` (text, rules, space, QR) one under the other on a white image."""
        from PIL import Image, ImageDraw

        width = self.paper.pixels
        module = qr_module or max(3, round(6 * self.paper.scale))
        plan: list[tuple[Row, list[str], int]] = []
        qr_images: dict[str, Image.Image] = {}
        height = MARGIN
        for row in rows:
            if row.kind == "text":
                lines = self.wrap(row)
                h = self.line_height(row.style) * len(lines)
            elif row.kind == "qr":
                qr_images[row.text] = qr_image(row.text, module)
                lines, h = [], qr_images[row.text].height
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


def render_text(ticket: Ticket, paper: Paper) -> str:
    """The ticket as plain text (logical order), wrapped to the paper's columns."""
    out = []
    for row in ticket_rows(ticket):
        cols = paper.columns
        if row.kind == "rule":
            out.append("-" * paper.columns)
        elif row.kind == "space":
            out.append("")
        elif row.kind == "qr":
            out.append(f"[QR] {row.text}")
        else:
            for line in wrap(row.text, cols):
                text = line.upper() if row.style == "big" and not row.rtl else line
                missing = max(0, paper.columns - text_width(text))
                if row.align == "center":
                    text = " " * (missing // 2) + text
                elif row.align == "right":
                    text = " " * missing + text
                out.append(text.rstrip())
    return "\n".join(out) + "\n"


# --- ESC/POS ----------------------------------------------------------------------------------

#: Characters that must go through the raster path even if a code page claims them
#: (Romanian comma-below letters, whose cedilla look-alikes would be wrong).
_FORCE_RASTER = set("șțȘȚ")


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
        elif row.kind == "rule" and not pending:
            printer.set(align="left", bold=False, normal_textsize=True, font="a")
            printer.text("-" * paper.columns + "\n")
        elif row.kind == "qr":
            flush_raster()
            printer.set(align="center", normal_textsize=True, bold=False, font="a")
            if native_qr and printer.profile.supports("qrCode"):
                from escpos.constants import QR_ECLEVEL_M

                printer.qr(row.text, ec=QR_ECLEVEL_M, size=max(3, round(6 * paper.scale)),
                           native=True)
                printer.text("\n")
            else:
                module = max(3, round(6 * paper.scale))
                qr = qr_image(row.text, module)
                from PIL import Image

                band = Image.new("1", (paper.pixels, qr.height), 1)
                band.paste(qr, ((paper.pixels - qr.width) // 2, 0))
                printer.set(align="left")
                printer.image(band, impl="bitImageRaster")
        elif row.kind == "space" and not pending:
            printer.text("\n")
        else:
            pending.append(row)
    flush_raster()
    printer.set(align="left", bold=False, normal_textsize=True, font="a")
    printer.cut()
    return bytes(printer.output)


# --- sending ----------------------------------------------------------------------------------


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


# --- the queue --------------------------------------------------------------------------------

JOBS = "jobs"
#: Finished jobs kept in the queue file (reprints, staff list); older ones are forgotten, with
#: their files, so that every write to the queue stays quick whatever the kiosk has printed.
MAX_FINISHED = 200
TRIM_SLACK = 50
SEQUENCE = "sequence"
STATUSES = ("pending", "printed", "preview", "cancelled")


@dataclass(frozen=True)
class PrintJob:
    """One ticket in the print queue."""

    number: int
    kind: str
    language: str
    title: str
    status: str
    created: str
    attempts: int = 0
    error: str = ""
    printer: str = ""
    printed: str = ""
    duplicate_of: int | None = None

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> PrintJob:
        return cls(
            number=int(doc["number"]),
            kind=str(doc.get("kind", "")),
            language=str(doc.get("language", "")),
            title=str(doc.get("title", "")),
            status=str(doc.get("status", "pending")),
            created=str(doc.get("created", "")),
            attempts=int(doc.get("attempts", 0)),
            error=str(doc.get("error", "")),
            printer=str(doc.get("printer", "")),
            printed=str(doc.get("printed", "")),
            duplicate_of=doc.get("duplicate_of"),
        )


class PrintQueue:
    """The persistent queue: job records in the lasting ``print_queue`` file, files beside."""

    def __init__(self, data_file: DataFile, folder: Path, now: Callable[[], dt.datetime]):
        self.file = data_file
        self.folder = folder
        self.now = now

    def paths(self, number: int) -> dict[str, Path]:
        stem = self.folder / f"ticket-{number:06d}"
        return {ext: stem.with_suffix("." + ext) for ext in ("bin", "png", "txt", "json")}

    def add(
        self,
        ticket: Ticket,
        *,
        data: bytes | None,
        png: bytes,
        text: str,
        printer: str,
        status: str = "pending",
        duplicate_of: int | None = None,
    ) -> PrintJob:
        """Persist a job (files first, then its record) and return it."""
        with self.file.transaction() as db:
            seq = db.table(SEQUENCE)
            current = seq.all()
            number = int(current[0]["next"]) if current else 1
            seq.truncate()
            seq.insert({"next": number + 1})
            paths = self.paths(number)
            try:
                if data is not None:
                    write_atomically(paths["bin"], data)
                write_atomically(paths["png"], png)
                write_atomically(paths["txt"], text.encode("utf-8"))
                # The ticket itself, so a reprint can be marked DUPLICATE and re-rendered
                # (beside the record: the queue file stays small, so every write stays quick).
                write_atomically(
                    paths["json"], json.dumps(_ticket_doc(ticket), ensure_ascii=False).encode()
                )
            except OSError as exc:  # disk full, read-only folder: nothing of this job stays
                self._delete_files([number])
                raise refused_write(paths["png"], exc) from exc
            doc = {
                "number": number,
                "kind": ticket.kind,
                "language": ticket.language,
                "title": ticket.title,
                "status": status,
                "created": self.now().isoformat(timespec="seconds"),
                "attempts": 0,
                "error": "",
                "printer": printer,
                "printed": "",
                "duplicate_of": duplicate_of,
            }
            db.table(JOBS).insert(doc)
            dropped = self._trim(db)
        self._delete_files(dropped)
        return PrintJob.from_doc(doc)

    def _trim(self, db: Any) -> list[int]:
        """Keep the queue file small: forget the oldest finished jobs beyond MAX_FINISHED."""
        from tinydb import Query

        jobs = db.table(JOBS)
        if len(jobs) <= MAX_FINISHED + TRIM_SLACK:
            return []
        finished = sorted(int(d["number"]) for d in jobs.all() if d.get("status") != "pending")
        dropped = finished[: max(0, len(finished) - MAX_FINISHED)]
        if dropped:
            jobs.remove(Query().number.one_of(dropped))
        return dropped

    def _delete_files(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            for path in self.paths(number).values():
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)

    def update(self, number: int, **changes: Any) -> None:
        from tinydb import Query

        with self.file.transaction() as db:
            db.table(JOBS).update(changes, Query().number == number)

    def record_attempt(self, number: int, error: str, when: str) -> None:
        """One more attempt at job `number`: printed (no error) or still pending."""
        from tinydb import Query

        def change(doc: MutableMapping[str, Any]) -> None:
            doc["attempts"] = int(doc.get("attempts", 0)) + 1
            doc["error"] = error[:300]
            if not error:
                doc["status"] = "printed"
                doc["printed"] = when

        with self.file.transaction() as db:
            db.table(JOBS).update(change, Query().number == number)

    def get(self, number: int) -> PrintJob | None:
        doc = self._doc(number)
        return PrintJob.from_doc(doc) if doc else None

    def _doc(self, number: int) -> dict[str, Any] | None:
        from tinydb import Query

        found = self.file.table(JOBS).get(Query().number == number)
        return dict(found) if isinstance(found, dict) else None

    def ticket(self, number: int) -> Ticket | None:
        """The ticket of job `number` (None when it was purged or its file is unreadable)."""
        try:
            raw = json.loads(self.paths(number)["json"].read_text("utf-8"))
            return _ticket_from_doc(raw)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def data(self, number: int) -> bytes | None:
        try:
            return self.paths(number)["bin"].read_bytes()
        except OSError:
            return None

    def jobs(self, statuses: Sequence[str] = STATUSES, limit: int = 200) -> list[PrintJob]:
        """Jobs, most recent first."""
        docs = [d for d in self.file.table(JOBS).all() if d.get("status") in statuses]
        docs.sort(key=lambda d: -int(d["number"]))
        return [PrintJob.from_doc(d) for d in docs[:limit]]

    def pending(self) -> list[PrintJob]:
        """Jobs waiting for the printer, oldest first."""
        return list(reversed(self.jobs(("pending",), limit=10_000)))

    def purge(self, before: dt.datetime) -> int:
        """Forget finished jobs created before `before` (files and records): privacy."""
        from tinydb import Query

        gone: list[int] = []
        with self.file.transaction() as db:
            jobs = db.table(JOBS)
            for doc in jobs.all():
                try:
                    created = dt.datetime.fromisoformat(str(doc.get("created")))
                except ValueError:
                    continue
                if doc.get("status") != "pending" and created < before:
                    gone.append(int(doc["number"]))
            if gone:
                jobs.remove(Query().number.one_of(gone))
        self._delete_files(gone)
        return len(gone)


def _ticket_doc(ticket: Ticket) -> dict[str, Any]:
    def lines(items: Iterable[TicketLine]) -> list[list[Any]]:
        return [[x.text, x.style, x.align, x.rtl, x.rule] for x in items]

    return {
        "kind": ticket.kind, "language": ticket.language, "title": ticket.title,
        "lines": lines(ticket.lines), "french": lines(ticket.french), "qr": ticket.qr,
        "qr_caption": ticket.qr_caption, "footer": list(ticket.footer), "rtl": ticket.rtl,
        "french_heading": ticket.french_heading,
    }


def _ticket_from_doc(doc: dict[str, Any]) -> Ticket:
    def lines(items: Iterable[Sequence[Any]]) -> tuple[TicketLine, ...]:
        return tuple(TicketLine(str(t), str(s), str(a), r, bool(u)) for t, s, a, r, u in items)

    return Ticket(
        kind=str(doc["kind"]), language=str(doc["language"]), title=str(doc["title"]),
        lines=lines(doc.get("lines", [])), french=lines(doc.get("french", [])),
        qr=doc.get("qr"), qr_caption=str(doc.get("qr_caption", "")),
        footer=tuple(str(f) for f in doc.get("footer", [])), rtl=bool(doc.get("rtl")),
        french_heading=str(doc.get("french_heading", "")),
    )


# --- the service ------------------------------------------------------------------------------

_render_lock = threading.Lock()

MESSAGES = {
    "printed": N_("Votre ticket est imprimé. N'oubliez pas de le prendre."),
    "queued": N_(
        "L'imprimante ne répond pas. Votre ticket vous sera donné à l'accueil. "
        "Vous pouvez aussi photographier le code à l'écran."
    ),
    "preview": N_(
        "Voici votre ticket. Photographiez le code avec votre téléphone pour le garder."
    ),
    "failed": N_(
        "Le ticket n'a pas pu être préparé. Demandez-le à l'accueil, s'il vous plaît."
    ),
}


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to a ticket: printed, queued for later, shown as a preview, or failed.

    `message` is a French msgid (marked with N_): translate it with the parent's translator.
    """

    status: str  # printed | queued | preview | failed
    job: int | None
    preview: Path | None
    text: Path | None = None
    error: str = ""

    @property
    def message(self) -> str:
        return MESSAGES[self.status]


class PrintService:
    """Prints tickets for the whole kiosk (thread-safe; one printer at a time)."""

    #: Seconds between two attempts at the pending jobs.
    retry_seconds: float = 30.0

    def __init__(self, services: Services, settings: PrinterSettings | None = None) -> None:
        self.services = services
        self.settings = settings or services.config.printer
        self.queue = PrintQueue(
            services.store.lasting_file("print_queue"),
            services.data_dir / "tickets",
            services.now,
        )
        self._send_lock = threading.Lock()
        self._retry_thread: threading.Thread | None = None
        self._retry_lock = threading.Lock()
        self._stop = threading.Event()
        #: Whether this process saw a job left pending (a ticket that succeeds then retries).
        self._has_pending = True

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
            out.append(f"Imprimante mal configurée : {self.spec}")
        scripts = {"latin"}
        for language in self.services.i18n.languages:
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
            return PrintOutcome("failed", None, None, error="rendering")
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
        return PrintOutcome("failed", None, None, error="printer")

    def _send_job(self, number: int, data: bytes | None) -> str:
        """Send one persisted job and record the attempt; the error ("" when printed)."""
        spec = self.spec
        if data is None:
            data = self.queue.data(number)
        error = ""
        if isinstance(spec, PrinterSpecError):
            error = str(spec.why)
        elif spec.is_preview:
            error = "aucune imprimante configurée (preview)"
        elif data is None:
            error = "fichier du ticket introuvable"
        else:
            try:
                with self._send_lock:
                    send(spec, data, self.settings.timeout)
            except PrinterUnavailable as exc:
                error = str(exc)
        if error:
            log.warning("print job %s not printed: %s", number, error)
        try:
            self.queue.record_attempt(
                number, error, self.services.now().isoformat(timespec="seconds")
            )
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
        days = self.services.config.retention.bookings_days
        return self.queue.purge(self.services.now() - dt.timedelta(days=days))

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

    def print_test(self) -> tuple[PrintOutcome, list[str], str]:
        """Print the test ticket: (outcome, warnings, printer status)."""
        from kiosk.tickets import printer_test_ticket

        ticket = printer_test_ticket(self.services)
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

