"""Starting the real app as a consultant would (``python -m consultapp --db FILE``), and quitting it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from consultapp.app import EXIT_WHEN_READY_ENV


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "CONSULTAPP_NO_CRASH_DIALOG": "1",
    }


def test_the_app_starts_lists_its_clients_and_quits_cleanly(tmp_path: Path) -> None:
    """Quitting while the window's work is still running on the pool waits for it before the database
    closes (it used to crash in the worker: a closed database under a running list)."""
    db = tmp_path / "practice.db"
    env = _env(tmp_path / "home")
    subprocess.run([sys.executable, "-m", "consultapp", "demo", "--db", str(db), "--clients", "30"],
                   env=env, check=True, capture_output=True)
    for _ in range(3):  # (the race was there on every start; three keep the test short)
        done = subprocess.run([sys.executable, "-m", "consultapp", "--db", str(db)],
                              env={**env, EXIT_WHEN_READY_ENV: "1"}, capture_output=True, text=True, timeout=120)
        # the window takes input, her first page of clients shows (read ahead of the store), then search works
        assert done.stdout.split() == ["ready", "listed", "searchable"]
        assert "crashed" not in done.stderr, done.stderr
        assert done.returncode == 0
    assert not list((tmp_path / "home").rglob("crash.log"))


def test_what_is_logged_before_the_window_shows_reaches_the_log_file(tmp_path: Path) -> None:
    script = """
import logging
from consultapp.runtime.logs import attach_log_file, configure
assert configure(log_file=False) is None
logging.getLogger("consultapp.start").info("held while starting")
path = attach_log_file()
logging.getLogger("consultapp.start").info("written at once")
assert attach_log_file() is None  # (once)
print(path)
"""
    done = subprocess.run([sys.executable, "-c", script], env=_env(tmp_path / "home"), capture_output=True,
                          text=True, check=True)
    log = Path(done.stdout.strip())
    assert log.is_relative_to(tmp_path / "home" / "state")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["held while starting", "written at once"]


def test_the_window_shows_before_the_store_the_records_and_the_log_file_load(tmp_path: Path) -> None:
    """Cold start counts (PRODUCT.md's budget): these load after the window takes input, not before."""
    db = tmp_path / "practice.db"
    env = _env(tmp_path / "home")
    subprocess.run([sys.executable, "-m", "consultapp", "demo", "--db", str(db), "--clients", "2"],
                   env=env, check=True, capture_output=True)
    script = f"""
import enum
import sys
made = []  # (the Python enums PySide makes for Qt's, each as it is first needed)
create = enum.EnumType._create_
def _create_(cls, name, *args, **kwargs):
    made.append(str(name))
    return create(cls, name, *args, **kwargs)
enum.EnumType._create_ = _create_
import consultapp.app
said = consultapp.app._say
def say(word):
    if word == "ready":
        print("loaded:" + " ".join(sorted(sys.modules)), file=sys.stderr)
        print("enums:" + " ".join(made), file=sys.stderr)
    said(word)
consultapp.app._say = say
from consultapp.cli import main
raise SystemExit(main(["--db", {str(db)!r}]))
"""
    done = subprocess.run([sys.executable, "-c", script], env={**env, EXIT_WHEN_READY_ENV: "1"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = set(next(line for line in done.stderr.splitlines() if line.startswith("loaded:"))[7:].split())
    assert "consultapp.ui.shell.window" in loaded  # (the probe did see the start)
    late = {"sqlalchemy", "alembic", "reportlab", "consultapp.domain.records", "consultapp.store.facade",
            "consultapp.store.db", "consultapp.ui.visit.editor", "logging.handlers", "uuid", "json", "html",
            "PySide6.QtPrintSupport", "dataclasses", "consultapp.domain.changes"}
    assert sorted(late & loaded) == []
    enums = set(next(line for line in done.stderr.splitlines() if line.startswith("enums:"))[6:].split())
    assert "AlignmentFlag" in enums  # (the probe did see them made)
    # QStyle's types (some 20 enums, 4-6 ms) wait for a list with rows to size, after the window takes input;
    # QIcon's (ThemeIcon: about 0.9 ms) for an icon, which the window's first frame has none of
    assert sorted(enums & {"PixelMetric", "StyleHint", "ControlElement", "SubElement", "StandardPixmap",
                           "ThemeIcon"}) == []


def test_a_start_that_fails_before_its_window_shows_still_leaves_its_log(tmp_path: Path) -> None:
    home = tmp_path / "home"
    script = f"""
import logging
import consultapp.ui.shell.window as mw
def broken(self, *args, **kwargs):
    logging.getLogger("consultapp.start").warning("building the window, about to fail")
    raise RuntimeError("no window")
mw.MainWindow.__init__ = broken
from consultapp.cli import main
main(["--db", {str(tmp_path / "practice.db")!r}])
"""
    done = subprocess.run([sys.executable, "-c", script], env=_env(home), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0 and "RuntimeError" in done.stderr
    [log] = (home / "state").rglob("consultapp.log")
    assert "building the window, about to fail" in log.read_text(encoding="utf-8")


_PAINT_TALL_TABLE = """
import os, sys
if sys.argv[1] == "app":
    from consultapp.app import create_application
    app = create_application()
else:  # Qt as it comes, for comparison
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QGroupBox, QTableView, QVBoxLayout
box = QGroupBox("Visits")  # a tall frame, a tall white background, a tall scroll bar: fills over 96 px high
table = QTableView()
table.setModel(QStandardItemModel(200, 4))
QVBoxLayout(box).addWidget(table)
box.resize(900, 700)
box.show()
for _ in range(3):
    box.repaint()
    app.processEvents()
names = [open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task")]
print(sum(name.startswith("Thread (pooled)") for name in names))
"""


def _pooled_threads(tmp_path: Path, how: str) -> int:
    env = {k: v for k, v in _env(tmp_path / "home").items() if k != "QT_NO_GUI_THREADPOOL"}
    done = subprocess.run([sys.executable, "-c", _PAINT_TALL_TABLE, how], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return int(done.stdout.split()[-1])


def test_the_app_paints_large_areas_on_its_own_thread_not_through_qts_thread_pool(tmp_path: Path) -> None:
    """Qt hands each fill over 96 px tall to a pool of threads and waits for them: on two cores the hand-over
    cost more than the fill (a quarter of opening a client's history). The app's QApplication paints them
    itself: no pool thread is ever started."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("counts the process's threads in /proc (Linux)")
    if _pooled_threads(tmp_path, "plain") == 0:
        pytest.skip("this Qt paints large areas on the GUI thread already (no GUI thread pool): nothing to compare")
    assert _pooled_threads(tmp_path, "app") == 0
