"""GUI fixtures: a main window on a fresh database with dialogs that never block."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, make_window

from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.ui.main_window import MainWindow
from consultapp.ui.ui_settings import UiSettings


@pytest.fixture
def dialogs(tmp_path: Path) -> FakeDialogs:
    return FakeDialogs(save_to=tmp_path / "care-plan.pdf", folder=tmp_path, printer_pdf=tmp_path / "printed.pdf")


@pytest.fixture
def gui_repo(tmp_path: Path) -> Iterator[Store]:
    db = open_database(tmp_path / "gui.db")
    try:
        yield Store(db)
    finally:
        db.close()


@pytest.fixture
def records(gui_repo: Store) -> Store:
    return Store(gui_repo.db)


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(tmp_path / "config" / "window.ini")


@pytest.fixture
def window(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, ui_settings: UiSettings) -> MainWindow:
    return make_window(qtbot, gui_repo, dialogs, ui_settings)
