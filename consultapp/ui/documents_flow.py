"""Handing a document over: keep it as issued, then print it or save it as a PDF file."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from consultapp.domain.records import IssuedDocument
from consultapp.domain.records.validate import safe_file_name
from consultapp.runtime.files import write_private
from consultapp.services.documents import suggested_file_name
from consultapp.ui.dialogs import Dialogs

if TYPE_CHECKING:
    from consultapp.store.facade import Store


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


@dataclass
class Shown:
    """The document on the preview page: a care plan not yet issued, or one issued earlier (exact bytes)."""

    title: str
    data: bytes
    filename: str
    visit_id: uuid.UUID | None = None
    issued: IssuedDocument | None = None


class DocumentActions:
    """Issue, print and save documents; store and file problems are raised for the window to report."""

    def __init__(self, store: Store, dialogs: Dialogs) -> None:
        self.store = store
        self.dialogs = dialogs

    def issue(self, shown: Shown, issued_by: str) -> Shown:
        """Keep a care plan as issued (once); returns what to hand over: the issued bytes."""
        if shown.issued is not None or shown.visit_id is None:
            return shown
        from consultapp.services.visits import issue_care_plan  # lazy: ReportLab loads on first use

        # Keep exactly the bytes that were previewed: a new rendering could differ (its time stamp).
        issued, data = issue_care_plan(self.store, shown.visit_id, issued_by=issued_by, data=shown.data)
        shown.issued, shown.data, shown.filename = issued, data, issued.filename
        return shown

    def print(self, parent: QWidget, shown: Shown, issued_by: str) -> int | None:
        """Ask for a printer, keep the document as issued, print it; pages printed, or None when cancelled."""
        printer = self.dialogs.ask_printer(parent)
        if printer is None:
            return None
        self.issue(shown, issued_by)
        from consultapp.ui.printing import print_pdf  # lazy: QtPrintSupport only when printing

        return print_pdf(shown.data, printer)  # type: ignore[arg-type]

    @staticmethod
    def suggested(shown: Shown) -> str:
        """The file name a save offers: no client's name, never a path (issue 14, points 9 and 12)."""
        if shown.issued is not None:
            return suggested_file_name(shown.issued)
        return safe_file_name(shown.filename)

    def save(self, parent: QWidget, shown: Shown, issued_by: str) -> Path | None:
        """Ask where, keep the document as issued, write it; the file, or None when cancelled."""
        target = self.dialogs.ask_save_pdf(parent, f"Save {shown.title}", documents_folder() / self.suggested(shown))
        if target is None:
            return None
        self.issue(shown, issued_by)
        write_private(target, shown.data)
        return target
