"""Where the project's shipped resources live (data/, locales/), and the app's name for folders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

APP_NAME = "kiosque-ecole-familles"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
DEMO_DIR = DATA_DIR / "demo"
LOCALES_DIR = PROJECT_ROOT / "locales"
GETTEXT_DOMAIN = "kiosk"
SOURCE_LANGUAGE = "fr"


def catalog_path(code: str, suffix: str = ".po") -> Path:
    """The gettext catalog of one language (`.po` source or `.mo` compiled)."""
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{GETTEXT_DOMAIN}{suffix}"


def catalog_exists(codes: Iterable[str]) -> bool:
    """True when every language code has a catalog (French, the source, always has one)."""
    return all(code == SOURCE_LANGUAGE or catalog_path(code).is_file() for code in codes)
