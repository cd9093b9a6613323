"""Run one store call on the window's pool and hand its result (or its error) back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from consultapp.ui.report import shown
from consultapp.ui.tasks import Pool, Progress, TaskSignals, start_task

if TYPE_CHECKING:
    from consultapp.ui.report import Reporter


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


def said_on(set_text: Callable[[str], None]) -> Callable[[Exception], None]:
    """A job's failure callback: a known problem is written with ``set_text`` (a label), a bug goes on up."""

    def failed(exc: Exception) -> None:
        if shown(exc, set_text, what="job") is None:
            raise exc

    return failed


def reported(report: Reporter) -> Callable[[Exception], None]:
    """A job's failure callback: a known problem is shown (and logged) by ``report``, a bug goes on up."""

    def failed(exc: Exception) -> None:
        if not report.show(exc):
            raise exc

    return failed
