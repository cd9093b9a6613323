"""domain/letters.py: the physician letter's content: clinical words, the reason for referral, who it is about."""

from __future__ import annotations

import datetime as dt
import uuid

import factories
from doc_helpers import BABY_ID, EARLIER, MASTITIS, PRACTICE, make_client, make_visit

from consultapp.domain.careplan import build_care_plan
from consultapp.domain.letters import CareContact, build_physician_letter, default_reason
from consultapp.domain.records import ParentState

TODAY = dt.date(2026, 11, 26)


def test_reason_names_the_red_flags_in_clinical_words() -> None:
    client, visit = make_client(), make_visit(finding=MASTITIS, parent=ParentState(temperature_c=39.0, chills=True))
    plan = build_care_plan(PRACTICE, client, visit)
    assert default_reason(visit, plan) == (
        "Please assess: maternal fever with chills, flu-like illness or breast signs (same day); "
        "excessive weight loss from birth weight."
    )


def test_without_red_flags_a_tongue_referral_is_the_reason() -> None:
    client, visit = make_client(), make_visit(weight_g=3350)
    plan = build_care_plan(PRACTICE, client, visit)
    assert default_reason(visit, plan) == "Referral for assessment of tongue function: paediatric dentist."


def test_otherwise_the_letter_is_for_information() -> None:
    client, visit = make_client(), make_visit(weight_g=3350)
    visit.assessments[0].tongue.referral = ""
    plan = build_care_plan(PRACTICE, client, visit)
    assert default_reason(visit, plan) == "For your information: lactation consultation on 26 Nov 2026."


def test_weights_give_loss_and_gain_per_day() -> None:
    client, visit = make_client(), make_visit()
    plan = build_care_plan(PRACTICE, client, visit, earlier_weighings=EARLIER)
    letter = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=TODAY,
                                    earlier_weighings=EARLIER)
    assert letter.weights == (
        "Leo: birth weight 3400 g; today 3060 g (day 7 of life); -10.0% from birth weight; "
        "-30 g/day since 23 Nov 2026 (3150 g).",
    )
    assert letter.salutation == "Dear colleague,"


def test_a_babys_doctor_hears_about_that_baby() -> None:
    client = make_client()
    twin_id = uuid.UUID(int=7)
    client.babies.append(factories.make_baby("Mia", birth_weight_g=3000, id=twin_id))
    visit = make_visit()
    visit.assessments.append(factories.make_weighing(twin_id, 2900))
    plan = build_care_plan(PRACTICE, client, visit)
    both = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=TODAY)
    assert [r.split(" (")[0] for r in both.regarding] == ["Ana Silva", "Leo", "Mia"]
    # Twins: the flags keep the baby's name, in clinical words.
    # The loss now carries its figures for the clinician: the age it was read at (issue 18 point 2).
    assert ("RED: Leo: excessive weight loss from birth weight (10.0%; on day 7 of life; time of birth not "
            "recorded)") in both.flags
    mias = build_physician_letter(PRACTICE, client, visit, plan, recipient=CareContact("Dr A", baby_ids=(twin_id,)),
                                  date=TODAY)
    assert [r.split(" (")[0] for r in mias.regarding] == ["Ana Silva", "Mia"]
    assert all(not line.startswith("Leo") for line in mias.weights)
    assert BABY_ID != twin_id
