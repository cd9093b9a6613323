"""The window's actions (with their shortcuts) and its File, Visit and Help menus."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

READ_ONLY_TIP = "Your login may only read records (reviewer)."

Slot = Callable[[], object]


class MenuSlots(NamedTuple):
    """What each action does (the window's wiring decides). (A named tuple: a frozen dataclass, and the
    dataclasses module, cost about 1.4 ms before the window takes input; this, 0.2 ms.)"""

    new_client: Slot
    new_visit: Slot
    find: Slot
    history: Slot
    settings: Slot
    open_server: Slot
    consultants: Slot
    quit: Slot
    save: Slot
    preview: Slot
    print: Slot
    letter: Slot
    superbill: Slot
    handouts: Slot


class Menus:
    """Builds the actions on ``window`` (so their shortcuts work wherever the focus is) and its menus."""

    def __init__(self, window: QMainWindow, slots: MenuSlots) -> None:
        self.window = window
        file_menu = window.menuBar().addMenu("&File")
        self.new_client = self._action("&New client", "Ctrl+Shift+N", slots.new_client)
        self.new_visit = self._action("New &visit", "Ctrl+N", slots.new_visit)
        self.find = self._action("&Find client", QKeySequence.StandardKey.Find, slots.find)
        self.history = self._action("&History and charts", "Ctrl+H", slots.history)
        self.settings = self._action("&Settings…", "Ctrl+,", slots.settings)
        self.open_server = self._action("Open practice se&rver…", None, slots.open_server)
        self.consultants = self._action("&Consultants…", None, slots.consultants)
        self.quit = self._action("&Quit", QKeySequence.StandardKey.Quit, slots.quit)
        file_menu.addActions([self.new_client, self.new_visit, self.find, self.history, self.settings,
                              self.open_server, self.consultants])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        visit_menu = window.menuBar().addMenu("&Visit")
        self.save = self._action("&Save", QKeySequence.StandardKey.Save, slots.save)
        self.preview = self._action("Pre&view care plan", "Ctrl+Shift+P", slots.preview)
        self.print = self._action("&Print…", QKeySequence.StandardKey.Print, slots.print)
        visit_menu.addActions([self.save, self.preview, self.print])
        self.letter = self._action("&Letter to doctor…", None, slots.letter)
        self.superbill = self._action("Superb&ill…", None, slots.superbill)
        self.handouts = self._action("Han&douts…", "Ctrl+Shift+H", slots.handouts)
        visit_menu.addActions([self.letter, self.superbill])
        file_menu.insertAction(self.settings, self.handouts)
        self.sync_conflicts = self._action("Conflicts from s&ync…", None, lambda: _sync_conflicts(window))
        file_menu.insertAction(self.quit, self.sync_conflicts)
        self.help_menu = window.menuBar().addMenu("&Help")  # (its actions: shell/help.py)

    def _action(self, text: str, keys: str | QKeySequence.StandardKey | None, slot: Slot) -> QAction:
        action = text_action(text, self.window)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def set_store_actions_enabled(self, enabled: bool) -> None:
        """Until a database is attached only Quit works (every other action of the window waits for it)."""
        self.window.menuBar().setEnabled(enabled)
        for action in self.window.actions():
            if action is not self.quit:
                action.setEnabled(enabled)

    def writers(self) -> list[QAction]:
        """The actions that write records (off for a reviewer)."""
        return [self.new_client, self.new_visit, self.save]


def text_action(text: str, parent: QObject) -> QAction:
    """An action named ``text``, without an icon. (``QAction(text, parent)`` would have PySide weigh the
    ``QAction(icon, text, parent)`` overload too: QIcon's types, three Python enums, about 0.9 ms before the
    window takes input.)"""
    action = QAction(parent)
    action.setText(text)
    return action


def _sync_conflicts(window: QMainWindow) -> None:
    from consultapp.ui.practice.offline_conflicts import open_for  # lazy: loads the store, after the window shows

    open_for(window)


def disable_writers(writers: Sequence[QWidget | QAction]) -> None:
    """A reviewer reads: every button and shortcut that writes is off, saying why."""
    for widget in writers:
        widget.setEnabled(False)
        widget.setToolTip(READ_ONLY_TIP)
