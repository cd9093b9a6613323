"""The database in use: who is working on it, how it is named in the status bar, and switching to another one
(the practice server offered at start, or chosen from the File menu)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy.engine import URL

    from consultapp.domain.records import Consultant
    from consultapp.store.facade import Store
    from consultapp.ui.practice.server import ServerConnection, ServerQuestions
    from consultapp.ui.report import Reporter
    from consultapp.ui.ui_settings import UiSettings


class Named(Protocol):
    """What ``where_label`` reads of a database."""

    @property
    def is_sqlite(self) -> bool: ...

    @property
    def display_name(self) -> str: ...

    @property
    def url(self) -> URL: ...


def where_label(db: Named) -> str:
    """The database in words, never with a password: "File: …" or "Server: user@host:port/db"."""
    if db.is_sqlite:
        return f"File: {db.display_name}"
    url = db.url
    user = f"{url.username}@" if url.username else ""
    port = f":{url.port}" if url.port else ""
    return f"Server: {user}{url.host or 'localhost'}{port}/{url.database or ''}"


def who_is_working(store: Store, report: Reporter) -> Consultant | None:
    """The consultant signed in to the database (None: a one-person laptop, or a problem shown)."""
    from consultapp.store import users  # lazy: the store loads after the window shows

    with report.problems():
        return users.current_consultant(store.db)
    return None


def practice_signature(store: Store, report: Reporter) -> str:
    """The practice's consultant as she signs ("Name, credentials"); "" when none is on file."""
    with report.problems():
        practice = store.get_practice()
    if report.failed:
        return ""
    name = practice.consultant_name.strip()
    return f"{name}, {practice.credentials.strip()}" if name and practice.credentials.strip() else name


def solo_unnamed(store: Store, report: Reporter) -> str:
    """The status bar's words for a solo practice with no consultant's name on file yet: the practice's name
    (or "Solo practice") and where her name goes - not "No consultant signed in" on her own laptop."""
    name = ""
    with report.problems():
        name = store.get_practice().name.strip()
    return f"{name or 'Solo practice'} – add your name in Settings > Practice"


class DatabaseSwitch:
    """Reopens the window on another database; the old one is closed once the new one is attached.

    Args:
        parent: the dialogs' parent.
        report: shows the user's problems.
        ui_settings: remembers the practice server (None: nothing is remembered).
        servers: asks for the server (None: the real dialog, built when first needed).
        leave_ok: asks before unsaved changes are left behind.
        current: the store in use (None before the first attach).
        attach: works on the new store from now on (the home page shown, no client chosen).
        say: a message in the status bar for some milliseconds.
    """

    def __init__(self, parent: QWidget, report: Reporter, ui_settings: UiSettings | None,
                 servers: ServerQuestions | None, *, leave_ok: Callable[[], bool], current: Callable[[], Store | None],
                 attach: Callable[[Store], None], say: Callable[[str, int], None]) -> None:
        self.parent, self.report, self.ui_settings, self.servers = parent, report, ui_settings, servers
        self.leave_ok, self.current, self.attach, self.say = leave_ok, current, attach, say

    def server_questions(self) -> ServerQuestions:
        if self.servers is None:
            from consultapp.ui.practice.server import ServerQuestions  # lazy: the dialog loads when first asked

            self.servers = ServerQuestions()
        return self.servers

    def remembered_server(self) -> ServerConnection | None:
        from consultapp.ui.practice.server import remembered  # lazy: kept off the start-up path

        return remembered(self.ui_settings)

    def on_open_server(self) -> bool:
        """Ask for the practice server and work on it; True when switched."""
        from consultapp.ui.practice.server import remember  # lazy: kept off the start-up path

        if not self.leave_ok():
            return False
        answer = self.server_questions().ask(self.parent, self.remembered_server())
        if answer is None:
            return False
        connection, password = answer
        if self.ui_settings is not None:
            remember(self.ui_settings, connection)
        return self.switch_database(connection.url(password))

    def switch_database(self, target: str) -> bool:
        """Reopen the window on ``target`` (through ``attach``); the old database is closed. False: kept."""
        from consultapp.store.db import open_database  # lazy: the store loads after the window shows
        from consultapp.store.facade import Store  # lazy: the store loads after the window shows

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            db = open_database(target, create=False)
        except Exception as exc:
            QApplication.restoreOverrideCursor()  # (before the message: it waits for her)
            if not self.report.show(exc):
                raise
            return False
        QApplication.restoreOverrideCursor()
        old = self.current()
        self.attach(Store(db))
        self.say(f"Now working on {where_label(db)}.", 8000)
        if old is not None and old.db is not db:
            old.db.close()
        return True
