"""The tongue on the plan and in the letter: Hazelbaker's two outputs, Kotlow and Coryllos in plain words,
a follow-up after a referral (issue 18 point 5; CLINICAL.md sections 2 and 14)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from factories import make_assessment, make_baby, make_client, make_visit

from consultapp.domain.careplan import SECTION_TONGUE, CarePlan, build_care_plan
from consultapp.domain.careplan.findings import tongue_lines
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import BabyAssessment, PlanEdits, Practice, PracticeSettings, TongueAssessment
from consultapp.domain.risk import RiskFactor
from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds, HazelbakerRule
from consultapp.domain.tongue import CoryllosType

BABY_ID = uuid.UUID(int=2)
VISIT_DATE = dt.date(2026, 11, 26)


def tongue_assessment(**tongue: object) -> BabyAssessment:
    return make_assessment(BABY_ID, 3300, tongue=TongueAssessment(**tongue))  # type: ignore[arg-type]


def plan_and_letter(a: BabyAssessment, *, rule: HazelbakerRule = HazelbakerRule.HAZELBAKER,
                    plan: PlanEdits | None = None) -> tuple[CarePlan, list[str]]:
    client = make_client("Amara", "Okafor", babies=[make_baby("Noah", id=BABY_ID)], id=uuid.UUID(int=1))
    visit = make_visit(uuid.UUID(int=1), VISIT_DATE, assessments=[a], plan=plan or PlanEdits())
    settings = PracticeSettings(thresholds=ClinicalThresholds(hazelbaker_rule=rule))
    practice = Practice(name="Riverside", settings=settings)
    care_plan = build_care_plan(practice, client, visit)
    letter = build_physician_letter(practice, client, visit, care_plan, recipient=None, date=VISIT_DATE)
    return care_plan, list(letter.scores)


def parent_text(plan: CarePlan) -> str:
    return " ".join([*(line for b in plan.babies for line in b.lines), *(s.text for s in plan.steps),
                     *(s.reason for s in plan.steps), *plan.call_doctor])


@pytest.mark.parametrize(
    ("appearance", "function", "impaired", "frenotomy"),
    [(9, 9, True, False), (9, 10, True, False), (9, 11, False, False), (7, 10, True, True), (8, 10, True, False),
     (7, 11, False, False)],
)
def test_hazelbaker_outputs_on_plan_and_letter(appearance: int, function: int, impaired: bool, frenotomy: bool) -> None:
    plan, letter = plan_and_letter(tongue_assessment(hazelbaker_appearance=appearance, hazelbaker_function=function))
    # The parent's plan: impaired function gives the tongue steps; no frenotomy wording ever.
    assert (SECTION_TONGUE in [s.title for s in plan.sections]) is impaired
    assert (RiskFactor.TONGUE_TIE in {r.factor for r in plan.risk_factors}) is impaired
    assert ("tongue does not move freely" in parent_text(plan)) is impaired
    # Only the referral and its steps: neither output by name, no frenotomy wording (CLINICAL.md 14, 18).
    assert "hazelbaker" not in parent_text(plan).lower()
    assert "frenotomy" not in parent_text(plan).lower()
    assert "not impaired" not in parent_text(plan).lower()
    # The letter: both outputs, apart.
    line = next(x for x in letter if "Hazelbaker" in x)
    assert line.startswith(f"Noah: Hazelbaker appearance {appearance}/10, function {function}/14: ")
    assert ("impaired function (function below 11)" in line) is impaired
    assert ("function not impaired" in line) is not impaired
    assert ("frenotomy criterion met" in line) is frenotomy
    assert ("frenotomy criterion not met" in line) is not frenotomy


def test_the_ballard_rule_names_itself_in_the_letter() -> None:
    _, letter = plan_and_letter(tongue_assessment(hazelbaker_appearance=8, hazelbaker_function=12),
                                rule=HazelbakerRule.BALLARD)
    line = next(x for x in letter if "Hazelbaker" in x)
    assert "ankyloglossia indicated" in line and "Ballard 2002 rule" in line


@pytest.mark.parametrize(
    ("mm", "words"),
    [
        (17, "That is a normal length (more than 16 mm)."),
        (16, "That is a little short"),
        (12, "That is a little short"),
        (11, "That is short (normal"),
        (8, "That is short (normal"),
        (7, "That is very short"),
        (3, "That is very short"),
        (2.5, "held down almost to its tip"),
    ],
)
def test_kotlow_in_plain_words_on_the_plan(mm: float, words: str) -> None:
    lines = tongue_lines(tongue_assessment(kotlow_mm=mm), DEFAULT_THRESHOLDS)
    line = next(x for x in lines if "free part of your baby's tongue" in x)
    assert line.startswith(f"The free part of your baby's tongue is {mm:g} mm long. ")
    assert words in line
    assert "Kotlow" not in line  # a name means nothing to a parent


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (CoryllosType.I, "at the tip of the tongue (type I)"),
        (CoryllosType.II, "just behind the tip of the tongue (type II)"),
        (CoryllosType.III, "in the middle of the tongue (type III)"),
        (CoryllosType.IV, "deep at the base of the tongue (type IV)"),
    ],
)
def test_coryllos_in_plain_words_says_where_not_how_severe(kind: CoryllosType, words: str) -> None:
    lines = tongue_lines(tongue_assessment(coryllos=kind), DEFAULT_THRESHOLDS)
    line = next(x for x in lines if "band under the tongue" in x)
    assert words in line
    assert "not how it affects feeding" in line


def test_kotlow_and_coryllos_reach_the_letter_clinically() -> None:
    _, letter = plan_and_letter(tongue_assessment(kotlow_mm=10, coryllos=CoryllosType.III))
    assert "Noah: Coryllos type III (attached at mid-tongue)." in letter
    assert "Noah: free tongue length 10 mm (Kotlow class II, moderate (8-11 mm))." in letter


def test_a_referral_gives_the_tongue_steps_and_a_follow_up_even_with_normal_scores() -> None:
    plan, _ = plan_and_letter(tongue_assessment(referral="paediatric dentist"))
    keys = [s.key for s in plan.steps if s.section == SECTION_TONGUE]
    assert keys == ["tongue_check", "tongue_empty_breast", "tongue_follow_up"]
    follow = next(s for s in plan.steps if s.key == "tongue_follow_up")
    assert follow.text == "After the tongue check, book a visit with us soon, so we can watch a feed again."
    assert "paediatric dentist" in next(s for s in plan.steps if s.key == "tongue_check").text


def test_the_follow_up_names_the_date_when_one_is_set() -> None:
    edits = PlanEdits(follow_up=dt.date(2026, 12, 3))
    plan, _ = plan_and_letter(tongue_assessment(referral="ENT", hazelbaker_appearance=9, hazelbaker_function=9),
                              plan=edits)
    follow = next(s for s in plan.steps if s.key == "tongue_follow_up")
    assert follow.text == "After the tongue check, we will watch a feed again at your next visit on 3 December."


def test_no_referral_no_follow_up_step() -> None:
    plan, _ = plan_and_letter(tongue_assessment(hazelbaker_appearance=9, hazelbaker_function=9))
    assert "tongue_follow_up" not in [s.key for s in plan.steps]
    assert "tongue_check" in [s.key for s in plan.steps]
