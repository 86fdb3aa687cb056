"""The house rules (README, "How the code is organised"), checked on the real code.

* the domain never imports Textual, textual-serve or the screens — checked by importing every
  domain module in a fresh interpreter (import-linter checks the same statically);
* no import cycle between the modules of ``kiosk/`` and ``screens/``, imports inside functions
  included (a lazy import hides a cycle from start-up, not from a reader);
* the import contracts in pyproject.toml can fail: a deliberate break is reported as broken.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

from tests.support.paths import ROOT

#: Everything in kiosk/ that may use Textual: the app, the command line and the benchmark.
UI_SIDE = ("kiosk.app", "kiosk.cli", "kiosk.commands", "kiosk.bench", "kiosk.__main__")


def domain_modules() -> list[str]:
    graph = grimp.build_graph("kiosk", cache_dir=None)
    return sorted(m for m in graph.modules
                  if not any(m == ui or m.startswith(ui + ".") for ui in UI_SIDE))


def test_the_domain_list_is_the_whole_domain() -> None:
    modules = domain_modules()
    for expected in ("kiosk.core.store", "kiosk.booking", "kiosk.printing", "kiosk.services",
                     "kiosk.tickets", "kiosk.staff.dashboard", "kiosk.questionnaire.results"):
        assert any(m == expected or m.startswith(expected + ".") for m in modules), expected
    assert "kiosk.app" not in modules and "kiosk.cli" not in modules


def test_no_domain_module_loads_textual() -> None:
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules\n"
        "             if m.split('.')[0] in ('textual', 'textual_serve', 'screens'))\n"
        "print('\\n'.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *domain_modules()], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    ours = sorted(m for m in graph.modules if m.split(".")[0] in ("kiosk", "screens"))

    def imports_of(module: str) -> Iterator[str]:
        return iter(sorted(graph.find_modules_directly_imported_by(module)))

    for root in ours:
        if root in index:
            continue
        work = [(root, imports_of(root))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child.split(".")[0] not in ("kiosk", "screens"):
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, imports_of(child)))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def _package_edges_removed(graph: grimp.ImportGraph) -> None:
    """A package's ``__init__`` importing its own modules is not a cycle between modules."""
    for module in list(graph.modules):
        for imported in list(graph.find_modules_directly_imported_by(module)):
            if imported.startswith(module + "."):
                graph.remove_import(importer=module, imported=imported)


def test_no_import_cycle_lazy_imports_included() -> None:
    graph = grimp.build_graph("kiosk", "screens", exclude_type_checking_imports=True,
                              cache_dir=None)
    _package_edges_removed(graph)
    assert "screens.booking_parts" in graph.find_modules_directly_imported_by("screens.workshops")
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("kiosk.a", "kiosk.b", "kiosk.c"):
        graph.add_module(name)
    graph.add_import(importer="kiosk.a", imported="kiosk.b")
    graph.add_import(importer="kiosk.b", imported="kiosk.c")
    graph.add_import(importer="kiosk.c", imported="kiosk.a")
    assert _cycles(graph) == [["kiosk.a", "kiosk.b", "kiosk.c"]]


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("kiosk/core/store.py", "import kiosk.app", "The domain never imports Textual"),
    ("kiosk/booking/year.py", "from screens import widgets", "The domain never imports Textual"),
    ("kiosk/core/store.py", "import kiosk.booking", "Layers"),
    ("kiosk/booking/__init__.py", "import kiosk.announcements", "Layers"),
    ("kiosk/printing/queue.py", "from kiosk import services", "Layers"),
])
def test_a_broken_contract_is_reported(tmp_path: Path, module: str, line: str,
                                       contract: str) -> None:
    """Each contract can fail: the same check on a copy of the code with one bad import."""
    copy = tmp_path / "copy"
    copy.mkdir()
    for part in ("kiosk", "screens", "pyproject.toml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / part)
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # deliberate\n",
                      encoding="utf-8")
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    run = subprocess.run([str(lint), "--no-cache"], cwd=copy, env=env, capture_output=True,
                         text=True, check=False)
    assert run.returncode != 0, run.stdout
    broken = [row for row in run.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(contract in row for row in broken), run.stdout
