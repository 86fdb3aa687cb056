"""Every screen under ``screens/`` is in the audit's registry (or set aside with a reason):
a new screen cannot escape the screen audit."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.screen import Screen

import screens
from tests.support.screens import NOT_OPENED, SCREENS


def screen_classes() -> set[str]:
    """The names of the Screen subclasses defined in the ``screens`` package."""
    found = set()
    for module_info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(module_info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found.add(name)
    return found


def test_every_screen_is_audited_or_set_aside_with_a_reason() -> None:
    classes = screen_classes()
    audited = {name.split("-")[0] for name in SCREENS}
    assert len(classes) > 30  # the walk found the screens (not an empty package)
    missing = classes - audited - set(NOT_OPENED)
    assert not missing, f"add these screens to tests/support/screens.py: {sorted(missing)}"
    assert not (audited | set(NOT_OPENED)) - classes, "the registry names a screen that is gone"
    assert not audited & set(NOT_OPENED)
    assert all(reason.strip() for reason in NOT_OPENED.values())
