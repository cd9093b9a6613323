"""Jaundice and stool colour (CLINICAL.md section 12) and nipple pain and damage (section 13), hand-computed."""

from __future__ import annotations

import uuid

import factories
import pytest

from consultapp.domain.careplan import CALL_TODAY, CHECK_SOON, build_care_plan
from consultapp.domain.flags import FlagCode, FlagInputs, Severity, red_flags
from consultapp.domain.jaundice import JaundiceConcern, jaundice_readings
from consultapp.domain.nipples import NippleConcern, nipple_readings
from consultapp.domain.output import StoolColour
from consultapp.domain.records import NippleExam, ParentState
from consultapp.domain.vocabulary import NippleSign, Side

PRACTICE = factories.make_practice()
BABY = uuid.UUID(int=41)


def concerns(**kwargs: object) -> list[JaundiceConcern]:
    return [r.concern for r in jaundice_readings(**kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("hours", "early"), [(0, True), (23, True), (24, False), (25, False)])
def test_jaundice_before_24_hours_is_same_day(hours: int, early: bool) -> None:
    assert (JaundiceConcern.EARLY_ONSET in concerns(jaundice=True, onset_hours=hours)) is early
    codes = [f.code for f in red_flags(FlagInputs(jaundice=True, jaundice_onset_hours=hours))]
    # Never reassured: jaundice is a red flag either way; the early one says why and replaces the plain one.
    assert codes == ([FlagCode.JAUNDICE_EARLY] if early else [FlagCode.JAUNDICE])


def test_an_onset_without_jaundice_ticked_raises_nothing() -> None:
    assert concerns(jaundice=False, onset_hours=10) == []


@pytest.mark.parametrize(
    ("days", "formula", "prolonged"),
    [
        (13, True, False),
        (14, True, True),  # formula-fed: 2 weeks
        (14, False, False),
        (20, False, False),
        (21, False, True),
        (28, False, True),  # breastfed: 3 (-4) weeks
    ],
)
def test_still_jaundiced_at_3_weeks_breastfed_or_2_weeks_formula_fed(days: int, formula: bool, prolonged: bool) -> None:
    found = concerns(jaundice=True, days_since_birth=days, formula_fed=formula)
    assert (JaundiceConcern.PROLONGED in found) is prolonged
    flags = red_flags(FlagInputs(jaundice=True, days_since_birth=days, formula_fed=formula))
    prolonged_flags = [f for f in flags if f.code is FlagCode.JAUNDICE_PROLONGED]
    assert len(prolonged_flags) == int(prolonged)
    if prolonged:
        assert "total and direct bilirubin" in prolonged_flags[0].clinical
        assert prolonged_flags[0].severity is Severity.RED


def test_pale_stools_and_dark_urine_are_same_day_without_jaundice() -> None:
    flags = red_flags(FlagInputs(pale_stools=True, dark_urine=True))
    assert [(f.code, f.severity) for f in flags] == [
        (FlagCode.PALE_STOOLS, Severity.RED),
        (FlagCode.DARK_URINE, Severity.RED),
    ]
    assert all("today" in f.reason for f in flags)


def _visit_with(**assessment: object) -> tuple[object, object]:
    client = factories.make_client(babies=[factories.make_baby("Anh", id=BABY)])
    client.id = uuid.UUID(int=1)
    visit = factories.make_visit(client, assessments=[factories.make_weighing(BABY, 3350, **assessment)])
    return client, visit


def test_pale_stools_go_under_when_to_call_never_reassured() -> None:
    client, visit = _visit_with(stool_colour=StoolColour.PALE, dark_urine=True)
    plan = build_care_plan(PRACTICE, client, visit)  # type: ignore[arg-type]
    red = [line for line in plan.call_doctor if line.startswith(CALL_TODAY)]
    assert any("pale, clay-coloured or white" in line for line in red)
    assert any("urine is dark" in line for line in red)
    assert any("Stools: pale, clay-coloured or white." in line for b in plan.babies for line in b.lines)


def test_early_jaundice_in_the_plan_names_the_hours() -> None:
    client, visit = _visit_with(jaundice=True, jaundice_onset_hours=20)
    plan = build_care_plan(PRACTICE, client, visit)  # type: ignore[arg-type]
    assert any(line.startswith(CALL_TODAY) and "at 20 hours old" in line for line in plan.call_doctor)


# -- nipples ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("score", [0, 10])
def test_nipple_pain_scores_0_to_10_are_kept(score: int) -> None:
    exam = NippleExam(Side.LEFT, pain_at_latch=score, pain_during_feed=score)
    assert exam.worst_pain == score


@pytest.mark.parametrize("score", [11, -1])
def test_nipple_pain_outside_0_to_10_is_refused(score: int) -> None:
    with pytest.raises(ValueError, match="between 0 and 10"):
        NippleExam(Side.LEFT, pain_at_latch=score)
    with pytest.raises(ValueError, match="between 0 and 10"):
        NippleExam(Side.RIGHT, pain_during_feed=score)


def test_a_nipple_exam_is_of_one_side() -> None:
    with pytest.raises(ValueError, match="one side"):
        NippleExam(Side.BOTH, pain_at_latch=3)


@pytest.mark.parametrize(("days", "persistent"), [(13, False), (14, False), (15, True), (30, True)])
def test_pain_for_more_than_2_weeks_is_referred(days: int, persistent: bool) -> None:
    found = nipple_readings([NippleExam(Side.LEFT, pain_at_latch=5, pain_days=days)])
    assert (NippleConcern.PERSISTENT_PAIN in [r.concern for r in found]) is persistent


def test_pus_is_red_and_a_wound_not_healing_amber() -> None:
    exams = (
        NippleExam(Side.LEFT, signs=[NippleSign.FISSURE], pus=True),
        NippleExam(Side.RIGHT, signs=[NippleSign.SCAB], not_healing=True),
    )
    flags = {f.code: f for f in red_flags(FlagInputs(nipple_exams=exams))}
    assert flags[FlagCode.NIPPLE_PUS].severity is Severity.RED
    assert "left nipple" in flags[FlagCode.NIPPLE_PUS].reason
    assert flags[FlagCode.NIPPLE_NOT_HEALING].severity is Severity.AMBER
    assert "right nipple" in flags[FlagCode.NIPPLE_NOT_HEALING].reason


def _plan_with_nipples(*exams: NippleExam, parent: ParentState | None = None) -> object:
    client = factories.make_client(babies=[factories.make_baby("Anh", id=BABY)])
    client.id = uuid.UUID(int=1)
    visit = factories.make_visit(client, weight_g=3350, nipples=list(exams), parent=parent or ParentState())
    return build_care_plan(PRACTICE, client, visit)


def test_damage_gives_the_healing_steps_latch_first_then_optional_comfort_then_mood() -> None:
    plan = _plan_with_nipples(
        NippleExam(Side.RIGHT, pain_at_latch=7, pain_during_feed=4, signs=[NippleSign.FISSURE, NippleSign.ERYTHEMA])
    )
    [section] = [s for s in plan.sections if s.title == "Sore or damaged nipples"]  # type: ignore[attr-defined]
    assert [s.key for s in section.steps] == ["nipple_latch_first", "nipple_comfort_optional", "nipple_mood"]
    assert "usual cause" in section.steps[0].text
    assert "up to you" in section.steps[1].text and "little proof" in section.steps[1].text
    assert "Right nipple: pain 7 out of 10 at latch; pain 4 out of 10 during the feed; a crack, redness." in (
        plan.parent_lines
    )  # type: ignore[attr-defined]
    assert any("still hurts after 2 weeks" in line for line in plan.call_doctor)  # type: ignore[attr-defined]


def test_no_pain_and_no_damage_gives_no_nipple_steps() -> None:
    plan = _plan_with_nipples(NippleExam(Side.LEFT, pain_at_latch=0, pain_during_feed=0))
    assert all(s.title != "Sore or damaged nipples" for s in plan.sections)  # type: ignore[attr-defined]


def test_fever_with_nipple_damage_is_same_day() -> None:
    plan = _plan_with_nipples(NippleExam(Side.LEFT, signs=[NippleSign.FISSURE]), parent=ParentState(temperature_c=38.6))
    assert any(line.startswith(CALL_TODAY) and "38.6" in line for line in plan.call_doctor)  # type: ignore[attr-defined]


def test_persistent_pain_is_checked_soon_in_the_plan() -> None:
    plan = _plan_with_nipples(NippleExam(Side.LEFT, pain_during_feed=6, pain_days=20))
    assert any(line.startswith(CHECK_SOON) and "for 20 days" in line for line in plan.call_doctor)  # type: ignore[attr-defined]
