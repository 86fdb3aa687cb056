"""The kiosk gives a parent's memory back to the system when it forgets them (issue 9)."""

from __future__ import annotations

import ast
import gc
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import SETTLE_DELAY
from kiosk.bench.soak_probe import resident_bytes
from kiosk.core import memory
from tests.support.paths import ROOT

#: Long enough after the first screen for the app's settle timer to have fired.
SETTLE_WAIT = SETTLE_DELAY + 1.0

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or memory._malloc_trim() is None,
    reason="malloc_trim is glibc's (Linux)")


@glibc
def test_freed_memory_of_a_worker_thread_goes_back_to_the_system() -> None:
    # What sessions leave in a worker thread's heap: many medium blocks freed, a few kept
    # here and there (so the heap cannot simply shrink from its end).
    survivors: list[bytes] = []

    def session() -> None:
        blocks = [bytes(2000) + bytes([n % 256]) for n in range(40_000)]  # ~80 MB
        survivors.extend(blocks[::100])

    worker = threading.Thread(target=session)
    worker.start()
    worker.join()
    before = resident_bytes()
    assert memory.release_free_memory() is True
    after = resident_bytes()
    assert before - after > 20 * 2**20, (before, after)
    assert len(survivors) == 400


async def test_forgetting_a_parent_releases_memory(make_app: Callable[..., Any],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.app

    calls: list[int] = []
    monkeypatch.setattr(kiosk.app, "release_free_memory", lambda: calls.append(1) or True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # a parent chooses French
        await pilot.pause()
        await app.reset_parent()
        await pilot.pause()  # once the fresh Welcome is painted
        assert calls == [1]


# --- the collector paused for start-up ---------------------------------------------------------

@pytest.fixture
def collector_restored() -> Any:
    """Tests below pause and freeze the real collector: leave it as Python's default after."""
    yield
    memory._paused_at_start = False
    gc.unfreeze()
    gc.enable()


def test_settle_collects_start_up_garbage_freezes_survivors_and_resumes(
        collector_restored: None) -> None:
    assert gc.isenabled()
    memory.pause_collector()
    assert not gc.isenabled()

    class Cycle:  # garbage only the collector can free: an object that refers to itself
        def __init__(self) -> None:
            self.me = self

    kept = [Cycle() for _ in range(10)]
    for _ in range(1000):
        Cycle()
    memory.freeze_start_up()
    assert gc.get_freeze_count() > 0

    assert memory.settle_after_start() is True
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    # The thousand unreachable cycles were collected before freezing: only `kept` survived.
    gc.unfreeze()
    assert sum(1 for obj in gc.get_objects() if isinstance(obj, Cycle)) == len(kept)


def test_settle_does_nothing_unless_start_up_paused_the_collector(
        collector_restored: None) -> None:
    assert memory.settle_after_start() is False
    memory.freeze_start_up()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_staff_tool_runs_with_the_collector_on(collector_restored: None,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk import cli

    assert cli.main(["--data-dir", str(tmp_path), "where"]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_kiosk_resumes_the_collector_once_its_first_screen_is_up(tmp_path: Path) -> None:
    # The real entry point, in a fresh process: paused during start-up, on again after.
    code = f"""
import gc, asyncio, sys
from kiosk import cli

seen = {{}}

async def pilot_run(pilot):
    await pilot.pause()
    seen["at first screen"] = gc.isenabled()
    seen["welcome"] = type(pilot.app.screen).__name__
    await asyncio.sleep({SETTLE_WAIT})
    seen["after"] = gc.isenabled()
    seen["frozen"] = gc.get_freeze_count()
    pilot.app.exit(0)

status = cli.main(["--demo", "--data-dir", {str(tmp_path)!r}], headless=True,
                  auto_pilot=pilot_run)
print(status, seen)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    status, seen = result.stdout.strip().split(" ", 1)
    found = ast.literal_eval(seen)
    assert status == "0"
    assert found["welcome"] == "WelcomeScreen"
    assert found["at first screen"] is False
    assert found["after"] is True
    assert found["frozen"] > 10_000
