"""A record list sized from its model's texts (``RecordTable.measured``) gets exactly the column widths and row
heights that Qt's own sizing gives: wrapped rows, unbroken words, other scripts, an empty column, any width.
The last column stretches into what is left of the width (Qt's sizing can leave it past the edge, by a few pixels,
on a list of one row)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from consultapp.ui.models import RecordTableModel
from consultapp.ui.tables import MIN_COLUMN, RecordTable, record_table

Row = tuple[str, str, str, str, str]
ROWS: list[Row] = [
    ("22 Feb 2026", "Home visit", "Baby not gaining weight; check feeding and latch, nipple pain on the left side",
     "7795 g", ""),
    ("1 Jan 2026", "Office", "Short", "小明 6 lb 1.4 oz, Zoe 5 lb 14.9 oz", "own expressed milk 10-30 mL x 8; formula"),
    ("3 Mar 2026", "Virtual (video)", "Ünïcödé wörds and averylongunbrokenwordthatcannotwrapanywhereatall", "", "none"),
] * 4


class Model(RecordTableModel[Row]):
    HEADERS = ("Date", "Place", "Reason", "Weight", "Supplement")

    def cell(self, row: Row, column: int) -> str:
        return row[column]


def shown(qtbot: QtBot, measured: bool, wrap: bool, width: int, rows: list[Row]) -> RecordTable:
    model = Model()
    view = record_table(model, "Visits", wrap=wrap)
    view.measured = measured
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.show()
    QApplication.processEvents()
    model.set_rows(rows)
    view.resizeColumnsToContents()
    QApplication.processEvents()
    return view


def sizes(view: RecordTable) -> tuple[list[int], list[int]]:
    """The widths of the columns but the last (stretched), and the rows' heights."""
    model = view.model()
    return ([view.columnWidth(c) for c in range(model.columnCount() - 1)],
            [view.rowHeight(r) for r in range(model.rowCount())])


def fills_the_width(view: RecordTable) -> bool:
    """The columns end at the view's edge (or, in a view too narrow for them, are each as narrow as can be)."""
    least = view.model().columnCount() * MIN_COLUMN
    return view.horizontalHeader().length() == max(view.viewport().width(), least)


def test_measured_sizes_are_qts_own(qtbot: QtBot) -> None:
    for wrap in (True, False):
        for width in (300, 640, 1400):
            for rows in (ROWS, ROWS[:1], []):
                qt, measured = (shown(qtbot, m, wrap, width, rows) for m in (False, True))
                assert sizes(measured) == sizes(qt), (wrap, width, len(rows))
                assert measured._natural == qt._natural
                assert fills_the_width(measured)
                measured.resize(width // 2 + 100, 300)  # (fitted again to a new width: the rows grow alike)
                qt.resize(width // 2 + 100, 300)
                QApplication.processEvents()
                assert sizes(measured) == sizes(qt), ("resized", wrap, width, len(rows))
                assert fills_the_width(measured)


def test_the_texts_measured_before_are_measured_anew_in_another_font(qtbot: QtBot) -> None:
    """The lists keep the widths they measured, per font: the same texts in a larger font, or back in the first,
    are as wide as Qt makes them."""
    from PySide6.QtGui import QFont

    for points in (0, 16, 9, 0):
        qt, measured = (shown(qtbot, m, True, 640, ROWS) for m in (False, True))
        if points:
            for view in (qt, measured):
                view.setFont(QFont(view.font().family(), points))
                view.resizeColumnsToContents()
            QApplication.processEvents()
        assert sizes(measured) == sizes(qt), points
        assert measured._natural == qt._natural, points


def test_a_model_answering_data_itself_is_sized_by_qt(qtbot: QtBot) -> None:
    class Bold(Model):
        def data(self, index, role=0):  # type: ignore[no-untyped-def]  # (fonts, colours... its own way)
            return super().data(index, role)

    assert Bold().texts() is None
    assert Model().texts() == []
    model = Model()
    model.set_rows(ROWS[:2])
    assert model.texts() == [ROWS[0], ROWS[1]]


def test_a_list_sized_from_its_visible_rows_only_stays_so(qtbot: QtBot) -> None:
    """Sizing that reads only the rows on screen (a precision of 0, as the home page's lists) is left to Qt: a
    long reason further down does not widen its column."""
    rows: list[Row] = [("1 Jan 2026", "Office", "Short", "", "")] * 39 + [("1 Jan 2026", "Office", "A" * 80, "", "")]
    views = []
    for measured in (False, True):
        model = Model()
        view = record_table(model, "Visits")
        view.measured = measured
        view.horizontalHeader().setResizeContentsPrecision(0)
        qtbot.addWidget(view)
        view.resize(400, 200)
        view.show()
        model.set_rows(rows)
        view.resizeColumnsToContents()
        views.append(view._natural)
    assert views[0] == views[1]


def test_a_fit_that_would_change_nothing_is_skipped_and_every_change_is_fitted(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a client fits each list about ten times (each show, resize, reset): once its widths are settled,
    the fits that would set the same widths and heights again are skipped; a reset to the same rows, a column
    dragged by hand, a new width, a hide and show are each fitted as before, to Qt's own sizes."""
    view = shown(qtbot, True, True, 640, ROWS)
    qt = shown(qtbot, False, True, 640, ROWS)
    view.fit_columns()  # (settled: the fit after the header stretched its last column to the edge)
    fitted = sizes(view)
    assert fitted == sizes(qt)
    widths_set: list[int] = []
    real = RecordTable.setColumnWidth
    monkeypatch.setattr(RecordTable, "setColumnWidth", lambda self, c, w: (widths_set.append(c), real(self, c, w)))
    for _ in range(3):
        view.fit_columns()
    assert widths_set == [] and sizes(view) == fitted  # (nothing changed: nothing set)

    view.model().set_rows(list(ROWS))  # the same rows again (a reset: the rows' heights are Qt's to reset)
    view.fit_columns()
    assert sizes(view) == fitted

    view.setColumnWidth(2, 40)  # dragged narrow by hand; the next fit (a show, a resize) puts it back
    view.fit_columns()
    assert sizes(view) == fitted

    for v in (view, qt):
        v.hide()
        v.resize(420, 300)
        v.show()
    QApplication.processEvents()
    assert sizes(view) == sizes(qt) and sizes(view) != fitted
    assert fills_the_width(view)
