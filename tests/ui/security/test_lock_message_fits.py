"""The lock screen's wrong-passphrase message shows whole at 1366x768: every wrapped line inside its label, and
the label inside the form and the page (it was cut at the top and the bottom)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui.helpers import click, fits, type_into
from ui.security.test_security_startup import (  # noqa: F401 - fixtures shared with the start-up tests
    PASSPHRASE,
    encrypted_db,
    launch,
    trust_dialogs,
)


def test_the_wrong_passphrase_message_on_the_lock_screen_is_whole(launch, qtbot: QtBot, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "enc.db"
    encrypted_db(path)
    s = launch(path)
    form = s.startup.unlock_dialog.form
    type_into(qtbot, form.secret, PASSPHRASE)
    click(qtbot, form.unlock_button)
    lock = s.startup.security.lock
    s.startup.security.action_lock.trigger()  # File > Lock (Ctrl+L)
    assert lock.is_locked()
    page = lock.page.form
    for attempt in range(3):  # the message grows a line as the count and the delay are added
        page.secret.clear()
        type_into(qtbot, page.secret, f"wrong guess {attempt}")
        click(qtbot, page.unlock_button)
        qtbot.waitUntil(lambda: "wrong" in page.message.text())
        for _ in range(5):
            QApplication.processEvents()
        assert page.message.isVisible()
        fits(page.message)
