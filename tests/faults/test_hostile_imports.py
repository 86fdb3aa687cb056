"""Hostile files given to the import commands (issue 16): control bytes in a CSV header, a CSV
cell or a PO file never reach the staff terminal raw; a file over 5 MB is refused in one line
without being read whole; a file of many wrong lines prints 20 of them and a count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.cli import DEMO_CONFIG, main
from kiosk.commands.imports import MAX_IMPORT_BYTES, SHOWN_PROBLEMS
from kiosk.core.text import escaped

TITLE_SEQUENCE = "\x1b]0;pwned\x07"  # sets the terminal's title
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(tmp_path: Path, *argv: str) -> int:
    return main([*argv, "--config", str(DEMO_CONFIG), "--data-dir", str(tmp_path / "data")])


def output(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_escaped_writes_control_characters_out() -> None:
    assert escaped(f"a{TITLE_SEQUENCE}b\n\u2028é") == "a\\x1b]0;pwned\\x07b\\n\\u2028é"


@pytest.mark.parametrize("kind", ["slots", "workshops"])
def test_csv_header_with_control_bytes_comes_back_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"person,date,{TITLE_SEQUENCE}start\n", "utf-8")  # "," as separator
    assert run(tmp_path, "import", kind, str(bad)) == 2
    shown = output(capsys)
    assert "\\x1b]0;pwned\\x07" in shown
    assert RAW.search(shown) is None


def test_csv_cell_with_control_bytes_comes_back_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"person,date,start,minutes\nMme {TITLE_SEQUENCE},01/12/2027,16:30,15\n",
                   "utf-8")
    for dry_run in ([], ["--dry-run"]):
        assert run(tmp_path, "import", "slots", str(bad), *dry_run) == 2
        shown = output(capsys)
        assert "personne inconnue « Mme \\x1b]0;pwned\\x07 »" in shown
        assert RAW.search(shown) is None


def test_po_file_with_control_bytes_comes_back_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f'# {TITLE_SEQUENCE} a comment\n#, fuzzy\nmsgctxt "x{TITLE_SEQUENCE}|title"\n'
        'msgid "a"\nmsgstr "b"\n\n'
        f'msgctxt "y{TITLE_SEQUENCE}|title"\nmsgid "a"\nmsgstr "b"\n', "utf-8")
    assert run(tmp_path, "import", "translations", str(bad)) == 1
    shown = output(capsys)
    assert "il n'y a pas d'annonce « y\\x1b]0;pwned\\x07 »" in shown
    assert RAW.search(shown) is None


@pytest.mark.parametrize("kind,suffix", [("slots", "csv"), ("workshops", "csv"),
                                         ("translations", "po")])
def test_a_file_over_5_mb_is_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, suffix: str) -> None:
    huge = tmp_path / f"huge.{suffix}"
    line = b"x;y;z;w\n" if suffix == "csv" else b'# comment\n'
    huge.write_bytes(line * (MAX_IMPORT_BYTES // len(line) + 1))
    assert run(tmp_path, "import", kind, str(huge)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "fichier trop gros pour un import (plus de 5 Mo)" in captured.err


def test_many_wrong_lines_show_twenty_and_a_count(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "wrong.csv"
    body = "Mme Personne;01/12/2027;16:30;15\n" * 30_000
    wrong.write_text("person;date;start;minutes\n" + body, "utf-8")
    assert run(tmp_path, "import", "slots", str(wrong)) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 2
    assert all("personne inconnue" in line for line in lines[:SHOWN_PROBLEMS])
    assert lines[SHOWN_PROBLEMS] == "… et 29 980 autres lignes refusées"
    assert "30000 ligne(s) à corriger" in lines[-1]


def test_many_wrong_po_messages_show_twenty_and_a_count(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "wrong.po"
    header = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n'
              '"Content-Type: text/plain; charset=utf-8\\n"\n\n')
    messages = "".join(f'msgctxt "absente-{n}|title"\nmsgid "a"\nmsgstr "b"\n\n'
                       for n in range(21))
    wrong.write_text(header + messages, "utf-8")
    assert run(tmp_path, "import", "translations", str(wrong)) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[SHOWN_PROBLEMS] == "… et 1 autre problème"
    assert lines[-1].startswith("21 problème(s)")
