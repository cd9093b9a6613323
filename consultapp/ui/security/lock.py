"""The app lock: after an idle time in every window, or on demand, a lock page replaces every client's data
and every other window of the app is hidden, in every mode (what unlocks it: ``lock_secret.py``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QGridLayout, QMenu, QWidget
from shiboken6 import isValid

from consultapp.ui.security.jobs import run_job
from consultapp.ui.security.lock_secret import LockSecret
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

    def __init__(self, throttle: Throttle, secret: LockSecret | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        if secret is None:
            self.form = UnlockForm("ConsultApp is locked", throttle)
        else:
            self.form = UnlockForm("ConsultApp is locked", throttle, prompt=secret.prompt, explain=secret.explain,
                                   refused=secret.refused, needs_secret=secret.check is not None)
        self.form.setFixedWidth(600)  # a fixed width lets the wrapped lines take their height
        # A grid, not a centred box: a grid asks the form its height for the form's own 600 px, so a message
        # wrapped onto more lines gets them (a box asked it for the page's whole width, and cut the lines).
        layout = QGridLayout(self)
        layout.addWidget(self.form, 1, 1)
        layout.setRowStretch(0, 1)
        layout.setRowStretch(2, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(2, 1)
        self.setFocusProxy(self.form)


class InputWatcher(QObject):
    """Notes the time of the last key press, click or mouse move in any window of the app.

    It watches each top-level QWindow (the main window, dialogs, the handout and help windows), which
    receives every input event before its widgets do: an application-wide Python filter would also see
    the events of widgets half-way through their destruction, which crashes PySide.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.last_input = clock()
        self._watched: list[QWindow] = []

    def touch(self) -> None:
        self.last_input = self.clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT_EVENTS:
            self.touch()
        return False

    def watch_all(self) -> None:
        """Watch every window of the app not watched yet (new dialogs come and go)."""
        self._watched = [w for w in self._watched if isValid(w)]
        for window in QGuiApplication.allWindows():
            if window not in self._watched:
                window.installEventFilter(self)
                self._watched.append(window)

    def on_focus_window_changed(self, window: QWindow | None) -> None:
        if window is not None:
            self.watch_all()

    def stop(self) -> None:
        for window in self._watched:
            if isValid(window):
                window.removeEventFilter(self)
        self._watched = []


def _watch_input(window: QWidget, clock: Callable[[], float]) -> InputWatcher:
    watcher = InputWatcher(clock)
    if window.windowHandle() is None:
        window.winId()  # creates the native window (and its QWindow) now
    watcher.watch_all()
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.focusWindowChanged.connect(watcher.on_focus_window_changed)
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
    """Locks ``window`` and hides every other window of the app after ``idle_ms`` without keyboard or mouse
    input in any of them, or when asked; ``secret`` unlocks (``lock_secret.py``: passphrase, server password,
    lock PIN). The check runs on the window's pool, so the GUI does not freeze during Argon2.

    ``clock`` (seconds, monotonic) is what idle time is measured with: tests pass one they move by hand.
    """

    locked_changed = Signal(bool)

    def __init__(self, window: MainWindow, secret: LockSecret, idle_ms: int, throttle: Throttle, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.secret = secret
        self.clock = clock
        if secret.counter is not None:
            throttle.counter = secret.counter  # the store's count: what the screen says is what it applies
        self.page = LockPage(throttle, secret)
        window.pages.addWidget(self.page)
        self.page.form.submitted.connect(self.on_form_submitted)
        self.before_lock: list[Callable[[], None]] = []  # e.g. close the audit viewer
        self._locked = False
        self._previous: QWidget | None = None
        self._disabled: list[object] = []
        self._hidden: list[QWidget] = []
        self.idle_ms = idle_ms
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.on_timer_timeout)
        self.watcher: InputWatcher | None = _watch_input(window, clock)
        self.set_idle_ms(idle_ms)

    def set_secret(self, secret: LockSecret) -> None:
        """Unlock with another secret from now on (a lock PIN was just chosen)."""
        self.secret = secret
        self.page.form.configure(secret.prompt, secret.explain, secret.refused, secret.check is not None)

    @property
    def available(self) -> bool:
        return True  # in every mode (issue 14, point 8): what unlocks it depends on the mode

    def is_locked(self) -> bool:
        return self._locked

    def set_idle_ms(self, idle_ms: int) -> None:
        self.idle_ms = max(1, idle_ms)
        if self.watcher is not None:
            self.watcher.touch()
        self.timer.start(max(10, min(self.idle_ms // 4, 15_000)))

    def stop(self) -> None:
        """Stop watching (the window is going away)."""
        self.timer.stop()
        if self.watcher is not None:
            self.watcher.stop()
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                app.focusWindowChanged.disconnect(self.watcher.on_focus_window_changed)
        self.watcher = None

    def idle_for_ms(self) -> float:
        return 0.0 if self.watcher is None else (self.clock() - self.watcher.last_input) * 1000

    def on_timer_timeout(self) -> None:
        watcher = self.watcher
        if watcher is None or self._locked:
            return
        watcher.watch_all()  # (a window opened since the last tick is watched from now on)
        if self.idle_for_ms() >= self.idle_ms:
            self.lock()

    def lock(self) -> None:
        """Hide every client's data behind the lock page, and every other window of the app."""
        if self._locked:
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
        # Other windows of the app (dialogs, the handout library, help, a preview...) may show a name: hidden.
        self._hidden = [t for t in QApplication.topLevelWidgets()
                        if t.isVisible() and t is not w and not isinstance(t, QMenu)]
        for other in self._hidden:
            other.hide()
        self.page.form.setFocus()
        self.locked_changed.emit(True)

    def on_form_submitted(self, secret: str) -> None:
        check = self.secret.check
        if check is None:
            self.page.form.succeed()
            self.unlock()
            return
        run_job(self.window.pool, self, lambda: check(secret), self.on_check_done, self.on_check_failed)
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
            self.watcher.touch()
        self.locked_changed.emit(False)
