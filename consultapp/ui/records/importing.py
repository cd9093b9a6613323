"""Records > Import client: a client exported from this or another practice's database, added exactly as exported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.ui.security.jobs import reported, run_job

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from consultapp.domain.records import Client
    from consultapp.store.db import Database
    from consultapp.ui.report import Reporter
    from consultapp.ui.shell.window import MainWindow


def import_client_record(window: MainWindow, db: Database, owner: QObject, report: Reporter) -> None:
    """Ask for the export, import it on the window's pool, then list the client chosen."""
    from consultapp.store.transfer import import_client  # lazy: the transfer code loads on use

    path = window.dialogs.ask_client_export(window, Path.home())
    if path is None:
        return

    def done(client: Client) -> None:
        window.refresh_clients(select=client.id)
        window.statusBar().showMessage("Client imported.", 8000)

    run_job(window.pool, owner, lambda: import_client(db, path), done, reported(report))
