"""The status bar says who is working and on which database; a reviewer's window cannot write."""

from __future__ import annotations

import datetime as dt

from factories import make_client
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, ctrl, make_window, type_into

from consultapp.domain.records import Consultant, Role, Visit
from consultapp.store import users
from consultapp.store.facade import Store
from consultapp.ui.shell.database import where_label
from consultapp.ui.shell.menus import READ_ONLY_TIP


def test_status_bar_names_the_consultant_and_the_file(qtbot: QtBot, gui_repo: Store) -> None:
    users.save_consultant(gui_repo.db, Consultant("Jo Example", "IBCLC", Role.CONSULTANT))
    win = make_window(qtbot, gui_repo, FakeDialogs())
    assert win.db_label.text().startswith("Jo Example, IBCLC  ·  File: ")
    assert str(gui_repo.db.path) in win.db_label.text()
    assert win.home.new_client_button.isEnabled()
    assert win.author() == "Jo Example, IBCLC"


def test_a_reviewer_gets_a_read_only_window(qtbot: QtBot, gui_repo: Store) -> None:
    users.save_consultant(gui_repo.db, Consultant("Rita Reviewer", "", Role.REVIEWER))
    client = gui_repo.save_client(make_client(family="Readonlyson"))
    assert client.id is not None
    gui_repo.save_visit(Visit(client.id, dt.date.today(), reason="Check-up"))
    win = make_window(qtbot, gui_repo, FakeDialogs())
    assert "Rita Reviewer (reviewer: read only)" in win.db_label.text()
    assert not win.home.new_client_button.isEnabled()
    assert win.home.new_client_button.toolTip() == READ_ONLY_TIP
    ctrl(qtbot, win.home.search, Qt.Key.Key_N, shift=True)  # Ctrl+Shift+N: no new client form
    assert win.pages.currentWidget() is win.home
    type_into(qtbot, win.home.search, "Readonlyson")
    win.home.client_view.selectRow(0)
    qtbot.waitUntil(lambda: win.home.visits.rowCount() == 1)
    assert not win.home.new_visit_button.isEnabled()
    win.home.visit_view.setFocus()
    win.home.visit_view.selectRow(0)
    qtbot.keyClick(win.home.visit_view, Qt.Key.Key_Return)  # reading a visit is allowed
    assert win.pages.currentWidget() is win.visit_editor
    assert not win.visit_editor.save_button.isEnabled()
    assert win.visit_editor.save_button.toolTip() == READ_ONLY_TIP
    assert not win.action_save.isEnabled()


def test_server_label_has_no_password() -> None:
    from sqlalchemy.engine import make_url

    class Db:
        is_sqlite = False
        url = make_url("postgresql+psycopg://jo:secret@practice.example:5433/clinic?sslmode=require")

    assert where_label(Db()) == "Server: jo@practice.example:5433/clinic"
