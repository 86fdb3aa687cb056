"""The fonts that draw tickets: one regular and one bold font per script, found on the system.

Latin and Cyrillic, Arabic and Persian, Chinese: each script has its list of font files, best
first (Debian: fonts-noto-core, fonts-noto-cjk, fonts-dejavu-core); a font may be configured
(``[printer] font``). Missing fonts are reported to staff in plain French, never printed as
empty boxes.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.display import char_width

if TYPE_CHECKING:
    from PIL import ImageFont

log = logging.getLogger(__name__)


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
INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
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
def has_glyph(font: ImageFont.FreeTypeFont, char: str) -> bool:
    return FontSet.covers(font, char)
