"""Documents on the window's pages: the preview (print, save), the client's history and her issued
documents, and every care plan of hers written to a folder in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.ui.dates import format_date
from consultapp.ui.tasks import Pool, StatusProgress, Task

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QProgressBar, QStatusBar

    from consultapp.ui.dialogs import Dialogs
    from consultapp.ui.documents_flow import Shown
    from consultapp.ui.pdf_preview import FirstPage
    from consultapp.ui.report import Reporter
    from consultapp.ui.shell.pages import Pages
    from consultapp.ui.shell.work import Work
    from consultapp.ui.ui_settings import UiSettings
    from consultapp.ui.visit_flow import VisitFlow


class DocumentsFlow:
    """The preview page's document, the history page, and the batch export of care plans.

    Args:
        work: the store and the client shown.
        pages: the window's pages.
        report: shows the user's problems.
        dialogs: asks for the folder.
        ui_settings: remembers the export folder (None: nothing is remembered).
        pool: where background work runs.
        visit_flow: prints and saves what is shown (built on first use).
        bar, status: the window's progress bar and status bar.
    """

    def __init__(self, work: Work, pages: Pages, report: Reporter, dialogs: Dialogs, ui_settings: UiSettings | None,
                 pool: Pool, visit_flow: Callable[[], VisitFlow], bar: QProgressBar, status: QStatusBar) -> None:
        self.work, self.pages, self.report, self.dialogs = work, pages, report, dialogs
        self.ui_settings, self.pool, self.visit_flow = ui_settings, pool, visit_flow
        self.bar, self.status = bar, status
        self.shown: Shown | None = None

    _warmed = False  # the document machinery warmed up in this process

    # -- the preview --------------------------------------------------------------------------------
    def show_preview(self, shown: Shown, note: str = "") -> None:
        """The preview page at once ("Preparing…"); page 1 as soon as it is rasterised, then the rest, all off
        the GUI thread (a document still to render, ``shown.render``, renders there first)."""
        from consultapp.ui.pdf_preview import first_page_job  # lazy: loads with the first document

        self.shown = shown
        page = self.pages.preview_page
        if self.pages.currentWidget() is not page:
            self.pages.return_to = self.pages.currentWidget()
        page.show_preparing(shown.title, note)
        self.pages.show_page(page)
        data = shown.data
        render = shown.render or (lambda: data)
        (Task(first_page_job(render), self.report)
            .success(lambda first: self._first_page(shown, first))
            .failure(lambda exc: self._not_prepared(shown, exc))
            .run_in(self.pool))

    def _first_page(self, shown: Shown, first: FirstPage) -> None:
        shown.data, shown.render = first.data, None
        if shown is not self.shown:  # she has moved on to another document
            return
        from consultapp.ui.pdf_preview import rest_job  # lazy: loads with the first document

        self.pages.preview_page.show_first_page(first.image, first.pages)
        if first.pages > 1:
            Task(rest_job(first.data), self.report).success(lambda images: self._other_pages(shown, images)).run_in(
                self.pool)

    def _other_pages(self, shown: Shown, images: list[QImage]) -> None:
        if shown is self.shown:
            self.pages.preview_page.view.set_other_pages(images)

    def _not_prepared(self, shown: Shown, exc: Exception) -> None:
        if shown is self.shown:
            self.pages.preview_page.show_failed()
        if not self.report.show(exc):
            raise exc

    def on_preview_back(self) -> None:
        self.pages.back_from_preview()

    def _ready(self) -> Shown | None:
        if self.shown is not None and self.shown.render is not None:
            self.status.showMessage("The document is still being prepared.", 4000)
            return None
        return self.shown

    def on_preview_print(self) -> None:
        shown = self._ready()
        if shown is not None:
            self.visit_flow().print_shown(shown)

    def on_preview_save(self) -> None:
        shown = self._ready()
        if shown is not None:
            self.visit_flow().save_shown(shown)

    def warm_up(self) -> None:
        """Load the document machinery in the background once, so that the first Preview is quick."""
        if DocumentsFlow._warmed:
            return
        DocumentsFlow._warmed = True
        from consultapp.ui.pdf_preview import warm_up_job  # lazy: loads with the first visit

        Task(warm_up_job, self.report).failure(lambda _exc: None).run_in(self.pool)

    # -- the client's history -----------------------------------------------------------------------
    def on_history(self) -> None:
        client = self.work.current_client
        if client is None or client.id is None or not self.pages.leave_ok():
            return
        from consultapp.ui.history_data import load_history  # lazy: the charts' data loads on first use

        settings = self.work.practice.settings
        with self.report.problems():  # (her record as read when she was chosen, and shown on the home page)
            history = load_history(self.work.store, client, settings)
        if self.report.failed:
            return
        self.pages.history_page.show_history(history, settings.weight_unit)
        self.pages.history_page.set_photo_count(history.photo_count)
        self.pages.show_page(self.pages.history_page)

    def on_history_photos(self) -> None:
        """Every photo of the family (from the history page)."""
        from consultapp.ui.photos.family import FamilyPhotosDialog  # lazy: built on first use

        client = self.work.current_client
        if client is None or client.id is None:
            return
        with self.report.problems():
            self.photos_window = FamilyPhotosDialog(self.work.store, client, self.report, self.pool, self.pages)
            self.photos_window.open()

    def on_open_document(self, document: object) -> None:
        from consultapp.domain.records import IssuedDocument  # lazy: the records load with the store
        from consultapp.ui.documents_flow import Shown  # lazy: loads with the first document

        assert isinstance(document, IssuedDocument)
        with self.report.problems():
            data = self.work.store.document_content(document.id)
        if self.report.failed:
            return
        issued_at = document.issued_at.astimezone() if document.issued_at.tzinfo else document.issued_at
        self.show_preview(
            Shown(document.title, data, document.filename, document.visit_id, document),
            f"Exactly as issued on {format_date(issued_at.date())} at {issued_at:%H:%M} by {document.issued_by}.",
        )

    def on_export_care_plans(self) -> None:
        from consultapp.ui.batch import care_plans_to_folder  # lazy: ReportLab loads with the first document
        from consultapp.ui.documents_flow import documents_folder  # lazy: loads with the first document

        client = self.work.current_client
        if client is None or client.id is None:
            return
        settings = self.ui_settings
        suggested = Path(settings.export_folder) if settings and settings.export_folder else documents_folder()
        folder = self.dialogs.ask_folder(self.pages, "Save all care plans into", suggested)
        if folder is None:
            return
        if settings is not None:
            settings.export_folder = str(folder)
        store = self.work.store
        visits = store.visits_for_client(client.id)
        button = self.pages.history_page.export_button
        button.setEnabled(False)
        (Task(lambda: care_plans_to_folder(store, visits, folder), self.report)
            .with_progress(StatusProgress(self.bar, self.status, len(visits)))
            .finally_(lambda: button.setEnabled(True))
            .success(lambda files: self.status.showMessage(f"Saved {len(files)} care plans.", 8000))
            .run_in(self.pool))
