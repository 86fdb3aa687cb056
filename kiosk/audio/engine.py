"""The offline speech engine: espeak-ng, run as a program (Debian package ``espeak-ng``).

espeak-ng has a voice for each of the kiosk's twelve languages, needs no network and writes a
WAV file in a few milliseconds; it is called as a separate process (never a library loaded into
the kiosk), so a crash or a hang there cannot take the kiosk with it.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: The espeak-ng voice of each kiosk language (Chinese: Mandarin).
VOICES = {
    "fr": "fr", "en": "en", "ar": "ar", "es": "es", "pt": "pt", "tr": "tr", "ro": "ro",
    "uk": "uk", "ru": "ru", "zh": "cmn", "fa": "fa", "sq": "sq",
}
#: Seconds before a synthesis is given up (a text of a few thousand signs takes well under one).
TIMEOUT = 30.0
#: espeak-ng's words per minute: a little slower than its default (175) for parents who
#: listen in a language they read little.
RATE = 150


class SpeechError(Exception):
    """The engine could not say a text (missing program, unknown voice, failure)."""


@dataclass(frozen=True)
class Espeak:
    """espeak-ng found at `program`."""

    program: str
    name: str = "espeak-ng"

    @classmethod
    def find(cls) -> Espeak | None:
        """espeak-ng on PATH, or None."""
        found = shutil.which("espeak-ng")
        return cls(found) if found else None

    def voice(self, lang: str) -> str:
        """The voice of a kiosk language (a code without a voice: its first part)."""
        return VOICES.get(lang, lang.split("_")[0])

    def synthesize(self, text: str, lang: str, out: Path) -> None:
        """Write `text`, said in `lang`, to the WAV file `out`."""
        argv = [self.program, "-v", self.voice(lang), "-s", str(RATE), "-w", str(out),
                "--stdin"]
        try:
            done = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True,
                                  timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SpeechError(f"{self.name}: {exc}") from exc
        if done.returncode != 0 or not out.exists() or out.stat().st_size <= 44:
            message = done.stderr.decode("utf-8", "replace").strip() or "no sound written"
            raise SpeechError(f"{self.name} ({self.voice(lang)}): {message}")
