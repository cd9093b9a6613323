"""Long work off the GUI thread: a generator that yields progress runs on a pool; results come back by signal.

Tests pass ``SyncPool`` so the work runs at once, in order, on the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any, NamedTuple, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Progress(NamedTuple):  # (not a dataclass: this module loads while the app starts)
    done: int
    total: int
    text: str = ""


Job = Callable[[], Generator[Progress, None, Any]]
"""A function returning a generator that yields Progress and returns its result."""


class Pool(Protocol):
    def start(self, runnable: QRunnable) -> None: ...


class SyncPool:
    """Runs each job immediately on the calling thread (for tests)."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()


def default_pool() -> Pool:
    return QThreadPool.globalInstance()


class TaskSignals(QObject):
    progress = Signal(object)  # Progress
    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the exception


class _Runner(QRunnable):
    def __init__(self, job: Job, signals: TaskSignals) -> None:
        super().__init__()
        self.job = job
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        gen = self.job()
        try:
            while True:
                self.signals.progress.emit(next(gen))
        except StopIteration as stop:
            self.signals.finished.emit(stop.value)
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            self.signals.failed.emit(exc)


def start_task(pool: Pool, job: Job, signals: TaskSignals) -> None:
    """Run ``job`` on ``pool``, reporting through ``signals`` (connect them first: a SyncPool runs at once)."""
    pool.start(_Runner(job, signals))
