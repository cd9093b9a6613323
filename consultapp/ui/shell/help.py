"""The Help menu's windows: the guide (the README's tour, kept once in resources/help/guide.md), the keyboard
shortcuts (read from the window's own actions, so the list is never out of date) and About (version, licences,
the data folder)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QVBoxLayout, QWidget

if TYPE_CHECKING:  # (the windows' own classes are named through QtWidgets: Qt sets them up as one opens)
    from PySide6.QtWidgets import QDialog

from consultapp import __version__
from consultapp.runtime.resources import resource_path
from consultapp.ui.shell.menus import text_action

GUIDE_PATH = ("help", "guide.md")
LICENCES = (
    ("ConsultApp", "Proprietary"),
    ("Qt for Python (PySide6)", "GNU LGPL v3"),
    ("SQLAlchemy, Alembic", "MIT"),
    ("ReportLab", "BSD"),
    ("DejaVu Sans", "Bitstream Vera licence (DejaVu changes public domain)"),
    ("Droid Sans Fallback", "Apache License 2.0"),
    ("NanumGothic", "SIL Open Font License 1.1"),
    ("Symbola", "free for any use"),
)
"""What ships inside the app and under which licence (the fonts' texts are in resources/fonts)."""


def guide_text() -> str:
    """The guide as Markdown (the same text as the README's "A short tour")."""
    return resource_path(*GUIDE_PATH).read_text(encoding="utf-8")


def plain(text: str) -> str:
    """An action's text as read: no mnemonic ampersands, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").removesuffix("...")


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action with a shortcut in the window's menus, in menu order."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub)
            elif id(action) not in seen and not action.shortcut().isEmpty():
                seen.add(id(action))
                keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
                rows.append((plain(menu.title()), plain(action.text()), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu)
    return rows


def _dialog(parent: QWidget, title: str, body: QWidget, name: str) -> QDialog:
    dialog = QtWidgets.QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    return dialog


class HelpWindows:
    """Opens the Help menu's windows over ``window``; ``data_folder`` says where the records are kept
    (label, place) - the data folder, the database in use."""

    def __init__(self, window: QMainWindow, data_folder: Callable[[], list[tuple[str, str]]]) -> None:
        self.window = window
        self.data_folder = data_folder
        self.shown: QDialog | None = None  # the help window open (tests read it)

    def _show(self, dialog: QDialog) -> QDialog:
        if self.shown is not None:
            self.shown.close()  # (still open: a closed one forgot itself below, before Qt deleted it)
        self.shown = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.show()  # not modal: she may keep the guide open beside her work
        dialog.raise_()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.shown is dialog:
            self.shown = None
        dialog.deleteLater()

    def on_guide(self) -> QDialog:
        browser = QtWidgets.QTextBrowser()
        browser.setObjectName("helpGuide")
        browser.setAccessibleName("Guide")
        browser.setOpenExternalLinks(False)
        browser.setMarkdown(guide_text())
        dialog = _dialog(self.window, "ConsultApp guide", browser, "helpGuideWindow")
        dialog.resize(760, 600)
        return self._show(dialog)

    def on_shortcuts(self) -> QDialog:
        rows = shortcut_rows(self.window)
        table = QtWidgets.QTableWidget(len(rows), 3)
        table.setObjectName("helpShortcuts")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QtWidgets.QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        note = QLabel("In a visit, Ctrl+1 to Ctrl+9 go to its sections; Escape leaves a page like Back.")
        note.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(table, 1)
        column.addWidget(note)
        dialog = _dialog(self.window, "Keyboard shortcuts", body, "helpShortcutsWindow")
        dialog.resize(560, 480)
        return self._show(dialog)

    def on_about(self) -> QDialog:
        # lazy: html loads when About opens, not while the window starts (cold start budget)
        from html import escape

        licences = "".join(f"<tr><td>{escape(what)}</td><td>{escape(licence)}</td></tr>"
                           for what, licence in LICENCES)
        fonts = Path(resource_path("fonts"))
        label = QLabel(
            f"<h2>ConsultApp {escape(__version__)}</h2>"
            + "".join(f"<p>{escape(what)}: {escape(where)}</p>" for what, where in self.data_folder()) +
            f"<p><b>Licences</b></p><table cellpadding='2'>{licences}</table>"
            f"<p>The fonts' licence texts: {escape(str(fonts))}</p>"
        )
        label.setObjectName("helpAbout")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self._show(_dialog(self.window, "About ConsultApp", label, "helpAboutWindow"))


def help_actions(window: QMainWindow, help_menu: QMenu, windows: HelpWindows) -> list[QAction]:
    """The Help menu's actions (F1: the guide), added to ``help_menu``."""
    guide = text_action("&Guide", window)
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    guide.triggered.connect(windows.on_guide)
    shortcuts = text_action("&Keyboard shortcuts", window)
    shortcuts.triggered.connect(windows.on_shortcuts)
    about = text_action("&About ConsultApp", window)
    about.triggered.connect(windows.on_about)
    actions = [guide, shortcuts, about]
    help_menu.addActions(actions)
    return actions
