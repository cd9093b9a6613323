"""Fever with breast signs is same-day whatever else is ticked; the box and every step agree (issue 18 point 4).

CLINICAL.md section 15: 38.5 °C or more plus any breast sign means "call your doctor today", chills or not.
Section 7 keeps the ABM #4 reading (38.5 °C or more with chills or flu-like illness).
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

import pytest
from factories import make_baby, make_client, make_visit, make_weighing

from consultapp.domain.careplan import CALL_TODAY, CHECK_SOON, SECTION_MASTITIS, CarePlan, build_care_plan
from consultapp.domain.careplan.wording import MASTITIS_NOT_SAME_DAY, MASTITIS_NOT_SAME_DAY_STEP
from consultapp.domain.flags import FlagCode, FlagInputs, red_flags
from consultapp.domain.records import (
    BreastFinding,
    BreastMapFinding,
    BreastSideExam,
    ParentState,
    Practice,
    PracticeSettings,
)
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.vocabulary import BreastConcern, FindingKind, PlanVariant, Side, Sign, SpectrumCondition

BABY_ID = uuid.UUID(int=2)
VISIT_DATE = dt.date(2026, 11, 26)
SORE_LUMP = BreastFinding(BreastConcern.CLOGGED_DUCT, Side.LEFT, [Sign.PAIN, Sign.LUMP, Sign.REDNESS])
MASTITIS_SIGNS = BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [Sign.PAIN, Sign.REDNESS, Sign.WARMTH])


@pytest.mark.parametrize(
    ("temp", "chills", "flu", "breast", "fever_flag"),
    [
        # hand-computed: >= 38.5 with any breast sign, or with chills / flu-like illness
        (39.4, False, False, True, True),  # issue 18: breast signs, no chills ticked
        (38.5, False, False, True, True),  # the threshold itself
        (38.4, False, False, True, False),  # just below
        (38.0, False, False, True, False),  # a fever in general use, but below the rule's 38.5
        (39.4, False, False, False, False),  # a fever without breast signs or chills: not this rule
        (38.5, True, False, False, True),  # ABM #4
        (38.5, False, True, False, True),
        (38.4, True, True, True, False),
        (None, True, True, True, False),  # no temperature recorded raises nothing
    ],
)
def test_fever_flag_table(temp: float | None, chills: bool, flu: bool, breast: bool, fever_flag: bool) -> None:
    inputs = FlagInputs(maternal_temperature_c=temp, chills=chills, flu_like=flu, breast_signs=breast)
    flags = [f for f in red_flags(inputs) if f.code is FlagCode.MATERNAL_FEVER]
    assert bool(flags) is fever_flag
    if flags:
        assert "Call your doctor today." in flags[0].reason
        assert ("signs in your breast" in flags[0].reason) is breast
        assert ("section 15" in flags[0].source) is breast


def test_the_fever_threshold_is_the_practice_setting() -> None:
    inputs = FlagInputs(maternal_temperature_c=38.2, breast_signs=True)
    assert not red_flags(inputs)
    assert [f.code for f in red_flags(inputs, ClinicalThresholds(fever_threshold_c=38.0))] == [FlagCode.MATERNAL_FEVER]


def plan_for(variant: PlanVariant = PlanVariant.SOURCE_DOCUMENT, **visit_fields: object) -> CarePlan:
    client = make_client("Amara", "Okafor", babies=[make_baby("Noah", id=BABY_ID)], id=uuid.UUID(int=1))
    visit = make_visit(uuid.UUID(int=1), VISIT_DATE, assessments=[make_weighing(BABY_ID, 3300)], **visit_fields)
    settings = PracticeSettings(clogged_duct_variant=variant, mastitis_variant=variant)
    return build_care_plan(Practice(name="Riverside", settings=settings), client, visit)


def _call_steps(plan: CarePlan) -> list[str]:
    return [s.text for s in plan.steps if "doctor" in s.text.lower()]


@pytest.mark.parametrize("variant", list(PlanVariant))
def test_39_4_with_breast_signs_and_no_chills_is_same_day_in_the_box_and_every_step(variant: PlanVariant) -> None:
    plan = plan_for(variant, breast_finding=SORE_LUMP, parent=ParentState(temperature_c=39.4))
    assert SECTION_MASTITIS in [s.title for s in plan.sections]
    assert [f.code for f in plan.flags] == [FlagCode.MATERNAL_FEVER]
    assert plan.call_doctor[0].startswith(f"{CALL_TODAY} You have a temperature of 39.4 °C")
    assert not any(line.startswith(CHECK_SOON) for line in plan.call_doctor)
    calls = _call_steps(plan)
    assert calls and all("Call your doctor today." in text for text in calls)
    assert not any("24 hours" in text for text in calls)
    assert plan.has_red_flag


@pytest.mark.parametrize("variant", list(PlanVariant))
def test_mastitis_signs_without_fever_say_the_same_24_hour_call_in_box_and_step(variant: PlanVariant) -> None:
    plan = plan_for(variant, breast_finding=MASTITIS_SIGNS, parent=ParentState(temperature_c=38.0))
    assert f"{CHECK_SOON} {MASTITIS_NOT_SAME_DAY}" in plan.call_doctor
    calls = _call_steps(plan)
    assert calls and all(MASTITIS_NOT_SAME_DAY_STEP in text for text in calls)
    assert not any("Call your doctor today" in text for text in calls)
    assert not plan.has_red_flag


@pytest.mark.parametrize(
    "breast",
    [
        {"map_findings": [BreastMapFinding(Side.RIGHT, FindingKind.REDNESS, clock=10)]},
        {"breast_sides": [BreastSideExam(Side.LEFT, condition=SpectrumCondition.INFLAMMATORY_MASTITIS)]},
        {"breast_sides": [BreastSideExam(Side.LEFT, pain=6)]},
        {"breast_sides": [BreastSideExam(Side.RIGHT, engorgement=True)]},
        {"breast_finding": BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [])},
    ],
)
def test_any_breast_sign_with_a_fever_is_same_day(breast: dict[str, object]) -> None:
    plan = plan_for(parent=ParentState(temperature_c=38.6), **breast)
    assert FlagCode.MATERNAL_FEVER in {f.code for f in plan.flags}
    assert plan.call_doctor[0].startswith(CALL_TODAY)


def test_chills_reported_with_mastitis_signs_are_same_day_without_a_temperature() -> None:
    plan = plan_for(breast_finding=MASTITIS_SIGNS, parent=ParentState(chills=True))
    assert plan.call_doctor[0] == f"{CALL_TODAY} You have a sore breast with chills: call your doctor today."
    assert all("Call your doctor today." in text for text in _call_steps(plan))


def test_a_fever_with_no_breast_sign_raises_no_breast_flag() -> None:
    plan = plan_for(parent=ParentState(temperature_c=39.0), breast_sides=[BreastSideExam(Side.LEFT, pain=0)])
    assert plan.flags == ()


_FINDINGS = (None, SORE_LUMP, MASTITIS_SIGNS, BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [Sign.LUMP, Sign.FEVER]))
_TEMPS = (None, 37.2, 38.0, 38.4, 38.5, 39.4)


@pytest.mark.parametrize("variant", list(PlanVariant))
def test_box_and_steps_agree_across_findings_temperatures_and_symptoms(variant: PlanVariant) -> None:
    """Every combination: when the box says "Call today" about the breast, every step that sends the parent
    to her doctor says today; when it says "Check soon", no step says today."""
    checked = 0
    for finding, temp, chills, flu in itertools.product(_FINDINGS, _TEMPS, (False, True), (False, True)):
        parent = ParentState(temperature_c=temp, chills=chills, flu_like=flu)
        plan = plan_for(variant, breast_finding=finding, parent=parent)
        calls = _call_steps(plan)
        same_day = plan.has_red_flag
        if finding is not None and (chills or flu or (temp is not None and temp >= 38.5)):
            assert same_day, (finding, temp, chills, flu)
        for text in calls:
            assert ("Call your doctor today." in text) is same_day, (finding, temp, chills, flu, text)
        if not same_day and calls:
            assert f"{CHECK_SOON} {MASTITIS_NOT_SAME_DAY}" in plan.call_doctor
        checked += 1
    assert checked == len(_FINDINGS) * len(_TEMPS) * 4


@pytest.mark.parametrize("variant", list(PlanVariant))
def test_signs_of_sepsis_are_urgent_in_the_box_and_the_mastitis_step(variant: PlanVariant) -> None:
    plan = plan_for(variant, breast_finding=SORE_LUMP, parent=ParentState(temperature_c=39.4, fast_heart_rate=True))
    assert any(line.startswith(CALL_TODAY) and "Get urgent medical help now." in line for line in plan.call_doctor)
    calls = _call_steps(plan) + [s.text for s in plan.steps if "medical help" in s.text]
    assert any("Get urgent medical help now." in text for text in calls)
    assert not any("24 hours" in text for text in calls)
