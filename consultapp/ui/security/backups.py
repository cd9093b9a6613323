"""Backups from the Security tab (now, restore, the full check) and on open (the quick check, the day's backup)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from consultapp.ui.report import shown
from consultapp.ui.security.jobs import run_job, said_on

if TYPE_CHECKING:
    from consultapp.store.backup import BackupInfo
    from consultapp.store.db import Database
    from consultapp.ui.security.settings import SecuritySettings
    from consultapp.ui.security.tab import SecurityTab
    from consultapp.ui.shell.window import MainWindow

log = logging.getLogger(__name__)

Reopen = Callable[[str | None], None]
"""Close this window and open the database again (with this passphrase to try first)."""


class Backups(QObject):
    """The backups of the database ``db`` open in ``window``, into the folder ``settings`` keeps."""

    def __init__(self, window: MainWindow, db: Database, settings: SecuritySettings, reopen: Reopen) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.path = db.path  # kept: the restore closes the database first
        self.settings = settings
        self.reopen = reopen
        self.tab: SecurityTab | None = None

    def bind(self, tab: SecurityTab) -> None:
        """The Security tab's backup buttons act here."""
        self.tab = tab
        tab.folder.setText(str(self.settings.backups_folder))
        tab.folder_button.clicked.connect(self.on_choose_folder)
        tab.backup_button.clicked.connect(self.on_backup_now)
        tab.restore_button.clicked.connect(self.on_restore)
        tab.check_button.clicked.connect(self.on_check)

    def _tab(self) -> SecurityTab:
        assert self.tab is not None
        return self.tab

    def on_choose_folder(self) -> None:
        folder = self.window.dialogs.ask_folder(self.window, "Daily backups folder", self.settings.backups_folder)
        if folder is not None and self.tab is not None:
            self.settings.backups_folder = folder
            self.tab.folder.setText(str(folder))

    def on_backup_now(self) -> None:
        from consultapp.store.backup import backup_name  # lazy: the store's maintenance loads on use
        from consultapp.store.maintenance import backup  # lazy: the store's maintenance loads on use

        tab = self._tab()
        suggested = self.settings.backups_folder / backup_name(dt.datetime.now())
        target = self.window.dialogs.ask_backup_target(self.window, suggested)
        if target is None:
            return
        tab.backup_result.setText("Backing up…")

        def done(info: BackupInfo) -> None:
            tab.backup_result.setText(f"Backup written and checked: {info.path}"
                                      + (" (encrypted)." if info.encrypted else "."))

        run_job(self.window.pool, self, lambda: backup(self.db, target), done, said_on(tab.backup_result.setText))

    def on_restore(self) -> None:
        from consultapp.store.backup import read_backup  # lazy: the store's maintenance loads on use
        from consultapp.store.maintenance import restore  # lazy: the store's maintenance loads on use

        tab, path, dialogs = self._tab(), self.path, self.window.dialogs
        assert path is not None
        chosen = dialogs.ask_backup_to_restore(self.window, self.settings.backups_folder)
        if chosen is None:
            return
        try:
            info = read_backup(chosen)
        except Exception as exc:
            said_on(tab.backup_result.setText)(exc)
            return
        when = f"{info.created:%Y-%m-%d %H:%M}"
        if not dialogs.confirm(self.window, "Restore from a backup",
                               f"Replace the database with the backup of {when}? Everything recorded since then "
                               "is replaced; the current database is kept aside beside it."):
            return
        secret: str | None = None
        if info.encrypted:
            secret = dialogs.ask_secret(self.window, "Restore from a backup",
                                        "The passphrase (or recovery key) the backup was made with:")
            if not secret:
                return
        elif self.db.encrypted:  # restore never lowers protection: the plain backup is encrypted on the way in
            secret = dialogs.ask_secret(self.window, "Restore from a backup",
                                        "This backup is not encrypted; it is encrypted with this database's key "
                                        "as it is restored. The passphrase (or recovery key) of this database:")
            if not secret:
                return
        self.db.close()
        tab.backup_result.setText("Restoring…")

        def done(aside: object) -> None:
            tab.backup_result.setText(f"Restored the backup of {when}. The replaced database is kept as {aside}.")
            self.reopen(secret)

        run_job(self.window.pool, self, lambda: restore(chosen, path, secret), done,
                said_on(tab.backup_result.setText))

    def on_check(self) -> None:
        from consultapp.store.maintenance import integrity_problems  # lazy: the store's maintenance loads on use

        tab = self._tab()
        tab.check_result.setText("Checking every page…")

        def done(problems: list[str]) -> None:
            if problems:
                tab.check_result.setText("Problems found: " + "; ".join(problems[:5])
                                         + ". Restore from a backup, or ask for help before working on.")
            else:
                tab.check_result.setText("The database passed the full integrity check.")

        run_job(self.window.pool, self, lambda: integrity_problems(self.db, full=True), done,
                said_on(tab.check_result.setText))

    # -- on open ------------------------------------------------------------------------------------
    def start_integrity_check(self, then: Callable[[], None] | None = None) -> None:
        """SQLite's quick check on the pool, once the window works; a damaged file is never written over.

        Problems mark the database damaged (every write refused, reads still work), say so once, and skip
        ``then`` (the daily backup: a damaged file must not push a good backup out of the rotation).
        """
        from consultapp.store.maintenance import integrity_problems  # lazy: the store's maintenance loads on use

        if not self.db.is_sqlite:
            if then is not None:
                then()
            return

        def done(problems: list[str]) -> None:
            if problems:
                self.db.mark_damaged()
                log.error("integrity check on open found %d problems", len(problems))
                self.window.dialogs.error(
                    self.window,
                    "This database file is damaged, so ConsultApp will not write to it: you can read and print "
                    "what it holds, but not save.\n\nRestore it from a backup: Settings > Security & backups.",
                )
                return
            if then is not None:
                then()

        def failed(exc: Exception) -> None:
            log.error("integrity check on open failed: %s", type(exc).__name__)

        run_job(self.window.pool, self, lambda: integrity_problems(self.db, full=False), done, failed)

    def start_daily_backup(self) -> None:
        """The day's backup on the pool (7 daily + 4 weekly kept); a failure is said, not raised."""
        from consultapp.store.maintenance import auto_backup  # lazy: the store's maintenance loads on use

        if self.path is None:
            return
        folder = self.settings.backups_folder

        def done(info: object) -> None:
            if info is not None:
                self.window.statusBar().showMessage("Today's backup is written.", 6000)

        def failed(exc: Exception) -> None:
            def say(message: str) -> None:
                self.window.statusBar().showMessage(f"Today's backup failed: {message}", 15000)

            if shown(exc, say, what="daily backup") is None:  # a bug: said by its kind, and logged with it
                log.error("daily backup failed: %s", type(exc).__name__)
                say(type(exc).__name__)

        run_job(self.window.pool, self, lambda: auto_backup(self.db, folder), done, failed)
