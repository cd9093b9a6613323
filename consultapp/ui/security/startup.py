"""Start-up: open the database behind a window that is already up, asking for a passphrase when needed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from consultapp.store.errors import InvalidDatabaseTarget, NotFoundError, WrongPassphrase, classify
from consultapp.ui.report import shown
from consultapp.ui.security.throttle import Throttle

FIRST_PAGE_WAIT_S = 2.0
"""How long the worker waits for the first page to show before it loads the store anyway."""


def _in_thread(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="open-database", daemon=True).start()


def _plain(path: Path) -> bool:
    """True for a plain SQLite file (read here: the crypto module is for encrypted databases only)."""
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


class Startup(QObject):
    """Opens the database behind a window that is already up, asking what it needs to ask.

    Args:
        target: a file or URL; None is the default database, created encrypted when missing.
        make_window: builds a main window (again after a restore or an encryption: ``reopen``).
        background: runs a function off the GUI thread (tests pass one that runs it at once).
        kdf: Argon2 parameters for new keys (tests pass FAST_KDF_FOR_TESTS).
        wait: how a wrong passphrase's delay is waited for (tests record it instead of waiting).
        quit: ends the application with an exit code (the user quit at the passphrase, or it failed).
        idle_ms, lock_clock: the lock's idle time and the clock it is measured with (tests move one by hand).
    """

    needs_passphrase = Signal(object)  # the new database's path
    needs_unlock = Signal(object)  # the encrypted database's path
    opened = Signal(object)  # Store
    failed = Signal(object)  # the exception
    first_page = Signal(object)  # list[FirstPageRow], read before the store opens (plain files only)

    def __init__(self, target: str | Path | None, make_window: Callable[[], Any], *,
                 background: Callable[[Callable[[], None]], None] = _in_thread, kdf: Any = None,
                 wait: Any = None, quit: Callable[[int], None] | None = None,  # noqa: A002
                 on_listed: Callable[[], None] | None = None, daily_backup: bool = True,
                 idle_ms: int | None = None, lock_clock: Callable[[], float] | None = None,
                 on_attached: Callable[[], None] | None = None, first_page_rows: int = 0) -> None:
        super().__init__()
        self.target = target
        self.make_window = make_window
        self.background = background
        self.kdf = kdf
        self.wait = wait
        self.quit = quit or (lambda _code: None)
        self.on_listed = on_listed
        self.on_attached = on_attached
        self.first_page_rows = first_page_rows  # 0: no first page before the store opens
        self._listed = False
        self._page_shown = threading.Event()  # the GUI thread has shown the first page (or let it go)
        self.daily_backup = daily_backup
        self.idle_ms = idle_ms
        self.lock_clock = lock_clock
        self.throttle = Throttle(wait)
        self.window = make_window()
        self.repo: Any = None
        self.security: Any = None
        self.unlock_dialog: Any = None
        self.passphrase_dialog: Any = None
        self.setup_dialog: Any = None
        self._try_first: str | None = None
        self._keyring_tried = False  # a passphrase remembered in the OS keyring is tried once, first
        self._unlocked_with: tuple[Path, str] | None = None  # to remember, when she ticked the box
        self.needs_passphrase.connect(self.on_needs_passphrase)
        self.needs_unlock.connect(self.on_needs_unlock)
        self.opened.connect(self.on_opened)
        self.failed.connect(self.on_failed)
        self.first_page.connect(self.on_first_page)

    def _kdf(self) -> dict[str, Any]:
        return {} if self.kdf is None else {"kdf": self.kdf}

    def start(self) -> None:
        self.background(self._probe)

    # -- on the worker -----------------------------------------------------------------------
    def _probe(self) -> None:
        self._read_first_page()
        try:
            from consultapp.store.db import default_database_path, resolve_url  # lazy: no SQLAlchemy at start-up

            if self.target is None:
                path: Path | None = default_database_path()
                assert path is not None
                if not path.exists():
                    self.needs_passphrase.emit(path)
                    return
            else:
                url = resolve_url(self.target)
                database = url.database
                in_file = url.get_backend_name() == "sqlite" and database and database != ":memory:"
                path = Path(database) if in_file and database else None
                if path is not None and not path.exists():
                    self._new_file(path)
                    return
            if path is not None and path.exists() and path.stat().st_size > 0 and not _plain(path):
                from consultapp.store.crypto import keyfile_for  # lazy: no Argon2 at start-up

                if not keyfile_for(path).exists():
                    raise InvalidDatabaseTarget(
                        f"{path} is not a ConsultApp database: it is not a plain database, and an encrypted one "
                        f"has its key file ({keyfile_for(path).name}) beside it."
                    )
                if self._try_first is None and not self._keyring_tried:
                    self._keyring_tried = True
                    from consultapp.store import secrets as keyring_store  # lazy: the keyring loads on use

                    self._try_first = keyring_store.recall(path)  # None where there is no OS keyring
                if self._try_first is None:
                    self.needs_unlock.emit(path)
                    return
                secret, self._try_first = self._try_first, None
                self._open(path, secret)
                return
            self._open(self.target or path, None)
        except Exception as exc:  # handed to the GUI thread, which tells problems from bugs
            self.failed.emit(exc)

    def _read_first_page(self) -> None:
        """A plain SQLite file named on the command line: its first page of clients, read before SQLAlchemy loads
        (store/first_page.py), shown while the store opens. Once, at the first start."""
        rows, self.first_page_rows = self.first_page_rows, 0
        target = self.target
        if not rows or target is None or "://" in str(target):
            return
        # lazy: the standard library's sqlite3 only (no SQLAlchemy), on this worker thread
        from consultapp.store.first_page import first_page

        page = first_page(Path(target).expanduser(), rows)
        if page is not None:
            self._page_shown.clear()
            self.first_page.emit(page)
            # The store's imports (SQLAlchemy) wait until the page is on screen: run beside it, they would hold
            # the interpreter's lock while the GUI thread lays the page out. (Bounded: a GUI thread held up by a
            # dialog does not hold the store up for long.)
            self._page_shown.wait(FIRST_PAGE_WAIT_S)

    def _new_file(self, path: Path) -> None:
        """``--db`` names a file that is not there: a new database, encrypted as the default one is,
        in a folder that exists (a mistyped folder is not created: the records would seem gone)."""
        if not path.parent.is_dir():
            raise NotFoundError(
                f"There is no database at {path}, and no folder {path.parent} to make one in. "
                "Check the path given with --db."
            )
        self.needs_passphrase.emit(path)

    def _open(self, target: Any, passphrase: str | None, encrypt_new: bool = False) -> None:
        try:
            from consultapp.store.db import open_database  # lazy: SQLAlchemy loads on this thread
            from consultapp.store.facade import Store  # lazy: SQLAlchemy loads on this thread

            db = open_database(target, passphrase=passphrase, encrypt_new=encrypt_new, **self._kdf())
            self.opened.emit(Store(db))
        except Exception as exc:
            self.failed.emit(exc)

    # -- on the GUI thread ---------------------------------------------------------------------
    def on_first_page(self, rows: Any) -> None:
        """Show the clients read ahead, unless the store is already attached (it has listed them itself)."""
        try:
            if self.repo is not None:
                return
            self.window.show_first_page(rows)
            self._say_listed()
        finally:
            self._page_shown.set()  # the worker opens the store now

    def _say_listed(self) -> None:
        if not self._listed and self.on_listed is not None:
            self._listed = True
            self.on_listed()

    def on_needs_passphrase(self, path: Path) -> None:
        from consultapp.ui.security.passphrase import NewPassphraseDialog  # lazy: screens load on use

        dialog = NewPassphraseDialog(self.window)
        dialog.accepted.connect(lambda: self.background(
            lambda: self._open(path, dialog.passphrase(), encrypt_new=True)))
        dialog.rejected.connect(lambda: self.quit(0))
        self.passphrase_dialog = dialog
        dialog.open()

    def on_needs_unlock(self, path: Path) -> None:
        from consultapp.store import secrets as keyring_store  # lazy: the keyring loads on use
        from consultapp.ui.security.passphrase import UnlockDialog  # lazy: screens load on use

        dialog = UnlockDialog(self.throttle, str(path), self.window,
                              can_remember=keyring_store.system_backend() is not None)
        from consultapp.store import attempts  # lazy: as above

        # The store's counter (beside the key file; the command line's too): the delay said is the one it applies.
        self.throttle.counter = lambda: attempts.failures(path)
        dialog.form.say_failures_so_far()

        def submitted(secret: str) -> None:
            self._unlocked_with = (path, secret) if dialog.remember.isChecked() else None
            self.background(lambda: self._open(path, secret))

        dialog.form.submitted.connect(submitted)
        dialog.rejected.connect(lambda: self.quit(0))
        self.unlock_dialog = dialog
        dialog.open()

    def on_opened(self, repo: Any) -> None:
        from consultapp.ui.security.controller import SecurityController  # lazy: screens load on use

        if self.unlock_dialog is not None:
            self.unlock_dialog.form.succeed()
            self.unlock_dialog.accepted.emit()  # not rejected: the app goes on
            self.unlock_dialog.hide()
            self.unlock_dialog.deleteLater()
            self.unlock_dialog = None
        if self._unlocked_with is not None:
            from consultapp.store import secrets as keyring_store  # lazy: the keyring loads on use

            keyring_store.remember(*self._unlocked_with)
            self._unlocked_with = None
        self.repo = repo
        self.window.attach(repo)
        self.security = SecurityController(self.window, repo.db, reopen=self.reopen, kdf=self.kdf, wait=self.wait,
                                           idle_ms=self.idle_ms, report=self.window.report, clock=self.lock_clock)
        if repo.db.recovery_key:  # a database just created: the first start
            self.security.show_recovery_key(repo.db.recovery_key, then=self.ask_practice_setup)
            repo.db.recovery_key = None  # shown once
        self.security.start_integrity_check(then=self.security.start_daily_backup if self.daily_backup else None)
        self._say_listed()
        if self.on_attached is not None:
            self.on_attached()

    def ask_practice_setup(self) -> None:
        """First start, once the recovery key is kept: the wording of the practice's plans and handouts."""
        from consultapp.ui.settings.first_start import ask_practice_setup  # lazy: screens load on use

        if self.repo is None:
            return
        self.setup_dialog = ask_practice_setup(
            self.window, self.repo, self.window.report, self.window.practice_flow.apply_settings
        )

    def on_failed(self, exc: Exception) -> None:
        known = classify(exc)
        if known is None:
            raise exc
        if isinstance(known, WrongPassphrase):
            if self.unlock_dialog is None:  # a passphrase tried first (after a restore) did not open it
                self.start()
            else:
                self.unlock_dialog.form.refuse()
            return
        if self.unlock_dialog is not None:
            shown(known, self.unlock_dialog.form.fail, what="open")
            return
        shown(known, lambda m: self.window.dialogs.error(self.window, f"The database could not be opened.\n\n{m}"),
              what="open")
        self.quit(2)

    def reopen(self, secret: str | None = None) -> None:
        """Open the database again in a new window (after a restore or an encryption)."""
        old = self.window
        if self.security is not None:
            self.security.lock.stop()
            self.security.close_audit()
        self.close()
        self.window = self.make_window()
        self.window.show()
        old.hide()
        old.deleteLater()
        self.security = None
        self._try_first = secret
        self.start()

    def close(self) -> None:
        if self.repo is not None:
            self.repo.db.close()
            self.repo = None
