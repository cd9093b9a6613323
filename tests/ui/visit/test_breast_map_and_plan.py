"""The breast map placed by click and by keys; the plan's steps ticked, moved and added; preview, print, save."""

from __future__ import annotations

import io

import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, create_client, ctrl, go, place_on_map, type_into

from consultapp.domain.breastmap import drawing_order
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.records import BreastMapFinding
from consultapp.domain.vocabulary import FindingKind, NippleDamage, Side
from consultapp.store.facade import Store
from consultapp.ui.pdf_render import page_count
from consultapp.ui.shell.window import MainWindow


@pytest.fixture
def visit_window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    type_into(qtbot, window.visit_editor.reason_section.reason, "Lump and sore nipple")
    return window


def test_findings_are_placed_on_the_map_by_click_and_by_keyboard(
    qtbot: QtBot, visit_window: MainWindow, gui_repo: Store
) -> None:
    window = visit_window
    go(qtbot, window, 5)
    breasts = window.visit_editor.breasts
    bmap = breasts.map
    assert drawing_order() == (Side.RIGHT, Side.LEFT)
    right_centre, _ = bmap.breast_geometry(Side.RIGHT)
    left_centre, _ = bmap.breast_geometry(Side.LEFT)
    assert right_centre.x() < left_centre.x()  # facing the client: her right breast on the left of the picture

    # A lump by click, at 2 o'clock, 4 cm out, on her right breast.
    qtbot.keyClicks(breasts.kind, "L")  # Lump
    type_into(qtbot, breasts.size_field.edit, "1.5")
    at = bmap.point_for(Side.RIGHT, 2, 4.0)
    qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=QPoint(round(at.x()), round(at.y())))
    [first] = breasts.findings.findings()
    assert (first.side, first.clock, first.kind, first.size_cm) == (Side.RIGHT, 2, FindingKind.LUMP, 1.5)
    assert first.distance_cm is not None and abs(first.distance_cm - 4.0) <= 0.3

    # Nipple damage by keyboard only, from where the click left the cursor (2 o'clock, 4 cm): three hours
    # clockwise, 3 cm in, the other breast.
    qtbot.keyClick(breasts.kind, Qt.Key.Key_End)  # the last kind: nipple damage
    qtbot.keyClicks(breasts.damage, "C")  # Crack / fissure
    breasts.size_field.edit.clear()
    bmap.setFocus()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Down,
                Qt.Key.Key_Down, Qt.Key.Key_Space):
        qtbot.keyClick(bmap, key)
    assert "Left breast, 5 o'clock, 1 cm" in breasts.cursor_label.text()
    qtbot.keyClick(bmap, Qt.Key.Key_Return)
    assert breasts.findings.findings()[1] == BreastMapFinding(Side.LEFT, FindingKind.NIPPLE_DAMAGE, 5, 1.0, None,
                                                              NippleDamage.CRACK)
    # A third, placed by mistake and removed with Delete in the list.
    qtbot.keyClick(bmap, Qt.Key.Key_Return)
    assert breasts.findings.rowCount() == 3
    breasts.table.setFocus()
    qtbot.keyClick(breasts.table, Qt.Key.Key_Delete)
    assert breasts.findings.rowCount() == 2
    type_into(qtbot, breasts.exams[Side.RIGHT].pain.edit, "6")
    ctrl(qtbot, breasts.table, Qt.Key.Key_S)
    [summary] = gui_repo.all_visits()
    visit = gui_repo.get_visit(summary.id)
    assert [(f.side, f.clock, f.kind) for f in visit.map_findings] == [
        (Side.RIGHT, 2, FindingKind.LUMP), (Side.LEFT, 5, FindingKind.NIPPLE_DAMAGE)]
    assert [(e.side, e.pain) for e in visit.breast_sides] == [(Side.RIGHT, 6)]


