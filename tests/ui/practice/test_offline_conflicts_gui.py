"""Tools > Conflicts from sync…: she sees both versions and clicks which to keep (issue 17)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "store"))
from test_offline_resolve import _sqlite_copy  # noqa: E402

from consultapp.store.facade import Store  # noqa: E402
from consultapp.store.offline.tables import ConflictRow, CopyRow, OutboxRow  # noqa: E402
from consultapp.store.types import utcnow  # noqa: E402
from consultapp.ui.practice.offline_conflicts import MINE, THEIRS, OfflineConflictsDialog  # noqa: E402


def test_keep_mine_by_clicking(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, client_id, cid = _sqlite_copy(tmp_path / "c.db")
    try:
        dialog = OfflineConflictsDialog(db)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.listing.count() == 1
        assert dialog.listing.item(0).text().startswith("Amara Okafor: Phone")
        view = dialog.view_box.itemAt(0).widget()
        headers = [view.horizontalHeaderItem(i).text() for i in range(3)]
        assert headers == ["Field", MINE, THEIRS]
        assert (view.item(0, 1).text(), view.item(0, 2).text()) == ("222", "111")
        dialog.grab().save("/tmp/conflicts.png")
        qtbot.mouseClick(dialog.mine_button, Qt.MouseButton.LeftButton)
        assert dialog.listing.count() == 0 and not dialog.mine_button.isEnabled()
        assert Store(db).get_client(client_id).phone == "222"
        with db.session() as s:
            assert s.get(ConflictRow, cid).resolved_at is not None
            assert "client" in s.scalars(select(OutboxRow.kind)).all()
    finally:
        db.close()


def test_keep_theirs_by_clicking(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, client_id, cid = _sqlite_copy(tmp_path / "c.db")
    try:
        dialog = OfflineConflictsDialog(db)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
        assert dialog.listing.count() == 0
        assert Store(db).get_client(client_id).phone == "111"
        with db.session() as s:
            assert s.get(ConflictRow, cid).resolved_at is not None
            assert "client" not in s.scalars(select(OutboxRow.kind)).all()
    finally:
        db.close()


def test_list_part_refused_with_message_next_to_buttons(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _client_id, cid = _sqlite_copy(tmp_path / "c.db", field="babies", mine=["{}"])
    try:
        dialog = OfflineConflictsDialog(db)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.mine_button, Qt.MouseButton.LeftButton)
        assert "cannot be put back" in dialog.error.text()
        assert dialog.listing.count() == 1
        with db.session() as s:
            assert s.get(ConflictRow, cid).resolved_at is None
    finally:
        db.close()


def test_menu_entry_opens_it_for_an_offline_copy(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMainWindow

    from consultapp.ui.practice import offline_conflicts
    from consultapp.ui.shell import menus

    db, _client_id, _cid = _sqlite_copy(tmp_path / "c.db")
    shown: list[int] = []
    monkeypatch.setattr(
        offline_conflicts.OfflineConflictsDialog, "exec", lambda self: shown.append(self.listing.count())
    )
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        window.work = type("Work", (), {"attached": Store(db)})()  # type: ignore[attr-defined]
        menus._sync_conflicts(window)
        assert shown == [1]
    finally:
        db.close()


def test_main_window_file_menu_has_the_entry(window) -> None:  # type: ignore[no-untyped-def]
    (file_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    assert "Conflicts from s&ync…" in [a.text() for a in file_menu.actions()]


def test_keep_mine_from_the_window_shows_at_once(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Opened from File in the real window: after "Keep mine" the status bar and the client's details show it
    at once (not at the next sync), and a sync is due shortly to send it."""
    from ui.helpers import FakeDialogs, make_window

    from consultapp.ui.practice import offline_conflicts

    db, client_id, _cid = _sqlite_copy(tmp_path / "c.db")
    now = utcnow()
    with db.engine.begin() as conn:  # where the copy came from (a server that is never reached here)
        conn.execute(
            insert(CopyRow).values(
                id=1,
                server_url="postgresql+psycopg://jo@127.0.0.1:1/practice",
                login="jo",
                consultant_id=str(uuid.uuid4()),
                device_id=str(uuid.uuid4()),
                days=7,
                picked=[],
                taken_at=now,
                last_contact_at=now,
                max_days=14,
            )
        )
    try:
        win = make_window(qtbot, Store(db), FakeDialogs())
        win.offline.auto = False
        win.offline.soon.stop()
        assert win.offline_label.text().endswith("1 conflict to resolve")

        def click_mine(self: OfflineConflictsDialog) -> None:
            qtbot.mouseClick(self.mine_button, Qt.MouseButton.LeftButton)

        monkeypatch.setattr(offline_conflicts.OfflineConflictsDialog, "exec", click_mine)
        win.menus.sync_conflicts.trigger()
        assert "conflict" not in win.offline_label.text()
        assert win.offline_label.text() == "Offline - 1 change waiting"
        assert win.offline.soon.isActive()  # her value goes to the server at the next sync, shortly
        assert Store(db).get_client(client_id).phone == "222"
        win.close()
    finally:
        db.close()
