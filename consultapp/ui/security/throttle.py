"""Wrong passphrases are refused with a delay that doubles each time (1, 2, 4, 8... s, at most 30 s)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

MAX_DELAY_S = 30

Wait = Callable[[float, Callable[[], None]], None]
"""Call the function after so many seconds, without blocking (tests pass one that records and calls at once)."""


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong tries in a row."""
    return 0 if failures <= 0 else min(2 ** (failures - 1), MAX_DELAY_S)


def qt_wait(seconds: float, then: Callable[[], None]) -> None:
    QTimer.singleShot(int(seconds * 1000), then)


class Throttle:
    """Counts wrong tries and asks ``wait`` to hold the next one back."""

    def __init__(self, wait: Wait | None = None) -> None:
        self.failures = 0
        self.wait: Wait = wait or qt_wait

    def refuse(self, then: Callable[[], None]) -> int:
        """One more wrong try: ``then`` runs once the delay is over. Returns the delay in seconds."""
        self.failures += 1
        delay = delay_after(self.failures)
        self.wait(delay, then)
        return delay

    def reset(self) -> None:
        self.failures = 0
