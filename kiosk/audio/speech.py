"""Saying a screen aloud: what the kiosk uses (:class:`Speech`).

:meth:`Speech.say` returns at once: a background thread turns each utterance into a sound file
(the school's recording, else the cached or fresh synthesis) and plays them one after the
other with the player process; :meth:`Speech.stop` kills that process and drops the rest, so
the voice stops at once. Only one script is said at a time: a new one stops the old one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import threading
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.audio.engine import Espeak, SpeechError
from kiosk.audio.player import Found, Player, find_player
from kiosk.audio.script import Utterance, cleaned
from kiosk.core.config import AudioSettings

if TYPE_CHECKING:
    from kiosk.audio.cache import SpeechCache
    from kiosk.audio.recordings import Recordings

log = logging.getLogger(__name__)

#: Seconds a stopped player has to end before it is killed outright.
STOP_GRACE = 1.0


class Speech:
    """The kiosk's voice: engine, cache, recordings and player, or why there is none."""

    def __init__(self, settings: AudioSettings, data_dir: Path, *, browser: bool = False,
                 engine: Espeak | None = None, found: Found | None = None) -> None:
        self.settings = settings
        self.engine = engine if engine is not None else Espeak.find()
        self.found = found if found is not None else (
            find_player(settings.player, settings.volume) if not browser else Found(None))
        self.data_dir = data_dir
        self.why_not = self._why_not(browser)
        #: Every script asked for, latest last (the staff's log and the tests read it).
        self.asked: list[list[Utterance]] = []
        #: Called (from the speaking thread) when a sound starts (the benchmark listens).
        self.on_sound: Callable[[Path], None] | None = None
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._turn = 0

    @cached_property
    def cache(self) -> SpeechCache | None:
        """Synthesised speech on disk (None without an engine); built when first used, so
        that the first screen does not wait for it."""
        from kiosk.audio.cache import SpeechCache

        return SpeechCache(self.data_dir / "audio-cache", self.engine) if self.engine else None

    @cached_property
    def recordings(self) -> Recordings:
        """The school's recordings (the data folder's ``audio/``)."""
        from kiosk.audio.recordings import Recordings

        return Recordings(self.data_dir / "audio")

    def _why_not(self, browser: bool) -> str:
        if not self.settings.enabled:
            return "lecture à voix haute désactivée ([audio] enabled = false)"
        if browser:
            return "session dans un navigateur (kiosk serve) : pas de son"
        if self.engine is None:
            return "synthèse vocale espeak-ng non installée (paquet Debian espeak-ng)"
        return self.found.why_not if self.found.player is None else ""

    @property
    def available(self) -> bool:
        """Whether the listen button is offered."""
        return not self.why_not

    @property
    def player(self) -> Player | None:
        return self.found.player

    def auto_read(self, lang: str) -> bool:
        """Whether each new screen is read aloud in `lang` (``[audio] auto_read``)."""
        return self.available and lang in self.settings.auto_read

    # -- saying ----------------------------------------------------------------------------------

    def say(self, utterances: Iterable[Utterance]) -> int:
        """Start saying `utterances` (the previous script stops); returns at once, with the
        turn number that :meth:`stop` may be given."""
        script = cleaned(list(utterances))
        self.stop()
        self._turn += 1
        if not self.available or not script:
            return self._turn
        self.asked.append(script)
        del self.asked[:-20]
        stopped = self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._say, args=(script, stopped),
                                        name="kiosk-speech", daemon=True)
        self._thread.start()
        return self._turn

    @property
    def speaking(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive() and not self._stopped.is_set()

    def stop(self, turn: int | None = None) -> None:
        """Stop the voice now: the player process is ended and the rest is not said.
        With `turn`, only if that turn's script is the one being said (a screen left late
        does not stop the next screen's voice)."""
        if turn is not None and turn != self._turn:
            return
        self._stopped.set()
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            _end(process)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the script being said is over (commands and tests); True if it is."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self.speaking

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The player process playing now, if any."""
        return self._process

    def clip(self, utterance: Utterance) -> Path:
        """The sound file of one utterance: the school's recording, else synthesis."""
        recorded = self.recordings.find(utterance.text, utterance.lang)
        if recorded is not None:
            return recorded
        if self.cache is None:
            raise SpeechError("no speech engine")
        return self.cache.get(utterance.text, utterance.lang)

    def _say(self, script: list[Utterance], stopped: threading.Event) -> None:
        player = self.player
        assert player is not None
        for utterance in script:
            if stopped.is_set():
                return
            try:
                clip = self.clip(utterance)
            except (SpeechError, OSError) as exc:
                log.warning("speech: %s", exc)
                continue
            if not self._play(player, clip, stopped):
                return

    def _play(self, player: Player, clip: Path, stopped: threading.Event) -> bool:
        with self._lock:
            if stopped.is_set():
                return False
            try:
                process = subprocess.Popen(player.command(clip), stdin=subprocess.DEVNULL,
                                           stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL, start_new_session=True)
            except OSError as exc:
                log.warning("speech: the player %s did not start: %s", player.name, exc)
                return False
            self._process = process
        if self.on_sound is not None:
            self.on_sound(clip)
        process.wait()
        with self._lock:
            if self._process is process:
                self._process = None
        return not stopped.is_set()

    # -- ahead of time -------------------------------------------------------------------------

    def warm(self, texts: Iterable[Utterance],
             progress: Callable[[int], None] | None = None) -> tuple[int, list[str]]:
        """Synthesise `texts` into the cache now: (files made, problems)."""
        made = 0
        problems: list[str] = []
        if self.cache is None:
            return 0, [self.why_not or "no speech engine"]
        for index, utterance in enumerate(texts):
            if self.recordings.find(utterance.text, utterance.lang) is None and not (
                    self.cache.has(utterance.text, utterance.lang)):
                try:
                    self.cache.get(utterance.text, utterance.lang)
                    made += 1
                except (SpeechError, OSError) as exc:
                    problems.append(str(exc))
            if progress is not None:
                progress(index + 1)
        return made, problems


def _end(process: subprocess.Popen[bytes]) -> None:
    """End a player process and its children now."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
