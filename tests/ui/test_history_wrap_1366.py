"""At 1366x768 in an lb-oz practice, a twins' history shows each visit's reason, weights and supplement whole:
long cells wrap onto more lines (the row grows), and any cell still cut has its whole text in its tooltip."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, ctrl, make_window, type_into

from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    Client,
    ExpressMethod,
    FeedingPlan,
    Practice,
    PracticeSettings,
    Supplement,
    SupplementMethod,
    Visit,
)
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.store.facade import Store
from consultapp.ui.ui_settings import UiSettings

REASON = "Twins not gaining since discharge; nipple pain on the left, shallow latch & a long feed every evening"


def test_the_twins_history_reads_whole_at_1366x768(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs, ui_settings: UiSettings
) -> None:
    gui_repo.save_practice(
        Practice(
            name="Pounds Practice",
            settings=PracticeSettings(weight_unit=WeightUnit.LB_OZ, temperature_unit=TemperatureUnit.F),
        )
    )
    born = dt.date.today() - dt.timedelta(days=9)
    twins = [Baby("小明", born, 2800), Baby("Zoe", born, 2750)]
    client = gui_repo.save_client(Client("Mei", "Chen-Okafor", babies=twins))
    first, second = (b.id for b in client.babies)
    assert client.id is not None and first is not None and second is not None
    plan = FeedingPlan(Supplement.OWN_MILK, 30, 60, 8, SupplementMethod.CUP, ExpressMethod.PUMP, 8, 15)
    for days in (4, 8):
        gui_repo.save_visit(
            Visit(
                client.id,
                born + dt.timedelta(days=days),
                reason=REASON,
                assessments=[
                    BabyAssessment(first, weight_g=2760, feeding_plan=plan),
                    BabyAssessment(second, weight_g=2690, feeding_plan=plan),
                ],
            )
        )
    window = make_window(qtbot, gui_repo, dialogs, ui_settings)
    assert (window.width(), window.height()) == (1366, 768)
    type_into(qtbot, window.home.search, "Chen")
    qtbot.waitUntil(lambda: window.current_client is not None and window.current_client.id == client.id)
    ctrl(qtbot, window.home.search, Qt.Key.Key_H)
    page = window.history_page
    assert window.pages.currentWidget() is page
    qtbot.waitExposed(window)
    for _ in range(5):
        QApplication.processEvents()
    view, model = page.timeline_view, page.timeline
    assert not view.horizontalScrollBar().isVisible()
    assert str(model.index(0, model.COL_WEIGHT).data()) == "小明 6 lb 1.4 oz, Zoe 5 lb 14.9 oz"
    flags = int(Qt.TextFlag.TextWordWrap)
    # the cell's text margins as the style paints them (QCommonStyle: PM_FocusFrameHMargin + 1 on each side)
    margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    for row in range(model.rowCount()):
        for column in (model.COL_REASON, model.COL_WEIGHT, model.COL_SUPPLEMENT):
            index = model.index(row, column)
            text = str(index.data())
            assert index.data(Qt.ItemDataRole.ToolTipRole) == text  # every cell's whole text, on hover
            cell = view.visualRect(index)
            room = QRect(0, 0, cell.width() - margins, 10_000)
            needed = view.fontMetrics().boundingRect(room, flags, text)
            assert needed.width() <= cell.width() - margins, (row, column, text)
            assert needed.height() <= view.rowHeight(row), (row, column, text, view.rowHeight(row))
    assert view.rowHeight(0) > view.verticalHeader().defaultSectionSize()  # the long reason wrapped
