"""The guides to the school's digital tools (issue 19): the shipped files, a school's own
guides and edits, bad files, translation statuses, the translators' files, the tickets and
``kiosk guides``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import DEMO_CONFIG, main
from kiosk.core.school_texts import Status
from kiosk.core.text_exchange import export_po, import_po
from kiosk.guides.library import GuideLibrary
from kiosk.guides.model import EDUCONNECT_URL, MAX_STEPS, MIN_STEPS
from kiosk.guides.texts import GuideTexts
from kiosk.services import Services
from kiosk.tickets import guide_ticket, login_card_ticket

LANGUAGES = ("fr", "en", "ar", "es", "pt", "tr", "ro", "uk", "ru", "zh", "fa", "sq")
SHIPPED = {"educonnect", "absence", "cantine", "cahier-de-textes", "message-enseignant",
           "bourse", "changement-adresse"}
FRENCH_TITLES = {"Se connecter avec EduConnect", "Justifier une absence", "Payer la cantine",
                 "Lire le cahier de textes", "Écrire à l'enseignant", "Demander une bourse",
                 "Signaler un changement d'adresse"}

ONLY_FRENCH = ('order = 0\nlink = "https://cantine.example.fr/"\n[fr]\ntitle = "Notre cantine"\n'
               'steps = ["Un.", "Deux.", "Trois.", "Quatre."]\n')


def _school_file(services: Services, name: str, text: str) -> Path:
    folder = services.data_dir / "guides"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_the_seven_guides_are_shipped_whole_in_twelve_languages(services: Services) -> None:
    library = services.guides
    guides = library.all()
    assert {g.id for g in guides} == SHIPPED and library.problems() == []
    assert {g.title for g in guides} == FRENCH_TITLES
    assert guides[0].id == "educonnect"  # the first thing to learn
    for guide in guides:
        assert MIN_STEPS <= len(guide.steps) <= MAX_STEPS
        assert all(len(step) <= 120 for step in guide.steps), guide.id  # short steps
        assert set(guide.translations) == set(LANGUAGES) - {"fr"}
        assert set(library.statuses(guide).values()) == {Status.TRANSLATED}, guide.id
        assert all(len(t.steps) == len(guide.steps) for t in guide.translations.values())
        assert guide.url(services.config.online.ent_url).startswith("https://")


def test_ent_links_lead_to_the_schools_ent_or_to_educonnect(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[2] / "data" / "guides"
    with_ent = GuideLibrary(shipped, tmp_path, LANGUAGES, ent_url="https://ent.example.fr/")
    without = GuideLibrary(shipped, tmp_path, LANGUAGES)
    absence = with_ent.get("absence")
    assert absence is not None and absence.link == "ent"
    assert absence.url(with_ent.ent_url) == "https://ent.example.fr/"
    assert absence.url(without.ent_url) == EDUCONNECT_URL


def test_a_school_edits_and_adds_guides_and_a_bad_file_is_told(services: Services) -> None:
    library = services.guides
    original = library.get("cantine")
    assert original is not None
    text = (Path(__file__).resolve().parents[2] / "data" / "guides" / "cantine.toml").read_text()
    _school_file(services, "cantine.toml", text.replace("Payer la cantine",
                                                        "Payer la cantine (Ville de Lyon)"))
    _school_file(services, "notre-cantine.toml", ONLY_FRENCH)
    _school_file(services, "absence.toml", "order = 2\n[fr]\ntitle = 'x'\nsteps = ['a']\n")
    _school_file(services, "Mauvais Nom.toml", ONLY_FRENCH)
    _school_file(services, "casse.toml", "[fr\ntitle = ")
    guides = {g.id: g for g in library.all()}
    assert set(guides) == SHIPPED | {"notre-cantine"}
    edited = guides["cantine"]
    assert edited.origin == "école" and edited.title == "Payer la cantine (Ville de Lyon)"
    # The French changed after the translations were made: each is to review.
    assert set(library.statuses(edited).values()) == {Status.OUTDATED}
    assert guides["notre-cantine"].statuses(LANGUAGES)["ar"] is Status.MISSING
    assert guides["absence"].origin == "fourni"  # the bad school copy leaves the shipped one
    problems = "\n".join(library.problems())
    assert "absence.toml : fr.steps : 1 étape(s) ; il en faut de 4 à 8." in problems
    assert "Mauvais Nom.toml" in problems and "minuscules" in problems
    assert "casse.toml : syntaxe TOML incorrecte" in problems
    assert len(library.problems()) == 3
    # The staff's dashboard says so too.
    board = services.dashboard.gather()
    assert sum(p.startswith("Guide ignoré : ") for p in board.problems) == 3


@pytest.mark.parametrize("bad", [
    "link = 'ftp://x'\n[fr]\ntitle='T'\nsteps=['a','b','c','d']\n",
    "[fr]\ntitle=''\nsteps=['a','b','c','d']\n",
    "[fr]\ntitle='T'\nsteps=['a','b','c','d','e','f','g','h','i']\n",
    "[fr]\ntitle='T'\nsteps=['a','b','c',4]\n",
    "colour='red'\n[fr]\ntitle='T'\nsteps=['a','b','c','d']\n",
    "[en]\ntitle='T'\nsteps=['a','b','c','d']\n",
    "[fr]\ntitle='T'\nsteps=['a','b','c','d']\n[ar]\ntitle=3\n",
    "\udcff",
])
def test_a_bad_guide_file_never_stops_the_others(services: Services, bad: str) -> None:
    path = services.data_dir / "guides" / "mauvais.toml"
    path.parent.mkdir()
    path.write_bytes(bad.encode("utf-8", "surrogateescape"))
    assert {g.id for g in services.guides.all()} == SHIPPED
    [problem] = services.guides.problems()
    assert problem.startswith(f"{path} : ")


def test_reading_in_a_language_or_the_french_said_untranslated(services: Services) -> None:
    _school_file(services, "notre-cantine.toml", ONLY_FRENCH)
    library = services.guides
    fa = services.i18n.translator("fa")
    shown = library.reading(library.get("educonnect"), fa)  # type: ignore[arg-type]
    assert shown.rtl and shown.translated and shown.title == "ورود با EduConnect"
    assert shown.french_title == "Se connecter avec EduConnect"
    untranslated = library.reading(library.get("notre-cantine"), fa)  # type: ignore[arg-type]
    assert not untranslated.rtl and untranslated.steps[0] == "Un."
    assert untranslated.note == fa("Ce texte n'est pas encore traduit dans votre langue. "
                                   "Voici le texte en français :")


def test_guides_go_through_the_translators_files(services: Services) -> None:
    _school_file(services, "notre-cantine.toml", ONLY_FRENCH)
    library = services.guides
    sources = [GuideTexts(library)]
    po = export_po(sources, "ar", LANGUAGES, now=services.now(), school="École").decode()
    assert 'msgctxt "guide/educonnect|step6"' in po
    assert 'msgctxt "guide/notre-cantine|title"' in po
    filled = po.replace('msgid "Notre cantine"\nmsgstr ""',
                        'msgid "Notre cantine"\nmsgstr "مطعمنا"')
    for french, arabic in (("Un.", "واحد."), ("Deux.", "اثنان."), ("Trois.", "ثلاثة."),
                           ("Quatre.", "أربعة.")):
        filled = filled.replace(f'msgid "{french}"\nmsgstr ""',
                                f'msgid "{french}"\nmsgstr "{arabic}"')
    report = import_po(sources, LANGUAGES, filled.encode())
    assert report.ok, report.problems
    guide = library.get("notre-cantine")
    assert guide is not None and guide.status("ar") is Status.TRANSLATED
    assert guide.translations["ar"].steps == ("واحد.", "اثنان.", "ثلاثة.", "أربعة.")
    # A shipped guide's translation lands in the school's copy; the shipped file is untouched.
    shipped = Path(__file__).resolve().parents[2] / "data" / "guides" / "bourse.toml"
    before = shipped.read_bytes()
    changed = po.replace('msgstr "طلب منحة دراسية"', 'msgstr "طلب منحة"')
    assert import_po(sources, LANGUAGES, changed.encode()).ok
    bourse = library.get("bourse")
    assert bourse is not None and bourse.origin == "école"
    assert bourse.translations["ar"].title == "طلب منحة" and shipped.read_bytes() == before
    assert bourse.status("ar") is Status.TRANSLATED


def test_an_unchanged_file_brought_back_writes_nothing(services: Services) -> None:
    sources = [GuideTexts(services.guides)]
    po = export_po(sources, "uk", LANGUAGES, now=services.now(), school="École")
    report = import_po(sources, LANGUAGES, po)
    assert report.ok and report.updates == []
    assert not (services.data_dir / "guides").exists()  # no copy of a shipped guide


def test_a_half_translated_guide_is_refused_whole(services: Services) -> None:
    _school_file(services, "notre-cantine.toml", ONLY_FRENCH)
    sources = [GuideTexts(services.guides)]
    po = export_po(sources, "tr", LANGUAGES, now=services.now(), school="École").decode()
    half = po.replace('msgid "Notre cantine"\nmsgstr ""', 'msgid "Notre cantine"\nmsgstr "Kantin"')
    report = import_po(sources, LANGUAGES, half.encode())
    assert not report.ok
    assert "traduisez ensemble le titre et toutes les étapes" in report.problems[0]
    assert services.guides.get("notre-cantine").status("tr") is Status.MISSING  # type: ignore[union-attr]


def test_the_guide_ticket_has_the_french_beside_and_the_card_no_secret(
        services: Services) -> None:
    context = services.ticket_context
    guide = services.guides.get("cahier-de-textes")
    assert guide is not None
    ru = guide.translations["ru"]
    ticket = guide_ticket(context, "ru", title=ru.title, steps=ru.steps,
                          french_title=guide.title, french_steps=guide.steps,
                          url="https://ent.example.fr/")
    assert ticket.kind == "guide" and ticket.title == ru.title and ticket.french_heading
    assert ticket.lines[0].text == f"1. {ru.steps[0]}"
    assert [line.text for line in ticket.french] == [guide.title, *(
        f"{n}. {step}" for n, step in enumerate(guide.steps, 1))]
    assert all(line.rtl is False for line in ticket.french)
    card = login_card_ticket(context, "ar", url=EDUCONNECT_URL)
    assert card.kind == "login_card" and card.rtl and card.qr == EDUCONNECT_URL
    boxes = [line for line in card.lines if "□" in line.text]
    assert len(boxes) == 3 and all(line.rtl is False for line in boxes)
    assert "mot de passe" in " ".join(line.text for line in card.french)


def run(data: Path, *argv: str) -> int:
    return main([*argv, "--config", str(DEMO_CONFIG), "--data-dir", str(data)])


def test_kiosk_guides_list_and_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(data, "guides", "list") == 0
    out = capsys.readouterr().out
    assert "educonnect (fourni, 6 étapes) : Se connecter avec EduConnect" in out
    assert "ar ✔" in out
    assert run(data, "guides", "print", "--lang", "fa", "--out", str(tmp_path / "a4")) == 0
    assert len(list((tmp_path / "a4").glob("guide-*-fa.html"))) == 7
    html = (tmp_path / "a4" / "guide-bourse-fa.html").read_text("utf-8")
    assert 'dir="rtl"' in html and "<svg" in html and "En français" in html
    (data / "guides").mkdir()
    (data / "guides" / "casse.toml").write_text("[fr", "utf-8")
    assert run(data, "guides", "list") == 1
    assert "casse.toml" in capsys.readouterr().err


def test_kiosk_guides_print_refuses_bad_input(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    file = tmp_path / "file.txt"
    file.write_text("x")
    assert run(data, "guides", "print", "--lang", "xx", "--out", str(tmp_path / "o")) == 2
    assert run(data, "guides", "print", "--lang", "fr", "--out", str(file)) == 2
    assert run(data, "guides", "print", "--lang", "fr", "--out", str(tmp_path / "o"),
               "--guide", "nope") == 2
    err = capsys.readouterr().err
    assert "xx" in err and "c'est un fichier" in err and "nope" in err
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())
