"""A record list's cells drawn from kept layouts (ui/cell_painter.py) are, pixel for pixel, what Qt's own delegate
draws: names in other scripts and with accents, emoji, markup-like text, empty cells, a text too long for its
column (elided) or wrapped onto more lines, the selected row, the cell with the keyboard's focus, a disabled
list, another font. And the kept layouts are used: most cells are not left to Qt."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate
from pytestqt.qtbot import QtBot

from consultapp.ui.models import RecordTableModel
from consultapp.ui.tables import RecordTable, record_table

Row = tuple[str, str, str]
ROWS: list[Row] = [
    ("Nguyễn Thị Ánh", "فاطمة الحداد", "8/10"),
    ("王小明", "Zoë 🌸 <b>&amp;", "10/10"),
    ("Siobhán Ní Bhriain", "a note far too long for its column, which Qt elides with an ellipsis at its end", ""),
    ("", "Øster O'Brien-Šimić", "7/10"),
    ("ffi fl", "x", "Final, follow-up 3 Mar 2026"),
    ("Twins", "Noah 3.2 kg\nNia 3.1 kg", "9/10"),  # (a line break: Qt's own)
]


class Model(RecordTableModel[Row]):
    HEADERS = ("Name", "Note", "Score")

    def cell(self, row: Row, column: int) -> str:
        return row[column]


def _list(qtbot: QtBot, wrap: bool) -> tuple[RecordTable, Model]:
    from consultapp.ui.fonts import add_bundled_fonts

    add_bundled_fonts()  # (the app's own CJK and emoji fonts, as it has them once it starts: taller lines)
    model = Model()
    view = record_table(model, "Visits", wrap=wrap)
    qtbot.addWidget(view)
    view.resize(520, 260)
    view.show()
    model.set_rows(ROWS)
    view.resizeColumnsToContents()
    view.selectRow(1)
    QApplication.processEvents()
    return view, model


def _drawn_both_ways(view: RecordTable) -> tuple[QImage, QImage]:
    kept = view.itemDelegate()
    qt_own = QStyledItemDelegate(view)
    images = []
    for delegate in (kept, qt_own):
        view.setItemDelegate(delegate)
        QApplication.processEvents()
        images.append(view.grab().toImage())
    view.setItemDelegate(kept)
    return images[0], images[1]


CHANGES: dict[str, Callable[[RecordTable], None]] = {
    "as shown": lambda view: None,
    "with the keyboard's focus": lambda view: view.setFocus(),
    "disabled": lambda view: view.setEnabled(False),
    "in a larger font": lambda view: view.setFont(QFont(view.font().family(), 15)),
}


@pytest.mark.parametrize("wrap", [False, True], ids=["one line", "wrapping"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_the_cells_are_drawn_as_qts_own_delegate_draws_them(qtbot: QtBot, wrap: bool, change: str) -> None:
    view, _model = _list(qtbot, wrap)
    assert getattr(type(view.itemDelegate()), "sizes_as_qt", False), "the list has rows: it draws from kept layouts"
    CHANGES[change](view)
    QApplication.processEvents()
    kept, qt_own = _drawn_both_ways(view)
    assert kept.size() == qt_own.size()
    assert kept == qt_own, "the kept layouts drew other pixels than Qt's delegate"


def test_most_cells_are_drawn_from_kept_layouts(qtbot: QtBot) -> None:
    """The fast way is taken: every one-line text that fits is kept, laid out once; the long note (elided), the
    twins' two lines and the current cell (the selected row's first, with the keyboard's focus) are Qt's."""
    view, _model = _list(qtbot, wrap=False)
    delegate = view.itemDelegate()
    delegate.kept.clear()  # type: ignore[attr-defined]
    calls: list[str] = []
    qt_paint = QStyledItemDelegate.paint

    def counted(self: QStyledItemDelegate, painter: object, option: object, index: object) -> None:
        calls.append("qt")
        qt_paint(self, painter, option, index)  # type: ignore[arg-type]

    QStyledItemDelegate.paint = counted  # type: ignore[method-assign]
    try:
        view.viewport().repaint()
    finally:
        QStyledItemDelegate.paint = qt_paint  # type: ignore[method-assign]
    kept = delegate.kept  # type: ignore[attr-defined]
    drawn = {text for text, laid in kept.items() if laid is not None}
    assert {"Nguyễn Thị Ánh", "فاطمة الحداد", "Zoë 🌸 <b>&amp;", "Øster O'Brien-Šimić", "8/10", "10/10"} <= drawn
    assert kept.get("Noah 3.2 kg\nNia 3.1 kg", "absent") is None  # (two lines: Qt's own)
    assert 2 <= len(calls) <= 3  # (the elided note, the twins' lines, the focused cell; none of the others)


def test_a_changed_font_lays_the_texts_out_afresh(qtbot: QtBot) -> None:
    view, _model = _list(qtbot, wrap=False)
    view.viewport().repaint()
    before = dict(view.itemDelegate().kept)  # type: ignore[attr-defined]
    assert before
    view.setFont(QFont(view.font().family(), 16))
    assert not view.itemDelegate().kept  # type: ignore[attr-defined]
