"""Opening the handout library, the letter and the superbill from the main window's menus and the plan section.

A letter or a superbill is about a saved visit: the visit on screen is saved first (as Ctrl+S would).
Each window opens without blocking (``open()``), so tests drive it as a user would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from consultapp.ui.report import Reporter

if TYPE_CHECKING:  # (the records load with the store, after the window shows)
    import uuid

    from consultapp.domain.records import Visit
    from consultapp.ui.main_window import MainWindow


def _keep_open(window: MainWindow, dialog: QDialog) -> QDialog:
    window.document_window = dialog  # type: ignore[attr-defined]  # the one open, for tests and to keep it alive
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog


def open_handouts(window: MainWindow) -> QDialog | None:
    from consultapp.store.facade import Store  # lazy: interim (panels) until the shell's window.store
    from consultapp.ui.handouts.library import HandoutLibraryDialog

    try:
        dialog = HandoutLibraryDialog(Store(window.repo.db), window.dialogs, client=window.current_client,
                                      author=window.author, report=Reporter(window.dialogs.error, window),
                                      parent=window)
    except Exception as exc:
        if not window._report(exc):
            raise
        return None
    return _keep_open(window, dialog)


def saved_visit_id(window: MainWindow) -> uuid.UUID | None:
    """The visit on screen, saved first when it has changes; None (with the reason shown) otherwise."""
    if window.pages.currentWidget() is not window.visit_editor or window.visit_editor.ctx is None:
        window.statusBar().showMessage("Open a visit first: letters and superbills are about a visit.", 6000)
        return None
    editor = window.visit_editor
    if editor.visit_id is None or editor.is_dirty():
        editor.on_save_clicked()
        if editor.visit_id is None or editor.is_dirty():
            return None  # the editor shows why
    return editor.visit_id


def open_letter(window: MainWindow) -> QDialog | None:
    from consultapp.store.facade import Store  # lazy: interim (panels) until the shell's window.store
    from consultapp.ui.letters.letter_dialog import LetterDialog

    visit_id = saved_visit_id(window)
    if visit_id is None:
        return None
    try:
        dialog = LetterDialog(Store(window.repo.db), window.dialogs, visit_id, author=window.author,
                              report=Reporter(window.dialogs.error, window), parent=window)
    except Exception as exc:
        if not window._report(exc):
            raise
        return None
    return _keep_open(window, dialog)


def open_superbill(window: MainWindow) -> QDialog | None:
    from consultapp.store.facade import Store  # lazy: interim (panels) until the shell's window.store
    from consultapp.ui.letters.superbill_dialog import SuperbillDialog

    visit_id = saved_visit_id(window)
    if visit_id is None:
        return None

    def visit_saved(visit: Visit) -> None:
        if window.visit_editor.visit_id == visit.id:
            window.visit_editor.mark_saved(visit)

    try:
        dialog = SuperbillDialog(Store(window.repo.db), window.dialogs, visit_id, author=window.author,
                                 report=Reporter(window.dialogs.error, window), visit_saved=visit_saved, parent=window)
    except Exception as exc:
        if not window._report(exc):
            raise
        return None
    return _keep_open(window, dialog)
