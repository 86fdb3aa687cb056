"""End to end: the real kiosk (`python run_kiosk.py --demo`) in tmux at 80×24, driven with
send-keys, read with capture-pane — what a parent at the reception desk would see."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.support.system import require_program

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _tmux() -> None:
    require_program("tmux", "tmux")


class Tmux:
    """One detached tmux session running the kiosk."""

    def __init__(self, command: list[str], width: int = 80, height: int = 24) -> None:
        self.name = f"kiosk-e2e-{uuid.uuid4().hex[:8]}"
        shell_command = " ".join(_quote(part) for part in command)
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
             f"cd {_quote(str(ROOT))} && {shell_command}; sleep 60"],
            check=True,
        )

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def screen(self) -> str:
        done = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True, check=True)
        return done.stdout

    def wait_for(self, text: str, seconds: float = 30) -> str:
        """The screen once it shows `text` (fails with what it shows instead)."""
        deadline = time.monotonic() + seconds
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False,
                       capture_output=True)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def test_a_parent_chooses_a_language_and_a_tile(tmp_path: Path) -> None:
    tmux = Tmux([sys.executable, "run_kiosk.py", "--demo", "--data-dir", str(tmp_path / "d")])
    try:
        welcome = tmux.wait_for("Touch or press 2")
        assert "École élémentaire des Tilleuls" in welcome
        assert "Shqip" in welcome and "中文" in welcome
        tmux.send("2")  # English
        home = tmux.wait_for("What would you like to do?")
        assert "5  Help" in home
        assert "Back (Esc)" in home  # the nav bar is on screen, not below the fold
        tmux.send("5")  # Help
        help_screen = tmux.wait_for("I need help")
        assert "04 78 00 00 00" in help_screen
        tmux.send("C-q")  # a parent cannot quit
        tmux.send("C-c")
        time.sleep(1)
        assert "I need help" in tmux.screen()
        tmux.send("Escape")
        tmux.wait_for("What would you like to do?")
        tmux.send("0")  # change language → the picker
        tmux.wait_for("Choose your language")
        tmux.send("3")  # العربية, shaped and reordered by the kiosk itself
        tmux.wait_for("ﺓﺪﻋﺎﺴﻣ")  # "مساعدة" (Help) in presentation forms, visual order
    finally:
        tmux.close()
