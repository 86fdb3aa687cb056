"""What every ``kiosk import …`` command shares: a size limit checked before a file is read
whole, and a bounded, escaped list of the problems found in it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kiosk.cli import UsageError
from kiosk.core.text import escaped

#: No school's import file comes near this (a year of slots is a few hundred kilobytes).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
#: Problems listed one by one; the rest are counted.
SHOWN_PROBLEMS = 20


def read_limited(path: Path) -> bytes:
    """The bytes of an import file, refused in one line when it is over
    :data:`MAX_IMPORT_BYTES` (never read whole then). OS errors are the caller's to word."""
    with path.open("rb") as handle:
        data = handle.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise UsageError(
            f"{escaped(str(path))} : fichier trop gros pour un import (plus de "
            f"{MAX_IMPORT_BYTES // (1024 * 1024)} Mo) ; rien n'a été importé."
        )
    return data


def print_problems(path: Path | str, problems: Sequence[object], *, rest: tuple[str, str],
                   stream: TextIO | None = None) -> None:
    """The first :data:`SHOWN_PROBLEMS` problems (or notes), one line each with control
    characters escaped, then how many more there are, on `stream` (standard error by
    default); `rest` words them (singular, plural), e.g.
    ``("autre ligne refusée", "autres lignes refusées")``."""
    out = stream or sys.stderr
    for problem in problems[:SHOWN_PROBLEMS]:
        print(escaped(f"{path}: {problem}"), file=out)
    hidden = len(problems) - SHOWN_PROBLEMS
    if hidden > 0:
        count = f"{hidden:,}".replace(",", " ")
        print(f"… et {count} {rest[0] if hidden == 1 else rest[1]}", file=out)
