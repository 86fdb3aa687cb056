"""Staff commands for appointments and workshops: import, export, people, weekly patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import DEMO_CONFIG, main
from kiosk.services import Services
from tests.support import Clock, build_services


def run(data: Path, *argv: str) -> int:
    return main([*argv, "--config", str(DEMO_CONFIG), "--data-dir", str(data)])


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def office(data: Path):  # type: ignore[no-untyped-def]
    return build_services(data, Clock()).booking


SLOTS = """person;date;start;minutes;place;mode;link
Mme Martin;01/12/2027;16:30;15;Salle 3;école;
Mme Martin;01/12/2027;16:45;15;Salle 3;école;
"""


def test_people_pattern_import_export(data: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "people", "add", "Mme Martin", "--role", "enseignante",
               "--classes", "CE1,CE2") == 0
    assert run(data, "people", "add", "Mme Martin", "--role", "enseignante") == 2
    assert "existe déjà" in capsys.readouterr().err
    assert run(data, "slots", "pattern", "--person", "mme martin", "--weekday", "mardi",
               "--from", "16:30", "--to", "18:00", "--minutes", "15", "--first", "01/12/2027",
               "--last", "21/12/2027", "--except", "14/12/2027", "--place", "Salle 3") == 0
    assert "12 créneau(x)" in capsys.readouterr().out
    csv_file = tmp_path / "slots.csv"
    csv_file.write_text(SLOTS, encoding="utf-8")
    assert run(data, "import", "slots", str(csv_file), "--dry-run") == 0
    assert "rien n'a été importé" in capsys.readouterr().out
    assert run(data, "import", "slots", str(csv_file)) == 0
    assert len(office(data).slots.all()) == 14
    out = tmp_path / "rdv.csv"
    assert run(data, "export", "bookings", "--format", "csv", "--out", str(out)) == 0
    assert out.read_bytes().startswith("\ufeff".encode())
    out_json = tmp_path / "ateliers.json"
    assert run(data, "export", "workshops", "--format", "json", "--out", str(out_json)) == 0
    assert json.loads(out_json.read_text()) == []
    actions = [e.action for e in build_services(data, Clock()).audit.entries()]
    assert {"person.add", "slot.pattern", "slot.import", "export"} <= set(actions)


def test_bad_import_reports_every_line_and_imports_nothing(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "people", "add", "Mme Martin") == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(SLOTS + "Personne;01/12/2027;16:30;15;;;\nMme Martin;xx;16:30;15;;;\n")
    assert run(data, "import", "slots", str(bad)) == 2
    err = capsys.readouterr().err
    assert "ligne 4 : personne inconnue" in err and "ligne 5 : date illisible" in err
    assert "rien n'a été importé" in err
    assert office(data).slots.all() == []


def test_export_bookings_csv_columns(services: Services, tmp_path: Path) -> None:
    import datetime as dt

    booking = services.booking
    person = booking.people.add_person("M. Durand", "directeur")
    slot = booking.slots.add_slot(person.id, services.now() + dt.timedelta(days=3), 20)
    booking.appointments.book(slot.id, child="-Amina", child_class="CM2", phone="+33 6 12 34 56 78")
    out = tmp_path / "b.csv"
    assert run(services.data_dir, "export", "bookings", "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("code;personne;date;heure")
    assert "'+33 6 12 34 56 78" in row and "'-Amina" in row  # never a formula


def test_export_with_a_damaged_audit_log_writes_and_says_which_file(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16: the export was written, then the command failed on the audit log."""
    assert run(data, "people", "add", "Mme Martin", "--classes", "CP") == 0
    audit = data / "kiosk" / "audit.json"
    audit.write_text('{"audit": {"1": {"when": ', "utf-8")  # cut short
    capsys.readouterr()
    out = tmp_path / "rdv.csv"
    assert run(data, "export", "bookings", "--out", str(out)) == 0
    assert out.read_bytes().startswith("\ufeff".encode())
    err = capsys.readouterr().err
    assert "journal des actions" in err and str(audit) in err
    # Exporting the damaged log itself stops before writing anything.
    journal = tmp_path / "journal.csv"
    assert run(data, "export", "audit", "--format", "csv", "--out", str(journal)) == 2
    assert "audit.json" in capsys.readouterr().err
    assert not journal.exists()
