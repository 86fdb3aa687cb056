"""``kiosk set-pin``: set the PIN that opens the staff area (asked twice, never shown)."""

from __future__ import annotations

import argparse
import getpass
import shlex
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import DEMO_CONFIG, Commands, UsageError, resolve_data_dir
from kiosk.core.config import default_config_path

if TYPE_CHECKING:
    from kiosk.services import Services


def register(commands: Commands) -> None:
    parser = commands.add(
        "set-pin",
        set_pin,
        help="set the PIN that opens the staff area (asked twice, hidden)",
        description=(
            "Sets the staff area's PIN: 4 to 12 digits, typed twice and never shown. Only a "
            "salted scrypt hash is kept. Setting a PIN also lifts the lock that follows five "
            "wrong PINs. At the kiosk, staff open the staff area with Ctrl+E, then the PIN."
        ),
    )
    parser.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from the first line of standard input (for scripts), not asked",
    )


def _read_twice() -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            "set-pin demande le code dans un terminal ; dans un script, utilisez "
            "--pin-stdin (echo 2580 | kiosk set-pin --pin-stdin)."
        )
    try:
        first = getpass.getpass("Nouveau code (4 à 12 chiffres, il ne s'affiche pas) : ")
        second = getpass.getpass("Le même code, encore une fois : ")
    except EOFError:
        raise UsageError("aucun code tapé ; rien n'a changé.") from None
    if first != second:
        raise UsageError(
            "les deux codes sont différents ; rien n'a changé. Tapez deux fois le même code."
        )
    return first


def set_pin(args: argparse.Namespace, services: Services) -> int:
    from kiosk.staff.pin import PinError

    pin = sys.stdin.readline().strip() if args.pin_stdin else _read_twice().strip()
    try:
        services.staff_access.set_pin(pin)
    except PinError as exc:
        raise UsageError(f"{exc} Rien n'a changé.") from None
    services.audit.record("pin.set", "Nouveau code de l'espace personnel")
    print("Le code de l'espace personnel est enregistré dans le dossier de données "
          f"{services.data_dir.resolve()}")
    print("Il ouvre l'espace personnel de la borne qui utilise ce dossier (lancée avec les "
          "mêmes options --demo, --data-dir ou --config). À la borne : Ctrl+E, puis le code.")
    return 0


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
    usual = DEMO_CONFIG if demo else default_config_path()
    if source is not None and source.resolve() != usual.resolve():
        words += ["--config", str(source.resolve())]
    plain = resolve_data_dir(argparse.Namespace(data_dir=None, demo=demo),
                             services.config.kiosk.data_dir)
    if plain.resolve() != services.data_dir.resolve():
        words += ["--data-dir", str(services.data_dir.resolve())]
    words.append("set-pin")
    return shlex.join(words)
