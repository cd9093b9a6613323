"""Two consultants on one practice database: a conflicting save asks, and never overwrites silently."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
from factories import make_client
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, go, type_into

from consultapp.domain.records import BabyAssessment, Visit
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.ui.practice.conflict import Conflict, ConflictAnswer, ConflictDialog, ConflictQuestions
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.tasks import SyncPool


@dataclass
class FakeConflicts(ConflictQuestions):
    answer: ConflictAnswer = "mine"
    keep: Literal["mine", "theirs"] | None = "mine"
    asked: list[Conflict] = field(default_factory=list)
    fields_asked: list[str] = field(default_factory=list)

    def resolve(self, parent: Any, conflict: Conflict) -> ConflictAnswer:
        self.asked.append(conflict)
        return self.answer

    def keep_which(self, parent: Any, field: str, theirs: Any, mine: Any) -> Literal["mine", "theirs"] | None:
        self.fields_asked.append(field)
        return self.keep


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two consultants' repositories on the same SQLite file."""
    first, second = open_database(tmp_path / "practice.db"), open_database(tmp_path / "practice.db")
    try:
        yield Store(first), Store(second)
    finally:
        first.close()
        second.close()


def seeded(repo: Store) -> tuple[uuid.UUID, uuid.UUID]:
    client = repo.save_client(make_client(family="Conflictson", baby="Ada"))
    assert client.id is not None and client.babies[0].id is not None
    visit = Visit(client.id, dt.date.today(), reason="Sore nipples",
                  assessments=[BabyAssessment(client.babies[0].id, weight_g=3200)])
    saved = repo.save_visit(visit, author="Me")
    assert saved.id is not None
    return client.id, saved.id


def window_on(qtbot: QtBot, repo: Store, conflicts: ConflictQuestions, retry_ms: int = 5000) -> MainWindow:
    win = MainWindow(repo, dialogs=FakeDialogs(), pool=SyncPool(), draft_interval_ms=50, conflicts=conflicts,
                     retry_interval_ms=retry_ms)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def open_first_visit(qtbot: QtBot, win: MainWindow, family: str, client_id: uuid.UUID) -> None:
    """Find the client, select her, and open her visit with Return, as a user does."""
    type_into(qtbot, win.home.search, family)
    row = win.home.clients.row_of(client_id)
    assert row is not None
    win.home.client_view.selectRow(row)
    qtbot.waitUntil(lambda: win.home.visits.rowCount() == 1)
    win.home.visit_view.setFocus()
    win.home.visit_view.selectRow(0)
    qtbot.keyClick(win.home.visit_view, Qt.Key.Key_Return)
    assert win.pages.currentWidget() is win.visit_editor


def append(qtbot: QtBot, widget: Any, text: str) -> None:
    widget.setFocus()
    ctrl(qtbot, widget, Qt.Key.Key_End)
    type_into(qtbot, widget, text)


def someone_else_saves(other: Store, visit_id: uuid.UUID, reason: str | None = None,
                       weight: int | None = None) -> None:
    theirs = other.get_visit(visit_id)
    if reason is not None:
        theirs.reason = reason
    if weight is not None:
        theirs.assessments[0].weight_g = weight
    other.save_visit(theirs, author="Bea Colleague")


def test_apply_my_changes_on_top_of_theirs_keeps_both(qtbot: QtBot, shared: tuple[Store, Store]) -> None:
    mine_repo, other = shared
    client_id, visit_id = seeded(mine_repo)
    conflicts = FakeConflicts(answer="mine")
    win = window_on(qtbot, mine_repo, conflicts)
    open_first_visit(qtbot, win, "Conflictson", client_id)
    editor = win.visit_editor
    go(qtbot, win, 2)
    weight = editor.weights.forms[0].weight.edit
    weight.selectAll()
    type_into(qtbot, weight, "3300")
    someone_else_saves(other, visit_id, reason="Sore nipples; mastitis signs")  # meanwhile, at another laptop

    ctrl(qtbot, editor, Qt.Key.Key_S)

    [conflict] = conflicts.asked
    assert [c.field for c in conflict.theirs] == ["reason"]
    # (her weight, and the feeding plan the editor suggests from it, which she keeps by saving)
    assert {c.field for c in conflict.mine} <= {"assessments.0.weight_g", "assessments.0.feeding_plan"}
    assert "assessments.0.weight_g" in [c.field for c in conflict.mine]
    assert conflicts.fields_asked == []  # no field changed by both
    stored = other.get_visit(visit_id)
    assert stored.reason == "Sore nipples; mastitis signs"
    assert stored.assessments[0].weight_g == 3300
    assert editor.reason_section.reason.toPlainText() == "Sore nipples; mastitis signs"
    assert not editor.is_dirty()


