"""The questionnaire's content: the seed's statements, the translations, the file's validation."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core import paths
from kiosk.core.config import DEFAULT_LANGUAGES
from kiosk.core.i18n import I18n
from kiosk.questionnaire.content import (
    CONTENT_DOMAIN,
    NOT_APPLICABLE,
    QUESTIONNAIRE_FILE,
    ContentTranslator,
    QuestionnaireError,
)
from kiosk.questionnaire.extract import extract_questionnaire
from kiosk.questionnaire.loading import from_mapping, load
from tests.support.paths import FIXTURES

DOMAIN_TITLES = {
    "A": "Encadrement",
    "B": "Collaboration et travail en réseau",
    "C": "Infrastructures et équipements",
    "E": "Pédagogie",
    "G": "Pratiques d’évaluation",
    "H": "Compétences numériques des élèves",
}


def annex1_statements(text: str) -> list[tuple[str, str, str]]:
    """(domain letter, domain title, statement) of tool sheet 3, annex 1 ("questionnaire parents").

    The PDF's text interleaves annex 1 with annex 2 (whose domain headings read "…, nous
    mettrons en place :"): a statement is a "- " bullet under an annex-1 heading, its lines
    joined until a blank line or the next bullet; a bullet of the other column (" - …")
    closes annex 1.
    """
    lines = text.split("\n")
    found: list[tuple[str, str, str]] = []
    domain: tuple[str, str] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        heading = re.match(r"^Domaine ([A-Z]) : (.*)$", line)
        if heading:
            parts = [heading.group(2).strip()]
            index += 1
            while index < len(lines) and lines[index].strip():
                parts.append(lines[index].strip())
                index += 1
            title = " ".join(" ".join(parts).split())
            domain = None if "nous mettrons" in title else (heading.group(1), title)
            continue
        if line.startswith("Vous trouverez ci-dessous") or "ANNEXE 2" in line:
            domain = None
        if line.startswith("- ") and domain is not None:
            para = [line[2:].strip()]
            index += 1
            while (index < len(lines) and lines[index].strip()
                   and not lines[index].lstrip().startswith("- ")):
                para.append(lines[index].strip())
                index += 1
            found.append((domain[0], domain[1], " ".join(" ".join(para).split())))
            if index < len(lines) and lines[index].startswith(" - "):
                domain = None
            continue
        index += 1
    return found


@pytest.fixture(scope="module")
def seed_statements() -> list[tuple[str, str, str]]:
    guide = FIXTURES / "seeds" / "head_teacher_guide.txt"
    return annex1_statements(guide.read_text(encoding="utf-8"))


def test_the_seed_parser_finds_the_six_domains(seed_statements: list[tuple[str, str, str]]):
    letters = [letter for letter, _title, _text in seed_statements]
    assert sorted(set(letters)) == sorted(DOMAIN_TITLES)
    assert {letter: title for letter, title, _ in seed_statements} == DOMAIN_TITLES
    assert len(seed_statements) >= 15
    assert all(text.endswith(".") for _, _, text in seed_statements)


def test_every_parents_statement_is_asked_word_for_word_in_its_domain(
    seed_statements: list[tuple[str, str, str]],
):
    questionnaire = load()
    asked = {item.text: item for item in questionnaire.statements}
    for letter, title, text in seed_statements:
        assert text in asked, f"missing statement of domain {letter}: {text}"
        item = asked[text]
        assert item.domain == letter
        assert item.id.startswith(letter)
        assert questionnaire.domain(letter).title == title
        assert item.is_scale and item.section == "school"
    assert len(questionnaire.statements) == len(seed_statements)


def test_part_two_and_about_you_are_there():
    questionnaire = load()
    ids = {item.id: item for item in questionnaire.items}
    assert {o.id for o in ids["D_DEVICES"].options} == {"smartphone", "computer", "tablet", "none"}
    assert ids["D_DEVICES"].is_multiple and ids["D_DEVICES"].option("none").exclusive
    assert [o.id for o in ids["D_INTERNET"].options] == ["none", "phone_only", "box"]
    assert {o.id for o in ids["D_SCHOOL_APP"].options} == {"never", "sometimes", "often",
                                                           "no_account"}
    assert len(ids["D_EASE"].options) == 4
    assert {o.id for o in ids["D_HELP"].options} == {"workshop", "partner", "loan", "paper"}
    assert {o.id for o in ids["D_CONTACT"].options} == {"paper", "sms", "call", "email",
                                                        "school_app"}
    assert [o.id for o in ids["P_ROLE"].options] == ["parent", "elected", "other"]
    assert [o.id for o in ids["P_LEVEL"].options] == ["maternelle", "elementaire", "college",
                                                      "lycee"]
    assert ids["P_ROLE"].breakdown and ids["P_LEVEL"].breakdown


def test_orientation_rule():
    questionnaire = load()
    assert not questionnaire.needs_orientation({})
    at_ease = {"D_INTERNET": "box", "D_DEVICES": ["computer"], "D_EASE": "very",
               "D_HELP": ["paper"]}
    assert not questionnaire.needs_orientation(at_ease)
    assert questionnaire.needs_orientation({**at_ease, "D_INTERNET": "none"})
    assert questionnaire.needs_orientation({**at_ease, "D_DEVICES": ["smartphone"]})
    assert questionnaire.needs_orientation({**at_ease, "D_EASE": "a_little"})
    assert questionnaire.needs_orientation({**at_ease, "D_HELP": ["loan"]})


@pytest.mark.parametrize("lang", [c for c in DEFAULT_LANGUAGES if c != "fr"])
def test_every_text_is_translated_in_every_language(lang: str):
    po = paths.LOCALES_DIR / lang / "LC_MESSAGES" / f"{CONTENT_DOMAIN}.po"
    catalog = read_po(po.open("rb"), locale=lang)
    for where, text in load().texts():
        message = catalog.get(text)
        assert message is not None and message.string and not message.fuzzy, (lang, where)
    i18n = I18n([lang])
    content = ContentTranslator(i18n.catalog(lang, CONTENT_DOMAIN), lang)
    first = load().statements[0].text
    assert content.is_translated(first) and content(first) != first


def test_a_reworded_item_falls_back_to_french_and_says_so():
    i18n = I18n(["ar"])
    content = ContentTranslator(i18n.catalog("ar", CONTENT_DOMAIN), "ar")
    own = "Dans notre école, les parents reçoivent le cahier de liaison chaque vendredi."
    assert content(own) == own
    assert not content.is_translated(own)
    french = ContentTranslator(i18n.catalog("fr", CONTENT_DOMAIN), "fr")
    assert french.is_translated(own)


def test_the_extractor_yields_every_text_once():
    with QUESTIONNAIRE_FILE.open("rb") as handle:
        extracted = [m for _line, _f, m, _c in extract_questionnaire(handle, [], [], {})]
    assert set(extracted) == {text for _where, text in load().texts()}
    partners = paths.DEMO_DIR / "partners.toml"
    with partners.open("rb") as handle:
        texts = [m for _line, _f, m, _c in extract_questionnaire(handle, [], [], {})]
    raw = tomllib.loads(partners.read_text(encoding="utf-8"))
    assert raw["loan"]["text"] in texts
    assert all(p["hours"] in texts for p in raw["partners"])
    assert not any(p["name"] in texts for p in raw["partners"])  # names are not translated


def test_clean_keeps_only_valid_answers_in_order():
    questionnaire = load()
    cleaned = questionnaire.clean({
        "A1": 4, "A2": NOT_APPLICABLE, "B1": 7, "B2": True, "C1": "3", "ZZ": 1,
        "D_DEVICES": ["tablet", "smartphone"], "D_INTERNET": "moon", "D_HELP": [],
        "P_ROLE": "parent",
    })
    assert cleaned == {"A1": 4, "A2": NOT_APPLICABLE, "D_DEVICES": ["smartphone", "tablet"],
                       "P_ROLE": "parent"}


# --- validation ------------------------------------------------------------------------------


def shipped() -> dict[str, Any]:
    return tomllib.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))


def error_for(raw: dict[str, Any]) -> QuestionnaireError:
    with pytest.raises(QuestionnaireError) as caught:
        from_mapping(raw, "ecole.toml")
    return caught.value


def test_errors_name_the_file_the_item_and_the_problem():
    raw = shipped()
    raw["items"][1]["id"] = raw["items"][0]["id"]
    error = error_for(raw)
    assert str(error).startswith("ecole.toml: item A1: ")
    assert "twice" in str(error)

    raw = shipped()
    raw["items"][3]["domain"] = "Z"
    assert "item B2: domain 'Z'" in str(error_for(raw))

    raw = shipped()
    raw["items"][20]["options"] = [{"id": "only", "text": "Seule"}]
    assert "D_INTERNET" in str(error_for(raw)) and "at least 2 options" in str(error_for(raw))

    raw = shipped()
    raw["items"][0]["txt"] = "faute de frappe"
    assert "unknown key 'txt'" in str(error_for(raw))

    raw = shipped()
    raw["scale"] = raw["scale"][:4]
    assert "exactly 5" in str(error_for(raw))

    raw = shipped()
    raw["orientation"]["when"] = ["nobody"]
    assert "[orientation]" in str(error_for(raw))

    raw = shipped()
    for item in raw["items"]:
        item["enabled"] = False
    assert "nothing to ask" in str(error_for(raw))


def test_a_bad_file_on_disk_is_reported_not_raised(tmp_path: Path):
    bad = tmp_path / "questionnaire.toml"
    bad.write_text("version = 1\n[[items]\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="not valid TOML"):
        load(bad)
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(QuestionnaireError, match="UTF-8"):
        load(bad)
    with pytest.raises(QuestionnaireError, match="does not exist"):
        load(tmp_path / "absent.toml")


def test_a_school_copy_can_disable_and_reword(tmp_path: Path):
    raw = QUESTIONNAIRE_FILE.read_text(encoding="utf-8")
    raw = raw.replace('id = "A2"\nsection = "school"', 'id = "A2"\nenabled = false\nsection = '
                                                        '"school"')
    raw = raw.replace("Avez-vous internet à la maison ?", "Avez-vous internet chez vous ?")
    own = tmp_path / "q.toml"
    own.write_text(raw, encoding="utf-8")
    questionnaire = load(own)
    assert "A2" not in [item.id for item in questionnaire.items]
    assert questionnaire.item("A2") is not None  # past responses stay readable
    assert questionnaire.item("D_INTERNET").text == "Avez-vous internet chez vous ?"


def test_the_kiosk_refuses_to_start_on_a_bad_questionnaire(tmp_path: Path):
    from kiosk.cli import main

    (tmp_path / "q.toml").write_text("version = 0\n", encoding="utf-8")
    config = tmp_path / "kiosk.toml"
    config.write_text('[questionnaire]\nfile = "q.toml"\n', encoding="utf-8")
    err = io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(err):
        status = main(["--config", str(config), "--data-dir", str(tmp_path / "d"), "where"])
    assert status == 2
    assert "q.toml" in err.getvalue() and "version" in err.getvalue()


_values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 12), st.text(max_size=8),
    st.lists(st.text(max_size=4), max_size=3), st.dictionaries(st.text(max_size=3),
                                                               st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    target=st.sampled_from(["top", "item", "option", "domain", "section", "indicator"]),
    index=st.integers(0, 40),
    key=st.sampled_from(["id", "text", "kind", "domain", "section", "options", "enabled",
                         "title", "item", "chosen", "exclusive", "version", "scale",
                         "not_applicable", "minutes", "orientation", "breakdown", "extra"]),
    value=_values,
    delete=st.booleans(),
)
def test_any_damaged_file_gives_a_clear_error_or_a_valid_questionnaire(
    target: str, index: int, key: str, value: Any, delete: bool
):
    raw = shipped()
    if target == "top":
        place: dict[str, Any] = raw
    elif target == "item":
        place = raw["items"][index % len(raw["items"])]
    elif target == "option":
        choice_items = [i for i in raw["items"] if "options" in i]
        options = choice_items[index % len(choice_items)]["options"]
        place = options[index % len(options)]
    else:
        table = {"domain": "domains", "section": "sections", "indicator": "indicators"}[target]
        place = raw[table][index % len(raw[table])]
    if delete:
        place.pop(key, None)
    else:
        place[key] = value
    try:
        questionnaire = from_mapping(raw, "ecole.toml")
    except QuestionnaireError as exc:
        text = str(exc)
        assert text.startswith("ecole.toml: ")
        assert len(text) < 400
        return
    assert questionnaire.items  # still something to ask
    for item in questionnaire.items:
        assert item.text and (item.is_scale or len(item.options) >= 2)
