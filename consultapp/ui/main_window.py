"""The main window: wires the pages to the repository and decides where the user goes next."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from consultapp import __version__
from consultapp.domain.records import Client, Visit
from consultapp.services import care_plan_file_name
from consultapp.store.errors import classify
from consultapp.store.repository import Repository
from consultapp.ui.client_editor import ClientEditor
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.home import HomePage
from consultapp.ui.practice_editor import PracticeEditor
from consultapp.ui.visit_editor import VisitEditor

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Home (search and history), client editor and visit editor as pages of one window."""

    def __init__(self, repo: Repository, dialogs: Dialogs | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.dialogs = dialogs or Dialogs()
        self.current_client: Client | None = None
        self.setWindowTitle("ConsultApp")
        self.setObjectName("consultappMainWindow")

        self.home = HomePage()
        self.client_editor = ClientEditor()
        self.visit_editor = VisitEditor()
        self.practice_editor = PracticeEditor()
        self.pages = QStackedWidget()
        for page in (self.home, self.client_editor, self.visit_editor, self.practice_editor):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.db_label = QLabel(f"Database: {repo.db.display_name}")
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menu()

        self.home.search_changed.connect(self.on_home_search_changed)
        self.home.client_selected.connect(self.on_home_client_selected)
        self.home.new_client_requested.connect(self.on_new_client)
        self.home.edit_client_requested.connect(self.on_edit_client)
        self.home.new_visit_requested.connect(self.on_new_visit)
        self.home.open_visit_requested.connect(self.on_open_visit)
        self.client_editor.saved.connect(self.on_client_editor_saved)
        self.client_editor.cancelled.connect(self.show_home)
        self.visit_editor.save_requested.connect(self.on_visit_editor_save_requested)
        self.visit_editor.careplan_requested.connect(self.on_visit_editor_careplan_requested)
        self.visit_editor.back_requested.connect(self.on_visit_editor_back_requested)
        self.practice_editor.saved.connect(self.on_practice_editor_saved)
        self.practice_editor.cancelled.connect(self.show_home)

        self.resize(1280, 760)
        self.apply_settings()
        self.refresh_clients()
        self.show_home()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.action_new_client = QAction("&New client", self, shortcut=QKeySequence("Ctrl+Shift+N"))
        self.action_new_client.triggered.connect(self.on_new_client)
        self.action_new_visit = QAction("New &visit", self, shortcut=QKeySequence("Ctrl+N"))
        self.action_new_visit.triggered.connect(self.on_new_visit)
        self.action_find = QAction("&Find client", self, shortcut=QKeySequence.StandardKey.Find)
        self.action_find.triggered.connect(self.on_find)
        self.action_practice = QAction("&Practice details…", self)
        self.action_practice.triggered.connect(self.on_practice)
        self.action_quit = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        self.action_quit.triggered.connect(self.close)
        for action in (self.action_new_client, self.action_new_visit, self.action_find, self.action_practice):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        self.action_save = QAction("&Save", self, shortcut=QKeySequence.StandardKey.Save)
        self.action_save.triggered.connect(self.on_save_shortcut)
        self.addAction(self.action_save)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"ConsultApp {__version__}", self)
        about.setEnabled(False)
        help_menu.addAction(about)

    # -- helpers ----------------------------------------------------------------------------------
    def apply_settings(self) -> None:
        """Give the pages the practice's units and thresholds."""
        settings = self.repo.get_practice().settings
        self.client_editor.set_weight_unit(settings.weight_unit)
        self.visit_editor.settings = settings

    def _report(self, exc: Exception) -> bool:
        """Show a store problem the user can act on; return False for bugs (re-raised by caller)."""
        known = classify(exc)
        if known is None:
            return False
        self.dialogs.error(self, str(known))
        return True

    def refresh_clients(self, select: uuid.UUID | None = None) -> None:
        self.home.set_clients(self.repo.search_clients(self.home.search.text()), select=select)

    def show_home(self) -> None:
        self.pages.setCurrentWidget(self.home)
        self.home.search.setFocus()

    def _leave_visit_editor_ok(self) -> bool:
        if self.pages.currentWidget() is self.visit_editor and self.visit_editor.is_dirty():
            return self.dialogs.confirm_discard(self, "This visit")
        return True

    # -- home -------------------------------------------------------------------------------------
    def on_home_search_changed(self, text: str) -> None:
        self.refresh_clients()

    def on_home_client_selected(self, client_id: uuid.UUID | None) -> None:
        if client_id is None:
            self.current_client = None
            self.home.show_client(None, [])
            return
        try:
            self.current_client = self.repo.get_client(client_id)
            visits = self.repo.visits_for_client(client_id)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.home.show_client(self.current_client, visits)

    def on_find(self) -> None:
        if self._leave_visit_editor_ok():
            self.show_home()
            self.home.search.selectAll()

    def on_new_client(self) -> None:
        if not self._leave_visit_editor_ok():
            return
        self.client_editor.load(None)
        self.pages.setCurrentWidget(self.client_editor)
        self.client_editor.given_name.setFocus()

    def on_edit_client(self) -> None:
        if self.current_client is None:
            return
        self.client_editor.load(self.current_client)
        self.pages.setCurrentWidget(self.client_editor)
        self.client_editor.given_name.setFocus()

    def on_new_visit(self) -> None:
        if self.current_client is None or not self._leave_visit_editor_ok():
            return
        self.visit_editor.load(self.current_client, None)
        self.pages.setCurrentWidget(self.visit_editor)
        self.visit_editor.visit_date.setFocus()

    def on_open_visit(self, visit_id: uuid.UUID) -> None:
        try:
            visit = self.repo.get_visit(visit_id)
            client = self.repo.get_client(visit.client_id)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.current_client = client
        self.visit_editor.load(client, visit)
        self.pages.setCurrentWidget(self.visit_editor)
        self.visit_editor.visit_date.setFocus()

    # -- client editor ----------------------------------------------------------------------------
    def on_client_editor_saved(self, client: Client) -> None:
        try:
            saved = self.repo.save_client(client)
        except Exception as exc:
            if not self._report(exc):
                raise
            return  # the form keeps what was typed
        self.client_editor.mark_saved(saved)
        self.home.search.blockSignals(True)
        self.home.search.clear()
        self.home.search.blockSignals(False)
        self.refresh_clients(select=saved.id)
        self.show_home()
        self.statusBar().showMessage("Client saved.", 4000)

    # -- visit editor -----------------------------------------------------------------------------
    def _save_visit(self, visit: Visit) -> Visit | None:
        try:
            saved = self.repo.save_visit(visit)
        except Exception as exc:
            if not self._report(exc):
                raise
            self.visit_editor.show_error("Not saved. Your entries are still here.")
            return None
        self.visit_editor.mark_saved(saved)
        return saved

    def on_visit_editor_save_requested(self, visit: Visit) -> None:
        if self._save_visit(visit) is not None:
            self.statusBar().showMessage("Visit saved.", 4000)

    def on_visit_editor_careplan_requested(self, visit: Visit) -> None:
        saved = self._save_visit(visit)
        if saved is None or saved.id is None:
            return
        client = self.visit_editor.client
        suggested = _documents_folder() / care_plan_file_name(saved.visit_date, client.family_name if client else "")
        target = self.dialogs.ask_save_pdf(self, "Save care plan", suggested)
        if target is None:
            return
        from consultapp.services import render_care_plan

        try:
            data = render_care_plan(self.repo, saved.id)
            target.write_bytes(data)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.visit_editor.status.setText(f"Care plan saved to {target.name}.")
        self.dialogs.open_file(target)

    def on_visit_editor_back_requested(self) -> None:
        if not self._leave_visit_editor_ok():
            return
        selected = self.current_client.id if self.current_client else None
        self.refresh_clients(select=selected)
        self.show_home()

    def on_save_shortcut(self) -> None:
        page = self.pages.currentWidget()
        if page is self.visit_editor:
            self.visit_editor.on_save_clicked()
        elif page is self.client_editor:
            self.client_editor.on_save_clicked()
        elif page is self.practice_editor:
            self.practice_editor.on_save_clicked()

    # -- practice ---------------------------------------------------------------------------------
    def on_practice(self) -> None:
        if not self._leave_visit_editor_ok():
            return
        self.practice_editor.load(self.repo.get_practice())
        self.pages.setCurrentWidget(self.practice_editor)
        self.practice_editor.name.setFocus()

    def on_practice_editor_saved(self, practice: object) -> None:
        try:
            self.repo.save_practice(practice)  # type: ignore[arg-type]
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.apply_settings()
        self.show_home()
        self.statusBar().showMessage("Practice details saved.", 4000)

    # -- Qt overrides -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._leave_visit_editor_ok():
            event.accept()
        else:
            event.ignore()


def _documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
