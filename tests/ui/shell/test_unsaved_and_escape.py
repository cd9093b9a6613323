"""Leaving unsaved changes asks Save, Discard or Cancel, and each answer does what it says; Escape is Back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, type_into

from consultapp.store.facade import Store
from consultapp.ui.settings.practice import PracticeTab
from consultapp.ui.shell.window import MainWindow


def start_visit(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Zephyrine", "Quillfeather", "Oriel")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    assert window.pages.currentWidget() is window.visit_editor


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_leaving_a_visit_asks_save_discard_or_cancel(qtbot: QtBot, window: MainWindow, records: Store,
                                                      dialogs: FakeDialogs, answer: str) -> None:
    start_visit(qtbot, window)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Weight check after the weekend")
    dialogs.unsaved = answer  # type: ignore[assignment]
    click(qtbot, editor.back_button)
    assert dialogs.discard_questions == ["This visit"]
    saved = [v.reason for v in records.all_visits()]
    if answer == "save":
        assert saved == ["Weight check after the weekend"]
        assert window.pages.currentWidget() is window.home
    elif answer == "discard":
        assert saved == [] and window.pages.currentWidget() is window.home
    else:
        assert saved == [] and window.pages.currentWidget() is editor
        assert editor.reason_section.reason.toPlainText() == "Weight check after the weekend"


def test_save_that_fails_stays_on_the_visit_with_the_problem_shown(
        qtbot: QtBot, window: MainWindow, records: Store, dialogs: FakeDialogs) -> None:
    start_visit(qtbot, window)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Weight check")
    ctrl(qtbot, editor.reason_section.reason, Qt.Key.Key_2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "71b")  # does not parse: the save cannot go through
    dialogs.unsaved = "save"
    click(qtbot, editor.back_button)
    assert window.pages.currentWidget() is editor and records.all_visits() == []
    assert "need attention" in editor.status.text()


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_leaving_the_client_editor_asks_save_discard_or_cancel(qtbot: QtBot, window: MainWindow, records: Store,
                                                               dialogs: FakeDialogs, answer: str) -> None:
    create_client(qtbot, window, "Zephyrine", "Quillfeather", "Oriel")
    click(qtbot, window.home.edit_client_button)
    editor = window.client_editor
    editor.family_name.edit.clear()
    type_into(qtbot, editor.family_name.edit, "Brightwater")
    dialogs.unsaved = answer  # type: ignore[assignment]
    ctrl(qtbot, editor.family_name.edit, Qt.Key.Key_F)  # Find client: leaves the editor
    assert dialogs.discard_questions == ["This client"]
    [client] = records.search_clients("")
    assert client.full_name == ("Zephyrine Brightwater" if answer == "save" else "Zephyrine Quillfeather")
    assert (window.pages.currentWidget() is editor) == (answer == "cancel")


def test_a_client_save_that_fails_stays_with_the_problem_shown(
        qtbot: QtBot, window: MainWindow, records: Store, dialogs: FakeDialogs) -> None:
    create_client(qtbot, window, "Zephyrine", "Quillfeather", "Oriel")
    click(qtbot, window.home.edit_client_button)
    editor = window.client_editor
    editor.date_of_birth.edit.clear()
    type_into(qtbot, editor.date_of_birth.edit, "1994-13-45")  # no such date: the save cannot go through
    dialogs.unsaved = "save"
    click(qtbot, editor.cancel_button)
    assert window.pages.currentWidget() is editor
    assert editor.form_error.text()
    [client] = records.search_clients("")
    assert records.get_client(client.id).date_of_birth.isoformat() == "1994-07-30"


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_leaving_the_settings_asks_save_discard_or_cancel(qtbot: QtBot, window: MainWindow, records: Store,
                                                          dialogs: FakeDialogs, answer: str) -> None:
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    page = window.settings_page
    assert window.pages.currentWidget() is page
    name = page.tab(PracticeTab).fields["name"].edit
    name.clear()
    type_into(qtbot, name, "Harbour Lactation")
    dialogs.unsaved = answer  # type: ignore[assignment]
    qtbot.keyClick(name, Qt.Key.Key_Escape)  # Escape is Cancel on the settings page
    assert dialogs.discard_questions == ["The settings"]
    assert (records.get_practice().name == "Harbour Lactation") == (answer == "save")
    assert (window.pages.currentWidget() is page) == (answer == "cancel")


def test_escape_leaves_each_full_page_like_back(qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs) -> None:
    create_client(qtbot, window, "Zephyrine", "Quillfeather", "Oriel")
    click(qtbot, window.home.edit_client_button)
    qtbot.keyClick(window.client_editor.given_name.edit, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.home
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    qtbot.keyClick(editor.reason_section.reason, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.home
    ctrl(qtbot, window.home.search, Qt.Key.Key_H)
    assert window.pages.currentWidget() is window.history_page
    qtbot.keyClick(window.history_page, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.home
    assert dialogs.discard_questions == []  # nothing was changed: nothing to ask
