"""The score chart's date labels: each visit's date while there is room, spread out when visits are many."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from consultapp.domain.charts import score_trend
from consultapp.ui.charts import ScoreTrendView, spaced_ticks


def _labels(qtbot: QtBot, days: list[int]) -> list[tuple[float, str]]:
    born = dt.date(2025, 8, 15)
    view = ScoreTrendView()
    qtbot.addWidget(view)
    view.resize(620, 220)
    view.show()
    view.set_points(score_trend([(born + dt.timedelta(days=d), 8, 6) for d in days]))
    return view.plot.ticks("bottom")


def test_a_few_visits_each_show_their_date(qtbot: QtBot) -> None:
    assert [text for _, text in _labels(qtbot, [3, 7, 14])] == ["18 Aug", "22 Aug", "29 Aug"]


def test_forty_visits_show_spread_dates_that_do_not_overlap(qtbot: QtBot) -> None:
    """A 40-visit client (the benchmark's): the first and the latest date, and at most eight more, each at
    least an eighth of the span from its neighbour (40 labels across 620 px printed on each other)."""
    days = [3 + 5 * i for i in range(40)]  # one visit every five days
    labels = _labels(qtbot, days)
    xs = [x for x, _ in labels]
    assert 5 <= len(labels) <= 9
    assert xs[0] == 0 and xs[-1] == days[-1] - days[0]
    assert labels[0][1] == "18 Aug" and labels[-1][1] == "1 Mar"
    gap = (days[-1] - days[0]) / 8
    assert all(b - a >= gap for a, b in zip(xs, xs[1:], strict=False))


def test_the_latest_is_kept_when_the_one_before_is_too_close() -> None:
    ticks = [(d, str(d)) for d in (0, 10, 20, 30, 40, 50, 60, 70, 78, 80)]
    kept = spaced_ticks(ticks)
    assert kept[0] == (0, "0") and kept[-1] == (80, "80") and (78, "78") not in kept
    assert spaced_ticks(ticks[:4]) == ticks[:4]
