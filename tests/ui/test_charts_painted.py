"""The history page's charts as painted: each weighing where the axes say, readable axes, the page's widgets
kept from one client to the next and given her data."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from pytestqt.qtbot import QtBot
from ui.helpers import FakeDialogs, click, ctrl, make_window, type_into

from consultapp.domain.charts import score_trend, weight_chart
from consultapp.domain.records import Baby, BabyAssessment, Client, Visit
from consultapp.domain.units import WeightUnit
from consultapp.store.facade import Store
from consultapp.ui.chart_canvas import nice_step, round_ticks
from consultapp.ui.charts import POINT_COLOUR, ScoreTrendView, WeightChartView

BORN = dt.date(2025, 6, 10)


def weight_view(qtbot: QtBot, weighings: list[tuple[int, int]], birth_g: int | None = 3240) -> WeightChartView:
    view = WeightChartView()
    qtbot.addWidget(view)
    view.resize(620, 360)
    view.show()
    view.set_chart(weight_chart(BORN, birth_g, [(BORN + dt.timedelta(days=d), g) for d, g in weighings]),
                   WeightUnit.G)
    qtbot.waitUntil(lambda: view.plot.isHidden() or view.plot.height() > 250)  # (laid out: the chart has shown)
    return view


def test_each_weighing_is_drawn_where_the_axes_put_it(qtbot: QtBot) -> None:
    weighings = [(3 + 4 * i, 3100 + 100 * i) for i in range(40)]
    view = weight_view(qtbot, weighings)
    canvas = view.plot
    image = canvas.grab().toImage()
    assert canvas.draws_its_points(image)
    rect = canvas.plot_rect()
    xs = [canvas.point_position(view.WEIGHINGS, i).x() for i in range(40)]
    ys = [canvas.point_position(view.WEIGHINGS, i).y() for i in range(40)]
    assert all(rect.left() < x < rect.right() for x in xs) and xs == sorted(xs)
    assert all(rect.top() < y < rect.bottom() for y in ys) and ys == sorted(ys, reverse=True)  # heavier: higher
    for i in (0, 39):
        p = canvas.point_position(view.WEIGHINGS, i).toPoint()
        assert image.pixelColor(p).name() == QColor(POINT_COLOUR).name()
    blank = QImage(image.size(), image.format())
    blank.fill(Qt.GlobalColor.white)
    assert not canvas.draws_its_points(blank)


def test_the_axes_count_in_round_numbers_and_name_what_they_count(qtbot: QtBot) -> None:
    view = weight_view(qtbot, [(3 + 4 * i, 3100 + 100 * i) for i in range(40)])
    canvas = view.plot
    assert canvas.scene_.left_label == "Weight (g)" and canvas.scene_.bottom_label == "Days since birth"
    left = canvas.ticks("left")
    assert [text for _, text in left] == ["3000", "4000", "5000", "6000", "7000"]
    bottom = canvas.ticks("bottom")
    assert [text for _, text in bottom] == ["0", "50", "100", "150"]
    tops = [canvas.to_pixels(0, value).y() for value, _ in left]
    assert all(b - a >= QFontMetricsF(canvas.font()).height() for a, b in zip(tops[::-1], tops[::-1][1:], strict=False))


def test_round_ticks() -> None:
    assert [nice_step(r) for r in (0.7, 1, 1.2, 3, 7, 860, 28)] == [1, 1, 2, 5, 10, 1000, 50]
    assert round_ticks(2.9, 7.2, 300, 60) == [(3, "3"), (4, "4"), (5, "5"), (6, "6"), (7, "7")]
    assert round_ticks(2.9, 3.6, 300, 60) == [(3.0, "3.0"), (3.2, "3.2"), (3.4, "3.4"), (3.6, "3.6")]
    assert round_ticks(5, 5, 300, 60) == []


@pytest.mark.parametrize(("width", "fewest"), [(620, 5), (260, 2)])
def test_the_score_charts_date_labels_do_not_overlap_when_painted(qtbot: QtBot, width: int, fewest: int) -> None:
    view = ScoreTrendView()
    qtbot.addWidget(view)
    view.resize(width, 220)
    view.show()
    view.set_points(score_trend([(BORN + dt.timedelta(days=3 + 5 * i), 6 + i % 5, 4 + i % 5) for i in range(40)]))
    canvas = view.plot
    qtbot.waitUntil(lambda: canvas.height() > 150 and canvas.width() == width)
    metrics = QFontMetricsF(canvas.font())
    boxes = [(canvas.to_pixels(x, 0).x() - metrics.horizontalAdvance(text) / 2,
              canvas.to_pixels(x, 0).x() + metrics.horizontalAdvance(text) / 2) for x, text in canvas.ticks("bottom")]
    assert len(boxes) >= fewest
    assert all(right + 4 <= left for (_, right), (left, _) in zip(boxes, boxes[1:], strict=False))
    assert boxes[0][0] >= 0 and boxes[-1][1] <= canvas.width()  # the first and the latest, whole
    assert [canvas.ticks("bottom")[i][1] for i in (0, -1)] == ["13 Jun", "25 Dec"]
    assert [text for _, text in canvas.ticks("left")] == ["0", "2", "4", "6", "8", "10"]
    assert canvas.draws_its_points(canvas.grab().toImage())


def test_too_few_weighings_say_so_instead_of_a_chart(qtbot: QtBot) -> None:
    view = weight_view(qtbot, [(5, 3300)], birth_g=None)
    assert view.empty.isVisible() and not view.plot.isVisible()
    view.set_chart(weight_chart(BORN, 3240, [(BORN + dt.timedelta(days=5), 3100)]), WeightUnit.G)
    assert view.plot.isVisible() and not view.empty.isVisible()


def test_hovering_a_weighing_enlarges_it_and_shows_its_values(qtbot: QtBot) -> None:
    view = weight_view(qtbot, [(3, 3000), (8, 3150), (15, 3400)])
    where = view.plot.point_position(view.WEIGHINGS, 1).toPoint()
    qtbot.mouseMove(view.plot, where)
    qtbot.waitUntil(lambda: view.plot.hover == (view.WEIGHINGS, 1))
    assert "day 8" in view.caption.text() and "3150 g" in view.caption.text()


@pytest.fixture
def two_families(gui_repo: Store) -> Store:
    for given, family, grams in (("Leilani", "Kahale", (3200, 3330, 3560)), ("Mere", "Tane", (2900, 3010))):
        born = dt.date.today() - dt.timedelta(days=20)
        client = gui_repo.save_client(Client(given, family, babies=[Baby("Koa", born, 3500)]))
        assert client.id is not None and client.babies[0].id is not None
        for day, g in zip((3, 8, 15), grams, strict=False):
            gui_repo.save_visit(Visit(client.id, born + dt.timedelta(days=day), reason=f"Day {day}",
                                      assessments=[BabyAssessment(client.babies[0].id, weight_g=g)]))
    return gui_repo


def test_opening_another_client_fills_the_same_page_with_her_data(
    qtbot: QtBot, two_families: Store, dialogs: FakeDialogs
) -> None:
    window = make_window(qtbot, two_families, dialogs)
    shown = []
    for name in ("Kahale", "Tane"):
        window.home.search.clear()
        type_into(qtbot, window.home.search, name)
        qtbot.waitUntil(lambda n=name: window.current_client is not None and window.current_client.family_name == n)
        ctrl(qtbot, window.home.search, Qt.Key.Key_H)
        page = window.history_page
        assert window.pages.currentWidget() is page
        chart = page.weight_chart
        shown.append((page, page.timeline_view, chart, chart.plot, page.score_chart.plot))
        weighings = chart.plot.scene_.series[chart.WEIGHINGS].ys
        assert page.timeline.rowCount() == len(weighings)
        assert chart.plot.draws_its_points(chart.plot.grab().toImage())
        click(qtbot, page.back_button)
    (first, second) = shown
    assert all(a is b for a, b in zip(first, second, strict=True))  # the same widgets, not built again
    assert "2 weighings" in second[2].caption.text() and "3010 g" in second[2].caption.text()
