"""The window's stacked pages: home first, the others built on first use, and the way between them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QStackedWidget, QWidget

if TYPE_CHECKING:  # the pages are built on first use: a cold start builds the home page only
    from consultapp.store.db import Database
    from consultapp.ui.client_editor import ClientEditor
    from consultapp.ui.dialogs import Dialogs
    from consultapp.ui.history import HistoryPage
    from consultapp.ui.home import HomePage
    from consultapp.ui.pdf_preview import PdfPreviewPage
    from consultapp.ui.practice.consultants import ConsultantsPage
    from consultapp.ui.settings.page import SettingsPage
    from consultapp.ui.visit.editor import VisitEditor


def _press(button: QAbstractButton) -> None:
    if button.isVisible() and button.isEnabled():
        button.click()


class Pages(QStackedWidget):
    """One page on screen at a time. ``page_built`` tells the window a page exists, so it wires it.

    Args:
        home: the home page, always there.
        dialogs: asks before unsaved changes are left behind.
        leave_visit: the visit editor is left (its changes discarded or none): stop keeping drafts.
        db: the database in use (the consultants page works on it directly).
    """

    page_built = Signal(QWidget)

    def __init__(self, home: HomePage, dialogs: Dialogs, leave_visit: Callable[[], None],
                 db: Callable[[], Database]) -> None:
        super().__init__()
        self.home = home
        self.dialogs = dialogs
        self._leave_visit = leave_visit
        self._db = db
        self.return_to: QWidget | None = None  # where the preview's Back goes
        self.client_editor_built: ClientEditor | None = None
        self.visit_editor_built: VisitEditor | None = None
        self.history_page_built: HistoryPage | None = None
        self.settings_page_built: SettingsPage | None = None
        self.preview_page_built: PdfPreviewPage | None = None
        self.consultants_page_built: ConsultantsPage | None = None
        self.addWidget(home)

    def _built(self, page: QWidget) -> None:
        self.page_built.emit(page)  # wired first, then added (``widgetAdded`` sees a page ready for use)
        self.addWidget(page)
        back = getattr(page, "back_button", None) or getattr(page, "cancel_button", None)
        if isinstance(back, QAbstractButton):  # a full page answers Escape as its Back (or Cancel) button
            escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), page)
            escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            escape.activated.connect(lambda button=back: _press(button))

    # -- pages, built on first use ------------------------------------------------------------------
    @property
    def client_editor(self) -> ClientEditor:
        if self.client_editor_built is None:
            from consultapp.ui.client_editor import ClientEditor  # lazy: built on first use

            self.client_editor_built = ClientEditor()
            self._built(self.client_editor_built)
        return self.client_editor_built

    @property
    def visit_editor(self) -> VisitEditor:
        if self.visit_editor_built is None:
            from consultapp.ui.visit.editor import VisitEditor  # lazy: built on first use

            self.visit_editor_built = VisitEditor()
            self._built(self.visit_editor_built)
        return self.visit_editor_built

    @property
    def history_page(self) -> HistoryPage:
        if self.history_page_built is None:
            from consultapp.ui.history import HistoryPage  # lazy: built on first use

            self.history_page_built = HistoryPage()
            self._built(self.history_page_built)
        return self.history_page_built

    @property
    def settings_page(self) -> SettingsPage:
        if self.settings_page_built is None:
            from consultapp.ui.settings.page import SettingsPage  # lazy: built on first use

            self.settings_page_built = SettingsPage()
            self._built(self.settings_page_built)
        return self.settings_page_built

    @property
    def preview_page(self) -> PdfPreviewPage:
        if self.preview_page_built is None:
            from consultapp.ui.pdf_preview import PdfPreviewPage  # lazy: built on first use

            self.preview_page_built = PdfPreviewPage()
            self._built(self.preview_page_built)
        return self.preview_page_built

    @property
    def consultants_page(self) -> ConsultantsPage:
        if self.consultants_page_built is None:
            from consultapp.ui.practice.consultants import ConsultantsPage  # lazy: built on first use

            self.consultants_page_built = ConsultantsPage(self._db())
            self._built(self.consultants_page_built)
        return self.consultants_page_built

    def built_pages(self) -> list[QWidget]:
        """The pages built so far, home excepted."""
        pages: list[QWidget | None] = [self.client_editor_built, self.visit_editor_built, self.history_page_built,
                                       self.settings_page_built, self.preview_page_built,
                                       self.consultants_page_built]
        return [page for page in pages if page is not None]

    # -- going from page to page --------------------------------------------------------------------
    def show_home(self) -> None:
        self.setCurrentWidget(self.home)
        self.home.search.setFocus()

    def show_page(self, page: QWidget) -> None:
        """Show ``page`` with the focus in it (the visit editor on its first section)."""
        self.setCurrentWidget(page)
        if page is self.visit_editor_built:
            self.visit_editor.show_section(0, focus=True)
        else:
            page.setFocus()

    def show_preview_page(self) -> PdfPreviewPage:
        """The preview page on screen; its Back returns to the page shown before."""
        self.return_to = self.currentWidget()
        page = self.preview_page
        self.show_page(page)
        return page

    def back_from_preview(self) -> None:
        page = self.return_to or self.home
        self.setCurrentWidget(page)
        page.setFocus()

    def visit_on_screen(self) -> VisitEditor | None:
        """The visit editor when it is on screen with a visit open."""
        editor = self.visit_editor_built
        if editor is None or self.currentWidget() is not editor or editor.ctx is None:
            return None
        return editor

    def leave_ok(self) -> bool:
        """Ask before unsaved changes on the current page are left behind: Save (leave once saved; a save that
        fails stays, its problem shown), Discard (leave) or Cancel (stay)."""
        page = self.currentWidget()
        visit_editor, client_editor = self.visit_editor_built, self.client_editor_built
        settings_page = self.settings_page_built
        if visit_editor is not None and page is visit_editor and visit_editor.ctx is not None:
            if visit_editor.is_dirty() and not self._ask(visit_editor, "This visit"):
                return False
            self._leave_visit()
        elif client_editor is not None and page is client_editor and client_editor.is_dirty():
            return self._ask(client_editor, "This client")
        elif settings_page is not None and page is settings_page and settings_page.is_dirty():
            return self._ask(settings_page, "The settings")
        return True

    def _ask(self, page: VisitEditor | ClientEditor | SettingsPage, what: str) -> bool:
        """True when ``page`` may be left: saved at her word, or its changes discarded."""
        answer = self.dialogs.ask_unsaved(self, what)
        if answer == "save":
            page.on_save_clicked()  # saves at once; a problem is shown where it belongs and the page stays dirty
            return not page.is_dirty()
        return answer == "discard"

    # -- the Visit menu's shortcuts, for whichever page is on screen ---------------------------------
    def on_save_shortcut(self) -> None:
        page = self.currentWidget()
        if page is self.home:
            return
        if page is self.visit_editor_built:
            self.visit_editor.on_save_clicked()
        elif page is self.client_editor_built:
            self.client_editor.on_save_clicked()
        elif page is self.settings_page_built:
            self.settings_page.on_save_clicked()
        elif page is self.preview_page_built:
            self.preview_page.save_requested.emit()

    def on_preview_shortcut(self) -> None:
        if self.visit_editor_built is not None and self.currentWidget() is self.visit_editor_built:
            self.visit_editor.plan.preview_button.click()

    def on_print_shortcut(self) -> None:
        page = self.currentWidget()
        if page is self.home:
            return
        if page is self.visit_editor_built:
            self.visit_editor.plan.print_button.click()
        elif page is self.preview_page_built:
            self.preview_page.print_requested.emit()