def test_plan_steps_are_ticked_moved_and_added_and_saved(
    qtbot: QtBot, visit_window: MainWindow, gui_repo: Store
) -> None:
    window = visit_window
    editor = window.visit_editor
    go(qtbot, window, 5)
    place_on_map(qtbot, window, Side.LEFT, 2, 3.0)  # a lump: clogged-duct steps
    go(qtbot, window, 7)
    plan = editor.plan
    qtbot.waitUntil(lambda: any("clogged" in r.section.lower() for r in plan.steps.rows()))
    rows = plan.steps.rows()
    assert all(r.reason for r in rows), "every suggested step says why"
    first, second = rows[0], rows[1]
    table = plan.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # untick the first step
    assert not plan.steps.rows()[0].included
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # and move it below the second
    assert [r.key for r in plan.steps.rows()[:2]] == [second.key, first.key]
    type_into(qtbot, plan.new_step, "Call me on Friday with the diaper count")
    qtbot.keyClick(plan.new_step, Qt.Key.Key_Return)
    type_into(qtbot, plan.feeding_plan, "Feed 8-12 times a day")
    type_into(qtbot, plan.follow_up.edit, "2030-01-15")
    ctrl(qtbot, plan.table, Qt.Key.Key_S)

    [summary] = gui_repo.all_visits()
    visit = gui_repo.get_visit(summary.id)
    assert visit.plan.feeding_plan == "Feed 8-12 times a day"
    assert str(visit.plan.follow_up) == "2030-01-15"
    chosen = {c.key: c for c in visit.plan.steps}
    assert not chosen[first.key].included
    assert [c.key for c in visit.plan.steps[:2]] == [second.key, first.key]
    custom = [c for c in visit.plan.steps if c.custom]
    assert [c.text for c in custom] == ["Call me on Friday with the diaper count"]
    client = gui_repo.get_client(visit.client_id)
    care_plan = build_care_plan(gui_repo.get_practice(), client, visit)
    final_texts = [s.text for s in care_plan.steps]
    assert first.text not in final_texts and "Call me on Friday with the diaper count" in final_texts


def test_preview_print_and_save_the_care_plan_issue_it_once(
    qtbot: QtBot, visit_window: MainWindow, gui_repo: Store, records: Store, dialogs: FakeDialogs
) -> None:
    window = visit_window
    go(qtbot, window, 7)
    ctrl(qtbot, window.visit_editor.plan.table, Qt.Key.Key_P, shift=True)  # Ctrl+Shift+P: preview
    page = window.preview_page
    assert window.pages.currentWidget() is page
    assert window.shown is not None
    pages = page_count(window.shown.data)
    assert len(page.view.page_labels) == pages >= 1
    assert not page.view.page_labels[0].pixmap().isNull()
    assert records.documents_for_client(window.current_client.id) == []  # a preview hands nothing over

    ctrl(qtbot, page.view, Qt.Key.Key_P)  # Ctrl+P: the print dialog (a PDF printer here)
    assert dialogs.printer_pdf is not None and dialogs.printer_pdf.exists()
    assert len(pypdf.PdfReader(io.BytesIO(dialogs.printer_pdf.read_bytes())).pages) == pages
    [issued] = records.documents_for_client(window.current_client.id)
    click(qtbot, page.save_button)
    assert dialogs.save_to is not None
    assert dialogs.save_to.read_bytes() == records.document_content(issued.id)
    assert len(records.documents_for_client(window.current_client.id)) == 1  # printed and saved: issued once
    click(qtbot, page.back_button)
    assert window.pages.currentWidget() is window.visit_editor


def test_a_finding_of_no_size_is_refused_beside_the_field(qtbot: QtBot, visit_window: MainWindow) -> None:
    """0 cm is no size at all (the documents would leave it out): the field says so and nothing is placed."""
    window = visit_window
    go(qtbot, window, 5)
    breasts = window.visit_editor.breasts
    type_into(qtbot, breasts.size_field.edit, "0")
    at = breasts.map.point_for(Side.RIGHT, 2, 4.0)
    qtbot.mouseClick(breasts.map, Qt.MouseButton.LeftButton, pos=QPoint(round(at.x()), round(at.y())))
    assert breasts.findings.rowCount() == 0
    assert "between 0.1 and 30" in breasts.size_field.error.text()


def test_saving_an_unchanged_visit_clears_an_old_error(qtbot: QtBot, visit_window: MainWindow) -> None:
    window = visit_window
    editor = window.visit_editor
    ctrl(qtbot, editor, Qt.Key.Key_S)
    go(qtbot, window, 6)
    type_into(qtbot, editor.parent_section.temperature.edit, "abc")
    ctrl(qtbot, editor, Qt.Key.Key_S)
    assert "need attention" in editor.status.text()
    editor.parent_section.temperature.edit.selectAll()
    qtbot.keyClick(editor.parent_section.temperature.edit, Qt.Key.Key_Backspace)
    ctrl(qtbot, editor, Qt.Key.Key_S)
    assert "need attention" not in editor.status.text() and "No changes" in editor.status.text()
