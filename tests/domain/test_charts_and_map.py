"""Chart data and breast-map geometry."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.breastmap import MapPoint, clock_to_point, point_to_clock
from consultapp.domain.charts import score_trend, weight_chart
from consultapp.domain.settings import ClinicalThresholds


def test_weight_chart_days_band_and_drawability() -> None:
    birth = dt.date(2026, 11, 1)
    chart = weight_chart(birth, 3400, [(dt.date(2026, 11, 4), 3150), (dt.date(2026, 11, 2), 3300)])
    assert [(p.day, p.grams) for p in chart.points] == [(1, 3300), (3, 3150)]
    assert chart.amber_line_g == pytest.approx(3162.0) and chart.red_line_g == pytest.approx(3060.0)
    assert chart.drawable and chart.max_day == 14
    custom = weight_chart(birth, 3400, [], ClinicalThresholds(weight_loss_amber_pct=8.0))
    assert custom.amber_line_g == pytest.approx(3128.0) and not weight_chart(birth, None, []).drawable


def test_weighings_before_birth_are_not_drawn() -> None:
    chart = weight_chart(dt.date(2026, 11, 1), 3400, [(dt.date(2026, 10, 1), 3000)])
    assert chart.points == ()


def test_score_trend_is_oldest_first() -> None:
    trend = score_trend([(dt.date(2026, 11, 5), 8, None), (dt.date(2026, 11, 1), 6, 5)])
    assert [(p.latch, p.btat) for p in trend] == [(6, 5), (8, None)]


@pytest.mark.parametrize(("clock", "x", "y"), [(12, 0, 0.5), (3, 0.5, 0), (6, 0, -0.5), (9, -0.5, 0)])
def test_clock_positions(clock: int, x: float, y: float) -> None:
    point = clock_to_point(clock, 5.0)
    assert point.x == pytest.approx(x, abs=1e-6) and point.y == pytest.approx(y, abs=1e-6)


@given(st.integers(1, 12), st.floats(0.5, 10.0))
def test_clock_and_distance_round_trip(clock: int, distance: float) -> None:
    back_clock, back_distance = point_to_clock(clock_to_point(clock, distance))
    assert back_clock == clock
    assert back_distance == pytest.approx(distance, abs=0.06)


def test_a_click_outside_is_held_at_the_edge() -> None:
    assert point_to_clock(MapPoint(0, 3)) == (12, 10.0)
