"""The glossary of school words: loading, the school's own words, a bad school file, and
finding the words in a French or translated text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.glossary import LANGUAGES, SHIPPED, load_glossary, read_file
from tests.support import build_services
from tests.support.clock import Clock

QCM_STATEMENT = ("L’enseignant de mon enfant utilise les technologies numériques pour évaluer "
                 "les réussites et les difficultés des élèves (cahier de réussite numérique, "
                 "évaluation sous forme de QCM...).")


def test_the_shipped_glossary_loads_with_every_language() -> None:
    glossary = load_glossary()
    assert glossary.problems == ()
    keys = [word.key for word in glossary.words]
    assert {"ent", "educonnect", "aesh", "qcm", "tni", "cantine", "ticket"} <= set(keys)
    for word in glossary.words:
        assert set(word.words) == set(LANGUAGES), word.key
        assert set(word.explanations) == set(LANGUAGES), word.key


def test_a_school_word_is_added_and_a_shipped_one_replaced(tmp_path: Path) -> None:
    (tmp_path / "glossary.toml").write_text(
        '[pronote]\nfr = "Pronote"\nen = "Pronote"\n'
        '[pronote.explain]\nfr = "Le logiciel de vie scolaire du collège."\n'
        'en = "The school life software of the secondary school."\n'
        '[cantine]\nfr = "Cantine"\n'
        '[cantine.explain]\nfr = "La cantine de notre école est au rez-de-chaussée."\n',
        encoding="utf-8")
    glossary = load_glossary(tmp_path)
    assert glossary.problems == ()
    by_key = {word.key: word for word in glossary.words}
    assert len(glossary.words) == len(read_file(SHIPPED)[0]) + 1
    pronote = by_key["pronote"]
    assert pronote.explanation("en") == "The school life software of the secondary school."
    assert pronote.explanation("ar") == "Le logiciel de vie scolaire du collège."  # French
    assert pronote.word("zh") == "Pronote"
    # Merged by French word (case-insensitive): the school's cantine replaces the shipped one.
    assert [word.key for word in glossary.words].count("cantine") == 1
    assert "rez-de-chaussée" in by_key["cantine"].explanation("fr")


@pytest.mark.parametrize("content", ["[pronote\nfr = ", b"\xff\xfe\x00bad"])
def test_a_bad_school_file_is_reported_and_the_shipped_glossary_loads(
        tmp_path: Path, content: str | bytes, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "glossary.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    glossary = load_glossary(tmp_path)
    assert len(glossary.problems) == 1
    assert glossary.problems[0].startswith("glossary.toml :")
    assert "glossary.toml" in caplog.text
    assert len(glossary.words) == len(read_file(SHIPPED)[0])


def test_an_entry_without_french_is_left_out_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "glossary.toml").write_text(
        'oops = 3\n[sans-francais]\nen = "Word"\n[sans-francais.explain]\nen = "No."\n',
        encoding="utf-8")
    glossary = load_glossary(tmp_path)
    assert len(glossary.problems) == 2
    assert any("sans-francais" in problem for problem in glossary.problems)
    assert "sans-francais" not in {word.key for word in glossary.words}


def test_words_are_found_in_french_case_insensitive_whole_words() -> None:
    glossary = load_glossary()
    # "enseignant" is the kiosk's own word: in the lexique, not marked on screens.
    assert [word.key for word in glossary.find_in(QCM_STATEMENT, "fr")] == ["qcm"]
    assert "enseignant" in {word.key for word in glossary.words}
    found = glossary.find_in("Connectez-vous à l’ent avec EDUCONNECT pour la cantine.", "fr")
    assert [word.key for word in found] == ["ent", "educonnect", "cantine"]
    # Whole words: "entrée" is not the ENT, "cantinière" is not the canteen.
    assert glossary.find_in("L'entrée de la cantinière", "fr") == []


@pytest.mark.parametrize(("lang", "text", "key"), [
    ("en", "Ask the AESH or look at the interactive whiteboard.", "tni"),
    ("ar", "اسأل في المطعم المدرسي", "cantine"),
    ("zh", "请在家长会上问老师", "reunion-parents"),
    ("ru", "Родительское собрание в четверг.", "reunion-parents"),
])
def test_words_are_found_in_a_translated_text(lang: str, text: str, key: str) -> None:
    assert key in [word.key for word in load_glossary().find_in(text, lang)]


def test_the_marked_pieces_are_the_words_as_written() -> None:
    """What a screen underlines: the text's own letters (case, apostrophe), only words marked
    on screens, and each piece is a word the "?" lists."""
    glossary = load_glossary()
    text = "Le Conseil d’école et l’ENT ; l'entrée ; demandez à l’enseignant (QCM)."
    uses = set(glossary.uses_in(text, "fr"))
    assert uses == {"Conseil d’école", "ENT", "QCM"}
    listed = glossary.find_in(text, "fr")
    assert all(any(word.uses_in(use, "fr") for word in listed) for use in uses)
    assert set(glossary.uses_in("اسأل في المطعم المدرسي", "ar")) == {"المطعم المدرسي"}


def test_a_short_stem_is_a_whole_word_only() -> None:
    """The ENT's stem "ent" finds "ENT", not "enter" or "entrance"."""
    glossary = load_glossary()
    assert glossary.find_in("Enter at the entrance.", "en") == []
    assert [word.key for word in glossary.find_in("Open the ENT.", "en")] == ["ent"]


def test_a_bad_school_file_is_on_the_staff_dashboard(tmp_path: Path, clock: Clock) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "glossary.toml").write_text("[ent\n", encoding="utf-8")
    services = build_services(data_dir, clock)
    board = services.dashboard.gather(query_printer=False)
    assert any(problem.startswith("glossary.toml : erreur de format TOML")
               for problem in board.problems)
    # The shipped glossary still loads.
    assert "qcm" in {word.key for word in services.glossary.words}

