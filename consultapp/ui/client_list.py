"""The home page's lists (clients, her visits, today's and the overdue) sized cheaply enough for each keystroke
that shows a new page of clients, and each client chosen.

Qt's default delegate asks the model for seven roles of each cell on screen to size its column, and lays its
text out: here the columns are sized from the rows' texts, measured as Qt measures them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontMetricsF

from consultapp.ui.cell_painter import is_text_delegate

if TYPE_CHECKING:
    from consultapp.ui.models import RecordTableModel
    from consultapp.ui.tables import RecordTable


MEASURED_KEPT = 20_000
"""Texts whose widths are kept, per font: as she types, the same names, dates and phones are listed again and
again, and measuring one lays its text out (about 2 µs; some 70 a keystroke, 0.15 ms of it)."""
_measured: dict[tuple[str, int], dict[str, int]] = {}


def size_to_rows_on_screen(view: RecordTable, model: RecordTableModel) -> None:  # type: ignore[type-arg]
    """``view.resizeColumnsToContents()`` as Qt does it for the rows on screen (the header's precision 0: from the
    top row shown to the one at the viewport's bottom edge, or every row while the view is hidden), each column
    the widest of those cells or its header, with the texts measured here: Qt would ask the model for every
    role of every cell on screen, some 600 calls into Python a keystroke. A cell's width is its text's advance
    and the overhang of its last letter (an italic-like "f"), as Qt's text layout gives it, and the margins;
    a text ending in a letter of another script, or holding a line break, is measured by the delegate."""
    header = view.verticalHeader()
    top = max(0, header.visualIndexAt(0))
    bottom = header.visualIndexAt(view.viewport().height())
    if not view.isVisible() or bottom == -1:
        bottom = model.rowCount() - 1
    texts = model.row_texts(top, bottom + 1)
    if not texts:  # (the empty lists the window is built with: sized by their headers, before the imports below)
        view.resizeColumnsToContents()
        return
    # Qt's style types (some 20 Python enums, about 4-6 ms to make) once a list has rows, not before the window
    # lazy: takes input (issue 15's cold start)
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    columns = model.columnCount()
    delegate = view.itemDelegate()
    if not is_text_delegate(delegate) or any(view.isColumnHidden(c) for c in range(columns)):
        view.resizeColumnsToContents()
        return
    font = view.font()
    metrics = QFontMetricsF(font)
    known = _measured.setdefault((font.key(), view.logicalDpiX()), {})
    if len(known) > MEASURED_KEPT:
        known.clear()
    margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    option: QStyleOptionViewItem | None = None
    widths = [0] * columns
    for r, row in enumerate(texts, start=top):
        for c, text in enumerate(row[:columns]):
            last = text[-1:]
            if last.isascii() and "\n" not in text:
                width = known.get(text, -1)
                if width < 0:
                    advance = metrics.horizontalAdvance(text) + max(0.0, -metrics.rightBearing(last or " "))
                    width = known[text] = math.ceil(advance)
                width = width + margins if text else margins
            else:
                if option is None:
                    option = QStyleOptionViewItem()
                    view.initViewItemOption(option)
                width = delegate.sizeHint(option, model.index(r, c)).width()
            if width > widths[c]:
                widths[c] = width
    grid = 1 if view.showGrid() else 0
    view.size_columns([width + grid for width in widths])


@contextmanager
def columns_resized_now(view: RecordTable) -> Iterator[None]:
    """Columns resized inside are laid out and repainted in this frame, with the rows just set. Each resized
    column would have the table queue a repaint from it to the right edge on a timer, which runs at the next
    event loop pass: the list painted a second time, the same pixels, at her next keystroke."""
    header = view.horizontalHeader()
    blocked = header.blockSignals(True)  # (the table's own slot for a resized column queues that repaint)
    try:
        yield
        view.doItemsLayout()  # (scroll bars and the viewport's repaint, now rather than on the reset's timer too)
    finally:
        header.blockSignals(blocked)
