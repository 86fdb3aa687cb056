"""The kiosk's own log file, set up before any library can write over the Textual screen.

python-escpos calls ``logging.basicConfig()`` when imported; once the root logger has our
file handler, that call does nothing, so no log line ever reaches the terminal.
"""

from __future__ import annotations

import logging
from pathlib import Path

_handler: logging.Handler | None = None
_log_file: Path | None = None


def setup(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send every log record to ``<data_dir>/logs/kiosk.log`` (rotated, 5 × 1 MB)."""
    global _handler, _log_file
    log_file = data_dir / "logs" / "kiosk.log"
    if _log_file == log_file and _handler is not None:
        return log_file
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    handler: logging.Handler
    from logging.handlers import RotatingFileHandler

    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    _handler, _log_file = handler, log_file
    return log_file
