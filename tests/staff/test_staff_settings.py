"""Staff settings (saved like a configuration file, applied at once) and the audit log."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from textual.widgets import Button, Checkbox, DataTable, Input, Static

from kiosk.cli import DEMO_CONFIG, main
from kiosk.core.config import ConfigError, load
from kiosk.services import Services
from kiosk.staff import settings
from tests.support import Clock, build_services, new_app


@pytest.fixture
def file_services(tmp_path: Path, clock: Clock) -> Services:
    """Services on a real, commented configuration file of the school."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '# our school\n[school]\nname = "École des Lilas"\n\n[kiosk]\nidle_timeout = 120\n'
        'languages = ["fr", "ar", "en"]\n',
        encoding="utf-8",
    )
    return build_services(tmp_path / "data", clock, load(path))


def test_save_validates_like_at_start_and_keeps_a_bak(file_services: Services) -> None:
    config = file_services.config
    path = config.source
    assert path is not None
    original = path.read_bytes()
    with pytest.raises(ConfigError, match="idle_timeout"):
        settings.save(config, {"kiosk": {"idle_timeout": 5}})
    with pytest.raises(ConfigError, match="catalog"):
        settings.save(config, {"kiosk": {"languages": ["fr", "xx"]}})
    assert path.read_bytes() == original  # refused: nothing written

    new = settings.save(config, {"kiosk": {"idle_timeout": 300, "languages": ["fr", "uk"]}})
    assert new.kiosk.idle_timeout == 300 and new.kiosk.languages == ["fr", "uk"]
    assert load(path) == new  # the kiosk reads back exactly what was saved
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["school"] == {"name": "École des Lilas"}  # other settings untouched
    assert path.with_name("kiosk.toml.bak").read_bytes() == original


def test_save_without_a_file_creates_it_where_the_kiosk_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> None:
    target = tmp_path / "conf" / "kiosk.toml"
    monkeypatch.setattr(settings, "default_config_path", lambda: target)
    services = build_services(tmp_path / "data", clock, load(None))
    where = settings.settings_file(services.config)
    assert where.path == target and not where.exists and where.writable
    new = settings.save(services.config, {"kiosk": {"idle_timeout": 60}})
    assert tomllib.loads(target.read_text(encoding="utf-8")) == {"kiosk": {"idle_timeout": 60}}
    assert load(target) == new.__class__(**{**new.__dict__, "source": target})


def test_demo_configuration_is_never_written(services: Services) -> None:
    assert services.config.source is not None
    before = services.config.source.read_bytes()
    new = settings.save(services.config, {"kiosk": {"idle_timeout": 200}})
    assert new.kiosk.idle_timeout == 200
    assert services.config.source.read_bytes() == before


def test_only_languages_with_a_catalog_are_offered() -> None:
    codes = [lang.code for lang in settings.available_languages()]
    assert codes[0] == "fr" and "ar" in codes
    assert all(c == "fr" or (Path("locales") / c / "LC_MESSAGES" / "kiosk.po").exists()
               for c in codes)


