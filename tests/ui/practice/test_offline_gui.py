"""A local copy in the window: the status bar counts what waits, and the sync sends her visit once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client
from offline_practice import OfflinePractice, practice_server
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text
from ui.helpers import FakeDialogs, make_window, type_into

from consultapp.cli import main
from consultapp.store import users
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.models import ClientRow, VisitRow
from consultapp.ui.shell.window import MainWindow

PASS = "pass phrase one"


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _client_on_server(p: OfflinePractice) -> uuid.UUID:
    db = p.open(p.jo)
    try:
        client = Store(db).save_client(make_client(given="Amara", family="Okafor"))
        assert client.id is not None
        return client.id
    finally:
        db.close()


def _take(p: OfflinePractice, out: Path, client: uuid.UUID) -> None:
    pw = out.parent / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    args = [
        "offline",
        "take",
        "--db",
        p.url(p.jo),
        "--out",
        str(out),
        "--passphrase-file",
        str(pw),
        "--client",
        str(client),
        "--recovery-key-file",
        str(out) + ".key",
    ]
    assert main(args) == 0


def _server_reasons(p: OfflinePractice) -> list[str]:
    db = p.open(p.owner)
    try:
        with db.session() as s:
            return list(s.scalars(select(VisitRow.reason)))
    finally:
        db.close()


def _point_at(store: Store, url: str) -> None:
    with store.db.engine.begin() as conn:
        conn.execute(text("UPDATE offline_copy SET server_url = :u"), {"u": url})


@pytest.mark.postgres
def test_a_visit_recorded_offline_waits_then_syncs_once(
    qtbot: QtBot, practice: OfflinePractice, tmp_path: Path
) -> None:
    client_id = _client_on_server(practice)
    out = tmp_path / "jo-copy.db"
    _take(practice, out, client_id)
    db = open_database(out, passphrase=PASS)
    try:
        store = Store(db)
        with db.engine.connect() as conn:
            real_url = str(conn.execute(text("SELECT server_url FROM offline_copy")).scalar_one())
        _point_at(store, "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")  # the train
        dialogs = FakeDialogs()
        win = make_window(qtbot, store, dialogs)
        win.offline.auto = False  # the test syncs, not the clock
        label = win.offline_label
        assert label.isVisible()
        assert label.text() == "Local copy - nothing waiting to be sent"
        type_into(qtbot, win.home.search, "Okafor")
        win.home.client_view.selectRow(0)
        qtbot.waitUntil(lambda: win.work.current_client is not None)
        qtbot.mouseClick(win.home.new_visit_button, Qt.MouseButton.LeftButton)
        editor = win.visit_editor
        assert win.pages.currentWidget() is editor
        type_into(qtbot, editor.reason_section.reason, "Sore nipples, offline")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert label.text() == "Offline - 1 change waiting"
        with qtbot.waitSignal(win.offline.finished):
            win.offline.sync_now()  # the server cannot be reached: quietly still waiting
        assert label.text() == "Offline - 1 change waiting"
        assert dialogs.errors == []
        assert _server_reasons(practice) == []
        win.grab().save("/tmp/offline_status.png")

        _point_at(store, real_url)  # back in the practice
        with qtbot.waitSignal(win.offline.finished):
            win.offline.sync_now()
        assert label.text().startswith("Synced with the practice at "), label.text()
        assert _server_reasons(practice) == ["Sore nipples, offline"]
        with qtbot.waitSignal(win.offline.finished):
            win.offline.sync_now()  # a second sync sends nothing again
        assert _server_reasons(practice) == ["Sore nipples, offline"]
        assert dialogs.errors == []
        win.grab().save("/tmp/offline_synced.png")

        qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)  # her consultant, chosen on the copy
        _assign(qtbot, win, "Okafor", "J")
        assert label.text() == "Offline - 1 change waiting"
        with qtbot.waitSignal(win.offline.finished):
            win.offline.sync_now()
        assert label.text().startswith("Synced with the practice at ")
        server = practice.open(practice.owner)
        try:
            [jo] = [c for c in users.consultants(server) if c.name == "Jo Example"]
            with server.session() as s:
                assert s.get(ClientRow, client_id).assigned_to == jo.id
        finally:
            server.close()
        win.close()
    finally:
        db.close()


def _assign(qtbot: QtBot, win: MainWindow, family: str, choice: str) -> None:
    """Find her, open her record, pick the consultant by typing, save."""
    win.home.search.clear()
    type_into(qtbot, win.home.search, family)
    win.home.client_view.selectRow(0)
    qtbot.waitUntil(lambda: win.work.current_client is not None)
    qtbot.mouseClick(win.home.edit_client_button, Qt.MouseButton.LeftButton)
    editor = win.client_editor
    assert win.pages.currentWidget() is editor
    assert editor.assigned.isVisible()
    qtbot.keyClicks(editor.assigned, choice)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is not editor


@pytest.mark.postgres
def test_assigning_her_consultant_on_the_server(qtbot: QtBot, practice: OfflinePractice) -> None:
    client_id = _client_on_server(practice)
    db = practice.open(practice.jo)
    try:
        win = make_window(qtbot, Store(db), FakeDialogs())
        assert not win.offline_label.isVisible()  # (not a local copy)
        qtbot.mouseClick(win.home.new_client_button, Qt.MouseButton.LeftButton)
        names = [win.client_editor.assigned.itemText(i) for i in range(win.client_editor.assigned.count())]
        assert names == ["None", "Ada Admin, IBCLC", "Jo Example, IBCLC", "Mia Müller, IBCLC"]
        qtbot.mouseClick(win.client_editor.cancel_button, Qt.MouseButton.LeftButton)
        _assign(qtbot, win, "Okafor", "M")
        [mia] = [c for c in users.consultants(db) if c.name == "Mia Müller"]
        with db.session() as s:
            assert s.get(ClientRow, client_id).assigned_to == mia.id
        win.close()
    finally:
        db.close()


def test_a_solo_file_has_no_assigned_consultant(qtbot: QtBot, gui_repo: Store) -> None:
    win = make_window(qtbot, gui_repo, FakeDialogs())
    assert not win.offline_label.isVisible()
    qtbot.mouseClick(win.home.new_client_button, Qt.MouseButton.LeftButton)
    assert not win.client_editor.assigned.isVisible()
    type_into(qtbot, win.client_editor.given_name.edit, "Grace")
    qtbot.mouseClick(win.client_editor.save_button, Qt.MouseButton.LeftButton)
    [summary] = gui_repo.search_clients("grace")
    assert gui_repo.get_client(summary.id).assigned_to is None


@pytest.mark.postgres
def test_a_refused_laptop_is_told_once_and_a_revoked_one_closes(
    qtbot: QtBot, practice: OfflinePractice, tmp_path: Path
) -> None:
    from consultapp.store.offline.sync import DeviceRefused, SyncReport

    out = tmp_path / "jo-copy.db"
    _take(practice, out, _client_on_server(practice))
    db = open_database(out, passphrase=PASS)
    try:
        dialogs = FakeDialogs()
        win = make_window(qtbot, Store(db), dialogs)
        win.offline.auto = False

        def refused(_db: object) -> SyncReport:
            raise DeviceRefused("This copy was out of contact longer than the practice allows: nothing was sent.")

        win.offline.run_sync = refused
        for _ in range(2):
            with qtbot.waitSignal(win.offline.finished):
                win.offline.sync_now()
        assert dialogs.errors == ["This copy was out of contact longer than the practice allows: nothing was sent."]
        assert win.offline_label.text() == "Local copy - nothing waiting to be sent"

        win.offline.run_sync = lambda _db: SyncReport(wiped=True)
        with qtbot.waitSignal(win.offline.finished):
            win.offline.sync_now()
        assert "The practice revoked this laptop" in dialogs.errors[-1]
        assert not win.home.new_client_button.isEnabled()
        assert win.home.clients.rowCount() == 0
        win.close()
    finally:
        db.close()
