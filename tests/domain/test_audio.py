"""The read-aloud voice without a screen: espeak-ng speaks every language, the cache, the
school's recordings and their statuses, the player found, the settings and the commands."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from kiosk.audio.cache import SpeechCache
from kiosk.audio.engine import Espeak
from kiosk.audio.player import find_player
from kiosk.audio.recordings import Recordings, script_lines
from kiosk.audio.script import (
    Utterance,
    choice_line,
    cleaned,
    language_names,
    spell,
    voice_language,
)
from kiosk.audio.speech import Speech
from kiosk.cli import main
from kiosk.core import config as config_module
from kiosk.core.config import DEFAULT_LANGUAGES, AudioSettings, ConfigError
from kiosk.core.i18n import I18n
from kiosk.core.school_texts import Status
from tests.support.audio import file_player, peak, require_speech, seconds

#: A real screen's text: Home's title, then its first choice, in each language.
HOME_TITLE = "Que voulez-vous faire ?"


def _espeak() -> Espeak:
    require_speech()
    found = Espeak.find()
    assert found is not None
    return found


@pytest.mark.parametrize("lang", DEFAULT_LANGUAGES)
def test_espeak_says_a_real_screen_in_every_language(lang: str, tmp_path: Path) -> None:
    engine = _espeak()
    tr = I18n(DEFAULT_LANGUAGES).translator(lang)
    title = tr(HOME_TITLE)
    assert lang == "fr" or title != HOME_TITLE  # the translated text, not the French
    longer = " ".join([title, choice_line(tr, tr("Questionnaire"), "1").text,
                       choice_line(tr, tr("Rencontrer un enseignant"), "2").text])
    short_wav, long_wav = tmp_path / "short.wav", tmp_path / "long.wav"
    engine.synthesize(title, lang, short_wav)
    engine.synthesize(longer, lang, long_wav)
    assert peak(short_wav) > 0.05  # not silence
    assert 0.3 < seconds(short_wav) < seconds(long_wav)


def test_arabic_and_chinese_are_played_through_the_player(tmp_path: Path) -> None:
    _espeak()
    out = tmp_path / "played"
    settings = AudioSettings(player=file_player(out))
    speech = Speech(settings, tmp_path / "data")
    assert speech.available, speech.why_not
    i18n = I18n(DEFAULT_LANGUAGES)
    said = [Utterance(i18n.translator("ar")(HOME_TITLE), "ar"),
            Utterance(i18n.translator("zh")(HOME_TITLE), "zh")]
    speech.say(said)
    assert speech.wait(60)
    played = sorted(out.glob("*.wav"))
    assert len(played) == 2
    for wav in played:
        assert seconds(wav) > 0.3 and peak(wav) > 0.05
    # Played from the cache: the same files, one per voice.
    assert {p.parent.name for p in (tmp_path / "data" / "audio-cache").rglob("*.wav")} == {
        "ar", "cmn"}


def test_the_cache_keeps_one_file_per_engine_voice_and_text(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, _espeak())
    first = cache.get("Bonjour", "fr")
    made = first.stat().st_mtime_ns
    assert cache.get("Bonjour", "fr") == first and first.stat().st_mtime_ns == made
    assert cache.path_for("Bonjour", "en") != first
    assert cache.path_for("Bonjour !", "fr") != first
    assert not list(tmp_path.rglob("*.partial.wav"))


def test_a_code_is_spelled_and_keys_are_said_in_the_language() -> None:
    assert spell("K7M 2QX") == "K, 7, M, 2, Q, X"
    i18n = I18n(DEFAULT_LANGUAGES)
    assert choice_line(i18n.translator("fr"), "Oui", "1").text == "pour Oui, touchez 1"
    assert choice_line(i18n.translator("tr"), "Evet", "a").text == "Evet için A tuşuna basın"
    names = language_names(i18n, "1234567890ab")
    assert [said.lang for said in names] == list(DEFAULT_LANGUAGES)
    assert names[2] == Utterance("لاختيار العربية، اضغط 3", "ar")


def test_latin_text_on_a_screen_in_another_script_is_said_in_french() -> None:
    assert voice_language("Réunion de rentrée", "ar") == "fr"
    assert voice_language("لاختيار CP، اضغط 1", "ar") == "ar"
    assert voice_language("Réunion de rentrée", "tr") == "tr"  # Latin script: its own voice
    assert voice_language("2027", "zh") == "zh"
    assert cleaned([Utterance("Bonjour  tout\nle monde", "uk"), Utterance(" ", "uk"),
                    Utterance("Привіт", "uk"), Utterance("Привіт", "uk")]) == [
        Utterance("Bonjour tout le monde", "fr"), Utterance("Привіт", "uk")]


def _record(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["sox", "-n", "-r", "22050", "-c", "1", str(path), "synth", "0.5", "sine",
                    "440"], check=True)


def test_a_recording_replaces_synthesis_and_a_changed_text_makes_it_outdated(
        tmp_path: Path) -> None:
    _espeak()
    speech = Speech(AudioSettings(player=file_player(tmp_path / "out")), tmp_path / "data")
    lines = script_lines("ar")
    home, other = (next(line for line in lines if line.source == source)
                   for source in (HOME_TITLE, "Accueil"))
    _record(tmp_path / "data" / "audio" / "ar" / home.file_name)
    # "Accueil" was recorded when its Arabic text was different: its fingerprint is another.
    _record(tmp_path / "data" / "audio" / "ar" / f"{other.text_id}-0123abcd.ogg")
    assert speech.clip(Utterance(home.text, "ar")) == (
        tmp_path / "data" / "audio" / "ar" / home.file_name)
    synthesised = speech.clip(Utterance(other.text, "ar"))
    assert "audio-cache" in synthesised.parts
    statuses = Recordings(tmp_path / "data" / "audio").statuses("ar")
    assert statuses[Status.TRANSLATED] == [home]
    assert statuses[Status.OUTDATED] == [other]
    assert len(statuses[Status.MISSING]) == len(lines) - 2


def test_no_sound_output_or_engine_or_a_browser_says_why(tmp_path: Path) -> None:
    nothing = find_player("auto", 80, env={"XDG_RUNTIME_DIR": str(tmp_path)})
    if nothing.player is None:  # this machine has no sound card (the tests' usual case)
        assert "sortie son" in nothing.why_not or "lecteur" in nothing.why_not
    missing = find_player("no-such-player --fast", 80)
    assert missing.player is None and "no-such-player" in missing.why_not
    assert find_player('aplay "unclosed', 80).player is None
    browser = Speech(AudioSettings(player="sox"), tmp_path, browser=True)
    assert not browser.available and "navigateur" in browser.why_not
    off = Speech(AudioSettings(enabled=False, player="sox"), tmp_path)
    assert not off.available and "désactivée" in off.why_not
    off.say([Utterance("Bonjour", "fr")])
    assert not off.speaking and off.asked == []


def test_the_player_command_gets_the_file_and_the_volume(tmp_path: Path) -> None:
    found = find_player("sox {file} -n", 80)
    assert found.player is not None
    assert found.player.command(tmp_path / "a.wav")[1:] == [str(tmp_path / "a.wav"), "-n"]
    appended = find_player("sox -q", 80).player
    assert appended is not None and appended.command(Path("x.wav"))[-1] == "x.wav"


def test_audio_settings_are_checked() -> None:
    cfg = config_module.Config()
    assert config_module.replace(cfg, "audio", auto_read=["ar", "tr"]).audio.auto_read == [
        "ar", "tr"]
    with pytest.raises(ConfigError, match="auto_read"):
        config_module.replace(cfg, "audio", auto_read=["klingon!"])
    with pytest.raises(ConfigError, match="volume"):
        config_module.replace(cfg, "audio", volume=150)


def test_the_commands_write_the_script_and_report_the_statuses(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    require_speech()
    data = tmp_path / "data"
    out = tmp_path / "ar.csv"
    assert main(["--demo", "--data-dir", str(data), "audio", "script", "--lang", "ar",
                 "--out", str(out)]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["fichier", "texte", "français"]
    by_source = {row[2]: row for row in rows[1:]}
    assert by_source[HOME_TITLE][1] == "ماذا تريد أن تفعل؟"
    _record(data / "audio" / "ar" / by_source[HOME_TITLE][0])
    capsys.readouterr()
    assert main(["--demo", "--data-dir", str(data), "audio", "check"]) == 0
    report = capsys.readouterr().out
    assert f"ar : 1 enregistré, {len(rows) - 2} synthèse, 0 à réenregistrer" in report
    assert main(["--demo", "--data-dir", str(data), "audio", "script", "--lang", "xx",
                 "--out", str(out)]) == 2
    assert main(["--demo", "--data-dir", str(data), "audio", "warm", "--lang", "sq"]) == 0
    assert "sq : " in capsys.readouterr().out
    assert len(list((data / "audio-cache" / "sq").glob("*.wav"))) >= len(script_lines("sq"))
