"""History at a glance (timeline, weight chart, score trends, issued documents) and the settings page."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, make_window, type_into

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import Baby, BabyAssessment, Client, FeedingObservation, TongueAssessment, Visit
from consultapp.services.visits import issue_care_plan
from consultapp.store.facade import Store
from consultapp.ui.settings.clinical import ClinicalTab
from consultapp.ui.settings.practice import PracticeTab
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.ui_settings import UiSettings


def family_with_visits(repo: Store) -> Client:
    born = dt.date.today() - dt.timedelta(days=20)
    client = repo.save_client(Client("Leilani", "Kahale", babies=[Baby("Koa", born, 3500)]))
    baby_id = client.babies[0].id
    assert client.id is not None and baby_id is not None
    for days, grams, latch, btat in ((3, 3200, (1, 1, 2, 1, 1), (1, 1, 1, 2)),
                                     (8, 3330, (2, 1, 2, 1, 2), (2, 1, 2, 2)),
                                     (15, 3560, (2, 2, 2, 2, 2), (2, 2, 2, 2))):
        repo.save_visit(Visit(client.id, born + dt.timedelta(days=days), reason=f"Check day {days}", assessments=[
            BabyAssessment(baby_id, weight_g=grams, feeds=[FeedingObservation(latch=LatchScore(*latch))],
                           tongue=TongueAssessment(btat=BtatScore(*btat)))]))
    return client


@pytest.fixture
def history_window(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs) -> MainWindow:
    family_with_visits(gui_repo)
    return make_window(qtbot, gui_repo, dialogs)


def test_history_shows_the_timeline_the_charts_and_reopens_documents_exactly(
    qtbot: QtBot, history_window: MainWindow, gui_repo: Store, records: Store
) -> None:
    window = history_window
    [summary] = gui_repo.search_clients("kahale")
    oldest = gui_repo.visits_for_client(summary.id)[-1]
    issued, data = issue_care_plan(Store(gui_repo.db), oldest.id, issued_by="Consultant")
    ctrl(qtbot, window.home.search, Qt.Key.Key_H)  # Ctrl+H: history of the selected client
    page = window.history_page
    assert window.pages.currentWidget() is page
    timeline = page.timeline
    assert [timeline.data(timeline.index(r, timeline.COL_REASON)) for r in range(timeline.rowCount())] == [
        "Check day 15", "Check day 8", "Check day 3"]
    assert timeline.data(timeline.index(0, timeline.COL_LATCH)) == "10/10"
    assert timeline.data(timeline.index(2, timeline.COL_WEIGHT)) == "3200 g"

    chart = page.weight_chart
    assert chart.plot.isVisible()
    assert [p.grams for p in chart.chart.points] == [3200, 3330, 3560]
    assert "3 weighings" in chart.caption.text()
    # Hovering a weighing shows its values.
    qtbot.mouseMove(chart.plot, chart.plot.point_position(chart.WEIGHINGS, 0).toPoint())
    qtbot.waitUntil(lambda: "day 3" in chart.caption.text())
    assert "3200 g" in chart.caption.text() and "8.6% below birth weight" in chart.caption.text()
    assert "LATCH 10/10, BTAT 8/8" in page.score_chart.caption.text()

    # A document issued earlier reopens byte for byte.
    assert page.documents.rowCount() == 1
    page.document_view.setFocus()
    page.document_view.selectRow(0)
    qtbot.keyClick(page.document_view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.preview_page
    assert window.shown is not None and window.shown.data == data == records.document_content(issued.id)
    assert "Exactly as issued" in window.preview_page.note.text()
    click(qtbot, window.preview_page.back_button)
    assert window.pages.currentWidget() is page

    # Enter on a visit opens it.
    page.timeline_view.setFocus()
    page.timeline_view.selectRow(1)
    qtbot.keyClick(page.timeline_view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.visit_editor
    assert window.visit_editor.reason_section.reason.toPlainText() == "Check day 8"


def test_saving_all_care_plans_runs_off_the_gui_thread_with_progress(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, tmp_path: object
) -> None:
    family_with_visits(gui_repo)
    window = MainWindow(gui_repo, dialogs=dialogs, pool=QThreadPool.globalInstance())  # the real pool
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl(qtbot, window.home.search, Qt.Key.Key_H)
    progress: list[int] = []
    signals_seen = qtbot.waitSignal(window.progress.valueChanged, timeout=10000)
    window.progress.valueChanged.connect(progress.append)
    with signals_seen:
        click(qtbot, window.history_page.export_button)
    qtbot.waitUntil(lambda: not window.progress.isVisible() and window.history_page.export_button.isEnabled(),
                    timeout=20000)
    assert dialogs.folder is not None
    assert len(sorted(dialogs.folder.glob("care-plan-*.pdf"))) == 3
    assert progress[-1] == 3
    assert "Saved 3 care plans" in window.statusBar().currentMessage()


def test_settings_thresholds_with_sources_units_and_wording(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    page = window.settings_page
    clinical = page.tab(ClinicalTab)
    assert window.pages.currentWidget() is page
    amber = clinical.threshold_spins["weight_loss_amber_pct"]
    assert "Noel-Weiss" in amber.toolTip()
    assert any("Noel-Weiss" in label.text() for label in page.findChildren(type(clinical.threshold_error)))
    amber.setFocus()
    amber.selectAll()
    qtbot.keyClicks(amber, "12")  # above the red threshold: refused beside the thresholds
    ctrl(qtbot, amber, Qt.Key.Key_S)
    assert "amber" in clinical.threshold_error.text()
    assert window.pages.currentWidget() is page
    assert gui_repo.get_practice().settings.thresholds.weight_loss_amber_pct == 7.0
    amber.selectAll()
    qtbot.keyClicks(amber, "6")
    type_into(qtbot, page.tab(PracticeTab).fields["consultant_name"].edit, "Rosa Diaz")
    ctrl(qtbot, amber, Qt.Key.Key_S)
    practice = gui_repo.get_practice()
    assert practice.settings.thresholds.weight_loss_amber_pct == 6.0
    assert practice.consultant_name == "Rosa Diaz"
    assert page.tab(PracticeTab).logo_button.isEnabled()  # the logo is stored now (test_client_record_settings)


def test_window_geometry_is_restored(qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs,
                                     ui_settings: UiSettings) -> None:
    first = make_window(qtbot, gui_repo, dialogs, ui_settings)
    first.resize(790, 580)  # within the offscreen screen (800x800): restoring clamps to the screen
    qtbot.waitUntil(lambda: first.width() == 790)
    first.close()
    second = MainWindow(gui_repo, dialogs=dialogs, ui_settings=ui_settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (790, 580)


def test_heavy_modules_are_not_imported_at_start() -> None:
    import subprocess

    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from consultapp.store.db import open_database\n"
        "from consultapp.store.facade import Store\n"
        "from consultapp.ui.shell.window import MainWindow\n"
        "import tempfile, pathlib\n"
        "d = tempfile.mkdtemp()\n"
        "w = MainWindow(Store(open_database(pathlib.Path(d) / 'x.db')))\n"
        "w.show(); app.processEvents()\n"
        "heavy = [m for m in ('pyqtgraph', 'numpy', 'pypdfium2', 'reportlab', 'PySide6.QtPrintSupport')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize("unit", ["lb_oz", "kg"])
def test_a_visit_saved_again_in_another_unit_keeps_every_weight_nobody_touched(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, unit: str
) -> None:
    """The fields show rounded text (7 lb 0.9 oz); saving used to read it back, a gram off."""
    import dataclasses

    from consultapp.domain.records import TestWeight
    from consultapp.domain.units import WeightUnit

    client = family_with_visits(gui_repo)
    [summary, *_] = gui_repo.visits_for_client(client.id)
    visit = gui_repo.get_visit(summary.id)
    visit.assessments[0].weight_g = 3200
    visit.assessments[0].test_weight = TestWeight(3200, 3262)
    gui_repo.save_visit(visit)
    practice = gui_repo.get_practice()
    gui_repo.save_practice(dataclasses.replace(
        practice, settings=dataclasses.replace(practice.settings, weight_unit=WeightUnit(unit))))
    window = make_window(qtbot, gui_repo, dialogs)
    window.home.visit_view.selectRow(0)
    click(qtbot, window.home.open_visit_button)
    editor = window.visit_editor
    assert window.pages.currentWidget() is editor and editor.visit_id == summary.id
    type_into(qtbot, editor.reason_section.reason, " - reviewed")
    ctrl(qtbot, editor.reason_section.reason, Qt.Key.Key_S)
    saved = gui_repo.get_visit(summary.id)
    assert "reviewed" in saved.reason
    assert saved.assessments[0].weight_g == 3200
    test = saved.assessments[0].test_weight
    assert test is not None and (test.pre_g, test.post_g) == (3200, 3262)
    # A weight she does change is read from what she typed.
    form = editor.weights.forms[0]
    form.weight.edit.selectAll()
    type_into(qtbot, form.weight.edit, "7 lb 8 oz" if unit == "lb_oz" else "3.4")
    ctrl(qtbot, editor.reason_section.reason, Qt.Key.Key_S)
    assert gui_repo.get_visit(summary.id).assessments[0].weight_g == (3402 if unit == "lb_oz" else 3400)


def test_a_threshold_typed_out_of_range_is_corrected_aloud(qtbot: QtBot, window: MainWindow) -> None:
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    page = window.settings_page
    clinical = page.tab(ClinicalTab)
    fever = clinical.threshold_spins["fever_threshold_c"]
    fever.setFocus()
    fever.selectAll()
    qtbot.keyClicks(fever, "50")  # the box takes "5" and refuses the "0"
    qtbot.keyClick(fever, Qt.Key.Key_Tab)
    assert fever.value() == 35.0
    assert "is not between 35 and 42" in clinical.threshold_error.text() and "now 35" in clinical.threshold_error.text()


def test_the_fever_threshold_is_shown_and_typed_in_the_practices_temperature_unit(
    qtbot: QtBot, window: MainWindow, gui_repo: Store
) -> None:
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    page = window.settings_page
    clinical = page.tab(ClinicalTab)
    fever = clinical.threshold_spins["fever_threshold_c"]
    assert (fever.value(), fever.suffix()) == (38.5, " °C")
    clinical.temperature_unit.setFocus()
    qtbot.keyClick(clinical.temperature_unit, Qt.Key.Key_Down)  # °F
    assert (fever.value(), fever.suffix()) == (101.3, " °F")
    ctrl(qtbot, fever, Qt.Key.Key_S)
    settings = gui_repo.get_practice().settings
    assert settings.temperature_unit.value == "F" and settings.thresholds.fever_threshold_c == 38.5  # no drift
    ctrl(qtbot, window.home.search, Qt.Key.Key_Comma)
    assert (fever.value(), fever.suffix()) == (101.3, " °F") and not page.is_dirty()
    fever.setFocus()
    fever.selectAll()
    qtbot.keyClicks(fever, "102.2")
    ctrl(qtbot, fever, Qt.Key.Key_S)
    assert gui_repo.get_practice().settings.thresholds.fever_threshold_c == 39.0


def test_the_baby_list_is_as_wide_as_the_names_of_the_client_shown(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    """Found by a new user: sized for the first client's babies, the list cut a later one's ("Sam" for Sami,
    an Arabic name's first letter)."""
    gui_repo.save_client(Client("Ana", "Abbott", babies=[Baby("Li")]))
    gui_repo.save_client(Client("Nour", "Khoury", babies=[Baby("سلمى الخوري"), Baby("Maximiliano-José")]))
    window = make_window(qtbot, gui_repo, dialogs)
    page = window.history_page
    for name in ("abbott", "khoury"):
        window.home.search.clear()
        type_into(qtbot, window.home.search, name)
        ctrl(qtbot, window.home.search, Qt.Key.Key_H)
        qtbot.waitUntil(lambda name=name: name in page.title.text().lower())
        combo = page.baby
        longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.width() >= longest + 20, (name, combo.width(), longest)  # (the text and the arrow)
        click(qtbot, page.back_button)
