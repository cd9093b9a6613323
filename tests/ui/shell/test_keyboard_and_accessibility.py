"""No action needs the mouse; every field's accessible name is its label; tab order follows the page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, ctrl, go, type_into

from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QAbstractItemView)


def unnamed_inputs(page: QWidget) -> list[str]:
    missing = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
            continue  # the inner editor of a combo or spin box
        if type(widget).__name__ in ("QScrollBar", "QTabBar") or widget.objectName().startswith("qt_"):
            continue
        if widget.window() is not page.window():
            continue  # a combo box's popup list
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            missing.append(f"{type(widget).__name__} under {type(widget.parent()).__name__}")
    return missing


def buddy_mismatches(page: QWidget) -> list[str]:
    wrong = []
    for label in page.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None:
            continue
        text = label.text().replace("&", "").rstrip(":")
        if buddy.accessibleName() != text:
            wrong.append(f"{text!r} labels a field named {buddy.accessibleName()!r}")
    return wrong


def test_a_whole_visit_by_keyboard_alone(
    qtbot: QtBot, window: MainWindow, gui_repo: Store, records: Store, dialogs: FakeDialogs
) -> None:
    ctrl(qtbot, window.home.search, Qt.Key.Key_N, shift=True)  # Ctrl+Shift+N: new client
    editor = window.client_editor
    assert QApplication.focusWidget() is editor.given_name.edit
    for text in ("Kiri", "Walker", "1991-02-03", "555 0199"):
        type_into(qtbot, QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_into(qtbot, QApplication.focusWidget(), "7 Hill Road")  # the address, reached by Tab
    assert editor.address.toPlainText() == "7 Hill Road"
    type_into(qtbot, editor.baby_forms[0].name.edit, "Aria")
    qtbot.keyClick(editor.baby_forms[0].name.edit, Qt.Key.Key_Tab)
    type_into(qtbot, QApplication.focusWidget(), (dt.date.today() - dt.timedelta(days=4)).isoformat())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_into(qtbot, QApplication.focusWidget(), "3600")
    assert editor.baby_forms[0].birth_weight.text() == "3600"
    ctrl(qtbot, QApplication.focusWidget(), Qt.Key.Key_S)
    assert window.pages.currentWidget() is window.home
    [client] = gui_repo.search_clients("kiri")
    assert client.phone == "555 0199"

    ctrl(qtbot, QApplication.focusWidget(), Qt.Key.Key_N)  # Ctrl+N: new visit
    visit = window.visit_editor
    assert QApplication.focusWidget() is visit.reason_section.visit_date.edit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is visit.reason_section.visit_time.edit  # (the time seen: now, by default)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is visit.reason_section.location
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_into(qtbot, QApplication.focusWidget(), "Weight check")
    assert visit.reason_section.reason.toPlainText() == "Weight check"
    go(qtbot, window, 2)
    assert QApplication.focusWidget() is visit.weights.forms[0].weight.edit
    type_into(qtbot, QApplication.focusWidget(), "3280")
    go(qtbot, window, 3)
    assert QApplication.focusWidget() is not None and visit.feeding.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # Left breast: cradle tried
    go(qtbot, window, 8)
    assert QApplication.focusWidget() is visit.feeding_plan.forms[0].first_field()  # the baby's feeding plan
    go(qtbot, window, 7)
    assert QApplication.focusWidget() is visit.plan.table
    ctrl(qtbot, QApplication.focusWidget(), Qt.Key.Key_S)
    [summary] = gui_repo.all_visits()
    saved = gui_repo.get_visit(summary.id)
    assert saved.assessments[0].weight_g == 3280 and saved.assessments[0].positions
    ctrl(qtbot, QApplication.focusWidget(), Qt.Key.Key_P)  # Ctrl+P: print the care plan
    assert dialogs.printer_pdf is not None and dialogs.printer_pdf.exists()
    assert len(records.documents_for_client(client.id)) == 1
    ctrl(qtbot, QApplication.focusWidget(), Qt.Key.Key_F)  # Ctrl+F: back to search, nothing unsaved
    assert window.pages.currentWidget() is window.home and window.home.search.hasFocus()
    ctrl(qtbot, window.home.search, Qt.Key.Key_H)
    assert window.pages.currentWidget() is window.history_page
    assert dialogs.discard_questions == []


def test_every_field_has_an_accessible_name_equal_to_its_label(qtbot: QtBot, window: MainWindow) -> None:
    from ui.helpers import create_client

    create_client(qtbot, window, "Ana", "Lima", "Rui")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    window.settings_page.load(window.practice)
    window.client_editor.load(window.current_client)
    pages = (window.home, window.client_editor, window.visit_editor, window.settings_page, window.history_page,
             window.preview_page)
    problems = {type(p).__name__: unnamed_inputs(p) + buddy_mismatches(p) for p in pages}
    bad = {k: v for k, v in problems.items() if v}
    print("\n".join(f"{k}: {x}" for k, v in bad.items() for x in v))
    assert bad == {}
