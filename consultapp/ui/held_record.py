"""The record panel's stand-in while a client's record is read (she is typing): what her row in the list says of
her, drawn greyed.

Drawn here rather than set on labels: a label given new text asks the window to lay itself out again (its size
may change), which cost about half a millisecond a keystroke at 50,000 clients (issue 15); this widget's size
never depends on its text, so a new client is one repaint of this panel.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

HEADING_SCALE = 1.5
"""The name's size against the panel's font (about the record's own heading)."""


class HeldRecord(QWidget):
    """Her name and a line of details (birth date, phone, babies), greyed, each cut with "…" to the width."""

    def __init__(self) -> None:
        super().__init__()
        self._name = ""
        self._details = ""
        self.setAccessibleName("Client being read")

    def show_row(self, name: str, details: str) -> None:
        if (name, details) != (self._name, self._details):
            self._name, self._details = name, details
            self.setAccessibleDescription(f"{name}. {details}")
            self.update()

    def texts(self) -> tuple[str, str]:
        """What is drawn: the name and the details line."""
        return self._name, self._details

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        from PySide6.QtGui import QFontMetrics, QPainter  # lazy: drawn only while she types, after start

        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
        heading = self.font()
        heading.setPointSizeF(heading.pointSizeF() * HEADING_SCALE)
        heading.setBold(True)
        width, top = self.width(), 0
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine
        for font, text in ((heading, self._name), (self.font(), self._details)):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(0, top, width, metrics.height()), flags, shown)
            top += metrics.height() + metrics.leading() + 4
        painter.end()
