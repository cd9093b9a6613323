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
    ("appearance", "function", "impaired", "frenotomy"),
    [
        # Hand-computed from CLINICAL.md section 14: function < 11 alone is impaired function;
        # function < 11 together with appearance < 8 is the frenotomy criterion.
        (9, 9, True, False),  # issue 18: this printed "not impaired"
        (10, 10, True, False),  # function 10: impaired whatever the appearance
        (10, 11, False, False),  # function 11: not impaired (acceptable with appearance 10)
        (7, 10, True, True),  # appearance 7 with impaired function: criterion met
        (8, 10, True, False),  # appearance 8 is not below 8
        (7, 11, False, False),  # appearance 7 alone is not the criterion
        (0, 0, True, True),
        (10, 14, False, False),
        (10, 5, True, False),
        (0, 14, False, False),
    ],
)
def test_hazelbaker_rule_gives_impaired_function_and_frenotomy_criterion_apart(
    appearance: int, function: int, impaired: bool, frenotomy: bool
) -> None:
    r = hazelbaker_decision(appearance, function, HazelbakerRule.HAZELBAKER)
    assert r.impaired_function is impaired
    assert r.frenotomy_criterion is frenotomy
    assert r.meets_rule is impaired
    assert r.outcome is (HazelbakerOutcome.MEETS_RULE if impaired else HazelbakerOutcome.DOES_NOT_MEET_RULE)
    assert ("Impaired function" in r.summary) is impaired
    assert ("frenotomy criterion met" in r.summary) is frenotomy
    assert "Hazelbaker" in r.source


@given(st.integers(0, 10), st.integers(0, 14))
def test_the_frenotomy_criterion_implies_impaired_function(appearance: int, function: int) -> None:
    r = hazelbaker_decision(appearance, function, HazelbakerRule.HAZELBAKER)
    assert r.impaired_function is (function < 11)
    if r.frenotomy_criterion:
        assert r.impaired_function


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
    assert ("ankyloglossia indicated" in r.summary) is meets
    assert r.frenotomy_criterion is meets
    assert r.impaired_function is (function <= 11)


def test_the_two_rules_disagree_so_neither_is_hard_wired() -> None:
    assert hazelbaker_decision(8, 11, HazelbakerRule.HAZELBAKER).meets_rule is False
    assert hazelbaker_decision(8, 12, HazelbakerRule.BALLARD).meets_rule is True
    assert hazelbaker_decision(8, 11, HazelbakerRule.BALLARD).meets_rule is True
    assert hazelbaker_decision(8, 11, "ballard").rule is HazelbakerRule.BALLARD  # type: ignore[arg-type]


def test_unclassified_applies_no_rule() -> None:
    r = hazelbaker_decision(None, None, HazelbakerRule.BALLARD, unclassified=True)
    assert r.outcome is HazelbakerOutcome.UNCLASSIFIED
    assert r.meets_rule is None
    assert r.impaired_function is None and r.frenotomy_criterion is None
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
    # Hazelbaker's thresholds (strictly below) are the stricter of the two, for either output.
    haz = hazelbaker_decision(appearance, function, HazelbakerRule.HAZELBAKER)
    ballard = hazelbaker_decision(appearance, function, HazelbakerRule.BALLARD)
    if haz.meets_rule:
        assert ballard.meets_rule
    if haz.frenotomy_criterion:
        assert ballard.frenotomy_criterion
