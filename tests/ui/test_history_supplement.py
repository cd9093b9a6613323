"""The history shows each visit's supplement, baby by baby for twins (issue 18: supplement over visits)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, ctrl, make_window

from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    Client,
    ExpressMethod,
    FeedingPlan,
    Supplement,
    SupplementMethod,
    Visit,
)
from consultapp.store.facade import Store


def test_the_timeline_shows_the_supplement_per_visit_and_baby(
    qtbot: QtBot, gui_repo: Store, dialogs: FakeDialogs
) -> None:
    born = dt.date.today() - dt.timedelta(days=9)
    client = gui_repo.save_client(Client("Linh", "Tran", babies=[Baby("Anh", born, 2600), Baby("Bao", born, 2600)]))
    anh, bao = (b.id for b in client.babies)
    assert client.id is not None and anh is not None and bao is not None
    on_plan = FeedingPlan(Supplement.OWN_MILK, 30, 60, 8, SupplementMethod.CUP, ExpressMethod.PUMP, 8, 15)
    for days, plan in ((4, on_plan), (6, FeedingPlan(Supplement.NONE)), (8, None)):
        gui_repo.save_visit(
            Visit(
                client.id,
                born + dt.timedelta(days=days),
                reason=f"Day {days}",
                assessments=[BabyAssessment(anh, weight_g=2550), BabyAssessment(bao, weight_g=2400, feeding_plan=plan)],
            )
        )
    window = make_window(qtbot, gui_repo, dialogs)
    ctrl(qtbot, window.home.search, Qt.Key.Key_H)
    timeline = window.history_page.timeline
    assert timeline.headerData(timeline.COL_SUPPLEMENT, Qt.Orientation.Horizontal) == "Supplement"
    assert [timeline.data(timeline.index(r, timeline.COL_SUPPLEMENT)) for r in range(timeline.rowCount())] == [
        "",
        "Bao none",
        "Bao own expressed milk 30-60 mL x 8",
    ]  # newest first
