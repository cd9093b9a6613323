"""The measurements, each with its baseline; every function returns raw samples (ms, s or MB)."""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consultapp.bench.practice import cache_dir
from consultapp.domain.charts import score_trend, weight_chart

# The cold-start baseline: a bare PySide6 main window, ready at the first turn of its event loop,
# reporting the same way the app does under CONSULTAPP_EXIT_WHEN_READY=1.
BARE_WINDOW = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("baseline")
window.resize(1280, 760)
window.show()
def ready():
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    app.quit()
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""
EXIT_WHEN_READY_ENV = "CONSULTAPP_EXIT_WHEN_READY"


def _qt_env() -> dict[str, str]:
    """The environment of every measured process: off screen, with compiled bytecode kept.

    An installed app (wheel or frozen) runs from compiled bytecode. A development shell may set
    PYTHONDONTWRITEBYTECODE, which would make every start compile the app's modules again; the
    bytecode goes to the benchmark's cache folder instead, written by the unmeasured warm-up run.
    """
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("QT_NO_GUI_THREADPOOL", None)  # (Qt's default for the bare window; the app makes its own choice)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    return env


def _timed_ms(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


# -- processes ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProcessRun:
    ready_s: float | None
    """Wall time from spawning the process to its "ready" line: the window takes input (None: never)."""
    listed_s: float | None
    """To its "listed" line: the first page of clients is shown (None: it does not say)."""
    peak_rss_mb: float | None
    returncode: int
    searchable_s: float | None = None
    """To its "searchable" line: the store is attached, the search box finds clients (None: it does not say)."""


def app_command(app: Sequence[str] | None, db: Path) -> list[str]:
    """The app started on ``db``: ``python -m consultapp`` or a given (e.g. frozen) executable."""
    base = list(app) if app else [sys.executable, "-m", "consultapp"]
    return [*base, "--db", str(db)]


def cold_start(
    db: Path, runs: int, app: Sequence[str] | None = None, timeout: float = 60.0
) -> tuple[list[ProcessRun], list[ProcessRun]]:
    """The app and the bare window, alternated, each after one unmeasured warm-up (consultapp.bench.launch)."""
    request = {
        "env": _qt_env(),
        "timeout": timeout,
        "runs": runs,
        "commands": {
            "bare": {"argv": [sys.executable, "-c", BARE_WINDOW]},
            "app": {"argv": app_command(app, db), "env": {EXIT_WHEN_READY_ENV: "1"}},
        },
    }
    with tempfile.TemporaryDirectory(prefix="consultapp-bench-") as folder:
        req = Path(folder) / "launch.json"
        req.write_text(json.dumps(request), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "consultapp.bench.launch", str(req)],
            capture_output=True,
            text=True,
            timeout=(2 * runs + 2) * timeout + 60,
            check=False,
        )
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"the cold-start launcher failed: {last[0]}")
    results = json.loads(done.stdout)
    return [ProcessRun(**r) for r in results["app"]], [ProcessRun(**r) for r in results["bare"]]


def gui_probe(request: dict[str, Any], timeout: float = 300.0) -> tuple[dict[str, Any], float]:
    """Run consultapp.bench.gui in its own process; return its result and its peak memory in MB."""
    with tempfile.TemporaryDirectory(prefix="consultapp-bench-") as folder:
        req, res = Path(folder) / "request.json", Path(folder) / "result.json"
        req.write_text(json.dumps(request), encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-m", "consultapp.bench.gui", str(req), str(res)],
            env=_qt_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise RuntimeError(f"the GUI probe took more than {timeout:.0f} s") from None
        if proc.returncode != 0 or not res.exists():
            last = (err or "").strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"the GUI probe failed: {last[0]}")
        result = json.loads(res.read_text(encoding="utf-8"))
    peak = result.get("peak_rss_mb")
    return result, float(peak) if peak is not None else math.nan


# -- search ---------------------------------------------------------------------------------------
def captured_search_sql(repo: Any, query: str) -> tuple[str, Any]:
    """The statement ``repo.search_clients(query)`` reads the page with, and its parameters: the last it sends.

    On SQLite a word of one or two characters first has its trigrams looked up (store/search_index.py); the
    baseline is the page's query alone, and that lookup counts in the store's figure."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(repo.db.engine, "before_cursor_execute", capture)
    try:
        repo.search_clients(query)
    finally:
        event.remove(repo.db.engine, "before_cursor_execute", capture)
    if not seen:
        raise RuntimeError("search_clients sent no query")
    return seen[-1]


def prefixes(words: Sequence[str]) -> list[str]:
    """What the search box holds after each keystroke of each word."""
    return [word[:i] for word in words for i in range(1, len(word) + 1)]


def search_raw_ms(db_path: Path, statements: Sequence[tuple[str, Any]], repeat: int) -> list[float]:
    """The repository's own SQL, run bare on the sqlite3 driver: no ORM, no Qt."""
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        samples = []
        for _ in range(repeat):
            for statement, params in statements:
                start = time.perf_counter()
                con.execute(statement, params).fetchall()
                samples.append((time.perf_counter() - start) * 1000)
        return samples
    finally:
        con.close()


def search_store_ms(repo: Any, typed: Sequence[str], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        for text in typed:
            start = time.perf_counter()
            repo.search_clients(text)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def open_client_store_ms(repo: Any, client_id: uuid.UUID, repeat: int) -> list[float]:
    """What opening a client and her history reads from the store, and the charts' data made from it.

    Selecting her reads her record and her visits as the home page does (``client_shown``); "History and
    charts" reads her timeline, issued documents and photo count (``client_history``), from which each baby's
    weight chart and score trend are made. Both are the store's fastest reads of that data (one Core
    connection each), so the baseline is the data at the speed the store can read it, not at the speed of a
    slower path; what the figure adds is the screen."""

    def read() -> None:
        client, _visits = repo.client_shown(client_id)
        visits, _documents, _photos = repo.client_history(client_id)
        for baby in client.babies:
            scored = [(v.visit_date, b) for v in visits if (b := v.scores_for(baby.id)) is not None]
            weight_chart(baby.date_of_birth, baby.birth_weight_g,
                         [(on, b.weight_g) for on, b in scored if b.weight_g is not None])
            score_trend([(on, b.latch, b.btat) for on, b in scored])

    read()
    return _timed_ms(read, repeat)


# -- documents ------------------------------------------------------------------------------------
def bare_reportlab_three_pages() -> bytes:
    """The document baseline: three pages of plain paragraphs in a built-in font, nothing else."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story: list[Any] = []
    for page in range(3):
        story.append(Paragraph(f"Page {page + 1}", styles["Heading1"]))
        story += [Paragraph("Feed your baby at least 8 times in 24 hours. " * 4, styles["BodyText"])] * 12
        if page < 2:
            story.append(PageBreak())
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def render_ms(render: Callable[[], bytes], repeat: int) -> list[float]:
    render()  # warm: imports and font registration happen once per process
    return _timed_ms(render, repeat)
