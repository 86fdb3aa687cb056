"""The command line: `python run_kiosk.py` is `kiosk`; starting the kiosk stays light."""

from __future__ import annotations

import subprocess
import sys

from kiosk import cli
from tests.support.paths import ROOT


def test_version_is_printed() -> None:
    result = subprocess.run(
        [sys.executable, "run_kiosk.py", "--version"], capture_output=True, text=True,
        check=False, cwd=ROOT,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("kiosk ")


def test_no_subcommand_means_the_kiosk_without_loading_staff_commands() -> None:
    code = (
        "import sys; from kiosk.cli import parse_args, run_kiosk, COMMAND_MODULES;"
        "a = parse_args(['--demo', '--data-dir', 'x']);"
        "assert a.handler is run_kiosk and a.demo and a.command is None;"
        "extra = [m for m in COMMAND_MODULES if m in sys.modules];"
        "assert not extra, extra"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr


def test_a_subcommand_is_found_with_options_on_either_side() -> None:
    args = cli.parse_args(["--data-dir", "d", "where", "--demo"])
    assert args.command == "where" and args.demo and str(args.data_dir) == "d"


def test_an_unknown_option_is_a_usage_error(capsys: object) -> None:
    result = subprocess.run(
        [sys.executable, "run_kiosk.py", "--nonsense"], capture_output=True, text=True,
        check=False, cwd=ROOT,
    )
    assert result.returncode == 2
    assert "unrecognized arguments: --nonsense" in result.stderr
    assert "Traceback" not in result.stderr
