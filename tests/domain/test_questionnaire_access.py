"""Who may answer, and when: opening and closing dates, one answer per family (one-time
codes that leave no trace on the answers), and the channel (kiosk or paper) of each answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk.core import config as config_module
from kiosk.core.config import ConfigError
from kiosk.questionnaire.dates import AnswerWindow, QuestionnaireClosed, WindowState
from kiosk.questionnaire.family_codes import (
    CodeRefused,
    CodeState,
    FamilyCodes,
    code_hash,
    shown,
)
from kiosk.services import Services
from tests.support import Clock, build_services

ANSWERS = {"A1": 4, "A2": "na"}


def with_questionnaire(demo_config: config_module.Config,
                       **settings: object) -> config_module.Config:
    return config_module.replace(demo_config, "questionnaire", **settings)


def services_with(tmp_path: Path, clock: Clock, cfg: config_module.Config) -> Services:
    return build_services(tmp_path / "data", clock, cfg)


# --- dates -------------------------------------------------------------------------------------


def test_window_states() -> None:
    window = AnswerWindow.from_settings("2027-01-05", "2027-02-05")
    assert window.state(dt.date(2027, 1, 4)) is WindowState.NOT_YET
    assert window.state(dt.date(2027, 1, 5)) is WindowState.OPEN
    assert window.state(dt.date(2027, 2, 5)) is WindowState.OPEN
    assert window.state(dt.date(2027, 2, 6)) is WindowState.CLOSED
    assert AnswerWindow.from_settings("", "").is_open(dt.date(1999, 1, 1))


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        ({"opens": "5 janvier"}, "opens"),
        ({"closes": "2027-02-30"}, "closes"),
        ({"opens": "2027-1-5"}, "opens"),
        ({"opens": "2027-02-05", "closes": "2027-01-05"}, "closes"),
        ({"one_per_family": "yes"}, "one_per_family"),
    ],
)
def test_bad_dates_and_switch_get_a_clear_message(demo_config: config_module.Config,
                                                  settings: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        with_questionnaire(demo_config, **settings)
    assert f"[questionnaire] {key}" in str(caught.value)


def test_a_closed_questionnaire_refuses_an_answer(tmp_path: Path, clock: Clock,
                                                  demo_config: config_module.Config) -> None:
    services = services_with(tmp_path, clock, with_questionnaire(
        demo_config, opens="2026-09-01", closes="2026-11-01"))  # the clock says 2026-11-23
    with pytest.raises(QuestionnaireClosed) as caught:
        services.responses.add_response(services.questionnaire, ANSWERS, "fr")
    assert caught.value.state is WindowState.CLOSED
    assert services.responses.count() == 0


def test_a_questionnaire_not_open_yet_refuses_answers_even_on_paper(
        tmp_path: Path, clock: Clock, demo_config: config_module.Config) -> None:
    services = services_with(tmp_path, clock, with_questionnaire(demo_config, opens="2027-01-05"))
    for channel in ("kiosk", "paper"):
        with pytest.raises(QuestionnaireClosed) as caught:
            services.responses.add_response(services.questionnaire, ANSWERS, "fr",
                                            channel=channel)
        assert caught.value.opens == dt.date(2027, 1, 5)
    assert services.responses.count() == 0
    clock.current = clock.current.replace(year=2027, month=1, day=5)
    services.responses.add_response(services.questionnaire, ANSWERS, "fr")
    assert services.responses.count() == 1


def test_paper_sheets_are_typed_in_after_the_closing_day(
        tmp_path: Path, clock: Clock, demo_config: config_module.Config) -> None:
    services = services_with(tmp_path, clock, with_questionnaire(demo_config, closes="2026-11-20"))
    services.responses.add_response(services.questionnaire, ANSWERS, "ar", channel="paper")
    assert services.responses.channel_counts() == {"kiosk": 0, "paper": 1}


# --- channels ----------------------------------------------------------------------------------


def test_each_response_says_how_it_came(services: Services) -> None:
    book = services.responses
    book.add_response(services.questionnaire, ANSWERS, "fr")
    book.add_response(services.questionnaire, ANSWERS, "tr", channel="paper")
    book.add_response(services.questionnaire, ANSWERS, "fr", channel="paper")
    assert book.channel_counts() == {"kiosk": 1, "paper": 2}
    assert sorted(r.channel for r in book.responses()) == ["kiosk", "paper", "paper"]
    with pytest.raises(ValueError):
        book.add_response(services.questionnaire, ANSWERS, "fr", channel="email")


# --- one answer per family ---------------------------------------------------------------------


@pytest.fixture
def per_family(tmp_path: Path, clock: Clock, demo_config: config_module.Config) -> Services:
    return services_with(tmp_path, clock, with_questionnaire(demo_config, one_per_family=True))


def test_a_used_code_works_once(per_family: Services) -> None:
    codes = per_family.responses.family_codes
    assert codes is not None and per_family.responses.needs_code
    first, second = codes.issue(2)
    assert codes.state(first) is CodeState.VALID
    per_family.responses.add_response(per_family.questionnaire, ANSWERS, "fr", code=first)
    assert codes.state(first) is CodeState.USED
    with pytest.raises(CodeRefused) as caught:
        per_family.responses.add_response(per_family.questionnaire, ANSWERS, "fr", code=first)
    assert caught.value.state is CodeState.USED
    with pytest.raises(CodeRefused):
        per_family.responses.add_response(per_family.questionnaire, ANSWERS, "fr")
    with pytest.raises(CodeRefused):
        per_family.responses.add_response(per_family.questionnaire, ANSWERS, "fr",
                                          code="ABCDEFGH")
    # typed in lower case, with a space: the same code
    per_family.responses.add_response(per_family.questionnaire, ANSWERS, "fr",
                                      code=shown(second).lower())
    assert per_family.responses.count() == 2
    assert (codes.issued(), codes.used()) == (2, 2)


def test_no_stored_response_leads_back_to_its_code(per_family: Services) -> None:
    codes = per_family.responses.family_codes
    assert codes is not None
    issued = codes.issue(6)
    for code, language in zip(issued, ("fr", "ar", "tr", "fr", "ro"), strict=False):
        per_family.responses.add_response(per_family.questionnaire, ANSWERS, language, code=code)
    data_dir = per_family.store.root / per_family.store.year
    responses_text = (data_dir / "responses.json").read_text("utf-8")
    for code in issued:
        for trace in (code, shown(code), code.lower(), code_hash(code)):
            assert trace not in responses_text
    stored = json.loads(responses_text)["responses"]
    for doc in stored.values():
        assert set(doc) == {"answers", "language", "hour", "version", "channel"}
    # the used codes are a sorted set in another file: no time, no order of use
    codes_doc = json.loads((data_dir / "family_codes.json").read_text("utf-8"))
    used = list(codes_doc["used"].values())
    assert len(used) == 1 and set(used[0]) == {"hashes"}
    assert used[0]["hashes"] == sorted(code_hash(c) for c in issued[:5])
    for doc in codes_doc["issued"].values():
        assert set(doc) == {"hash"}


def test_a_code_is_given_back_when_the_answers_cannot_be_stored(
        per_family: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.core.store import StoreWriteError

    codes = per_family.responses.family_codes
    assert codes is not None
    (code,) = codes.issue(1)
    data_file = per_family.store.file("responses")

    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreWriteError(data_file.path, "disk full")

    monkeypatch.setattr(data_file, "_commit", refuse)  # the responses file only
    with pytest.raises(StoreWriteError):
        per_family.responses.add_response(per_family.questionnaire, ANSWERS, "fr", code=code)
    monkeypatch.undo()
    assert per_family.responses.count() == 0
    assert codes.state(code) is CodeState.VALID


def test_paper_answers_need_no_code(per_family: Services) -> None:
    per_family.responses.add_response(per_family.questionnaire, ANSWERS, "fr", channel="paper")
    assert per_family.responses.count() == 1


def test_issue_refuses_silly_counts(services: Services) -> None:
    codes = FamilyCodes(services.store)
    for count in (0, -1, 10**6):
        with pytest.raises(ValueError):
            codes.issue(count)
    assert len(set(codes.issue(50))) == 50


def test_no_code_asked_by_default(services: Services) -> None:
    assert not services.responses.needs_code
    assert dataclasses.asdict(services.config.questionnaire)["one_per_family"] is False
