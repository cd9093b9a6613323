"""Records > Export client: the chosen client's whole record (visits, documents) written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.ui.security.jobs import reported, run_job

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from consultapp.store.db import Database
    from consultapp.store.transfer import ExportResult
    from consultapp.ui.report import Reporter
    from consultapp.ui.shell.window import MainWindow


def export_client_record(window: MainWindow, db: Database, owner: QObject, report: Reporter) -> None:
    """Ask where, then export the client chosen in ``window`` on its pool; done or refused, it is said."""
    from consultapp.store.transfer import export_client  # lazy: the transfer code loads on use

    client, dialogs = window.current_client, window.dialogs
    if client is None or client.id is None:
        dialogs.error(window, "Choose a client in the list first.")
        return
    folder = dialogs.ask_folder(window, "Export the client's record into", Path.home())
    if folder is None:
        return
    client_id = client.id

    def done(result: ExportResult) -> None:
        window.statusBar().showMessage(
            f"Exported {result.visits} visits and {result.documents} documents to {result.json_path}.", 10000)

    run_job(window.pool, owner, lambda: export_client(db, client_id, folder), done, reported(report))
