"""Synthesised speech kept on disk: one WAV file per engine, voice and text.

Saying a screen a second time (or on a kiosk warmed with ``kiosk audio warm``) starts the
sound without running the engine. Files are written under a temporary name and renamed, so a
half-written file is never played.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Protocol


class Engine(Protocol):
    """What the cache needs of a speech engine."""

    @property
    def name(self) -> str: ...

    def voice(self, lang: str) -> str: ...

    def synthesize(self, text: str, lang: str, out: Path) -> None: ...


class SpeechCache:
    """WAV files of synthesised speech in `folder`."""

    def __init__(self, folder: Path, engine: Engine) -> None:
        self.folder = folder
        self.engine = engine

    def path_for(self, text: str, lang: str) -> Path:
        voice = self.engine.voice(lang)
        digest = hashlib.sha256(f"{self.engine.name}\n{voice}\n{text}".encode()).hexdigest()
        return self.folder / voice / f"{digest[:32]}.wav"

    def has(self, text: str, lang: str) -> bool:
        return self.path_for(text, lang).exists()

    def get(self, text: str, lang: str) -> Path:
        """The WAV file of `text` said in `lang`, synthesised now if it is not cached yet."""
        path = self.path_for(text, lang)
        if path.exists():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.stem}.{os.getpid()}-{threading.get_ident()}.partial.wav")
        try:
            self.engine.synthesize(text, lang, partial)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return path
