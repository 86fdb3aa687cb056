"""One word per school concept: every catalog uses the words of data/glossary.toml.

The glossary's "word" column is the terminology: each glossary word that has a ``forms`` table
is a concept whose word every catalog must use (and whose ``avoid`` variants none may use).

For each language and concept, a message whose French msgid names the concept is translated
with the language's term (or an inflected form of it), and no message of that language uses
a variant the file says to avoid. The Plural-Forms header of every catalog is also checked
against the language's plural rules (CLDR), with its forms in CLDR order.
"""

from __future__ import annotations

import gettext
import re
import tomllib
import unicodedata
from functools import cache

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from kiosk.core import paths
from tests.support.paths import ROOT

GLOSSARY = ROOT / "data" / "glossary.toml"
LANGUAGES = ["en", "es", "pt", "ar", "fa", "ro", "ru", "uk", "sq", "tr", "zh"]
DOMAINS = sorted(p.stem for p in paths.LOCALES_DIR.glob("*.pot"))
#: Languages whose words take attached prefixes (ar) or have no spaces (zh): match anywhere.
ANYWHERE = {"ar", "zh"}
#: Arabic short vowels, shadda, sukun, dagger alif and tatweel: ignored when matching.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


@cache
def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    return ARABIC_MARKS.sub("", text)


@cache
def _pattern(entry: str, lang: str, whole: bool) -> re.Pattern[str]:
    """`entry` as a word (whole) or a word's start (stem); anywhere in ar and zh."""
    entry = re.escape(_normalise(entry))
    if lang in ANYWHERE:
        return re.compile(entry)
    return re.compile(r"(?<!\w)" + entry + (r"(?!\w)" if whole else ""))


def _found(text: str, entry: str, lang: str, *, whole: bool) -> bool:
    return _pattern(entry, lang, whole).search(_normalise(text)) is not None


def _names_concept(msgid: str, forms: list[str], not_in: list[str]) -> bool:
    """Whether a French msgid names the concept (whole words, plural/feminine allowed)."""
    text = _normalise(msgid)
    if any(_normalise(phrase) in text for phrase in not_in):
        return False
    return any(_french(form).search(text) for form in forms)


@cache
def _french(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(_normalise(form)) + r"(?:e|s|es)?(?!\w)")


@cache
def _glossary() -> dict[str, dict[str, object]]:
    with GLOSSARY.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _terminology() -> dict[str, dict[str, object]]:
    """The glossary words that are terminology concepts (those with a ``forms`` table)."""
    return {name: concept for name, concept in _glossary().items() if "forms" in concept}


