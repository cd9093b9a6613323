"""Red and amber flags (CLINICAL.md sections 4, 5 and 7): each rests on its cause, and only on it."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.flags import (
    FLAG_CAUSES,
    OUTPUT_FLAG_CODES,
    Flag,
    FlagCode,
    FlagInputs,
    Severity,
    red_flags,
)
from consultapp.domain.output import OutputProblemCode, StoolColour, check_output
from consultapp.domain.records import NippleExam
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.vocabulary import DeliveryMode, Side

C = FlagCode


def codes(inputs: FlagInputs, thresholds: ClinicalThresholds | None = None) -> list[FlagCode]:
    flags = red_flags(inputs) if thresholds is None else red_flags(inputs, thresholds)
    return [f.code for f in flags]


def test_nothing_recorded_raises_no_flag() -> None:
    assert red_flags(FlagInputs()) == []


@pytest.mark.parametrize(
    ("birth", "current", "expected"),
    [
        (3000, 2791, []),  # 6.97 %
        (3000, 2790, [C.WEIGHT_LOSS_AMBER]),  # exactly 7 %
        (3000, 2701, [C.WEIGHT_LOSS_AMBER]),  # 9.97 %
        (3000, 2700, [C.WEIGHT_LOSS_RED]),  # exactly 10 %
        (3000, 2500, [C.WEIGHT_LOSS_RED]),
        (3500, 3255, [C.WEIGHT_LOSS_AMBER]),  # exactly 7 % with a less round birth weight
        (3500, 3150, [C.WEIGHT_LOSS_RED]),  # exactly 10 %
        (3000, 3100, []),  # a gain
    ],
)
def test_weight_loss_edges(birth: int, current: int, expected: list[FlagCode]) -> None:
    # days_since_birth left unknown, so no not-regained flag joins in.
    assert codes(FlagInputs(birth_weight_g=birth, current_weight_g=current)) == expected


def test_weight_loss_flags_carry_severity_reason_and_source() -> None:
    (red,) = red_flags(FlagInputs(birth_weight_g=3000, current_weight_g=2700))
    assert red.severity is Severity.RED
    assert "10.0%" in red.reason and "3000 g at birth, 2700 g now" in red.reason
    assert "AAP" in red.source and "Noel-Weiss" in red.source
    (amber,) = red_flags(FlagInputs(birth_weight_g=3000, current_weight_g=2790))
    assert amber.severity is Severity.AMBER


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (9, []),
        (10, [C.NOT_REGAINED_AMBER]),
        (13, [C.NOT_REGAINED_AMBER]),
        (14, [C.NOT_REGAINED_RED]),
        (20, [C.NOT_REGAINED_RED]),
    ],
)
def test_not_regained_by_day_10_amber_and_day_14_red(days: int, expected: list[FlagCode]) -> None:
    assert codes(FlagInputs(days_since_birth=days, regained=False)) == expected
    assert codes(FlagInputs(days_since_birth=days, regained=True)) == []


def test_regained_is_read_from_the_weights_when_not_recorded() -> None:
    below = FlagInputs(birth_weight_g=3400, current_weight_g=3350, days_since_birth=14)
    assert codes(below) == [C.NOT_REGAINED_RED]
    back = FlagInputs(birth_weight_g=3400, current_weight_g=3400, days_since_birth=14)
    assert codes(back) == []


@pytest.mark.parametrize(
    ("velocity", "regained", "days", "flagged"),
    [
        (19.9, True, 30, True),
        (20.0, True, 30, False),
        (-5.0, True, 30, True),
        (10.0, False, 5, False),  # before birth weight is regained the 20 g/day rule does not apply
        (10.0, None, 30, False),  # unknown whether regained: no flag
        (10.0, True, 91, True),
        (10.0, True, 92, False),  # beyond 3 months
        (10.0, True, None, True),
    ],
)
def test_slow_gain_after_regaining(
    velocity: float, regained: bool | None, days: int | None, flagged: bool
) -> None:
    inputs = FlagInputs(velocity_g_per_day=velocity, regained=regained, days_since_birth=days)
    assert (C.SLOW_GAIN in codes(inputs)) is flagged


@pytest.mark.parametrize(
    ("temp", "chills", "flu", "flagged"),
    [
        (38.5, True, None, True),
        (38.5, None, True, True),
        (38.4, True, True, False),
        (39.5, None, None, False),  # fever alone does not meet the ABM #4 definition
        (39.5, False, False, False),
        (None, True, True, False),
    ],
)
def test_maternal_fever_needs_38_5_with_chills_or_flu_like_illness(
    temp: float | None, chills: bool | None, flu: bool | None, flagged: bool
) -> None:
    flags = red_flags(FlagInputs(maternal_temperature_c=temp, chills=chills, flu_like=flu))
    assert ([C.MATERNAL_FEVER] if flagged else []) == [f.code for f in flags]
    if flagged:
        assert flags[0].severity is Severity.RED
        assert "38.5 °C (101.3 °F)" in flags[0].reason
        assert "ABM" in flags[0].source


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("spreading_redness", C.SPREADING_REDNESS),
        ("confusion", C.CONFUSION),
        ("fast_heart_rate", C.FAST_HEART_RATE),
        ("fluctuant_or_persisting_lump", C.FLUCTUANT_OR_PERSISTING_LUMP),
        ("worse_after_antibiotics", C.WORSE_ON_ANTIBIOTICS),
        ("lump_persists_after_episode", C.LUMP_AFTER_EPISODE),
        ("jaundice", C.JAUNDICE),
        ("lethargy", C.LETHARGY),
        ("poor_feeding", C.POOR_FEEDING),
    ],
)
def test_each_yes_no_red_flag(field: str, code: FlagCode) -> None:
    (flag,) = red_flags(FlagInputs(**{field: True}))  # type: ignore[arg-type]
    assert flag.code is code and flag.severity is Severity.RED
    assert "CLINICAL.md section 7" in flag.source
    assert flag.reason
    assert red_flags(FlagInputs(**{field: False})) == []  # type: ignore[arg-type]
    assert red_flags(FlagInputs(**{field: None})) == []  # type: ignore[arg-type]


def test_output_problems_become_red_flags() -> None:
    problems = tuple(check_output(6, 4, 3, StoolColour.MECONIUM, urates=True))
    flags = red_flags(FlagInputs(output_problems=problems))
    assert [f.code for f in flags] == [
        C.OUTPUT_FEWER_THAN_6_WET_AFTER_DAY_5,
        C.OUTPUT_MECONIUM_ON_DAY_5,
        C.OUTPUT_URATES_AFTER_DAY_4,
    ]
    assert all(f.severity is Severity.RED for f in flags)
    assert flags[0].reason.startswith("Only 4 wet diapers in a day")
    assert set(OUTPUT_FLAG_CODES) == set(OutputProblemCode)


def test_thresholds_are_settings() -> None:
    inputs = FlagInputs(birth_weight_g=3000, current_weight_g=2790)
    assert codes(inputs, ClinicalThresholds(weight_loss_amber_pct=8.0)) == []
    assert codes(inputs, ClinicalThresholds(disabled_flags=frozenset({"weight_loss_amber"}))) == []
    fever = FlagInputs(maternal_temperature_c=38.2, chills=True)
    assert codes(fever, ClinicalThresholds(fever_threshold_c=38.0)) == [C.MATERNAL_FEVER]


# --- properties: no flag without its cause ------------------------------------------------------

maybe_bool = st.one_of(st.none(), st.booleans())
output_problem_sets = st.builds(
    lambda day, wet, dirty, colour, urates: tuple(check_output(day, wet, dirty, colour, urates)),
    st.integers(1, 60),
    st.integers(0, 8),
    st.integers(0, 5),
    st.sampled_from(list(StoolColour)),
    st.booleans(),
)
flag_inputs = st.builds(
    FlagInputs,
    birth_weight_g=st.one_of(st.none(), st.integers(1500, 5000)),
    current_weight_g=st.one_of(st.none(), st.integers(1200, 6000)),
    days_since_birth=st.one_of(st.none(), st.integers(0, 120)),
    hours_of_life=st.one_of(
        st.none(), st.floats(0, 200).map(lambda h: (h, h)), st.floats(0, 200).map(lambda h: (h, h + 24))
    ),
    gestational_age_days=st.one_of(st.none(), st.integers(33 * 7, 42 * 7)),
    delivery_mode=st.one_of(st.none(), st.sampled_from(list(DeliveryMode))),
    singleton=maybe_bool,
    regained=maybe_bool,
    velocity_g_per_day=st.one_of(st.none(), st.floats(-50, 80)),
    maternal_temperature_c=st.one_of(st.none(), st.floats(35.0, 41.0)),
    chills=maybe_bool,
    flu_like=maybe_bool,
    breast_signs=maybe_bool,
    spreading_redness=maybe_bool,
    confusion=maybe_bool,
    fast_heart_rate=maybe_bool,
    fluctuant_or_persisting_lump=maybe_bool,
    lump_persists_after_episode=maybe_bool,
    worse_after_antibiotics=maybe_bool,
    output_problems=st.one_of(st.just(()), output_problem_sets),
    jaundice=maybe_bool,
    lethargy=maybe_bool,
    poor_feeding=maybe_bool,
    jaundice_onset_hours=st.one_of(st.none(), st.integers(0, 100)),
    formula_fed=maybe_bool,
    pale_stools=maybe_bool,
    dark_urine=maybe_bool,
    nipple_exams=st.one_of(st.none(), st.lists(st.builds(
        NippleExam, st.sampled_from([Side.LEFT, Side.RIGHT]), pain_days=st.one_of(st.none(), st.integers(0, 40)),
        pus=st.booleans(), not_healing=st.booleans()), max_size=2).map(tuple)),
)


def _cleared(inputs: FlagInputs, names: tuple[str, ...]) -> FlagInputs:
    return dataclasses.replace(inputs, **{n: () if n == "output_problems" else None for n in names})  # type: ignore[arg-type]


def test_every_flag_declares_its_causes() -> None:
    assert set(FLAG_CAUSES) == set(FlagCode)
    fields = {f.name for f in dataclasses.fields(FlagInputs)}
    assert all(set(names) <= fields for names in FLAG_CAUSES.values())


@given(flag_inputs)
def test_each_flag_disappears_when_its_cause_is_removed(inputs: FlagInputs) -> None:
    for flag in red_flags(inputs):
        assert flag.code not in codes(_cleared(inputs, FLAG_CAUSES[flag.code]))


@given(flag_inputs)
def test_each_flag_rests_only_on_its_cause(inputs: FlagInputs) -> None:
    # Clearing every other input leaves the flag exactly as it was.
    all_fields = tuple(f.name for f in dataclasses.fields(FlagInputs))
    for flag in red_flags(inputs):
        others = tuple(n for n in all_fields if n not in FLAG_CAUSES[flag.code])
        alone = [f for f in red_flags(_cleared(inputs, others)) if f.code is flag.code]
        assert flag in alone


@given(flag_inputs)
def test_flags_are_well_formed(inputs: FlagInputs) -> None:
    flags = red_flags(inputs)
    for flag in flags:
        assert isinstance(flag, Flag)
        assert flag.reason.strip() and flag.source.strip()
        assert "CLINICAL.md section" in flag.source
    found = [f.code for f in flags]
    # One weight-loss flag and one not-regained flag at most.
    assert not {C.WEIGHT_LOSS_AMBER, C.WEIGHT_LOSS_RED} <= set(found)
    assert not {C.NOT_REGAINED_AMBER, C.NOT_REGAINED_RED} <= set(found)


@given(flag_inputs)
def test_disabling_every_flag_leaves_none(inputs: FlagInputs) -> None:
    assert red_flags(inputs, ClinicalThresholds(disabled_flags=frozenset(FlagCode))) == []


@pytest.mark.parametrize(
    ("unit", "detail", "gain"),
    [
        ("g", "3400 g at birth, 3050 g now", "12 g a day"),
        ("kg", "3.400 kg at birth, 3.050 kg now", "12 g a day"),
        ("lb_oz", "7 lb 8 oz at birth, 6 lb 12 oz now", "0.4 oz a day"),  # whole ounces (issue 18)
    ],
)
def test_flags_give_weights_in_the_practices_unit(unit: str, detail: str, gain: str) -> None:
    from consultapp.domain.units import WeightUnit

    [loss] = red_flags(FlagInputs(birth_weight_g=3400, current_weight_g=3050), weight_unit=WeightUnit(unit))
    assert f"({detail})" in loss.reason
    [slow] = red_flags(FlagInputs(velocity_g_per_day=12, regained=True, days_since_birth=20),
                       weight_unit=WeightUnit(unit))
    assert f"gaining {gain}" in slow.reason
    [losing] = red_flags(FlagInputs(velocity_g_per_day=-12, regained=True, days_since_birth=20))
    assert "is losing 12 g a day" in losing.reason
