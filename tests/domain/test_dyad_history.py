"""The mother's history counts (CLINICAL.md section 17): medicines are prompts, never verdicts or doses;
conditions, breast surgery and milk coming in late raise the low-supply risk in plan and letter."""

from __future__ import annotations

import re
import uuid

import factories

from consultapp.domain.careplan import build_care_plan
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import Client, LactationHistory
from consultapp.domain.vocabulary import DeliveryMode, MaternalCondition

PRACTICE = factories.make_practice()
BABY = uuid.UUID(int=51)


def _client(history: LactationHistory, **baby: object) -> Client:
    client = factories.make_client(babies=[factories.make_baby("Anh", id=BABY, **baby)], history=history)
    client.id = uuid.UUID(int=2)
    return client


def _plan_and_letter(client: Client) -> tuple[object, object]:
    visit = factories.make_visit(client, weight_g=3350)
    plan = build_care_plan(PRACTICE, client, visit)
    letter = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=factories.VISIT_DATE)
    return plan, letter


def test_medicines_ask_the_doctor_or_pharmacist_and_the_letter_asks_to_check_compatibility() -> None:
    plan, letter = _plan_and_letter(_client(LactationHistory(medications="sertraline 50 mg; fenugreek")))
    [step] = [s for s in plan.steps if s.key == "history_medicines"]  # type: ignore[attr-defined]
    assert "Ask your doctor or pharmacist" in step.text
    assert "sertraline 50 mg; fenugreek" in step.reason
    assert (
        "Maternal medications, herbs, supplements: sertraline 50 mg; fenugreek. Please check compatibility "
        "with breastfeeding, e.g. LactMed."
    ) in letter.findings  # type: ignore[attr-defined]
    # No verdict and no dose of our own: only what she typed is repeated.
    words = " ".join(s.text for s in plan.steps)  # type: ignore[attr-defined]
    assert not re.search(r"\b(safe|compatible|unsafe|\d+\s*mg)\b", words, re.IGNORECASE)


def test_no_history_no_history_steps() -> None:
    plan, letter = _plan_and_letter(_client(LactationHistory()))
    assert not [s for s in plan.steps if s.key.startswith("history_")]  # type: ignore[attr-defined]
    assert not [f for f in letter.findings if "Maternal" in f]  # type: ignore[attr-defined]


def test_conditions_and_breast_surgery_mean_closer_weight_checks_and_a_low_supply_line_in_the_letter() -> None:
    history = LactationHistory(
        breast_surgery="reduction 2015", conditions=[MaternalCondition.PCOS, MaternalCondition.THYROID]
    )
    plan, letter = _plan_and_letter(_client(history))
    [step] = [s for s in plan.steps if s.key == "history_low_supply"]  # type: ignore[attr-defined]
    assert "check your baby's weight more often" in step.text
    assert "polycystic ovary syndrome (PCOS)" in step.reason and "breast surgery" in step.reason
    assert (
        "Maternal history: PCOS: possible low supply; thyroid disease: possible low supply; breast surgery "
        "(reduction 2015): possible low supply."
    ) in letter.findings  # type: ignore[attr-defined]


def test_diabetes_is_a_risk_of_delayed_onset() -> None:
    _plan, letter = _plan_and_letter(_client(LactationHistory(conditions=[MaternalCondition.DIABETES])))
    assert "Maternal history: diabetes: risk of delayed onset of lactogenesis II." in letter.findings  # type: ignore[attr-defined]


def test_delayed_milk_is_flagged_in_the_letter_with_its_risk_factors() -> None:
    history = LactationHistory(conditions=[MaternalCondition.DELAYED_LACTOGENESIS])
    plan, letter = _plan_and_letter(_client(history, delivery_mode=DeliveryMode.CAESAREAN_UNPLANNED))
    [step] = [s for s in plan.steps if s.key == "history_low_supply"]  # type: ignore[attr-defined]
    assert "your milk came in late" in step.reason and "expressing milk" in step.text
    assert any(
        f.startswith("AMBER: delayed lactogenesis II (more than 72 h)") and "caesarean birth" in f for f in letter.flags
    )  # type: ignore[attr-defined]


def test_suspected_retained_placenta_says_heavy_bleeding_call_now() -> None:
    plan, letter = _plan_and_letter(_client(LactationHistory(conditions=[MaternalCondition.RETAINED_PLACENTA])))
    assert any("heavy bleeding" in line and "now" in line for line in plan.call_doctor)  # type: ignore[attr-defined]
    assert any("complete placental expulsion" in f for f in letter.findings)  # type: ignore[attr-defined]
