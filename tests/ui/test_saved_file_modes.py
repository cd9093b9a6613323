"""The GUI's files under ``umask 022``: a care plan saved and printed to a PDF file, the window settings' folder
and file, the crash log, and the database the window works on are 0600, their folders 0700."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, ctrl, go, type_into

from consultapp.ui import crash
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.ui_settings import UiSettings

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes: Windows keeps profiles private")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def test_a_care_plan_saved_and_printed_to_file_from_the_window_is_private(
    qtbot: QtBot, window: MainWindow, dialogs: Any, tmp_path: Path, ui_settings: UiSettings
) -> None:
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    type_into(qtbot, window.visit_editor.reason_section.reason, "Sore nipples")
    go(qtbot, window, 7)
    dialogs.save_to.write_bytes(b"an older file of that name")  # readable by all: replaced, not kept so
    assert mode(dialogs.save_to) == 0o644
    click(qtbot, window.visit_editor.plan.save_pdf_button)
    click(qtbot, window.visit_editor.plan.print_button)
    assert dialogs.errors == []
    assert dialogs.save_to.read_bytes().startswith(b"%PDF") and dialogs.printer_pdf.exists()
    assert (mode(dialogs.save_to), mode(dialogs.printer_pdf)) == (0o600, 0o600)
    database = tmp_path / "gui.db"
    assert [mode(p) for p in (database, Path(f"{database}-wal"), Path(f"{database}-shm"))] == [0o600] * 3
    ui_settings.export_folder = str(tmp_path / "exports-Okafor")
    ui_settings.sync()
    settings_file = tmp_path / "config" / "window.ini"
    assert (mode(settings_file.parent), mode(settings_file)) == (0o700, 0o600)


def test_the_crash_log_and_its_folder_are_private(tmp_path: Path) -> None:
    handler = crash.CrashHandler(tmp_path / "state" / "logs", "9.9", show=lambda _report, _path: None)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        handler(RuntimeError, exc, exc.__traceback__)
    assert handler.log_path.exists()
    assert [mode(tmp_path / "state"), mode(tmp_path / "state" / "logs"), mode(handler.log_path)] == [0o700, 0o700,
                                                                                                     0o600]
