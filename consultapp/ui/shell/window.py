"""The main window: it builds the pages, the menus and the status bar, and wires them to the parts that act
(clients, documents, the practice, the database in use, letters), each given what it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget

from consultapp.ui.dialogs import Dialogs
from consultapp.ui.drafts import DRAFT_INTERVAL_MS
from consultapp.ui.home import HomePage
from consultapp.ui.letters.controller import LetterActions
from consultapp.ui.practice.banner import ConnectionBanner
from consultapp.ui.report import Reporter
from consultapp.ui.shell.clients import ClientsFlow
from consultapp.ui.shell.database import (
    DatabaseSwitch,
    practice_signature,
    solo_unnamed,
    where_label,
    who_is_working,
)
from consultapp.ui.shell.documents import DocumentsFlow
from consultapp.ui.shell.drafts_offer import offer_drafts
from consultapp.ui.shell.focus import FocusBack
from consultapp.ui.shell.help import HelpWindows, help_actions
from consultapp.ui.shell.menus import Menus, MenuSlots, disable_writers
from consultapp.ui.shell.offline import OfflineSync, assignable
from consultapp.ui.shell.pages import Pages
from consultapp.ui.shell.practice import PracticeFlow
from consultapp.ui.shell.work import Work
from consultapp.ui.tasks import Pool, StatusProgress, default_pool
from consultapp.ui.ui_settings import UiSettings

if TYPE_CHECKING:  # the store loads after the window shows (attach); pages are built on first use
    from collections.abc import Sequence

    from PySide6.QtGui import QAction

    from consultapp.domain.records import Client, ClientSummary, Consultant, Draft, Practice, Visit
    from consultapp.store.facade import Store
    from consultapp.store.first_page import FirstPageRow
    from consultapp.ui.client_editor import ClientEditor
    from consultapp.ui.documents_flow import DocumentActions, Shown
    from consultapp.ui.history import HistoryPage
    from consultapp.ui.pdf_preview import PdfPreviewPage
    from consultapp.ui.practice.conflict import ConflictQuestions
    from consultapp.ui.practice.consultants import ConsultantsPage
    from consultapp.ui.practice.server import ServerQuestions
    from consultapp.ui.settings.page import SettingsPage
    from consultapp.ui.visit.editor import VisitEditor
    from consultapp.ui.visit_flow import VisitFlow


class MainWindow(QMainWindow):
    """Wires the pages to the store. Modal questions go through ``dialogs``; long work through ``pool``;
    the user's problems through one ``report``."""

    def __init__(
        self,
        store: Store | None = None,
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
        self._started = False  # what the first frame does not show is set up (finish_start)
        self.conflicts = conflicts
        self._retry_interval_ms = retry_interval_ms
        self._draft_interval_ms = draft_interval_ms
        self.dialogs = dialogs or Dialogs()
        self.report = Reporter(self.dialogs.error, self)
        self.ui_settings = ui_settings
        self.pool = pool or default_pool()
        self.work = Work()
        self.document_actions: DocumentActions | None = None
        self.letters: LetterActions | None = None
        self.document_window: QDialog | None = None  # the letter, superbill or handouts window open
        self._visit_flow: VisitFlow | None = None
        self.setWindowTitle("ConsultApp")
        self.setObjectName("consultappMainWindow")

        self.home = HomePage()
        self.pages = Pages(self.home, self.dialogs, self._leave_visit, lambda: self.store.db)
        self.pages.page_built.connect(self._wire_page)
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
        self.offline_label = QLabel()  # (before the database: a long file name is what gets cut off)
        self.offline_label.setAccessibleName("Local copy")
        self.statusBar().addPermanentWidget(self.offline_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_parts(servers)
        self.focus_back = FocusBack(self)

        self.resize(1280, 760)
        if ui_settings is not None and ui_settings.window_geometry is not None:
            self.restoreGeometry(ui_settings.window_geometry)
        self.menus.set_store_actions_enabled(False)
        self.home.new_client_button.setEnabled(False)
        self.show_home()
        if store is not None:
            self.attach(store)

    def _build_parts(self, servers: ServerQuestions | None) -> None:
        """The parts that act, each given what it needs, and the menus that reach them."""
        say = self.say
        self.clients = ClientsFlow(self.work, self.pages, self.report, say, lambda: self.visit_flow,
                                   self._apply_read_only,
                                   confirm=lambda title, question: self.dialogs.confirm(self, title, question))
        self.documents = DocumentsFlow(self.work, self.pages, self.report, self.dialogs, self.ui_settings,
                                       self.pool, lambda: self.visit_flow, self.progress, self.statusBar())
        self.practice_flow = PracticeFlow(self.work, self.pages, self.report, say)
        self.database = DatabaseSwitch(self, self.report, self.ui_settings, servers, leave_ok=self.pages.leave_ok,
                                       current=lambda: self.work.attached, attach=self._work_on, say=say)
        self.menus = Menus(self, MenuSlots(
            new_client=self.clients.on_new_client, new_visit=self.clients.on_new_visit, find=self.clients.on_find,
            history=self.documents.on_history, settings=self.practice_flow.on_settings,
            open_server=self.database.on_open_server, consultants=self.practice_flow.on_consultants,
            quit=self.close, save=self.pages.on_save_shortcut, preview=self.pages.on_preview_shortcut,
            print=self.pages.on_print_shortcut, letter=lambda: self._letters().open_letter(),
            superbill=lambda: self._letters().open_superbill(), handouts=lambda: self._letters().open_handouts(),
        ))
        self.offline = OfflineSync(self.offline_label, self.pool, refreshed=self._after_sync,
                                   tell=lambda text: self.dialogs.error(self, text), wiped=self._copy_wiped)
        self.help = HelpWindows(self, self._data_folder)
        self.action_guide, self.action_shortcuts, self.action_about = help_actions(self, self.menus.help_menu,
                                                                                   self.help)
        m = self.menus
        self.action_new_client, self.action_new_visit, self.action_find = m.new_client, m.new_visit, m.find
        self.action_history, self.action_settings, self.action_quit = m.history, m.settings, m.quit
        self.action_open_server, self.action_consultants = m.open_server, m.consultants
        self.action_save, self.action_preview, self.action_print = m.save, m.preview, m.print
        self.action_letter, self.action_superbill, self.action_handouts = m.letter, m.superbill, m.handouts
        # What tests, the security controller and the start-up call on the window:
        self.refresh_clients, self.refresh_agenda = self.clients.refresh_clients, self.clients.refresh_agenda
        self.on_back_home = self.clients.on_back_home
        self.on_home_client_selected = self.clients.on_home_client_selected
        self.on_new_client, self.on_edit_client = self.clients.on_new_client, self.clients.on_edit_client
        self.on_new_visit, self.on_open_visit = self.clients.on_new_visit, self.clients.on_open_visit
        self.on_history, self.on_preview_back = self.documents.on_history, self.documents.on_preview_back
        self.show_preview, self.on_settings = self.documents.show_preview, self.practice_flow.on_settings
        self.switch_database, self.on_open_server = self.database.switch_database, self.database.on_open_server
        self.author = self.work.author

    # -- the database -------------------------------------------------------------------------------
    def show_first_page(self, rows: Sequence[FirstPageRow]) -> None:
        """Clients read ahead of the store (store/first_page.py): shown until the store lists them itself."""
        if self.work.attached is None:
            # (ClientSummary's fields, all the list reads; nothing is read on choosing one before attach)
            self.home.set_clients(cast("list[ClientSummary]", list(rows)))
        QTimer.singleShot(0, self.finish_start)  # (next turn: once the page is drawn)

    def finish_start(self) -> None:
        """What the first frame does not need, once: the wheel guard (forms and dialogs; the home page has no
        drop-down or spin box). Called once the first page of clients shows, or the store is attached."""
        if self._started:
            return
        self._started = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # lazy: the guard's Qt classes load after the first page shows, not in the first frame
            from consultapp.ui.wheel import install_wheel_guard

            install_wheel_guard(app)  # (once: as create_application does, for a window built on its own)

    def attach(self, store: Store) -> None:
        """Work on ``store``. Until then the window shows and the search box takes typing."""
        from consultapp.ui.documents_flow import DocumentActions  # lazy: loads with the store

        self.finish_start()
        first = self.work.attached is None
        self.work.attached = store
        self.document_actions = DocumentActions(store, self.dialogs, pool=self.pool,
                                                progress=lambda _p: StatusProgress(self.progress, self.statusBar()))
        self.letters = LetterActions(store, self.dialogs, self.report, self.author, self, self._show_document_window,
                                     client=lambda: self.work.current_client, open_visit=self.pages.visit_on_screen,
                                     say=lambda text: self.say(text, 6000))
        if self._visit_flow is not None:
            self._visit_flow.use_store(store, self.document_actions)
        if self.pages.settings_page_built is not None:
            self.pages.settings_page_built.attach(store, self.dialogs)
        if self.pages.client_editor_built is not None:
            self.pages.client_editor_built.set_consultants(assignable(store.db))
        if first:
            self.clients.connect_home(self.documents.on_history)
        self.work.consultant = who_is_working(store, self.report)
        self.show_who()
        self.offline.use(store.db)
        self.practice_flow.apply_settings()
        self.clients.refresh_clients()
        self.clients.refresh_agenda()
        self.menus.set_store_actions_enabled(True)
        self.home.new_client_button.setEnabled(True)
        self._apply_read_only()
        if first and store.db.is_sqlite and self.database.remembered_server() is not None:
            QTimer.singleShot(0, self.offer_practice_server)  # then the drafts, if she stays on this file
        else:
            QTimer.singleShot(0, self.offer_drafts)

    def show_who(self) -> None:
        """Who is working, in the status bar and on every record written: the signed-in consultant, or in a
        solo practice the practice's own consultant (Settings > Practice); with no name on file, nobody."""
        store, consultant = self.store, self.work.consultant
        solo = practice_signature(store, self.report) if consultant is None else ""
        store.db.set_user(consultant.signature if consultant is not None else solo)
        self.work.read_only = consultant is not None and not consultant.role.can_write
        who = consultant.signature if consultant is not None else solo or solo_unnamed(store, self.report)
        if self.work.read_only:
            who += " (reviewer: read only)"
        self.db_label.setText(f"{who}  ·  {where_label(store.db)}")
        self.db_label.setToolTip("Who is working, and the database in use")

    def _after_sync(self) -> None:
        """The others' changes received: the lists are read again, the client staying selected."""
        client = self.work.current_client
        self.clients.refresh_clients(select=client.id if client is not None else None)
        self.clients.refresh_agenda()

    def _copy_wiped(self) -> None:
        """The practice revoked this laptop (its copy is gone): nothing more is read or saved here."""
        self.work.current_client = None
        self.home.show_client(None, [])
        self.home.set_clients([])
        self.show_home()
        self.menus.set_store_actions_enabled(False)
        self.home.new_client_button.setEnabled(False)
        self.db_label.setText("No database open")

    def _data_folder(self) -> list[tuple[str, str]]:
        """Where the records are (About): the app's data folder, and the database in use."""
        from consultapp.store.db import default_database_path  # lazy: the store loads after the window shows

        where = [("Data folder", str(default_database_path().parent))]
        if self.work.attached is not None:
            where.append(("Database in use", where_label(self.work.attached.db)))
        return where

    def _work_on(self, store: Store) -> None:
        """Another database: the home page, no client chosen, then the new store."""
        self.work.current_client = None
        self.home.show_client(None, [])
        self.show_home()
        self.attach(store)

    def offer_practice_server(self) -> None:
        """At start: the server used last time is offered (asking the password); cancel stays on this file."""
        if not self.database.on_open_server():
            self.offer_drafts()

    def offer_drafts(self) -> None:
        """Offer back the visits that were being typed when the app last stopped without saving."""
        offer_drafts(self.store, self.dialogs, self.report, self, self._restore_draft)

    def _restore_draft(self, client: Client, draft: Draft, stored: Visit | None) -> None:
        self.work.current_client = client
        self.visit_flow.restore(client, draft.key, draft.visit, stored, draft.unparsed)
        self.pages.show_page(self.visit_editor)
        self.say("Unsaved visit restored. Save it when you are ready.", 8000)

    # -- wiring the pages as they are built ---------------------------------------------------------
    def _wire_page(self, page: QWidget) -> None:
        pages, clients, documents = self.pages, self.clients, self.documents
        if page is pages.client_editor_built:
            pages.client_editor_built.saved.connect(clients.on_client_editor_saved)
            pages.client_editor_built.saved.connect(self.offline.after_save)
            pages.client_editor_built.set_consultants(assignable(self.store.db))
            pages.client_editor_built.cancelled.connect(clients.on_back_home)
            pages.client_editor_built.set_weight_unit(self.work.practice.settings.weight_unit)
        elif page is pages.visit_editor_built:
            pages.visit_editor_built.back_requested.connect(clients.on_back_home)
            pages.visit_editor_built.plan.letter_button.clicked.connect(self.action_letter.trigger)
            pages.visit_editor_built.plan.superbill_button.clicked.connect(self.action_superbill.trigger)
        elif page is pages.history_page_built:
            pages.history_page_built.back_requested.connect(clients.on_back_home)
            pages.history_page_built.open_visit_requested.connect(clients.on_open_visit)
            pages.history_page_built.open_document_requested.connect(documents.on_open_document)
            pages.history_page_built.export_requested.connect(documents.on_export_care_plans)
            pages.history_page_built.photos_requested.connect(documents.on_history_photos)
        elif page is pages.settings_page_built:
            pages.settings_page_built.saved.connect(self.practice_flow.on_settings_saved)
            pages.settings_page_built.saved.connect(lambda _practice: self.show_who())  # (her name, if changed)
            pages.settings_page_built.imported.connect(lambda _practice: self.practice_flow.apply_settings())
            pages.settings_page_built.attach(self.store, self.dialogs)
            pages.settings_page_built.cancelled.connect(clients.on_back_home)
        elif page is pages.preview_page_built:
            pages.preview_page_built.back_requested.connect(documents.on_preview_back)
            pages.preview_page_built.print_requested.connect(documents.on_preview_print)
            pages.preview_page_built.save_requested.connect(documents.on_preview_save)
        elif page is pages.consultants_page_built:
            pages.consultants_page_built.back_requested.connect(clients.on_back_home)
        self._apply_read_only()

    @property
    def visit_flow(self) -> VisitFlow:
        """What happens around the visit editor; needs the store (``attach``)."""
        if self._visit_flow is None:
            from consultapp.ui.visit_flow import VisitFlow  # lazy: built with the visit editor

            assert self.document_actions is not None, "the store is not attached yet"
            flow = VisitFlow(self.store, self.dialogs, self.visit_editor, self.document_actions, self.report,
                             self.author, self._draft_interval_ms, self, conflicts=self.conflicts,
                             retry_interval_ms=self._retry_interval_ms)
            flow.banner.connect(self.banner.set_text)
            flow.preview.connect(self.documents.show_preview)
            flow.message.connect(lambda text: self.say(text, 6000))
            flow.saved.connect(self.clients.on_visit_saved)
            flow.saved.connect(self.offline.after_save)
            self._visit_flow = flow
            self.documents.warm_up()  # (the first visit: her first Preview will not wait for ReportLab to load)
            self._attach_photos(flow)
        return self._visit_flow

    def _attach_photos(self, flow: VisitFlow) -> None:
        """The visit's photos section, worked by its controller on the window's store."""
        from consultapp.ui.photos.controller import PhotoController  # lazy: built with the visit editor

        editor = self.visit_editor
        photos = PhotoController(lambda: self.store, editor.photos.panel, self.report, self.dialogs, self.pool, self)
        editor.photos.loaded.connect(lambda: photos.show(editor.photos.ctx.client, editor.photos.visit)
                                     if editor.photos.ctx else None)
        flow.saved.connect(lambda visit: photos.show(editor.photos.ctx.client, visit) if editor.photos.ctx else None)
        self.photo_controller = photos
        if editor.photos.ctx is not None:  # (a visit was shown before the flow was built)
            photos.show(editor.photos.ctx.client, editor.photos.visit)

    def _leave_visit(self) -> None:
        if self._visit_flow is not None:
            self._visit_flow.leave()

    def _letters(self) -> LetterActions:
        assert self.letters is not None, "the store is not attached yet"
        return self.letters

    def _show_document_window(self, dialog: QDialog) -> None:
        self.document_window = dialog  # the one open, for tests and to keep it alive
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _apply_read_only(self) -> None:
        """A reviewer reads: every button and shortcut that writes is off, saying why."""
        if not self.work.read_only:
            return
        home = self.home
        writers: list[QWidget | QAction] = [*self.menus.writers(), home.new_client_button, home.new_visit_button,
                                            home.edit_client_button]
        for page in (self.pages.visit_editor_built, self.pages.client_editor_built, self.pages.settings_page_built):
            if page is not None:
                writers.append(page.save_button)
        disable_writers(writers)

    # -- what the window is working on, for its callers ---------------------------------------------
    @property
    def store(self) -> Store:
        return self.work.store

    @property
    def current_client(self) -> Client | None:
        return self.work.current_client

    @current_client.setter
    def current_client(self, client: Client | None) -> None:
        self.work.current_client = client

    @property
    def consultant(self) -> Consultant | None:
        return self.work.consultant

    @property
    def read_only(self) -> bool:
        return self.work.read_only

    @property
    def practice(self) -> Practice:
        return self.work.practice

    @property
    def shown(self) -> Shown | None:
        return self.documents.shown

    @property
    def client_editor(self) -> ClientEditor:
        return self.pages.client_editor

    @property
    def visit_editor(self) -> VisitEditor:
        return self.pages.visit_editor

    @property
    def history_page(self) -> HistoryPage:
        return self.pages.history_page

    @property
    def settings_page(self) -> SettingsPage:
        return self.pages.settings_page

    @property
    def preview_page(self) -> PdfPreviewPage:
        return self.pages.preview_page

    @property
    def consultants_page(self) -> ConsultantsPage:
        return self.pages.consultants_page

    def show_home(self) -> None:
        self.pages.show_home()

    def apply_settings(self) -> None:
        self.practice_flow.apply_settings()

    def say(self, text: str, ms: int) -> None:
        """A message in the status bar for ``ms`` milliseconds."""
        self.statusBar().showMessage(text, ms)

    # -- Qt overrides -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.pages.leave_ok():
            event.ignore()
            return
        if self.ui_settings is not None:
            self.ui_settings.window_geometry = self.saveGeometry()
            self.ui_settings.sync()
        event.accept()
