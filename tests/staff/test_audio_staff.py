"""The staff side of the read-aloud voice: the "read each new screen aloud" setting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from kiosk.core.config import load
from tests.support import Clock, build_services, click, new_app, settle


async def test_auto_read_is_set_from_the_settings_screen_and_saved(tmp_path: Path,
                                                                   clock: Clock) -> None:
    from screens.staff.settings import SettingsScreen

    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\nlanguages = ["fr", "ar", "tr"]\n', encoding="utf-8")
    services = build_services(tmp_path / "data", clock, load(path))
    app: Any = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.open_staff_area()
        await app.push_screen(SettingsScreen(app.screen_context))
        await settle(pilot)
        field = app.screen.query_one("#settings-auto-read", Input)
        assert field.value == ""
        field.value = "ar, xx"  # a language without a catalog: refused, nothing changed
        await click(pilot, "#settings-save")
        await settle(pilot)
        status = str(app.screen.query_one("#settings-status", Static).render())
        assert "refusé" in status and "auto_read" in status
        assert services.config.audio.auto_read == []
        field.value = "ar tr"
        await click(pilot, "#settings-save")
        await settle(pilot)
        assert services.config.audio.auto_read == ["ar", "tr"]
    assert load(path).audio.auto_read == ["ar", "tr"]
