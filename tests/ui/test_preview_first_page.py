"""Preview (Ctrl+Shift+P) shows the page at once with "Preparing…", then page 1 as soon as it is rasterised, then the
rest: the work runs on the pool, here one job at a time, by hand, so each step is seen in order (no clock)."""

from __future__ import annotations

import io

import pypdf
from PySide6.QtCore import QRunnable, Qt
from pytestqt.qtbot import QtBot
from ui.helpers import DRAFT_INTERVAL_MS, FakeDialogs, click, create_client, ctrl, go, type_into

from consultapp.services.samples import fill_sample
from consultapp.store.facade import Store
from consultapp.ui.pdf_preview import PREPARING
from consultapp.ui.shell.window import MainWindow


class QueuedPool:
    """Keeps each job until the test runs it."""

    def __init__(self) -> None:
        self.queue: list[QRunnable] = []

    def start(self, runnable: QRunnable) -> None:
        self.queue.append(runnable)

    def run_next(self) -> None:
        self.queue.pop(0).run()


def test_preview_shows_preparing_then_page_one_before_the_other_pages(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    pool = QueuedPool()
    window = MainWindow(gui_repo, dialogs=dialogs, pool=pool, draft_interval_ms=DRAFT_INTERVAL_MS)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # The sample family (a plan of more than one page), found and opened as she would.
    sample = fill_sample(gui_repo)
    type_into(qtbot, window.home.search, gui_repo.get_client(sample.client_id).family_name[:4])
    qtbot.waitUntil(lambda: window.current_client is not None and window.current_client.id == sample.client_id)
    click(qtbot, window.home.open_visit_button)
    while pool.queue:  # whatever the window started in the background (the warm-up) ends before Preview
        pool.run_next()
    go(qtbot, window, 7)

    page, view = window.preview_page, window.preview_page.view
    shown: list[str] = []
    view.first_page_shown.connect(lambda: shown.append("first"))
    view.all_pages_shown.connect(lambda: shown.append("all"))
    ctrl(qtbot, window.visit_editor.plan.table, Qt.Key.Key_P, shift=True)  # Ctrl+Shift+P

    # At once, before anything is rendered: the page, saying it is on its way; Print and Save wait.
    assert window.pages.currentWidget() is page and len(pool.queue) == 1
    assert view.preparing() and view.placeholder.isVisible() and view.placeholder.text() == PREPARING
    assert view.page_labels == [] and shown == []
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()

    pool.run_next()  # the plan is rendered and page 1 rasterised
    assert shown == ["first"] and not view.preparing()
    assert window.shown is not None and window.shown.render is None
    pages = len(pypdf.PdfReader(io.BytesIO(window.shown.data)).pages)
    assert pages > 1 and len(view.page_labels) == pages
    assert not view.page_labels[0].pixmap().isNull()
    assert view.page_labels[1].pixmap().isNull() and view.page_labels[1].text() == f"Page 2: {PREPARING}"
    assert view.page_labels[1].minimumHeight() > 300  # room kept for the page, so nothing jumps when it comes
    assert page.print_button.isEnabled()

    assert len(pool.queue) == 1
    pool.run_next()  # the other pages
    assert shown == ["first", "all"]
    assert all(not label.pixmap().isNull() for label in view.page_labels)

    click(qtbot, page.save_button)  # what was previewed is what is saved
    assert dialogs.save_to is not None and dialogs.save_to.read_bytes() == window.shown.data


def test_print_and_save_wait_while_the_document_is_prepared(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    pool = QueuedPool()
    window = MainWindow(gui_repo, dialogs=dialogs, pool=pool, draft_interval_ms=DRAFT_INTERVAL_MS)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    while pool.queue:
        pool.run_next()
    go(qtbot, window, 7)
    ctrl(qtbot, window.visit_editor.plan.table, Qt.Key.Key_P, shift=True)
    ctrl(qtbot, window.preview_page.view, Qt.Key.Key_P)  # Ctrl+P before page 1: nothing printed, she is told
    assert dialogs.printer_papers == []
    assert window.statusBar().currentMessage() == "The document is still being prepared."
    assert gui_repo.documents_for_client(window.current_client.id) == []
