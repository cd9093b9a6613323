"""Diaper output norms and problems by day of life (CLINICAL.md section 5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.output import (
    OutputProblemCode,
    StoolColour,
    check_output,
    output_norm,
)

P = OutputProblemCode


@pytest.mark.parametrize(
    ("day", "wet", "stools", "note"),
    [
        (1, 1, 1, "meconium"),
        (2, 2, 2, "transitional"),
        (3, 3, 3, "transitional"),
        (4, 4, 3, "yellow"),
        (5, 6, 3, "yellow"),
        (6, 6, 3, "yellow"),
        (42, 6, 3, "yellow"),
        (43, 6, None, "no stool minimum"),
    ],
)
def test_output_norm_follows_the_chart(day: int, wet: int, stools: int | None, note: str) -> None:
    norm = output_norm(day)
    assert (norm.day_of_life, norm.min_wet, norm.min_stools) == (day, wet, stools)
    assert note in norm.stool_note
    assert "WIC" in norm.source


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_day_of_life_counts_from_one(bad: object) -> None:
    with pytest.raises(ValueError):
        output_norm(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [1, 2, 3, 4, 5, 6])
def test_meeting_the_norm_exactly_is_no_problem(day: int) -> None:
    norm = output_norm(day)
    assert norm.min_stools is not None
    colour = StoolColour.MECONIUM if day <= 2 else StoolColour.YELLOW
    assert check_output(day, norm.min_wet, norm.min_stools, colour, urates=False) == []


@pytest.mark.parametrize(
    ("day", "wet", "dirty", "expected"),
    [
        (1, 0, 1, [P.WET_BELOW_NORM]),
        (2, 1, 2, [P.WET_BELOW_NORM]),
        (3, 3, 2, [P.STOOLS_BELOW_NORM]),
        (4, 3, 2, [P.WET_BELOW_NORM, P.STOOLS_BELOW_NORM]),
        (5, 5, 3, [P.WET_BELOW_NORM]),
        (6, 5, 3, [P.FEWER_THAN_6_WET_AFTER_DAY_5]),
        (6, 6, 2, [P.STOOLS_BELOW_NORM]),
        (60, 6, 0, []),
    ],
)
def test_output_below_the_norm(day: int, wet: int, dirty: int, expected: list[OutputProblemCode]) -> None:
    assert [p.code for p in check_output(day, wet, dirty)] == expected


@pytest.mark.parametrize(("day", "flagged"), [(3, False), (4, False), (5, True), (6, True), (10, True)])
def test_meconium_still_on_day_5_is_a_red_flag(day: int, flagged: bool) -> None:
    problems = check_output(day, 6, 3, StoolColour.MECONIUM)
    assert (P.MECONIUM_ON_DAY_5 in [p.code for p in problems]) is flagged
    if flagged:
        assert problems[-1].named_red_flag


@pytest.mark.parametrize(("day", "flagged"), [(3, False), (4, False), (5, True), (8, True)])
def test_urates_after_day_4_are_a_red_flag(day: int, flagged: bool) -> None:
    problems = check_output(day, 6, 3, StoolColour.YELLOW, urates=True)
    assert (P.URATES_AFTER_DAY_4 in [p.code for p in problems]) is flagged


def test_problems_speak_to_the_parent() -> None:
    (p,) = check_output(6, 4, 3)
    assert p.reason == "Only 4 wet diapers in a day; after day 5 a baby should have at least 6."
    (q,) = check_output(2, 1, 2)
    assert q.reason == "Only 1 wet diaper on day 2; expected at least 2."


@pytest.mark.parametrize(("wet", "dirty"), [(-1, 0), (0, -1), (1.5, 0), (True, 0)])
def test_counts_must_be_whole_and_not_negative(wet: object, dirty: object) -> None:
    with pytest.raises(ValueError):
        check_output(3, wet, dirty)  # type: ignore[arg-type]


@given(st.integers(1, 120), st.integers(0, 20), st.integers(0, 20))
def test_more_diapers_never_add_a_problem(day: int, wet: int, dirty: int) -> None:
    fewer = {p.code for p in check_output(day, wet, dirty)}
    more = {p.code for p in check_output(day, wet + 1, dirty + 1)}
    assert more <= fewer


@given(st.integers(1, 120), st.integers(0, 20), st.integers(0, 20), st.sampled_from(list(StoolColour)))
def test_no_problem_without_its_cause(day: int, wet: int, dirty: int, colour: StoolColour) -> None:
    norm = output_norm(day)
    codes = {p.code for p in check_output(day, wet, dirty, colour, urates=False)}
    assert (P.WET_BELOW_NORM in codes or P.FEWER_THAN_6_WET_AFTER_DAY_5 in codes) == (wet < norm.min_wet)
    assert (P.STOOLS_BELOW_NORM in codes) == (norm.min_stools is not None and dirty < norm.min_stools)
    assert P.URATES_AFTER_DAY_4 not in codes
    if colour is not StoolColour.MECONIUM:
        assert P.MECONIUM_ON_DAY_5 not in codes
