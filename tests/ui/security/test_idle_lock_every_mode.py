"""The idle lock in every mode and over every window (issue 14, points 8 and 14), on a clock the test moves.

Before, the lock watched input in the main window only, worked on an encrypted file only, and left the
other windows (dialogs, the audit trail, help) showing. Here the passer-by's view is what is checked: after
the idle time every window of the app is hidden and the lock page asks for the mode's secret; input in any
window (a dialog) counts as use; and the unlock screen says the delay the store's counter applies.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url
from ui.helpers import click, create_client, type_into
from ui.security.test_security_features import security_tab
from ui.security.test_security_startup import (  # noqa: F401 - fixtures shared with the start-up tests
    PASSPHRASE,
    encrypted_db,
    launch,
    trust_dialogs,
    visible_texts,
)

from consultapp.store import attempts
from consultapp.store.db import open_database
from consultapp.store.errors import WrongPassphrase
from consultapp.ui.security.lock_secret import LockMode

IDLE_MS = 10 * 60_000
NAME = "Quillfeather"


class Clock:
    """Monotonic seconds, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance_ms(self, ms: float) -> None:
        self.now += ms / 1000


def tick_timer(s) -> None:  # noqa: ANN001
    """The lock's timer comes round (as it does every few seconds)."""
    s.startup.security.lock.timer.timeout.emit()


def showing_a_name(title: str) -> QDialog:
    """Another window of the app with a client's name in it (a dialog, the audit trail, help)."""
    dialog = QDialog()
    dialog.setWindowTitle(title)
    QVBoxLayout(dialog).addWidget(QLabel(f"Zephyrine {NAME}"))
    dialog.show()
    return dialog


def visible_windows_with_the_name() -> list[str]:
    return [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible() and NAME in visible_texts(w)]


def test_input_in_a_dialog_counts_and_after_the_idle_time_every_window_is_hidden(
    launch, qtbot: QtBot, tmp_path: Path  # noqa: F811
) -> None:
    path = tmp_path / "enc.db"
    encrypted_db(path)
    clock = Clock()
    s = launch(path, idle_ms=IDLE_MS, lock_clock=clock)
    type_into(qtbot, s.startup.unlock_dialog.form.secret, PASSPHRASE)
    click(qtbot, s.startup.unlock_dialog.form.unlock_button)
    create_client(qtbot, s.window, "Zephyrine", NAME, "Oriel")
    lock = s.startup.security.lock
    dialog = showing_a_name("A dialog")
    qtbot.waitExposed(dialog)
    s.startup.security.on_audit()  # the audit trail window, for her
    help_window = showing_a_name("Help")

    for _ in range(3):  # she types in the dialog, never in the main window: she is using the app
        clock.advance_ms(IDLE_MS - 1000)
        tick_timer(s)  # (the new windows are watched from the timer's next round)
        qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_A)
        tick_timer(s)
        assert not lock.is_locked()

    clock.advance_ms(IDLE_MS - 1)
    tick_timer(s)
    assert not lock.is_locked()
    clock.advance_ms(2)
    tick_timer(s)
    assert lock.is_locked()
    assert visible_windows_with_the_name() == []
    assert not dialog.isVisible() and not help_window.isVisible()
    assert s.startup.security.audit_dialog is None  # closed, not only hidden
    assert "ConsultApp is locked" in visible_texts(s.window)
    assert "Passphrase or recovery key" in visible_texts(s.window)

    form = lock.page.form
    type_into(qtbot, form.secret, PASSPHRASE)
    click(qtbot, form.unlock_button)
    assert not lock.is_locked() and dialog.isVisible() and help_window.isVisible()
    assert NAME in visible_texts(s.window)
    dialog.close()
    help_window.close()


