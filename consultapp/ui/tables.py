"""The read-only record list every page shows: whole rows, one at a time, no editing, long values elided.

The columns always fit the view's width (never a sideways scroll bar): short columns keep their width, the long
ones share what is left and elide (or, in a short list, wrap onto more lines), their whole text in the
tooltip. An empty list says so in a short line.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6 import QtWidgets
from PySide6.QtCore import QAbstractItemModel, QEvent, QRect, Qt
from PySide6.QtGui import QFontMetricsF, QPaintEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from consultapp.ui.cell_painter import is_text_delegate, paint_texts_kept

# (QStyle and the delegate's classes are named through QtWidgets: Qt sets them up, with their hundreds of enum
# values, when a measured list first sizes itself, not at start-up where no list is measured.)

_REDRAWN = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange,
            QEvent.Type.LayoutDirectionChange)
"""A list's changes that its cells' kept layouts and colours are made afresh for."""

ADVANCES_KEPT = 20_000
"""Texts whose advances the measured lists keep, per font and resolution (about 2 µs to measure one)."""
_ADVANCES: dict[tuple[str, int], dict[str, float]] = {}

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

    measured = False
    """Size columns (and wrapped rows) from the model's texts with the view's font, as Qt's own sizing would,
    without asking the model for every role of every cell (a 40-visit history: 5,000 calls into Python)."""

    def __init__(self, empty_hint: str = "") -> None:
        super().__init__()
        self._own_viewport()
        self.empty_hint = empty_hint
        self._natural: list[int] = []  # the columns' widths for their contents, before fitting
        self._advances: tuple[object, list[tuple[str, ...]], list[tuple[float, ...]]] | None = None
        self._fitted: tuple[tuple[list[int], int, int, list[tuple[str, ...]] | None], list[int]] | None = None
        """The last fit: what it was made from (widths for the room, the room, the rows, their texts) and the
        columns' widths it left."""
        self._header_hints: dict[int, int] = {}  # (the header's width of each column's title: _header_hint)
        self._kept_texts = False  # (its one-line cells drawn from kept layouts: ui/cell_painter.py)
        self._cell_text: Callable[[int, int], str | None] | None = None  # (the model's: setModel)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - a changed model is fitted anew
        super().setModel(model)
        self._cell_text = getattr(model, "cell_text", None)  # (asked for each cell painted: looked up once)
        self._fitted = None
        self._header_hints.clear()
        if model is not None:
            model.headerDataChanged.connect(self._header_hints.clear)
            for changed in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                            model.dataChanged):
                changed.connect(self._contents_changed)

    def _contents_changed(self) -> None:
        self._fitted = None  # (the rows' heights, reset or changed with them, are measured again)
        model = self.model()
        if not self._kept_texts and model is not None and model.rowCount() and self.cell_text(0, 0) is not None:
            self._kept_texts = True  # (once it has rows to paint: the delegate's types wait until then)
            paint_texts_kept(self)

    def cell_text(self, row: int, column: int) -> str | None:
        """A cell's text when it is all the cell shows (the model's ``cell_text``), else None (each cell painted)."""
        cell_text = self._cell_text
        return None if cell_text is None else cell_text(row, column)

    def _own_viewport(self) -> None:
        """A viewport made here, as Qt makes its own: Python knows it, so ``viewport()`` (each paint, each fit)
        does not make PySide look its class up among every widget class, setting them all up (a cold start)."""
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        viewport.lower()  # (below the headers, as Qt's own: the same stacking, the same pixels)

    def resizeColumnsToContents(self) -> None:  # noqa: N802 - the callers' sizing, then the fit
        texts = self._measurable_texts()
        self._fitted = None
        if texts is None or not self._resize_columns_measured(texts):
            super().resizeColumnsToContents()
        model = self.model()
        self._natural = [self.columnWidth(c) for c in range(model.columnCount() if model is not None else 0)]
        self.fit_columns()

    def _measurable_texts(self) -> list[tuple[str, ...]] | None:
        """The model's texts when this view may measure them itself: plain text drawn by the default delegate,
        every row taken into account by Qt too (its precision), nothing hidden, no line breaks."""
        model = self.model()
        texts_of = getattr(model, "texts", None)
        if not self.measured or texts_of is None or not is_text_delegate(self.itemDelegate()):
            return None
        texts: list[tuple[str, ...]] | None = texts_of()
        if not texts:  # (an empty list: nothing to gain)
            return None
        precision = self.horizontalHeader().resizeContentsPrecision()  # (rows Qt reads to size a column)
        columns = model.columnCount()
        across = self.verticalHeader().resizeContentsPrecision()  # (columns Qt reads to size a row)
        if 0 <= precision < len(texts) or 0 <= across < columns or any(self.isColumnHidden(c) for c in range(columns)):
            return None
        if any("\n" in text for row in texts for text in row):
            return None
        return texts

    def _text_margin(self) -> int:
        return self.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1

    def _resize_columns_measured(self, texts: list[tuple[str, ...]]) -> bool:
        """What ``QTableView.resizeColumnsToContents`` gives: each column the widest of its texts (and margins,
        and the grid line) or its header, whichever is wider."""
        font = self.font()
        metrics = QFontMetricsF(font)
        extra = 2 * self._text_margin() + (1 if self.showGrid() else 0)
        columns = self.model().columnCount()
        widths = [0.0] * columns
        # (a list repeats its words, "Final", "Home visit", "8/10", and each client opened her dates: kept)
        known = _ADVANCES.setdefault((font.key(), self.logicalDpiX()), {"": 0.0})
        if len(known) > ADVANCES_KEPT:
            known.clear()
            known[""] = 0.0

        def advance(text: str) -> float:
            width = known.get(text)
            if width is None:
                width = known[text] = metrics.horizontalAdvance(text)
            return width

        advances = [tuple(advance(text) for text in row[:columns]) for row in texts]
        for row_advances in advances:
            for c, width in enumerate(row_advances):
                if width > widths[c]:
                    widths[c] = width
        self._advances = (texts, list(texts), advances)  # (the rows' passes use them while the texts stay)
        self._resize_sections([math.ceil(width) + extra for width in widths])
        return True

    def _resize_sections(self, contents: Sequence[int]) -> list[int]:
        """Qt's rule for a column sized to its contents: as wide as its widest cell (``contents``, measured by
        the caller) or its header, whichever is wider, within the header's least and most; the widths set."""
        header = self.horizontalHeader()
        least, most = header.minimumSectionSize(), header.maximumSectionSize()
        widths = []
        for c, content in enumerate(contents):
            wanted = max(content, 0 if header.isHidden() else self._header_hint(c))
            widths.append(max(least, min(most, wanted)))
            header.resizeSection(c, widths[-1])
        return widths

    def _header_hint(self, column: int) -> int:
        """The header's width for ``column``'s title, kept until the model, its titles, the font or the style
        change (Qt asks the model for nine roles of the title each time: 0.06 ms a keystroke)."""
        hint = self._header_hints.get(column)
        if hint is None:
            hint = self._header_hints[column] = self.horizontalHeader().sectionSizeHint(column)
        return hint

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        hints: dict[int, int] | None = self.__dict__.get("_header_hints")  # (None while Qt builds the view)
        if hints is not None and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            hints.clear()
        super().changeEvent(event)
        if event.type() in _REDRAWN and hints is not None:
            forget = getattr(self.itemDelegate(), "forget", None)
            if forget is not None:  # (the kept layouts and colours: ui/cell_painter.py)
                forget()

    def size_columns(self, contents: Sequence[int]) -> None:
        """``resizeColumnsToContents`` from cell widths the caller measured (each column's widest cell), then the
        fit to the view's width."""
        self._natural = self._resize_sections(contents)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Shrink the widest columns until all fit the viewport (the last one stretches into what is left).

        A fit that would change nothing is skipped (opening a client fits each table about ten times: at each
        show, resize and reset): the same columns' contents, the same room, the widths as the last fit left
        them (the header's stretch of the last included: a stretch that came after it is fitted again, the
        rows wrapped at its width), and for a wrapping list the same rows' texts."""
        if not self._natural:
            return
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        room = self.viewport().width()
        if rows and self.verticalScrollBar().isHidden():
            # (a scroll bar that is about to appear would take its width from the columns)
            if rows * self.verticalHeader().defaultSectionSize() > self.viewport().height():
                room -= self.verticalScrollBar().sizeHint().width()
        widths = fitted_widths(self._natural, room)
        texts = self._measurable_texts() if self.wordWrap() else None
        fit = (widths, room, rows, None if texts is None else list(texts))
        now = [self.columnWidth(c) for c in range(len(widths))]  # (the last as the header stretched it)
        if self._fitted is not None and self._fitted == (fit, now) and (texts is not None or not self.wordWrap()):
            return
        # Each resized column and row would have the table queue a repaint from it to the edge on a timer, run at
        # the next pass of the event loop: the list painted a second time, the same pixels (opening a client:
        # her visits, at the home page's first frame and the history page's). Laid out and repainted once, here.
        columns, rows_header = self.horizontalHeader(), self.verticalHeader()
        blocked = columns.blockSignals(True), rows_header.blockSignals(True)
        try:
            for column, width in enumerate(widths):
                self.setColumnWidth(column, width)
            if self.wordWrap():  # a wrapping list: each row as tall as its longest cell, wrapped at the new widths
                if texts is None:
                    self.resizeRowsToContents()
                else:
                    self._resize_rows_measured(texts)
            self.updateGeometries()  # (the header stretches its last column here: that repaint too is the one below)
        finally:
            columns.blockSignals(blocked[0])
            rows_header.blockSignals(blocked[1])
        self.viewport().update()
        self._fitted = (fit, [self.columnWidth(c) for c in range(len(widths))])

    def _resize_rows_measured(self, texts: list[tuple[str, ...]]) -> None:
        """What ``resizeRowsToContents`` gives, the delegate asked only about the cells that wrap: a row is as
        tall as its tallest cell (one line, or the wrapped text at its column's width) or its header section."""
        metrics = QFontMetricsF(self.font())
        margin, grid = self._text_margin(), 1 if self.showGrid() else 0
        columns = self.model().columnCount()
        room = [self.columnWidth(c) - grid - 2 * margin for c in range(columns)]
        delegate, model = self.itemDelegate(), self.model()
        option = QtWidgets.QStyleOptionViewItem()
        self.initViewItemOption(option)
        header = self.verticalHeader()
        section = header.sectionSizeHint(0)  # (the same for every row: the records have no row labels)
        line: dict[bool, int] = {}  # one line's height in the view's font, for a cell with text and one without

        known = self._advances
        if known is not None and known[0] is texts and known[1] == texts:
            advances = known[2]
        else:
            advances = [tuple(metrics.horizontalAdvance(text) for text in row[:columns]) for row in texts]

        def height(r: int, c: int, text: str) -> int:
            plain = text.isascii() and advances[r][c] <= room[c]  # (the others: other fonts, or wrapped)
            if plain and bool(text) in line:
                return line[bool(text)]
            option.rect = QRect(self.columnViewportPosition(c), self.rowViewportPosition(r),
                                self.columnWidth(c) - grid, max(1, self.rowHeight(r)))
            hint = delegate.sizeHint(option, model.index(r, c)).height()
            if plain:
                line[bool(text)] = hint
            return hint

        least, most = header.minimumSectionSize(), header.maximumSectionSize()
        for r, row in enumerate(texts):
            widths = advances[r]
            if all(widths[c] <= room[c] for c in range(len(widths))) and all(text.isascii() for text in row) and (
                    True in line and False in line):  # (a row of one-line cells: as tall as one line)
                cells = row[:columns]
                tallest = max([line[True]] * any(cells) + [line[False]] * (not all(cells)), default=0)
            else:
                tallest = max((height(r, c, text) for c, text in enumerate(row[:columns])), default=0)
            header.resizeSection(r, max(least, min(most, max(tallest + grid, section))))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Fitted again as it shows: the header stretches its last column as it shows, to the width it had
        while hidden (the page it is on resized meanwhile: the home page after the history page, 51 px wider
        than its room), and no resize follows to fit it again."""
        super().showEvent(event)
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
            from PySide6.QtGui import QPainter  # lazy: its types (three Python enums) once a table paints, after start

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
