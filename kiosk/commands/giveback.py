"""``kiosk questionnaire actions``: what the school will do, given back to parents with the
questionnaire's results ("Ce que vous avez dit").

    kiosk questionnaire actions list                       # the actions, statuses, what parents see
    kiosk questionnaire actions set --file actions.txt     # French, one action a line
    kiosk questionnaire actions set --text "Un atelier…" --text "Des tablettes…"
    kiosk questionnaire actions set --clear

Their translations go with the announcements' (``kiosk export translations``).
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
    group = commands.group("questionnaire", help="printed sheets of the questionnaire")
    parser = group.add(
        "actions",
        actions,
        help="what the school will do after the questionnaire (shown to parents with the results)",
        description=(
            "list: the actions (French, one a line), their translation in each language "
            "(✔ translated, ✗ missing, ↻ to review) and what parents read under "
            "Announcements as \"Ce que vous avez dit\". set: write the French actions from "
            "--file (one a line; '-' for standard input) or --text (once per action); --clear "
            "removes them. Translations keep their text; those made from another French "
            "become 'to review'. Translate them with `kiosk export translations`."
        ),
    )
    parser.add_argument("what", choices=("list", "set"))
    parser.add_argument("--file", metavar="FILE", type=Path, help="set: the actions, one a line")
    parser.add_argument("--text", metavar="ACTION", action="append", default=[],
                        help="set: one action (repeat for several)")
    parser.add_argument("--clear", action="store_true", help="set: remove the actions")


def actions(args: argparse.Namespace, services: Services) -> int:
    if args.what == "list":
        return _list(services)
    return _set(args, services)


def _list(services: Services) -> int:
    from kiosk.core.school_texts import STATUS_LEGEND, statuses_line
    from kiosk.questionnaire.giveback import staff_summary

    facts = services.giveback.facts()
    book = services.giveback_actions
    if facts.actions is None:
        print("Aucune action écrite (kiosk questionnaire actions set --file FICHIER).")
    else:
        print("Ce que l'école va faire :")
        for line in facts.actions.lines():
            print(f"  • {line}")
        print(f"Traductions : {statuses_line(facts.actions, book.languages)}")
        print(STATUS_LEGEND)
    print()
    print(staff_summary(facts, services.i18n.translator("fr")))
    return 0


def _set(args: argparse.Namespace, services: Services) -> int:
    from kiosk.core.school_texts import Status
    from kiosk.questionnaire.giveback_actions import ActionsError

    given = [bool(args.clear), args.file is not None, bool(args.text)]
    if sum(given) != 1:
        raise UsageError("set : donnez --file FICHIER, --text ACTION (une ou plusieurs fois) "
                         "ou --clear, un seul des trois.")
    if args.clear:
        text = ""
    elif args.text:
        text = "\n".join(args.text)
    else:
        text = _read(Path(args.file))
    try:
        saved = services.giveback_actions.set(text)
    except ActionsError as exc:
        raise UsageError(str(exc)) from None
    if saved is None:
        print("Actions effacées : les parents ne voient plus que les chiffres (s'il y a assez "
              "de réponses).")
        record_done(services, "giveback.actions", "actions effacées")
        return 0
    print(f"{len(saved.lines())} action(s) enregistrée(s).")
    outdated = [lang for lang, status in saved.statuses(saved.translations).items()
                if status is Status.OUTDATED]
    if outdated:
        print(f"Traductions à revoir : {', '.join(outdated)} (kiosk export translations).")
    record_done(services, "giveback.actions", f"{len(saved.lines())} action(s)")
    return 0


def _read(path: Path) -> str:
    from kiosk.commands.imports import read_limited

    if str(path) == "-":
        return sys.stdin.read()
    try:
        data = read_limited(path)
    except FileNotFoundError:
        raise UsageError(f"{path} n'existe pas.") from None
    except IsADirectoryError:
        raise UsageError(f"{path} est un dossier, pas un fichier texte.") from None
    except OSError as exc:
        raise UsageError(f"{path} ne peut pas être lu ({exc.strerror or exc}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path} n'est pas en UTF-8 (enregistrez-le en UTF-8).") from None
