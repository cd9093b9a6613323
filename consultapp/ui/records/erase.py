"""Records > Erase client: her whole record deleted, once she has typed the client's full name to confirm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from consultapp.ui.security.jobs import reported, run_job

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from consultapp.store.db import Database
    from consultapp.ui.report import Reporter
    from consultapp.ui.shell.window import MainWindow


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same, whatever their case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def erase_client_record(window: MainWindow, db: Database, owner: QObject, report: Reporter) -> None:
    """Erase the client chosen in ``window`` (from the client list only) after she confirms by name."""
    from consultapp.store.transfer import erase_client  # lazy: the transfer code loads on use

    w, client = window, window.current_client
    if client is None or client.id is None:
        w.dialogs.error(w, "Choose a client in the list first.")
        return
    if w.pages.currentWidget() is not w.home:
        w.dialogs.error(w, "Go back to the client list first, then erase the client from there.")
        return
    typed = w.dialogs.ask_text(
        w, "Erase a client",
        f"This erases {client.full_name} and everything recorded about her: visits, care plans and issued "
        "documents. It cannot be undone (backups made earlier still hold her until they rotate out).\n\n"
        "Type her full name to confirm:")
    if typed is None:
        return
    if not same_name(typed, client.full_name):
        w.dialogs.error(w, "The name typed is not the client's full name; nothing was erased.")
        return
    client_id = client.id

    def done(_result: object) -> None:
        w.current_client = None
        w.refresh_clients()
        w.show_home()
        w.statusBar().showMessage("The client was erased.", 8000)

    run_job(w.pool, owner, lambda: erase_client(db, client_id), done, reported(report))
