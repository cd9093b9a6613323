"""GUI entry point: crash hook, the QApplication, the main window, then the database behind it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

# The desktop file's name without ".desktop" (packaging/linux/): Wayland matches windows to it.
DESKTOP_FILE_NAME = "org.consultapp.ConsultApp"
# Set to 1 to quit once the clients are listed, writing "ready" (the window is up and takes input) and
# "listed" (the first page of clients is shown) on stdout: the benchmark times cold start with it.
EXIT_WHEN_READY_ENV = "CONSULTAPP_EXIT_WHEN_READY"


def create_application() -> QApplication:
    """The QApplication (created once), named as the desktop integration expects."""
    from PySide6.QtWidgets import QApplication

    from consultapp import __version__

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ConsultApp")
    app.setOrganizationName("ConsultApp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    return app


def run(db_target: str | Path | None = None) -> int:
    """Start the app on ``db_target`` (default: the user data folder's database).

    The window shows first, its search box taking input; the store (SQLAlchemy, the migrations)
    opens on a worker thread and is attached when ready, so starting never waits for it. A new
    default database is created encrypted (the consultant chooses a passphrase); an encrypted one
    asks for its passphrase first; a plain one (``--db``) opens without a question.
    """
    from platformdirs import user_config_path, user_log_path

    from consultapp import __version__
    from consultapp.ui.crash import install

    # Before the QApplication: an error while starting up is caught and logged too.
    install(user_log_path("ConsultApp", appauthor=False), __version__)
    try:
        return _run(db_target, user_config_path("ConsultApp", appauthor=False))
    finally:
        from consultapp.logging_setup import attach_log_file

        attach_log_file()  # (once open, nothing; a start that failed before its window showed keeps its log)


def _run(db_target: str | Path | None, config_folder: Path) -> int:
    from consultapp.ui.security.startup import Startup
    from consultapp.ui.shell.window import MainWindow
    from consultapp.ui.ui_settings import UiSettings

    app = create_application()
    ui_settings = UiSettings(config_folder / "window.ini")
    report = os.environ.get(EXIT_WHEN_READY_ENV) == "1"

    def on_listed() -> None:
        if report:
            _say("listed")
            app.quit()

    startup = Startup(db_target, lambda: MainWindow(ui_settings=ui_settings), quit=app.exit,
                      on_listed=on_listed, daily_backup=not report)
    startup.window.show()

    def on_first_turn() -> None:
        if report:
            _say("ready")
        from consultapp.logging_setup import attach_log_file

        attach_log_file()  # (with what was logged while starting: see logging_setup)
        startup.start()
        from consultapp.ui.fonts import add_bundled_fonts

        # CJK, Hangul and emoji names on machines without such fonts. On the GUI thread, before any name is
        # listed (the store is still opening): fonts added from another thread leave text already laid out
        # in boxes. A few frames, once, after the window takes input.
        add_bundled_fonts()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, on_first_turn)
    try:
        return app.exec()
    finally:
        from PySide6.QtCore import QThreadPool

        pool = QThreadPool.globalInstance()
        pool.clear()  # work not yet started never starts,
        pool.waitForDone()  # and work under way (a list, a save, a backup) ends before its database closes
        startup.close()


def _say(word: str) -> None:
    sys.stdout.write(f"{word}\n")
    sys.stdout.flush()
