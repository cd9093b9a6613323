"""Twins everywhere (issue 18 point 8), read back from the PDFs: Anh and Bảo, each flag named on the plan, the letter
to Anh's paediatrician about Anh only, a shared paediatrician's letter about both, names printed as entered."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal

import factories
from pypdf import PdfReader

from consultapp.documents import careplan, letter, superbill
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.instruments import BtatScore
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import (
    CareContact,
    Client,
    ContactRole,
    LactationHistory,
    NippleExam,
    ParentState,
    TongueAssessment,
    Visit,
    VisitRecords,
)
from consultapp.domain.vocabulary import MaternalCondition, NippleSign, Side
from consultapp.services.codelists import shipped_code_list
from consultapp.services.superbills import CodeChoice, superbill_of

PRACTICE = factories.make_practice()
ANH, BAO = uuid.UUID(int=61), uuid.UUID(int=62)
BORN = dt.date(2026, 11, 21)
VISIT_DAY = dt.date(2026, 11, 26)  # day 6 of life
DR_ANH = CareContact("Dr Lan Pham", ContactRole.PAEDIATRICIAN, "Riverside Kids", baby_ids=(ANH,))
DR_BOTH = CareContact("Dr Omar Haddad", ContactRole.PAEDIATRICIAN, "Twin Clinic", baby_ids=(ANH, BAO))


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def twins() -> tuple[Client, Visit]:
    client = factories.make_client(
        "Thu",
        "Nguyễn",
        babies=[
            factories.make_baby("Anh", id=ANH, date_of_birth=BORN, birth_weight_g=2900),
            factories.make_baby("Bảo", id=BAO, date_of_birth=BORN, birth_weight_g=3000),
        ],
        history=LactationHistory(medications="levothyroxine", conditions=[MaternalCondition.THYROID]),
        contacts=[DR_ANH, DR_BOTH],
    )
    client.id = uuid.UUID(int=60)
    anh = factories.make_weighing(
        ANH,
        2850,
        wet_diapers=2,
        dirty_diapers=3,
        tongue=TongueAssessment(btat=BtatScore(1, 1, 0, 1)),
        jaundice=True,
        jaundice_onset_hours=30,
    )
    bao = factories.make_weighing(BAO, 2688)  # 10.4 % down
    visit = factories.make_visit(
        client,
        VISIT_DAY,
        assessments=[anh, bao],
        parent=ParentState(temperature_c=37.0),
        nipples=[NippleExam(Side.LEFT, pain_at_latch=6, signs=[NippleSign.FISSURE])],
    )
    return client, visit


def test_the_plan_names_each_babys_flags() -> None:
    client, visit = twins()
    plan = build_care_plan(PRACTICE, client, visit)
    assert {(f.baby_name, f.code.value) for f in plan.flags if f.baby_id is not None} >= {
        ("Bảo", "weight_loss_red"),
        ("Anh", "jaundice"),
        ("Anh", "output_fewer_than_6_wet_after_day_5"),
    }
    text = text_of(careplan.render_bytes(plan, invariant=True))
    assert "Bảo: Your baby has lost 10.4% of birth weight" in text
    assert "Anh: Your baby's skin or eyes look yellow" in text
    assert "Sore or damaged nipples" in text and "Ask your doctor or pharmacist" in text
    assert "Left nipple: pain 6 out of 10 at latch; a crack." in text


def test_the_letter_to_anhs_paediatrician_is_about_anh_only() -> None:
    client, visit = twins()
    plan = build_care_plan(PRACTICE, client, visit)
    doc = build_physician_letter(PRACTICE, client, visit, plan, recipient=DR_ANH, date=VISIT_DAY)
    assert not any("Bảo" in line for line in (*doc.regarding, *doc.findings, *doc.weights, *doc.flags, *doc.scores))
    assert "RED: Anh: jaundice" in doc.flags
    text = text_of(letter.render_bytes(doc, invariant=True))
    assert "Bảo" not in text and "excessive weight loss" not in text
    assert "Anh" in text and "BTAT 3/8" in text and "jaundice first seen at 30 h of life" in text
    # The mother's part goes to every letter: her nipples, her medicine with its prompt.
    assert "Left nipple: pain 6/10 at latch; fissure (crack)." in text
    assert "levothyroxine. Please check compatibility with breastfeeding, e.g. LactMed." in text


def test_a_paediatrician_of_both_twins_hears_about_both_each_named() -> None:
    client, visit = twins()
    plan = build_care_plan(PRACTICE, client, visit)
    doc = build_physician_letter(PRACTICE, client, visit, plan, recipient=DR_BOTH, date=VISIT_DAY)
    assert [r.split(" (")[0] for r in doc.regarding] == ["Thu Nguyễn", "Anh", "Bảo"]
    text = text_of(letter.render_bytes(doc, invariant=True))
    assert "RED: Bảo: excessive weight loss from birth weight (10.4%" in text
    assert "RED: Anh: jaundice" in text
    assert "Bảo: birth weight 3000 g" in text


def test_the_tongue_steps_for_anh_stay_out_of_a_letter_about_bao_alone() -> None:
    client, visit = twins()
    plan = build_care_plan(PRACTICE, client, visit)
    dr_bao = CareContact("Dr B", baby_ids=(BAO,))
    doc = build_physician_letter(PRACTICE, client, visit, plan, recipient=dr_bao, date=VISIT_DAY)
    assert not any("Anh" in line for line in (*doc.findings, *doc.flags, *doc.scores, *doc.weights))
    assert not any("tongue" in line.lower() for line in doc.plan)
    assert "RED: Bảo: excessive weight loss from birth weight" in " ".join(doc.flags)


def test_the_superbill_prints_each_babys_name_as_entered() -> None:
    client, visit = twins()
    records = VisitRecords(PRACTICE, client, visit, {})
    bill = superbill_of(
        records,
        codes=shipped_code_list(),
        identifiers=PRACTICE.identifiers,
        parent=CodeChoice(["Z39.1"], [("99347", Decimal("150.00"))]),
        babies=[CodeChoice(["P92.5"]), CodeChoice(["P92.5"])],
    )
    assert [line.name for line in bill.lines] == ["Thu Nguyễn", "Anh", "Bảo"]
    text = text_of(superbill.render_bytes(bill, invariant=True))
    assert "Anh Nguyễn" not in text and "Bảo Nguyễn" not in text
