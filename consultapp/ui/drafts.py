"""Keeps a draft of the open visit in the database every couple of seconds while it has unsaved typing.

A crash or power cut then loses at most the last interval of typing; the window offers the draft back
at the next start. Drafts live in the database (``RecordsStore.save_draft``), so they are encrypted with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from consultapp.store.errors import classify

if TYPE_CHECKING:
    import uuid

    from consultapp.domain.records import Visit
    from consultapp.store.facade import Store as RecordsStore

log = logging.getLogger(__name__)
DRAFT_INTERVAL_MS = 2000


class DraftKeeper(QObject):
    """Saves ``snapshot()`` as the draft ``key`` at most every ``interval_ms`` while ``dirty()`` says so.

    A snapshot is the visit as on screen (text that does not parse left out) and that text, as typed."""

    problem = Signal(str)  # a store problem, in words, for the status bar (never a modal every 2 s)
    kept = Signal()

    def __init__(
        self,
        records: RecordsStore,
        snapshot: Callable[[], tuple[Visit, dict[str, str]] | None],
        dirty: Callable[[], bool],
        interval_ms: int = DRAFT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.records = records
        self.snapshot = snapshot
        self.dirty = dirty
        self.key: uuid.UUID | None = None
        self._last: tuple[Visit, dict[str, str]] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.keep_now)

    def start(self, key: uuid.UUID | None = None) -> None:
        """Begin a new editing session (or carry on a restored draft's ``key``)."""
        self.timer.stop()
        import uuid

        self.key = key or uuid.uuid4()
        self._last = None

    def on_changed(self) -> None:
        """Typing happened: keep a draft within one interval (not one per keystroke)."""
        if self.key is not None and not self.timer.isActive():
            self.timer.start()

    def keep_now(self) -> None:
        if self.key is None or not self.dirty():
            return
        taken = self.snapshot()
        if taken is None or taken == self._last:
            return
        try:
            self.records.save_draft(self.key, *taken)
        except Exception as exc:
            known = classify(exc)
            if known is None:
                raise
            self.problem.emit(f"The draft could not be kept: {known}")
            self.timer.start()  # try again after the next interval
            return
        self._last = taken
        self.kept.emit()

    def finish(self) -> None:
        """The visit was saved or its changes discarded: the draft is no longer needed."""
        self.timer.stop()
        key, self.key = self.key, None
        if key is None:
            return
        try:
            self.records.discard_draft(key)
        except Exception as exc:
            known = classify(exc)
            if known is None:
                raise
            self.problem.emit(f"An old draft could not be removed: {known}")
