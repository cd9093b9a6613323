"""A local copy of the practice's records (issue 17): what waits to be sent, in the status bar, and the
sync with the practice server, in the background every minute, shortly after opening and after each save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from consultapp.ui.tasks import Pool, Progress, TaskSignals, start_task

if TYPE_CHECKING:
    from consultapp.domain.records import Consultant
    from consultapp.store.db import Database
    from consultapp.store.offline.copy import CopyInfo

SYNC_INTERVAL_MS = 60_000
FIRST_SYNC_MS = 3_000
AFTER_SAVE_MS = 1_000


def is_local_copy(db: Database) -> bool:
    """Whether ``db`` is a local copy taken with ``consultapp offline take``."""
    from sqlalchemy import text  # lazy: the store loads after the window shows

    if not db.is_sqlite:
        return False
    with db.engine.connect() as conn:
        return bool(conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'offline_copy'")).scalar())


def assignable(db: Database) -> list[Consultant] | None:
    """The consultants a client can be assigned to: on a practice server or a local copy; None on a solo file."""
    from consultapp.store import users  # lazy: the store loads after the window shows

    if db.is_sqlite and not is_local_copy(db):
        return None
    return [c for c in users.consultants(db) if c.active and c.role.can_write]


def status_text(info: CopyInfo, synced_at: dt.datetime | None) -> str:
    """The words: "Offline - 3 changes waiting", or "Synced with the practice at 14:05"; open conflicts added.

    Before the first contact of this session with nothing waiting: "Local copy - nothing waiting to be sent"
    ("Offline" would say the server cannot be reached, which is not known yet).
    """
    if not info.waiting and synced_at is None:
        words = "Local copy - nothing waiting to be sent"
    elif info.waiting or synced_at is None:
        changes = "1 change" if info.waiting == 1 else f"{info.waiting} changes"
        words = f"Offline - {changes} waiting"
    else:
        words = f"Synced with the practice at {synced_at.strftime('%H:%M')}"
    if info.conflicts:
        words += " - 1 conflict to resolve" if info.conflicts == 1 else f" - {info.conflicts} conflicts to resolve"
    return words


def _run_sync(db: Database) -> Any:
    from consultapp.store.offline.sync import sync  # lazy: only a local copy syncs

    return sync(db)


class OfflineSync(QObject):
    """Shows a local copy's state in ``label`` and syncs it on ``pool`` (never on the GUI thread).

    Args:
        label: the status bar's offline label (hidden on other databases).
        pool: where the sync runs (tests pass ``SyncPool``).
        refreshed: called on the GUI thread after a sync that received changes (the lists are read again).
        tell: shows a message to her once (a revoked laptop, an expired copy).
        wiped: called after the practice revoked this laptop and the copy was removed.
        run_sync: the sync itself (tests may inject one).
    """

    finished = Signal(object)  # the SyncReport, or the exception (after the status shows it)

    def __init__(
        self,
        label: QLabel,
        pool: Pool,
        refreshed: Callable[[], None],
        tell: Callable[[str], None],
        wiped: Callable[[], None],
        run_sync: Callable[[Database], Any] = _run_sync,
        interval_ms: int = SYNC_INTERVAL_MS,
    ) -> None:
        super().__init__(label)
        self.label, self.pool, self.refreshed, self.tell, self.wiped = label, pool, refreshed, tell, wiped
        self.run_sync = run_sync
        self.db: Database | None = None
        self.synced_at: dt.datetime | None = None
        self.running = False
        self.told: set[str] = set()
        self.auto = True
        """Whether the timers sync (tests turn it off and call ``sync_now``)."""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self._on_timer)
        widest = "Synced with the practice at 00:00 - 10 conflicts to resolve"
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(widest))  # (its room, once: never cut)
        self.label.hide()

    def use(self, db: Database) -> None:
        """Work on ``db``: a local copy starts syncing; any other database hides the label."""
        self.timer.stop()
        self.soon.stop()
        self.db = db if is_local_copy(db) else None
        self.synced_at = None
        self.label.setVisible(self.db is not None)
        if self.db is None:
            return
        self.show_status()
        self.timer.start()
        self.soon.start(FIRST_SYNC_MS)

    def show_status(self) -> None:
        from consultapp.store.offline.copy import info  # lazy: only a local copy has one

        if self.db is None:
            return
        words = status_text(info(self.db), self.synced_at)
        self.label.setText(words)
        self.label.setToolTip("Your local copy of the practice's records, and what waits to be sent")

    def after_save(self, _saved: object = None) -> None:
        """A record saved: the count is read again, and a sync follows shortly."""
        if self.db is None:
            return
        self.show_status()
        self.soon.start(AFTER_SAVE_MS)

    def settled(self) -> None:
        """Conflicts were resolved here: the views and the count read again, and her choices sent shortly."""
        if self.db is None:
            return
        self.show_status()
        self.refreshed()
        self.soon.start(AFTER_SAVE_MS)

    def _on_timer(self) -> None:
        if self.auto:
            self.sync_now()

    def sync_now(self) -> None:
        """Sync once in the background (a sync already running is not doubled)."""
        if self.db is None or self.running:
            return
        db = self.db
        self.running = True
        signals = TaskSignals(self)
        signals.finished.connect(lambda report: self._done(db, report))
        signals.failed.connect(lambda exc: self._failed(db, exc))

        def job() -> Generator[Progress, None, Any]:
            return self.run_sync(db)
            yield  # (a generator, as a task's job is)

        start_task(self.pool, job, signals)

    def _done(self, db: Database, report: Any) -> None:
        self.running = False
        if db is not self.db:
            return
        if report.wiped:
            self.db = None
            self.timer.stop()
            self.label.setText("This laptop's copy was removed")
            self.tell(
                "The practice revoked this laptop: its copy of the records was removed from it. "
                "Nothing more can be saved here; ask an admin of the practice."
            )
            self.wiped()
        else:
            self.synced_at = dt.datetime.now()
            self.show_status()
            if report.received or report.removed or report.sent:
                self.refreshed()
        self.finished.emit(report)

    def _failed(self, db: Database, exc: BaseException) -> None:
        from sqlalchemy.exc import DBAPIError  # lazy: only a local copy syncs

        from consultapp.store.errors import KnownError  # lazy: only a local copy syncs
        from consultapp.store.offline.sync import DeviceRefused  # lazy: only a local copy syncs

        self.running = False
        if db is self.db:
            self.synced_at = None
            if isinstance(exc, DeviceRefused):
                self.timer.stop()
                if str(exc) not in self.told:
                    self.told.add(str(exc))
                    self.tell(str(exc))
            self.show_status()  # an unreachable server: quietly "Offline - N changes waiting"
        self.finished.emit(exc)
        if not isinstance(exc, KnownError | DBAPIError | OSError):
            raise exc  # a bug goes on up (the crash report), as the reporter does
