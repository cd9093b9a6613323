"""After any dialog closes, the window's shortcuts work at once, with no click first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, ctrl

from consultapp.ui.shell.window import MainWindow


def shortcuts_work_at_once(qtbot: QtBot, window: MainWindow) -> None:
    """The window is active again, the focus where it was, and Ctrl+Shift+N (new client) answers."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    focus = QApplication.focusWidget()
    assert focus is not None and focus.window() is window
    ctrl(qtbot, focus, Qt.Key.Key_N, shift=True)
    assert window.pages.currentWidget() is window.client_editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # back home (nothing typed)
    assert window.pages.currentWidget() is window.home


def test_shortcuts_work_at_once_after_the_handout_library_closes(qtbot: QtBot, window: MainWindow) -> None:
    ctrl(qtbot, window.home.search, Qt.Key.Key_H, shift=True)
    library = window.document_window
    assert library is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is library)
    qtbot.keyClick(QApplication.focusWidget() or library, Qt.Key.Key_Escape)
    assert not library.isVisible()
    shortcuts_work_at_once(qtbot, window)


def test_shortcuts_work_at_once_after_a_message_closes(qtbot: QtBot, window: MainWindow,
                                                      dialogs: FakeDialogs) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "ConsultApp", "Saved.", QMessageBox.StandardButton.Ok, window)
    box.open()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Return)
    assert not box.isVisible()
    shortcuts_work_at_once(qtbot, window)
