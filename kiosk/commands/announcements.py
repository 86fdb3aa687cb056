"""Announcement commands: exchange with translators, and the online versions.

    kiosk export translations --lang ar --out ecole-ar.po   (announcements, workshops, guides)
    kiosk import translations ecole-ar.po
    kiosk publish --out site/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError
from kiosk.commands.journal import record_done

if TYPE_CHECKING:
    from kiosk.core.text_exchange import TextSource
    from kiosk.services import Services


def register(commands: Commands) -> None:
    from kiosk.commands import giveback

    giveback.register(commands)
    export = commands.group("export", help="export data")
    parser = export.add(
        "translations",
        export_translations,
        help="the announcements and workshops to translate into one language, as a PO file",
        description=(
            "Writes a gettext PO file holding every announcement of the year (title and text, "
            "French msgid, msgctxt = IDENTIFIER|title or IDENTIFIER|text) and every workshop "
            "to come (msgctxt = atelier/IDENTIFIER|title, |description, |place) and every guide "
            "(msgctxt = guide/IDENTIFIER|title, |step1, |step2…), with the "
            "existing translations; those whose French changed are marked fuzzy. Send it to "
            "the translator, then bring it back with `kiosk import translations FILE`."
        ),
    )
    parser.add_argument("--lang", required=True, metavar="LANG", help="language code, e.g. ar")
    parser.add_argument("--out", required=True, metavar="FILE", type=Path,
                        help="the PO file to write ('-' for standard output)")
    imports = commands.group("import", help="import data")
    parser = imports.add(
        "translations",
        import_translations,
        help="bring back a translator's PO file (all or nothing)",
        description=(
            "Checks the whole file first. Any problem is reported with its line number and "
            "nothing is changed. Empty and fuzzy messages are skipped."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")
    parser = commands.add(
        "publish",
        publish_site,
        help="write the online versions of the announcements (a static website)",
        description=(
            "Writes one index per language and one page per announcement and language into "
            "DIR, and prints the address of every page ([online] base_url + path). Copy the "
            "folder to the school's website at that address; the QR codes of the kiosk lead "
            "there."
        ),
    )
    parser.add_argument("--out", required=True, metavar="DIR", type=Path)


def export_translations(args: argparse.Namespace, services: Services) -> int:
    from kiosk.announcements.exchange import export_po
    from kiosk.announcements.model import AnnouncementError

    try:
        data = export_po(services.announcements, args.lang, now=services.now(),
                         school=services.config.school.name, others=_others(services))
    except AnnouncementError as exc:
        raise UsageError(str(exc)) from None
    count = len(services.announcements.all())
    workshops = len(services.booking.workshops.upcoming())
    guides = len(services.guides.all())
    if str(args.out) == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        from kiosk.core.store import write_atomically

        write_atomically(Path(args.out), data)
        print(f"{count} annonce(s), {workshops} atelier(s) et {guides} guide(s) à traduire en "
              f"« {args.lang} » écrits dans {args.out}.")
    record_done(services, "announcement.export",
                f"traductions {args.lang} : {count} annonces, {workshops} ateliers, "
                f"{guides} guides")
    return 0


def _others(services: Services) -> list[TextSource]:
    """The texts translated with the announcements: the workshops to come, the school's
    actions given back to parents with the questionnaire's results, and the guides."""
    from kiosk.booking.workshop_texts import WorkshopTexts
    from kiosk.guides.texts import GuideTexts
    from kiosk.questionnaire.giveback_actions import ActionTexts

    return [WorkshopTexts(services.booking.workshops), ActionTexts(services.giveback_actions),
            GuideTexts(services.guides)]


def import_translations(args: argparse.Namespace, services: Services) -> int:
    from kiosk.announcements.exchange import import_po, read_import
    from kiosk.commands.imports import print_problems, read_limited

    path = Path(args.file)
    try:
        data = read_limited(path)
    except FileNotFoundError:
        raise UsageError(f"{path} n'existe pas.") from None
    except IsADirectoryError:
        raise UsageError(f"{path} est un dossier, pas un fichier PO.") from None
    book = services.announcements
    others = _others(services)
    report = (read_import(book, data, others) if args.dry_run
              else import_po(book, data, others))
    print_problems(path, report.notes, rest=("autre remarque", "autres remarques"),
                   stream=sys.stdout)
    if not report.ok:
        print_problems(path, report.problems, rest=("autre problème", "autres problèmes"))
        print(f"{len(report.problems)} problème(s) : rien n'a été importé.", file=sys.stderr)
        return 1
    verb = "seraient importées" if args.dry_run else "importées"
    print(f"{len(report.updates)} traduction(s) en « {report.lang} » {verb}.")
    if not args.dry_run and report.updates:
        ids = ", ".join(u.id for _, u in report.updates)
        services.audit.record("announcement.import", f"traductions {report.lang} : {ids}")
    return 0


def publish_site(args: argparse.Namespace, services: Services) -> int:
    from kiosk.announcements.publish import PublishError

    try:
        site = services.publisher.publish(Path(args.out))
    except PublishError as exc:
        raise UsageError(str(exc)) from None
    for page in site.pages:
        print(page.url or str(site.folder / page.path))
    for removed in site.removed:
        print(f"supprimée : {removed}", file=sys.stderr)
    if not services.config.online.base_url:
        print(
            "Aucune adresse [online] base_url n'est configurée : les QR codes contiennent le "
            "texte des annonces au lieu d'une adresse.",
            file=sys.stderr,
        )
    return 0
