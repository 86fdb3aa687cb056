#!/usr/bin/env python3
"""Translation catalogs, with Babel: extract, update, compile, check, translate, add a language.

    python scripts/catalogs.py extract         # code → locales/kiosk.pot → every kiosk.po updated
    python scripts/catalogs.py compile         # every catalog → .mo (done by make run/test)
    python scripts/catalogs.py check           # how complete each catalog is (exit 1 if not)
    python scripts/catalogs.py missing LANG    # the messages LANG still lacks, as JSON
    python scripts/catalogs.py translate FILE  # merge translations from a JSON file
    python scripts/catalogs.py init LANG       # start the catalog of a new language

French is the source language: the msgids are French and there is no French catalog.

``translate`` reads ``{"msgid": {"en": "...", "ar": "..."}}`` (for a plural message, the value
per language is a list of forms) and writes those translations into the catalogs; it is how a
translator (or a machine-assisted pass) fills a catalog without hand-editing PO syntax, and it
refuses a translation whose ``{placeholders}`` differ from the French. Every command that
writes catalogs holds ``locales/.catalogs.lock``, so two people working at once lose nothing.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
LOCK = FileLock(str(LOCALES / ".catalogs.lock"), timeout=120)
#: domain → (the .pot file, the Babel mapping file)
DOMAINS = {
    "kiosk": (LOCALES / "kiosk.pot", ROOT / "babel.cfg"),
    # The questionnaire's content (data/questionnaire.toml, partners), French msgids.
    "questionnaire": (LOCALES / "questionnaire.pot", ROOT / "babel-questionnaire.cfg"),
}
KEYWORDS = ["tr", "N_", "ngettext:1,2", "pgettext:1c,2"]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def babel(*argv: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *argv])


def po_files(domain: str) -> list[Path]:
    return sorted(LOCALES.glob(f"*/LC_MESSAGES/{domain}.po"))


def extract() -> None:
    os.chdir(ROOT)  # references in the catalogs are relative to the project
    with LOCK:
        for domain, (pot, mapping) in DOMAINS.items():
            args = [
                "extract", "-F", str(mapping), "-o", str(pot), "--no-wrap", "--no-location",
                "--sort-output", "--project", "Kiosque Ecole-Familles",
                "--copyright-holder", "Kiosque Ecole-Familles contributors",
                "--msgid-bugs-address", "", "--add-comments", "Translators:",
            ]
            for keyword in KEYWORDS:
                args += ["-k", keyword]
            args += ["--ignore-dirs", ".* _* .venv .demo-data tests locales"]
            babel(*args, ".")
            for code_dir in sorted(p for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir()):
                po = code_dir / "LC_MESSAGES" / f"{domain}.po"
                if po.exists():
                    babel("update", "-i", str(pot), "-o", str(po), "-l", code_dir.name,
                          "-D", domain, "--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching")
                else:
                    babel("init", "-i", str(pot), "-o", str(po), "-l", code_dir.name,
                          "-D", domain, "--no-wrap")


def compile_all() -> None:
    for domain in DOMAINS:
        for po in po_files(domain):
            babel("compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "-D", domain)


def is_translated(message: object) -> bool:
    string = getattr(message, "string", "")
    strings = string if isinstance(string, tuple | list) else [string]
    return bool(strings) and all(strings) and not getattr(message, "fuzzy", False)


def _read(po: Path):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        return read_po(handle, locale=po.parent.parent.name)


def check() -> int:
    worst = 0
    for domain in DOMAINS:
        for po in po_files(domain):
            catalog = _read(po)
            messages = [m for m in catalog if m.id]
            done = [m for m in messages if is_translated(m)]
            missing = len(messages) - len(done)
            worst = max(worst, missing)
            print(f"{domain:14} {po.parent.parent.name:6} {len(done):4}/{len(messages):<4} "
                  f"missing {missing}")
    return 1 if worst else 0


def missing(lang: str) -> int:
    out: dict[str, object] = {}
    for domain in DOMAINS:
        po = LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            continue
        for message in _read(po):
            if message.id and not is_translated(message):
                out[message.id if isinstance(message.id, str) else message.id[0]] = (
                    list(message.id) if isinstance(message.id, tuple) else message.id
                )
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def translate(path: Path) -> int:
    """Merge {msgid: {lang: msgstr | [forms]}} into every domain's catalogs."""
    from babel.messages.pofile import write_po

    wanted: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    applied = 0
    with LOCK:
        for domain in DOMAINS:
            for po in po_files(domain):
                lang = po.parent.parent.name
                catalog = _read(po)
                changed = False
                for message in catalog:
                    if not message.id:
                        continue
                    key = message.id if isinstance(message.id, str) else message.id[0]
                    value = wanted.get(key, {}).get(lang)
                    if value is None:
                        continue
                    source = message.id if isinstance(message.id, str) else message.id[0]
                    forms = value if isinstance(value, list) else [value]
                    bad = [f for f in forms
                           if sorted(PLACEHOLDER.findall(f)) != sorted(PLACEHOLDER.findall(source))
                           and not (isinstance(message.id, tuple) and len(forms) > 1)]
                    if bad:
                        problems.append(f"{lang}: {key!r}: placeholders differ in {bad[0]!r}")
                        continue
                    if isinstance(message.id, tuple):
                        n = catalog.num_plurals
                        forms = (forms + [forms[-1]] * n)[:n]
                        message.string = tuple(forms)
                    else:
                        message.string = forms[0]
                    message.flags.discard("fuzzy")
                    changed = True
                    applied += 1
                if changed:
                    tmp = po.with_suffix(".po.tmp")
                    with tmp.open("wb") as handle:
                        write_po(handle, catalog, width=0, omit_header=False,
                                 ignore_obsolete=True, include_previous=False)
                    os.replace(tmp, po)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{applied} translations written")
    return 1 if problems else 0


def init(lang: str) -> None:
    with LOCK:
        for domain, (pot, _mapping) in DOMAINS.items():
            babel("init", "-i", str(pot), "-d", str(LOCALES), "-D", domain, "-l", lang,
                  "--no-wrap")


def main(argv: list[str]) -> int:
    commands = {"extract": 0, "compile": 0, "check": 0, "missing": 1, "translate": 1, "init": 1}
    if not argv or argv[0] not in commands or len(argv) != 1 + commands[argv[0]]:
        print(__doc__)
        return 2
    if argv[0] == "extract":
        extract()
    elif argv[0] == "compile":
        compile_all()
    elif argv[0] == "check":
        return check()
    elif argv[0] == "missing":
        return missing(argv[1])
    elif argv[0] == "translate":
        return translate(Path(argv[1]))
    elif argv[0] == "init":
        init(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
