"""The ``kiosk set-pin`` command that sets the PIN of one running kiosk.

The PIN lives in the kiosk's data folder: a plain ``kiosk set-pin`` writes it into the
platform's data folder, not the demo's nor a ``--data-dir`` one. The no-PIN dialog shows this
command instead, with the options the kiosk was started with.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from kiosk.core import paths
from kiosk.core.config import Config, default_config_path


def kiosk_program() -> list[str]:
    """How to call ``kiosk`` from a terminal on this computer: its name when it is on the
    PATH, else the full path of the one installed beside this Python, else ``python -m``."""
    beside = Path(sys.executable).parent / "kiosk"
    found = shutil.which("kiosk")
    if found and beside.exists() and Path(found).resolve() == beside.resolve():
        return ["kiosk"]
    if beside.exists():
        return [str(beside.absolute())]
    return [sys.executable, "-m", "kiosk"]


def set_pin_command(config: Config, data_dir: Path, *, demo: bool,
                    program: list[str] | None = None) -> str:
    """The ``set-pin`` command that writes the PIN where a kiosk on `config` and `data_dir`
    reads it: the options (``--demo``, ``--config FILE``, ``--data-dir DIR``) it was started
    with, as far as they change the data folder a plain ``kiosk set-pin`` would use."""
    words = list(kiosk_program() if program is None else program)
    if demo:
        words.append("--demo")
    source = config.source
    usual = paths.DEMO_CONFIG if demo else default_config_path()
    if source is not None and source.resolve() != usual.resolve():
        words += ["--config", str(source.resolve())]
    plain = paths.default_data_dir(demo=demo, configured=config.kiosk.data_dir)
    if plain.resolve() != data_dir.resolve():
        words += ["--data-dir", str(data_dir.resolve())]
    words.append("set-pin")
    return shlex.join(words)
