"""The paper roll: printable width in dots and characters (58 or 80 mm, or the profile's)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from kiosk.printing.library import escpos


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


def columns_for(paper: Paper, style: str) -> int:
    if style == "big":
        return paper.columns // 2
    if style == "small":
        return paper.small_columns
    return paper.columns
