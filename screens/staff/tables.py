"""Staff tables that fit the screen: each column as wide as its content, long text cut with an
ellipsis when the table would not fit, never a number.

Textual's ``DataTable`` measures a cell given as a ``Content`` as one cell wide (each column
shrank to its header: ``11  2026  en a``), and lets a wide table run off the right edge (a
workshop's ``0/10`` seen as ``0/1``). :class:`FittedTable` takes any cell (text, ``Content``,
Rich ``Text``; shown literally, never as markup), and sizes its columns whenever rows change
or the table is resized (:func:`fit_widths`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.content import Content
from textual.dom import NoScreen
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from kiosk.core.display import has_rtl
from kiosk.core.text import single_line, strip_controls
from screens.context import context_of

#: What a value that must never be cut looks like: figures, dates, times, counts (0/10, 3 %).
_FIGURES = re.compile(r"[\d\s/:.,%+\-–—()°n]*")
#: The narrowest a column of text is cut to (its label permitting).
MIN_TEXT_WIDTH = 8


@dataclass(frozen=True)
class Column:
    """A column of a :class:`FittedTable`: its label, and how it may be narrowed.

    `cut`: None decides from the content (text is cut, figures never are); `priority`: columns
    with a lower priority are cut first (the one staff need most gets the highest)."""

    label: str
    key: str | None = None
    cut: bool | None = None
    priority: int = 0


def fit_widths(natural: Sequence[int], floors: Sequence[int], priorities: Sequence[int],
               available: int) -> list[int]:
    """Column widths no wider than `natural`, no narrower than `floors`, summing to at most
    `available` when they can: the lowest priority is narrowed first, and among equals the
    widest column gives way first (a long title shrinks before a short name)."""
    widths = list(natural)
    excess = sum(widths) - available
    for priority in sorted(set(priorities)):
        if excess <= 0:
            break
        group = [i for i, p in enumerate(priorities) if p == priority]
        while excess > 0:
            room = [i for i in group if widths[i] > floors[i]]
            if not room:
                break
            widest = max(widths[i] for i in room)
            tops = [i for i in room if widths[i] == widest]
            second = max((widths[i] for i in room if widths[i] < widest), default=0)
            lowest = max(second, max(floors[i] for i in tops))
            step = min(widest - lowest, -(-excess // len(tops)))
            for i in tops:
                if excess <= 0:
                    break
                cut = min(step, widths[i] - floors[i], excess)
                widths[i] -= cut
                excess -= cut
    return widths


def cell_text(value: object) -> Text:
    """A cell as Rich text shown literally on one line, cut with "…" when its column is narrow."""
    if isinstance(value, Text):
        text = value.copy()
        text.plain = strip_controls(text.plain).replace("\n", " ")
    else:
        plain = value.plain if isinstance(value, Content) else str(value)
        text = Text(strip_controls(plain).replace("\n", " "))
    text.no_wrap = True
    text.overflow = "ellipsis"
    text.end = ""
    return text


class FittedTable(DataTable[Any]):
    """A row-cursor table whose columns fit the width it has (see the module's docstring)."""

    def __init__(self, *columns: Column, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._specs: dict[ColumnKey, Column] = {}
        #: The typed text of right-to-left cells (row → column index → text), shaped in `fit`.
        self._rtl_cells: dict[RowKey, dict[int, str]] = {}
        self._fit_pending = False
        self.set_columns(columns)

    def set_columns(self, columns: Sequence[Column | str]) -> None:
        """Replace every column (and row) by `columns` (a label is a column sized by content)."""
        self.clear(columns=True)
        self._specs = {}
        for column in columns:
            spec = column if isinstance(column, Column) else Column(column)
            key = self.add_column(cell_text(spec.label), key=spec.key)
            self._specs[key] = spec

    def add_column(self, label: Any, *, width: int | None = None, key: str | None = None,
                   default: Any = None) -> ColumnKey:
        column_key = super().add_column(cell_text(label), width=width, key=key, default=default)
        self._specs.setdefault(column_key, Column(cell_text(label).plain, key))
        self._fit_soon()
        return column_key

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None,
                label: Any = None) -> RowKey:
        texts = [cell_text(c) for c in cells]
        rtl = {index: text.plain for index, text in enumerate(texts) if has_rtl(text.plain)}
        for index, plain in rtl.items():
            texts[index] = self._shaped(plain, None)
        row_key = super().add_row(*texts, height=height, key=key, label=label)
        if rtl:
            self._rtl_cells[row_key] = rtl
        self._fit_soon()
        return row_key

    def clear(self, columns: bool = False) -> FittedTable:
        super().clear(columns=columns)
        self._rtl_cells = {}
        if columns:
            self._specs = {}
        return self

    def _shaped(self, plain: str, width: int | None) -> Text:
        """Typed Arabic or Persian through the display path; cut in reading order to `width`
        (its start stays in view, the ellipsis at its end, on the left)."""
        try:
            i18n = context_of(self).i18n
        except (LookupError, NoScreen):  # no context, or the screen has just been closed
            return cell_text(plain)
        line = single_line(plain)
        shown = i18n.display(line, rtl=None)
        if width is not None and cell_len(shown) > width:
            lines = i18n.display_lines(line, max(width - 1, 1), rtl=None)
            shown = "…" + (lines[0] if lines else "")
        return cell_text(shown)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_soon()

    def _fit_soon(self) -> None:
        if not self._fit_pending and self.is_mounted:
            self._fit_pending = True
            self.call_after_refresh(self.fit)

    def on_mount(self) -> None:
        self._fit_soon()

    def fit(self) -> None:
        """Size every column to its content within the width the table has now."""
        self._fit_pending = False
        columns = list(self.ordered_columns)
        if not columns:
            return
        rows = [self.get_row(key) for key in self.rows]
        for row, key in zip(rows, self.rows, strict=True):  # widths from the whole texts
            for index, plain in self._rtl_cells.get(key, {}).items():
                row[index] = self._shaped(plain, None)
        natural, floors, priorities = [], [], []
        for index, column in enumerate(columns):
            spec = self._specs.get(column.key, Column(column.label.plain))
            values = [row[index].plain if isinstance(row[index], Text) else str(row[index])
                      for row in rows if index < len(row)]
            label = cell_len(column.label.plain)
            widest = max((cell_len(v) for v in values), default=0)
            natural.append(max(label, widest))
            cut = spec.cut if spec.cut is not None else not all(
                _FIGURES.fullmatch(v) for v in values)
            floors.append(min(natural[-1], max(MIN_TEXT_WIDTH, min(label, 12)))
                          if cut else natural[-1])
            priorities.append(spec.priority)
        available = self._available() - 2 * self.cell_padding * len(columns)
        widths = fit_widths(natural, floors, priorities, available)
        for column, width in zip(columns, widths, strict=True):
            column.width = width
            column.auto_width = False
        for row_key, cells in self._rtl_cells.items():
            for index, plain in cells.items():
                DataTable.update_cell(self, row_key, columns[index].key,
                                      self._shaped(plain, widths[index]))
        self._require_update_dimensions = True
        self._clear_caches()
        self.refresh()

    def _available(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        if not width:
            width = max(self.app.size.width - 4, 20)
        # Room for the vertical scroll bar, should the rows not all fit.
        return width - (self.styles.scrollbar_size_vertical if not self.show_vertical_scrollbar
                        else 0)
