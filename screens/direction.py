"""Right-to-left reading for the kiosk's screens: containers mirrored on a right-to-left
screen, and tables whose typed text goes through the display path.

The switch is the screen's ``-rtl`` class (:func:`screens.base.read_in_direction`, from the
parent's language). :class:`Mirrored` containers (the screens' column, :class:`Row`,
:class:`ChoiceGrid`, the nav bar) then mirror what Textual lays out; the style sheets' rules
``Screen.-rtl …`` align the texts inside them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.containers import Grid, Horizontal
from textual.content import Content
from textual.dom import NoScreen
from textual.geometry import Size, Spacing
from textual.layout import DockArrangeResult
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import Column, ColumnKey, RowKey

from kiosk.core.display import has_rtl
from kiosk.core.text import single_line
from screens.context import context_of


class Mirrored(Widget):
    """A container whose children are laid out mirrored on a right-to-left screen (one with the
    ``-rtl`` class): what the layout puts at the left goes to the right, so that a form, a
    row of buttons or a grid of tiles reads from the right as a whole. The order of the
    children (and of Tab) stays the logical one: the first is the rightmost.

    Textual aligns the children of a container as one block, never one by one: a field
    narrower than the column would stay at the left under a right-aligned label. Mirroring
    the placements Textual computes is the one mechanism that moves each of them. In such a
    container a left margin or padding is on the side where reading starts (the right).
    """

    #: Cells left free at the right of a mirrored container (the scrolling column keeps one
    #: between right-aligned text and its scroll bar, which would cover a letter drawn a
    #: little wider than its cell, as Arabic letters often are).
    END_GAP: ClassVar[int] = 0
    _mirrored: tuple[DockArrangeResult, DockArrangeResult] | None = None

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        if optimal or not right_to_left(self):
            return super().arrange(size, optimal)
        inner = Size(max(1, size.width - self.END_GAP), size.height)
        arranged = super().arrange(inner, optimal)
        if self._mirrored is None or self._mirrored[0] is not arranged:
            self._mirrored = (arranged, mirror(arranged, inner.width))
        return self._mirrored[1]


def right_to_left(widget: Widget) -> bool:
    """Whether `widget` is on a right-to-left screen (the screen has the ``-rtl`` class)."""
    try:
        return widget.screen.has_class("-rtl")
    except NoScreen:
        return False


def focus_sort_key(widget: Widget, key: tuple[int, int]) -> tuple[int, int]:
    """Where Tab reaches `widget` among its siblings: Textual sorts them by place, top to bottom
    then left to right (`key`); in a mirrored container on a right-to-left screen, right to
    left, so that Tab follows the logical order (the first choice, at the right, first)."""
    if not isinstance(widget.parent, Mirrored) or not right_to_left(widget):
        return key
    x, y, width, _ = widget.virtual_region
    top, right, _, _ = widget.styles.margin
    return y - top, -(x + width + right)


def mirror(arranged: DockArrangeResult, width: int) -> DockArrangeResult:
    """`arranged` seen in a mirror: each placement's left edge is as far from the right edge
    of a `width`-wide box as its right edge was from the left (its margins swapped)."""
    bounds = max([width, *(p.region.right + p.margin.right for p in arranged.placements)])
    placements = [
        placement if placement.absolute else placement._replace(
            region=placement.region._replace(x=bounds - placement.region.right),
            margin=Spacing(placement.margin.top, placement.margin.left,
                           placement.margin.bottom, placement.margin.right))
        for placement in arranged.placements
    ]
    return DockArrangeResult(placements, arranged.widgets, arranged.scroll_spacing)


class Row(Horizontal, Mirrored):
    """A row of controls (buttons side by side), mirrored on a right-to-left screen."""


class ChoiceGrid(Grid, Mirrored):
    """A grid of choices (tiles, classes, answers), mirrored on a right-to-left screen: the
    first choice at the top right."""


class DisplayTable(DataTable[Any]):
    """A table (the staff screens') whose text cells go through the display path: a workshop
    title, a name or an announcement typed in Arabic or Persian is shown shaped and in
    reading order, in its own direction, like every other text. A cell of a fixed-width
    column is cut in logical order (the start of a right-to-left title stays in view)."""

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None,
                label: Any = None) -> RowKey:
        columns = self.ordered_columns
        shown = [self._shown(cell, columns[index] if index < len(columns) else None)
                 for index, cell in enumerate(cells)]
        return super().add_row(*shown, height=height, key=key, label=label)

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: Any, *,
                    update_width: bool = False) -> None:
        super().update_cell(row_key, column_key, self._shown(value, None),
                            update_width=update_width)

    def _shown(self, cell: Any, column: Column | None) -> Any:
        if isinstance(cell, Text | Content):
            plain = cell.plain
        elif isinstance(cell, str):
            plain = cell
        else:
            return cell
        if not has_rtl(plain):
            return cell
        try:
            i18n = context_of(self).i18n
        except LookupError:
            return cell
        if column is not None and not column.auto_width and column.width > 0:
            lines = i18n.display_lines(single_line(plain), column.width, rtl=None)
            return Text(lines[0] if lines else "")
        return Text(i18n.display(single_line(plain), rtl=None))
