"""``kiosk questionnaire paper`` and ``kiosk questionnaire codes``: sheets to print.

    kiosk questionnaire paper --lang ar --out questionnaire-ar.html   # A4, any browser prints it
    kiosk questionnaire codes --count 300 --out codes.html            # one-time family codes

Both write one self-contained HTML file (print styles for A4) and an entry in the audit log.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.core.i18n import Translator
    from kiosk.services import Services


def register(commands: Commands) -> None:
    group = commands.group("questionnaire", help="printed sheets of the questionnaire")
    parser = group.add(
        "paper",
        paper,
        help="the questionnaire on paper (A4 HTML page to print), in one language",
        description=(
            "Write the questionnaire as one A4 HTML page, printable from any browser, in LANG "
            "(right to left for ar and fa): big boxes 1 to 5 and 0 for \"ne s'applique pas\", "
            "Part 2 too, numbered as the staff's quick entry screen (Espace personnel → Saisie "
            "des questionnaires papier) asks for them."
        ),
    )
    parser.add_argument("--lang", metavar="LANG", required=True, help="language code, e.g. ar")
    parser.add_argument("--out", metavar="FILE", type=Path, required=True)
    parser = group.add(
        "codes",
        codes,
        help="one-time family codes to hand out with the school letter (A4 cut-out slips)",
        description=(
            "Draw N new one-time codes and write them as A4 sheets of cut-out slips (8 a page), "
            "each with the code and a QR code to [online] base_url. With [questionnaire] "
            "one_per_family = true the kiosk asks for one before the questions; a code works "
            "once. Only a hash of each code is kept: this file is the only copy of the codes."
        ),
    )
    parser.add_argument("--count", metavar="N", type=int, required=True)
    parser.add_argument("--out", metavar="FILE", type=Path, required=True)
    parser.add_argument("--lang", metavar="LANG", default="fr",
                        help="language of the slips' text (default: fr)")


def _translators(services: Services, code: str) -> Translator:
    languages = services.config.kiosk.languages
    if code not in languages:
        raise UsageError(f"--lang {code!r}: expected one of the kiosk's languages: "
                         f"{', '.join(languages)}.")
    return services.i18n.translator(code)


def _out(path: Path) -> Path:
    if path.is_dir():
        raise UsageError(f"--out {path}: this is a folder; give a file name (….html).")
    if not path.parent.is_dir():
        raise UsageError(f"--out {path}: the folder {path.parent} does not exist.")
    return path


def paper(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.store import write_atomically
    from kiosk.questionnaire.content import CONTENT_DOMAIN, ContentTranslator
    from kiosk.questionnaire.paper import paper_questionnaire

    tr = _translators(services, str(args.lang))
    out = _out(Path(args.out))
    content = ContentTranslator(services.i18n.catalog(tr.code, CONTENT_DOMAIN), tr.code)
    page = paper_questionnaire(services.questionnaire, tr, content, services.config.school.name)
    write_atomically(out, page.encode("utf-8"))
    print(f"Questionnaire papier ({tr.code}) écrit : {out}")
    record_done(services, "export", f"Questionnaire papier ({tr.code}) → {out}")
    return 0


def codes(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.store import write_atomically
    from kiosk.questionnaire.family_codes import MAX_COUNT, FamilyCodes
    from kiosk.questionnaire.paper import code_slips

    count = int(args.count)
    if not 1 <= count <= MAX_COUNT:
        raise UsageError(f"--count {count}: expected a number of codes from 1 to {MAX_COUNT}.")
    tr = _translators(services, str(args.lang))
    out = _out(Path(args.out))
    url = services.config.online.base_url
    drawn = FamilyCodes(services.store).issue(count)
    write_atomically(out, code_slips(drawn, tr, services.config.school.name, url).encode("utf-8"))
    print(f"{count} codes écrits : {out} (ce fichier est la seule copie des codes)")
    if not url:
        print("Pas de QR code sur les coupons : [online] base_url est vide dans kiosk.toml.",
              file=sys.stderr)
    if not services.config.questionnaire.one_per_family:
        print("Le kiosque ne demande pas encore de code : mettez [questionnaire] "
              "one_per_family = true dans kiosk.toml.", file=sys.stderr)
    record_done(services, "export", f"{count} codes famille pour le questionnaire → {out}")
    return 0
