"""Workshops in every language: statuses (translated, missing, outdated), old records, what a
parent reads, tickets and calendar events, and the translators' file shared with the
announcements (round trip, bad files, the command line)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk.announcements.exchange import export_po, import_po
from kiosk.booking.model import StaffError, Workshop
from kiosk.booking.workshop_texts import WorkshopTexts
from kiosk.commands import announcements as commands
from kiosk.core.display import has_rtl
from kiosk.core.school_texts import TEXT_FALLBACK_NOTE, Status
from kiosk.services import Services

ARABIC = {"title": "ورشة التطبيق", "description": "نثبّت التطبيق معًا.", "place": "المكتبة"}


def add(services: Services, *, description: str = "On installe l'application.",
        place: str = "Bibliothèque") -> Workshop:
    start = services.now() + dt.timedelta(days=3)
    return services.booking.workshops.add_workshop(
        "Atelier application", start, 60, place, 8, description=description)


def others(services: Services) -> list[WorkshopTexts]:
    return [WorkshopTexts(services.booking.workshops)]


def data_bytes(services: Services) -> tuple[bytes, bytes]:
    paths = (services.store.file(kind).path for kind in ("announcements", "bookings"))
    return tuple(p.read_bytes() if p.exists() else b"" for p in paths)  # type: ignore[return-value]


def _fill(po: str, context: str, translation: str) -> str:
    marker = f'msgctxt "{context}"'
    head, found, tail = po.partition(marker)
    assert found, f"{context} not in the file"
    first, _, rest = tail.partition('msgstr ""')
    return head + marker + first + f'msgstr "{translation}"' + rest


# --- statuses ---------------------------------------------------------------------------------


def test_a_workshop_translation_is_missing_translated_then_outdated(services: Services) -> None:
    workshops = services.booking.workshops
    w = add(services)
    assert w.status("ar") is Status.MISSING and w.status("fr") is Status.TRANSLATED
    w = workshops.translate(w.id, "ar", **ARABIC)
    assert w.status("ar") is Status.TRANSLATED and w.status("zh") is Status.MISSING
    assert workshops.workshop(w.id).status("ar") is Status.TRANSLATED  # type: ignore[union-attr]
    for field_name, french in (("place", "Salle 3"), ("description", "Autre chose."),
                               ("title", "Atelier téléphone")):
        workshops.translate(w.id, "ar", **ARABIC)
        workshops.edit_workshop(w.id, **{field_name: french})
        stored = workshops.workshop(w.id)
        assert stored is not None and stored.status("ar") is Status.OUTDATED, field_name
        assert stored.translations["ar"].title == ARABIC["title"]  # kept, to review


def test_a_part_left_empty_is_missing_unless_its_french_is_empty(services: Services) -> None:
    workshops = services.booking.workshops
    w = add(services)
    w = workshops.translate(w.id, "tr", title="Uygulama atölyesi", description="", place="")
    assert w.status("tr") is Status.MISSING
    bare = add(services, description="", place="")
    bare = workshops.translate(bare.id, "tr", title="Uygulama atölyesi")
    assert bare.status("tr") is Status.TRANSLATED
    with pytest.raises(StaffError, match="titre traduit est vide"):
        workshops.translate(w.id, "tr", title="  ", description="x", place="y")
    with pytest.raises(StaffError, match="langue"):
        workshops.translate(w.id, "fr", **ARABIC)
    with pytest.raises(StaffError, match="trop long"):
        workshops.translate(w.id, "tr", title="x" * 121)


def test_old_records_without_translations_still_read(services: Services) -> None:
    w = add(services)
    path = services.store.file("bookings").path
    data = json.loads(path.read_text("utf-8"))
    for doc in data["workshops"].values():
        doc.pop("translations", None)
    path.write_text(json.dumps(data), "utf-8")
    old = services.booking.workshops.workshop(w.id)
    assert old is not None and old.translations == {} and old.status("ar") is Status.MISSING
    for doc in data["workshops"].values():
        doc["translations"] = {"ar": "not a mapping", "tr": {"title": "Atölye", "when": "?"}}
    path.write_text(json.dumps(data), "utf-8")
    odd = services.booking.workshops.workshop(w.id)
    assert odd is not None and set(odd.translations) == {"tr"}
    assert odd.status("tr") is Status.MISSING  # description and place not translated


def test_a_parent_reads_the_translation_or_the_french(services: Services) -> None:
    w = services.booking.workshops.translate(add(services).id, "ar", **ARABIC)
    shown = w.text_in("ar")
    assert (shown.title, shown.place, shown.translated) == (ARABIC["title"], "المكتبة", True)
    french = w.text_in("zh")
    assert (french.title, french.place, french.translated) == (w.title, w.place, False)
    assert w.text_in("fr").translated and w.text_in("fr").title == w.title


# --- tickets and calendar events --------------------------------------------------------------


def test_tickets_and_events_carry_the_translation_and_french_for_staff(
    services: Services,
) -> None:
    office = services.booking
    w = office.workshops.translate(add(services).id, "ar", **ARABIC)
    registration = office.workshops.register(w.id, name="Samir", language="ar")
    ticket = office.calendar.registration_ticket(services.ticket_context, w, registration, "ar")
    parent = [line.text for line in ticket.lines]
    assert ARABIC["title"] in parent and w.title not in parent
    assert services.i18n.translator("ar")(TEXT_FALLBACK_NOTE) not in parent
    french = " ".join(line.text for line in ticket.french)
    assert w.title in french and "Bibliothèque" in french and not has_rtl(french)
    assert ARABIC["title"] in (ticket.qr or "") and "المكتبة" in (ticket.qr or "")
    calendar = office.calendar.workshop_calendar(w, registration,
                                                 services.i18n.translator("ar"))
    assert ARABIC["title"] in calendar

    zh = office.calendar.registration_ticket(services.ticket_context, w, registration, "zh")
    note = services.i18n.translator("zh")(TEXT_FALLBACK_NOTE)
    title_line = next(line for line in zh.lines if line.text == w.title)
    assert zh.lines[0].text == note and title_line.rtl is False
    assert w.title in (zh.qr or "")


def test_the_orientation_suggests_workshops_in_the_parents_language(
    demo_services: Services,
) -> None:
    from kiosk.tickets import questionnaire_ticket
    from tests.domain.test_orientation import NEEDS_HELP

    ar = demo_services.orientation.orientation_for(NEEDS_HELP, "ar")
    assert ar.workshops and all(has_rtl(title) for title, _, _ in ar.workshops)
    assert not any(has_rtl(title) for title, _, _ in ar.french_workshops)
    ticket = questionnaire_ticket(
        demo_services.ticket_context, "ar", needs_help=True, workshops=ar.workshops,
        french_workshops=ar.french_workshops, untranslated=ar.untranslated,
        partners=(), loan_info="", qr="")
    assert ar.workshops[0][0] in " ".join(line.text for line in ticket.lines)
    assert ar.french_workshops[0][0] in " ".join(line.text for line in ticket.french)


# --- the translators' file --------------------------------------------------------------------


def test_one_file_round_trips_announcements_and_workshops(services: Services) -> None:
    book = services.announcements
    a = book.write(title="Réunion", text="Le texte.", category="meeting")
    w = add(services)
    po = export_po(book, "ar", now=services.now(), school="É", others=others(services)).decode()
    for field_name in ("title", "description", "place"):
        assert f'msgctxt "atelier/{w.id}|{field_name}"' in po
    po = _fill(_fill(po, f"{a.id}|title", "اجتماع"), f"{a.id}|text", "النص.")
    for field_name, value in ARABIC.items():
        po = _fill(po, f"atelier/{w.id}|{field_name}", value)
    report = import_po(book, po.encode(), others(services))
    assert report.ok, report.problems
    assert len(report.updates) == 2
    assert book.get(a.id).status("ar") is Status.TRANSLATED  # type: ignore[union-attr]
    stored = services.booking.workshops.workshop(w.id)
    assert stored is not None and stored.status("ar") is Status.TRANSLATED
    assert stored.translations["ar"].place == "المكتبة"
    # The French changes: the next export marks the workshop's translation to review.
    services.booking.workshops.edit_workshop(w.id, place="Salle 3")
    again = export_po(book, "ar", now=services.now(), school="É",
                      others=others(services)).decode()
    block = again[again.index(f'msgctxt "atelier/{w.id}|place"') - 40:]
    assert "#, fuzzy" in block and "المكتبة" in block


def test_a_workshop_without_description_exports_no_empty_message(services: Services) -> None:
    w = add(services, description="", place="")
    po = export_po(services.announcements, "tr", now=services.now(), school="É",
                   others=others(services)).decode()
    assert f"atelier/{w.id}|title" in po and f"atelier/{w.id}|description" not in po
    report = import_po(services.announcements,
                       _fill(po, f"atelier/{w.id}|title", "Atölye").encode(), others(services))
    assert report.ok, report.problems
    assert services.booking.workshops.workshop(w.id).status("tr") is Status.TRANSLATED  # type: ignore[union-attr]


@pytest.mark.parametrize("fault", ["unknown", "half", "too_long", "field"])
def test_a_bad_file_names_the_line_and_changes_nothing(services: Services, fault: str) -> None:
    book = services.announcements
    a = book.write(title="Réunion", text="Le texte.", category="meeting")
    w = add(services)
    po = export_po(book, "uk", now=services.now(), school="É", others=others(services)).decode()
    po = _fill(_fill(po, f"{a.id}|title", "Збори"), f"{a.id}|text", "Текст.")
    po = _fill(po, f"atelier/{w.id}|title", "Майстер-клас" if fault != "too_long" else "я" * 130)
    if fault != "half":
        po = _fill(_fill(po, f"atelier/{w.id}|description", "Опис."),
                   f"atelier/{w.id}|place", "Бібліотека")
    bad_context = {"unknown": "atelier/a-000000000000|title", "field": f"atelier/{w.id}|room"}
    if fault in bad_context:
        po += f'\nmsgctxt "{bad_context[fault]}"\nmsgid "X"\nmsgstr "Y"\n'
    before = data_bytes(services)
    report = import_po(book, po.encode(), others(services))
    assert not report.ok and len(report.problems) == 1, report.problems
    problem = report.problems[0]
    expected = {"unknown": "a-000000000000", "half": "ensemble", "too_long": "trop long",
                "field": "room"}[fault]
    assert expected in problem and problem.startswith("ligne ")
    line = int(problem.split()[1])
    assert 0 < line <= len(po.splitlines())
    assert data_bytes(services) == before
    assert book.get(a.id).status("uk") is Status.MISSING  # type: ignore[union-attr]


def test_the_command_line_exports_and_imports_workshops(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = add(services)
    out = tmp_path / "zh.po"
    assert commands.export_translations(argparse.Namespace(lang="zh", out=out), services) == 0
    assert "1 atelier(s)" in capsys.readouterr().out
    po = out.read_text("utf-8")
    for field_name, value in (("title", "应用工作坊"), ("description", "一起安装应用。"),
                              ("place", "图书馆")):
        po = _fill(po, f"atelier/{w.id}|{field_name}", value)
    out.write_text(po, "utf-8")
    assert commands.import_translations(argparse.Namespace(file=out, dry_run=False),
                                        services) == 0
    stored = services.booking.workshops.workshop(w.id)
    assert stored is not None and stored.text_in("zh").title == "应用工作坊"
    out.write_text(po.replace(f"atelier/{w.id}|", "atelier/a-gone|"), "utf-8")
    assert commands.import_translations(argparse.Namespace(file=out, dry_run=False),
                                        services) == 1
    assert "rien n'a été importé" in capsys.readouterr().err


def test_the_demo_workshops_are_translated_into_every_language(
    demo_services: Services,
) -> None:
    langs = [code for code in demo_services.i18n.codes if code != "fr"]
    assert len(langs) == 11
    upcoming = demo_services.booking.workshops.upcoming()
    assert upcoming
    for workshop in upcoming:
        assert set(workshop.statuses(langs).values()) == {Status.TRANSLATED}, workshop.title


@pytest.mark.parametrize("kind", ["workshop", "waitlist", "questionnaire"])
def test_sample_tickets_use_the_demo_translations(services: Services, kind: str) -> None:
    from kiosk.tickets import sample_ticket

    french_title = "Découvrir l'espace numérique de l'école"
    ticket = sample_ticket(services.ticket_context, kind, "ar")
    parent = " ".join(line.text for line in ticket.lines)
    assert "اكتشاف الفضاء الرقمي للمدرسة" in parent and french_title not in parent
    assert french_title in " ".join(line.text for line in ticket.french)
    assert services.i18n.translator("ar")(TEXT_FALLBACK_NOTE) not in parent
