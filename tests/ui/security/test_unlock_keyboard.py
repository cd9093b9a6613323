"""The start-up unlock dialog answers the keyboard: Enter unlocks (it never quits), Escape quits."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs

from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.ui.security.passphrase import NewPassphraseDialog, RecoveryKeyDialog
from consultapp.ui.security.startup import Startup
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tasks import SyncPool

PASSPHRASE = "maple harbour lantern 42"


class Later:
    """A background that runs its work when told, as the real thread does some time after Enter."""

    def __init__(self) -> None:
        self.pending: list[Callable[[], None]] = []

    def __call__(self, work: Callable[[], None]) -> None:
        self.pending.append(work)

    def run(self) -> None:
        for _ in range(10):  # bounded: each open is one piece of work
            if not self.pending:
                return
            self.pending.pop(0)()


@pytest.fixture
def start(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[[Path], tuple[Startup, Later, list[int]]]]:
    made: list[Startup] = []

    def make_window() -> MainWindow:
        window = MainWindow(dialogs=FakeDialogs(), pool=SyncPool(), draft_interval_ms=50)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window

    def begin(path: Path) -> tuple[Startup, Later, list[int]]:
        later, quits = Later(), []
        startup = Startup(path, make_window, background=later, kdf=FAST_KDF_FOR_TESTS,
                          wait=lambda _s, then: then(), quit=quits.append, daily_backup=False)
        made.append(startup)
        startup.start()
        later.run()  # the probe: the file is encrypted, the unlock dialog opens
        dialog = startup.unlock_dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return startup, later, quits

    yield begin
    for startup in made:
        startup.close()
        startup.window.close()
        startup.window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def encrypted_db(path: Path, *, draft: bool) -> None:
    """An encrypted database with a client, and a visit typed but never saved when ``draft``."""
    db = open_database(path, encrypt_new=True, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    try:
        store = Store(db)
        client = store.save_client(make_client("Zephyrine", "Quillfeather", "Oriel"))
        if draft:
            store.save_draft(uuid.uuid4(), make_visit(client))
    finally:
        db.close()


@pytest.mark.parametrize("draft", [False, True], ids=["no-draft", "draft-waiting"])
@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_enter_in_the_unlock_dialog_unlocks_and_never_quits(start, qtbot: QtBot, tmp_path: Path,
                                                          attempt: int, draft: bool) -> None:
    path = tmp_path / f"enc-{attempt}.db"
    encrypted_db(path, draft=draft)
    startup, later, quits = start(path)
    dialog = startup.unlock_dialog
    qtbot.keyClicks(dialog.form.secret, PASSPHRASE)
    qtbot.keyClick(dialog.form.secret, Qt.Key.Key_Return)
    assert quits == [], "Enter quit the app"
    assert dialog.isVisible() and "Checking" in dialog.form.message.text()
    assert QApplication.focusWidget() is dialog.form.secret  # the focus never went to Quit
    later.run()  # the database opens on the worker
    assert quits == []
    window = startup.window
    assert startup.repo is not None and window.work.attached is startup.repo
    assert window.isVisible() and startup.unlock_dialog is None
    assert window.home.clients.rowCount() == 1
    if draft:
        qtbot.waitUntil(lambda: len(window.dialogs.draft_questions) == 1)
    assert quits == []
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the keyboard is hers at once
    focus = QApplication.focusWidget()
    assert focus is not None and focus.window() is window
    qtbot.keyClick(focus, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.pages.currentWidget() is window.client_editor


def test_enter_with_the_focus_on_quit_still_unlocks_and_escape_quits(start, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    encrypted_db(path, draft=False)
    startup, later, quits = start(path)
    dialog = startup.unlock_dialog
    qtbot.keyClicks(dialog.form.secret, "wrong guess")
    dialog.quit_button.setFocus()
    qtbot.keyClick(dialog.quit_button, Qt.Key.Key_Return)
    assert quits == []
    later.run()
    assert "does not open this database" in dialog.form.message.text() and quits == []
    qtbot.keyClick(dialog.form.secret, Qt.Key.Key_Escape)
    assert quits == [0]


def test_enter_on_the_recovery_key_screen_is_done_not_copy(qtbot: QtBot) -> None:
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QGuiApplication.clipboard().clear()
    focus = QApplication.focusWidget() or dialog
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert dialog.isVisible() and QGuiApplication.clipboard().text() == ""  # not copied, not done yet
    dialog.written.setFocus()
    qtbot.keyClick(dialog.written, Qt.Key.Key_Space)
    assert dialog.written.isChecked()
    qtbot.keyClick(dialog.written, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert QGuiApplication.clipboard().text() == ""


def test_choosing_a_passphrase_enter_creates_and_escape_quits(qtbot: QtBot) -> None:
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.fields.first, PASSPHRASE)
    qtbot.keyClick(dialog.fields.first, Qt.Key.Key_Return)  # not yet repeated: Enter does nothing
    assert dialog.isVisible() and dialog.result() == 0
    qtbot.keyClicks(dialog.fields.second, PASSPHRASE)
    qtbot.keyClick(dialog.fields.second, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted

    again = NewPassphraseDialog()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.keyClick(again.fields.first, Qt.Key.Key_Escape)
    assert not again.isVisible() and again.result() == QDialog.DialogCode.Rejected


def test_enter_on_the_lock_screen_unlocks(start, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    encrypted_db(path, draft=False)
    startup, later, _quits = start(path)
    qtbot.keyClicks(startup.unlock_dialog.form.secret, PASSPHRASE)
    qtbot.keyClick(startup.unlock_dialog.form.secret, Qt.Key.Key_Return)
    later.run()
    window, lock = startup.window, startup.security.lock
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked()
    qtbot.keyClicks(lock.page.form.secret, PASSPHRASE)
    qtbot.keyClick(lock.page.form.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.is_locked())
    assert window.home.clients.rowCount() == 1
