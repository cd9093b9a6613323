"""Kotlow, Coryllos and the two Hazelbaker ATLFF decision rules (CLINICAL.md section 2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.settings import HazelbakerRule
from consultapp.domain.tongue import (
    CoryllosType,
    HazelbakerOutcome,
    KotlowClass,
    btat_impaired,
    hazelbaker_decision,
    kotlow_class,
)


@pytest.mark.parametrize(
    ("mm", "expected"),
    [
        (0, KotlowClass.IV),
        (2.9, KotlowClass.IV),
        (3, KotlowClass.III),
        (7, KotlowClass.III),
        (7.5, KotlowClass.III),
        (8, KotlowClass.II),
        (11, KotlowClass.II),
        (11.5, KotlowClass.II),
        (12, KotlowClass.I),
        (16, KotlowClass.I),
        (16.1, KotlowClass.NORMAL),
        (17, KotlowClass.NORMAL),
        (30, KotlowClass.NORMAL),
    ],
)
def test_kotlow_boundaries(mm: float, expected: KotlowClass) -> None:
    assert kotlow_class(mm) is expected


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf")])
def test_kotlow_refuses_impossible_lengths(bad: float) -> None:
    with pytest.raises(ValueError):
        kotlow_class(bad)


@given(st.floats(0, 40), st.floats(0, 40))
def test_kotlow_is_monotonic_longer_is_never_worse(a: float, b: float) -> None:
    order = [KotlowClass.IV, KotlowClass.III, KotlowClass.II, KotlowClass.I, KotlowClass.NORMAL]
    lo, hi = sorted((a, b))
    assert order.index(kotlow_class(lo)) <= order.index(kotlow_class(hi))


def test_kotlow_labels_give_the_published_ranges() -> None:
    assert "12-16 mm" in KotlowClass.I.label
    assert "under 3 mm" in KotlowClass.IV.label


def test_coryllos_types_describe_the_attachment() -> None:
    assert [t.value for t in CoryllosType] == ["I", "II", "III", "IV"]
    assert "tip" in CoryllosType.I.description
    assert "2-4 mm behind the tip" in CoryllosType.II.description
    assert "mid-tongue" in CoryllosType.III.description
    assert "submucosal" in CoryllosType.IV.description


@pytest.mark.parametrize(("total", "impaired"), [(0, True), (5, True), (6, False), (7, False), (8, False)])
def test_btat_impaired_at_five_or_less(total: int, impaired: bool) -> None:
    assert btat_impaired(total) is impaired


def test_btat_threshold_is_a_setting_and_range_checked() -> None:
    assert btat_impaired(6, at_most=6)
    with pytest.raises(ValueError):
        btat_impaired(9)


@pytest.mark.parametrize(
    ("appearance", "function", "meets"),
    [
        (7, 10, True),  # both below: impaired
        (8, 10, False),  # appearance not below 8
        (7, 11, False),  # function not below 11
        (0, 0, True),
        (10, 14, False),
        (10, 5, False),  # Hazelbaker needs both
    ],
)
def test_hazelbaker_rule_needs_function_below_11_with_appearance_below_8(
    appearance: int, function: int, meets: bool
) -> None:
    r = hazelbaker_decision(appearance, function, HazelbakerRule.HAZELBAKER)
    assert r.meets_rule is meets
    assert r.outcome is (HazelbakerOutcome.MEETS_RULE if meets else HazelbakerOutcome.DOES_NOT_MEET_RULE)
    assert "Hazelbaker" in r.source


@pytest.mark.parametrize(
    ("appearance", "function", "meets"),
    [
        (8, 14, True),  # appearance <= 8 alone
        (9, 11, True),  # function <= 11 alone
        (9, 12, False),
        (10, 14, False),
        (8, 11, True),
        (10, 5, True),
    ],
)
def test_ballard_rule_is_appearance_8_or_less_and_or_function_11_or_less(
    appearance: int, function: int, meets: bool
) -> None:
    r = hazelbaker_decision(appearance, function, HazelbakerRule.BALLARD)
    assert r.meets_rule is meets
    assert "Ballard" in r.source
    assert ("Ankyloglossia indicated" in r.summary) is meets


def test_the_two_rules_disagree_so_neither_is_hard_wired() -> None:
    assert hazelbaker_decision(8, 11, HazelbakerRule.HAZELBAKER).meets_rule is False
    assert hazelbaker_decision(8, 11, HazelbakerRule.BALLARD).meets_rule is True
    assert hazelbaker_decision(8, 11, "ballard").rule is HazelbakerRule.BALLARD  # type: ignore[arg-type]


def test_unclassified_applies_no_rule() -> None:
    r = hazelbaker_decision(None, None, HazelbakerRule.BALLARD, unclassified=True)
    assert r.outcome is HazelbakerOutcome.UNCLASSIFIED
    assert r.meets_rule is None
    assert "Ricke" in r.source
    assert hazelbaker_decision(5, 5, unclassified=True).meets_rule is None


@pytest.mark.parametrize(
    ("appearance", "function"),
    [(-1, 5), (11, 5), (5, -1), (5, 15), (None, 5), (5, None), (True, 5), (5.5, 5)],
)
def test_hazelbaker_refuses_out_of_range_or_missing_subtotals(appearance: object, function: object) -> None:
    with pytest.raises(ValueError):
        hazelbaker_decision(appearance, function, HazelbakerRule.HAZELBAKER)  # type: ignore[arg-type]


@given(st.integers(0, 10), st.integers(0, 14))
def test_hazelbaker_positive_implies_ballard_positive(appearance: int, function: int) -> None:
    # Hazelbaker's rule (both strictly below) is the stricter of the two.
    if hazelbaker_decision(appearance, function, HazelbakerRule.HAZELBAKER).meets_rule:
        assert hazelbaker_decision(appearance, function, HazelbakerRule.BALLARD).meets_rule
