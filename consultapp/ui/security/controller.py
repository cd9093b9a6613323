"""Wires the trust features into a main window: the lock, the Records menu, the Security tab, daily backups."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QTabWidget

from consultapp.store.errors import classify
from consultapp.ui.security.jobs import run_job
from consultapp.ui.security.lock import AppLock
from consultapp.ui.security.passphrase import RecoveryKeyDialog
from consultapp.ui.security.settings import SecuritySettings
from consultapp.ui.security.tab import SecurityTab
from consultapp.ui.security.throttle import Throttle, Wait

if TYPE_CHECKING:
    from consultapp.store.crypto import KdfParams
    from consultapp.store.db import Database
    from consultapp.ui.audit_view import AuditDialog
    from consultapp.ui.shell.window import MainWindow

log = logging.getLogger(__name__)

LOCK_NEEDS_ENCRYPTION = "The lock needs an encrypted database: encrypt it first (Settings > Security & backups)."
Reopen = Callable[[str | None], None]
"""Close this window and open the database again (with this passphrase to try first)."""


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class Security(QObject):
    """The window's trust features over one open database ``db``."""

    def __init__(self, window: MainWindow, db: Database, *, reopen: Reopen, kdf: KdfParams | None = None,
                 wait: Wait | None = None, idle_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.path = db.path
        self.reopen = reopen
        self.kdf = kdf
        if db.encrypted and self.path is not None:
            from consultapp.store.crypto import keyfile_for

            keys: Path | None = keyfile_for(self.path)
        else:
            keys = None
        qsettings = window.ui_settings.qsettings if window.ui_settings is not None else None
        default_backups = self.path.parent / "backups" if self.path is not None else Path.home()
        self.settings = SecuritySettings(qsettings, default_backups)
        self.throttle = Throttle(wait)
        self.lock = AppLock(window, keys, idle_ms or self.settings.idle_minutes * 60_000, self.throttle)
        self.audit_dialog: AuditDialog | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.lock.before_lock.append(self.close_audit)
        self.tab: SecurityTab | None = None
        self._build_menu()
        window.pages.widgetAdded.connect(self.on_pages_widget_added)
        for i in range(window.pages.count()):
            self.on_pages_widget_added(i)

    def _kdf(self) -> dict[str, Any]:
        return {} if self.kdf is None else {"kdf": self.kdf}

    # -- menu ---------------------------------------------------------------------------------------
    def _action(self, text: str, keys: str | None, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work wherever the focus is in the window
        self.menu.addAction(action)
        return action

    def _build_menu(self) -> None:
        bar = self.window.menuBar()
        self.menu = QMenu("&Records", bar)
        self.menu.setToolTipsVisible(True)
        help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
        if help_action is not None:
            bar.insertMenu(help_action, self.menu)
        else:
            bar.addMenu(self.menu)
        self.action_lock = self._action("&Lock", "Ctrl+L", self.lock.lock)
        if not self.lock.available:
            self.action_lock.setEnabled(False)
            self.action_lock.setToolTip(LOCK_NEEDS_ENCRYPTION)
        self.menu.addSeparator()
        self.action_audit = self._action("&Audit trail…", None, self.on_audit)
        self.action_security = self._action("&Security && backups…", None, self.on_security_settings)
        self.menu.addSeparator()
        self.action_export = self._action("&Export client…", None, self.on_export_client)
        self.action_import = self._action("&Import client…", None, self.on_import_client)
        self.action_erase = self._action("E&rase client…", None, self.on_erase_client)

    # -- the settings tab ---------------------------------------------------------------------------
    def on_pages_widget_added(self, index: int) -> None:
        tabs = getattr(self.window.pages.widget(index), "tabs", None)
        if self.tab is not None or not isinstance(tabs, QTabWidget):
            return
        tabs.addTab(self._make_tab(), "Security && backups")

    def on_security_settings(self) -> SecurityTab:
        """Settings > Security & backups (in a window of its own if the settings page has no tabs)."""
        self.window.action_settings.trigger()
        if self.tab is None:
            from PySide6.QtWidgets import QVBoxLayout

            dialog = QDialog(self.window)
            dialog.setWindowTitle("Security & backups")
            QVBoxLayout(dialog).addWidget(self._make_tab())
            dialog.resize(760, 640)
        tab = self.tab
        assert tab is not None
        holder = tab.parentWidget()
        while holder is not None and not isinstance(holder, QTabWidget | QDialog):
            holder = holder.parentWidget()
        if isinstance(holder, QTabWidget):
            holder.setCurrentWidget(tab)
        elif isinstance(holder, QDialog):
            holder.show()
        tab.setFocus()
        return tab

    def _make_tab(self) -> SecurityTab:
        tab = SecurityTab(self.db.encrypted, self.path is not None)
        tab.idle_minutes.setValue(self.settings.idle_minutes)
        tab.folder.setText(str(self.settings.backups_folder))
        tab.idle_minutes.valueChanged.connect(self.on_idle_minutes_changed)
        tab.change_button.clicked.connect(self.on_change_passphrase)
        tab.recovery_button.clicked.connect(self.on_new_recovery_key)
        tab.encrypt_button.clicked.connect(self.on_encrypt)
        tab.folder_button.clicked.connect(self.on_choose_folder)
        tab.backup_button.clicked.connect(self.on_backup_now)
        tab.restore_button.clicked.connect(self.on_restore)
        tab.check_button.clicked.connect(self.on_check)
        self.tab = tab
        return tab

    def on_idle_minutes_changed(self, minutes: int) -> None:
        self.settings.idle_minutes = minutes
        self.lock.set_idle_ms(minutes * 60_000)

    def _fail(self, label_setter: Callable[[str], None]) -> Callable[[Exception], None]:
        def failed(exc: Exception) -> None:
            known = classify(exc)
            if known is None:
                raise exc
            label_setter(str(known))

        return failed

    def on_change_passphrase(self) -> None:
        from consultapp.store.maintenance import change_passphrase

        tab, path = self.tab, self.path
        assert tab is not None and path is not None
        new, current = tab.new.passphrase(), tab.current.text()
        if not current or new is None:
            tab.encryption_result.setText("Type the current passphrase, and the new one twice (at least 10 "
                                          "characters).")
            return

        def done(_result: object) -> None:
            tab.current.clear()
            tab.new.clear()
            tab.encryption_result.setText("Passphrase changed. Use the new one from now on.")

        run_job(self.window.pool, self, lambda: change_passphrase(path, current, new, **self._kdf()), done,
                self._fail(tab.encryption_result.setText))

    def on_new_recovery_key(self) -> None:
        from consultapp.store.maintenance import new_recovery_key

        tab, path = self.tab, self.path
        assert tab is not None and path is not None
        current = tab.current.text()
        if not current:
            tab.encryption_result.setText("Type the current passphrase first.")
            return

        def done(key: object) -> None:
            tab.current.clear()
            tab.encryption_result.setText("A new recovery key was made; the old one no longer works.")
            self.show_recovery_key(str(key))

        run_job(self.window.pool, self, lambda: new_recovery_key(path, current, **self._kdf()), done,
                self._fail(tab.encryption_result.setText))

    def show_recovery_key(self, key: str, then: Callable[[], None] | None = None) -> RecoveryKeyDialog:
        dialog = RecoveryKeyDialog(key, self.window)
        if then is not None:
            dialog.accepted.connect(then)
        self.recovery_dialog = dialog
        dialog.open()  # window-modal without blocking the event loop (or a test)
        return dialog

    def on_encrypt(self) -> None:
        from consultapp.store.maintenance import encrypt_plain_database

        tab, path = self.tab, self.path
        assert tab is not None and path is not None
        new = tab.new.passphrase()
        if new is None:
            tab.encryption_result.setText("Type the new passphrase twice (at least 10 characters).")
            return
        if not self.window.dialogs.confirm(self.window, "Encrypt the database",
                                           "Encrypt this database now? You will get a recovery key, then the "
                                           "app opens the database again with the new passphrase."):
            return
        self.db.close()  # the file is rewritten: no connection may stay open on it

        def done(key: object) -> None:
            tab.new.clear()
            self.show_recovery_key(str(key), lambda: self.reopen(new))

        run_job(self.window.pool, self, lambda: encrypt_plain_database(path, new, **self._kdf()), done,
                self._fail(tab.encryption_result.setText))

    def on_choose_folder(self) -> None:
        folder = self.window.dialogs.ask_folder(self.window, "Daily backups folder", self.settings.backups_folder)
        if folder is not None and self.tab is not None:
            self.settings.backups_folder = folder
            self.tab.folder.setText(str(folder))

    def on_backup_now(self) -> None:
        from consultapp.store.backup import backup_name
        from consultapp.store.maintenance import backup

        tab = self.tab
        assert tab is not None
        suggested = self.settings.backups_folder / backup_name(dt.datetime.now())
        target = self.window.dialogs.ask_backup_target(self.window, suggested)
        if target is None:
            return
        tab.backup_result.setText("Backing up…")

        def done(info: Any) -> None:
            tab.backup_result.setText(f"Backup written and checked: {info.path}"
                                      + (" (encrypted)." if info.encrypted else "."))

        run_job(self.window.pool, self, lambda: backup(self.db, target), done, self._fail(tab.backup_result.setText))

    def on_restore(self) -> None:
        from consultapp.store.backup import read_backup
        from consultapp.store.maintenance import restore

        tab, path, dialogs = self.tab, self.path, self.window.dialogs
        assert tab is not None and path is not None
        chosen = dialogs.ask_backup_to_restore(self.window, self.settings.backups_folder)
        if chosen is None:
            return
        try:
            info = read_backup(chosen)
        except Exception as exc:
            self._fail(tab.backup_result.setText)(exc)
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
        self.db.close()
        tab.backup_result.setText("Restoring…")

        def done(aside: object) -> None:
            tab.backup_result.setText(f"Restored the backup of {when}. The replaced database is kept as {aside}.")
            self.reopen(secret)

        run_job(self.window.pool, self, lambda: restore(chosen, path, secret), done,
                self._fail(tab.backup_result.setText))

    def on_check(self) -> None:
        from consultapp.store.maintenance import integrity_problems

        tab = self.tab
        assert tab is not None
        tab.check_result.setText("Checking every page…")

        def done(problems: Any) -> None:
            if problems:
                tab.check_result.setText("Problems found: " + "; ".join(problems[:5])
                                         + ". Restore from a backup, or ask for help before working on.")
            else:
                tab.check_result.setText("The database passed the full integrity check.")

        run_job(self.window.pool, self, lambda: integrity_problems(self.db, full=True), done,
                self._fail(tab.check_result.setText))

    # -- daily backup -------------------------------------------------------------------------------
    def start_integrity_check(self, then: Callable[[], None] | None = None) -> None:
        """SQLite's quick check on the pool, once the window works; a damaged file is never written over.

        Problems mark the database damaged (every write refused, reads still work), say so once, and skip
        ``then`` (the daily backup: a damaged file must not push a good backup out of the rotation).
        """
        from consultapp.store.maintenance import integrity_problems

        if not self.db.is_sqlite:
            if then is not None:
                then()
            return

        def done(problems: object) -> None:
            if problems:
                self.db.mark_damaged()
                log.error("integrity check on open found %d problems", len(problems))  # type: ignore[arg-type]
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
        from consultapp.store.maintenance import auto_backup

        if self.path is None:
            return
        folder = self.settings.backups_folder

        def done(info: object) -> None:
            if info is not None:
                self.window.statusBar().showMessage("Today's backup is written.", 6000)

        def failed(exc: Exception) -> None:
            log.error("daily backup failed: %s", type(exc).__name__)
            known = classify(exc)
            self.window.statusBar().showMessage(f"Today's backup failed: {known or type(exc).__name__}", 15000)

        run_job(self.window.pool, self, lambda: auto_backup(self.db, folder), done, failed)

    # -- audit trail --------------------------------------------------------------------------------
    def on_audit(self) -> None:
        from consultapp.ui.audit_view import AuditDialog

        self.close_audit()
        client = self.window.current_client
        label = client.full_name if client is not None else ""
        self.audit_dialog = AuditDialog(self.db, client.id if client else None, label, self.window)
        self.audit_dialog.show()

    def close_audit(self) -> None:
        if self.audit_dialog is not None:
            self.audit_dialog.close()
            self.audit_dialog.deleteLater()
            self.audit_dialog = None

    # -- a client's record --------------------------------------------------------------------------
    def _report(self, exc: Exception) -> None:
        known = classify(exc)
        if known is None:
            raise exc
        self.window.dialogs.error(self.window, str(known))

    def on_export_client(self) -> None:
        from consultapp.store.transfer import export_client

        client, dialogs = self.window.current_client, self.window.dialogs
        if client is None or client.id is None:
            dialogs.error(self.window, "Choose a client in the list first.")
            return
        folder = dialogs.ask_folder(self.window, "Export the client's record into", Path.home())
        if folder is None:
            return
        client_id = client.id

        def done(result: Any) -> None:
            self.window.statusBar().showMessage(
                f"Exported {result.visits} visits and {result.documents} documents to {result.json_path}.", 10000)

        run_job(self.window.pool, self, lambda: export_client(self.db, client_id, folder), done, self._report)

    def on_import_client(self) -> None:
        from consultapp.store.transfer import import_client

        path = self.window.dialogs.ask_client_export(self.window, Path.home())
        if path is None:
            return

        def done(client: Any) -> None:
            self.window.refresh_clients(select=client.id)
            self.window.statusBar().showMessage("Client imported.", 8000)

        run_job(self.window.pool, self, lambda: import_client(self.db, path), done, self._report)

    def on_erase_client(self) -> None:
        from consultapp.store.transfer import erase_client

        w, client = self.window, self.window.current_client
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
        if not _same_name(typed, client.full_name):
            w.dialogs.error(w, "The name typed is not the client's full name; nothing was erased.")
            return
        client_id = client.id

        def done(_result: object) -> None:
            w.current_client = None
            w.refresh_clients()
            w.show_home()
            w.statusBar().showMessage("The client was erased.", 8000)

        run_job(w.pool, self, lambda: erase_client(self.db, client_id), done, self._report)
