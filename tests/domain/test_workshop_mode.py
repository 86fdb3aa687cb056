"""Workshop mode, the domain: walk-ins, moving or changing a workshop (registrants to notify),
the attendance figures, the guided set (registrations made from the questionnaire's
orientation, counted without touching the anonymous answers), and the sign-in sheet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk.booking.attendance import guided_hash
from kiosk.booking.model import StaffError, Workshop
from kiosk.booking.sign_in import sheet_names, sign_in_sheet, write_sheet
from kiosk.cli import DEMO_CONFIG, main
from kiosk.questionnaire.report import PROJECTION_NAME, REPORT_NAME
from kiosk.services import Services
from tests.support import Clock


def workshop_in(services: Services, hours: float, capacity: int = 2,
                title: str = "Atelier ENT") -> Workshop:
    return services.booking.workshops.add_workshop(
        title, services.now() + dt.timedelta(hours=hours), 90, "Salle 4", capacity)


def test_a_walk_in_is_registered_and_present_even_when_full_and_started(
        services: Services, clock: Clock) -> None:
    workshops = services.booking.workshops
    workshop = workshop_in(services, 1, capacity=1)
    workshops.register(workshop.id, name="Ana", language="pt")
    clock.advance(hours=1, minutes=20)  # it has started, and it is full
    added = workshops.walk_in(workshop.id, "  Mei ", "zh")
    assert (added.name, added.language, added.status, added.attendance, added.walk_in) == (
        "Mei", "zh", "registered", "present", True)
    assert [r.name for r in workshops.in_room(workshop.id)] == ["Ana", "Mei"]
    assert workshops.workshop(workshop.id).registered == 2  # type: ignore[union-attr]
    stored = next(r for r in services.booking.records.rows("registrations")
                  if r["id"] == added.id)
    assert stored["walk_in"] is True and stored["phone"] == ""


@pytest.mark.parametrize(("name", "lang", "said"), [
    ("", "ar", "Écrivez le prénom."),
    ("Ana", "", "Choisissez la langue"),
    ("<b>1</b>", "ar", "lettres seulement"),
])
def test_a_bad_walk_in_is_refused_in_french(services: Services, name: str, lang: str,
                                            said: str) -> None:
    workshop = workshop_in(services, 1)
    with pytest.raises(StaffError, match=said):
        services.booking.workshops.walk_in(workshop.id, name, lang)
    assert services.booking.workshops.registrations(workshop.id) == []


def test_a_walk_in_is_added_only_on_the_day_and_not_to_a_cancelled_workshop(
        services: Services) -> None:
    workshops = services.booking.workshops
    later = workshop_in(services, 48)
    with pytest.raises(StaffError, match="le jour de l'atelier"):
        workshops.walk_in(later.id, "Ana", "ar")
    today = workshop_in(services, 2)
    workshops.cancel_workshop(today.id)
    with pytest.raises(StaffError, match="annulé"):
        workshops.walk_in(today.id, "Ana", "ar")


def test_moving_or_changing_a_workshop_marks_its_registrants_to_notify(
        services: Services) -> None:
    workshops, notices = services.booking.workshops, services.booking.notices
    workshop = workshop_in(services, 48, capacity=1)
    ana = workshops.register(workshop.id, name="Ana", phone="0612345678")
    mei = workshops.register(workshop.id, name="Mei")  # waiting: told too
    workshops.edit_workshop(workshop.id, description="Apportez votre téléphone.")
    assert notices.to_notify() == []  # the description alone: nobody to call
    moved, count = workshops.move_workshop(workshop.id,
                                           services.now() + dt.timedelta(days=3), 120)
    assert count == 2 and moved.minutes == 120 and moved.start.day == 26
    lines = {n.code: n for n in notices.to_notify()}
    assert set(lines) == {ana.code, mei.code}
    assert lines[ana.code].why == "atelier déplacé ou modifié"
    assert "26/11/2026" in lines[ana.code].what
    board = services.dashboard.gather(query_printer=False)
    assert {line.who for line in board.to_notify or []} == {"Ana", "Mei"}
    for line in notices.to_notify():
        notices.mark_notified(line.kind, line.id)
    workshops.edit_workshop(workshop.id, place="Salle polyvalente")
    assert {n.code for n in notices.to_notify()} == {ana.code, mei.code}


def test_a_workshop_cannot_be_moved_into_the_past(services: Services) -> None:
    workshop = workshop_in(services, 48)
    with pytest.raises(StaffError, match="à venir"):
        services.booking.workshops.move_workshop(workshop.id,
                                                 services.now() - dt.timedelta(hours=1))
    assert services.booking.workshops.workshop(workshop.id).start == workshop.start  # type: ignore[union-attr]


def _held_workshop(services: Services, clock: Clock,
                   names: list[str]) -> tuple[Workshop, list[str]]:
    """A workshop with `names` registered, then held (the clock moved past it); their codes."""
    workshops = services.booking.workshops
    workshop = workshop_in(services, 2, capacity=20)
    codes = [workshops.register(workshop.id, name=n, phone=f"06000000{i:02d}").code
             for i, n in enumerate(names)]
    clock.advance(hours=3)
    return workshop, codes


def test_the_attendance_figures(services: Services, clock: Clock) -> None:
    workshops = services.booking.workshops
    workshop, _ = _held_workshop(services, clock, ["Ana", "Mei", "Olga", "Ali"])
    regs = workshops.registrations(workshop.id)
    for reg, tick in zip(regs, ["present", "present", "absent", ""], strict=True):
        if tick:
            workshops.set_attendance(reg.id, tick)
    clock.advance(hours=-3)
    workshops.walk_in(workshop.id, "Sara", "ar")
    clock.advance(hours=3)
    workshop_in(services, 24)  # to come: not held
    figures = workshops.figures(min_group=5)
    assert (figures.held, figures.families, figures.present, figures.no_shows,
            figures.walk_ins) == (1, 3, 3, 1, 1)
    assert figures.rate == pytest.approx(2 / 3)  # among the registered whose presence is ticked
    assert figures.guided is None  # none counted
    board = services.dashboard.gather(query_printer=False)
    assert board.attendance == figures


def test_the_guided_set_holds_sorted_hashes_only_and_the_figure_waits_for_min_group(
        services: Services, clock: Clock) -> None:
    workshops = services.booking.workshops
    names = ["Ana", "Mei", "Olga", "Ali", "Sara", "Yuki"]
    workshop, codes = _held_workshop(services, clock, names)
    for code in codes[:5]:
        workshops.note_guided(code)
    with pytest.raises(StaffError):
        workshops.note_guided("ZZZZZZ")  # not a registration: nothing stored
    stored = json.loads(services.booking.file.path.read_text("utf-8"))
    [doc] = stored["guided"].values()
    assert doc["hashes"] == sorted(guided_hash(c) for c in codes[:5]) and doc["counted"] == 0
    text = json.dumps(stored["guided"])
    assert not any(c in text or n in text for c, n in zip(codes, names, strict=True))
    assert all("guided" not in r for r in services.booking.records.rows("registrations"))
    regs = {r.code: r for r in workshops.registrations(workshop.id)}
    for code in codes[:4]:
        workshops.set_attendance(regs[code].id, "present")
    assert workshops.figures(min_group=5).guided is None  # 4 < 5: not shown
    workshops.set_attendance(regs[codes[4]].id, "present")
    workshops.set_attendance(regs[codes[5]].id, "present")  # present, not guided
    assert workshops.figures(min_group=5).guided == 5
    # The retention purge: the hashes go, the year's count stays (anonymous).
    assert services.booking.purge_personal_details(services.now() + dt.timedelta(days=1)) == 6
    [doc] = json.loads(services.booking.file.path.read_text("utf-8"))["guided"].values()
    assert doc == {"hashes": [], "counted": 5}
    figures = workshops.figures(min_group=5)
    assert figures.guided == 5 and figures.families == 6


def test_the_sign_in_sheet(services: Services) -> None:
    workshops = services.booking.workshops
    workshop = workshop_in(services, 1, capacity=1, title="Atelier <ENT> & notes")
    workshops.register(workshop.id, name="Ana", language="ar", interpreter=True)
    workshops.register(workshop.id, name="Mei", language="zh")  # waiting: not on the sheet
    workshops.walk_in(workshop.id, "Olga", "uk")
    regs = workshops.registrations(workshop.id)
    assert [r.name for r in sheet_names(regs)] == ["Ana", "Olga"]
    page = sign_in_sheet(workshops.workshop(workshop.id), regs, "École <Tilleuls>")  # type: ignore[arg-type]
    assert "Atelier &lt;ENT&gt; &amp; notes" in page and "École &lt;Tilleuls&gt;" in page
    assert "lundi 23 novembre 2026, 11:00" in page and "Salle 4" in page
    assert "arabe" in page and "ukrainien" in page and ">oui<" in page
    assert "Mei" not in page and "(sans inscription)" in page
    assert page.count("<tr>") == 1 + 2 + 5  # the heading, two names, five blank rows
    assert "@page{size:A4" in page and "<script" not in page and "http" not in page


def test_write_sheet_refuses_an_unknown_workshop_and_an_unwritable_place(
        services: Services, tmp_path: Path) -> None:
    workshops = services.booking.workshops
    with pytest.raises(StaffError, match="introuvable"):
        write_sheet(workshops, "a-nope", "École", tmp_path)
    workshop = workshop_in(services, 1)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StaffError, match="Impossible d'écrire"):
        write_sheet(workshops, workshop.id, "École", blocker / "sub" / "f.html")
    path = write_sheet(workshops, workshop.id, "École", tmp_path / "reports")
    assert path.parent == tmp_path / "reports" and path.name.startswith("emargement-2026-11-23")


def test_the_workshops_sheet_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"

    def run(*argv: str) -> int:
        return main([*argv, "--config", str(DEMO_CONFIG), "--data-dir", str(data), "--demo"])

    assert run("workshops", "list") == 0
    first = capsys.readouterr().out.split()[0]
    out = tmp_path / "F.html"
    assert run("workshops", "sheet", first, "--out", str(out)) == 0
    assert "Feuille d'émargement" in out.read_text("utf-8")
    assert run("workshops", "sheet", first) == 0
    assert list((data / "reports").glob("emargement-*.html"))
    assert run("workshops", "sheet", "a-nope", "--out", str(out)) == 2
    assert "Atelier introuvable" in capsys.readouterr().err


def test_the_council_report_has_the_workshops_attendance(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, out = tmp_path / "data", tmp_path / "rapport"
    args = ["--config", str(DEMO_CONFIG), "--data-dir", str(data), "--demo"]
    assert main(["report", "--out", str(out), *args]) == 0
    page = (out / REPORT_NAME).read_text("utf-8")
    assert "Ateliers d’e-parentalité" in page and 'id="workshops"' in page
    assert "Ateliers tenus cette année : " in page
    assert "peu à l’aise" in page or "peu à l'aise" in page
    slides = (out / PROJECTION_NAME).read_text("utf-8")
    assert 'id="diapo-ateliers"' in slides and "Ateliers tenus cette année : " in slides


def test_each_room_ticket_carries_its_parents_first_name_in_their_language(
        services: Services) -> None:
    from kiosk.guides.room import room_tickets

    guide = services.guides.all()[0]
    tickets = room_tickets(services.guides, services.ticket_context, guide,
                           [("ar", "Fatima"), ("fr", "Lucas"), ("xx", "Ion")])
    assert [(t.language, t.lines[0].text) for t in tickets] == [
        ("ar", "Fatima"), ("fr", "Lucas"), ("fr", "Ion")]  # a language not offered: French
    assert all(t.lines[0].style == "bold" for t in tickets)
    assert tickets[0].title != tickets[1].title  # the Arabic guide, not the French one
