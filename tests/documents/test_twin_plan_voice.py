"""The twin visit of issue 18, read back from the PDFs: each twin named in the steps about it, the mother's
expressing said once, and the physician letter's plan in a clinician's words (never "you/your")."""

from __future__ import annotations

import dataclasses
import re

import pytest
from doc_helpers import pdf_text
from visit_cases import twin_visit

from consultapp.documents import careplan, letter
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import ChosenStep, PlanEdits

YOU = re.compile(r"\byour?\b", re.IGNORECASE)


@pytest.mark.parametrize("variant", ["source_document", "abm36"])
def test_the_twin_plan_says_the_mothers_expressing_once(variant: str) -> None:
    text = pdf_text(careplan.render_bytes(twin_visit(variant)[2], invariant=True))
    assert text.count("express your milk with a pump") == 1, text
    assert "For Anh and Bao: express your milk with a pump, 8 times in 24 hours." in text
    anh = text.split("Feeding plan for Anh", 1)[1].split("Feeding plan for Bao", 1)[0]
    bao = text.split("Feeding plan for Bao", 1)[1].split("Your feeding plan", 1)[0]
    assert "For Anh and Bao: express" in anh
    # Each twin keeps its own amount, method and re-weigh.
    assert "by paced bottle (Anh upright" in anh and "We weigh Anh again within 24 hours." in anh
    assert "while Bao feeds" in bao and "We weigh Bao again within 24 hours." in bao


def test_the_twin_plan_names_the_twin_in_the_tongue_steps() -> None:
    text = pdf_text(careplan.render_bytes(twin_visit()[2], invariant=True))
    assert "Take Anh to the tongue check Anh was referred for: Paediatric ENT." in text
    assert "After Anh's tongue check, we will watch a feed again" in text


def _letter_text(variant: str, edits: PlanEdits | None = None) -> str:
    client, visit, plan = twin_visit(variant)
    if edits is not None:
        visit = dataclasses.replace(visit, plan=edits)
        plan = build_care_plan(plan.practice, client, visit)
    built = build_physician_letter(plan.practice, client, visit, plan, recipient=None, date=visit.visit_date)
    return pdf_text(letter.render_bytes(built, invariant=True))


@pytest.mark.parametrize("variant", ["source_document", "abm36"])
def test_the_letter_plan_speaks_to_the_clinician(variant: str) -> None:
    text = _letter_text(variant)
    assert not YOU.findall(text), re.findall(r".{40}\byour?\b.{20}", text, re.IGNORECASE)
    assert "Tongue - parent advised: referred for assessment of tongue function: Paediatric ENT (Anh);" in text
    cold = "brief cold packs" in text
    assert cold is (variant == "abm36")
    assert ("warm compress" in text) is (variant == "source_document")


def test_the_consultants_own_steps_reach_the_letter_in_the_third_person() -> None:
    client, visit, plan = twin_visit()
    steps = [ChosenStep(s.key, s.text) for s in plan.suggested_steps]
    steps.insert(2, ChosenStep("own-1", "Call me on Friday and tell me how your babies fed.", custom=True))
    steps.insert(3, ChosenStep("own-2", "You are doing well; rest when you can.", custom=True))
    text = _letter_text("source_document", PlanEdits(steps=steps, feeding_plan="Write down each feed of your twins."))
    assert not YOU.findall(text), re.findall(r".{40}\byour?\b.{20}", text, re.IGNORECASE)
    assert "Call me on Friday and tell me how the babies fed" in text
    assert "The parent is doing well; rest when the parent can" in text
    assert "Feeding plan notes given to the parent: Write down each feed of the parent's twins." in text
