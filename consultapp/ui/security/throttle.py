"""Wrong passphrases are refused with a delay that doubles each time (1, 2, 4, 8... s, at most 30 s).

For an encrypted file the count is the store's (``store/attempts.py``, the counter beside the key file that
the command line reads too), so the delay the screen says is the one the store holds the next try back by,
after a restart as well; for a lock PIN or a server password it is counted here.
"""

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
    """Counts wrong tries (or reads the store's ``counter``) and asks ``wait`` to hold the next one back."""

    def __init__(self, wait: Wait | None = None, counter: Callable[[], int] | None = None) -> None:
        self.failures = 0
        self.wait: Wait = wait or qt_wait
        self.counter = counter
        """Wrong tries in a row as the store counts them (it has counted the last one when ``refuse`` runs)."""

    def count(self) -> int:
        return self.counter() if self.counter is not None else self.failures

    def next_delay(self) -> int:
        """The delay ``refuse`` is about to wait (after the wrong try just made)."""
        return delay_after(self.count() if self.counter is not None else self.failures + 1)

    def refuse(self, then: Callable[[], None]) -> int:
        """One more wrong try: ``then`` runs once the delay is over. Returns the delay in seconds."""
        delay = self.next_delay()
        self.failures += 1
        self.wait(delay, then)
        return delay

    def reset(self) -> None:
        self.failures = 0
