"""The screen audit (issue 15, "General checks, so that it stays fixed"): every screen of the
registry (:data:`tests.support.screens.SCREENS`), opened with the demo school in every
language, at 80×24 and in the tiny 40×15 layout, is checked for what a parent must always get
(DESIGN.md): focus in view, a key that reaches something after a screen or dialog closes, no
French on a non-French screen, right-to-left screens that read from the right.

``make test`` runs every screen in fr, ar and zh at 80×24; ``make test-slow`` the rest (12
languages, 40×15). Staff screens are plain French whatever the parent's language: they are
checked at both sizes, in French.

A fault that another branch is fixing is listed in :data:`KNOWN` with the issue's point: its
cases are expected to fail (strictly: when the fix lands, they pass and the entry must go).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.core.config import DEFAULT_LANGUAGES as LANGUAGES
from tests.audit.checks import close_problems, focus_problems, french_problems, rtl_problems
from tests.support.screens import SCREENS, ScreenCase, open_screen

NORMAL = (80, 24)
TINY = (40, 15)
#: Languages of the normal run: French, one right-to-left, one of wide characters.
FAST_LANGUAGES = ("fr", "ar", "zh")
RTL = ("ar", "fa")


class KnownFault(AssertionError):
    """A fault listed in :data:`KNOWN`, which another branch is fixing."""


Sizes = tuple[tuple[int, int], ...] | None
#: (screen, check) → (languages or None for every other one than French, sizes or None for
#: both, the issue's point).
KNOWN: dict[tuple[str, str], tuple[tuple[str, ...] | None, Sizes, str]] = {}

POINT_3 = "issue 15 point 3: a booking or workshop control below the fold at 40×15"
for _screen in ("ConfirmModal", "WorkshopScreen"):
    KNOWN[_screen, "focus"] = (("fr", *LANGUAGES), (TINY,), POINT_3)
KNOWN["PersonSlotsScreen", "focus"] = (
    ("fr",), (TINY,), "issue 15 point 14: a staff table taller than the screen at 40×15")


def known_faults(case: ScreenCase, lang: str, size: tuple[int, int]) -> dict[str, str]:
    """The checks expected to fail for this case, with the reason."""
    found = {}
    for (screen, check), (langs, sizes, reason) in KNOWN.items():
        if screen == case.name and (lang in langs if langs else lang != "fr") \
                and (sizes is None or size in sizes):
            found[check] = reason
    return found


def audit_cases() -> Iterator[Any]:
    for case in SCREENS.values():
        for size in (NORMAL, TINY):
            for lang in ("fr",) if case.staff else LANGUAGES:
                marks: list[Any] = []
                if size != NORMAL or lang not in FAST_LANGUAGES:
                    marks.append(pytest.mark.slow)
                faults = known_faults(case, lang, size)
                if faults:
                    marks.append(pytest.mark.xfail(
                        strict=True, raises=KnownFault, reason="; ".join(sorted(
                            set(faults.values())))))
                yield pytest.param(case, lang, size, marks=marks,
                                   id=f"{case.name}-{lang}-{size[0]}x{size[1]}")


@pytest.mark.parametrize(("case", "lang", "size"), list(audit_cases()))
async def test_screen_audit(make_app: Any, case: ScreenCase, lang: str,
                            size: tuple[int, int]) -> None:
    app = make_app()
    problems: dict[str, list[str]] = {}
    async with open_screen(app, case, language=lang, size=size) as pilot:
        opened = type(app.screen).__name__
        assert opened == case.name.split("-")[0], f"{opened} opened instead"
        parent = not (case.staff or case.multilingual)
        if lang != "fr" and parent:
            problems["french"] = french_problems(app, lang)
        if lang in RTL and parent:
            problems["rtl"] = rtl_problems(app)
        problems["focus"] = await focus_problems(pilot)
        problems["close"] = await close_problems(pilot, modal=case.modal)
    failed = {check: found for check, found in problems.items() if found}
    expected = known_faults(case, lang, size)
    unexpected = {check: found for check, found in failed.items() if check not in expected}
    assert not unexpected, report(unexpected)
    if failed:
        raise KnownFault(report(failed))


def report(failed: dict[str, list[str]]) -> str:
    return "\n".join(f"{check}: {problem}" for check, found in failed.items()
                     for problem in found)
