"""Twins: every step about one baby names that baby (issue 18 point 8), the mother's expressing is said once
for the family, and steps shared by two sections are said once (point 9)."""

from __future__ import annotations

import datetime as dt
import uuid

from factories import make_assessment, make_baby, make_client, make_visit

from consultapp.domain.careplan import (
    SECTION_CLOGGED,
    SECTION_LATCH,
    SECTION_MASTITIS,
    SECTION_TONGUE,
    CarePlan,
    build_care_plan,
)
from consultapp.domain.careplan.feeding import share_expressing
from consultapp.domain.careplan.wording import MASTITIS_SAME_STEPS_SHORT, MASTITIS_WITH_CLOGGED_INTRO
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    BreastMapFinding,
    ParentState,
    PlanEdits,
    Practice,
    PracticeSettings,
    TongueAssessment,
)
from consultapp.domain.records.feeding_plan import ExpressMethod, FeedingPlan, Supplement, SupplementMethod
from consultapp.domain.vocabulary import FindingKind, PlanVariant, Side

BORN = dt.date(2026, 11, 20)
VISIT_DATE = BORN + dt.timedelta(days=4)
BAO, ANH = uuid.UUID(int=11), uuid.UUID(int=12)
LOW_BTAT = BtatScore(1, 0, 1, 1)


def _twins_plan(
    bao_tongue: TongueAssessment,
    anh_tongue: TongueAssessment,
    *,
    bao_latch: LatchScore | None = None,
    follow_up: dt.date | None = None,
    names: tuple[str, str] = ("Bảo", "Anh"),
) -> CarePlan:
    babies = [make_baby(names[0], id=BAO, date_of_birth=BORN), make_baby(names[1], id=ANH, date_of_birth=BORN)]
    client = make_client("Linh", "Tran", babies=babies, id=uuid.UUID(int=1))
    bao = make_assessment(BAO, 3300, tongue=bao_tongue, **({"latch": bao_latch} if bao_latch else {}))
    anh = make_assessment(ANH, 3300, tongue=anh_tongue)
    visit = make_visit(client.id, VISIT_DATE, assessments=[bao, anh], plan=PlanEdits(follow_up=follow_up))
    return build_care_plan(Practice(name="Harbour"), client, visit)


def _steps(plan: CarePlan, section: str) -> list[str]:
    return [s.text for s in plan.steps if s.section == section]


def test_the_tongue_check_names_the_twin_it_is_for() -> None:
    plan = _twins_plan(TongueAssessment(btat=LOW_BTAT), TongueAssessment())
    check = _steps(plan, SECTION_TONGUE)[0]
    assert check == "Ask Bảo's doctor to check Bảo's tongue (a tongue-tie check)."
    assert "Anh" not in check and "your baby" not in check


def test_both_twins_each_named_with_their_own_referral() -> None:
    follow_up = VISIT_DATE + dt.timedelta(days=2)
    plan = _twins_plan(
        TongueAssessment(btat=LOW_BTAT), TongueAssessment(btat=LOW_BTAT, referral="Paediatric ENT"), follow_up=follow_up
    )
    check, _express, after = _steps(plan, SECTION_TONGUE)
    assert check == (
        "Ask Bảo's doctor to check Bảo's tongue (a tongue-tie check). "
        "Take Anh to the tongue check Anh was referred for: Paediatric ENT."
    )
    assert after == "After Anh's tongue check, we will watch a feed again at your next visit on 26 November."
    reason = next(s.reason for s in plan.steps if s.text == after)
    assert reason == "a tongue check can change how Anh feeds"


def test_a_single_baby_keeps_your_baby() -> None:
    client = make_client("Amara", "Okafor", babies=[make_baby("Noah", id=BAO)], id=uuid.UUID(int=1))
    visit = make_visit(
        client.id, VISIT_DATE, assessments=[make_assessment(BAO, tongue=TongueAssessment(btat=LOW_BTAT))]
    )
    plan = build_care_plan(Practice(name="Harbour"), client, visit)
    assert _steps(plan, SECTION_TONGUE)[0] == "Ask your baby's doctor to check your baby's tongue (a tongue-tie check)."


def test_the_latch_step_names_the_one_twin_whose_latch_was_low() -> None:
    plan = _twins_plan(TongueAssessment(), TongueAssessment(), bao_latch=LatchScore(0, 1, 1, 1, 1))
    assert _steps(plan, SECTION_LATCH)[0] == "Wait for a wide-open mouth, then bring Bảo to the breast, chin first."


