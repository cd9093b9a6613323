"""GUI entry point: create the QApplication, open the database and show the main window."""

from __future__ import annotations

import sys
from pathlib import Path


def run(db_target: str | Path | None = None) -> int:
    """Start the app on ``db_target`` (default: the user data folder's database)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from consultapp import __version__
    from consultapp.store.db import default_database_path, open_database
    from consultapp.store.errors import KnownError
    from consultapp.store.repository import Repository
    from consultapp.ui.main_window import MainWindow

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
    window = MainWindow(Repository(db))
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
