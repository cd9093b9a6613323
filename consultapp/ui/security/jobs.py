"""Run one store call on the window's pool and hand its result (or its error) back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject

from consultapp.ui.tasks import Pool, Progress, TaskSignals, start_task


def run_job(pool: Pool, owner: QObject, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[Exception], None]) -> TaskSignals:
    """Start ``work`` on ``pool``; ``done(result)`` or ``failed(exc)`` runs on the GUI thread."""

    def job() -> Generator[Progress, None, Any]:
        yield from ()
        return work()

    signals = TaskSignals(owner)
    signals.finished.connect(done)
    signals.failed.connect(failed)
    # The signals live as long as the owner (their parent) does; nothing else needs to hold them.
    start_task(pool, job, signals)
    return signals
