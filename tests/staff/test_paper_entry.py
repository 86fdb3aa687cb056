"""Staff type in the paper questionnaires by keys only; the answers are stored as ``paper``
and the results say how many came each way."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select, Static

from kiosk.core import config as config_module
from kiosk.questionnaire.content import Item
from kiosk.questionnaire.paper import channel_text, paper_answer
from kiosk.services import Services
from screens.staff.paper_entry import PaperEntryScreen, PaperLine
from tests.support import Clock, build_services, new_app, press, screen_text, start_at


def line(app: object, item_id: str) -> PaperLine:
    return app.screen.query_one(f"#paper-{item_id}", PaperLine)  # type: ignore[attr-defined]


async def test_a_paper_sheet_typed_in_by_keys_only(demo_services: Services) -> None:
    app = new_app(demo_services)
    async with start_at(app, PaperEntryScreen, staff=True, size=(100, 40)) as pilot:
        assert app.focused is line(app, "A1")
        # the sheet's language, from the list (fr, en, ar…): Arabic
        await press(pilot, "shift+tab")
        assert isinstance(app.focused, Select)
        await press(pilot, "enter", "down", "down", "enter")
        assert app.screen.query_one("#paper-language", Select).value == "ar"
        await press(pilot, "tab")
        assert app.focused is line(app, "A1")
        # 19 statements: a statement's key moves on to the next line by itself
        await press(pilot, "4", "0", "7", "1")  # 7 is no answer: stays on B1
        assert (line(app, "A1").value, line(app, "A2").value) == (4, "na")
        assert line(app, "B1").value == 1 and app.focused is line(app, "B2")
        await press(pilot, "up", "backspace")  # B1 cleared
        assert line(app, "B1").value is None
        for _ in range(17):
            await press(pilot, "down")
        # D_DEVICES (multiple): 1 and 2 ticked, 2 unticked, then 4 ("none", exclusive) alone
        assert app.focused is line(app, "D_DEVICES")
        await press(pilot, "1", "2", "2")
        assert line(app, "D_DEVICES").value == ["smartphone"]
        await press(pilot, "enter", "2")  # D_INTERNET: box 2, then on to the next line
        assert app.focused is line(app, "D_SCHOOL_APP")
        for _ in range(6):
            await press(pilot, "down")
        assert app.focused.id == "paper-save"
        await press(pilot, "enter")
        assert "Feuille enregistrée (ar" in screen_text(app)
        # the form is empty again, ready for the next sheet, language kept
        assert line(app, "A1").value is None and app.focused is line(app, "A1")
        assert app.screen.query_one("#paper-language", Select).value == "ar"
        assert "1 sur papier" not in screen_text(app)  # one paper answer: fewer than 5
        assert "moins de 5 sur papier" in str(
            app.screen.query_one("#paper-channels", Static).render())
    (stored,) = [r for r in demo_services.responses.responses() if r.channel == "paper"]
    assert stored.language == "ar"
    assert dict(stored.answers) == {"A1": 4, "A2": "na", "D_DEVICES": ("smartphone",),
                                    "D_INTERNET": demo_services.questionnaire.item(
                                        "D_INTERNET").options[1].id}  # type: ignore[union-attr]


async def test_an_empty_sheet_or_a_questionnaire_not_open_yet_keeps_the_sheet(
        tmp_path: Path, clock: Clock, demo_config: config_module.Config) -> None:
    services = build_services(tmp_path / "data", clock, config_module.replace(
        demo_config, "questionnaire", opens="2027-01-05"))
    app = new_app(services)
    async with start_at(app, PaperEntryScreen, staff=True, size=(100, 40)) as pilot:
        app.screen.query_one("#paper-save").focus()
        await press(pilot, "enter")
        assert "Aucune réponse saisie" in screen_text(app)
        line(app, "A1").focus()
        await press(pilot, "3")
        app.screen.query_one("#paper-save").focus()
        await press(pilot, "enter")
        assert "2027-01-05" in screen_text(app)
        assert line(app, "A1").value == 3  # nothing lost
    assert services.responses.count() == 0


def test_paper_keys(demo_services: Services) -> None:
    questionnaire = demo_services.questionnaire
    statement = questionnaire.item("A1")
    devices = questionnaire.item("D_DEVICES")
    assert isinstance(statement, Item) and isinstance(devices, Item)
    assert [paper_answer(statement, k, None) for k in "0135"] == ["na", 1, 3, 5]
    assert paper_answer(statement, "6", 2) == 2 and paper_answer(statement, "x", 2) == 2
    none = devices.options[3]
    assert paper_answer(devices, "4", [devices.options[0].id]) == [none.id]
    assert paper_answer(devices, "1", [none.id]) == [devices.options[0].id]
    assert paper_answer(devices, "1", [devices.options[0].id]) is None
    assert paper_answer(devices, "9", None) is None


@pytest.mark.parametrize(("kiosk", "paper", "text"), [
    (12, 0, "12 au kiosque, 0 sur papier"),
    (12, 3, "12 au kiosque, moins de 5 sur papier"),
    (40, 7, "40 au kiosque, 7 sur papier"),
])
def test_how_many_came_each_way(kiosk: int, paper: int, text: str) -> None:
    assert text in channel_text({"kiosk": kiosk, "paper": paper}, 5)
