"""How to call ``kiosk`` from this computer's terminal, for the commands the kiosk shows staff
(the no-PIN dialog shows the ``set-pin`` that works for the running kiosk). Imports neither the
command line nor the app, so both may use it."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core import paths
from kiosk.core.config import default_config_path

if TYPE_CHECKING:
    from kiosk.services import Services


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


def set_pin_command(services: Services, program: list[str] | None = None) -> str:
    """The ``set-pin`` command that writes the PIN where this kiosk reads it: the options
    (``--demo``, ``--config FILE``, ``--data-dir DIR``) the kiosk was started with, as far as
    they change the data folder a plain ``kiosk set-pin`` would use."""
    words = list(kiosk_program() if program is None else program)
    demo = services.demo
    if demo:
        words.append("--demo")
    source = services.config.source
    usual = paths.DEMO_CONFIG if demo else default_config_path()
    if source is not None and source.resolve() != usual.resolve():
        words += ["--config", str(source.resolve())]
    plain = paths.data_dir_for(None, demo=demo, configured=services.config.kiosk.data_dir)
    if plain.resolve() != services.data_dir.resolve():
        words += ["--data-dir", str(services.data_dir.resolve())]
    words.append("set-pin")
    return shlex.join(words)
