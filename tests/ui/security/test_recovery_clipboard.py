"""The recovery key, copied, leaves the clipboard after a minute, unless something else was copied since."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from consultapp.ui.security.passphrase import CLIPBOARD_CLEAR_MS, RecoveryKeyDialog

KEY = "ABCD-EFGH-IJKL-MNOP"


def shown(qtbot: QtBot, **kwargs: int) -> RecoveryKeyDialog:
    dialog = RecoveryKeyDialog(KEY, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QGuiApplication.clipboard().clear()
    return dialog


def fires(qtbot: QtBot, timer: QTimer) -> None:
    """Let the clipboard timer run out (the event loop runs until it does, or it already has)."""
    if timer.isActive():
        with qtbot.waitSignal(timer.timeout, timeout=5000):
            pass


def test_copy_puts_the_key_on_the_clipboard_for_a_minute(qtbot: QtBot) -> None:
    dialog = shown(qtbot)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == KEY
    assert "in a minute" in dialog.copied.text()
    timer = dialog.clear_timer
    assert timer is not None and timer.isActive() and timer.interval() == CLIPBOARD_CLEAR_MS == 60_000
    timer.stop()


def test_the_key_leaves_the_clipboard_even_after_the_dialog_is_closed(qtbot: QtBot) -> None:
    dialog = shown(qtbot, clear_after_ms=5)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == KEY
    timer = dialog.clear_timer
    assert timer is not None
    qtbot.mouseClick(dialog.written, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    fires(qtbot, timer)
    assert QGuiApplication.clipboard().text() == ""


def test_what_she_copied_since_stays(qtbot: QtBot) -> None:
    dialog = shown(qtbot, clear_after_ms=5)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    timer = dialog.clear_timer
    assert timer is not None
    QGuiApplication.clipboard().setText("a phone number")
    fires(qtbot, timer)
    assert QGuiApplication.clipboard().text() == "a phone number"
