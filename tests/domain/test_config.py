"""The school's configuration file: defaults, and one clear message for every kind of mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import DEMO_CONFIG, main
from kiosk.core import config
from tests.support.paths import ROOT


def test_no_file_gives_working_defaults() -> None:
    cfg = config.load(None)
    assert cfg.kiosk.idle_timeout == 90
    assert cfg.kiosk.languages[0] == "fr" and len(cfg.kiosk.languages) == 12
    assert cfg.school.timezone == "Europe/Paris"
    assert cfg.printer.printer == "preview"


def test_the_demo_school_file_is_valid() -> None:
    cfg = config.load(DEMO_CONFIG)
    assert cfg.school.name.startswith("École")
    assert cfg.school.families == 180


def test_school_year_follows_the_calendar() -> None:
    import datetime as dt

    assert config.school_year_of(dt.date(2026, 11, 23)) == "2026-2027"
    assert config.school_year_of(dt.date(2027, 6, 30)) == "2026-2027"
    assert config.school_year_of(dt.date(2027, 8, 1)) == "2027-2028"


BAD_FILES = {
    "toml-syntax": ('[school\nname = "x"', ["This is not valid TOML"]),
    "unknown-section": ('[schol]\nname = "x"', ["[schol]", "one of the sections"]),
    "unknown-key": ('[school]\nnmae = "x"', ["[school] nmae", "a known setting", "name"]),
    "wrong-type": ('[kiosk]\nidle_timeout = "long"', ["[kiosk] idle_timeout", "whole number"]),
    "impossible-value": ("[kiosk]\nidle_timeout = 2", ["idle_timeout = 2", "between 10"]),
    "bad-timezone": ('[school]\ntimezone = "Paris"', ["Europe/Paris"]),
    "bad-year": ('[school]\nyear = "2026-2028"', ["consecutive years"]),
    "unknown-language": ('[kiosk]\nlanguages = ["fr", "xx"]', ["no catalog for xx"]),
    "bad-url": ('[online]\nbase_url = "ftp://x"', ["https://"]),
    "bad-paper": ("[printer]\npaper_width = 70", ["58", "80"]),
    "countdown-too-long": (
        "[kiosk]\nidle_timeout = 30\nidle_countdown = 40", ["fewer seconds than idle_timeout"]
    ),
    "not-utf8": (b"[school]\nname = \"\xe9cole\"", ["not UTF-8"]),
    "section-not-table": ('school = "x"', ["a [school] section"]),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_kind_of_bad_file_gives_one_clear_message_and_status_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / "kiosk.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    status = main(["--config", str(path), "--data-dir", str(tmp_path / "data"), "where"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("kiosk: configuration error: ")
    assert str(path) in err
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.toml"
    assert main(["--config", str(missing), "where"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_real_command_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[kiosk]\nbidi = \"sometimes\"\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "run_kiosk.py", "--config", str(path), "where"],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=60,
    )
    assert result.returncode == 2
    assert '[kiosk] bidi = "sometimes": expected one of "app", "terminal".' in result.stderr
    assert "Traceback" not in result.stderr


def test_options_work_before_and_after_the_subcommand(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    assert main(["--demo", "--data-dir", str(data), "where"]) == 0
    first = capsys.readouterr().out
    assert main(["where", "--demo", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out == first
    assert str(DEMO_CONFIG) in first and str(data) in first


def test_replace_validates_like_a_file() -> None:
    cfg = config.load(DEMO_CONFIG)
    changed = config.replace(cfg, "kiosk", idle_timeout=120)
    assert changed.kiosk.idle_timeout == 120
    with pytest.raises(config.ConfigError, match="idle_timeout"):
        config.replace(cfg, "kiosk", idle_timeout=-1)


def test_the_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for section, key, _default, doc in config.reference():
        assert f"`[{section}] {key}`" in readme, f"README lacks [{section}] {key}"
        assert doc


toml_values = st.one_of(
    st.integers(), st.floats(allow_nan=False), st.booleans(), st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    section=st.sampled_from(sorted(config.SECTIONS)),
    key=st.one_of(st.sampled_from(sorted({k for _s, k, _d, _x in config.reference()})),
                  st.text(min_size=1, max_size=10)),
    value=toml_values,
)
def test_any_setting_value_is_accepted_or_clearly_refused(section: str, key: str,
                                                          value: object) -> None:
    try:
        cfg = config.from_mapping({section: {key: value}}, "kiosk.toml")
    except config.ConfigError as exc:
        text = exc.describe()
        assert text.startswith("kiosk.toml: ")
        assert "expected" in text or "one of" in text
    else:
        assert isinstance(cfg, config.Config)
