"""Keeps a draft of the open visit in the database every couple of seconds while it has unsaved typing.

A crash or power cut then loses at most the last interval of typing; the window offers the draft back
at the next start. Drafts live in the database (``Store.save_draft``), so they are encrypted with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from consultapp.ui.report import shown

if TYPE_CHECKING:
    import uuid

    from consultapp.domain.records import Visit
    from consultapp.store.facade import Store

log = logging.getLogger(__name__)
DRAFT_INTERVAL_MS = 2000


class DraftKeeper(QObject):
    """Saves ``snapshot()`` as the draft ``key`` at most every ``interval_ms`` while ``dirty()`` says so.

    A snapshot is the visit as on screen (text that does not parse left out) and that text, as typed."""

    problem = Signal(str)  # a store problem, in words, for the status bar (never a modal every 2 s)
    kept = Signal()

    def __init__(
        self,
        store: Store,
        snapshot: Callable[[], tuple[Visit, dict[str, str]] | None],
        dirty: Callable[[], bool],
        interval_ms: int = DRAFT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
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
        import uuid  # lazy: uuid is kept off the start-up path (the window shows first)

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
            self.store.save_draft(self.key, *taken)
        except Exception as exc:
            if shown(exc, lambda m: self.problem.emit(f"The draft could not be kept: {m}"), what="draft") is None:
                raise
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
            self.store.discard_draft(key)
        except Exception as exc:
            if shown(exc, lambda m: self.problem.emit(f"An old draft could not be removed: {m}"), what="draft") is None:
                raise
