"""Cold start: the window takes typing and clicks as soon as it shows; what its first frame does not need is set
up once, after the first page of clients; the store loads only once that page is on screen."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from consultapp.app import EXIT_WHEN_READY_ENV
from consultapp.store.first_page import FirstPageRow
from consultapp.ui.security.startup import Startup
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tasks import SyncPool


def _rows(*names: str) -> list[FirstPageRow]:
    return [FirstPageRow(uuid.uuid4(), name, None, "555-0100", ("Noa",), dt.date(2026, 5, 1)) for name in names]


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(pool=SyncPool())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_before_the_store_she_can_type_in_the_search_box_at_once(qtbot: QtBot) -> None:
    window = _window(qtbot)
    typed: list[str] = []
    window.home.search_changed.connect(typed.append)
    qtbot.keyClicks(window.home.search, "Ana")
    assert window.home.search.text() == "Ana" and typed[-1] == "Ana"
    assert window.action_quit.isEnabled()  # Quit works at once (the other actions wait for the store)
    assert window.menuBar().actions()[0].text() == "&File"  # the menus are in the first frame


def test_the_first_page_shows_and_what_waited_is_set_up_once_after_it(qtbot: QtBot, monkeypatch: Any) -> None:
    window = _window(qtbot)
    import consultapp.ui.wheel as wheel

    installs: list[object] = []
    real = wheel.install_wheel_guard
    monkeypatch.setattr(wheel, "install_wheel_guard", lambda app: installs.append(app) or real(app))
    assert not installs  # (the first frame has no drop-down or spin box: the guard waits)
    window.show_first_page(_rows("Ana Silva", "Mei Chen"))
    assert window.home.clients.rowCount() == 2
    assert window.home.client_view.model().index(1, 0).data(Qt.ItemDataRole.DisplayRole) == "Mei Chen"
    qtbot.waitUntil(lambda: len(installs) == 1)
    window.show_first_page(_rows("Ana Silva"))  # (again: nothing is set up twice)
    window.finish_start()
    QApplication.processEvents()
    assert len(installs) == 1
    qtbot.mouseClick(window.home.new_client_button, Qt.MouseButton.LeftButton)  # (off until the store: no crash)


def test_the_store_loads_only_once_the_first_page_is_on_screen(qtbot: QtBot, tmp_path: Path, monkeypatch: Any) -> None:
    shown = threading.Event()
    order: list[str] = []
    window = _window(qtbot)

    def show_first_page(rows: list[FirstPageRow]) -> None:
        order.append("shown")
        shown.set()

    monkeypatch.setattr(window, "show_first_page", show_first_page)
    import consultapp.store.first_page as fp

    monkeypatch.setattr(fp, "first_page", lambda path, limit: _rows("Ana Silva"))
    startup = Startup(tmp_path / "practice.db", lambda: window, first_page_rows=10)
    monkeypatch.setattr(startup, "_open", lambda *args, **kwargs: order.append("store"))
    (tmp_path / "practice.db").write_bytes(b"SQLite format 3\x00" + bytes(84))
    startup.start()
    qtbot.waitUntil(lambda: "store" in order, timeout=5000)
    assert order == ["shown", "store"]


def test_the_real_start_takes_typing_at_ready_and_settles_after_the_first_page(tmp_path: Path) -> None:
    """``python -m consultapp --db FILE``: at "ready" the search box takes typing; PySide's __feature__ import
    hook is gone; once her clients show, the log file is open and the cyclic collector runs again."""
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CACHE_HOME": str(home / "cache"), "QT_QPA_PLATFORM": "offscreen", "CONSULTAPP_NO_CRASH_DIALOG": "1"}
    db = tmp_path / "practice.db"
    subprocess.run([sys.executable, "-m", "consultapp", "demo", "--db", str(db), "--clients", "5"],
                   env=env, check=True, capture_output=True)
    script = f"""
import builtins, gc, sys
import consultapp.app
said = consultapp.app._say
def say(word):
    said(word)
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "consultappMainWindow")
    if word == "ready":
        QTest.keyClicks(window.home.search, "zz")
        print("typed", window.home.search.text(), file=sys.stderr)
        print("hook", builtins.__import__ is getattr(builtins, "__feature_import__", None), file=sys.stderr)
        window.home.search.clear()
    if word == "searchable":
        print("gc", gc.isenabled(), file=sys.stderr)
consultapp.app._say = say
from consultapp.cli import main
raise SystemExit(main(["--db", {str(db)!r}]))
"""
    done = subprocess.run([sys.executable, "-c", script], env={**env, EXIT_WHEN_READY_ENV: "1"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ready", "listed", "searchable"]
    said = [line for line in done.stderr.splitlines() if line.startswith(("typed", "hook", "gc"))]
    assert said == ["typed zz", "hook False", "gc True"]
    assert list((home / "state").rglob("consultapp.log"))
