"""The orientation offered after the questionnaire: who gets it, and what it holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.questionnaire.orientation import MAX_WORKSHOPS, load_local_help
from kiosk.services import Services

NEEDS_HELP = {"D_INTERNET": "none", "D_DEVICES": ["smartphone"], "D_EASE": "a_little"}
AT_EASE = {"D_INTERNET": "box", "D_DEVICES": ["computer"], "D_EASE": "very"}


def test_a_parent_at_ease_gets_no_orientation(demo_services: Services):
    orientation = demo_services.orientation.orientation_for(AT_EASE, "fr")
    assert not orientation.needs_help
    assert orientation.partners == () and orientation.workshops == ()


def test_partners_loans_and_workshops_in_the_parents_language(demo_services: Services):
    orientation = demo_services.orientation.orientation_for(NEEDS_HELP, "ar")
    assert orientation.needs_help
    names = [name for name, _address, _hours in orientation.partners]
    assert "Médiathèque Jean-Macé" in names  # names stay as written
    hours = dict((name, h) for name, _a, h in orientation.partners)["Médiathèque Jean-Macé"]
    assert hours != "Mardi et jeudi, de 14 h à 18 h" and "14" in hours  # translated
    assert "تابلت" in orientation.loan_info or "لوحي" in orientation.loan_info
    assert not orientation.untranslated
    now = demo_services.now()
    assert 0 < len(orientation.workshops) <= MAX_WORKSHOPS
    assert all(start > now for _title, start, _place in orientation.workshops)


def test_a_schools_own_partners_file_wins(tmp_path: Path, services: Services):
    assert load_local_help(services.data_dir).partners == ()  # not the demo: nothing
    (services.data_dir / "partners.toml").write_text(
        'translate = ["hours"]\n[loan]\ntext = "Prêt \\u001b[31m possible"\n'
        '[[partners]]\nname = "Centre social"\naddress = "1 rue X"\nhours = "Le lundi"\n'
        '[[partners]]\naddress = "sans nom"\n',
        encoding="utf-8",
    )
    local = load_local_help(services.data_dir)
    assert [p.name for p in local.partners] == ["Centre social"]
    assert "\x1b" not in local.loan_info
    orientation = services.orientation.orientation_for(NEEDS_HELP, "tr")
    assert orientation.partners == (("Centre social", "1 rue X", "Le lundi"),)
    assert orientation.untranslated == {"Le lundi", local.loan_info}


def test_an_unreadable_partners_file_gives_an_empty_list(services: Services):
    (services.data_dir / "partners.toml").write_text("[[partners]\n", encoding="utf-8")
    assert load_local_help(services.data_dir).partners == ()


async def test_the_workshop_button_opens_registration(make_app: Callable[..., Any],
                                                      demo_services: Services):
    from screens import workshops
    from screens.questionnaire import ThanksScreen

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1")
        orientation = demo_services.orientation.orientation_for(NEEDS_HELP, "fr")
        await app.push_screen(ThanksScreen(app.screen_context, orientation))
        await pilot.pause()
        assert app.screen.query_one("#q-workshops")
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, workshops.WorkshopListScreen)