async def test_settings_screen_saves_and_applies(file_services: Services, make_app: Any) -> None:
    from screens.staff.settings import SettingsScreen

    app = make_app(file_services)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.open_staff_area()
        await app.push_screen(SettingsScreen(app.screen_context))
        await pilot.pause()
        note = str(app.screen.query_one("#settings-file", Static).render())
        assert str(file_services.config.source) in note
        # A refused value: explained, nothing changed.
        app.screen.query_one("#settings-idle", Input).value = "3"
        await pilot.click("#settings-save")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#settings-status", Static).render())
        assert "refusé" in status and "idle_timeout" in status
        assert app.idle_timeout == 120
        # A good one: saved, applied to the running kiosk.
        app.screen.query_one("#settings-idle", Input).value = "240"
        app.screen.query_one("#lang-en", Checkbox).value = False
        app.screen.query_one("#lang-uk", Checkbox).value = True
        button = app.screen.query_one("#settings-save")
        while button.has_class("-active"):  # Textual ignores a press during the press effect
            await pilot.pause(0.05)
        button.focus()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#settings-status", Static).render())
        assert "enregistrés" in status
        assert app.idle_timeout == 240
        assert file_services.config.kiosk.languages == ["fr", "ar", "uk"]
        assert [lang.code for lang in file_services.i18n.languages] == ["fr", "ar", "uk"]
        # Back at Welcome, parents are offered exactly the languages chosen.
        await app.leave_staff_area()
        await pilot.pause()
        labels = " ".join(str(b.label) for b in app.screen.query(Button))
        assert "Українська" in labels and "English" not in labels
    assert file_services.config.source is not None
    saved = load(file_services.config.source)
    assert saved.kiosk.idle_timeout == 240 and saved.kiosk.languages == ["fr", "ar", "uk"]
    assert "settings" in [e.action for e in file_services.audit.entries()]


async def test_audit_screen_shows_entries_newest_first(services: Services, make_app: Any,
                                                       clock: Clock) -> None:
    from screens.staff.audit import AuditScreen

    services.audit.record("export", "Résultats exportés")
    clock.advance(minutes=5)
    services.audit.record("purge", "[bold]pas du balisage[/bold]")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.open_staff_area()
        await app.push_screen(AuditScreen(app.screen_context))
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#audit-table", DataTable)
        count = len(services.audit.entries())  # (the demo seeding may have written some)
        assert count >= 2 and table.row_count == count
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first == ["23/11/2026 10:05", "purge (RGPD)", "[bold]pas du balisage[/bold]"]
        status = str(app.screen.query_one("#audit-status", Static).render())
        assert f"{count} actions" in status


def test_export_audit_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    services = build_services(data, Clock())
    services.audit.record("announcement.edit", "=HYPERLINK(\"x\") ; « Réunion »")
    base = ["--config", str(DEMO_CONFIG), "--data-dir", str(data)]
    assert main(["export", "audit", "--format", "csv", "--out", str(tmp_path / "a.csv"),
                 *base]) == 0
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["date", "action", "détail"]
    assert rows[1][1] == "announcement.edit"
    assert rows[1][2] == "'=HYPERLINK(\"x\") ; « Réunion »"  # never a spreadsheet formula
    assert main(["export", "audit", "--format", "json", "--out", str(tmp_path / "a.json"),
                 *base]) == 0
    entries = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert entries[0]["detail"] == "=HYPERLINK(\"x\") ; « Réunion »"
    assert entries[1]["action"] == "export"  # the first export is itself in the log
    assert "entrées écrites" in capsys.readouterr().out


async def test_printer_test_button_reports_the_outcome(services: Services) -> None:
    from screens.staff.settings import SettingsScreen

    app = new_app(services)  # the demo configuration prints to a preview
    async with app.run_test(size=(100, 40)) as pilot:
        await app.open_staff_area()
        await app.push_screen(SettingsScreen(app.screen_context))
        await pilot.pause()
        await pilot.click("#settings-printer-test")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#settings-status", Static).render())
        assert "aperçu" in status
    assert [job.title for job in services.printing.jobs()] != []


@hyp_settings(max_examples=50, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(idle=st.one_of(st.integers(), st.text(max_size=8), st.floats(allow_nan=True)),
       languages=st.lists(st.text(max_size=6), max_size=4))
def test_any_settings_input_is_refused_or_saved_valid(
    file_services: Services, idle: object, languages: list[str]
) -> None:
    path = file_services.config.source
    assert path is not None
    before = path.read_bytes()
    try:
        new = settings.save(file_services.config,
                            {"kiosk": {"idle_timeout": idle, "languages": languages}})
    except ConfigError:
        assert path.read_bytes() == before
    else:
        assert load(path) == new
        path.write_bytes(before)  # next example starts from the same file
