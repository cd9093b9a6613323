"""The database's encryption from the Security tab: change the passphrase, a new recovery key, encrypt a plain file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from consultapp.ui.security.jobs import run_job, said_on
from consultapp.ui.security.passphrase import RecoveryKeyDialog

if TYPE_CHECKING:

    from consultapp.store.crypto import KdfParams
    from consultapp.store.db import Database
    from consultapp.ui.security.backups import Reopen
    from consultapp.ui.security.tab import SecurityTab
    from consultapp.ui.shell.window import MainWindow


def _check_current(path: Path, current: str) -> None:
    """Refuse a wrong current passphrase before anything is closed (counted and slowed as an open is)."""
    from consultapp.store import attempts  # lazy: the store loads on use
    from consultapp.store.crypto import keyfile_for  # lazy: as above
    from consultapp.store.errors import WrongPassphrase  # lazy: as above
    from consultapp.ui.security.lock import check_secret  # lazy: Argon2 loads on use

    def check() -> None:
        if not check_secret(keyfile_for(path), current):
            raise WrongPassphrase("That passphrase (or recovery key) does not open this database.")

    attempts.guarded(path, check)


class Encryption(QObject):
    """The passphrase and recovery key of the database ``db`` open in ``window`` (``kdf``: Argon2's cost)."""

    def __init__(self, window: MainWindow, db: Database, reopen: Reopen, kdf: KdfParams | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.path = db.path
        self.reopen = reopen
        self.kdf = kdf
        self.tab: SecurityTab | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None

    def bind(self, tab: SecurityTab) -> None:
        """The Security tab's encryption buttons act here."""
        self.tab = tab
        tab.change_button.clicked.connect(self.on_change_passphrase)
        tab.recovery_button.clicked.connect(self.on_new_recovery_key)
        tab.encrypt_button.clicked.connect(self.on_encrypt)

    def _kdf(self) -> dict[str, Any]:
        return {} if self.kdf is None else {"kdf": self.kdf}

    def _tab_and_path(self) -> tuple[SecurityTab, Path]:
        assert self.tab is not None and self.path is not None
        return self.tab, self.path

    def on_change_passphrase(self) -> None:
        """Change the passphrase; with "Also replace the data key" (ticked by default) re-encrypt under a new key.

        A rotation rewrites the file, so the passphrase is checked first (the database stays open if it is
        wrong); then the database is closed, re-encrypted, the new recovery key shown and the database reopened.
        """
        from consultapp.store.maintenance import change_passphrase  # lazy: Argon2 loads on use

        tab, path = self._tab_and_path()
        new, current = tab.new.passphrase(), tab.current.text()
        if not current or new is None:
            tab.encryption_result.setText("Type the current passphrase, and the new one twice (at least 10 "
                                          "characters).")
            return
        if tab.rotate_key.isChecked():
            run_job(self.window.pool, self, lambda: _check_current(path, current),
                    lambda _ok: self._rotate(path, current, new), said_on(tab.encryption_result.setText))
            return

        def done(_result: object) -> None:
            tab.current.clear()
            tab.new.clear()
            tab.encryption_result.setText("Passphrase changed. Use the new one from now on.")

        run_job(self.window.pool, self, lambda: change_passphrase(path, current, new, **self._kdf()), done,
                said_on(tab.encryption_result.setText))

    def _rotate(self, path: Path, current: str, new: str) -> None:
        from consultapp.store.maintenance import rotate_key  # lazy: Argon2 loads on use

        tab, _ = self._tab_and_path()
        tab.encryption_result.setText("Re-encrypting the database under a new key…")
        self.db.close()  # the file is rewritten: no connection may stay open on it

        def done(key: object) -> None:
            tab.current.clear()
            tab.new.clear()
            tab.encryption_result.setText("Passphrase changed and the data key replaced. Use the new passphrase "
                                          "from now on; write down the new recovery key.")
            self.show_recovery_key(str(key), lambda: self.reopen(new))

        def failed(exc: Exception) -> None:
            said_on(tab.encryption_result.setText)(exc)
            self.reopen(current)  # nothing was changed: the database opens as it was

        run_job(self.window.pool, self, lambda: rotate_key(path, current, new, **self._kdf()), done, failed)

    def on_new_recovery_key(self) -> None:
        from consultapp.store.maintenance import new_recovery_key  # lazy: Argon2 loads on use

        tab, path = self._tab_and_path()
        current = tab.current.text()
        if not current:
            tab.encryption_result.setText("Type the current passphrase first.")
            return

        def done(key: object) -> None:
            tab.current.clear()
            tab.encryption_result.setText("A new recovery key was made; the old one no longer works.")
            self.show_recovery_key(str(key))

        run_job(self.window.pool, self, lambda: new_recovery_key(path, current, **self._kdf()), done,
                said_on(tab.encryption_result.setText))

    def show_recovery_key(self, key: str, then: Callable[[], None] | None = None) -> RecoveryKeyDialog:
        dialog = RecoveryKeyDialog(key, self.window)
        if then is not None:
            dialog.accepted.connect(then)
        self.recovery_dialog = dialog
        dialog.open()  # window-modal without blocking the event loop (or a test)
        return dialog

    def on_encrypt(self) -> None:
        from consultapp.store.maintenance import encrypt_plain_database  # lazy: Argon2 loads on use

        tab, path = self._tab_and_path()
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
                said_on(tab.encryption_result.setText))
