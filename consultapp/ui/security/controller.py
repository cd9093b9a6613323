"""Wires the trust features into a main window: the Records menu and the Security tab, delegating to the lock
(``lock.py``), the encryption (``encryption.py``), the backups (``backups.py``) and a client's whole record
(``ui/records/``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QTabWidget, QVBoxLayout, QWidget

from consultapp.ui.records.erase import erase_client_record
from consultapp.ui.records.export import export_client_record
from consultapp.ui.records.importing import import_client_record
from consultapp.ui.report import Reporter
from consultapp.ui.security.backups import Backups, Reopen
from consultapp.ui.security.encryption import Encryption
from consultapp.ui.security.lock import AppLock
from consultapp.ui.security.lock_secret import MIN_PIN_LENGTH, LockMode, hash_pin, lock_secret_for, pin_key
from consultapp.ui.security.settings import SecuritySettings
from consultapp.ui.security.tab import SecurityTab
from consultapp.ui.security.throttle import Throttle, Wait

if TYPE_CHECKING:
    from consultapp.store.crypto import KdfParams
    from consultapp.store.db import Database
    from consultapp.ui.audit_view import AuditDialog
    from consultapp.ui.security.passphrase import RecoveryKeyDialog
    from consultapp.ui.shell.window import MainWindow

__all__ = ["Reopen", "SecurityController"]


class SecurityController(QObject):
    """The window's trust features over one open database ``db``; failures shown through ``report``."""

    def __init__(self, window: MainWindow, db: Database, *, reopen: Reopen, kdf: KdfParams | None = None,
                 wait: Wait | None = None, idle_ms: int | None = None, report: Reporter | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.path = db.path
        self.reopen = reopen
        self.kdf = kdf
        self.report = report or window.report
        qsettings = window.ui_settings.qsettings if window.ui_settings is not None else None
        default_backups = self.path.parent / "backups" if self.path is not None else Path.home()
        self.settings = SecuritySettings(qsettings, default_backups)
        self.throttle = Throttle(wait)
        self.lock = AppLock(window, lock_secret_for(db, self.settings), idle_ms or self.settings.idle_minutes * 60_000,
                            self.throttle, **({"clock": clock} if clock is not None else {}))
        self.encryption = Encryption(window, db, reopen, kdf)
        self.backups = Backups(window, db, self.settings, reopen)
        self.audit_dialog: AuditDialog | None = None
        self.lock.before_lock.append(self.close_audit)
        self.tab: SecurityTab | None = None
        self._build_menu()
        window.pages.widgetAdded.connect(self.on_pages_widget_added)
        for i in range(window.pages.count()):
            self.on_pages_widget_added(i)

    @property
    def recovery_dialog(self) -> RecoveryKeyDialog | None:
        """The recovery key shown last (to write down), if any."""
        return self.encryption.recovery_dialog

    # -- menu ---------------------------------------------------------------------------------------
    def _action(self, text: str, keys: str | None, slot: Callable[[], object]) -> QAction:
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
        self.menu.addSeparator()
        self.action_audit = self._action("&Audit trail…", None, self.on_audit)
        self.action_security = self._action("&Security && backups…", None, self.on_security_settings)
        self.menu.addSeparator()
        self.action_export = self._action("&Export client…", None, self.on_export_client)
        self.action_import = self._action("&Import client…", None, self.on_import_client)
        self.action_erase = self._action("E&rase client…", None, self.on_erase_client)

    # -- the settings tab ---------------------------------------------------------------------------
    def on_pages_widget_added(self, index: int) -> None:
        tabs = getattr(self.window.pages.widget(index), "tabs", None)  # the settings page's tabs
        if self.tab is not None or not isinstance(tabs, QTabWidget):
            return
        tabs.addTab(self._make_tab(), "Security && backups")

    def on_security_settings(self) -> SecurityTab:
        """Settings > Security & backups (in a window of its own if the settings page has no tabs)."""
        self.window.action_settings.trigger()
        if self.tab is None:
            dialog = QDialog(self.window)
            dialog.setWindowTitle("Security & backups")
            QVBoxLayout(dialog).addWidget(self._make_tab())
            dialog.resize(760, 640)
        tab = self.tab
        assert tab is not None
        holder: QWidget | None = tab.parentWidget()
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
        tab.idle_minutes.valueChanged.connect(self.on_idle_minutes_changed)
        tab.show_lock_mode(self.lock.secret.mode)
        tab.pin_button.clicked.connect(self.on_set_pin)
        self.encryption.bind(tab)
        self.backups.bind(tab)
        self.tab = tab
        return tab

    def on_set_pin(self) -> None:
        """Settings > Security & backups: choose (or change) the lock PIN of a plain file or a server login
        without a password; the lock asks for it from now on."""
        tab = self.tab
        assert tab is not None
        pin, again = tab.pin.text(), tab.pin_again.text()
        if len(pin) < MIN_PIN_LENGTH or pin != again:
            tab.pin_result.setText(f"Type the PIN twice, the same (at least {MIN_PIN_LENGTH} characters).")
            return
        if self.lock.secret.mode not in (LockMode.PIN, LockMode.NO_SECRET):
            return
        self.settings.set_lock_pin(pin_key(self.db), hash_pin(pin))
        self.lock.set_secret(lock_secret_for(self.db, self.settings))
        tab.pin.clear()
        tab.pin_again.clear()
        tab.show_lock_mode(self.lock.secret.mode)
        tab.pin_result.setText("Lock PIN set: the lock asks for it from now on.")

    def on_idle_minutes_changed(self, minutes: int) -> None:
        self.settings.idle_minutes = minutes
        self.lock.set_idle_ms(minutes * 60_000)

    # -- encryption (encryption.py) -----------------------------------------------------------------
    def on_change_passphrase(self) -> None:
        self.encryption.on_change_passphrase()

    def on_new_recovery_key(self) -> None:
        self.encryption.on_new_recovery_key()

    def show_recovery_key(self, key: str, then: Callable[[], None] | None = None) -> RecoveryKeyDialog:
        return self.encryption.show_recovery_key(key, then)

    def on_encrypt(self) -> None:
        self.encryption.on_encrypt()

    # -- backups (backups.py) -----------------------------------------------------------------------
    def on_choose_folder(self) -> None:
        self.backups.on_choose_folder()

    def on_backup_now(self) -> None:
        self.backups.on_backup_now()

    def on_restore(self) -> None:
        self.backups.on_restore()

    def on_check(self) -> None:
        self.backups.on_check()

    def start_integrity_check(self, then: Callable[[], None] | None = None) -> None:
        """SQLite's quick check on open; problems skip ``then`` (the day's backup). See ``Backups``."""
        self.backups.start_integrity_check(then)

    def start_daily_backup(self) -> None:
        """The day's backup on the pool (7 daily + 4 weekly kept); a failure is said, not raised."""
        self.backups.start_daily_backup()

    # -- audit trail --------------------------------------------------------------------------------
    def on_audit(self) -> None:
        from consultapp.ui.audit_view import AuditDialog  # lazy: built on first use

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

    # -- a client's record (ui/records/) ------------------------------------------------------------
    def on_export_client(self) -> None:
        export_client_record(self.window, self.db, self, self.report)

    def on_import_client(self) -> None:
        import_client_record(self.window, self.db, self, self.report)

    def on_erase_client(self) -> None:
        erase_client_record(self.window, self.db, self, self.report, self.settings.backups_folder)
