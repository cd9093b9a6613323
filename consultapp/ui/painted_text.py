"""Text that changes at each keystroke, drawn by widgets whose size never depends on it.

A label given new text asks the window to lay itself out again (its size may have changed): about half a
millisecond a keystroke at 50,000 clients for the home page's count of clients found, as much again for the
client named while her record is read (issue 15's profile). Here new text is one repaint of the widget.

- ``PaintedLine``: one line (the count of clients found), cut with "…" to the width.
- ``HeldRecord``: the record panel's stand-in while a client's record is read (she is typing): what her row
  in the list says of her, drawn greyed.
- ``laid_out_now``: where a text must change a widget's size (her record), the layouts around it now.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

HEADING_SCALE = 1.5
"""The name's size against the panel's font (about the record's own heading)."""


class PaintedLine(QWidget):
    """A line of text (``setText``/``text``, as a label's), as tall as one line of its font, as wide as it is
    given."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # noqa: N802 - a label's name
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(100, self.fontMetrics().height() + 2)

    minimumSizeHint = sizeHint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self._text:
            return  # (nothing to draw: at start, before the first page of clients)
        from PySide6.QtGui import QPainter  # lazy: once text is shown, after start

        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        painter.end()


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


def laid_out_now(widget: QWidget) -> None:
    """The layouts from ``widget``'s parent up to its window activated now, innermost first: a new text that
    changes ``widget``'s height (her record, on the home page) is laid out in this frame. Left to Qt, each level
    of nesting takes one pass of the event loop (the level's layout learns only then that its child's size
    changed): the record panel was drawn 14, then 18, then 89 px tall over three frames, the visits below it
    jumping down, and the two later frames were painted for nothing."""
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if layout is not None:
            layout.activate()
        parent = parent.parentWidget()
