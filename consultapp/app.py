"""GUI entry point: crash hook, the QApplication, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path


def run(db_target: str | Path | None = None) -> int:
    """Start the app on ``db_target`` (default: the user data folder's database)."""
    from platformdirs import user_config_path, user_log_path

    from consultapp import __version__
    from consultapp.ui.crash import install

    # Before the QApplication: an error while starting up is caught and logged too.
    install(user_log_path("ConsultApp", appauthor=False), __version__)

    from PySide6.QtWidgets import QApplication, QMessageBox

    from consultapp.store.db import default_database_path, open_database
    from consultapp.store.errors import KnownError
    from consultapp.store.repository import Repository
    from consultapp.ui.main_window import MainWindow
    from consultapp.ui.ui_settings import UiSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ConsultApp")
    app.setOrganizationName("ConsultApp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("consultapp")
    try:
        db = open_database(db_target or default_database_path())
    except KnownError as exc:
        QMessageBox.critical(None, "ConsultApp", f"The database could not be opened.\n\n{exc}")
        return 2
    ui_settings = UiSettings(user_config_path("ConsultApp", appauthor=False) / "window.ini")
    window = MainWindow(Repository(db), ui_settings=ui_settings)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
