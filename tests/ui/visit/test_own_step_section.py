"""Her own care-plan step goes to the section she picks, on screen and in the care plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, ctrl, go, place_on_map, type_into

from consultapp.domain.careplan import SECTION_PREVENTION, SECTION_TONGUE, build_care_plan
from consultapp.domain.vocabulary import Side
from consultapp.store.facade import Store
from consultapp.ui.shell.window import MainWindow


def test_her_own_step_goes_to_the_section_she_picks(qtbot: QtBot, window: MainWindow, gui_repo: Store,
                                                    tmp_path: Path) -> None:
    create_client(qtbot, window, "Eva", "Dahl", "Nils")
    click(qtbot, window.home.new_visit_button)
    editor = window.visit_editor
    type_into(qtbot, editor.reason_section.reason, "Lump, left breast")
    go(qtbot, window, 4)  # an impaired tongue (BTAT 5): a section of its own
    btat = editor.tongue.forms[0].btat
    for key, score in zip(("tip", "frenulum", "lift", "protrusion"), "1121", strict=True):
        qtbot.keyClicks(btat.pickers[key], score)
    go(qtbot, window, 5)
    place_on_map(qtbot, window, Side.LEFT, 2, 3.0)  # a lump
    go(qtbot, window, 7)
    plan = editor.plan
    qtbot.waitUntil(lambda: {SECTION_PREVENTION, SECTION_TONGUE} <= set(plan.steps.sections()))
    picker = plan.new_step_section
    assert [picker.itemText(i) for i in range(picker.count())] == plan.steps.sections()
    plan.table.setFocus()
    plan.table.selectRow(0)  # the first step: its section is offered
    first_section = plan.steps.rows()[0].section
    assert picker.currentText() == first_section
    target = SECTION_TONGUE if first_section == SECTION_PREVENTION else SECTION_PREVENTION
    type_into(qtbot, plan.new_step, "Wear a soft, well-fitting bra at night")
    picker.setFocus()
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down):  # she picks the other section by keyboard
        for _ in range(picker.count()):
            if picker.currentText() == target:
                break
            qtbot.keyClick(picker, key)
    assert picker.currentText() == target
    click(qtbot, plan.add_button)
    [own] = [r for r in plan.steps.rows() if r.custom]
    assert own.section == target  # on screen
    plan.grab().save(str(tmp_path / "own_step.png"))
    ctrl(qtbot, plan.table, Qt.Key.Key_S)

    [summary] = gui_repo.all_visits()
    visit = gui_repo.get_visit(summary.id)
    care_plan = build_care_plan(gui_repo.get_practice(), gui_repo.get_client(visit.client_id), visit)
    [printed] = [s for s in care_plan.steps if s.text == "Wear a soft, well-fitting bra at night"]
    assert printed.section == target != first_section  # and in the care plan

    # Opened again, the screen files it where the plan prints it (walk-through: it showed under "More steps
    # from your consultant" after a reopen, while the paper kept it under the section she picked).
    window.clients.on_open_visit(summary.id)
    go(qtbot, window, 7)
    [reopened] = [r for r in editor.plan.steps.rows() if r.custom]
    assert reopened.section == target
