"""The sound output, found at start, and the process that plays one file.

Sound is played by the command-line player of the sound system the computer runs, found on
PATH: ``pw-play`` (PipeWire), ``paplay`` (PulseAudio) or ``aplay`` (ALSA), in that order, each
only when its sound server or a sound card is there. Why programs and not a Python audio
package: they come with the sound system itself (no C extension or PortAudio to build on the
kiosk), they play exactly where the desktop sends sound (headphones, a USB speaker), and
stopping the voice at once is killing one process, whose crash can never take the kiosk with
it. ``[audio] player`` may name another command (``{file}`` stands for the file to play).
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Placeholder of the file to play in a player's command line.
FILE = "{file}"


@dataclass(frozen=True)
class Player:
    """A program that plays one sound file and ends (killed to stop it)."""

    name: str
    argv: tuple[str, ...]

    def command(self, file: Path) -> list[str]:
        if FILE in self.argv:
            return [str(file) if arg == FILE else arg for arg in self.argv]
        return [*self.argv, str(file)]


@dataclass(frozen=True)
class Found:
    """The player found, or why there is none (French, for the staff)."""

    player: Player | None
    why_not: str = ""


def _runtime_dir(env: Mapping[str, str]) -> Path | None:
    value = env.get("XDG_RUNTIME_DIR")
    return Path(value) if value else None


def _alsa_card() -> bool:
    try:
        cards = Path("/proc/asound/cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return Path("/dev/snd").is_dir()
    return bool(cards.strip()) and "no soundcards" not in cards


def _system_player(volume: int, env: Mapping[str, str]) -> Found:
    runtime = _runtime_dir(env)
    fraction = max(0, min(volume, 100)) / 100
    pipewire = shutil.which("pw-play")
    if pipewire and runtime and (runtime / "pipewire-0").exists():
        return Found(Player("pw-play", (pipewire, f"--volume={fraction:.2f}")))
    pulse = shutil.which("paplay")
    if pulse and (env.get("PULSE_SERVER") or (runtime and (runtime / "pulse" / "native").exists())):
        return Found(Player("paplay", (pulse, f"--volume={round(fraction * 65536)}")))
    alsa = shutil.which("aplay")
    if alsa and _alsa_card():
        # aplay has no volume of its own: the card's mixer sets it (alsamixer).
        return Found(Player("aplay", (alsa, "-q")))
    if not (pipewire or pulse or alsa):
        return Found(None, "aucun lecteur de son (pw-play, paplay ou aplay) n'est installé")
    return Found(None, "aucune sortie son trouvée (ni serveur PipeWire/PulseAudio, ni carte son)")


def find_player(configured: str, volume: int, env: Mapping[str, str] | None = None) -> Found:
    """The player: the configured command (``[audio] player``), or the system's ("auto")."""
    env = os.environ if env is None else env
    if configured.strip() in ("", "auto"):
        return _system_player(volume, env)
    try:
        argv = tuple(shlex.split(configured))
    except ValueError as exc:
        return Found(None, f"[audio] player illisible ({exc})")
    program = shutil.which(argv[0]) if argv else None
    if program is None:
        return Found(None, f"le lecteur de son « {argv[0] if argv else ''} » est introuvable")
    return Found(Player(Path(argv[0]).name, (program, *argv[1:])))