def test_a_twin_name_with_markup_characters_prints_as_typed() -> None:
    # Names print as typed, markup characters included.
    plan = _twins_plan(TongueAssessment(btat=LOW_BTAT), TongueAssessment(), names=("Mia <3 & Co", "Anh"))
    assert (
        _steps(plan, SECTION_TONGUE)[0]
        == "Ask Mia <3 & Co's doctor to check Mia <3 & Co's tongue (a tongue-tie check)."
    )


def _supplemented_twins(bao_plan: FeedingPlan | None = None) -> CarePlan:
    # Both twins down more than 10 % on day 5: the engine suggests a supplement and expressing for each.
    babies = [
        make_baby("Bảo", id=BAO, date_of_birth=BORN, birth_weight_g=3400),
        make_baby("Anh", id=ANH, date_of_birth=BORN, birth_weight_g=3400),
    ]
    client = make_client("Linh", "Tran", babies=babies, id=uuid.UUID(int=1))
    bao = make_assessment(BAO, 3000, feeding_plan=bao_plan) if bao_plan else make_assessment(BAO, 3000)
    visit = make_visit(client.id, VISIT_DATE, assessments=[bao, make_assessment(ANH, 3010)])
    return build_care_plan(Practice(name="Harbour"), client, visit)


def test_the_mothers_expressing_is_said_once_for_both_twins() -> None:
    bao, anh = _supplemented_twins().baby_feeding_plans
    expressing = [line for p in (bao, anh) for line in p.lines if "express your milk" in line.lower()]
    assert expressing == [
        "For Bảo and Anh: express your milk with a pump, 8 times in 24 hours. Each time takes about 15 minutes. "
        "This keeps up your supply. If you cannot express enough, ask us about donor milk or formula."
    ]
    assert expressing[0] in bao.lines
    # Each baby keeps its own amount and re-weigh lines.
    for p, name in ((bao, "Bảo"), (anh, "Anh")):
        assert any(line.startswith("After each breastfeed, give") and f"Wake {name}" in line for line in p.lines)
        assert f"We weigh {name} again within 24 hours." in p.lines


def test_different_expressing_stays_with_each_baby() -> None:
    own = FeedingPlan(
        supplement=Supplement.OWN_MILK,
        amount_min_ml=10,
        amount_max_ml=20,
        feeds_per_24h=8,
        method=SupplementMethod.CUP,
        expressing=ExpressMethod.HAND,
        expressions_per_24h=10,
    )
    bao, anh = _supplemented_twins(own).baby_feeding_plans
    assert sum(line.startswith("Express your milk") for line in bao.lines) == 1
    assert sum(line.startswith("Express your milk") for line in anh.lines) == 1


def test_a_single_babys_expressing_line_is_unchanged() -> None:
    (plan,) = share_expressing(_supplemented_twins().baby_feeding_plans[:1])
    assert any(line.startswith("For Bảo and Anh") for line in plan.lines)  # already shared: kept as it was
    client = make_client("Amara", "Okafor", babies=[make_baby("Noah", id=BAO, date_of_birth=BORN)], id=uuid.UUID(int=1))
    visit = make_visit(client.id, VISIT_DATE, assessments=[make_assessment(BAO, 3000)])
    (noah,) = build_care_plan(Practice(name="Harbour"), client, visit).baby_feeding_plans
    assert sum(line.startswith("Express your milk with a pump") for line in noah.lines) == 1


def test_clogged_duct_and_mastitis_together_say_the_shared_steps_once() -> None:
    # A lump with a fever: both sections; the mastitis plan does not list the clogged-duct steps again, and
    # the clogged-duct intro is said in the mastitis section's intro (one intro for the two).
    for variant in (PlanVariant.SOURCE_DOCUMENT, PlanVariant.ABM36):
        client = make_client(
            "Amara", "Okafor", babies=[make_baby("Noah", id=BAO, date_of_birth=BORN)], id=uuid.UUID(int=1)
        )
        visit = make_visit(
            client.id,
            VISIT_DATE,
            assessments=[make_assessment(BAO)],
            map_findings=[BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, distance_cm=3)],
            parent=ParentState(temperature_c=38.9, chills=True),
        )
        practice = Practice(
            name="Harbour", settings=PracticeSettings(clogged_duct_variant=variant, mastitis_variant=variant)
        )
        plan = build_care_plan(practice, client, visit)
        by_title = {s.title: s for s in plan.sections}
        assert by_title[SECTION_CLOGGED].intro == ""
        assert by_title[SECTION_MASTITIS].intro == MASTITIS_WITH_CLOGGED_INTRO[variant]
        assert by_title[SECTION_MASTITIS].steps[0].text == MASTITIS_SAME_STEPS_SHORT
        # The suggestion keeps the full step (the consultant's editor and the letter read it by key).
        full = next(s for s in plan.suggested_steps if s.section == SECTION_MASTITIS)
        assert full.text.startswith("Keep doing every step for a clogged duct: ")
