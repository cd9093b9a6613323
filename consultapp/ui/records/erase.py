"""Records > Erase client: her whole record deleted, once she has typed the client's full name to confirm."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.ui.security.jobs import reported, run_job

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from consultapp.store.db import Database
    from consultapp.store.erasure import HeldBackup
    from consultapp.ui.report import Reporter
    from consultapp.ui.shell.window import MainWindow


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same, whatever their case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def erase_client_record(window: MainWindow, db: Database, owner: QObject, report: Reporter,
                        backups_folder: Path | None = None) -> None:
    """Erase the client chosen in ``window`` (from the client list only) after she confirms by name, then
    list the backups (in ``backups_folder`` and beside the database) that still hold her and offer to delete them."""
    from consultapp.store.erasure import backups_holding, erase_everywhere  # lazy: the erase code loads on use

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

    def work() -> list[HeldBackup]:
        erase_everywhere(db, client_id)
        return backups_holding(db, client_id, backups_folder)

    def done(held: list[HeldBackup]) -> None:
        w.current_client = None
        w.refresh_clients()
        w.show_home()
        w.statusBar().showMessage("The client was erased.", 8000)
        if held:
            offer_to_prune(w, held)

    run_job(w.pool, owner, work, done, reported(report))


def offer_to_prune(w: MainWindow, held: list[HeldBackup]) -> None:
    """Name the backups that still hold the erased client; delete them if the consultant agrees."""
    from consultapp.store.erasure import prune  # lazy: the erase code loads on use

    listed = "\n".join(f"  {h.path}" + ("" if h.certain else " (it does not open with this key: it may)")
                       for h in held)
    question = (f"The client is erased from the database, but {len(held)} backups still hold her:\n\n{listed}\n\n"
                "Delete these backups? Each is a whole copy of the database as it was; the next daily backup "
                "will not hold her.")
    if not w.dialogs.confirm(w, "Backups that still hold her", question):
        return
    try:
        gone = prune([h.path for h in held])
    except OSError as exc:
        w.dialogs.error(w, f"Not every backup could be deleted: {exc.strerror or exc}")
        return
    w.statusBar().showMessage(f"The client was erased, and {len(gone)} backups that held her were deleted.", 8000)
