"""Opening the handout library, the letter and the superbill (from the menus and the plan section).

A letter or a superbill is about a saved visit: the visit on screen is saved first (as Ctrl+S would).
The controller is given what it needs and knows nothing of the window: each dialog it builds is handed to
``show_window``, which opens it without blocking (``open()``), so tests drive it as a user would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:  # (the records load with the store, after the window shows)
    import uuid

    from consultapp.domain.records import Client, Visit
    from consultapp.store.facade import Store
    from consultapp.ui.dialogs import Dialogs
    from consultapp.ui.report import Reporter
    from consultapp.ui.visit.editor import VisitEditor


class LetterActions:
    """Builds the document windows about the client and the visit on screen.

    Args:
        store: where the records are.
        dialogs: the modal questions (files, printers).
        report: shows the user's problems.
        author: who signs what is issued.
        parent: the dialogs' parent widget.
        show_window: opens a built dialog (the window keeps it as its one document window).
        client: the client shown, if any.
        open_visit: the visit editor when a visit is on screen, else None.
        say: a short message for the status bar.
    """

    def __init__(
        self,
        store: Store,
        dialogs: Dialogs,
        report: Reporter,
        author: Callable[[], str],
        parent: QWidget,
        show_window: Callable[[QDialog], None],
        *,
        client: Callable[[], Client | None],
        open_visit: Callable[[], VisitEditor | None],
        say: Callable[[str], None],
    ) -> None:
        self.store, self.dialogs, self.report, self.author = store, dialogs, report, author
        self.parent, self.show_window = parent, show_window
        self.client, self.open_visit, self.say = client, open_visit, say

    def open_handouts(self) -> QDialog | None:
        from consultapp.ui.handouts.library import HandoutLibraryDialog  # lazy: built on first use

        with self.report.problems():
            dialog = HandoutLibraryDialog(self.store, self.dialogs, client=self.client(), author=self.author,
                                          report=self.report, parent=self.parent)
        if self.report.failed:
            return None
        self.show_window(dialog)
        return dialog

    def saved_visit(self) -> tuple[VisitEditor, uuid.UUID] | None:
        """The visit on screen (its editor and id), saved first when it has changes; None (with the reason
        shown) otherwise."""
        editor = self.open_visit()
        if editor is None:
            self.say("Open a visit first: letters and superbills are about a visit.")
            return None
        if editor.visit_id is None or editor.is_dirty():
            editor.on_save_clicked()
            if editor.visit_id is None or editor.is_dirty():
                return None  # the editor shows why
        return editor, cast("uuid.UUID", editor.visit_id)  # (the editor types it loosely)

    def open_letter(self) -> QDialog | None:
        from consultapp.ui.letters.letter_dialog import LetterDialog  # lazy: built on first use

        on_screen = self.saved_visit()
        if on_screen is None:
            return None
        _editor, visit_id = on_screen
        with self.report.problems():
            dialog = LetterDialog(self.store, self.dialogs, visit_id, author=self.author, report=self.report,
                                  parent=self.parent)
        if self.report.failed:
            return None
        self.show_window(dialog)
        return dialog

    def open_superbill(self) -> QDialog | None:
        from consultapp.ui.letters.superbill_dialog import SuperbillDialog  # lazy: built on first use

        on_screen = self.saved_visit()
        if on_screen is None:
            return None
        editor, visit_id = on_screen

        def visit_saved(visit: Visit) -> None:
            if editor.visit_id == visit.id:
                editor.mark_saved(visit)

        with self.report.problems():
            dialog = SuperbillDialog(self.store, self.dialogs, visit_id, author=self.author, report=self.report,
                                     visit_saved=visit_saved, parent=self.parent)
        if self.report.failed:
            return None
        self.show_window(dialog)
        return dialog
