"""Issue 18 points 2, 4 and 5 as the family and the doctor read them: the PDF text of plan and letter."""

from __future__ import annotations

import datetime as dt
import uuid

from doc_helpers import pdf_text
from factories import make_assessment, make_baby, make_client, make_practice, make_visit

from consultapp.documents import careplan as careplan_pdf
from consultapp.documents import letter as letter_pdf
from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import BreastFinding, Client, ParentState, PlanEdits, TongueAssessment, Visit
from consultapp.domain.tongue import CoryllosType
from consultapp.domain.vocabulary import BreastConcern, DeliveryMode, Side, Sign

PRACTICE = make_practice()
BABY_ID = uuid.UUID(int=2)
CLIENT_ID = uuid.UUID(int=1)
VISIT_DATE = dt.date(2026, 11, 26)
CLIENT = make_client("Amara", "Okafor", babies=[make_baby("Noah", id=BABY_ID)], id=CLIENT_ID)
SORE_LUMP = BreastFinding(BreastConcern.CLOGGED_DUCT, Side.LEFT, [Sign.PAIN, Sign.LUMP, Sign.REDNESS])


def _visit(**fields: object) -> Visit:
    assessment = fields.pop("assessment", make_assessment(BABY_ID, 3300))
    return make_visit(CLIENT_ID, VISIT_DATE, assessments=[assessment], **fields)


def plan_text(plan: CarePlan) -> str:
    return pdf_text(careplan_pdf.render_bytes(plan, invariant=True))


def letter_text(visit: Visit, plan: CarePlan) -> str:
    letter = build_physician_letter(PRACTICE, CLIENT, visit, plan, recipient=None, date=VISIT_DATE)
    return pdf_text(letter_pdf.render_bytes(letter, invariant=True))


# --- point 4: fever with breast signs is same-day, in the box and every step ---------------------------------


def test_39_4_with_breast_signs_no_chills_is_same_day_everywhere_in_the_pdf() -> None:
    visit = _visit(breast_finding=SORE_LUMP, parent=ParentState(temperature_c=39.4))
    text = plan_text(build_care_plan(PRACTICE, CLIENT, visit))
    assert "You have a temperature of 39.4 °C with signs in your breast. Call your doctor today." in text  # in °C only
    assert "Check soon" not in text
    assert "if you are not better in 24 hours" not in text
    assert "Call your doctor today. If germs (bacteria) cause the mastitis" in text  # the mastitis step


def test_mastitis_signs_below_the_fever_threshold_say_one_24_hour_call() -> None:
    finding = BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [Sign.PAIN, Sign.REDNESS])
    visit = _visit(breast_finding=finding, parent=ParentState(temperature_c=38.0))
    text = plan_text(build_care_plan(PRACTICE, CLIENT, visit))
    sentence = "Call your doctor if you are not better in 24 hours, or today if you get a fever or chills."
    assert f"Check soon: You have signs of mastitis today. {sentence}" in text
    assert text.count(sentence) == 2  # the box and the mastitis step
    assert "Call your doctor today" not in text


# --- point 5: the tongue --------------------------------------------------------------------------------------


def test_tongue_in_plain_words_on_the_plan_and_both_hazelbaker_outputs_in_the_letter() -> None:
    tongue = TongueAssessment(hazelbaker_appearance=9, hazelbaker_function=9, kotlow_mm=10,
                              coryllos=CoryllosType.II, referral="paediatric dentist")
    visit = _visit(assessment=make_assessment(BABY_ID, 3300, tongue=tongue))
    plan = build_care_plan(PRACTICE, CLIENT, visit)
    text = plan_text(plan)
    assert "Why: a tongue check shows your baby's tongue does not move freely" in text
    assert "The free part of your baby's tongue is 10 mm long. That is short (normal is more than 16 mm)." in text
    assert ("The thin band under the tongue is attached just behind the tip of the tongue (type II). "
            "This shows where it is attached, not how it affects feeding.") in text
    assert "Go to the tongue check you were referred for: paediatric dentist." in text
    assert "After the tongue check, book a visit with us soon, so we can watch a feed again." in text
    assert "frenotomy" not in text.lower() and "not impaired" not in text.lower()

    letter = letter_text(visit, plan)
    assert ("Noah: Hazelbaker appearance 9/10, function 9/14: impaired function (function below 11); "
            "frenotomy criterion not met (it needs appearance below 8 with function below 11) "
            "(Hazelbaker rule).") in letter
    assert "Noah: Coryllos type II (attached 2-4 mm behind the tip)." in letter
    assert "Noah: free tongue length 10 mm (Kotlow class II, moderate (8-11 mm))." in letter


