"""The benchmark's GUI probe, run in its own process: type searches and open a client in the real main window.

``python -m consultapp.bench.gui REQUEST.json RESULT.json``. The request names the database, the
words to type and the client to open; the result holds every timing in milliseconds. The window is
the app's own (``consultapp.app.create_application`` and ``MainWindow``), off screen; each timing
runs from the user's action until the events it caused, painting included, are processed.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any


def settle(qt_app: Any) -> None:
    """The events an action caused, and those they caused in turn, processed (ui/event_loop.py)."""
    from consultapp.ui.event_loop import settle as settled  # lazy: Qt, in the probe's own process

    settled(qt_app)


def run_probe(request: dict[str, Any]) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # lazy: Qt loads in the probe's own process, once QT_QPA_PLATFORM is set (off screen)
    from consultapp import app as entry
    from consultapp.store.db import open_database
    from consultapp.store.facade import Store
    from consultapp.ui.shell.window import MainWindow

    create = getattr(entry, "create_application", None)
    if create is None:
        raise RuntimeError("consultapp.app.create_application() is needed to build the window")
    qt_app = create()
    db = open_database(request["db"], create=False)
    try:
        window = MainWindow(Store(db))
        window.resize(1280, 760)
        window.show()
        qt_app.processEvents()
        search = window.home.search
        repeat = int(request.get("repeat", 3))

        keystrokes: list[float] = []
        for _ in range(repeat):
            for word in request["words"]:
                search.clear()
                settle(qt_app)
                for ch in word:
                    start = time.perf_counter()
                    search.insert(ch)  # as a typed key: textChanged, the query, the list, the paint
                    settle(qt_app)
                    keystrokes.append((time.perf_counter() - start) * 1000)

        # Open the 40-visit client: find her, then select her row as a click would, from no selection.
        client_id = uuid.UUID(request["client_id"])
        search.clear()
        search.insert(request["client_query"])
        qt_app.processEvents()
        row = window.home.clients.row_of(client_id)
        if row is None:
            raise RuntimeError(f"the client {client_id} is not listed for {request['client_query']!r}")
        view = window.home.client_view
        # "History and charts" (the weight chart), where the window has it; else the home page's history.
        history = getattr(window, "action_history", None)
        opens: list[float] = []
        visits_shown = 0
        for _ in range(int(request.get("open_repeat", 15))):
            window.show_home()
            view.selectionModel().clearCurrentIndex()
            settle(qt_app)
            start = time.perf_counter()
            view.selectRow(row)
            settle(qt_app)
            if history is not None:
                history.trigger()
                settle(qt_app)
            opens.append((time.perf_counter() - start) * 1000)
            visits_shown = window.home.visits.rowCount()
        if window.current_client is None or window.current_client.id != client_id:
            raise RuntimeError("selecting the row did not open the client")
        window.close()
        qt_app.processEvents()
    finally:
        db.close()
    return {
        "keystrokes_ms": keystrokes,
        "open_client_ms": opens,
        "visits_shown": visits_shown,
        "history_page": history is not None,
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float | None:
    """This process's peak resident memory: VmHWM, which (unlike ru_maxrss) starts afresh at exec."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:  # not Linux
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return None


def main(argv: list[str]) -> int:
    request = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = run_probe(request)
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
