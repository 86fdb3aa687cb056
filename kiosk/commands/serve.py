"""``kiosk serve``: the kiosk served to web browsers with textual-serve, safely.

Each browser connection runs its own kiosk process (about 70 MB), so the server:

* accepts a WebSocket only from a page of its own address: the connection's ``Origin`` must
  be the public address (``--public-url``), or the address the browser asked for (its
  ``Host``) when none is given. A page of another site open in any browser on the same
  computer cannot drive the kiosk (book slots, or type wrong PINs to lock the staff out);
* runs at most ``--max-sessions`` kiosks at once; past that, a plain page says the kiosk is
  busy and the WebSocket is refused;
* points browsers at the public address, never at the address it binds (``0.0.0.0`` is no
  address another computer can use);
* starts each served kiosk with ``--served``: the staff area is not offered in a browser unless
  ``--allow-staff`` is given, and then its wrong-PIN lock is the browsers' own, so a browser
  can never lock the reception desk's staff area.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kiosk.cli import UsageError

if TYPE_CHECKING:
    from kiosk.cli import Commands
    from kiosk.services import Services

#: Browser sessions at once by default: a workshop room of parents on the school's tablets.
DEFAULT_MAX_SESSIONS = 12
#: Addresses that only this computer reaches.
LOOPBACK = ("127.0.0.1", "localhost", "::1")

def register(commands: Commands) -> None:
    parser = commands.add(
        "serve",
        serve,
        help="serve the kiosk to a web browser (textual-serve)",
        description=(
            "Each browser connection runs its own kiosk process on the same configuration and "
            "data folder (the storage lock keeps them safe together). Binds to the loopback "
            "address by default: see the README before exposing it on the school network."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    parser.add_argument("--public-url", metavar="URL", default=None,
                        help="the address browsers use to reach the kiosk, e.g. "
                             "https://kiosque.ecole.example (behind a reverse proxy); "
                             "default: the address each browser asked for")
    parser.add_argument("--max-sessions", type=int, default=DEFAULT_MAX_SESSIONS, metavar="N",
                        help="kiosks running at once, each about 70 MB (default: %(default)s)")
    parser.add_argument("--allow-staff", action="store_true",
                        help="offer the staff area in browsers too (its PIN lock is then the "
                             "browsers' own, apart from the reception desk's)")


def kiosk_command(args: argparse.Namespace) -> str:
    """The shell command each browser connection runs: this kiosk, same settings and data."""
    argv = [sys.executable, "-m", "kiosk"]
    if args.config is not None:
        argv += ["--config", str(Path(args.config).resolve())]
    if args.data_dir is not None:
        argv += ["--data-dir", str(Path(args.data_dir).resolve())]
    if args.demo:
        argv.append("--demo")
    argv += ["--served", "browser-staff" if getattr(args, "allow_staff", False) else "browser"]
    return shlex.join(argv)


def check_public_url(url: str | None) -> str | None:
    """``--public-url`` without its trailing slash, or a UsageError naming what is wrong."""
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise UsageError(f"--public-url {url!r}: expected an address like "
                         "https://kiosque.ecole.example or http://192.168.1.20:8000")
    return url.rstrip("/")


def serve(args: argparse.Namespace, services: Services) -> int:
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: expected a port number between 1 and 65535")
    if not 1 <= args.max_sessions <= 1000:
        raise UsageError(f"--max-sessions {args.max_sessions}: expected a number from 1 to 1000")
    public_url = check_public_url(args.public_url)
    if args.host not in LOOPBACK:
        print(
            f"ATTENTION : le kiosque est servi sur {args.host}, pas seulement sur cet "
            "ordinateur. Toute personne qui atteint cette adresse peut l'utiliser (l'espace "
            "personnel reste protégé par le code). Voir le README.",
            file=sys.stderr,
        )
    where = public_url or f"{args.host}:{args.port}"
    services.audit.record("serve", f"Kiosque servi au navigateur sur {where}")
    from kiosk.commands.web_server import KioskServer

    server = KioskServer(kiosk_command(args), host=args.host, port=args.port,
                         title=services.config.school.name or "Kiosque École–Familles",
                         public_url=public_url, max_sessions=args.max_sessions)
    server.serve()
    return 0
