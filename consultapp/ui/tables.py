"""The read-only record list every page shows: whole rows, one at a time, no editing, long values elided.

The columns always fit the view's width (never a sideways scroll bar): short columns keep their width, the long
ones share what is left and elide (or, in a short list, wrap onto more lines), their whole text in the
tooltip. An empty list says so in a short line.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView

MIN_COLUMN = 48  # px: a shrunk column still shows a few letters and its ellipsis


def fitted_widths(widths: list[int], room: int, least: int = MIN_COLUMN) -> list[int]:
    """``widths`` shrunk to fit ``room``: every column wider than a common cap is cut to it (the cap chosen so
    that they fit), the narrower ones are left alone; no column below ``least`` (or its own width)."""
    if sum(widths) <= room or not widths:
        return list(widths)
    ordered = sorted(widths)
    left, count = room, len(ordered)
    cap = max(least, room // count)
    for width in ordered:  # the narrow ones keep theirs; the rest share what is left
        fair = left // count
        if width > fair:
            cap = max(least, fair)
            break
        left -= width
        count -= 1
    return [min(width, cap) for width in widths]


class RecordTable(QTableView):
    """A record list whose columns fit its width, with a hint when it is empty."""

    def __init__(self, empty_hint: str = "") -> None:
        super().__init__()
        self.empty_hint = empty_hint
        self._natural: list[int] = []  # the columns' widths for their contents, before fitting

    def resizeColumnsToContents(self) -> None:  # noqa: N802 - the callers' sizing, then the fit
        super().resizeColumnsToContents()
        model = self.model()
        self._natural = [self.columnWidth(c) for c in range(model.columnCount() if model is not None else 0)]
        self.fit_columns()

    def fit_columns(self) -> None:
        """Shrink the widest columns until all fit the viewport (the last one stretches into what is left)."""
        if not self._natural:
            return
        room = self.viewport().width()
        if self.verticalScrollBar().isHidden() and self.model() is not None:
            # (a scroll bar that is about to appear would take its width from the columns)
            rows = self.model().rowCount()
            if rows and rows * self.verticalHeader().defaultSectionSize() > self.viewport().height():
                room -= self.verticalScrollBar().sizeHint().width()
        for column, width in enumerate(fitted_widths(self._natural, room)):
            self.setColumnWidth(column, width)
        if self.wordWrap():  # a wrapping list: each row as tall as its longest cell, wrapped at the new widths
            self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def is_empty(self) -> bool:
        model = self.model()
        return model is None or model.rowCount() == 0

    def hint_shown(self) -> bool:
        """The empty-list hint is on screen."""
        return bool(self.empty_hint) and self.is_empty() and self.isVisible()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.empty_hint and self.is_empty():
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self.empty_hint,
            )
            painter.end()


def record_table(model: QAbstractItemModel, name: str, empty_hint: str | None = None, *,
                 wrap: bool = False) -> RecordTable:
    """A record list named ``name``; empty, it says ``empty_hint`` (default: "No <name>.").

    ``wrap``: a short list whose long cells wrap onto more lines (rows grow) instead of being cut; a word
    wider than its column is still elided, its whole text in the tooltip.
    """
    hint = empty_hint if empty_hint is not None else f"No {name[:1].lower()}{name[1:]}."
    view = RecordTable(hint)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setAccessibleDescription(hint)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setMinimumSectionSize(MIN_COLUMN)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the columns fit instead
    view.setWordWrap(wrap)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view
