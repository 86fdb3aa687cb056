"""A guard against a crash in Rich's text folding when a widget is squeezed to no width.

Rich 14–15 folds a word with ``chop_cells(word, width)``, whose fast path is
``range(0, len(text), width)``: with ``width == 0`` it raises ``ValueError: range() arg 3 must
not be zero``. Textual reaches it whenever a widget with wrapping text is laid out with no room
for its content — a button in a grid on a 40-column terminal, for instance — and the whole app
stops. The same crash is reported against other Textual apps; neither Rich nor Textual had a
fix in the releases we use (rich 15.0.0, textual 8.2.8).

A kiosk must never stop, so :func:`install` makes the folding treat a width below one cell as
one cell: the text is cut into single characters, and the widget, having no room, shows
nothing of it — exactly what a squeezed widget should show. The layouts in ``kiosk.tcss`` still
give every widget room on the smallest supported terminal; this only keeps a mistake there
from crashing the kiosk in front of a parent.
"""

from __future__ import annotations

from collections.abc import Callable

_installed = False


def install() -> None:
    """Make Rich's word folding safe for widths below one cell (idempotent)."""
    global _installed
    if _installed:
        return
    import rich._wrap

    names = vars(rich._wrap)  # rich._wrap imports chop_cells from rich.cells
    original: Callable[..., list[str]] = names["chop_cells"]

    def chop_cells(text: str, width: int, *args: object, **kwargs: object) -> list[str]:
        return original(text, max(width, 1), *args, **kwargs)

    names["chop_cells"] = chop_cells
    _installed = True
