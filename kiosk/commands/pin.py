"""``kiosk set-pin``: set the PIN that opens the staff area (asked twice, never shown)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError

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

