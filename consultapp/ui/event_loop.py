"""Letting what an action caused happen before the next one: the benchmark's window figures and their tests."""

from __future__ import annotations

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEventLoop

SETTLE_PASSES = 12
"""At most this many passes of the event loop after an action (a pass with nothing to do ends it sooner)."""


def settle(app: QCoreApplication) -> None:
    """Process the events an action caused, then those they caused in turn, until a pass of the event loop
    finds nothing to do (at most ``SETTLE_PASSES`` passes). A layout that changes a widget's size posts its
    parent's layout for the next pass, and a table's repaint after a resize waits for a timer: one pass
    leaves those, and the frames they paint, for later."""
    dispatcher = QAbstractEventDispatcher.instance()
    app.processEvents()
    for _ in range(SETTLE_PASSES - 1):
        if dispatcher is None or not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
            return
