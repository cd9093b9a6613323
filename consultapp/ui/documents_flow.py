"""Handing a document over: keep it as issued, then print it or save it as a PDF file."""

from __future__ import annotations

import uuid
from collections.abc import Callable
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
from consultapp.ui.tasks import DialogProgress, Pool, ProgressView, SyncPool, Task, default_pool

if TYPE_CHECKING:
    from consultapp.store.facade import Store
    from consultapp.ui.printing import PrintBackend, PrintChoice
    from consultapp.ui.report import Reporter


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
    render: Callable[[], bytes] | None = None
    """Makes ``data`` off the GUI thread (the preview shows at once, page 1 as soon as it is ready); None when
    ``data`` is there."""


def default_backend(choice: PrintChoice) -> PrintBackend:
    from consultapp.ui.printing import backend_for  # lazy: printing loads when printing

    return backend_for(choice)


class DocumentActions:
    """Issue, print and save documents; store and file problems are raised for the window to report.

    Args:
        pool: where printing runs (off the GUI thread); "Print to file" is written at once.
        progress: where a print job's progress shows, for the widget that asked (default: a dialog over it).
        backend: how a choice of printer is printed (tests pass one that records the job).
    """

    def __init__(self, store: Store, dialogs: Dialogs, *, pool: Pool | None = None,
                 progress: Callable[[QWidget], ProgressView] | None = None,
                 backend: Callable[[PrintChoice], PrintBackend] | None = None) -> None:
        self.store = store
        self.dialogs = dialogs
        self.pool = pool or default_pool()
        self.progress = progress or (lambda parent: DialogProgress(parent, "Printing…"))
        self.backend = backend or default_backend

    def issue(self, shown: Shown, issued_by: str) -> Shown:
        """Keep a care plan as issued (once); returns what to hand over: the issued bytes."""
        if shown.issued is not None or shown.visit_id is None:
            return shown
        from consultapp.services.visits import issue_care_plan  # lazy: ReportLab loads on first use

        # Keep exactly the bytes that were previewed: a new rendering could differ (its time stamp).
        issued, data = issue_care_plan(self.store, shown.visit_id, issued_by=issued_by, data=shown.data)
        shown.issued, shown.data, shown.filename = issued, data, issued.filename
        return shown

    def print(self, parent: QWidget, shown: Shown, issued_by: str, report: Reporter, done: Callable[[str], None],
              progress: ProgressView | None = None) -> bool:
        """Ask for a printer, keep the document as issued, and send it on the practice's paper off the GUI
        thread, showing progress; ``done`` gets where it went ("Sent 3 pages to Office."). False when cancelled.
        """
        from consultapp.ui.printing import PrintJob  # lazy: printing loads when printing

        paper = self.store.get_practice().settings.paper
        choice = self.dialogs.ask_printer(parent, paper=paper)
        if choice is None:
            return False
        self.issue(shown, issued_by)
        job = PrintJob(shown.data, paper, shown.title, choice)
        backend = self.backend(choice)
        pool = SyncPool() if choice.output_file is not None else self.pool  # a file is written at once
        (Task(lambda: backend.send(job), report)
            .with_progress(progress or self.progress(parent))
            .success(done)
            .run_in(pool))
        return True

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
