"""The read-aloud voice in tests: there is no sound card here, so the player is a real program
that writes what it plays to a WAV file (sox) and lasts as long as the sound (or until it is
stopped); :func:`seconds` measures a WAV file with soxi."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from tests.support.system import require_program


def require_speech() -> None:
    """espeak-ng and sox (``make debs``: TEST_DEBS in the Makefile)."""
    require_program("espeak-ng", "espeak-ng")
    require_program("sox", "sox")


def file_player(out: Path, *, hold: bool = False) -> str:
    """``[audio] player``: copy each sound to `out`/ (sox), then stay as long as the sound
    lasts (`hold`: until stopped), like a player on a sound card."""
    out.mkdir(parents=True, exist_ok=True)
    wait = "exec sleep 600" if hold else 'exec sleep "$(soxi -D "$1")"'
    script = f'sox -q "$1" "$2/$(basename "$1")" && {wait}'
    return f"sh -c {shlex.quote(script)} sh {{file}} {shlex.quote(str(out))}"


def audio_config(player: str, **settings: object) -> config_module.Config:
    """The demo configuration with this player (and other ``[audio]`` settings)."""
    return config_module.replace(config_module.load(DEMO_CONFIG), "audio", player=player,
                                 **settings)


def seconds(wav: Path) -> float:
    """Length of a sound file (soxi)."""
    done = subprocess.run(["soxi", "-D", str(wav)], capture_output=True, text=True, check=True)
    return float(done.stdout)


def peak(wav: Path) -> float:
    """Largest amplitude in a sound file, 0 to 1 (sox stat): 0 is silence."""
    done = subprocess.run(["sox", str(wav), "-n", "stat"], capture_output=True, text=True,
                          check=True)
    for line in done.stderr.splitlines():
        if line.startswith("Maximum amplitude"):
            return float(line.split(":")[1])
    raise AssertionError(done.stderr)
