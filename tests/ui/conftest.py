"""GUI fixtures: a main window on a fresh database with dialogs that never block."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from consultapp.store.db import open_database
from consultapp.store.repository import Repository
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.main_window import MainWindow


@dataclass
class FakeDialogs(Dialogs):
    """Answers the window's questions the way the test says, and remembers what was asked."""

    save_to: Path | None = None
    discard: bool = True
    opened: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    discard_questions: list[str] = field(default_factory=list)

    def ask_save_pdf(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        return self.save_to

    def open_file(self, path: Path) -> None:
        self.opened.append(path)

    def error(self, parent: QWidget, message: str) -> None:
        self.errors.append(message)

    def confirm_discard(self, parent: QWidget, what: str) -> bool:
        self.discard_questions.append(what)
        return self.discard


@pytest.fixture
def dialogs(tmp_path: Path) -> FakeDialogs:
    return FakeDialogs(save_to=tmp_path / "care-plan.pdf")


@pytest.fixture
def gui_repo(tmp_path: Path) -> Iterator[Repository]:
    db = open_database(tmp_path / "gui.db")
    try:
        yield Repository(db)
    finally:
        db.close()


@pytest.fixture
def window(qtbot: QtBot, gui_repo: Repository, dialogs: FakeDialogs) -> MainWindow:
    win = MainWindow(gui_repo, dialogs=dialogs)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win
