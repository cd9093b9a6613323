"""Amending a final visit in a lb-oz / °F practice: the reason is required, and "What changed" reads as the form."""

from __future__ import annotations

import types

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, go, make_window, type_into

from consultapp.domain.records import Practice, PracticeSettings
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.store.facade import Store
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.visit.amend_dialog import REASON_REQUIRED, AmendReasonDialog


def _answer(qtbot: QtBot, reason: str | None, seen: list[str]) -> None:
    """When the amend dialog opens: press Save with no reason (refused), then type ``reason`` and Save,
    or Cancel when ``reason`` is None."""

    def drive(tries: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None and tries:  # the key press that saves has not opened it yet
            QTimer.singleShot(5, lambda: drive(tries - 1))
            return
        assert isinstance(dialog, AmendReasonDialog)
        try:
            click(qtbot, dialog.save_button)
            assert dialog.isVisible()  # refused: no reason yet
            assert dialog.error.isVisible()
            seen.append(dialog.error.text())
            if reason is None:
                click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
                return
            type_into(qtbot, dialog.reason, reason)
            assert not dialog.error.isVisible()  # the message goes once a reason is typed
            click(qtbot, dialog.save_button)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, drive)


def test_amending_needs_a_reason_and_lists_labels_with_old_and_new_values_in_the_practices_units(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    gui_repo.save_practice(Practice(name="Pounds Practice", settings=PracticeSettings(
        weight_unit=WeightUnit.LB_OZ, temperature_unit=TemperatureUnit.F)))
    dialogs.ask_amendment_reason = types.MethodType(Dialogs.ask_amendment_reason, dialogs)  # type: ignore[method-assign]
    window = make_window(qtbot, gui_repo, dialogs)
    create_client(qtbot, window, "Grace", "Hall", "Ella", birth_weight="7 8")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Weight check")
    go(qtbot, window, 2)
    type_into(qtbot, editor.weights.forms[0].weight.edit, "7 2")
    go(qtbot, window, 6)
    type_into(qtbot, editor.parent_section.temperature.edit, "100.4")
    go(qtbot, window, 7)
    click(qtbot, editor.plan.finalize_button)
    [summary] = gui_repo.all_visits()
    assert gui_repo.is_final(summary.id)

    go(qtbot, window, 2)
    weight = editor.weights.forms[0].weight.edit
    weight.selectAll()
    type_into(qtbot, weight, "7 4")
    go(qtbot, window, 6)
    temperature = editor.parent_section.temperature.edit
    temperature.selectAll()
    type_into(qtbot, temperature, "101.3")

    seen: list[str] = []
    _answer(qtbot, None, seen)
    click(qtbot, editor.save_button)
    assert seen == [REASON_REQUIRED]
    assert gui_repo.amendments(summary.id) == []  # refused, then cancelled: nothing saved
    assert gui_repo.get_visit(summary.id).parent.temperature_c == 38.0

    _answer(qtbot, "Scale re-zeroed", seen)
    click(qtbot, editor.save_button)
    assert seen == [REASON_REQUIRED, REASON_REQUIRED]
    [amendment] = gui_repo.amendments(summary.id)
    assert amendment.reason == "Scale re-zeroed"
    visit = gui_repo.get_visit(summary.id)
    assert visit.parent.temperature_c == 38.5 and visit.assessments[0].weight_g == 3289

    section = editor.reason_section  # (section 1; shortcuts after a dialog are another point of the issue)
    assert not section.amendment_box.isHidden()
    model = section.amendments
    shown = model.data(model.index(0, model.COL_FIELDS))
    assert "Temperature: 100.4 °F -> 101.3 °F" in shown
    assert "Ella: weight: 7 lb 2.0 oz -> 7 lb 4.0 oz" in shown
    assert "temperature_c" not in shown and "°C" not in shown and " g" not in shown
    assert model.data(model.index(0, model.COL_REASON)) == "Scale re-zeroed"


def test_the_conflict_dialog_names_fields_as_the_form_does_with_values_in_the_practices_units(
    qtbot: QtBot,
) -> None:
    from PySide6.QtWidgets import QTableWidget

    from consultapp.domain.records import FieldChange
    from consultapp.ui.practice.conflict import Conflict, ConflictDialog

    dialog = ConflictDialog(Conflict("Bea Colleague", "14:02, 26 Nov", [FieldChange("reason", "Sore", "Sore; blister")],
                                     [FieldChange("assessments.1.weight_g", 3200, 3300),
                                      FieldChange("parent.temperature_c", None, 38.5)], ["Ada", "Bao"],
                                     WeightUnit.LB_OZ, TemperatureUnit.F))
    qtbot.addWidget(dialog)
    rows = [[t.item(r, c).text() for c in range(3)] for t in dialog.findChildren(QTableWidget)
            for r in range(t.rowCount())]
    assert ["Bao: weight", "7 lb 0.9 oz", "7 lb 4.4 oz"] in rows
    assert ["Temperature", "(empty)", "101.3 °F"] in rows
    assert ["Reason for visit", "Sore", "Sore; blister"] in rows
