"""``kiosk audio script|check|warm``: the read-aloud voice's texts, recordings and cache.

    kiosk audio script --lang ar --out enregistrer-ar.csv   # what to record, and the file names
    kiosk audio check                                       # recorded / synthesis / outdated
    kiosk audio warm                                        # synthesise every text ahead of time
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import Commands, UsageError

if TYPE_CHECKING:
    from kiosk.audio.script import Utterance
    from kiosk.services import Services


def register(commands: Commands) -> None:
    group = commands.group("audio", help="the voice that reads the screens aloud")
    parser = group.add(
        "script", script,
        help="every text a parent may hear in one language, with the file name to record it",
        description=(
            "Write a CSV (fichier, texte, français) of every fixed text a parent may hear in "
            "LANG. Record a text (a parent volunteer, an interpreter) as WAV or Ogg under the "
            "file name given (.wav or .ogg), into the data folder's audio/LANG/: the kiosk "
            "plays it instead of the synthetic voice."
        ),
    )
    parser.add_argument("--lang", metavar="LANG", required=True, help="language code, e.g. ar")
    parser.add_argument("--out", metavar="FILE", type=Path, required=True)
    group.add(
        "check", check,
        help="per language: texts recorded, said by synthesis, and outdated recordings",
    )
    parser = group.add(
        "warm", warm,
        help="synthesise every text of the enabled languages now (the voice starts at once)",
    )
    parser.add_argument("--lang", metavar="LANG", action="append",
                        help="only this language (may be repeated)")


def _language(services: Services, code: str) -> str:
    languages = services.config.kiosk.languages
    if code not in languages:
        raise UsageError(f"--lang {code!r}: expected one of the kiosk's languages: "
                         f"{', '.join(languages)}.")
    return code


def script(args: argparse.Namespace, services: Services) -> int:
    from kiosk.audio.recordings import script_lines, write_script

    lang = _language(services, str(args.lang))
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        raise UsageError(f"--out {out}: give a file name in an existing folder (….csv).")
    lines = script_lines(lang)
    write_script(lines, out)
    folder = services.data_dir / "audio" / lang
    print(f"{len(lines)} textes à enregistrer ({lang}) : {out}\n"
          f"Déposez les enregistrements (WAV ou Ogg, nommés comme dans la colonne « fichier ») "
          f"dans {folder}")
    return 0


def check(args: argparse.Namespace, services: Services) -> int:
    from kiosk.audio.recordings import LABELS
    from kiosk.core.school_texts import Status

    speech = services.speech
    print("Lecture à voix haute : " + (
        f"disponible (lecteur {speech.player.name})" if speech.player and speech.available
        else f"indisponible — {speech.why_not}"))
    for lang in services.config.kiosk.languages:
        statuses = speech.recordings.statuses(lang)
        counts = ", ".join(f"{len(statuses[status])} {LABELS[status].split(' (')[0]}"
                           for status in (Status.TRANSLATED, Status.MISSING, Status.OUTDATED))
        print(f"{lang} : {counts}")
        for line in statuses[Status.OUTDATED]:
            print(f"  ↻ {line.file_name} : {line.text[:60]}")
    return 0


def _texts(services: Services, lang: str) -> list[Utterance]:
    from kiosk.audio.recordings import script_lines
    from kiosk.audio.script import Utterance, language_names
    from screens.welcome import LANGUAGE_KEYS

    names = [said for said in language_names(services.i18n, LANGUAGE_KEYS) if said.lang == lang]
    return names + [Utterance(line.text, lang) for line in script_lines(lang)]


def warm(args: argparse.Namespace, services: Services) -> int:
    speech = services.speech
    if speech.cache is None:
        print(f"kiosk: pas de synthèse vocale — {speech.why_not}", file=sys.stderr)
        return 1
    langs = [_language(services, code) for code in args.lang or services.config.kiosk.languages]
    failed = 0
    for lang in langs:
        texts = _texts(services, lang)
        made, problems = speech.warm(texts)
        failed += len(problems)
        print(f"{lang} : {len(texts)} textes, {made} synthétisés maintenant"
              + (f", {len(problems)} en échec ({problems[0]})" if problems else ""), flush=True)
    print(f"Cache : {speech.cache.folder}")
    return 1 if failed else 0
