"""A solo practice (no consultants on file): the status bar names the practice's own consultant."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from ui.helpers import click, type_into

from consultapp.store.facade import Store
from consultapp.ui.settings.practice import PracticeTab
from consultapp.ui.shell.window import MainWindow


def test_status_bar_names_the_solo_consultant_once_she_enters_her_name(qtbot: QtBot, window: MainWindow,
                                                                       gui_repo: Store) -> None:
    shown = window.db_label.text()  # no name on file yet: where it goes, not "No consultant signed in"
    assert "No consultant signed in" not in shown
    assert shown.split("  ·  ")[0].endswith(" – add your name in Settings > Practice"), shown
    window.action_settings.trigger()
    tab = window.settings_page.tab(PracticeTab)
    type_into(qtbot, tab.fields["consultant_name"].edit, "Jo Solo")
    type_into(qtbot, tab.fields["credentials"].edit, "IBCLC")
    click(qtbot, window.settings_page.save_button)
    assert gui_repo.get_practice().consultant_name == "Jo Solo"
    assert window.db_label.text().startswith("Jo Solo, IBCLC  ·  File: ")


def test_a_solo_practice_without_a_name_on_file_is_named_by_the_practice(qtbot: QtBot, window: MainWindow,
                                                                         gui_repo: Store) -> None:
    window.action_settings.trigger()
    tab = window.settings_page.tab(PracticeTab)
    edit = tab.fields["name"].edit
    edit.selectAll()
    type_into(qtbot, edit, "Bright Start Lactation")
    click(qtbot, window.settings_page.save_button)
    assert gui_repo.get_practice().name == "Bright Start Lactation"
    assert window.db_label.text().startswith("Bright Start Lactation – add your name in Settings > Practice  ·  ")
