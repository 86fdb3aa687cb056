"""Right-to-left reading for the kiosk's screens: containers mirrored on a right-to-left
screen (staff tables, which shape typed text too, are :mod:`screens.staff.tables`).

The switch is the screen's ``-rtl`` class (:func:`screens.base.read_in_direction`, from the
parent's language). :class:`Mirrored` containers (the screens' column, :class:`Row`,
:class:`ChoiceGrid`, the nav bar) then mirror what Textual lays out; the style sheets' rules
``Screen.-rtl …`` align the texts inside them.
"""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Grid, Horizontal
from textual.dom import NoScreen
from textual.geometry import Size, Spacing
from textual.layout import DockArrangeResult
from textual.widget import Widget


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
