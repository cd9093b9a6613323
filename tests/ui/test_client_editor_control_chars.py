"""A pasted NUL or control character is refused beside its field, never dropped without a word (issue 14, point 12).

The same rule (``domain.records.validate``) refuses it in import: one validation path.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, type_into

from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


def paste(qtbot: QtBot, widget: QWidget, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    ctrl(qtbot, widget, Qt.Key.Key_V)


def test_a_pasted_nul_in_the_first_name_and_a_bell_in_the_notes_are_refused_beside_them(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    paste(qtbot, editor.given_name.edit, "Am\x00ara")
    assert editor.given_name.text() == "Am\x00ara"  # (Qt keeps it: the store used to drop it silently)
    type_into(qtbot, editor.family_name.edit, "Okafor")
    paste(qtbot, editor.history_notes, "sore\x07 nipples")
    type_into(qtbot, editor.baby_forms[0].name.edit, "Noah")
    click(qtbot, editor.save_button)
    assert "control character (U+0000)" in editor.given_name.error.text()
    assert editor.given_name.error.isVisible()
    assert "control character (U+0007)" in editor.history_notes_error.text()
    assert gui_repo.search_clients("") == []  # nothing saved, nothing lost: the text is still there
    assert editor.history_notes.toPlainText() == "sore\x07 nipples"

    editor.given_name.edit.clear()
    type_into(qtbot, editor.given_name.edit, "Amara")
    editor.history_notes.clear()
    type_into(qtbot, editor.history_notes, "sore nipples")
    click(qtbot, editor.save_button)
    assert [c.full_name for c in gui_repo.search_clients("")] == ["Amara Okafor"]
    assert not editor.history_notes_error.isVisible()


def test_a_100000_character_name_is_refused_as_import_refuses_it(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    click(qtbot, window.home.new_client_button)
    editor = window.client_editor
    paste(qtbot, editor.family_name.edit, "x" * 100_000)
    type_into(qtbot, editor.given_name.edit, "Amara")
    type_into(qtbot, editor.baby_forms[0].name.edit, "Noah")
    click(qtbot, editor.save_button)
    assert "too long" in editor.family_name.error.text()
    assert gui_repo.search_clients("") == []
