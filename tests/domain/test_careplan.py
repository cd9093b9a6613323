"""The care-plan engine chooses steps from findings and says why."""

from __future__ import annotations

import datetime as dt
import uuid

from consultapp.domain.careplan import ALWAYS_CALL_DOCTOR, build_care_plan
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import Baby, BabyAssessment, BreastFinding, Client, Practice, Visit
from consultapp.domain.source_steps import (
    CLOGGED_DUCT_TREATMENT_STEPS,
    MASTITIS_TREATMENT_STEPS,
    PREVENTION_STEPS,
    REFERENCES,
)
from consultapp.domain.text import fold
from consultapp.domain.vocabulary import BreastConcern, Position, Side, Sign
from consultapp.domain.weights import weight_loss_pct

BABY_ID = uuid.UUID(int=2)


def plan_for(**visit_fields: object):  # type: ignore[no-untyped-def]
    client = Client("Amara", "Okafor", babies=[Baby("Noah", dt.date(2026, 11, 20), 3400, id=BABY_ID)],
                    id=uuid.UUID(int=1))
    visit = Visit(client_id=uuid.UUID(int=1), visit_date=dt.date(2026, 11, 26), **visit_fields)  # type: ignore[arg-type]
    return build_care_plan(Practice(name="Riverside"), client, visit)


def section_titles(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.title for s in plan.sections]


def test_normal_visit_has_prevention_only_and_no_visit_flags() -> None:
    plan = plan_for(assessments=[BabyAssessment(BABY_ID, 3300, [Position.CRADLE], LatchScore(2, 2, 2, 2, 2),
                                                BtatScore(2, 2, 2, 2))])
    assert section_titles(plan) == ["Preventing clogged ducts and mastitis"]
    assert [s.text for s in plan.sections[0].steps] == [s.text for s in PREVENTION_STEPS]
    assert plan.call_doctor == ALWAYS_CALL_DOCTOR
    assert plan.references == REFERENCES


def test_left_lump_low_latch_and_btat_4_give_treatment_latch_and_tongue_steps_with_reasons() -> None:
    plan = plan_for(
        assessments=[BabyAssessment(BABY_ID, 3200, [], LatchScore(1, 1, 2, 1, 1), BtatScore(1, 1, 1, 1))],
        breast_finding=BreastFinding(BreastConcern.CLOGGED_DUCT, Side.LEFT, [Sign.LUMP, Sign.PAIN]),
    )
    titles = section_titles(plan)
    assert titles == [
        "Latch and positions",
        "Your baby's tongue",
        "Clearing the clogged duct",
        "Preventing clogged ducts and mastitis",
    ]
    clogged = plan.sections[2]
    assert [s.text for s in clogged.steps] == [s.text for s in CLOGGED_DUCT_TREATMENT_STEPS]
    assert all("left breast" in s.reason and "a tender lump" in s.reason for s in clogged.steps)
    assert "latch scored 1 of 2" in plan.sections[0].steps[0].reason
    assert "tongue check 4 of 8" in plan.sections[1].steps[0].reason
    assert "Mastitis: what to do" not in titles


def test_fever_and_chills_give_mastitis_steps_and_a_call_today() -> None:
    plan = plan_for(breast_finding=BreastFinding(BreastConcern.MASTITIS, Side.RIGHT,
                                                 [Sign.LUMP, Sign.FEVER, Sign.CHILLS]))
    mastitis = next(s for s in plan.sections if s.title == "Mastitis: what to do")
    assert [s.text for s in mastitis.steps] == [s.text for s in MASTITIS_TREATMENT_STEPS]
    assert any("call your doctor today" in line for line in plan.call_doctor)


def test_ten_percent_loss_is_a_doctor_warning_seven_percent_a_note() -> None:
    ten = plan_for(assessments=[BabyAssessment(BABY_ID, 3060)])  # exactly 10 %
    assert weight_loss_pct(3400, 3060) == 10.0
    assert any("10% or more" in line for line in ten.call_doctor)
    seven = plan_for(assessments=[BabyAssessment(BABY_ID, 3162)])  # exactly 7 %
    assert weight_loss_pct(3400, 3162) == 7.0
    assert not any("birth weight" in line for line in seven.call_doctor)
    assert any("7% or more" in line for line in seven.babies[0].lines)


def test_scores_appear_in_plain_words() -> None:
    plan = plan_for(assessments=[BabyAssessment(BABY_ID, None, [], LatchScore(2, 1, 2, 1, 1), BtatScore(2, 2, 2, 2))])
    lines = plan.babies[0].lines
    assert "Latch score (LATCH): 7 out of 10." in lines
    assert any(line.startswith("Tongue check (BTAT): 8 out of 8: your baby's tongue moves freely") for line in lines)


def test_fold_makes_search_accent_insensitive() -> None:
    assert fold("Nguyễn Thị Ánh") == "nguyen thi anh"
    assert fold("Zoë O'Brien-Šimić") == "zoe o'brien-simic"
    assert fold("Đặng Łucja Søren") == "dang lucja soren"
    assert fold("王秀英") == "王秀英"
