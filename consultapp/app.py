"""GUI entry point: crash hook, the QApplication, the main window, then the database behind it."""

from __future__ import annotations

import os
import sys
import threading
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
    opens on a worker thread and is attached when ready, so starting never waits for it.
    """
    from platformdirs import user_config_path, user_log_path

    from consultapp import __version__
    from consultapp.ui.crash import install

    # Before the QApplication: an error while starting up is caught and logged too.
    install(user_log_path("ConsultApp", appauthor=False), __version__)

    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QMessageBox

    from consultapp.ui.main_window import MainWindow
    from consultapp.ui.ui_settings import UiSettings

    class Opener(QObject):
        opened = Signal(object)
        failed = Signal(object)

    app = create_application()
    ui_settings = UiSettings(user_config_path("ConsultApp", appauthor=False) / "window.ini")
    window = MainWindow(ui_settings=ui_settings)
    window.show()
    report = os.environ.get(EXIT_WHEN_READY_ENV) == "1"
    opener = Opener()
    held: dict[str, object] = {}

    def open_store() -> None:  # on the worker thread
        try:
            from consultapp.store.db import default_database_path, open_database
            from consultapp.store.repository import Repository

            opener.opened.emit(Repository(open_database(db_target or default_database_path())))
        except Exception as exc:  # handed to the GUI thread, which tells problems from bugs
            opener.failed.emit(exc)

    def on_opened(repo: object) -> None:
        held["repo"] = repo
        window.attach(repo)  # type: ignore[arg-type]
        if report:
            _say("listed")
            app.quit()

    def on_failed(exc: Exception) -> None:
        from consultapp.store.errors import classify

        known = classify(exc)
        if known is None:
            raise exc
        QMessageBox.critical(window, "ConsultApp", f"The database could not be opened.\n\n{known}")
        app.exit(2)

    def on_first_turn() -> None:
        if report:
            _say("ready")
        threading.Thread(target=open_store, name="open-database", daemon=True).start()

    opener.opened.connect(on_opened)
    opener.failed.connect(on_failed)
    QTimer.singleShot(0, on_first_turn)
    try:
        return app.exec()
    finally:
        repo = held.get("repo")
        if repo is not None:
            repo.db.close()  # type: ignore[attr-defined]


def _say(word: str) -> None:
    sys.stdout.write(f"{word}\n")
    sys.stdout.flush()
