"""The home page's lists (clients found as she types, today's agenda) and where a client leads: her record,
a new visit, a visit opened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    import uuid

    from consultapp.domain.records import Client, ClientSummary, Visit
    from consultapp.ui.report import Reporter
    from consultapp.ui.shell.pages import Pages
    from consultapp.ui.shell.work import Work
    from consultapp.ui.visit_flow import VisitFlow

CLIENT_PAGE = 100
"""Clients listed at a time; the next page loads as she scrolls to the end of the list."""
RECORD_AFTER_TYPING_MS = 150
"""While she types, the first client's record and visits are read once she pauses this long: each keystroke
lists the clients found at once, and a record read for every first client on the way to the one she is
typing would cost each keystroke about as much again (issue 15's profile)."""


class ClientsFlow:
    """Lists clients and agenda on the home page and opens a client's record or visits.

    Args:
        work: the store and the client shown.
        pages: the window's pages.
        report: shows the user's problems.
        say: a message in the status bar for some milliseconds.
        visit_flow: what happens around the visit editor (built on first use).
        apply_read_only: turns the writing buttons off again for a reviewer.
        confirm: asks a yes/no question (title, question); without it, the answer is no.
    """

    def __init__(self, work: Work, pages: Pages, report: Reporter, say: Callable[[str, int], None],
                 visit_flow: Callable[[], VisitFlow], apply_read_only: Callable[[], None], *,
                 confirm: Callable[[str, str], bool] | None = None) -> None:
        self.work, self.pages, self.report, self.say = work, pages, report, say
        self.confirm = confirm or (lambda _title, _question: False)
        self.home = pages.home
        self.visit_flow = visit_flow
        self.apply_read_only = apply_read_only
        self._typing = False  # the list is being refreshed for what she typed
        self._record_timer = QTimer(self.home)
        self._record_timer.setSingleShot(True)
        self._record_timer.setInterval(RECORD_AFTER_TYPING_MS)
        self._record_timer.timeout.connect(self._show_pending)

    def connect_home(self, history: Callable[[], None]) -> None:
        home = self.home
        home.search_changed.connect(self.on_home_search_changed)
        home.client_selected.connect(self.on_home_client_selected)
        home.new_client_requested.connect(self.on_new_client)
        home.edit_client_requested.connect(self.on_edit_client)
        home.new_visit_requested.connect(self.on_new_visit)
        home.history_requested.connect(history)
        home.open_visit_requested.connect(self.on_open_visit)

    # -- the lists ----------------------------------------------------------------------------------
    def refresh_clients(self, select: uuid.UUID | None = None, *, typed: bool = False) -> None:
        """List the clients found for the search box's text. With ``select`` (the list refreshed in place,
        e.g. after a save), as many rows as were shown are listed again, so she stays in the list.
        ``typed``: she changed the search; a client who stays first keeps the record already shown."""
        query = self.home.search.text()
        extent = max(CLIENT_PAGE, self.home.clients.rowCount()) if select is not None else CLIENT_PAGE
        store = self.work.store

        def page(after: ClientSummary | None, size: int) -> tuple[list[ClientSummary], bool]:
            """Clients after ``after``, and whether more follow (one row more is asked for, to know)."""
            rows = store.search_clients(query, limit=size + 1, after=after.id if after else None)
            return rows[:size], len(rows) > size

        def next_page(after: ClientSummary) -> tuple[list[ClientSummary], bool] | None:
            try:
                return page(after, CLIENT_PAGE)
            except Exception as exc:  # told after the view's paging is done (no dialog inside fetchMore)
                def tell(problem: Exception = exc) -> None:
                    if not self.report.show(problem):
                        raise problem

                QTimer.singleShot(0, tell)
                return None

        with self.report.problems():
            rows, more = page(None, extent)
        if self.report.failed:
            return
        self._typing = typed
        try:
            self.home.set_clients(rows, select=select, more=next_page if more else None)
        finally:
            self._typing = False

    def refresh_agenda(self) -> None:
        today = dt.date.today()
        store = self.work.store
        with self.report.problems():
            self.home.set_agenda(store.visits_on(today), store.overdue_follow_ups(today))

    # -- the home page's requests -------------------------------------------------------------------
    def on_home_search_changed(self, _text: str) -> None:
        self.refresh_clients(typed=True)

    def on_home_client_selected(self, client_id: uuid.UUID | None) -> None:
        work = self.work
        self._record_timer.stop()
        if client_id is None:
            work.current_client = None
            self.home.show_client(None, [])
            return
        if self._typing and not work.client_is_coming and work.current_client is not None \
                and client_id == work.current_client.id:
            return  # she typed and the client shown is still first: her record stands (a keystroke is a frame)
        if self._typing:  # another client is first: hers is read once she pauses, or when something needs her
            self.home.hold_client(client_id)
            work.client_coming(lambda: self._show_record(client_id))
            self._record_timer.start()
            return
        self._show_record(client_id)

    def _show_pending(self) -> None:
        """She paused typing: the first client's record, if it is still on its way."""
        if self.work.client_is_coming:
            _ = self.work.current_client  # (read now)

    def _show_record(self, client_id: uuid.UUID) -> None:
        work = self.work
        with self.report.problems():
            work.current_client, visits = work.store.client_shown(client_id)
        if self.report.failed:
            return
        self.home.show_client(work.current_client, visits)
        self.apply_read_only()

    def on_back_home(self) -> None:
        if not self.pages.leave_ok():
            return
        client = self.work.current_client
        self.refresh_clients(select=client.id if client else None)
        self.refresh_agenda()
        self.pages.show_home()

    def on_find(self) -> None:
        if self.pages.currentWidget() is self.home or self.pages.leave_ok():
            self.pages.show_home()
            self.home.search.selectAll()

    def on_new_client(self) -> None:
        if self.work.read_only or not self.pages.leave_ok():
            return
        editor = self.pages.client_editor
        editor.load(None)
        self.pages.setCurrentWidget(editor)
        editor.given_name.setFocus()

    def on_edit_client(self) -> None:
        if self.work.current_client is None or not self.pages.leave_ok():
            return
        editor = self.pages.client_editor
        editor.load(self.work.current_client)
        self.pages.setCurrentWidget(editor)
        editor.given_name.setFocus()

    def on_new_visit(self) -> None:
        client = self.work.current_client
        if self.work.read_only or client is None or not self.pages.leave_ok():
            return
        with self.report.problems():
            self.visit_flow().open(client, None)
        if self.report.failed:
            return
        self.pages.show_page(self.pages.visit_editor)

    def on_open_visit(self, visit_id: uuid.UUID) -> None:
        if not self.pages.leave_ok():
            return
        store = self.work.store
        with self.report.problems():
            visit = store.get_visit(visit_id)
            client = store.get_client(visit.client_id)
            self.visit_flow().open(client, visit)
        if self.report.failed:
            return
        self.work.current_client = client
        self.pages.show_page(self.pages.visit_editor)

    def on_visit_saved(self, visit: Visit) -> None:
        """A visit saved (new or amended): the home page's row ("Last visit") and her visit history are read
        again in place, the client staying selected, and so is the agenda."""
        client = self.work.current_client
        if client is not None and client.id == visit.client_id:
            self.refresh_clients(select=client.id)
        self.refresh_agenda()

    # -- the client's record ------------------------------------------------------------------------
    def _photo_consent_withdrawn(self, client: Client) -> None:
        """Photo consent was withdrawn: offer to erase her photos now (the audit trail records that it was done)."""
        assert client.id is not None
        with self.report.problems():
            count = len(self.work.store.photos_for_client(client.id))
            question = f"Photo consent was withdrawn. Erase this family's {count} photo(s) now? This cannot be undone."
            if count and self.confirm("Photo consent withdrawn", question):
                erased = self.work.store.erase_client_photos(client.id, reason="photo consent withdrawn")
                self.say(f"{erased} photo(s) erased; the audit trail records it.", 6000)

    def on_client_editor_saved(self, client: Client) -> None:
        before = self.work.current_client if client.id is not None else None
        with self.report.problems():
            saved = self.work.store.save_client(client)
        if self.report.failed:
            return  # the form keeps what was typed
        if before is not None and before.id == saved.id and before.consents.photos and not saved.consents.photos:
            self._photo_consent_withdrawn(saved)
        self.pages.client_editor.mark_saved(saved)
        self.work.current_client = saved
        search = self.home.search
        search.blockSignals(True)
        search.clear()
        search.blockSignals(False)
        self.refresh_clients(select=saved.id)
        self.pages.show_home()
        self.say("Client saved.", 4000)
