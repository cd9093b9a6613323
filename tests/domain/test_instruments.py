"""LATCH and BTAT against the published tables (CLINICAL.md sections 1 and 2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.instruments import (
    BTAT_ITEMS,
    LATCH_ITEMS,
    BtatScore,
    LatchScore,
    btat_interpretation,
    latch_interpretation,
)

item_score = st.one_of(st.none(), st.integers(0, 2))


def test_latch_items_and_descriptors_follow_jensen_1994() -> None:
    assert [i.label[0] for i in LATCH_ITEMS] == list("LATCH")
    assert LATCH_ITEMS[0].describe(0) == "too sleepy or reluctant, no latch achieved"
    assert LATCH_ITEMS[2].descriptors == ("inverted", "flat", "everted (after stimulation)")
    assert LATCH_ITEMS[4].describe(2) == "no assist; parent positions and holds baby"


def test_btat_items_follow_ingram_2015() -> None:
    assert [i.key for i in BTAT_ITEMS] == ["tip", "frenulum", "lift", "protrusion"]
    assert BTAT_ITEMS[0].descriptors == ("heart-shaped", "slight cleft / notched", "rounded")
    assert BTAT_ITEMS[3].describe(2) == "tip can extend over lower lip"


@pytest.mark.parametrize(
    ("total", "reading"),
    [
        (8, "normal tongue function"),
        (7, "borderline tongue function"),
        (6, "borderline tongue function"),
        (5, "impaired tongue function"),
        (0, "impaired tongue function"),
    ],
)
def test_btat_interpretation_edges(total: int, reading: str) -> None:
    assert btat_interpretation(total) == reading


@pytest.mark.parametrize(("total", "flagged"), [(6, True), (7, False), (10, False), (0, True)])
def test_latch_below_seven_suggests_further_evaluation(total: int, flagged: bool) -> None:
    assert ("further evaluation suggested" in latch_interpretation(total)) is flagged
    assert latch_interpretation(total).startswith("below 7") is flagged


@pytest.mark.parametrize("bad", [-1, 9, 11])
def test_out_of_range_totals_are_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        btat_interpretation(bad)
    with pytest.raises(ValueError):
        latch_interpretation(bad + 2 if bad > 0 else bad)


def test_item_scores_other_than_0_1_2_are_refused() -> None:
    with pytest.raises(ValueError):
        LatchScore(latch=3)
    with pytest.raises(ValueError):
        BtatScore(tip=-1)


def test_total_only_when_every_item_is_scored() -> None:
    partial = LatchScore(latch=2, audible=1)
    assert partial.total is None
    assert (partial.partial_total, partial.scored_count) == (3, 2)
    assert LatchScore(2, 2, 2, 2, 2).total == 10
    assert BtatScore(0, 0, 0, 0).total == 0


@given(st.tuples(*(item_score,) * 5))
def test_latch_total_is_in_range_and_the_sum_of_items(items: tuple[int | None, ...]) -> None:
    score = LatchScore(*items)
    assert 0 <= score.partial_total <= 10
    if None in items:
        assert score.total is None
    else:
        assert score.total == sum(i for i in items if i is not None)


@given(st.tuples(*(item_score,) * 4))
def test_btat_total_is_in_range(items: tuple[int | None, ...]) -> None:
    score = BtatScore(*items)
    assert 0 <= score.partial_total <= 8
    if score.total is not None:
        assert btat_interpretation(score.total)
