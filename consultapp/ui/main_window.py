"""The main window: pages (home, client, visit, history, settings, preview), menus, and where the user goes next."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QStackedWidget, QVBoxLayout, QWidget

from consultapp import __version__
from consultapp.store.errors import NotFoundError, classify
from consultapp.ui.dates import format_date
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.drafts import DRAFT_INTERVAL_MS
from consultapp.ui.home import HomePage
from consultapp.ui.practice.banner import ConnectionBanner
from consultapp.ui.tasks import Pool, Progress, TaskSignals, default_pool, start_task
from consultapp.ui.ui_settings import UiSettings

if TYPE_CHECKING:  # the store loads after the window shows (attach); pages are built on first use
    import uuid

    from consultapp.domain.records import Client, ClientSummary, Consultant, Practice
    from consultapp.store.facade import Store as RecordsStore
    from consultapp.store.facade import Store as Repository
    from consultapp.ui.client_editor import ClientEditor
    from consultapp.ui.documents_flow import DocumentActions, Shown
    from consultapp.ui.history import HistoryPage
    from consultapp.ui.pdf_preview import PdfPreviewPage
    from consultapp.ui.practice.conflict import ConflictQuestions
    from consultapp.ui.practice.consultants import ConsultantsPage
    from consultapp.ui.practice.server import ServerConnection, ServerQuestions
    from consultapp.ui.settings_page import SettingsPage
    from consultapp.ui.visit.editor import VisitEditor
    from consultapp.ui.visit_flow import VisitFlow

log = logging.getLogger(__name__)
CLIENT_PAGE = 100
"""Clients listed at a time; the next page loads as she scrolls to the end of the list."""
READ_ONLY_TIP = "Your login may only read records (reviewer)."


def where_label(db: object) -> str:
    """The database in words, never with a password: "File: …" or "Server: user@host:port/db"."""
    if getattr(db, "is_sqlite", True):
        return f"File: {getattr(db, 'display_name', '')}"
    url = db.url  # type: ignore[attr-defined]
    user = f"{url.username}@" if url.username else ""
    port = f":{url.port}" if url.port else ""
    return f"Server: {user}{url.host or 'localhost'}{port}/{url.database or ''}"


class MainWindow(QMainWindow):
    """Wires the pages to the store. Modal questions go through ``dialogs``; long work through ``pool``."""

    def __init__(
        self,
        repo: Repository | None = None,
        dialogs: Dialogs | None = None,
        parent: QWidget | None = None,
        *,
        ui_settings: UiSettings | None = None,
        pool: Pool | None = None,
        draft_interval_ms: int = DRAFT_INTERVAL_MS,
        conflicts: ConflictQuestions | None = None,
        retry_interval_ms: int = 5000,
        servers: ServerQuestions | None = None,
    ) -> None:
        super().__init__(parent)
        self.servers = servers
        self.conflicts = conflicts
        self._retry_interval_ms = retry_interval_ms
        self.repo: Repository = None  # type: ignore[assignment]  # set by attach()
        self.records: RecordsStore = None  # type: ignore[assignment]
        self._draft_interval_ms = draft_interval_ms
        self.dialogs = dialogs or Dialogs()
        self.ui_settings = ui_settings
        self.pool = pool or default_pool()
        self.current_client: Client | None = None
        self._typing = False  # the list is being refreshed for what she typed
        self.consultant: Consultant | None = None
        self.read_only = False
        self._practice: Practice | None = None  # the practice's details, read on attach(); see ``practice``
        self.shown: Shown | None = None
        self._return_to: QWidget | None = None
        self.tasks: list[TaskSignals] = []
        self.setWindowTitle("ConsultApp")
        self.setObjectName("consultappMainWindow")

        self.home = HomePage()
        # The other pages are built on first use (see the properties below): a cold start builds one page.
        self._client_editor: ClientEditor | None = None
        self._visit_editor: VisitEditor | None = None
        self._visit_flow: VisitFlow | None = None
        self._history_page: HistoryPage | None = None
        self._settings_page: SettingsPage | None = None
        self._preview_page: PdfPreviewPage | None = None
        self._consultants_page: ConsultantsPage | None = None
        self.documents: DocumentActions | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)
        self.banner = ConnectionBanner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.db_label = QLabel("Opening the database…")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setAccessibleName("Progress")
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menu()

        self.resize(1280, 760)
        if ui_settings is not None and ui_settings.window_geometry is not None:
            self.restoreGeometry(ui_settings.window_geometry)
        self._set_store_actions_enabled(False)
        self.show_home()
        if repo is not None:
            self.attach(repo)

    @property
    def practice(self) -> Practice:
        """The practice's details and settings (defaults until the store is attached)."""
        if self._practice is None:
            from consultapp.domain.records import Practice  # noqa: PLC0415 - kept off the start-up path

            self._practice = Practice()
        return self._practice

    @practice.setter
    def practice(self, value: Practice) -> None:
        self._practice = value

    def attach(self, repo: Repository) -> None:
        """Work on ``repo``. Until then the window shows and the search box takes typing."""
        from consultapp.store.facade import Store as RecordsStore
        from consultapp.ui.documents_flow import DocumentActions

        first = self.repo is None
        self.repo = repo
        self.records = RecordsStore(repo.db)
        self.documents = DocumentActions(repo, self.records, self.dialogs)
        if self._visit_flow is not None:
            self._visit_flow.use_store(repo, self.records, self.documents)
        if first:
            self._connect()
        self.consultant = self._who_is_working()
        # Every record written and every audit entry names who is working: the signed-in consultant,
        # or on a one-person laptop the practice's consultant.
        repo.db.set_user(self.consultant.signature if self.consultant is not None else self._practice_signature())
        self.read_only = self.consultant is not None and not self.consultant.role.can_write
        who = self.consultant.signature if self.consultant is not None else "No consultant signed in"
        if self.read_only:
            who += " (reviewer: read only)"
        self.db_label.setText(f"{who}  ·  {where_label(repo.db)}")
        self.db_label.setToolTip("Who is working, and the database in use")
        self.apply_settings()
        self.refresh_clients()
        self.refresh_agenda()
        self._set_store_actions_enabled(True)
        self._apply_read_only()
        if first and repo.db.is_sqlite and self._remembered_server() is not None:
            QTimer.singleShot(0, self.offer_practice_server)  # then the drafts, if she stays on this file
        else:
            QTimer.singleShot(0, self.offer_drafts)

    # -- consultants (an administrator's page) ------------------------------------------------------
    @property
    def consultants_page(self) -> ConsultantsPage:
        if self._consultants_page is None:
            from consultapp.ui.practice.consultants import ConsultantsPage

            page = ConsultantsPage(self.repo.db)
            page.back_requested.connect(self.on_back_home)
            self._add_page(page)
            self._consultants_page = page
        return self._consultants_page

    def on_consultants(self) -> None:
        from consultapp.domain.records import Role

        if self.consultant is not None and self.consultant.role is not Role.ADMIN:
            self.statusBar().showMessage("Only an administrator manages the consultants.", 6000)
            return
        if not self._leave_ok():
            return
        page = self.consultants_page
        if page.db is not self.repo.db:
            page.set_db(self.repo.db)
        else:
            page.refresh()
        self.pages.setCurrentWidget(page)
        page.name.setFocus()

    # -- the practice server ------------------------------------------------------------------------
    def _server_questions(self) -> ServerQuestions:
        if self.servers is None:
            from consultapp.ui.practice.server import ServerQuestions

            self.servers = ServerQuestions()
        return self.servers

    def _remembered_server(self) -> ServerConnection | None:
        from consultapp.ui.practice.server import remembered

        return remembered(self.ui_settings)

    def offer_practice_server(self) -> None:
        """At start: the server used last time is offered (asking the password); cancel stays on this file."""
        if not self.on_open_server():
            self.offer_drafts()

    def on_open_server(self) -> bool:
        """Ask for the practice server and work on it; True when switched."""
        from consultapp.ui.practice.server import remember

        if not self._leave_ok():
            return False
        answer = self._server_questions().ask(self, self._remembered_server())
        if answer is None:
            return False
        connection, password = answer
        if self.ui_settings is not None:
            remember(self.ui_settings, connection)
        return self.switch_database(connection.url(password))

    def switch_database(self, target: str) -> bool:
        """Reopen the window on ``target`` (through ``attach``); the old database is closed. False: kept."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from consultapp.store.db import open_database
        from consultapp.store.facade import Store as Repository

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db = open_database(target, create=False)
        except Exception as exc:
            QApplication.restoreOverrideCursor()
            if not self._report(exc):
                raise
            return False
        QApplication.restoreOverrideCursor()
        old = self.repo
        self.current_client = None
        self.home.show_client(None, [])
        self.show_home()
        self.attach(Repository(db))
        self.statusBar().showMessage(f"Now working on {where_label(db)}.", 8000)
        if old is not None and old.db is not db:
            old.db.close()
        return True

    def _practice_signature(self) -> str:
        try:
            practice = self.repo.get_practice()
        except Exception as exc:
            if not self._report(exc):
                raise
            return ""
        name = practice.consultant_name.strip()
        return f"{name}, {practice.credentials.strip()}" if name and practice.credentials.strip() else name

    def _who_is_working(self) -> Consultant | None:
        from consultapp.store import users

        try:
            return users.current_consultant(self.repo.db)
        except Exception as exc:
            if not self._report(exc):
                raise
            return None

    def _apply_read_only(self) -> None:
        """A reviewer reads: every button and shortcut that writes is off, saying why."""
        if not self.read_only:
            return
        writers: list[QWidget | QAction] = [self.action_new_client, self.action_new_visit, self.action_save,
                                            self.home.new_client_button, self.home.new_visit_button,
                                            self.home.edit_client_button]
        for page_attr in ("_visit_editor", "_client_editor", "_settings_page"):
            page = getattr(self, page_attr)
            if page is not None:
                writers.append(page.save_button)
        for widget in writers:
            widget.setEnabled(False)
            widget.setToolTip(READ_ONLY_TIP)

    def _set_store_actions_enabled(self, enabled: bool) -> None:
        self.menuBar().setEnabled(enabled)
        for action in self.actions():
            if action is not self.action_quit:
                action.setEnabled(enabled)
        self.home.new_client_button.setEnabled(enabled)

    # -- construction -------------------------------------------------------------------------------
    def _action(self, text: str, keys: str | QKeySequence.StandardKey | None, slot: object) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.action_new_client = self._action("&New client", "Ctrl+Shift+N", self.on_new_client)
        self.action_new_visit = self._action("New &visit", "Ctrl+N", self.on_new_visit)
        self.action_find = self._action("&Find client", QKeySequence.StandardKey.Find, self.on_find)
        self.action_history = self._action("&History and charts", "Ctrl+H", self.on_history)
        self.action_settings = self._action("&Settings…", "Ctrl+,", self.on_settings)
        self.action_open_server = self._action("Open practice se&rver…", None, self.on_open_server)
        self.action_consultants = self._action("&Consultants…", None, self.on_consultants)
        self.action_quit = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        for action in (self.action_new_client, self.action_new_visit, self.action_find, self.action_history,
                       self.action_settings, self.action_open_server, self.action_consultants):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        visit_menu = self.menuBar().addMenu("&Visit")
        self.action_save = self._action("&Save", QKeySequence.StandardKey.Save, self.on_save_shortcut)
        self.action_preview = self._action("Pre&view care plan", "Ctrl+Shift+P", self.on_preview_shortcut)
        self.action_print = self._action("&Print…", QKeySequence.StandardKey.Print, self.on_print_shortcut)
        for action in (self.action_save, self.action_preview, self.action_print):
            visit_menu.addAction(action)
        from consultapp.ui.letters.actions import open_handouts, open_letter, open_superbill

        self.action_letter = self._action("&Letter to doctor…", None, lambda: open_letter(self))
        self.action_superbill = self._action("Su&perbill…", None, lambda: open_superbill(self))
        self.action_handouts = self._action("&Handouts…", "Ctrl+Shift+H", lambda: open_handouts(self))
        visit_menu.addActions([self.action_letter, self.action_superbill])
        file_menu.insertAction(self.action_settings, self.action_handouts)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"ConsultApp {__version__}", self)
        about.setEnabled(False)
        help_menu.addAction(about)

    def _connect(self) -> None:
        self.home.search_changed.connect(self.on_home_search_changed)
        self.home.client_selected.connect(self.on_home_client_selected)
        self.home.new_client_requested.connect(self.on_new_client)
        self.home.edit_client_requested.connect(self.on_edit_client)
        self.home.new_visit_requested.connect(self.on_new_visit)
        self.home.history_requested.connect(self.on_history)
        self.home.open_visit_requested.connect(self.on_open_visit)

    # -- pages, built on first use ------------------------------------------------------------------
    def _add_page(self, page: QWidget) -> None:
        self.pages.addWidget(page)

    @property
    def client_editor(self) -> ClientEditor:
        if self._client_editor is None:
            from consultapp.ui.client_editor import ClientEditor

            page = ClientEditor()
            page.saved.connect(self.on_client_editor_saved)
            page.cancelled.connect(self.on_back_home)
            page.set_weight_unit(self.practice.settings.weight_unit)
            self._add_page(page)
            self._client_editor = page
            self._apply_read_only()
        return self._client_editor

    @property
    def visit_editor(self) -> VisitEditor:
        if self._visit_editor is None:
            from consultapp.ui.visit.editor import VisitEditor

            page = VisitEditor()
            page.back_requested.connect(self.on_visit_editor_back_requested)
            page.plan.letter_button.clicked.connect(self.action_letter.trigger)
            page.plan.superbill_button.clicked.connect(self.action_superbill.trigger)
            self._add_page(page)
            self._visit_editor = page
            self._apply_read_only()
        return self._visit_editor

    @property
    def visit_flow(self) -> VisitFlow:
        """What happens around the visit editor; needs the store (``attach``)."""
        if self._visit_flow is None:
            from consultapp.ui.visit_flow import VisitFlow

            assert self.repo is not None and self.documents is not None, "the store is not attached yet"
            flow = VisitFlow(self.repo, self.records, self.dialogs, self.visit_editor, self.documents,
                             self._report, self.author, self._draft_interval_ms, self, conflicts=self.conflicts,
                             retry_interval_ms=self._retry_interval_ms)
            flow.banner.connect(self.banner.set_text)
            flow.preview.connect(self.show_preview)
            flow.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
            flow.saved.connect(lambda _v: self.refresh_agenda())
            self._visit_flow = flow
        return self._visit_flow

    @property
    def history_page(self) -> HistoryPage:
        if self._history_page is None:
            from consultapp.ui.history import HistoryPage

            page = HistoryPage()
            page.back_requested.connect(self.on_back_home)
            page.open_visit_requested.connect(self.on_open_visit)
            page.open_document_requested.connect(self.on_open_document)
            page.export_requested.connect(self.on_export_care_plans)
            self._add_page(page)
            self._history_page = page
        return self._history_page

    @property
    def settings_page(self) -> SettingsPage:
        if self._settings_page is None:
            from consultapp.ui.settings_page import SettingsPage

            page = SettingsPage()
            page.saved.connect(self.on_settings_saved)
            page.attach(self.records, self.dialogs)
            page.cancelled.connect(self.on_back_home)
            self._add_page(page)
            self._settings_page = page
            self._apply_read_only()
        return self._settings_page

    @property
    def preview_page(self) -> PdfPreviewPage:
        if self._preview_page is None:
            from consultapp.ui.pdf_preview import PdfPreviewPage

            page = PdfPreviewPage()
            page.back_requested.connect(self.on_preview_back)
            page.print_requested.connect(self.on_preview_print)
            page.save_requested.connect(self.on_preview_save)
            self._add_page(page)
            self._preview_page = page
        return self._preview_page

    # -- helpers ------------------------------------------------------------------------------------
    def author(self) -> str:
        if self.consultant is not None:
            return self.consultant.signature
        return self.practice.consultant_name.strip() or "Consultant"

    def apply_settings(self) -> None:
        """Give the pages the practice's units and thresholds."""
        try:
            self.practice = self.repo.get_practice()
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        if self._client_editor is not None:
            self._client_editor.set_weight_unit(self.practice.settings.weight_unit)

    def _report(self, exc: Exception) -> bool:
        """Show a store problem the user can act on, once; False for bugs (the caller re-raises)."""
        known = classify(exc)
        if known is None:
            return False
        self.dialogs.error(self, str(known))
        return True

    def refresh_clients(self, select: uuid.UUID | None = None, *, typed: bool = False) -> None:
        """List the clients found for the search box's text. With ``select`` (the list refreshed in place,
        e.g. after a save), as many rows as were shown are listed again, so she stays in the list.
        ``typed``: she changed the search; a client who stays first keeps the record already shown."""
        query = self.home.search.text()
        extent = max(CLIENT_PAGE, self.home.clients.rowCount()) if select is not None else CLIENT_PAGE

        def page(after: ClientSummary | None, size: int) -> tuple[list[ClientSummary], bool]:
            """Clients after ``after``, and whether more follow (one row more is asked for, to know)."""
            rows = self.repo.search_clients(query, limit=size + 1, after=after.id if after else None)
            return rows[:size], len(rows) > size

        def next_page(after: ClientSummary) -> tuple[list[ClientSummary], bool] | None:
            try:
                return page(after, CLIENT_PAGE)
            except Exception as exc:  # told after the view's paging is done (no dialog inside fetchMore)
                def tell(problem: Exception = exc) -> None:
                    if not self._report(problem):
                        raise problem

                QTimer.singleShot(0, tell)
                return None

        try:
            rows, more = page(None, extent)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self._typing = typed
        try:
            self.home.set_clients(rows, select=select, more=next_page if more else None)
        finally:
            self._typing = False

    def refresh_agenda(self) -> None:
        today = dt.date.today()
        try:
            self.home.set_agenda(self.records.visits_on(today), self.records.overdue_follow_ups(today))
        except Exception as exc:
            if not self._report(exc):
                raise

    def show_home(self) -> None:
        self.pages.setCurrentWidget(self.home)
        self.home.search.setFocus()

    def _leave_ok(self) -> bool:
        """Ask before unsaved changes on the current page are left behind."""
        page = self.pages.currentWidget()
        visit_editor, client_editor, settings_page = self._visit_editor, self._client_editor, self._settings_page
        if visit_editor is not None and page is visit_editor and visit_editor.ctx is not None:
            if visit_editor.is_dirty() and not self.dialogs.confirm_discard(self, "This visit"):
                return False
            if self._visit_flow is not None:
                self._visit_flow.leave()
        elif client_editor is not None and page is client_editor and client_editor.is_dirty():
            return self.dialogs.confirm_discard(self, "This client")
        elif settings_page is not None and page is settings_page and settings_page.is_dirty():
            return self.dialogs.confirm_discard(self, "The settings")
        return True

    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        if page is self._visit_editor:
            self.visit_editor.show_section(0, focus=True)
        else:
            page.setFocus()

    # -- drafts -------------------------------------------------------------------------------------
    def offer_drafts(self) -> None:
        """Offer back the visits that were being typed when the app last stopped without saving."""
        try:
            drafts = self.records.drafts()
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        for draft in drafts:
            try:
                client = self.repo.get_client(draft.client_id)
                stored = self.repo.get_visit(draft.visit_id) if draft.visit_id else None
            except NotFoundError:
                self.records.discard_draft(draft.key)
                continue
            saved_at = draft.saved_at.astimezone() if draft.saved_at.tzinfo else draft.saved_at
            description = (f"A visit of {client.full_name} dated {format_date(draft.visit.visit_date)}, "
                           f"last typed {format_date(saved_at.date())} at {saved_at:%H:%M}.")
            answer = self.dialogs.ask_restore_draft(self, description)
            if answer == "discard":
                self.records.discard_draft(draft.key)
            elif answer == "restore":
                self.current_client = client
                self.visit_flow.restore(client, draft.key, draft.visit, stored, draft.unparsed)
                self._show_page(self.visit_editor)
                self.statusBar().showMessage("Unsaved visit restored. Save it when you are ready.", 8000)
                return

    # -- home ---------------------------------------------------------------------------------------
    def on_home_search_changed(self, _text: str) -> None:
        self.refresh_clients(typed=True)

    def on_home_client_selected(self, client_id: uuid.UUID | None) -> None:
        if client_id is None:
            self.current_client = None
            self.home.show_client(None, [])
            return
        if self._typing and self.current_client is not None and client_id == self.current_client.id:
            return  # she typed and the client shown is still first: her record stands (a keystroke is a frame)
        try:
            self.current_client = self.repo.get_client(client_id)
            visits = self.repo.visits_for_client(client_id)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.home.show_client(self.current_client, visits)
        self._apply_read_only()

    def on_back_home(self) -> None:
        if not self._leave_ok():
            return
        self.refresh_clients(select=self.current_client.id if self.current_client else None)
        self.refresh_agenda()
        self.show_home()

    def on_find(self) -> None:
        if self.pages.currentWidget() is self.home or self._leave_ok():
            self.show_home()
            self.home.search.selectAll()

    def on_new_client(self) -> None:
        if self.read_only or not self._leave_ok():
            return
        self.client_editor.load(None)
        self.pages.setCurrentWidget(self.client_editor)
        self.client_editor.given_name.setFocus()

    def on_edit_client(self) -> None:
        if self.current_client is None or not self._leave_ok():
            return
        self.client_editor.load(self.current_client)
        self.pages.setCurrentWidget(self.client_editor)
        self.client_editor.given_name.setFocus()

    def on_new_visit(self) -> None:
        if self.read_only or self.current_client is None or not self._leave_ok():
            return
        try:
            self.visit_flow.open(self.current_client, None)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self._show_page(self.visit_editor)

    def on_open_visit(self, visit_id: uuid.UUID) -> None:
        if not self._leave_ok():
            return
        try:
            visit = self.repo.get_visit(visit_id)
            client = self.repo.get_client(visit.client_id)
            self.visit_flow.open(client, visit)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.current_client = client
        self._show_page(self.visit_editor)

    # -- client editor ------------------------------------------------------------------------------
    def on_client_editor_saved(self, client: Client) -> None:
        try:
            saved = self.repo.save_client(client)
        except Exception as exc:
            if not self._report(exc):
                raise
            return  # the form keeps what was typed
        self.client_editor.mark_saved(saved)
        self.current_client = saved
        self.home.search.blockSignals(True)
        self.home.search.clear()
        self.home.search.blockSignals(False)
        self.refresh_clients(select=saved.id)
        self.show_home()
        self.statusBar().showMessage("Client saved.", 4000)

    # -- visit editor -------------------------------------------------------------------------------
    def on_visit_editor_back_requested(self) -> None:
        self.on_back_home()

    def on_save_shortcut(self) -> None:
        page = self.pages.currentWidget()
        if page is self.home:
            return
        if page is self._visit_editor:
            self.visit_editor.on_save_clicked()
        elif page is self._client_editor:
            self.client_editor.on_save_clicked()
        elif page is self._settings_page:
            self.settings_page.on_save_clicked()
        elif page is self._preview_page:
            self.on_preview_save()

    def on_preview_shortcut(self) -> None:
        if self._visit_editor is not None and self.pages.currentWidget() is self._visit_editor:
            self.visit_editor.plan.preview_button.click()

    def on_print_shortcut(self) -> None:
        page = self.pages.currentWidget()
        if page is self.home:
            return
        if page is self._visit_editor:
            self.visit_editor.plan.print_button.click()
        elif page is self._preview_page:
            self.on_preview_print()

    # -- preview ------------------------------------------------------------------------------------
    def show_preview(self, shown: Shown, note: str = "") -> None:
        self._return_to = self.pages.currentWidget()
        self.shown = shown
        self.preview_page.show_pdf(shown.title, shown.data, note)
        self._show_page(self.preview_page)

    def on_preview_back(self) -> None:
        self.pages.setCurrentWidget(self._return_to or self.home)
        (self._return_to or self.home).setFocus()

    def on_preview_print(self) -> None:
        if self.shown is not None:
            self.visit_flow.print_shown(self.shown)

    def on_preview_save(self) -> None:
        if self.shown is not None:
            self.visit_flow.save_shown(self.shown)

    # -- history ------------------------------------------------------------------------------------
    def on_history(self) -> None:
        if self.current_client is None or self.current_client.id is None or not self._leave_ok():
            return
        from consultapp.ui.history_data import load_history

        try:
            client = self.repo.get_client(self.current_client.id)
            history = load_history(self.repo, self.records, client, self.practice.settings)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.history_page.show_history(history, self.practice.settings.weight_unit)
        self._show_page(self.history_page)

    def on_open_document(self, document: object) -> None:
        from consultapp.domain.records import IssuedDocument
        from consultapp.ui.documents_flow import Shown

        assert isinstance(document, IssuedDocument)
        try:
            data = self.records.document_content(document.id)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        issued_at = document.issued_at.astimezone() if document.issued_at.tzinfo else document.issued_at
        self.show_preview(
            Shown(document.title, data, document.filename, document.visit_id, document),
            f"Exactly as issued on {format_date(issued_at.date())} at {issued_at:%H:%M} by {document.issued_by}.",
        )

    def on_export_care_plans(self) -> None:
        from consultapp.ui.batch import care_plans_to_folder
        from consultapp.ui.documents_flow import documents_folder

        client = self.current_client
        if client is None or client.id is None:
            return
        suggested = Path(self.ui_settings.export_folder) if self.ui_settings and self.ui_settings.export_folder \
            else documents_folder()
        folder = self.dialogs.ask_folder(self, "Save all care plans into", suggested)
        if folder is None:
            return
        if self.ui_settings is not None:
            self.ui_settings.export_folder = str(folder)
        visits = self.repo.visits_for_client(client.id)
        signals = TaskSignals(self)
        self.tasks.append(signals)
        signals.progress.connect(self.on_task_progress)
        signals.finished.connect(lambda files: self.on_task_finished(signals, f"Saved {len(files)} care plans."))
        signals.failed.connect(lambda exc: self.on_task_failed(signals, exc))
        self.history_page.export_button.setEnabled(False)
        self.progress.setRange(0, max(1, len(visits)))
        self.progress.setValue(0)
        self.progress.show()
        start_task(self.pool, lambda: care_plans_to_folder(self.repo, visits, client.family_name, folder), signals)

    def on_task_progress(self, progress: Progress) -> None:
        self.progress.setRange(0, max(1, progress.total))
        self.progress.setValue(progress.done)
        self.progress.setFormat(f"{progress.text} %p%")
        self.statusBar().showMessage(progress.text)

    def on_task_finished(self, signals: TaskSignals, message: str) -> None:
        self.progress.hide()
        self.history_page.export_button.setEnabled(True)
        self.statusBar().showMessage(message, 8000)
        if signals in self.tasks:
            self.tasks.remove(signals)

    def on_task_failed(self, signals: TaskSignals, exc: Exception) -> None:
        self.progress.hide()
        self.history_page.export_button.setEnabled(True)
        if signals in self.tasks:
            self.tasks.remove(signals)
        if not self._report(exc):
            raise exc

    # -- settings -----------------------------------------------------------------------------------
    def on_settings(self) -> None:
        if not self._leave_ok():
            return
        try:
            self.settings_page.load(self.repo.get_practice())
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.pages.setCurrentWidget(self.settings_page)
        self.settings_page.name.setFocus()

    def on_settings_saved(self, practice: Practice) -> None:
        try:
            saved = self.repo.save_practice(practice)
        except Exception as exc:
            if not self._report(exc):
                raise
            return
        self.settings_page.mark_saved(saved)
        self.apply_settings()
        self.show_home()
        self.statusBar().showMessage("Settings saved.", 4000)

    # -- Qt overrides -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._leave_ok():
            event.ignore()
            return
        if self.ui_settings is not None:
            self.ui_settings.window_geometry = self.saveGeometry()
            self.ui_settings.sync()
        event.accept()



