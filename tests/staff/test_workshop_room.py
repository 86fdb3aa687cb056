"""Workshop mode by keys only ("Animer l'atelier"): open it from the workshop's staff screen,
tick present and absent with one key, add a walk-in, print the room's guide tickets in each
parent's language (the print queue's jobs), write the sign-in sheet; then the sheet printed by
headless Chromium (``chromium``, ``pdftotext``/``pdfinfo`` from poppler-utils; skipped cleanly
when they are missing, as the paper sheets' tests are)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

from textual.widgets import Input, Select

from kiosk.booking.sign_in import write_sheet
from kiosk.services import Services
from screens.staff.workshop_room import WorkshopRoomScreen
from screens.staff.workshops import WorkshopStaffScreen
from tests.staff.test_paper_sheets import print_to_pdf
from tests.support import press, screen_text, start_at, wait_for
from tests.support.system import require_program

SIZE = (100, 40)


async def tab_to(pilot: Any, widget_id: str, limit: int = 30) -> None:
    """Press Tab until the widget `widget_id` has the focus."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await press(pilot, "tab")
    raise AssertionError(f"Tab never reached #{widget_id}")


async def type_text(pilot: Any, text: str) -> None:
    await press(pilot, *(("space" if c == " " else c) for c in text))


async def test_running_a_workshop_by_keys_only(make_app: Any, demo_services: Services) -> None:
    services = demo_services
    workshops = services.booking.workshops
    workshop = workshops.add_workshop("Découvrir l'ENT", services.now() + dt.timedelta(hours=1),
                                      90, "Salle 4", 3)
    for name, lang in (("Lucie", "fr"), ("Amina", "ar"), ("Olga", "uk")):
        workshops.register(workshop.id, name=name, language=lang, interpreter=lang == "ar")
    jobs_before = len(services.printing.jobs())
    app = make_app()
    async with start_at(app, lambda c: WorkshopStaffScreen(c, workshop.id), size=SIZE,
                        staff=True) as pilot:
        await press(pilot, "f2")  # "Animer l'atelier"
        assert isinstance(app.screen, WorkshopRoomScreen)
        await wait_for(pilot, lambda: "Amina" in screen_text(app))
        text = screen_text(app)
        assert "arabe" in text and "ukrainien" in text and "oui" in text  # language, interpreter
        assert app.focused is not None and app.focused.id == "room-table"
        await press(pilot, "p")  # Lucie present
        await press(pilot, "down", "p")  # Amina present
        await press(pilot, "down", "a")  # Olga absent
        await wait_for(pilot, lambda: "Absence notée" in screen_text(app))
        ticks = {r.name: r.attendance for r in workshops.registrations(workshop.id)}
        assert ticks == {"Lucie": "present", "Amina": "present", "Olga": "absent"}

        # A walk-in: first name, language chosen from the kiosk's languages (the list is full).
        await tab_to(pilot, "walk-name")
        await type_text(pilot, "Mei")
        await press(pilot, "tab")
        select = app.screen.query_one("#walk-lang", Select)
        assert app.focused is select
        codes = list(services.i18n.codes)
        await press(pilot, "enter", *["down"] * (codes.index("zh") + 1), "enter")
        assert select.value == "zh"
        await tab_to(pilot, "walk-add")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: "Mei ajouté" in screen_text(app))
        mei = next(r for r in workshops.registrations(workshop.id) if r.name == "Mei")
        assert (mei.walk_in, mei.attendance, mei.language) == (True, "present", "zh")
        assert app.screen.query_one("#walk-name", Input).value == ""

        # The room's tickets: the first guide, once per parent not absent, in their language.
        await tab_to(pilot, "room-print")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: "ticket(s) du guide" in screen_text(app))
        jobs = services.printing.jobs()[:len(services.printing.jobs()) - jobs_before]
        assert sorted(job.language for job in jobs) == ["ar", "fr", "zh"]
        assert {job.kind for job in jobs} == {"guide"}
        guide = services.guides.all()[0]
        assert {job.title for job in jobs if job.language == "fr"} == {guide.title}

        # The sign-in sheet, into the data folder's reports/.
        await tab_to(pilot, "room-sheet")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: "Feuille d'émargement écrite" in screen_text(app))
    [sheet] = (services.data_dir / "reports").glob("emargement-*.html")
    page = sheet.read_text("utf-8")
    for name in ("Lucie", "Amina", "Olga", "Mei"):
        assert name in page


def test_the_sign_in_sheet_prints_on_one_a4_page_for_12_names(
        demo_services: Services, tmp_path: Path) -> None:
    require_program("pdftotext", "poppler-utils")
    services = demo_services
    workshops = services.booking.workshops
    workshop = workshops.add_workshop("Aider son enfant avec l'ENT",
                                      services.now() + dt.timedelta(days=2), 120, "CDI", 12)
    names = ["Lucie", "Amina", "Olga", "Mei", "Ayşe", "João", "Ioana", "Dmytro", "Nasrin",
             "Arben", "Carmen", "Sophie"]
    langs = ["fr", "ar", "uk", "zh", "tr", "pt", "ro", "uk", "fa", "sq", "es", "en"]
    for name, lang in zip(names, langs, strict=True):
        workshops.register(workshop.id, name=name, language=lang)
    page = write_sheet(workshops, workshop.id, services.config.school.name,
                       tmp_path / "emargement.html")
    pdf = tmp_path / "emargement.pdf"
    print_to_pdf(page, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for name in (*names, "Feuille d'émargement", "Signature", services.config.school.name):
        assert name in text, name
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE) and "(A4)" in info


def test_the_dashboard_shows_the_attendance_figures(demo_services: Services) -> None:
    from screens.staff.dashboard import workshops_text

    services = demo_services
    workshops = services.booking.workshops
    workshop = workshops.add_workshop("Atelier passé", services.now() - dt.timedelta(hours=3),
                                      60, "Salle 4", 5)
    workshops.walk_in(workshop.id, "Mei", "zh")
    text = workshops_text(services.dashboard.gather(query_printer=False))
    assert "Ateliers tenus cette année : 1" in text
    assert "Familles venues : 1 (dont 1 sans inscription)" in text
    assert "peu à l'aise avec le numérique : moins de 5 (non affiché)" in text


async def test_moving_a_workshop_from_its_screen_marks_its_registrants(
        make_app: Any, demo_services: Services) -> None:
    services = demo_services
    workshops = services.booking.workshops
    workshop = workshops.add_workshop("Atelier ENT", services.now() + dt.timedelta(days=2), 60,
                                      "Salle 4", 5)
    lucie = workshops.register(workshop.id, name="Lucie")
    app = make_app()
    async with start_at(app, lambda c: WorkshopStaffScreen(c, workshop.id), size=SIZE,
                        staff=True) as pilot:
        await tab_to(pilot, "m-day")
        await type_text(pilot, "31/02/2026")
        await tab_to(pilot, "workshop-move")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: "⚠" in screen_text(app))  # a bad date: said, nothing moved
        assert services.booking.notices.to_notify() == []
        app.screen.query_one("#m-day", Input).value = ""
        await tab_to(pilot, "m-day")
        await type_text(pilot, "30/11/2026")
        await press(pilot, "tab")
        await type_text(pilot, "14:30")
        await tab_to(pilot, "workshop-move")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: "1 inscrit(s) à prévenir" in screen_text(app))
    moved = workshops.workshop(workshop.id)
    assert moved is not None and f"{moved.start:%d/%m %H:%M}" == "30/11 14:30"
    [line] = services.booking.notices.to_notify()
    assert (line.code, line.why) == (lucie.code, "atelier déplacé ou modifié")
