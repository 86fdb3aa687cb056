"""Giving the memory freed by a parent's session back to the system.

A kiosk runs for months. Python frees a session's objects when the parent is forgotten (the
number of live objects after 1,000 sessions is the same as after 100), but glibc's allocator
keeps the freed pages of its heaps — one heap per thread that ever allocated, and the kiosk
runs its storage and printing in worker threads — so the resident memory crept up by some
3 MB every 100 sessions. ``malloc_trim(0)`` returns those free pages; it takes about half a
millisecond, and the kiosk calls it when a parent is forgotten, when nobody is waiting.

Where the C library has no ``malloc_trim`` (musl, macOS, Windows), nothing is done.

Start-up: the cyclic garbage collector is paused while the kiosk imports its modules, opens
its data and builds the first screen (:func:`pause_collector`), as Textual itself pauses it
during smooth scrolling: its ~130 passes over objects that all stay alive cost ~30 ms of every
start. Before the app runs, :func:`freeze_start_up` moves what exists (modules, classes, the
configuration, the demo school: ~40,000 objects that live as long as the process) out of the
collector's sight. Once the first screen is up, :func:`settle_after_start` collects the
start-up garbage (~100 KB of temporary objects from imports) once, freezes the survivors again
and resumes collection: no later full collection walks those objects.
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only when a parent is first forgotten: start-up does not pay for it

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # this process's C library
    except (OSError, AttributeError):
        return None
    return trim


def release_free_memory() -> bool:
    """Return the allocator's free pages to the system; whether the platform could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


#: Whether :func:`pause_collector` paused the collector and nothing has resumed it yet.
_paused_at_start = False


def pause_collector() -> None:
    """Pause cyclic garbage collection until :func:`settle_after_start` (the kiosk's start)."""
    global _paused_at_start
    if gc.isenabled():
        gc.disable()
        _paused_at_start = True


def resume_collector() -> None:
    """Resume collection without freezing anything (a staff tool, not the kiosk, is running)."""
    global _paused_at_start
    if _paused_at_start:
        _paused_at_start = False
        gc.enable()


def freeze_start_up() -> None:
    """Before the app runs: keep the collector off what start-up built (when paused)."""
    if _paused_at_start:
        gc.freeze()


def settle_after_start() -> bool:
    """After the first screen: collect start-up garbage, freeze the survivors, resume.

    Does nothing (returns False) unless :func:`pause_collector` paused the collector: tests
    that build many apps in one process keep Python's default behaviour.
    """
    global _paused_at_start
    if not _paused_at_start:
        return False
    _paused_at_start = False
    gc.unfreeze()  # the start-up garbage frozen with the rest is collected now
    gc.collect()
    gc.freeze()
    gc.enable()
    return True
