"""Background work through one helper: progress shown, the result on the GUI thread, failures to the reporter."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from consultapp.store.errors import DiskFull
from consultapp.ui.report import Reporter
from consultapp.ui.tasks import Progress, SyncPool, Task


class SeenProgress:
    def __init__(self) -> None:
        self.events: list[object] = []

    def started(self) -> None:
        self.events.append("started")

    def advanced(self, progress: Progress) -> None:
        self.events.append(progress.done)

    def ended(self) -> None:
        self.events.append("ended")


def shown() -> tuple[Reporter, list[str]]:
    messages: list[str] = []
    return Reporter(lambda _parent, text: messages.append(text)), messages


def three() -> Generator[Progress, None, str]:
    for done in range(1, 4):
        yield Progress(done, 3, f"{done} of 3")
    return "all three"


def test_progress_then_the_result_in_order(qtbot: QtBot) -> None:
    report, messages = shown()
    view, results, order = SeenProgress(), [], []
    (Task(three, report).with_progress(view).finally_(lambda: order.append("finally"))
        .success(results.append).success(lambda _r: order.append("success")).run_in(SyncPool()))
    assert view.events == ["started", 1, 2, 3, "ended"]
    assert results == ["all three"] and order == ["finally", "success"] and messages == []


def test_a_users_problem_goes_to_the_reporter_by_default_and_a_bug_goes_on_up(qtbot: QtBot) -> None:
    report, messages = shown()

    def full() -> Generator[Progress, None, None]:
        yield Progress(0, 1)
        raise DiskFull("The disk is full. Free some space, then save again.")

    view = SeenProgress()
    Task(full, report).with_progress(view).success(lambda _r: pytest.fail("no result")).run_in(SyncPool())
    assert messages == ["The disk is full. Free some space, then save again."]
    assert view.events[-1] == "ended"

    def bug() -> Generator[Progress, None, None]:
        yield from ()
        raise ZeroDivisionError

    with qtbot.captureExceptions() as raised:  # up to the crash hook, as any bug in a slot
        Task(bug, report).run_in(SyncPool())
    assert [type(exc) for _kind, exc, _tb in raised] == [ZeroDivisionError]
    failures: list[Exception] = []
    Task(bug, report).failure(failures.append).run_in(SyncPool())
    assert [type(f) for f in failures] == [ZeroDivisionError]


def test_the_job_runs_off_the_gui_thread_and_its_result_comes_back_on_it(qtbot: QtBot) -> None:
    report, _messages = shown()
    gui = threading.get_ident()
    ran_on: list[int] = []
    came_back_on: list[int] = []

    def where() -> Generator[Progress, None, int]:
        ran_on.append(threading.get_ident())
        yield Progress(1, 1)
        return 7

    pool = QThreadPool()
    Task(where, report).success(lambda _r: came_back_on.append(threading.get_ident())).run_in(pool)
    qtbot.waitUntil(lambda: came_back_on != [], timeout=10000)
    pool.waitForDone()
    assert ran_on != [gui] and came_back_on == [gui]
