"""The letter's plan in a clinician's words (issue 18 points 8-9): every suggested step has a clinical summary,
and the consultant's own words are put in the third person."""

from __future__ import annotations

import pytest

from consultapp.domain import source_steps as src
from consultapp.domain.letter_plan import STEP_CLINICAL, third_person, tongue_check_clinical
from consultapp.domain.source_steps import StepKey


@pytest.mark.parametrize(
    ("parent", "clinician"),
    [
        ("Call me on Friday.", "Call me on Friday."),
        ("Feed your baby when you can.", "Feed the baby when the parent can."),
        (
            "Your babies sleep; you're tired, so rest yourself.",
            "The babies sleep; the parent is tired, so rest themselves.",
        ),
        ("You have done well. Keep yours warm.", "The parent has done well. Keep the parent's warm."),
        ("Yousef and Youssra feed well.", "Yousef and Youssra feed well."),  # names that start like "you" stay
    ],
)
def test_third_person(parent: str, clinician: str) -> None:
    assert third_person(parent) == clinician


def test_every_suggested_step_has_a_clinical_summary() -> None:
    engine_keys = {k for k in StepKey if k not in (StepKey.MILK_SUPPLY, StepKey.TONGUE_CHECK)}
    # Prevention steps are summarised as one line ("given in writing"), not step by step.
    prevention = {s.key for s in src.PREVENTION_STEPS} | {StepKey.ABM36_FIRST_BREAST}
    missing = [k for k in engine_keys - prevention if k not in STEP_CLINICAL]
    assert not missing
    assert not any(third_person(text) != text for text in STEP_CLINICAL.values())


def test_tongue_referrals_name_the_twin_only_among_several() -> None:
    assert tongue_check_clinical({"Anh": "Paediatric ENT", "Bao": ""}, True) == (
        "referred for assessment of tongue function: Paediatric ENT (Anh)"
    )
    assert tongue_check_clinical({"Noah": "Paediatric ENT"}, False) == (
        "referred for assessment of tongue function: Paediatric ENT"
    )
    assert (
        tongue_check_clinical({"Noah": ""}, False) == "to ask the baby's physician for an assessment of tongue function"
    )