@cache
def _catalog(lang: str, domain: str) -> Catalog:
    with (paths.LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@cache
def _messages(lang: str) -> list[tuple[list[str], list[str]]]:
    """(French ids, translated forms) of every translated message in every domain."""
    found: list[tuple[list[str], list[str]]] = []
    for domain in DOMAINS:
        message: Message
        for message in _catalog(lang, domain):
            if not message.id or not message.string:
                continue
            ids = list(message.id) if isinstance(message.id, tuple) else [message.id]
            forms = (list(message.string) if isinstance(message.string, tuple)
                     else [message.string])
            found.append((ids, [f for f in forms if f]))
    return found


def _table(concept: dict[str, object], key: str) -> dict[str, list[str]]:
    value = concept.get(key, {})
    assert isinstance(value, dict)
    return value


def test_every_concept_has_a_term_in_every_language() -> None:
    terms = _terminology()
    assert {"ticket", "atelier", "rendez-vous", "enseignant", "directeur", "accueil", "code",
            "annonce", "questionnaire", "espace-personnel", "ent", "liste-attente",
            "classe"} <= set(terms)
    for name, concept in terms.items():
        missing = [lang for lang in ["fr", *LANGUAGES] if not concept.get(lang)]
        assert not missing, f"{name}: no term in {missing}"
        assert _table(concept, "forms").get("fr"), f"{name}: no French forms"
        unknown = set(_table(concept, "avoid")) - set(LANGUAGES)
        assert not unknown, f"{name}: avoid for unknown languages {unknown}"


def test_every_glossary_word_has_all_languages_and_explanations() -> None:
    glossary = _glossary()
    assert {"educonnect", "aesh", "qcm", "tni", "cantine"} <= set(glossary)
    for name, word in glossary.items():
        missing = [lang for lang in ["fr", *LANGUAGES] if not word.get(lang)]
        assert not missing, f"{name}: no word in {missing}"
        explain = _table(word, "explain")
        missing = [lang for lang in ["fr", *LANGUAGES] if not explain.get(lang)]
        assert not missing, f"{name}: no explanation in {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explanations_use_no_avoided_variant(lang: str) -> None:
    """The glossary's own explanations keep to the terminology too."""
    problems = [f"{name}: {variant!r} in the {other} explanation"
                for name, concept in _terminology().items()
                for variant in _table(concept, "avoid").get(lang, [])
                for other, word in _glossary().items()
                if _found(str(_table(word, "explain").get(lang, "")), variant, lang, whole=True)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_concept_is_named_with_its_term(lang: str) -> None:
    problems: list[str] = []
    messages = _messages(lang)
    for name, concept in _terminology().items():
        forms = _table(concept, "forms")
        french, not_in = forms["fr"], _table(concept, "not_in").get("fr", [])
        accepted = forms.get(lang) or [str(concept[lang])]
        for ids, strings in messages:
            if not any(_names_concept(msgid, french, not_in) for msgid in ids):
                continue
            for string in strings:
                if not any(_found(string, form, lang, whole=False) for form in accepted):
                    problems.append(f"{name} ({concept[lang]}): {ids[0]!r} → {string!r}")
    assert not problems, f"{lang}: {len(problems)} messages miss the term:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_avoided_variant_is_used(lang: str) -> None:
    problems: list[str] = []
    messages = _messages(lang)
    for name, concept in _terminology().items():
        for variant in _table(concept, "avoid").get(lang, []):
            for ids, strings in messages:
                if _term_of_a_concept_named(variant, lang, ids):
                    continue  # e.g. zh 密码: avoided for "code", the term of "mot de passe"
                for string in strings:
                    if _found(string, variant, lang, whole=True):
                        problems.append(f"{name}: {variant!r} in {ids[0]!r} → {string!r}")
    assert not problems, f"{lang}: {len(problems)} avoided variants:\n" + "\n".join(problems)


def _term_of_a_concept_named(variant: str, lang: str, ids: list[str]) -> bool:
    """True when a message names (in French) a concept whose own term in `lang` is `variant`:
    a word avoided for one concept is still the right word where the other one is meant."""
    for concept in _terminology().values():
        forms = _table(concept, "forms")
        accepted = forms.get(lang) or [str(concept.get(lang, ""))]
        if variant in accepted and any(
                _names_concept(msgid, forms["fr"], _table(concept, "not_in").get("fr", []))
                for msgid in ids):
            return True
    return False


def test_a_word_avoided_for_one_concept_is_allowed_where_its_own_concept_is_named() -> None:
    """zh 密码 ("password") must not name the kiosk's booking code, but is the password."""
    assert "密码" in _table(_terminology()["code"], "avoid")["zh"]
    assert _term_of_a_concept_named("密码", "zh", ["Mot de passe oublié ?"])
    assert not _term_of_a_concept_named("密码", "zh", ["Votre code : {code}"])


def _arabic(n: int) -> int:
    if n in (0, 1, 2):
        return n
    if 3 <= n % 100 <= 10:
        return 3
    return 4 if n % 100 >= 11 else 5


def _slavic(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2


def _romanian(n: int) -> int:
    if n == 1:
        return 0
    return 1 if n == 0 or 1 <= n % 100 <= 19 else 2


#: CLDR plural categories as gettext indexes: ar zero, one, two, few (3–10), many (11–99),
#: other (100–102); ru/uk one, few, many; ro one, few, other; fa, tr, zh one form (the noun
#: stays singular after a number).
PLURALS = {
    "ar": (6, _arabic),
    "ru": (3, _slavic),
    "uk": (3, _slavic),
    "ro": (3, _romanian),
    "fa": (1, lambda n: 0),
    "tr": (1, lambda n: 0),
    "zh": (1, lambda n: 0),
    "en": (2, lambda n: int(n != 1)),
    "es": (2, lambda n: int(n != 1)),
    "pt": (2, lambda n: int(n != 1)),
    "sq": (2, lambda n: int(n != 1)),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_plural_forms_header_follows_the_language(lang: str, domain: str) -> None:
    catalog = _catalog(lang, domain)
    count, rule = PLURALS[lang]
    assert catalog.num_plurals == count
    choose = gettext.c2py(catalog.plural_expr)
    for n in [*range(0, 230), 1000, 1001, 1002, 1011, 1100, 1111]:
        got = int(choose(n))
        assert got == rule(n), f"{lang}/{domain}: n={n} gives form {got}, not {rule(n)}"


#: Arabic counted nouns: 3–10 plural, 11–99 singular accusative, 100–102 singular genitive,
#: 1 and 2 said by the noun alone (the number only in brackets, never "2 يومين").
ARABIC_COUNTS = [
    ("Il reste {n} place.", {1: "مكان واحد", 2: "مكانان", 4: "4 أماكن", 12: "12 مكانًا",
                             100: "100 مكان.", 111: "111 مكانًا", 203: "203 أماكن"}),
    ("Ils sont effacés {days} jour après la rencontre, avec la copie de votre ticket.",
     {1: "يوم واحد", 2: "بعد يومين (2)", 7: "7 أيام", 30: "30 يومًا", 101: "101 يوم "}),
    ("Encore {n} seconde.", {2: "ثانيتان", 5: "5 ثوانٍ", 15: "15 ثانيةً", 102: "102 ثانية."}),
]


@pytest.mark.parametrize(("msgid", "expected"), ARABIC_COUNTS, ids=["place", "days", "seconds"])
def test_arabic_counted_nouns(msgid: str, expected: dict[int, str]) -> None:
    catalog = _catalog("ar", "kiosk")
    message = catalog.get(msgid)
    assert message is not None and isinstance(message.string, tuple)
    choose = gettext.c2py(catalog.plural_expr)
    for n, words in expected.items():
        shown = message.string[int(choose(n))].format(n=n, days=n)
        assert words in shown, f"n={n}: {shown!r} lacks {words!r}"
