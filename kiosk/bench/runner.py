"""``kiosk bench``: the kiosk's performance figures, as ratios measured side by side in one run.

The machine a kiosk runs on (and the one CI runs on) is shared and noisy, so no figure is an
absolute time: each compares the kiosk with a reference measured in the same run, alternating
the two, and reports the ratio of the medians. One line per figure: ``NAME VALUE``.

Figures (targets in parentheses):

* ``startup_ratio`` (≤ 1.25): time for a fresh process to show the kiosk's first interactive
  screen (demo school, headless) ÷ the same for a bare Textual app with a header, a label and
  a button.
* ``store_write_ratio`` (≤ 1.5): median time of one durable booking write with five school
  years of realistic history on disk ÷ the same on an empty store.

Features add theirs to :data:`FIGURES`.
"""

from __future__ import annotations

import compileall
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.core import paths

Figure = Callable[[bool], float]

#: name → function(quick) returning the ratio. Features register theirs with :func:`figure`.
FIGURES: dict[str, Figure] = {}
TARGETS: dict[str, float] = {}


def figure(name: str, target: float) -> Callable[[Figure], Figure]:
    def register(func: Figure) -> Figure:
        FIGURES[name] = func
        TARGETS[name] = target
        return func

    return register


def _interleaved(first: Callable[[], float], second: Callable[[], float], rounds: int) -> float:
    """Median of `first` ÷ median of `second`, measured alternately `rounds` times each."""
    a: list[float] = []
    b: list[float] = []
    for index in range(rounds):
        if index % 2:
            b.append(second())
            a.append(first())
        else:
            a.append(first())
            b.append(second())
    return statistics.median(a) / statistics.median(b)


# --- startup ---------------------------------------------------------------------------------


def _time_process(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   cwd=paths.PROJECT_ROOT, timeout=120)
    return time.perf_counter() - start


@figure("startup_ratio", 1.25)
def startup_ratio(quick: bool) -> float:
    """Fresh process to first interactive screen: kiosk (demo) ÷ bare Textual app."""
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        env = dict(os.environ, KIOSK_BENCH_DATA=str(work / "data"), TERM="xterm-256color")
        probe = [sys.executable, "-m", "kiosk.bench.probe"]
        # Warm-up: seeds the demo data and fills the OS file cache for both programs, and
        # compiles the kiosk's own modules to bytecode as a deployed kiosk's first start does
        # (the bare app's modules, installed by pip, are compiled already; where
        # PYTHONDONTWRITEBYTECODE is set, the kiosk would otherwise compile at every start).
        compileall.compile_dir(paths.PROJECT_ROOT / "kiosk", quiet=1)
        compileall.compile_dir(paths.PROJECT_ROOT / "screens", quiet=1)
        _time_process([*probe, "kiosk"], env)
        _time_process([*probe, "bare"], env)
        return _interleaved(
            lambda: _time_process([*probe, "kiosk"], env),
            lambda: _time_process([*probe, "bare"], env),
            5 if quick else 15,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- storage ---------------------------------------------------------------------------------

SCHOOL_YEARS_OF_HISTORY = 5
BOOKINGS_PER_YEAR = 2000
RESPONSES_PER_YEAR = 1000


def _booking_doc(rng: random.Random, index: int) -> dict[str, object]:
    return {
        "slot_id": f"s{index:06d}",
        "code": "".join(rng.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(6)),
        "child_first_name": rng.choice(["Amina", "Lucas", "Yasmine", "Mehdi", "Chloé", "Ion"]),
        "child_class": rng.choice(["CP", "CE1", "CE2", "CM1", "CM2"]),
        "phone": "06 12 34 56 78",
        "language": rng.choice(["fr", "ar", "tr", "ro", "zh"]),
        "created": "2026-10-01T10:00:00+02:00",
        "status": "booked",
    }


def _response_doc(rng: random.Random) -> dict[str, object]:
    return {
        "answers": {f"A{i}": rng.choice([1, 2, 3, 4, 5, None]) for i in range(1, 20)},
        "language": rng.choice(["fr", "ar", "tr"]),
        "hour": "2026-10-01T10",
        "version": 1,
    }


def seed_history(root: Path, current_year: str, years: int = SCHOOL_YEARS_OF_HISTORY) -> None:
    """Write `years` past school years of realistic bookings and questionnaire responses."""
    from kiosk.core.store import Store

    rng = random.Random(7)
    start = int(current_year[:4])
    for offset in range(1, years + 1):
        year = f"{start - offset}-{start - offset + 1}"
        store = Store(root, year)
        with store.file("bookings").transaction() as db:
            db.table("bookings").insert_multiple(
                _booking_doc(rng, i) for i in range(BOOKINGS_PER_YEAR)
            )
        with store.file("responses").transaction() as db:
            db.table("responses").insert_multiple(
                _response_doc(rng) for _ in range(RESPONSES_PER_YEAR)
            )


@figure("store_write_ratio", 1.5)
def store_write_ratio(quick: bool) -> float:
    """One durable booking write: with five years of history ÷ on an empty store."""
    from kiosk.core.store import Store

    year = "2026-2027"
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        seed_history(work / "history", year)
        with_history = Store(work / "history", year)
        empty = Store(work / "empty", year)
        rng = random.Random(11)
        counter = iter(range(10**9))

        def write(store: Store) -> Callable[[], float]:
            def once() -> float:
                doc = _booking_doc(rng, next(counter))
                start = time.perf_counter()
                with store.file("bookings").transaction() as db:
                    db.table("bookings").insert(doc)
                return time.perf_counter() - start

            return once

        return _interleaved(write(with_history), write(empty), 40 if quick else 200)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _load_feature_figures() -> None:
    """Import the modules whose figures live beside their feature."""
    for module in FEATURE_BENCH_MODULES:
        __import__(module)


#: Modules that register more figures with :func:`figure` when imported.
FEATURE_BENCH_MODULES: tuple[str, ...] = (
    "kiosk.bench.results",
    "kiosk.bench.report",
    "kiosk.bench.booking",
    "kiosk.bench.printing",
    "kiosk.bench.soak",
    "kiosk.bench.reset",
    "kiosk.bench.speech",
)


def run(only: list[str] | None = None, quick: bool = False) -> int:
    """Print ``NAME VALUE`` for each figure; exit status 1 when one misses its target."""
    _load_feature_figures()
    names = only or list(FIGURES)
    unknown = [name for name in names if name not in FIGURES]
    if unknown:
        print(f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(FIGURES)}",
              file=sys.stderr)
        return 2
    missed = []
    results = {}
    for name in names:
        value = FIGURES[name](quick)
        results[name] = value
        print(f"{name} {value:.3f}", flush=True)
        if value > TARGETS[name]:
            missed.append(name)
    if os.environ.get("KIOSK_BENCH_JSON"):
        Path(os.environ["KIOSK_BENCH_JSON"]).write_text(json.dumps(results, indent=2))
    for name in missed:
        print(f"# {name} misses its target ({TARGETS[name]})", file=sys.stderr)
    return 1 if missed else 0
