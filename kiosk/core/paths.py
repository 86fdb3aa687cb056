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
#: The demo school: its configuration, and the (git-ignored) folder of its data.
DEMO_CONFIG = DEMO_DIR / "kiosk.toml"
DEMO_DATA_DIR = PROJECT_ROOT / ".demo-data"


def data_dir_for(given: Path | str | None, *, demo: bool, configured: str) -> Path:
    """The data folder: the one given (--data-dir), else the demo's with --demo, else the
    configured one (``[kiosk] data_dir``), else the platform's data folder."""
    if given is not None:
        return Path(given)
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
