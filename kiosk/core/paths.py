"""Where the project's shipped resources live (data/, locales/), the app's name for folders,
and which data folder a kiosk uses when none is given."""

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
#: The demo school's configuration, and its data folder (``kiosk --demo``).
DEMO_CONFIG = DEMO_DIR / "kiosk.toml"
DEMO_DATA_DIR = PROJECT_ROOT / ".demo-data"


def default_data_dir(*, demo: bool, configured: str) -> Path:
    """The data folder without ``--data-dir``: the demo's with ``--demo``, else the
    configuration's ``[kiosk] data_dir``, else the platform's data folder."""
    if demo:
        return DEMO_DATA_DIR
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def catalog_path(code: str, suffix: str = ".po") -> Path:
    """The gettext catalog of one language (`.po` source or `.mo` compiled)."""
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{GETTEXT_DOMAIN}{suffix}"


def catalog_exists(codes: Iterable[str]) -> bool:
    """True when every language code has a catalog (French, the source, always has one)."""
    return all(code == SOURCE_LANGUAGE or catalog_path(code).is_file() for code in codes)
