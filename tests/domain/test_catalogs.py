"""Every enabled language is complete: no missing or fuzzy message, the same {placeholders} as
the French, and every catalog compiles (with Babel) and loads (with gettext)."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.cli import DEMO_CONFIG
from kiosk.core import config as config_module
from kiosk.core import paths

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
LANGUAGES = [
    code for code in config_module.load(DEMO_CONFIG).kiosk.languages
    if code != paths.SOURCE_LANGUAGE
]
#: Every gettext domain that has a template (kiosk.pot, and the content domains).
DOMAINS = sorted(p.stem for p in paths.LOCALES_DIR.glob("*.pot")) or [paths.GETTEXT_DOMAIN]
CASES = [(lang, domain) for lang in LANGUAGES for domain in DOMAINS]


def _po(lang: str, domain: str) -> Path:
    return paths.LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _template(domain: str) -> set[str]:
    with (paths.LOCALES_DIR / f"{domain}.pot").open("rb") as handle:
        template = read_po(handle)
    return {_key(m) for m in template if m.id}


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def test_the_demo_enables_the_eleven_languages_and_french() -> None:
    assert set(LANGUAGES) >= {"en", "ar", "es", "pt", "tr", "ro", "uk", "ru", "zh", "fa", "sq"}


@pytest.mark.parametrize(("lang", "domain"), CASES, ids=[f"{d}-{lang}" for lang, d in CASES])
def test_catalog_is_complete(lang: str, domain: str) -> None:
    path = _po(lang, domain)
    assert path.exists(), f"no catalog {path}"
    catalog = _read(path, lang)
    messages = {_key(m): m for m in catalog if m.id}
    missing_from_po = _template(domain) - set(messages)
    assert not missing_from_po, f"{lang}: not in the catalog (run catalogs.py extract)"
    problems: list[str] = []
    for key, message in messages.items():
        if message.fuzzy:
            problems.append(f"fuzzy: {key!r}")
            continue
        forms = list(message.string) if isinstance(message.string, tuple) else [message.string]
        if not forms or not all(forms):
            problems.append(f"missing: {key!r}")
            continue
        source = set(PLACEHOLDER.findall(key))
        if isinstance(message.id, tuple):
            source |= set(PLACEHOLDER.findall(message.id[1]))
            if len(forms) != catalog.num_plurals:
                problems.append(f"{len(forms)} plural forms instead of {catalog.num_plurals}: "
                                f"{key!r}")
            # Every form keeps the number's placeholder; none invents another.
            bad = [f for f in forms if set(PLACEHOLDER.findall(f)) != source]
        else:
            bad = [f for f in forms if set(PLACEHOLDER.findall(f)) != source]
        if bad:
            problems.append(f"placeholders differ: {key!r} → {bad[0]!r}")
    assert not problems, f"{domain}/{lang}: {len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize(("lang", "domain"), CASES, ids=[f"{d}-{lang}" for lang, d in CASES])
def test_catalog_compiles_and_loads(lang: str, domain: str) -> None:
    catalog = _read(_po(lang, domain), lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy:
            assert translations.gettext(message.id) == message.string
            break
    # Every translated text can be formatted with its placeholders.
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            if form:
                names = {p.strip("{}") for p in PLACEHOLDER.findall(form)}
                form.format(**dict.fromkeys(names, "x"))
