"""The crash hook: an unexpected error is logged (without client data) and shown with a copy button.

Installed by ``app.run`` before the QApplication exists. The log holds where the error happened
(files, lines, functions, the exception's type), never its message or local values, which could carry
names, dates of birth or notes. ``CONSULTAPP_NO_CRASH_DIALOG=1`` keeps tests and CI from blocking.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from consultapp.runtime.files import open_private, private_dir

NO_DIALOG_ENV = "CONSULTAPP_NO_CRASH_DIALOG"
LOG_NAME = "crash.log"

ShowDialog = Callable[[str, Path], None]


def crash_report(exc_type: type[BaseException], tb: TracebackType | None, version: str) -> str:
    """The report: app, Python and Qt versions, platform, exception type and frames - no message."""
    import datetime as dt  # lazy: the hook is installed at start; its report is written only on a crash
    import platform  # lazy: (as above)

    lines = [
        f"ConsultApp {version} crashed at {dt.datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Exception: {exc_type.__module__}.{exc_type.__qualname__} (message left out: it may hold client data)",
        "Traceback (most recent call last):",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{_short(frame.filename)}", line {frame.lineno}, in {frame.name}')
    return "\n".join(lines) + "\n"


def _short(filename: str) -> str:
    """Paths relative to the package or site-packages: no user name from the home folder."""
    path = Path(filename)
    for marker in ("consultapp", "site-packages"):
        if marker in path.parts:
            index = len(path.parts) - 1 - path.parts[::-1].index(marker)
            return str(Path(*path.parts[index:]))
    return path.name


class CrashHandler:
    """Callable as ``sys.excepthook`` (and, through ``thread_hook``, ``threading.excepthook``)."""

    def __init__(self, log_dir: Path, version: str, show: ShowDialog | None = None) -> None:
        self.log_dir = log_dir
        self.version = version
        self.show = show or show_crash_dialog
        self.handling = False

    @property
    def log_path(self) -> Path:
        return self.log_dir / LOG_NAME

    def __call__(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc if exc is not None else exc_type(), tb)
            return
        if self.handling:  # an error while reporting an error: do not loop
            return
        self.handling = True
        try:
            report = crash_report(exc_type, tb, self.version)
            try:
                private_dir(self.log_dir)
                with open_private(self.log_path, "a", encoding="utf-8") as log:
                    log.write(report + "\n")
            except OSError:
                pass  # a full or read-only disk must not hide the dialog
            sys.stderr.write(report)
            if os.environ.get(NO_DIALOG_ENV) != "1":
                self.show(report, self.log_path)
        finally:
            self.handling = False

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        self(args.exc_type, args.exc_value, args.exc_traceback)


def install(log_dir: Path, version: str, show: ShowDialog | None = None) -> CrashHandler:
    """Make ``CrashHandler`` the hook for uncaught errors on every thread; returns it."""
    handler = CrashHandler(log_dir, version, show)
    sys.excepthook = handler
    threading.excepthook = handler.thread_hook
    return handler


def show_crash_dialog(report: str, log_path: Path) -> None:
    """A dialog with the report and a button that copies it (only if a QApplication is running)."""
    from PySide6.QtWidgets import (  # lazy: the hook is installed before the QApplication exists
        QApplication,
        QDialog,
        QHBoxLayout,
        QLabel,
        QPlainTextEdit,
        QPushButton,
        QVBoxLayout,
    )

    app = QApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return
    dialog = QDialog()
    dialog.setWindowTitle("ConsultApp: unexpected error")
    intro = QLabel("Something went wrong inside ConsultApp. What you saved is safe, and the visit you were "
                   f"typing is kept as a draft.\n\nA report without any client data was written to:\n{log_path}")
    intro.setWordWrap(True)
    text = QPlainTextEdit(report)
    text.setReadOnly(True)
    text.setAccessibleName("Crash report")
    copy = QPushButton("&Copy report")
    close = QPushButton("Close")
    copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
    close.clicked.connect(dialog.accept)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(copy)
    buttons.addWidget(close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addWidget(text, 1)
    layout.addLayout(buttons)
    dialog.resize(640, 420)
    dialog.exec()
