"""The ``kiosk`` command: runs the kiosk, and the staff's command-line tools.

``kiosk`` alone starts the kiosk; ``kiosk SUBCOMMAND`` runs a staff tool. The options
``--config``, ``--data-dir`` and ``--demo`` are accepted before or after the subcommand.
Subcommands live in ``kiosk/commands/*.py``; each module has a ``register(commands)`` function
that adds its own with :meth:`Commands.add` (or a nested group such as ``export``), so adding
one is a few lines. A bad configuration or unreadable data ends with one clear message and
exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.core import memory, paths
from kiosk.core.config import ConfigError, default_config_path, load

if TYPE_CHECKING:
    from kiosk.services import Services

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace, Any], int]

#: Modules that register subcommands (each defines ``register(commands: Commands)``).
COMMAND_MODULES = (
    "kiosk.commands.core",
    "kiosk.commands.questionnaire",
    "kiosk.commands.printing",
    "kiosk.commands.announcements",
    "kiosk.commands.booking",
    "kiosk.commands.ops",
    "kiosk.commands.pin",
    "kiosk.commands.serve",
    "kiosk.commands.audio",
    "kiosk.commands.guides",
    "kiosk.commands.workshops",
    "kiosk.commands.loans",
)

DEMO_CONFIG = paths.DEMO_CONFIG
DEMO_DATA_DIR = paths.DEMO_DATA_DIR


#: How a kiosk started by `kiosk serve` runs: in a browser without the staff area, or with it.
SERVED_MODES = ("browser", "browser-staff")


class UsageError(Exception):
    """A command-line mistake; the message says what to type instead (exit status 2)."""


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("where the school's settings and data are")
    group.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        default=default,
        help=f"the school's kiosk.toml (default: {default_config_path()})",
    )
    group.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        default=default,
        help="data folder (default: [kiosk] data_dir, else the platform's data folder)",
    )
    group.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use the built-in demo school (seeded into the data folder on first use)",
    )


class Commands:
    """Adds subcommands (and groups of them, like ``export KIND``) to the parser."""

    def __init__(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        self._subparsers = subparsers
        self._groups: dict[str, Commands] = {}

    def add(
        self,
        name: str,
        handler: Handler,
        *,
        help: str,
        description: str | None = None,
        needs_services: bool = True,
    ) -> argparse.ArgumentParser:
        """Add ``kiosk NAME``; `handler(args, services)` returns the exit status."""
        parser = self._subparsers.add_parser(
            name, help=help, description=description or help, formatter_class=_Formatter
        )
        _common_options(parser, suppress=True)
        parser.set_defaults(handler=handler, needs_services=needs_services)
        return parser

    def group(self, name: str, *, help: str) -> Commands:
        """A subcommand that takes a kind, e.g. ``kiosk export bookings``."""
        if name not in self._groups:
            parser = self._subparsers.add_parser(
                name, help=help, description=help, formatter_class=_Formatter
            )
            _common_options(parser, suppress=True)
            parser.set_defaults(handler=None, group_parser=parser)
            sub = parser.add_subparsers(dest=f"{name}_kind", metavar="KIND", title="kinds")
            self._groups[name] = Commands(sub)
        return self._groups[name]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The ``kiosk`` parser; without commands it knows only the options (for a fast start)."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description=(
            "Kiosque École–Familles: the reception-desk kiosk for parents, and its staff tools. "
            "Without a subcommand, starts the kiosk."
        ),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common_options(parser, suppress=False)
    # Set by `kiosk serve` on the kiosks it starts for browsers (kiosk/commands/serve.py).
    parser.add_argument("--served", choices=SERVED_MODES, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(handler=run_kiosk, needs_services=True, command=None)
    if with_commands:
        subparsers = parser.add_subparsers(
            dest="command", metavar="SUBCOMMAND", title="subcommands"
        )
        commands = Commands(subparsers)
        for module_name in COMMAND_MODULES:
            importlib.import_module(module_name).register(commands)
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line. Starting the kiosk (no subcommand) does not import the staff
    commands' modules: the options alone are parsed first, and the full parser is built only
    when something else is left (a subcommand, --help, a mistake to report)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    quick = build_parser(with_commands=False)
    quick.exit_on_error = False
    if not any(arg in ("-h", "--help", "--version") for arg in argv):
        try:
            args, rest = quick.parse_known_args(argv)
        except argparse.ArgumentError:
            rest = ["?"]
        if not rest:
            return args
    return build_parser().parse_args(argv)


def resolve_config_path(args: argparse.Namespace) -> Path | None:
    """--config, else the demo school's file with --demo, else the platform's (if present)."""
    if args.config is not None:
        return Path(args.config)
    if args.demo:
        return DEMO_CONFIG
    default = default_config_path()
    return default if default.exists() else None


def resolve_data_dir(args: argparse.Namespace, configured: str) -> Path:
    """--data-dir, else the demo folder with --demo, else the configured or platform folder."""
    if args.data_dir is not None:
        return Path(args.data_dir)
    return paths.default_data_dir(demo=bool(args.demo), configured=configured)


def open_from_args(args: argparse.Namespace) -> Services:
    """Load the configuration, open the data folder and, with --demo, seed the demo school."""
    from kiosk.services import open_services

    config = load(resolve_config_path(args))
    data_dir = resolve_data_dir(args, config.kiosk.data_dir)
    services = open_services(config, data_dir, demo=bool(args.demo),
                             served=getattr(args, "served", None))
    if args.demo:
        from kiosk import demo

        demo.seed(services)
    return services


def run_kiosk(args: argparse.Namespace, services: Services) -> int:
    """Start the full-screen kiosk."""
    return launch(services, **getattr(args, "app_options", {}))


def launch(services: Services, **run_options: Any) -> int:
    """Build the kiosk app and run it until staff close it; returns its exit status.

    ``run_options`` go to :meth:`App.run` (the benchmark runs headless). Started from
    :func:`main`, the garbage collector is paused until the first screen is up (see
    :mod:`kiosk.core.memory`); the app resumes it.
    """
    from kiosk.app import KioskApp

    app = KioskApp(services)
    memory.freeze_start_up()
    app.run(**run_options)
    return app.return_code or 0


def main(argv: Sequence[str] | None = None, **app_options: Any) -> int:
    """Entry point of ``kiosk`` and ``python run_kiosk.py``; returns the exit status.

    ``app_options`` go to :meth:`App.run` when the kiosk starts (the benchmark runs it
    headless, with a pilot that leaves once the first screen is up).
    """
    memory.pause_collector()  # until the kiosk's first screen is up (kiosk/memory.py)
    args = parse_args(argv)
    args.app_options = app_options
    if args.handler is not run_kiosk:
        memory.resume_collector()  # a staff tool: Python's usual collection
    if args.handler is None:
        args.group_parser.print_help(sys.stderr)
        return 2
    try:
        services = open_from_args(args) if args.needs_services else None
        return int(args.handler(args, services))
    except ConfigError as exc:
        print(f"kiosk: configuration error: {exc.describe()}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        from kiosk.core.store import StorageError

        if isinstance(exc, StorageError):
            print(f"kiosk: {exc}", file=sys.stderr)
            return 2
        if isinstance(exc, OSError):
            print(f"kiosk: {exc.filename or ''} {exc.strerror or exc}".strip(), file=sys.stderr)
            return 2
        log.exception("unexpected error in %s", getattr(args, "command", "kiosk"))
        print(
            f"kiosk: unexpected error ({exc.__class__.__name__}: {exc}); "
            "details are in the log file of the data folder.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