def test_a_plain_file_with_a_lock_pin_asks_for_it(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "plain.db"
    open_database(path).close()
    clock = Clock()
    s = launch(path, idle_ms=IDLE_MS, lock_clock=clock)
    create_client(qtbot, s.window, "Zephyrine", NAME, "Oriel")
    tab = security_tab(s)
    assert "no lock PIN is set" in tab.lock_note.text()
    type_into(qtbot, tab.pin, "2468")
    type_into(qtbot, tab.pin_again, "2469")
    click(qtbot, tab.pin_button)
    assert "twice, the same" in tab.pin_result.text()
    tab.pin_again.clear()
    type_into(qtbot, tab.pin_again, "2468")
    click(qtbot, tab.pin_button)
    assert tab.pin_result.text().startswith("Lock PIN set")
    lock = s.startup.security.lock
    assert lock.secret.mode == LockMode.PIN
    s.window.on_back_home()

    clock.advance_ms(IDLE_MS)
    tick_timer(s)
    assert lock.is_locked() and visible_windows_with_the_name() == []
    assert "Type your lock PIN" in visible_texts(s.window)
    form = lock.page.form
    type_into(qtbot, form.secret, "1357")
    click(qtbot, form.unlock_button)
    assert lock.is_locked() and "not the lock PIN" in form.message.text() and s.waits == [1]
    form.secret.clear()
    type_into(qtbot, form.secret, "2468")
    click(qtbot, form.unlock_button)
    assert not lock.is_locked() and NAME in visible_texts(s.window)


def test_practice_mode_asks_for_the_server_password(launch, qtbot: QtBot, postgres_schema_url: str) -> None:  # noqa: F811
    """On PostgreSQL, the password she connected with unlocks (the test server trusts local logins, so any
    password connects; the lock still wants the one typed at connect)."""
    url = make_url(postgres_schema_url).set(password="typed at connect 7")
    clock = Clock()
    s = launch(url.render_as_string(hide_password=False), idle_ms=IDLE_MS, lock_clock=clock)
    assert s.startup.repo is not None and not s.startup.repo.db.is_sqlite
    create_client(qtbot, s.window, "Zephyrine", NAME, "Oriel")
    lock = s.startup.security.lock
    assert lock.secret.mode == LockMode.SERVER_PASSWORD
    clock.advance_ms(IDLE_MS)
    tick_timer(s)
    assert lock.is_locked() and visible_windows_with_the_name() == []
    assert "password you log in to the practice server" in visible_texts(s.window)
    form = lock.page.form
    type_into(qtbot, form.secret, "typed at connect")
    click(qtbot, form.unlock_button)
    assert lock.is_locked() and "not your server password" in form.message.text()
    form.secret.clear()
    type_into(qtbot, form.secret, "typed at connect 7")
    click(qtbot, form.unlock_button)
    assert not lock.is_locked() and NAME in visible_texts(s.window)


def test_the_unlock_screen_says_the_delay_the_stores_counter_applies(
    launch, qtbot: QtBot, tmp_path: Path, store_waits: list[float]  # noqa: F811
) -> None:
    """Issue 14 (the rest of point 14): three wrong passphrases on the command line, then the app starts."""
    path = tmp_path / "enc.db"
    encrypted_db(path)
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            open_database(path, passphrase="a wrong guess")
    assert attempts.failures(path) == 3 and attempts.delay_after(3) == 4
    store_waits.clear()
    s = launch(path)
    form = s.startup.unlock_dialog.form
    assert "3 wrong in a row so far" in form.message.text() and "after 4 s" in form.message.text()
    type_into(qtbot, form.secret, "another wrong guess")
    click(qtbot, form.unlock_button)
    assert store_waits == [4]  # the store held it back as the screen said
    assert attempts.failures(path) == 4
    assert s.waits == [attempts.delay_after(4)] == [8]  # and the screen holds the next one as the store will
    form.secret.clear()
    type_into(qtbot, form.secret, PASSPHRASE)
    click(qtbot, form.unlock_button)
    assert store_waits == [4, 8] and s.startup.repo is not None and attempts.failures(path) == 0

    # On the lock screen, a wrong passphrase is counted by the store too (the command line sees it).
    lock = s.startup.security.lock
    lock.lock()
    type_into(qtbot, lock.page.form.secret, "wrong on the lock screen")
    click(qtbot, lock.page.form.unlock_button)
    assert attempts.failures(path) == 1 and s.waits[-1] == attempts.delay_after(1) == 1
    assert "1 wrong so far" in lock.page.form.message.text()
