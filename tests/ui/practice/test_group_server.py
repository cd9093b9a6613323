"""Opening the practice server: the form, the URL it builds, remembering it without the password, switching."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url
from ui.helpers import FakeDialogs, click, type_into

from consultapp.store.facade import Store
from consultapp.ui.practice.server import ServerConnection, ServerDialog, ServerQuestions, remember, remembered
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tasks import SyncPool
from consultapp.ui.ui_settings import UiSettings


@dataclass
class FakeServers(ServerQuestions):
    answer: tuple[ServerConnection, str] | None = None
    asked: list[ServerConnection | None] = field(default_factory=list)

    def ask(self, parent: Any, initial: ServerConnection | None) -> tuple[ServerConnection, str] | None:
        self.asked.append(initial)
        return self.answer


def window_with(qtbot: QtBot, repo: Store, dialogs: FakeDialogs, ui_settings: UiSettings,
                servers: FakeServers) -> MainWindow:
    win = MainWindow(repo, dialogs=dialogs, ui_settings=ui_settings, pool=SyncPool(), servers=servers)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_url_carries_tls_and_the_ca_file_and_the_password_only_when_given() -> None:
    conn = ServerConnection("db.practice.example", "clinic", "jo", 5433, "verify-full", "/etc/practice/ca.pem")
    url = make_url(conn.url("s3cr:t@"))
    assert (url.drivername, url.host, url.port, url.database, url.username) == (
        "postgresql+psycopg", "db.practice.example", 5433, "clinic", "jo")
    assert url.password == "s3cr:t@"
    assert dict(url.query) == {"sslmode": "verify-full", "sslrootcert": "/etc/practice/ca.pem"}
    assert make_url(conn.url()).password is None
    assert ServerConnection("h", "d", "u", tls_mode="disable", ca_file="/x.pem").url().endswith("?sslmode=disable")
    assert ServerConnection("h", "d", "u", tls_mode="verify-full").problem().startswith("Checking the server")


def test_the_form_is_typed_and_checked(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.open_button)
    assert dialog.problem.text() == "Enter the server's address."
    assert dialog.isVisible()
    type_into(qtbot, dialog.host, "db.practice.example")
    type_into(qtbot, dialog.database, "clinic")
    type_into(qtbot, dialog.user, "jo")
    type_into(qtbot, dialog.password, "pw")
    dialog.tls.setFocus()
    qtbot.keyClicks(dialog.tls, "R")  # "Require encryption"
    if (shots := Path(os.environ.get("CONSULTAPP_SCREENSHOTS", "/nonexistent"))).is_dir():
        dialog.grab().save(str(shots / "group-server-dialog.png"))
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.connection() == ServerConnection("db.practice.example", "clinic", "jo", 5432, "require", "")


def test_the_connection_is_remembered_without_the_password_and_offered_at_next_start(
        qtbot: QtBot, gui_repo: Store, ui_settings: UiSettings, tmp_path: Path) -> None:
    conn = ServerConnection("127.0.0.1", "clinic", "jo", 1, "disable")  # nothing listens on port 1
    servers = FakeServers(answer=(conn, "secret-pw"))
    dialogs = FakeDialogs()
    win = window_with(qtbot, gui_repo, dialogs, ui_settings, servers)
    win.action_open_server.trigger()  # File > Open practice server…
    assert dialogs.errors and "cannot be reached" in dialogs.errors[0]
    assert win.store is gui_repo  # still on the file
    assert remembered(ui_settings) == conn
    ini = next((tmp_path / "config").glob("*.ini")).read_text(encoding="utf-8")
    assert "secret-pw" not in ini and "127.0.0.1" in ini
    win.close()

    servers_next = FakeServers(answer=None)  # the next start: offered, she stays on the file
    dialogs_next = FakeDialogs()
    window_with(qtbot, gui_repo, dialogs_next, UiSettings(tmp_path / "config" / "window.ini"), servers_next)
    qtbot.waitUntil(lambda: servers_next.asked == [conn])


def test_switching_reopens_the_window_on_the_other_database(qtbot: QtBot, gui_repo: Store,
                                                            ui_settings: UiSettings, tmp_path: Path) -> None:
    from factories import make_client

    from consultapp.store.db import open_database

    other = open_database(tmp_path / "other.db")
    Store(other).save_client(make_client(family="Elsewhere"))
    other.close()
    gui_repo.save_client(make_client(family="Fileonly"))
    win = window_with(qtbot, gui_repo, FakeDialogs(), ui_settings, FakeServers())
    assert win.switch_database(str(tmp_path / "other.db"))  # the same attach path as a server URL
    assert win.store is not gui_repo
    assert "other.db" in win.db_label.text()
    type_into(qtbot, win.home.search, "Elsewhere")
    assert win.home.clients.rowCount() == 1
    win.store.db.close()


def test_remember_roundtrip(ui_settings: UiSettings) -> None:
    assert remembered(ui_settings) is None
    conn = ServerConnection("h", "d", "u", 6543, "require", "/ca.pem")
    remember(ui_settings, conn)
    assert remembered(ui_settings) == conn
