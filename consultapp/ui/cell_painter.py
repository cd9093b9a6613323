"""The record lists' cells painted from laid-out texts that are kept, instead of laid out at every paint.

Qt's default delegate asks the model for seven roles of each cell it paints (seven calls into Python), then lays
the cell's text out (breaks it into scripts, shapes it, breaks its lines) and draws it, at every paint; a list on
screen has a hundred cells or two, and each keystroke repaints the clients found, each client chosen her visits.
Here a one-line cell of plain text is drawn from a ``QStaticText`` kept for that text (laid out once, for the
view's font), its background, selection and colours as Qt's style draws them, the same pixels
(tests/ui/test_cell_painter.py). Her history's visits list (104 cells on screen) paints in 1.4 ms instead of
2.0, of which 0.4 ms is the view's own (grid, rows, the calls into the delegate). Any other cell is Qt's own: one
that holds a line break, that is too wide for its column (elided, or wrapped in a wrapping list), that has the
keyboard's focus (its frame), or in a view laid out right to left.

The model is a ``RecordTableModel`` whose cells are its texts alone (``texts()`` gives them): nothing is asked
of it but the text. The delegate's class is made when the first list with rows needs it: Qt's style types
cost some milliseconds of Python enums, which the window's start does not wait for.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6 import QtWidgets

KEPT = 4_000
"""Laid-out texts a list keeps (a few hundred on screen; the clients she types her way through), then afresh."""


def is_text_delegate(delegate: object) -> bool:
    """Whether ``delegate`` sizes cells as Qt's default does (the lists that measure their texts rely on it)."""
    kind = type(delegate)
    return kind is QtWidgets.QStyledItemDelegate or bool(getattr(kind, "sizes_as_qt", False))


def paint_texts_kept(view: Any) -> None:
    """Give ``view`` (a ``RecordTable``: its ``cell_text``) the delegate that draws its one-line cells from kept
    layouts (once)."""
    if not getattr(type(view.itemDelegate()), "sizes_as_qt", False):
        view.setItemDelegate(text_delegate_class()(view))


@functools.cache
def text_delegate_class() -> type:
    """The delegate's class, made once (see the module's text)."""
    # lazy: Qt's style types, once a list has rows (see the module's text)
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QPalette, QStaticText, QTextOption
    from PySide6.QtWidgets import QStyle, QStyledItemDelegate

    selected, enabled, active, focused, hovered = (flag.value for flag in (
        QStyle.StateFlag.State_Selected, QStyle.StateFlag.State_Enabled, QStyle.StateFlag.State_Active,
        QStyle.StateFlag.State_HasFocus, QStyle.StateFlag.State_MouseOver))
    panel = QStyle.PrimitiveElement.PE_PanelItemViewItem
    normal, inactive, disabled = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled
    text_role, highlighted_role = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText

    class KeptTextDelegate(QStyledItemDelegate):
        sizes_as_qt = True  # (sizeHint is Qt's own)

        def __init__(self, view: Any) -> None:
            super().__init__(view)
            self.view = view
            self.forget()

        def forget(self) -> None:
            """Lay the texts out afresh, and take the style's margin and the palette's colours again (the view's
            font, style, palette or direction changed)."""
            self.kept: dict[str, tuple[Any, float, int] | None] = {}
            self.margin = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
            self.colours: dict[int, Any] = {}
            self.qt_only = self.view.layoutDirection() != Qt.LayoutDirection.LeftToRight

        def _laid_out(self, text: str) -> tuple[Any, float, int] | None:
            if "\n" in text or "\r" in text or "\u2028" in text:
                return None
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            layout = QTextOption(Qt.AlignmentFlag.AlignLeft)
            layout.setTextDirection(Qt.LayoutDirection.LeftToRight)  # (as Qt's delegate: the view's, not the text's)
            layout.setWrapMode(QTextOption.WrapMode.NoWrap)
            static.setTextOption(layout)
            static.prepare(font=self.view.font())
            size = static.size()
            return static, size.width(), round(size.height())

        def _colour(self, state: int) -> Any:
            """The text's colour in this state, as Qt's style picks it."""
            group = (normal if state & active else inactive) if state & enabled else disabled
            return self.view.palette().color(group, highlighted_role if state & selected else text_role)

        def paint(self, painter: Any, option: Any, index: Any) -> None:  # noqa: D102 - see the module's text
            text = self.view.cell_text(index.row(), index.column())
            state = option.state.value
            if text is None or state & focused or self.qt_only:
                super().paint(painter, option, index)
                return
            kept = self.kept
            if text in kept:
                laid = kept[text]
            else:
                if len(kept) > KEPT:
                    kept.clear()
                laid = kept[text] = self._laid_out(text) if text else None
            rect = option.rect
            margin = self.margin
            if laid is None and text or laid is not None and laid[1] > rect.width() - 2 * margin:
                super().paint(painter, option, index)
                return
            if state & (selected | hovered):  # (a plain cell's panel is nothing in Qt's styles: the view's base)
                self.view.style().drawPrimitive(panel, option, painter, self.view)
            if laid is None:
                return
            key = state & (selected | enabled | active)
            colour = self.colours.get(key)
            if colour is None:
                colour = self.colours[key] = self._colour(state)
            painter.setPen(colour)
            static, _width, height = laid
            top = rect.y() + (rect.height() - height) // 2  # (where Qt's delegate puts it: QStyle.alignedRect)
            painter.drawStaticText(QPointF(rect.x() + margin, top), static)

    return KeptTextDelegate
