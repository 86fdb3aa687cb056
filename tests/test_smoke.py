"""The project imports and the command line answers."""

import subprocess
import sys


def test_version_is_printed() -> None:
    result = subprocess.run(
        [sys.executable, "run_kiosk.py", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("kiosk ")
