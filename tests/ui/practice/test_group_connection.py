"""A save that cannot reach the server keeps the form, says so, and tries again until it is stored once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from factories import make_client
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError
from ui.helpers import FakeDialogs, ctrl, type_into

from consultapp.domain.records import Visit
from consultapp.store.facade import Store
from consultapp.ui.practice.conflict import ConflictQuestions
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tasks import SyncPool
from consultapp.ui.visit_flow import OFFLINE_TEXT


class FlakyRepository:
    """The real repository, whose ``save_visit`` fails ``failures`` times as a dropped connection does.

    The first failure happens after the visit was stored (the answer was lost on the way back), the
    others before: the retry must still store the visit once.
    """

    def __init__(self, inner: Store, failures: int) -> None:
        self.inner = inner
        self.failures = failures
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def save_visit(self, visit: Visit, **kwargs: Any) -> Visit:
        self.calls += 1
        if self.calls <= self.failures:
            if self.calls == 1:
                self.inner.save_visit(visit, **kwargs)
            raise OperationalError("UPDATE visits", {}, Exception("server closed the connection unexpectedly"))
        return self.inner.save_visit(visit, **kwargs)


def test_lost_connection_keeps_the_form_and_retries_until_saved_once(
        qtbot: QtBot, gui_repo: Store, tmp_path: Path) -> None:
    client = gui_repo.save_client(make_client(family="Offlineton", baby="Ivy"))
    flaky = FlakyRepository(gui_repo, failures=3)
    dialogs = FakeDialogs()
    win = MainWindow(flaky, dialogs=dialogs, pool=SyncPool(), draft_interval_ms=50,  # type: ignore[arg-type]
                     conflicts=ConflictQuestions(), retry_interval_ms=30)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    type_into(qtbot, win.home.search, "Offlineton")
    win.home.client_view.selectRow(0)
    ctrl(qtbot, win.home.search, Qt.Key.Key_N)
    editor = win.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Nipple pain")

    ctrl(qtbot, editor, Qt.Key.Key_S)

    assert win.banner.isVisible() and win.banner.text() == OFFLINE_TEXT
    assert len(dialogs.errors) == 1  # said once; the retries do not ask again
    assert editor.reason_section.reason.toPlainText() == "Nipple pain"
    if (shots := Path(os.environ.get("CONSULTAPP_SCREENSHOTS", "/nonexistent"))).is_dir():
        win.grab().save(str(shots / "group-offline-banner.png"))
    qtbot.waitUntil(lambda: win.banner.text().startswith("Saved"), timeout=5000)
    assert flaky.calls == 4
    assert len(dialogs.errors) == 1
    assert client.id is not None
    [summary] = gui_repo.visits_for_client(client.id)
    assert gui_repo.get_visit(summary.id).reason == "Nipple pain"
    assert not editor.is_dirty()
    assert not win.visit_flow.retry_timer.isActive()
    if shots.is_dir():
        win.grab().save(str(shots / "group-saved-banner.png"))
