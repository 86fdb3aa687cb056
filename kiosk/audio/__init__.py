"""Reading the screens aloud: what is said, the speech engine, its cache on disk, the school's
own recordings and the sound player (no Textual here).

* :mod:`kiosk.audio.script` — an :class:`~kiosk.audio.script.Utterance` (logical text and its
  language), the choice line "pour Oui, touchez 1", a code spelled sign by sign;
* :mod:`kiosk.audio.engine` — espeak-ng, called as a program, one voice per language;
* :mod:`kiosk.audio.cache` — synthesised WAV files kept by engine, voice and text;
* :mod:`kiosk.audio.recordings` — human recordings in the data folder's ``audio/LANG/``, the
  recording script and its statuses (recorded / synthesis / outdated);
* :mod:`kiosk.audio.player` — the sound output found at start and the player process;
* :mod:`kiosk.audio.speech` — :class:`~kiosk.audio.speech.Speech`, what the kiosk uses: speak
  a script in a background thread, stop at once, say why there is no sound.
"""