def test_the_frenotomy_criterion_reaches_the_letter_never_the_plan() -> None:
    tongue = TongueAssessment(hazelbaker_appearance=7, hazelbaker_function=10)
    visit = _visit(assessment=make_assessment(BABY_ID, 3300, tongue=tongue),
                   plan=PlanEdits(follow_up=dt.date(2026, 12, 3)))
    plan = build_care_plan(PRACTICE, CLIENT, visit)
    assert "frenotomy" not in plan_text(plan).lower()
    assert "frenotomy criterion met (appearance below 8 with function below 11)" in letter_text(visit, plan)


# --- point 2: the baby's age and birth --------------------------------------------------------------------------


def _client(**baby: object) -> Client:
    return make_client("Amara", "Okafor", babies=[make_baby("Noah", id=BABY_ID, **baby)], id=CLIENT_ID)


def test_a_104_day_old_plan_has_no_newborn_feed_minimum() -> None:
    born = dt.date(2026, 8, 14)
    client = _client(date_of_birth=born, birth_weight_g=3400)
    visit = make_visit(CLIENT_ID, born + dt.timedelta(days=104),
                       assessments=[make_assessment(BABY_ID, 6200, feeds_per_24h=6)])
    text = pdf_text(careplan_pdf.render_bytes(build_care_plan(PRACTICE, client, visit), invariant=True))
    assert "Feeds in the last 24 hours: 6. After the first weeks, babies feed 6 to 18 times a day." in text
    assert "Feed your baby whenever your baby shows hunger signs." in text
    assert "at least 8" not in text and "fewer than 8" not in text and "schedule" not in text


def test_a_late_preterm_caesarean_baby_on_plan_and_letter() -> None:
    client = _client(date_of_birth=dt.date(2026, 11, 20), birth_time=dt.time(14, 0), birth_weight_g=3000,
                     gestational_age_days=36 * 7 + 2, delivery_mode=DeliveryMode.CAESAREAN_PLANNED)
    visit = make_visit(CLIENT_ID, dt.date(2026, 11, 22), assessments=[make_assessment(BABY_ID, 2805)])
    plan = build_care_plan(PRACTICE, client, visit)
    text = pdf_text(careplan_pdf.render_bytes(plan, invariant=True))
    assert "Your baby was born early, at 36+2 weeks." in text
    assert "After a caesarean birth, many babies lose a little more weight in the first days." in text
    assert ("Check soon: Your baby has lost 6.5% of birth weight on day 3 of life (3000 g at birth, 2805 g now). "
            "Your baby was born early, at 36+2 weeks. For a baby born early, a loss of about 3.4% a day (more "
            "than 3% a day) means we look closely at feeding.") in text
    letter = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=VISIT_DATE)
    letter_text_ = pdf_text(letter_pdf.render_bytes(letter, invariant=True))
    assert "born 36+2 weeks, caesarean, planned" in letter_text_
    assert ("AMBER: weight loss from birth weight at the amber threshold (6.5%; at 34-58 h of life, by the "
            "visit's date; caesarean birth; late-preterm 36+2 weeks; NEWT median at 48 h after caesarean birth "
            "8%)") in letter_text_
    # Term norms are not applied: the same loss at 37+0 weeks raises nothing.
    term = _client(date_of_birth=dt.date(2026, 11, 20), birth_time=dt.time(14, 0), birth_weight_g=3000,
                   gestational_age_days=37 * 7, delivery_mode=DeliveryMode.CAESAREAN_PLANNED)
    assert "Check soon" not in plan_text(build_care_plan(PRACTICE, term, visit))
