"""After a save the home page shows what was saved: the client's "Last visit" and her visit history, in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, type_into

from consultapp.store.facade import Store
from consultapp.ui.dates import format_date
from consultapp.ui.shell.window import MainWindow


def _last_visit(window: MainWindow) -> str:
    home = window.home
    row = home.client_view.currentIndex().row()
    assert row >= 0, "no client selected"
    return str(home.clients.data(home.clients.index(row, home.clients.HEADERS.index("Last visit"))))


def _history(window: MainWindow) -> list[str]:
    visits = window.home.visits
    return [str(visits.data(visits.index(r, 2))) for r in range(visits.rowCount())]


def test_saving_a_visit_refreshes_the_home_row_and_history(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                           dialogs: Any, tmp_path: Path) -> None:
    create_client(qtbot, window, "Rosa", "Lind", "Tove")
    create_client(qtbot, window, "Ann", "Berg", "Olle")  # a second client: Rosa is not the only row
    home = window.home
    home.client_view.setFocus()
    rosa = next(r for r in range(home.clients.rowCount()) if "Rosa" in str(home.clients.data(home.clients.index(r, 0))))
    home.client_view.selectRow(rosa)
    assert _last_visit(window) in ("", "None", "—", "-")
    assert _history(window) == []

    click(qtbot, home.new_visit_button)
    reason = window.visit_editor.reason_section.reason
    type_into(qtbot, reason, "Sore nipples")
    qtbot.keyClick(reason, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    [visit] = gui_repo.all_visits()
    assert visit.reason == "Sore nipples"
    click(qtbot, window.visit_editor.back_button)
    assert window.pages.currentWidget() is home
    assert "Rosa" in str(home.clients.data(home.clients.index(home.client_view.currentIndex().row(), 0)))
    assert _last_visit(window) == format_date(dt.date.today())
    assert _history(window) == ["Sore nipples"]
    window.grab().save(str(tmp_path / "home_after_save.png"))

    # Amended (the same visit again): the history shows the new reason as soon as it is saved.
    click(qtbot, home.open_visit_button)
    reason = window.visit_editor.reason_section.reason
    reason.setFocus()
    qtbot.keyClick(reason, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(reason, " and a blister")
    qtbot.keyClick(reason, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _history(window) == ["Sore nipples and a blister"]  # refreshed in place, before she goes back
    click(qtbot, window.visit_editor.back_button)
    assert _history(window) == ["Sore nipples and a blister"]


def test_saving_the_client_refreshes_her_details_and_keeps_her_selected(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Rosa", "Lind", "Tove")
    click(qtbot, window.home.edit_client_button)
    editor = window.client_editor
    type_into(qtbot, editor.phone.edit, "9")
    click(qtbot, editor.save_button)
    assert window.pages.currentWidget() is window.home
    assert "555 0142 7779" in window.home.client_info.text()
    assert window.current_client is not None and window.current_client.phone == "555 0142 7779"
