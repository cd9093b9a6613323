"""The settings page: the registered tabs (practice, billing, clinical...) over one practice, saved together."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from consultapp.domain.records import Practice
from consultapp.runtime.files import write_private
from consultapp.services.practice_settings import (
    SettingsImportError,
    current_settings_text,
    keep_settings,
    read_settings_file,
    summary,
)
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.fields import AttentionNote, CheckedField, ErrorLabel
from consultapp.ui.report import shown
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
    imported = Signal(object)  # Practice: kept from a settings file, now in the store and on the page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = Practice()
        self.dialogs = Dialogs()
        self.store: Store | None = None
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
        buttons.addLayout(self._build_transfer(), 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Settings</h2>"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.name)
        self.attention = AttentionNote(self, lambda message: self._say(error=message), still_wrong=self._still_wrong)

    def _build_transfer(self) -> QVBoxLayout:
        """Export settings… / Import settings…: the whole page's settings as one TOML file, a message beside."""
        self.export_settings_button = QPushButton("Exp&ort settings…")
        self.import_settings_button = QPushButton("Import settin&gs…")
        self.export_settings_button.setToolTip("Write the practice's settings (letterhead, units, paper, wording, "
                                               "thresholds, billing identifiers) to a TOML file")
        self.import_settings_button.setToolTip("Keep the settings of a TOML file, checked whole first")
        self.export_settings_button.clicked.connect(self.on_export_settings_clicked)
        self.import_settings_button.clicked.connect(self.on_import_settings_clicked)
        self.transfer_message = QLabel()
        self.transfer_message.setAccessibleName("Settings file")
        self.transfer_message.setWordWrap(True)
        self.transfer_error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.export_settings_button)
        row.addWidget(self.import_settings_button)
        row.addWidget(self.transfer_message, 1)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(self.transfer_error)
        self._enable_transfer()
        return column

    def _enable_transfer(self) -> None:
        for button in (self.export_settings_button, self.import_settings_button):
            button.setEnabled(self.store is not None)

    def _say(self, message: str = "", error: str = "") -> None:
        self.transfer_message.setText(message)
        self.transfer_error.show_error(error)

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
        self.dialogs, self.store = dialogs, store
        self._enable_transfer()
        for tab in self._tabs.values():
            tab.attach(store, dialogs)

    def load(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)
        self.tabs.setCurrentIndex(0)  # where the window puts the focus (the practice's name)
        self._say()
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

    def _still_wrong(self) -> bool:
        try:
            self.read()
        except ValueError:
            return True
        return False

    def on_save_clicked(self) -> None:
        try:
            practice = self.read()
        except ValueError:
            for index, tab in enumerate(self._tabs.values()):  # the first tab with a problem beside a field
                if any(f.has_error for f in tab.findChildren(CheckedField)):
                    self.tabs.setCurrentIndex(index)
                    break
            self.attention.show("Some settings need attention; see the messages beside them.")
            return
        self.attention.withdraw()
        self._say()
        self.saved.emit(practice)

    # -- the settings as a file ---------------------------------------------------------------------
    def on_export_settings_clicked(self) -> None:
        """Write the settings as kept (what the practice's documents use) to the file she chooses."""
        if self.store is None:
            return
        target = self.dialogs.ask_save_file(self, "Export the practice settings",
                                            Path.home() / "consultapp-settings.toml", "Practice settings (*.toml)")
        if target is None:
            return
        try:
            text = current_settings_text(self.store)
            write_private(Path(target), text.encode("utf-8"))
        except OSError as exc:
            self._say(error=f"Could not write {Path(target).name}: {exc.strerror or exc}.")
            return
        except Exception as exc:
            if shown(exc, lambda message: self._say(error=message), what="settings export") is None:
                raise
            return
        unsaved = " Changes on this page are not saved, so they are not in it." if self.is_dirty() else ""
        self._say(f"Settings written to {Path(target).name}.{unsaved}")

    def on_import_settings_clicked(self) -> None:
        """Read a settings file onto the stored practice, check it whole, keep it, and show it on the page."""
        if self.store is None:
            return
        if self.is_dirty() and not self.dialogs.confirm_discard(self, "The settings"):
            return
        path = self.dialogs.ask_open_file(self, "Import practice settings", "Practice settings (*.toml)")
        if path is None:
            return
        name = Path(path).name
        try:
            saved = keep_settings(self.store, read_settings_file(Path(path), self.store.get_practice()))
        except SettingsImportError as exc:
            self._say(error=f"{name} could not be read, so nothing was changed: {exc.reason}." if exc.unreadable else
                      f"{name} is not a valid settings file, so nothing was changed: {exc.reason}")
            return
        except Exception as exc:
            if shown(exc, lambda message: self._say(error=message), what="settings import") is None:
                raise
            return
        self.load(saved)
        self._say(f"Settings kept from {name}: {summary(saved)}.")
        self.imported.emit(saved)
