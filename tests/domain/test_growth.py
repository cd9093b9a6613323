"""Age, birth weight regained, velocity and test weights (CLINICAL.md section 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain import growth
from consultapp.domain.growth import (
    Weighing,
    birth_weight_regained,
    day_of_life,
    days_since_birth,
    velocity_g_per_day,
)

BORN = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("at", "days", "dol"),
    [
        (BORN, 0, 1),
        (dt.date(2026, 11, 21), 1, 2),
        (dt.date(2026, 12, 4), 14, 15),
        (dt.date(2027, 1, 1), 42, 43),
    ],
)
def test_days_since_birth_with_dates(at: dt.date, days: int, dol: int) -> None:
    assert days_since_birth(BORN, at) == days
    assert day_of_life(BORN, at) == dol


def test_days_since_birth_with_datetimes_counts_completed_24_hours() -> None:
    born = dt.datetime(2026, 11, 20, 23, 0)
    assert days_since_birth(born, dt.datetime(2026, 11, 21, 1, 0)) == 0
    assert days_since_birth(born, dt.datetime(2026, 11, 21, 22, 59)) == 0
    assert days_since_birth(born, dt.datetime(2026, 11, 21, 23, 0)) == 1


def test_days_since_birth_refuses_before_birth_and_mixed_kinds() -> None:
    with pytest.raises(ValueError):
        days_since_birth(BORN, dt.date(2026, 11, 19))
    with pytest.raises(ValueError):
        days_since_birth(dt.datetime(2026, 11, 20, 8), dt.date(2026, 11, 22))


def test_birth_weight_regained_is_the_first_weighing_at_or_above_birth_weight() -> None:
    weights = [
        (dt.date(2026, 11, 30), 3420),
        (dt.date(2026, 11, 23), 3150),
        (dt.date(2026, 11, 28), 3400),  # exactly birth weight counts as regained
        (dt.date(2026, 11, 26), 3300),
    ]
    assert birth_weight_regained(3400, weights) == dt.date(2026, 11, 28)
    assert birth_weight_regained(3500, weights) is None
    assert birth_weight_regained(3400, []) is None


def test_birth_weighing_is_skipped_when_born_is_given() -> None:
    weights = [(BORN, 3400), (dt.date(2026, 11, 23), 3150), (dt.date(2026, 11, 29), 3410)]
    assert birth_weight_regained(3400, weights) == BORN
    assert birth_weight_regained(3400, weights, born=BORN) == dt.date(2026, 11, 29)


def test_velocity_is_change_over_days_in_either_order() -> None:
    a = Weighing(dt.date(2026, 12, 1), 3500)
    b = Weighing(dt.date(2026, 12, 8), 3710)
    assert velocity_g_per_day(a, b) == 30.0
    assert velocity_g_per_day(b, a) == 30.0
    assert (
        velocity_g_per_day(Weighing(dt.date(2026, 12, 1), 3500), Weighing(dt.date(2026, 12, 3), 3460))
        == -20.0
    )


def test_velocity_with_datetimes_uses_fractional_days() -> None:
    a = Weighing(dt.datetime(2026, 12, 1, 8, 0), 3500)
    b = Weighing(dt.datetime(2026, 12, 1, 20, 0), 3510)
    assert velocity_g_per_day(a, b) == pytest.approx(20.0)


def test_velocity_refuses_same_moment_mixed_kinds_and_bad_weights() -> None:
    with pytest.raises(ValueError):
        velocity_g_per_day(Weighing(BORN, 3400), Weighing(BORN, 3500))
    with pytest.raises(ValueError):
        velocity_g_per_day(Weighing(BORN, 3400), Weighing(dt.datetime(2026, 11, 22, 9), 3500))
    with pytest.raises(ValueError):
        Weighing(BORN, 0)


@given(
    st.integers(1000, 6000),
    st.integers(-200, 400),
    st.integers(1, 60),
)
def test_velocity_times_days_is_the_change(start: int, change: int, days: int) -> None:
    a = Weighing(BORN, start)
    b = Weighing(BORN + dt.timedelta(days=days), start + change)
    assert velocity_g_per_day(a, b) * days == pytest.approx(change)


# --- test weights -------------------------------------------------------------------------------


def codes(result: growth.TestWeightResult) -> list[str]:
    return [w.code for w in result.warnings]


def test_test_weight_intake_is_post_minus_pre_on_a_fine_scale() -> None:
    r = growth.test_weight_intake(4000, 4062, 2, True)
    assert r.difference_g == 62
    assert r.intake_ml == 62
    assert r.warnings == ()
    assert r.reliable


@pytest.mark.parametrize(
    ("resolution", "warned"), [(1, False), (2, False), (2.5, True), (5, True), (10, True)]
)
def test_scale_coarser_than_2_g_is_warned_with_its_sources(resolution: float, warned: bool) -> None:
    r = growth.test_weight_intake(4000, 4060, resolution, True)
    assert ("scale_too_coarse" in codes(r)) is warned
    if warned:
        w = next(w for w in r.warnings if w.code == "scale_too_coarse")
        assert "Haase" in w.source and "Savenije" in w.source
        assert "Savenije & Brand 2006" in w.text


def test_max_resolution_is_a_setting() -> None:
    assert "scale_too_coarse" not in codes(growth.test_weight_intake(4000, 4060, 5, True, max_resolution_g=5))


def test_changed_clothing_is_warned() -> None:
    r = growth.test_weight_intake(4000, 4060, 2, False)
    assert codes(r) == ["clothing_changed"]
    assert r.intake_ml == 60
    assert not r.reliable


def test_post_below_pre_gives_no_intake_and_says_why() -> None:
    r = growth.test_weight_intake(4000, 3990, 2, True)
    assert r.difference_g == -10
    assert r.intake_ml is None
    assert codes(r) == ["post_below_pre"]
    assert "10 g less" in r.warnings[0].text


def test_difference_within_resolution_is_warned() -> None:
    assert codes(growth.test_weight_intake(4000, 4002, 2, True)) == ["within_resolution"]
    assert codes(growth.test_weight_intake(4000, 4000, 2, True)) == ["within_resolution"]
    assert codes(growth.test_weight_intake(4000, 4003, 2, True)) == []


@pytest.mark.parametrize(("pre", "post", "res"), [(0, 4000, 2), (4000, -1, 2), (4000, 4050, 0)])
def test_test_weight_refuses_impossible_values(pre: float, post: float, res: float) -> None:
    with pytest.raises(ValueError):
        growth.test_weight_intake(pre, post, res, True)


def test_pytest_does_not_collect_the_domain_test_weight_names() -> None:
    assert growth.test_weight_intake.__test__ is False  # type: ignore[attr-defined]
    assert growth.TestWeightResult.__test__ is False


def test_birth_weight_regained_refuses_mixed_dates_and_datetimes() -> None:
    with pytest.raises(ValueError):
        birth_weight_regained(3400, [(BORN, 3300), (dt.datetime(2026, 11, 25, 9), 3500)])
