#!/usr/bin/env python3
"""Translation catalogs, with Babel: extract, update, compile, check, add a language.

    python scripts/catalogs.py extract     # code → locales/kiosk.pot → every kiosk.po updated
    python scripts/catalogs.py compile     # every kiosk.po → kiosk.mo (done by make run/test)
    python scripts/catalogs.py check       # how complete each catalog is
    python scripts/catalogs.py init LANG   # start the catalog of a new language

French is the source language: the msgids are French and there is no French catalog.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
POT = LOCALES / "kiosk.pot"
KEYWORDS = ["tr", "N_", "ngettext:1,2", "pgettext:1c,2"]


def babel(*argv: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *argv])


def extract() -> None:
    args = [
        "extract", "-F", "babel.cfg", "-o", str(POT), "--no-wrap", "--no-location",
        "--sort-output", "--project", "Kiosque Ecole-Familles",
        "--copyright-holder", "Kiosque Ecole-Familles contributors",
        "--msgid-bugs-address", "", "--add-comments", "Translators:",
    ]
    for keyword in KEYWORDS:
        args += ["-k", keyword]
    args += ["--ignore-dirs", ".* _* .venv .demo-data tests data locales"]
    import os

    os.chdir(ROOT)  # references in the catalogs are relative to the project
    babel(*args, ".")
    if any(LOCALES.glob("*/LC_MESSAGES/kiosk.po")):
        babel("update", "-i", str(POT), "-d", str(LOCALES), "-D", "kiosk", "--no-wrap",
              "--ignore-obsolete")


def compile_all() -> None:
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/kiosk.po")):
        babel("compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "-D", "kiosk")


def is_translated(message: object) -> bool:
    string = getattr(message, "string", "")
    strings = string if isinstance(string, tuple | list) else [string]
    return bool(strings) and all(strings) and not getattr(message, "fuzzy", False)


def check() -> int:
    from babel.messages.pofile import read_po

    worst = 0
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/kiosk.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        messages = [m for m in catalog if m.id]
        done = [m for m in messages if is_translated(m)]
        missing = len(messages) - len(done)
        worst = max(worst, missing)
        print(f"{po.parent.parent.name:6} {len(done):4}/{len(messages):<4} missing {missing}")
    return 1 if worst else 0


def init(lang: str) -> None:
    babel("init", "-i", str(POT), "-d", str(LOCALES), "-D", "kiosk", "-l", lang, "--no-wrap")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"extract", "compile", "check", "init"}:
        print(__doc__)
        return 2
    if argv[0] == "extract":
        extract()
    elif argv[0] == "compile":
        compile_all()
    elif argv[0] == "check":
        return check()
    elif argv[0] == "init" and len(argv) == 2:
        init(argv[1])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
