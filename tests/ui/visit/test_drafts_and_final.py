"""Never losing typing: drafts kept while typing and offered back; final visits amended, not overwritten."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, go, make_window, type_into

from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


def start_visit(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Nguyễn Thị", "Ánh", "Bé Minh")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    assert window.pages.currentWidget() is window.visit_editor


def test_a_draft_survives_the_window_being_destroyed_without_saving_and_is_offered_back(
    qtbot: QtBot, gui_repo: Store, records: Store, dialogs: FakeDialogs
) -> None:
    first = make_window(qtbot, gui_repo, dialogs, register=False)
    start_visit(qtbot, first)
    editor = first.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Sore nipples, crash test")
    go(qtbot, first, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "3150")
    qtbot.waitUntil(lambda: any(d.visit.reason == "Sore nipples, crash test" and d.visit.assessments
                                and d.visit.assessments[0].weight_g == 3150 for d in records.drafts()))
    assert gui_repo.all_visits() == []  # nothing saved: only the draft
    shiboken6.delete(first)  # as a crash would: no close event, no questions, no save

    second = make_window(qtbot, gui_repo, dialogs)
    qtbot.waitUntil(lambda: second.pages.currentWidget() is second.visit_editor)
    [question] = dialogs.draft_questions
    assert "Nguyễn Thị Ánh" in question
    restored = second.visit_editor
    assert restored.reason_section.reason.toPlainText() == "Sore nipples, crash test"
    assert restored.weights.forms[0].weight.text() == "3150"
    assert restored.is_dirty()  # restored typing is not saved yet
    ctrl(qtbot, restored.reason_section.reason, Qt.Key.Key_S)
    [summary] = gui_repo.all_visits()
    visit = gui_repo.get_visit(summary.id)
    assert visit.reason == "Sore nipples, crash test" and visit.assessments[0].weight_g == 3150
    assert records.drafts() == []  # saved: the draft is gone
    ctrl(qtbot, restored.reason_section.reason, Qt.Key.Key_F)
    assert dialogs.discard_questions == []


def test_a_draft_keeps_text_that_does_not_parse_yet_as_typed(
    qtbot: QtBot, gui_repo: Store, records: Store, dialogs: FakeDialogs
) -> None:
    """A slip ("3,5 kgg") is typing too: it comes back as typed, to be seen and put right, never as empty."""
    first = make_window(qtbot, gui_repo, dialogs, register=False)
    start_visit(qtbot, first)
    editor = first.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Weight check")
    go(qtbot, first, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "3,5 kgg")
    go(qtbot, first, 6)
    type_into(qtbot, editor.parent_section.temperature.edit, "38,9")
    qtbot.waitUntil(lambda: any("3,5 kgg" in d.unparsed.values() for d in records.drafts()))
    shiboken6.delete(first)

    second = make_window(qtbot, gui_repo, dialogs)
    qtbot.waitUntil(lambda: second.pages.currentWidget() is second.visit_editor)
    restored = second.visit_editor
    assert restored.reason_section.reason.toPlainText() == "Weight check"
    assert restored.weights.forms[0].weight.text() == "3,5 kgg"  # as typed
    assert restored.parent_section.temperature.text() == "38.9"  # (this one parsed: it comes back as its value)
    assert restored.is_dirty()
    ctrl(qtbot, restored.reason_section.reason, Qt.Key.Key_S)  # still wrong: shown, not saved
    assert gui_repo.all_visits() == [] and restored.weights.forms[0].weight.error.text()
    restored.weights.forms[0].weight.edit.selectAll()
    type_into(qtbot, restored.weights.forms[0].weight.edit, "3.5 kg")
    ctrl(qtbot, restored.reason_section.reason, Qt.Key.Key_S)
    [summary] = gui_repo.all_visits()
    assert gui_repo.get_visit(summary.id).assessments[0].weight_g == 3500
    assert records.drafts() == []


def test_a_draft_can_be_discarded_or_kept_for_later(
    qtbot: QtBot, gui_repo: Store, records: Store, dialogs: FakeDialogs
) -> None:
    first = make_window(qtbot, gui_repo, dialogs, register=False)
    start_visit(qtbot, first)
    type_into(qtbot, first.visit_editor.reason_section.reason, "Kept for later")
    qtbot.waitUntil(lambda: len(records.drafts()) == 1)
    shiboken6.delete(first)

    dialogs.restore = "later"
    later = make_window(qtbot, gui_repo, dialogs)
    qtbot.waitUntil(lambda: len(dialogs.draft_questions) == 1)
    assert later.pages.currentWidget() is later.home
    assert len(records.drafts()) == 1

    dialogs.restore = "discard"
    make_window(qtbot, gui_repo, dialogs)
    qtbot.waitUntil(lambda: len(dialogs.draft_questions) == 2)
    assert records.drafts() == []
    assert gui_repo.all_visits() == []


def test_leaving_a_visit_discarding_its_changes_removes_its_draft(
    qtbot: QtBot, window: MainWindow, records: Store, dialogs: FakeDialogs
) -> None:
    start_visit(qtbot, window)
    type_into(qtbot, window.visit_editor.reason_section.reason, "Not wanted")
    qtbot.waitUntil(lambda: len(records.drafts()) == 1)
    click(qtbot, window.visit_editor.back_button)
    assert dialogs.discard_questions == ["This visit"]
    assert window.pages.currentWidget() is window.home
    assert records.drafts() == []


def test_a_final_visit_is_amended_with_date_and_reason_not_overwritten(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, records: Store, dialogs: FakeDialogs
) -> None:
    start_visit(qtbot, window)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Weight check")
    go(qtbot, window, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "3100")
    go(qtbot, window, 7)
    click(qtbot, editor.plan.finalize_button)
    [summary] = gui_repo.all_visits()
    assert records.is_final(summary.id)
    assert "FINAL" in editor.final_badge.text()
    assert not editor.plan.finalize_button.isEnabled()
    assert dialogs.amendment_questions == 0  # saving before it was final needed no reason

    go(qtbot, window, 2)
    weight = editor.weights.forms[0].weight.edit
    weight.selectAll()
    type_into(qtbot, weight, "3050")
    dialogs.amendment_reason = None  # the consultant cancels: nothing changes
    ctrl(qtbot, weight, Qt.Key.Key_S)
    assert gui_repo.get_visit(summary.id).assessments[0].weight_g == 3100
    assert records.amendments(summary.id) == []

    dialogs.amendment_reason = "Scale re-zeroed"
    ctrl(qtbot, weight, Qt.Key.Key_S)
    assert dialogs.amendment_questions == 2
    visit = gui_repo.get_visit(summary.id)
    assert visit.assessments[0].weight_g == 3050 and visit.is_final
    [amendment] = records.amendments(summary.id)
    assert amendment.reason == "Scale re-zeroed"
    assert [(c.field, c.before, c.after) for c in amendment.changes] == [("assessments.0.weight_g", 3100, 3050)]
    assert amendment.at is not None
    go(qtbot, window, 1)
    assert editor.reason_section.amendment_box.isVisible()
    assert editor.reason_section.amendments.rowCount() == 1
    assert "Scale re-zeroed" in editor.reason_section.amendments.data(editor.reason_section.amendments.index(0, 2))
    ctrl(qtbot, weight, Qt.Key.Key_S)  # nothing changed since: no new amendment, no question
    assert dialogs.amendment_questions == 2 and len(records.amendments(summary.id)) == 1


def test_closing_the_window_with_unsaved_typing_asks_first(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, records: Store, dialogs: FakeDialogs
) -> None:
    start_visit(qtbot, window)
    type_into(qtbot, window.visit_editor.reason_section.reason, "Typed, then closing")
    dialogs.discard = False
    window.close()  # the window manager's close button
    assert window.isVisible() and dialogs.discard_questions == ["This visit"]
    assert window.visit_editor.reason_section.reason.toPlainText() == "Typed, then closing"
    dialogs.discard = True
    window.close()
    assert not window.isVisible()
    assert gui_repo.all_visits() == [] and records.drafts() == []
