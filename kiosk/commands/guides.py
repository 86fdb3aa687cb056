"""``kiosk guides``: the guides to the school's digital tools.

    kiosk guides list                              # every guide, its statuses, bad files
    kiosk guides print --lang ar --out feuilles/   # one A4 HTML sheet per guide
    kiosk guides print --lang fr --out feuilles/ --guide educonnect

The guides are translated with the announcements (``kiosk export translations``); a school
edits or adds its own in the data folder's ``guides/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.services import Services


def register(commands: Commands) -> None:
    group = commands.group("guides", help="guides to the school's digital tools")
    group.add(
        "list",
        list_guides,
        help="the guides, their translation statuses, and the guide files that cannot be used",
        description=(
            "Lists every guide the kiosk offers (shipped in data/guides/ or the school's own "
            "in the data folder's guides/, which replaces a shipped guide of the same name), "
            "with its translation status in each language, then every guide file left out "
            "and why."
        ),
    )
    parser = group.add(
        "print",
        print_sheets,
        help="the guides as A4 sheets to print (HTML), in one language",
        description=(
            "Writes one self-contained A4 HTML page per guide into DIR (right to left for ar "
            "and fa): the numbered steps, the QR code of the guide's page, and the steps in "
            "French below. Any browser prints them."
        ),
    )
    parser.add_argument("--lang", metavar="LANG", required=True, help="language code, e.g. ar")
    parser.add_argument("--out", metavar="DIR", type=Path, required=True,
                        help="the folder to write into (created if needed)")
    parser.add_argument("--guide", metavar="ID", help="only this guide (its file's name)")


def list_guides(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.school_texts import STATUS_LEGEND, statuses_line

    library = services.guides
    languages = services.config.kiosk.languages
    for guide in library.all():
        print(f"{guide.id} ({guide.origin}, {len(guide.steps)} étapes) : {guide.title}")
        print(f"    {statuses_line(guide, languages)}")
    print(STATUS_LEGEND)
    problems = library.problems()
    for problem in problems:
        print(f"ignoré : {problem}", file=sys.stderr)
    return 1 if problems else 0


def print_sheets(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.store import write_atomically
    from kiosk.guides.sheet import guide_sheet

    lang = str(args.lang)
    if lang not in services.config.kiosk.languages:
        raise UsageError(f"--lang {lang!r} : une des langues du kiosque est attendue "
                         f"({', '.join(services.config.kiosk.languages)}).")
    library = services.guides
    guides = library.all()
    if args.guide:
        guides = [g for g in guides if g.id == args.guide]
        if not guides:
            raise UsageError(f"--guide {args.guide!r} : pas de guide de ce nom "
                             f"({', '.join(g.id for g in library.all())}).")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} : c'est un fichier ; donnez un dossier.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {out} : dossier impossible à créer ({exc.strerror}).") from None
    tr = services.i18n.translator(lang)
    school = services.config.school.name
    for guide in guides:
        path = out / f"guide-{guide.id}-{lang}.html"
        write_atomically(path, guide_sheet(library.reading(guide, tr), tr, school).encode())
        print(path)
    for problem in library.problems():
        print(f"ignoré : {problem}", file=sys.stderr)
    record_done(services, "export", f"{len(guides)} guide(s) en {lang} → {out}")
    return 0
