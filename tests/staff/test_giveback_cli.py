"""``kiosk questionnaire actions list|set`` and the actions in ``kiosk export translations`` /
``import translations`` (issue 17: results given back to parents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import DEMO_CONFIG, main


def run(tmp_path: Path, *args: str) -> int:
    return main([*args, "--config", str(DEMO_CONFIG), "--demo", "--data-dir",
                 str(tmp_path / "data")])


def test_list_set_and_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "questionnaire", "actions", "list") == 0
    out = capsys.readouterr().out
    assert "Deux ateliers" in out and "sq ✗" in out and "ar ✔" in out
    assert "familles ont répondu au questionnaire" in out
    actions = tmp_path / "actions.txt"
    actions.write_text("\ufeff- Un atelier le jeudi.\n\n- Des tablettes.\n", encoding="utf-8")
    assert run(tmp_path, "questionnaire", "actions", "set", "--file", str(actions)) == 0
    out = capsys.readouterr().out
    assert "2 action(s)" in out and "Traductions à revoir" in out and "ar" in out
    assert run(tmp_path, "questionnaire", "actions", "list") == 0
    out = capsys.readouterr().out
    assert "• Un atelier le jeudi." in out and "ar ↻" in out
    assert run(tmp_path, "questionnaire", "actions", "set", "--clear") == 0
    assert run(tmp_path, "questionnaire", "actions", "list") == 0
    assert "Aucune action" in capsys.readouterr().out


def test_bad_input_is_refused_and_loses_nothing(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "questionnaire", "actions", "set") == 2
    assert run(tmp_path, "questionnaire", "actions", "set", "--clear", "--text", "x") == 2
    assert run(tmp_path, "questionnaire", "actions", "set", "--file",
               str(tmp_path / "absent.txt")) == 2
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Un atelier élémentaire".encode("latin-1"))
    assert run(tmp_path, "questionnaire", "actions", "set", "--file", str(latin1)) == 2
    many = ["--text", "action"] * 9
    assert run(tmp_path, "questionnaire", "actions", "set", *many) == 2
    err = capsys.readouterr().err
    assert "UTF-8" in err and "n'existe pas" in err and "9 lignes" in err
    assert run(tmp_path, "questionnaire", "actions", "list") == 0
    assert "Deux ateliers" in capsys.readouterr().out  # still the demo's actions


def test_the_actions_travel_with_the_announcements_translations(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "sq.po"
    assert run(tmp_path, "export", "translations", "--lang", "sq", "--out", str(po)) == 0
    text = po.read_text("utf-8")
    assert 'msgctxt "resultats/actions|text"' in text
    marker = 'dans le cartable."\nmsgstr ""'
    assert marker in text
    po.write_text(text.replace(marker, 'dans le cartable."\nmsgstr "Dy punëtori.\\n'
                               'Tableta hua.\\nMesazhet mbeten në letër."'), encoding="utf-8")
    assert run(tmp_path, "import", "translations", str(po)) == 0
    assert run(tmp_path, "questionnaire", "actions", "list") == 0
    assert "sq ✔" in capsys.readouterr().out
