"""GUI fixtures: a main window on a fresh database with dialogs that never block."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, make_window

from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.ui_settings import UiSettings


@pytest.fixture
def dialogs(tmp_path: Path) -> FakeDialogs:
    return FakeDialogs(save_to=tmp_path / "care-plan.pdf", folder=tmp_path, printer_pdf=tmp_path / "printed.pdf")


@pytest.fixture
def gui_repo(tmp_path: Path) -> Iterator[Store]:
    """The window's store on a fresh file (named for the tests written before the one facade)."""
    db = open_database(tmp_path / "gui.db")
    try:
        yield Store(db)
    finally:
        db.close()


@pytest.fixture
def records(gui_repo: Store) -> Store:
    return gui_repo


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(tmp_path / "config" / "window.ini")


@pytest.fixture
def window(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, ui_settings: UiSettings) -> MainWindow:
    return make_window(qtbot, gui_repo, dialogs, ui_settings)


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh X server (Xvfb) for the real-window tests, at the consultant's 1366x768; always stopped and reaped."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
