"""The listen key on the parent's screens (issue 18, "Read aloud"): it asks the player for the
text a parent would hear, in logical order and in the parent's language; a second press, any
other key or leaving the screen stops the player process; no voice, no button.

The player is a real program writing what it plays to a file (tests/support/audio.py): there
is no sound card here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from kiosk.audio.script import Utterance
from kiosk.bench import runner
from kiosk.services import Services
from screens import booking as booking_screens
from screens.home import HomeScreen
from screens.questionnaire import QuestionScreen
from screens.welcome import LanguagePicker, WelcomeScreen
from tests.support import Clock, build_services, click, new_app, press, settle, start_at, wait_for
from tests.support.audio import audio_config, file_player, require_speech

pytestmark = pytest.mark.usefixtures("_speech")


@pytest.fixture
def _speech() -> None:
    require_speech()


def services_with_voice(tmp_path: Path, clock: Clock, **audio: object) -> Services:
    """The demo school, its voice played by a program that holds the sound until stopped."""
    config = audio_config(file_player(tmp_path / "played", hold=True), **audio)
    return build_services(tmp_path / "data", clock, config, demo=True)


def last_said(services: Services) -> list[Utterance]:
    return services.speech.asked[-1]


async def playing(pilot: Any, services: Services) -> Any:
    """The player process once it plays (the first text synthesised and started)."""
    await wait_for(pilot, lambda: services.speech.process is not None, seconds=30)
    return services.speech.process


def gone(process: Any) -> bool:
    """The player process has ended and was reaped (no such process any more)."""
    if process.poll() is None:
        return False
    try:
        os.kill(process.pid, 0)
    except ProcessLookupError:
        return True
    return False


async def test_home_in_arabic_is_said_in_logical_order_and_a_second_press_stops(
        tmp_path: Path, clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock)
    app = new_app(services)
    async with start_at(app, HomeScreen, language="ar") as pilot:
        assert app.screen.query("#nav-listen")
        await press(pilot, "asterisk")
        tr = services.i18n.translator("ar")
        said = last_said(services)
        assert said[0] == Utterance(tr("Que voulez-vous faire ?"), "ar")
        assert said[1] == Utterance(f"لاختيار {tr('Questionnaire')}، اضغط 1", "ar")
        assert all(u.lang == "ar" for u in said)
        # The logical text, not the shaped and reordered string the screen shows.
        assert said[0].text != services.i18n.display(said[0].text, rtl=True)
        process = await playing(pilot, services)
        await press(pilot, "asterisk")
        assert gone(process)
        assert services.speech.process is None and not services.speech.speaking


async def test_any_other_key_stops_the_voice_and_does_its_job(tmp_path: Path,
                                                             clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock)
    app = new_app(services)
    async with start_at(app, HomeScreen, language="tr") as pilot:
        await press(pilot, "asterisk")
        assert last_said(services)[1].text.endswith("için 1 tuşuna basın")
        process = await playing(pilot, services)
        focused = app.screen.focused
        await press(pilot, "down")
        assert gone(process) and not services.speech.speaking
        assert app.screen.focused is not focused  # the key still moved the focus


async def test_leaving_the_screen_stops_the_voice(tmp_path: Path, clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock)
    app = new_app(services)
    async with start_at(app, HomeScreen, language="fr") as pilot:
        await click(pilot, "#nav-listen")
        process = await playing(pilot, services)
        await click(pilot, "#nav-back")
        await settle(pilot)
        assert not isinstance(app.screen, HomeScreen)
        assert gone(process) and not services.speech.speaking


async def test_welcome_says_each_language_in_that_language(tmp_path: Path,
                                                            clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock)
    app = new_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "asterisk")
        said = last_said(services)
        languages = services.i18n.languages
        assert [u.lang for u in said] == [lang.code for lang in languages]
        for utterance, lang in zip(said, languages, strict=True):
            own = services.i18n.translator(lang.code)
            assert lang.native_name in utterance.text
            assert utterance.text.startswith(own("pour {choice}, touchez {key}").split("{")[0])
        assert said[0].text == "pour Français, touchez 1"
        assert said[1].text == "for English, press 2"
        process = await playing(pilot, services)
        await press(pilot, "2")  # English: Home opens, the voice stops
        assert isinstance(app.screen, HomeScreen)
        assert gone(process)


async def test_the_language_dialog_says_the_names_and_closing_it_stops(
        tmp_path: Path, clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock)
    app = new_app(services)
    async with start_at(app, HomeScreen, language="uk") as pilot:
        await press(pilot, "0")  # change language
        assert isinstance(app.screen, LanguagePicker)
        await press(pilot, "asterisk")
        said = last_said(services)
        assert [u.lang for u in said] == [lang.code for lang in services.i18n.languages]
        assert said[7].text == "щоб вибрати Українська, натисніть 8"
        process = await playing(pilot, services)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert gone(process) and not services.speech.speaking


async def test_a_question_says_its_statement_and_each_answer_with_its_key(
        tmp_path: Path, clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock)
    app = new_app(services)
    async with start_at(app, lambda c: QuestionScreen(c, 0), language="en") as pilot:
        await press(pilot, "asterisk")
        said = [u.text for u in last_said(services)]
        statement = app.screen.query_one("#q-text").text
        assert statement in said
        answers = [line for line in said if line.startswith("for ")]
        assert [line.rsplit(" ", 1)[1] for line in answers][:5] == ["1", "2", "3", "4", "5"]
        assert said.index(statement) < said.index(answers[0])


async def test_a_booking_code_is_spelled(tmp_path: Path, clock: Clock) -> None:
    from tests.flows.test_any_digits import details_screen

    services = services_with_voice(tmp_path, clock)
    app = new_app(services)
    async with start_at(app, details_screen(app), language="es", size=(100, 40)) as pilot:
        await press(pilot, *"Amina")
        await click(pilot, "#details-next")
        await settle(pilot)
        await press(pilot, "2")  # no interpreter (asked: the session is not French)
        await press(pilot, "1")  # I confirm
        assert isinstance(app.screen, booking_screens.BookedScreen)
        code = app.screen.booking.code
        await press(pilot, "asterisk")
        said = [u.text for u in last_said(services)]
        assert ", ".join(code) in said
        assert said[-1] == "para J'ai fini, pulse 2".replace(
            "J'ai fini", services.i18n.translator("es")("J'ai fini"))


async def test_each_new_screen_is_read_where_the_school_asks(tmp_path: Path,
                                                              clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock, auto_read=["ar"])
    app = new_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")  # French: not read aloud
        assert isinstance(app.screen, HomeScreen) and services.speech.asked == []
        await press(pilot, "0")  # change language
        await settle(pilot)
        await click(pilot, "#lang-ar")
        await settle(pilot)
        await press(pilot, "5")  # Help, in Arabic: read as it opens
        await wait_for(pilot, lambda: bool(services.speech.asked))
        assert all(u.lang == "ar" for u in last_said(services))


async def test_no_engine_no_button_and_the_dashboard_says_why(
        tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))  # no espeak-ng (nor anything else) on PATH
    services = build_services(tmp_path / "data", clock,
                              audio_config(file_player(tmp_path / "played")), demo=True)
    assert not services.speech.available
    app = new_app(services)
    async with start_at(app, HomeScreen, language="fr") as pilot:
        assert not app.screen.query("#nav-listen")
        await press(pilot, "asterisk")
        assert services.speech.asked == [] and isinstance(app.screen, HomeScreen)
        await app.open_staff_area()
        await settle(pilot)
        line = str(app.screen.query_one("#dashboard-audio", Static).content)
        assert "indisponible" in line and "espeak-ng" in line


async def test_a_browser_session_offers_no_listen_button(tmp_path: Path, clock: Clock) -> None:
    services = services_with_voice(tmp_path, clock)
    services.served = "browser"
    assert not services.speech.available and "navigateur" in services.speech.why_not
    app = new_app(services)
    async with start_at(app, HomeScreen, language="fr"):
        assert not app.screen.query("#nav-listen")


def test_the_benchmark_has_the_speech_figure() -> None:
    runner._load_feature_figures()
    assert runner.TARGETS["speech_ratio"] == 1.0
