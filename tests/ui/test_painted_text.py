"""Text that changes at each keystroke (the count of clients found, the client named while her record is read)
is drawn by widgets whose size never depends on it: new text is a repaint, never a layout of the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import EventCounter

from consultapp.ui.painted_text import HeldRecord, PaintedLine


def drawn(widget: QWidget) -> bool:
    image = widget.grab().toImage()
    background = image.pixel(image.width() - 1, image.height() - 1)
    return any(image.pixel(x, y) != background for x in range(0, image.width() // 2) for y in range(image.height()))


def test_new_text_is_drawn_cut_to_the_width_and_lays_nothing_out(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    line, held = PaintedLine(), HeldRecord()
    layout = QVBoxLayout(parent)
    layout.addWidget(line)
    layout.addWidget(held)
    parent.resize(300, 200)
    parent.show()
    QApplication.processEvents()
    hint = line.sizeHint()
    layouts = EventCounter(QEvent.Type.LayoutRequest)
    parent.installEventFilter(layouts)
    for text in ("3 clients", "First 100 clients: scroll down for more, or type to narrow the list " * 3, "1 client"):
        line.setText(text)
        held.show_row(f"Nguyễn Thị Lan & <Bảo> {text}", "Born 7 May 1998 · Phone 555-0199 · Babies 王小明, نور")
        QApplication.processEvents()
        assert line.text() == text and line.sizeHint() == hint and line.accessibleName() == text
        assert drawn(line) and drawn(held)
    assert layouts.count == 0
    assert held.texts()[0].endswith("1 client")
