"""The benchmark's GUI probe times an action until the events it caused, and those they caused, are done."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from consultapp.bench.gui import settle
from consultapp.ui.event_loop import SETTLE_PASSES


def _chain(done: list[int], links: int) -> None:
    """Each link, run on a pass of the event loop, queues the next for the following pass (as a layout that
    changes a widget's size queues its parent's)."""
    done.append(len(done))
    if len(done) < links:
        QTimer.singleShot(0, lambda: _chain(done, links))


def test_settle_goes_on_until_what_the_action_caused_in_turn_is_done(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    one_pass: list[int] = []
    QTimer.singleShot(0, lambda: _chain(one_pass, 4))
    app.processEvents()  # one pass, as the probe used to time an action: the chain is not done
    assert len(one_pass) < 4
    qtbot.waitUntil(lambda: len(one_pass) == 4)

    settled: list[int] = []
    QTimer.singleShot(0, lambda: _chain(settled, 4))
    settle(app)
    assert settled == [0, 1, 2, 3]


def test_settle_ends_after_its_passes_when_something_never_stops(qtbot: QtBot) -> None:
    ticks: list[int] = []
    endless = QTimer()
    endless.setInterval(0)
    endless.timeout.connect(lambda: ticks.append(1))
    endless.start()
    try:
        settle(QCoreApplication.instance())
    finally:
        endless.stop()
    assert 1 <= len(ticks) <= SETTLE_PASSES
