"""Announcements: statuses, the weekly rhythm, what a parent reads, translators' files, CLI."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import cli
from kiosk.announcements.exchange import export_po, import_po, read_import
from kiosk.announcements.model import AnnouncementError, Status, source_fingerprint
from kiosk.announcements.reading import FALLBACK_NOTE
from kiosk.announcements.rhythm import PublicationRhythm
from kiosk.commands import announcements as commands
from kiosk.core.config import AnnouncementSettings
from kiosk.core.display import has_rtl
from kiosk.services import Services
from tests.support import FROZEN_NOW, Clock

PARIS = FROZEN_NOW.tzinfo
FIXTURE_OK = [HealthCheck.function_scoped_fixture]


def write(services: Services, **kw: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {"title": "Réunion", "text": "Le texte.", "category": "meeting"}
    fields.update(kw)
    return services.announcements.write(**fields)  # type: ignore[arg-type]


def data_bytes(services: Services) -> bytes:
    path = services.store.file("announcements").path
    return path.read_bytes() if path.exists() else b""


# --- statuses ---------------------------------------------------------------------------------


def test_translated_becomes_outdated_when_the_french_changes(services: Services) -> None:
    book = services.announcements
    a = write(services)
    assert a.status("ar") is Status.MISSING
    book.translate(a.id, "ar", "اجتماع", "النص.")
    assert book.get(a.id).status("ar") is Status.TRANSLATED  # type: ignore[union-attr]
    assert book.get(a.id).status("en") is Status.MISSING  # type: ignore[union-attr]
    book.edit(a.id, pinned=True, category="council")
    assert book.get(a.id).status("ar") is Status.TRANSLATED  # type: ignore[union-attr]
    book.edit(a.id, text="Le texte a changé.")
    assert book.get(a.id).status("ar") is Status.OUTDATED  # type: ignore[union-attr]
    book.translate(a.id, "ar", "اجتماع", "النص الجديد.")
    assert book.get(a.id).status("ar") is Status.TRANSLATED  # type: ignore[union-attr]
    book.edit(a.id, title="Réunion changée")
    assert book.get(a.id).status("ar") is Status.OUTDATED  # type: ignore[union-attr]
    assert book.get(a.id).status("fr") is Status.TRANSLATED  # type: ignore[union-attr]


def test_bad_announcements_are_refused_and_nothing_is_written(services: Services) -> None:
    with pytest.raises(AnnouncementError, match="vide"):
        write(services, title="   ")
    with pytest.raises(AnnouncementError, match="Catégorie"):
        write(services, category="nope")
    with pytest.raises(AnnouncementError, match="avant"):
        write(services, visible_from=dt.date(2026, 12, 1), visible_until=dt.date(2026, 11, 1))
    with pytest.raises(AnnouncementError, match="langue"):
        services.announcements.translate(write(services).id, "xx", "t", "t")
    assert len(services.announcements.all()) == 1


# --- the weekly rhythm ------------------------------------------------------------------------


def test_rhythm_moments_and_weekends() -> None:
    rhythm = PublicationRhythm.from_settings(AnnouncementSettings(), PARIS)  # type: ignore[arg-type]
    monday_16 = dt.datetime(2026, 11, 23, 16, 0, tzinfo=PARIS)
    assert rhythm.last_at_or_before(FROZEN_NOW) == monday_16 - dt.timedelta(days=7)
    assert rhythm.next_at_or_after(FROZEN_NOW) == monday_16
    assert rhythm.next_at_or_after(monday_16) == monday_16
    saturday_night = dt.datetime(2026, 11, 28, 23, 30, tzinfo=PARIS)
    assert rhythm.release_of(saturday_night, saturday_night.date(), False) == (
        monday_16 + dt.timedelta(days=7)
    )
    assert rhythm.release_of(saturday_night, saturday_night.date(), True) == saturday_night
    # Across the change to summer time the publication stays at 16:00 wall-clock time.
    spring = rhythm.next_at_or_after(dt.datetime(2027, 3, 25, 12, 0, tzinfo=PARIS))
    assert (spring.date(), spring.hour) == (dt.date(2027, 3, 29), 16)


def test_held_until_the_publication_moment_unless_urgent(services: Services,
                                                          clock: Clock) -> None:
    book = services.announcements
    held = write(services)
    urgent = write(services, title="Grève demain", urgent=True, category="strike")
    assert [a.id for a in book.current()] == [urgent.id]
    assert [a.id for a in book.held()] == [held.id]
    clock.advance(hours=6)  # Monday 16:00
    assert {a.id for a in book.current()} == {held.id, urgent.id}
    # Written after the publication: waits a whole week.
    clock.advance(hours=1)
    late = write(services, title="Après la parution")
    assert late.release == dt.datetime(2026, 11, 30, 16, 0, tzinfo=PARIS)
    # Marking it urgent releases it at once.
    assert book.edit(late.id, urgent=True).release == clock()
    assert late.id in {a.id for a in book.current()}


def test_parent_order_new_marker_and_dates(services: Services, clock: Clock) -> None:
    book = services.announcements
    old = write(services, title="Ancienne", urgent=True)
    clock.advance(days=1)
    pinned = write(services, title="Épinglée", urgent=True, pinned=True)
    clock.advance(days=1)
    newest = write(services, title="Récente", urgent=True, visible_until=clock().date())
    assert [a.id for a in book.current()] == [pinned.id, newest.id, old.id]
    assert all(book.is_new(a) for a in book.current())
    clock.advance(days=6)
    assert not book.is_new(book.get(old.id))  # type: ignore[arg-type]
    assert book.is_new(book.get(newest.id))  # type: ignore[arg-type]
    assert newest.id not in {a.id for a in book.current()}  # past its last day
    assert newest.id in {a.id for a in book.released()}


# --- what a parent reads ----------------------------------------------------------------------


def test_fallback_shows_french_under_a_line_in_the_parents_language(services: Services) -> None:
    book = services.announcements
    a = write(services, title="Sortie", text="Départ à 8 h.", urgent=True)
    book.translate(a.id, "en", "Trip", "We leave at 8.")
    ar = services.i18n.translator("ar")
    shown = book.reading(book.get(a.id), ar)  # type: ignore[arg-type]
    assert not shown.translated
    assert (shown.title, shown.text) == ("Sortie", "Départ à 8 h.")
    assert shown.note == ar(FALLBACK_NOTE) and has_rtl(shown.note)
    assert shown.rtl is False  # the French text reads left to right
    en = book.reading(book.get(a.id), services.i18n.translator("en"))  # type: ignore[arg-type]
    assert (en.title, en.text, en.note, en.translated) == ("Trip", "We leave at 8.", "", True)
    book.edit(a.id, text="Départ à 9 h.")
    en = book.reading(book.get(a.id), services.i18n.translator("en"))  # type: ignore[arg-type]
    assert en.text == "Départ à 9 h." and en.note  # outdated: the French, not the old English


def test_rtl_reading_goes_through_the_display_function(services: Services) -> None:
    book = services.announcements
    a = write(services, urgent=True)
    book.translate(a.id, "ar", "اجتماع الأولياء", "اجتماع يوم 12 في القاعة B")
    shown = book.reading(book.get(a.id), services.i18n.translator("ar"))  # type: ignore[arg-type]
    assert shown.rtl and shown.translated
    lines = services.i18n.display_lines(shown.text, 80, rtl=shown.rtl)
    assert lines != [shown.text]  # shaped and reordered for a terminal without bidi
    assert "12" in lines[0] and "B" in lines[0]
    # The terminal mode leaves the logical text alone.
    from kiosk.core.i18n import I18n

    assert I18n(["fr", "ar"], bidi="terminal").display(shown.text, rtl=True) == shown.text


def test_demo_school_has_every_status(demo_services: Services) -> None:
    book = demo_services.announcements
    from kiosk.demo import seed

    seed(demo_services)  # idempotent
    all_items = {a.id: a for a in book.all()}
    assert len(all_items) == 6
    assert all_items["menu-cantine"].status("en") is Status.OUTDATED
    assert all_items["menu-cantine"].status("ar") is Status.TRANSLATED
    assert all_items["sortie-musee"].status("sq") is Status.MISSING
    assert [a.id for a in book.held()] == ["photo-classe"]
    current = [a.id for a in book.current()]
    assert current[0] == "conseil-ecole" and "photo-classe" not in current
    assert "greve-jeudi" in current


# --- translators' files -----------------------------------------------------------------------


def _fill(po: str, context: str, translation: str) -> str:
    marker = f'msgctxt "{context}"'
    head, _, tail = po.partition(marker)
    first, _, rest = tail.partition('msgstr ""')
    return head + marker + first + f'msgstr "{translation}"' + rest


def test_export_then_import_a_translation(services: Services) -> None:
    a = write(services, text="Ligne 1\nLigne 2")
    po = export_po(services.announcements, "tr", now=services.now(), school="École").decode()
    assert f'msgctxt "{a.id}|title"' in po and "Language: tr" in po
    po = _fill(po, f"{a.id}|title", "Toplantı")
    po = _fill(po, f"{a.id}|text", "Satır 1\\nSatır 2")
    report = import_po(services.announcements, po.encode())
    assert report.ok, report.problems
    stored = services.announcements.get(a.id)
    assert stored is not None and stored.status("tr") is Status.TRANSLATED
    assert stored.translations["tr"].text == "Satır 1\nSatır 2"
    # Outdated translations come back fuzzy with the old text for review.
    services.announcements.edit(a.id, text="Autre")
    again = export_po(services.announcements, "tr", now=services.now(), school="É").decode()
    assert "#, fuzzy" in again and "Toplantı" in again


def test_import_from_an_old_export_is_kept_but_stays_to_review(services: Services) -> None:
    a = write(services)
    po = export_po(services.announcements, "es", now=services.now(), school="É").decode()
    services.announcements.edit(a.id, text="Le texte a changé depuis l'export.")
    po = _fill(_fill(po, f"{a.id}|title", "Reunión"), f"{a.id}|text", "El texto.")
    report = import_po(services.announcements, po.encode())
    assert report.ok and any("à revoir" in note for note in report.notes)
    assert services.announcements.get(a.id).status("es") is Status.OUTDATED  # type: ignore[union-attr]


def test_a_bad_file_is_reported_line_by_line_and_changes_nothing(services: Services) -> None:
    a = write(services)
    b = write(services, title="Autre")
    po = export_po(services.announcements, "pt", now=services.now(), school="É").decode()
    po = _fill(_fill(po, f"{a.id}|title", "Reunião"), f"{a.id}|text", "O texto.")
    po = _fill(po, f"{b.id}|title", "Só o título")  # text left empty: a problem
    po += '\nmsgctxt "inconnue|title"\nmsgid "X"\nmsgstr "Y"\n'
    before = data_bytes(services)
    report = import_po(services.announcements, po.encode())
    assert not report.ok
    assert len(report.problems) == 2
    unknown_line = po.splitlines().index('msgctxt "inconnue|title"') + 1
    assert any(p.startswith(f"ligne {unknown_line} ") and "inconnue" in p
               for p in report.problems)
    assert any(b.id in p and "ensemble" in p for p in report.problems)
    assert data_bytes(services) == before
    assert services.announcements.get(a.id).status("pt") is Status.MISSING  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "vide"),
        (b"\xff\xfe garbage", "UTF-8"),
        (b'msgid "a"\nmsgstr "b"\nthis is not PO\n', "ligne 3"),
        (b'msgid ""\nmsgstr ""\n"Language: de\\n"\n', "de"),
        (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n', "langue"),
    ],
)
def test_unusable_files_are_refused(services: Services, content: bytes, expected: str) -> None:
    write(services)
    before = data_bytes(services)
    report = import_po(services.announcements, content)
    assert not report.ok and expected in " ".join(report.problems)
    assert data_bytes(services) == before


def test_duplicated_messages_are_reported(services: Services) -> None:
    a = write(services)
    po = export_po(services.announcements, "ro", now=services.now(), school="É").decode()
    block = f'\nmsgctxt "{a.id}|title"\nmsgid "Réunion"\nmsgstr "Ședință"\n'
    report = read_import(services.announcements, (po + block).encode())
    assert any("deux fois" in p for p in report.problems)


@settings(max_examples=50, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_file_is_refused_or_applied_never_a_crash(services: Services, content: bytes) -> None:
    book = services.announcements
    if not book.all():
        write(services)
    before = data_bytes(services)
    report = import_po(book, content)
    if not report.ok or not report.updates:
        assert data_bytes(services) == before


@settings(max_examples=50, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    title=st.text(min_size=1, max_size=60).filter(lambda t: t.strip("\x00\x1f\x7f\x9f \n\t\r")),
    text=st.text(min_size=1, max_size=300),
    translation=st.text(min_size=1, max_size=200),
)
def test_any_text_round_trips_through_a_translators_file(
    services: Services, title: str, text: str, translation: str
) -> None:
    book = services.announcements
    try:
        a = book.write(title=title, text=text, urgent=True)
    except AnnouncementError:
        return  # blank after removing control characters: refused with a message
    po = export_po(book, "en", now=services.now(), school="É")
    import io

    from babel.messages.pofile import read_po, write_po

    catalog = read_po(io.BytesIO(po))
    for message in catalog:
        if message.context == f"{a.id}|title":
            message.string = "T " + translation
        elif message.context == f"{a.id}|text":
            message.string = "X " + translation
    out = io.BytesIO()
    write_po(out, catalog)
    report = import_po(book, out.getvalue())
    stored = book.get(a.id)
    assert stored is not None
    if report.ok:
        assert stored.status("en") is Status.TRANSLATED
        shown = book.reading(stored, services.i18n.translator("en"))
        assert shown.text.startswith("X")
    else:
        assert stored.status("en") is Status.MISSING
    assert source_fingerprint(stored.title, stored.text) == stored.fingerprint
    book.remove(a.id)


# --- the command line -------------------------------------------------------------------------


def test_cli_export_and_import(services: Services, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    a = write(services)
    out = tmp_path / "uk.po"
    ns = argparse.Namespace(lang="uk", out=out)
    assert commands.export_translations(ns, services) == 0
    po = _fill(_fill(out.read_text("utf-8"), f"{a.id}|title", "Збори"), f"{a.id}|text", "Текст.")
    out.write_text(po, "utf-8")
    assert commands.import_translations(argparse.Namespace(file=out, dry_run=True), services) == 0
    assert services.announcements.get(a.id).status("uk") is Status.MISSING  # type: ignore[union-attr]
    assert commands.import_translations(argparse.Namespace(file=out, dry_run=False),
                                        services) == 0
    assert services.announcements.get(a.id).status("uk") is Status.TRANSLATED  # type: ignore[union-attr]
    assert "1 traduction(s)" in capsys.readouterr().out
    actions = [e.action for e in services.audit.entries()]
    assert "announcement.export" in actions and "announcement.import" in actions
    out.write_text(po.replace(f"{a.id}|text", "zz|text"), "utf-8")
    assert commands.import_translations(argparse.Namespace(file=out, dry_run=False),
                                        services) == 1
    assert "rien n'a été importé" in capsys.readouterr().err
    with pytest.raises(cli.UsageError):
        commands.export_translations(argparse.Namespace(lang="fr", out=out), services)


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    common = ["--config", str(cli.DEMO_CONFIG), "--data-dir", str(tmp_path / "d")]
    assert cli.main(["export", "translations", "--lang", "xx", "--out",
                     str(tmp_path / "x.po"), *common]) == 2
    assert cli.main(["import", "translations", str(tmp_path / "missing.po"), *common]) == 2
    bad = tmp_path / "bad.po"
    bad.write_bytes(b'msgid "a"\nmsgstr "b"\nnot po\n')
    assert cli.main(["import", "translations", str(bad), *common]) == 1
    assert "ligne 3" in capsys.readouterr().err
