"""The app lock: after an idle time or on demand, a lock page replaces every client's data."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMenu, QVBoxLayout, QWidget
from shiboken6 import isValid

from consultapp.ui.security.jobs import run_job
from consultapp.ui.security.passphrase import UnlockForm
from consultapp.ui.security.throttle import Throttle

if TYPE_CHECKING:
    from consultapp.store.db import Database
    from consultapp.ui.shell.window import MainWindow

DEFAULT_IDLE_MINUTES = 10
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})


class LockPage(QWidget):
    """What shows while locked: no names, only the way back in."""

    def __init__(self, throttle: Throttle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.form = UnlockForm("ConsultApp is locked", throttle)
        self.form.setFixedWidth(600)  # a fixed width lets the wrapped lines take their height
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setFocusProxy(self.form)


class InputWatcher(QObject):
    """Notes the time of the last key press, click or mouse move in the main window.

    It watches the window's QWindow, which receives every input event before its widgets do: an
    application-wide Python filter would also see the events of widgets half-way through their
    destruction, which crashes PySide.
    """

    def __init__(self) -> None:
        super().__init__()
        self.last_input = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False


def _watch_input(window: QWidget) -> InputWatcher:
    watcher = InputWatcher()
    if window.windowHandle() is None:
        window.winId()  # creates the native window (and its QWindow) now
    handle = window.windowHandle()
    if handle is not None:
        handle.installEventFilter(watcher)
    return watcher


def keys_path_for(db: Database) -> Path | None:
    """The key file of an encrypted database file (what the lock checks a passphrase against); else None."""
    if not db.encrypted or db.path is None:
        return None
    from consultapp.store.crypto import keyfile_for  # lazy: Argon2 loads on use

    return keyfile_for(db.path)


def check_secret(keys_path: Path, secret: str) -> bool:
    """True when ``secret`` (passphrase or recovery key) unwraps this database's key."""
    from consultapp.store.crypto import KeyFile, WrongSecret  # lazy: Argon2 loads on the first unlock

    try:
        KeyFile.read(keys_path).unlock(secret)
    except WrongSecret:
        return False
    return True


class AppLock(QObject):
    """Locks ``window`` after ``idle_ms`` without keyboard or mouse input, or when asked.

    Only an encrypted database can be locked (``keys_path`` is its key file); the unlock checks the
    passphrase against that key file on the window's pool, so the GUI does not freeze during Argon2.
    """

    locked_changed = Signal(bool)

    def __init__(self, window: MainWindow, keys_path: Path | None, idle_ms: int, throttle: Throttle) -> None:
        super().__init__(window)
        self.window = window
        self.keys_path = keys_path
        self.page = LockPage(throttle)
        window.pages.addWidget(self.page)
        self.page.form.submitted.connect(self.on_form_submitted)
        self.before_lock: list[Callable[[], None]] = []  # e.g. close the audit viewer
        self._locked = False
        self._previous: QWidget | None = None
        self._disabled: list[object] = []
        self._hidden: list[QWidget] = []
        self.watcher: InputWatcher | None = None
        self.idle_ms = idle_ms
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.on_timer_timeout)
        if self.available:
            self.watcher = _watch_input(window)
            self.set_idle_ms(idle_ms)

    @property
    def available(self) -> bool:
        return self.keys_path is not None

    def is_locked(self) -> bool:
        return self._locked

    def set_idle_ms(self, idle_ms: int) -> None:
        self.idle_ms = max(1, idle_ms)
        if self.watcher is not None:
            self.watcher.last_input = time.monotonic()
        if self.available:
            self.timer.start(max(10, min(self.idle_ms // 4, 15_000)))

    def stop(self) -> None:
        """Stop watching (the window is going away)."""
        self.timer.stop()
        handle = self.window.windowHandle()
        if self.watcher is not None and handle is not None:
            handle.removeEventFilter(self.watcher)
        self.watcher = None

    def on_timer_timeout(self) -> None:
        watcher = self.watcher
        if watcher is not None and not self._locked and (time.monotonic() - watcher.last_input) * 1000 >= self.idle_ms:
            self.lock()

    def lock(self) -> None:
        """Hide every client's data behind the lock page."""
        if not self.available or self._locked:
            return
        for hook in self.before_lock:
            hook()
        w = self.window
        self._locked = True
        self._previous = w.pages.currentWidget()
        keep = w.current_client
        w.home.search.blockSignals(True)
        w.home.set_clients([])
        w.home.show_client(None, [])
        w.home.search.blockSignals(False)
        w.current_client = keep  # the open visit or history page is hidden, not lost
        self._disabled = [a for a in w.actions() if a.isEnabled() and a is not w.action_quit]
        for action in self._disabled:
            action.setEnabled(False)  # type: ignore[attr-defined]
        w.menuBar().setEnabled(False)
        w.setWindowTitle("ConsultApp")
        w.statusBar().clearMessage()
        w.pages.setCurrentWidget(self.page)
        # Other windows of the app (the handout library, a preview...) may show a name: hide them too.
        self._hidden = [t for t in QApplication.topLevelWidgets()
                        if t.isVisible() and t is not w and not isinstance(t, QMenu)]
        for other in self._hidden:
            other.hide()
        self.page.form.secret.setFocus()
        self.locked_changed.emit(True)

    def on_form_submitted(self, secret: str) -> None:
        keys = self.keys_path
        assert keys is not None
        run_job(self.window.pool, self, lambda: check_secret(keys, secret), self.on_check_done, self.on_check_failed)

    def on_check_done(self, ok: object) -> None:
        if ok:
            self.page.form.succeed()
            self.unlock()
        else:
            self.page.form.refuse()

    def on_check_failed(self, exc: Exception) -> None:
        self.page.form.fail(f"The key file could not be read: {exc}")

    def unlock(self) -> None:
        w = self.window
        self._locked = False
        for action in self._disabled:
            action.setEnabled(True)  # type: ignore[attr-defined]
        self._disabled = []
        w.menuBar().setEnabled(True)
        client = w.current_client
        w.refresh_clients(select=client.id if client is not None else None)
        w.current_client = client
        for other in self._hidden:
            if isValid(other):
                other.show()
        self._hidden = []
        w.pages.setCurrentWidget(self._previous or w.home)
        (self._previous or w.home).setFocus()
        if self.watcher is not None:
            self.watcher.last_input = time.monotonic()
        self.locked_changed.emit(False)
