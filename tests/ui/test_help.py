"""The Help menu: the guide (the README's tour, one text), shortcuts read from the actions, About."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTextBrowser
from pytestqt.qtbot import QtBot

from consultapp import __version__
from consultapp.runtime.resources import resource_path
from consultapp.ui.shell.help import plain
from consultapp.ui.shell.window import MainWindow

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_tour() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## A short tour\n", 1)[1].split("\n## ", 1)[0]
    return re.sub(r"<!--.*?-->\n", "", section).strip() + "\n"


def test_the_guide_is_the_readme_tour() -> None:
    assert resource_path("help", "guide.md").read_text(encoding="utf-8") == _readme_tour()


def _open_help(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Alt+H opens the Help menu; the action's mnemonic letter chooses it, as she would by keyboard."""
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    menu = window.menus.help_menu
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if plain(a.text()) == text)
    letter = action.text()[action.text().index("&") + 1]
    qtbot.keyClick(menu, getattr(Qt.Key, f"Key_{letter.upper()}"))
    assert window.help.shown is not None
    qtbot.waitExposed(window.help.shown)


def test_f1_shows_the_guide(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    qtbot.keyClick(window.home.search, Qt.Key.Key_F1)
    dialog = window.help.shown
    assert dialog is not None and dialog.isVisible()
    browser = dialog.findChild(QTextBrowser, "helpGuide")
    assert "Everything can be done from the keyboard." in browser.toPlainText()
    assert "Never losing typing" in browser.toPlainText()
    dialog.grab().save(str(tmp_path / "guide.png"))


def test_help_opens_again_after_it_was_closed(qtbot: QtBot, window: MainWindow) -> None:
    """Regression (new-user walk-through): the second Help window raised RuntimeError once the first was deleted."""
    for _ in range(3):
        qtbot.keyClick(window.home.search, Qt.Key.Key_F1)
        dialog = window.help.shown
        assert dialog is not None and dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.help.shown is None)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


OFFSCREEN_MENU = pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # (a menu popping up)


@OFFSCREEN_MENU
def test_the_shortcut_list_is_the_windows_actions(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _open_help(qtbot, window, "Keyboard shortcuts")
    dialog = window.help.shown
    assert dialog is not None
    table = dialog.findChild(QTableWidget, "helpShortcuts")
    rows = {(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert ("Save", "Ctrl+S") in rows
    assert ("New client", "Ctrl+Shift+N") in rows
    assert ("Guide", "F1") in rows
    # Every action of the window with a shortcut is listed, with the keys it really has.
    expected = {(plain(a.text()), a.shortcut().toString()) for a in window.actions() if not a.shortcut().isEmpty()}
    assert expected <= rows
    window.action_handouts.setShortcut("Ctrl+Alt+J")  # a changed shortcut shows as it is: nothing hand-written
    _open_help(qtbot, window, "Keyboard shortcuts")
    table = window.help.shown.findChild(QTableWidget, "helpShortcuts")
    assert ("Handouts", "Ctrl+Alt+J") in {(table.item(r, 1).text(), table.item(r, 2).text())
                                           for r in range(table.rowCount())}
    window.help.shown.grab().save(str(tmp_path / "shortcuts.png"))


@OFFSCREEN_MENU
def test_about_gives_version_licences_and_data_folder(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _open_help(qtbot, window, "About ConsultApp")
    dialog = window.help.shown
    assert dialog is not None
    label = dialog.findChild(QLabel, "helpAbout")
    text = label.text()
    assert f"ConsultApp {__version__}" in text
    assert "GNU LGPL v3" in text and "SIL Open Font License 1.1" in text
    assert "Data folder: " in text
    assert str(window.store.db.path) in text  # the database in use
    dialog.grab().save(str(tmp_path / "about.png"))
