"""python-escpos, imported lazily and safely (our logging first, its profiles cached).

python-escpos calls ``logging.basicConfig()`` at import and ``print()`` in ``image()``; the
kiosk's logging is set up first and the profile is given a pixel width, so nothing is ever
written over the Textual screen. Start-up does not pay for the import: it happens when a
ticket is first rendered or a printer profile is first looked up.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

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
