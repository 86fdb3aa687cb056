"""Giving the memory freed by a parent's session back to the system.

A kiosk runs for months. Python frees a session's objects when the parent is forgotten (the
number of live objects after 1,000 sessions is the same as after 100), but glibc's allocator
keeps the freed pages of its heaps — one heap per thread that ever allocated, and the kiosk
runs its storage and printing in worker threads — so the resident memory crept up by some
3 MB every 100 sessions. ``malloc_trim(0)`` returns those free pages; it takes about half a
millisecond, and the kiosk calls it when a parent is forgotten, when nobody is waiting.

Where the C library has no ``malloc_trim`` (musl, macOS, Windows), nothing is done.
"""

from __future__ import annotations

import functools
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
