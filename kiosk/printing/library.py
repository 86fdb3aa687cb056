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
        if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
            _prepare_profiles_cache()
        import escpos.printer  # noqa: F401

        _escpos_ready = True


def _prepare_profiles_cache() -> None:
    """Give python-escpos a pickle of its printer profiles it can read at once.

    python-escpos pickles its profiles database on first import, writing the file in place:
    another process importing it meanwhile (two kiosks, two test workers, two installs
    sharing a cache) reads a truncated pickle and fails. The pickle is written here first,
    atomically (temporary file, then rename), in a folder of its own for this installation."""
    import hashlib
    import importlib.util
    import json
    import pickle
    import platform
    import tempfile

    found = importlib.util.find_spec("escpos")
    if found is None or not found.submodule_search_locations:
        return
    source = Path(next(iter(found.submodule_search_locations))) / "capabilities.json"
    try:
        stamp = f"{source.resolve()}:{source.stat().st_mtime_ns}"
        root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kiosk-escpos"
        folder = root / hashlib.sha256(stamp.encode()).hexdigest()[:16]
        target = folder / f"{platform.python_version()}.capabilities.pickle"
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            data = json.loads(source.read_text(encoding="utf-8"))
            with tempfile.NamedTemporaryFile(dir=folder, delete=False) as out:
                pickle.dump(data, out)
            os.replace(out.name, target)
    except (OSError, ValueError):
        return  # python-escpos then builds its own cache, as before
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
