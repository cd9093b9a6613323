"""The settings page: the registered tabs (practice, billing, clinical...) over one practice, saved together."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from consultapp.domain.records import Practice
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.settings import billing as billing_tab
from consultapp.ui.settings import clinical as clinical_tab
from consultapp.ui.settings import practice as practice_tab
from consultapp.ui.settings.tab import SettingsTab, registered_tabs

if TYPE_CHECKING:
    from consultapp.store.facade import Store

TAB_MODULES = (practice_tab, billing_tab, clinical_tab)
"""The modules whose tabs register themselves on import: a new tab is a new module named here."""
Tab = TypeVar("Tab", bound=SettingsTab)


def _scrolled(tab: QWidget) -> QScrollArea:
    """One tab, scrolling when the window is small."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(tab)
    return scroll


class SettingsPage(QWidget):
    """Every registered tab over one practice; Save hands the practice on screen to the window."""

    saved = Signal(object)  # Practice
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = Practice()
        self.dialogs = Dialogs()
        self.tabs = QTabWidget()  # the security controller adds its own tab here
        self.tabs.setAccessibleName("Settings")
        self._tabs: dict[type[SettingsTab], SettingsTab] = {}
        for tab_class in registered_tabs():
            tab = tab_class()
            self._tabs[tab_class] = tab
            self.tabs.addTab(_scrolled(tab), tab.TITLE)

        self.save_button = QPushButton("&Save")
        self.cancel_button = QPushButton("Cancel")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Settings</h2>"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.name)

    @property
    def name(self) -> QWidget:
        """Where the focus goes when the page opens: the first tab's first field (the practice's name)."""
        first = next(iter(self._tabs.values()))
        return first.focusProxy() or first

    def tab(self, tab_class: type[Tab]) -> Tab:
        """The page's tab of this class (``page.tab(ClinicalTab).weight_unit``)."""
        tab = self._tabs[tab_class]
        assert isinstance(tab, tab_class)
        return tab

    def attach(self, store: Store, dialogs: Dialogs) -> None:
        """Where the practice's lists are kept, and how to ask for files (the window's)."""
        self.dialogs = dialogs
        for tab in self._tabs.values():
            tab.attach(store, dialogs)

    def load(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)
        self.tabs.setCurrentIndex(0)  # where the window puts the focus (the practice's name)
        for tab in self._tabs.values():
            tab.load(practice)

    def read(self) -> Practice:
        """The practice as on screen; raises ValueError (shown on its tab) for settings that cannot be kept."""
        practice = copy.deepcopy(self._practice)
        for tab in self._tabs.values():
            tab.save(practice)
        return practice

    def is_dirty(self) -> bool:
        try:
            return self.read() != self._practice
        except ValueError:
            return True

    def mark_saved(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)

    def on_save_clicked(self) -> None:
        try:
            practice = self.read()
        except ValueError:
            return
        self.saved.emit(practice)
