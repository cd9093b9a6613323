"""After a dialog closes, the main window takes the keyboard back, so its shortcuts work at once.

Without this, closing a dialog left no window active wherever the window manager does not hand the focus back
(and under some that do not): Ctrl+N and the others did nothing until she clicked the window.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FocusBack(QObject):
    """Watches the focus leave one of ``window``'s dialogs; once the dialog is gone and no window of the app is
    active, ``window`` is activated again with the focus where it was (another app taking the focus is left be)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self.on_focus_changed)

    def on_focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is None or not shiboken6.isValid(old):
            return
        dialog = old.window()
        if dialog is self.window or not self._is_ours(dialog):
            return
        QTimer.singleShot(0, self, lambda: self._take_back(dialog))

    def _is_ours(self, dialog: QWidget) -> bool:
        parent = dialog.parentWidget()
        for _ in range(8):  # a dialog opened from a dialog of the window (bounded: windows are not nested deep)
            if parent is None:
                return False
            if parent.window() is self.window:
                return True
            parent = parent.window().parentWidget()
        return False

    def _take_back(self, dialog: QWidget) -> None:
        if shiboken6.isValid(dialog) and dialog.isVisible():
            return  # still open: she went to another application
        if not shiboken6.isValid(self.window) or not self.window.isVisible():
            return
        if QApplication.activeModalWidget() is not None or QApplication.activeWindow() is not None:
            return  # another dialog took over, or a window has the focus already
        self.window.activateWindow()
        self.window.raise_()