def test_same_field_changed_by_both_asks_which_value_to_keep(qtbot: QtBot,
                                                             shared: tuple[Store, Store]) -> None:
    mine_repo, other = shared
    client_id, visit_id = seeded(mine_repo)
    conflicts = FakeConflicts(answer="mine", keep="theirs")
    win = window_on(qtbot, mine_repo, conflicts)
    open_first_visit(qtbot, win, "Conflictson", client_id)
    editor = win.visit_editor
    append(qtbot, editor.reason_section.reason, " and a blister")
    go(qtbot, win, 2)
    weight = editor.weights.forms[0].weight.edit
    weight.selectAll()
    type_into(qtbot, weight, "3250")
    someone_else_saves(other, visit_id, reason="Blocked duct", weight=3260)

    ctrl(qtbot, editor, Qt.Key.Key_S)

    assert conflicts.fields_asked == ["Ada: weight", "Reason for visit"]
    stored = other.get_visit(visit_id)
    assert (stored.reason, stored.assessments[0].weight_g) == ("Blocked duct", 3260)  # kept theirs both times


def test_take_theirs_shows_their_visit_and_keeps_my_typing_as_a_draft(
        qtbot: QtBot, shared: tuple[Store, Store]) -> None:
    mine_repo, other = shared
    client_id, visit_id = seeded(mine_repo)
    conflicts = FakeConflicts(answer="theirs")
    win = window_on(qtbot, mine_repo, conflicts)
    open_first_visit(qtbot, win, "Conflictson", client_id)
    editor = win.visit_editor
    append(qtbot, editor.reason_section.reason, " (night feeds)")
    someone_else_saves(other, visit_id, reason="Low supply")

    click(qtbot, editor.save_button)

    assert editor.reason_section.reason.toPlainText() == "Low supply"
    assert other.get_visit(visit_id).reason == "Low supply"  # nothing of theirs overwritten
    drafts = Store(mine_repo.db).drafts()
    assert [d.visit.reason for d in drafts] == ["Sore nipples (night feeds)"]


def test_keep_editing_saves_nothing_and_keeps_the_form(qtbot: QtBot, shared: tuple[Store, Store]) -> None:
    mine_repo, other = shared
    client_id, visit_id = seeded(mine_repo)
    conflicts = FakeConflicts(answer="edit")
    win = window_on(qtbot, mine_repo, conflicts)
    open_first_visit(qtbot, win, "Conflictson", client_id)
    editor = win.visit_editor
    append(qtbot, editor.reason_section.reason, "!")
    someone_else_saves(other, visit_id, reason="Theirs")
    ctrl(qtbot, editor, Qt.Key.Key_S)
    assert editor.reason_section.reason.toPlainText() == "Sore nipples!"
    assert editor.is_dirty()
    assert other.get_visit(visit_id).reason == "Theirs"
    assert "saved this visit after you opened it" in editor.status.text()


def test_conflict_dialog_shows_both_sides(qtbot: QtBot, shared: tuple[Store, Store],
                                          tmp_path: Path) -> None:
    from consultapp.domain.records import FieldChange

    dialog = ConflictDialog(Conflict("Bea Colleague", "14:02, 26 Nov",
                                     [FieldChange("reason", "Sore nipples", "Sore nipples; mastitis signs")],
                                     [FieldChange("assessments.0.weight_g", 3200, 3300),
                                      FieldChange("parent.temperature_c", None, 38.4)], ["Ada"]))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.mine_button.text() == "&Apply my changes on top of theirs"
    shot = Path(os.environ.get("CONSULTAPP_SCREENSHOTS", "/nonexistent"))
    dialog.grab().save(str(tmp_path / "conflict.png"))
    if shot.is_dir():
        dialog.grab().save(str(shot / "group-conflict.png"))
    click(qtbot, dialog.theirs_button)
    assert dialog.answer == "theirs"
