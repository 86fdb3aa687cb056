"""The kiosk gives a parent's memory back to the system when it forgets them (issue 9)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

from kiosk import memory
from kiosk.soak_probe import resident_bytes

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
        assert calls == [1]
