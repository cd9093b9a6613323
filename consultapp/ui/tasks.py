"""Long work off the GUI thread, through one helper in the manner of Anki's ``CollectionOp``/``QueryOp``::

    Task(lambda: care_plans_to_folder(store, visits, name, folder), report)
        .with_progress(StatusProgress(bar, status_bar))
        .success(lambda files: ...)
        .run_in(pool)

The job is a function returning a generator that yields ``Progress`` and returns its result. It runs on a pool;
progress, the result and a failure come back on the GUI thread. A failure goes to ``failure(fn)`` or, by
default, to the reporter (a user's problem is shown; a bug goes on up). Tests pass ``SyncPool`` so the work
runs at once, in order, on the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QProgressDialog, QStatusBar, QWidget

if TYPE_CHECKING:
    from consultapp.ui.report import Reporter

T = TypeVar("T")


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
    pool = QThreadPool.globalInstance()
    assert pool is not None
    return pool


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
        try:
            gen = self.job()
            while True:
                self.signals.progress.emit(next(gen))
        except StopIteration as stop:
            self.signals.finished.emit(stop.value)
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            self.signals.failed.emit(exc)


def start_task(pool: Pool, job: Job, signals: TaskSignals) -> None:
    """Run ``job`` on ``pool``, reporting through ``signals`` (connect them first: a SyncPool runs at once).

    The lower-level form of ``Task`` (``ui/security/jobs.py`` uses it)."""
    pool.start(_Runner(job, signals))


class ProgressView(Protocol):
    """Where a task's progress shows: the status bar (``StatusProgress``) or a dialog (``DialogProgress``)."""

    def started(self) -> None: ...

    def advanced(self, progress: Progress) -> None: ...

    def ended(self) -> None: ...


class StatusProgress:
    """Progress in the window's status bar: a bar beside the message, hidden when the task ends."""

    def __init__(self, bar: QProgressBar, status: QStatusBar, total: int = 1) -> None:
        self.bar, self.status, self.total = bar, status, total

    def started(self) -> None:
        self.bar.setRange(0, max(1, self.total))
        self.bar.setValue(0)
        self.bar.show()

    def advanced(self, progress: Progress) -> None:
        self.bar.setRange(0, max(1, progress.total))
        self.bar.setValue(progress.done)
        self.bar.setFormat(f"{progress.text} %p%")
        self.status.showMessage(progress.text)

    def ended(self) -> None:
        self.bar.hide()


class LabelProgress:
    """Progress as words in a label (a document window's message line), e.g. "Printing page 2 of 3…"."""

    def __init__(self, label: QLabel) -> None:
        self.label = label

    def started(self) -> None:
        self.label.setText("Working…")

    def advanced(self, progress: Progress) -> None:
        self.label.setText(progress.text or f"{progress.done} of {progress.total}…")

    def ended(self) -> None:
        pass  # the success or failure handler says what happened


class DialogProgress:
    """Progress in a window-modal dialog (no cancel: the work is not interruptible)."""

    def __init__(self, parent: QWidget, title: str) -> None:
        self.parent, self.title = parent, title
        self.dialog: QProgressDialog | None = None

    def started(self) -> None:
        self.dialog = QProgressDialog(self.title, "", 0, 1, self.parent)
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)

    def advanced(self, progress: Progress) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(1, progress.total))
            self.dialog.setValue(progress.done)
            self.dialog.setLabelText(progress.text or self.title)

    def ended(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None


class _Relay(TaskSignals):
    """Lives on the GUI thread: the worker's signals reach these slots there (queued across threads)."""

    def __init__(self, task: Task[Any]) -> None:
        super().__init__()
        self.task = task
        self.progress.connect(self.on_progress)
        self.finished.connect(self.on_finished)
        self.failed.connect(self.on_failed)

    @Slot(object)
    def on_progress(self, progress: Progress) -> None:
        if self.task.view is not None:
            self.task.view.advanced(progress)

    @Slot(object)
    def on_finished(self, result: object) -> None:
        self.task.done()
        for fn in self.task.on_success:
            fn(result)

    @Slot(object)
    def on_failed(self, exc: Exception) -> None:
        self.task.done()
        if self.task.on_failure is not None:
            self.task.on_failure(exc)
        elif not self.task.report.show(exc):
            raise exc


class Task(Generic[T]):
    """One piece of background work: what to run, where its progress shows, what follows success or failure."""

    _running: set[Task[Any]] = set()  # held until done: nothing else needs to keep a task alive

    def __init__(self, job: Callable[[], Generator[Progress, None, T]], report: Reporter) -> None:
        self.job = job
        self.report = report
        self.view: ProgressView | None = None
        self.on_success: list[Callable[[T], None]] = []
        self.on_failure: Callable[[Exception], None] | None = None
        self.on_done: list[Callable[[], None]] = []
        self.relay: _Relay | None = None

    def with_progress(self, view: ProgressView) -> Task[T]:
        self.view = view
        return self

    def success(self, fn: Callable[[T], None]) -> Task[T]:
        self.on_success.append(fn)
        return self

    def failure(self, fn: Callable[[Exception], None]) -> Task[T]:
        """Handle a failure yourself (by default the reporter shows a user's problem and raises a bug)."""
        self.on_failure = fn
        return self

    def finally_(self, fn: Callable[[], None]) -> Task[T]:
        """Run ``fn`` when the task ends, whichever way (before success or failure handlers)."""
        self.on_done.append(fn)
        return self

    def done(self) -> None:
        Task._running.discard(self)
        if self.view is not None:
            self.view.ended()
        for fn in self.on_done:
            fn()

    def run_in(self, pool: Pool) -> Task[T]:
        """Start the job on ``pool`` (a ``SyncPool`` runs it to the end before this returns)."""
        self.relay = _Relay(self)
        Task._running.add(self)
        if self.view is not None:
            self.view.started()
        start_task(pool, self.job, self.relay)
        return self
