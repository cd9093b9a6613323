"""Each baby's feeding plan in the PDFs: first on the care plan ("Feeding plan for Bao"), in the letter."""

from __future__ import annotations

import datetime as dt
import uuid

from doc_helpers import PRACTICE, pdf_text
from factories import make_assessment, make_baby, make_client

from consultapp.documents import careplan as careplan_pdf
from consultapp.documents import letter as letter_pdf
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import ExpressMethod, FeedingPlan, Supplement, SupplementMethod, Visit

ANH, BAO = uuid.UUID(int=21), uuid.UUID(int=22)
CLIENT = uuid.UUID(int=20)
BORN = dt.date(2026, 11, 21)


def twins() -> tuple[object, Visit]:
    babies = [
        make_baby("Anh", id=ANH, date_of_birth=BORN, birth_weight_g=2600, birth_time=dt.time(9, 0)),
        make_baby("Bao 🌸", id=BAO, date_of_birth=BORN, birth_weight_g=2600, birth_time=dt.time(9, 0)),
    ]
    client = make_client("Linh", "Tran", babies=babies, id=CLIENT)
    visit = Visit(
        CLIENT,
        BORN + dt.timedelta(days=4),
        visit_time=dt.time(11, 0),  # 98 h
        assessments=[make_assessment(ANH, 2500), make_assessment(BAO, 2330, wet_diapers=2)],  # Bao: 10.4 %
    )
    return client, visit


def test_the_care_plan_prints_each_babys_feeding_plan_first() -> None:
    client, visit = twins()
    plan = build_care_plan(PRACTICE, client, visit)  # type: ignore[arg-type]
    text = pdf_text(careplan_pdf.render_bytes(plan))
    assert "Feeding plan for Bao 🌸" in text and "Feeding plan for Anh" not in text  # Anh feeds well
    start = text.index("Feeding plan for Bao 🌸")
    assert start < text.index("What we saw today")
    block = text[start : text.index("What we saw today")]
    assert "Why: Bao 🌸 has lost 10.4% of birth weight and has fewer wet or dirty diapers than expected." in block
    assert "30 to 60 mL of your own expressed milk" in block and "98 hours old" in block
    assert "Express your milk with a pump, 8 times in 24 hours" in block
    assert "Never give water or sugar water." in block and "Wake Bao 🌸 to feed if 3 hours pass." in block
    assert "We weigh Bao 🌸 again within 24 hours." in block
    for internal in ("CLINICAL", "ABM", "Kellams", "section 10"):
        assert internal not in block


def test_her_plan_prints_and_the_letter_carries_it() -> None:
    client, visit = twins()
    visit.assessments[1].feeding_plan = FeedingPlan(
        Supplement.FORMULA,
        20,
        40,
        8,
        SupplementMethod.PACED_BOTTLE,
        ExpressMethod.PUMP,
        8,
        15,
        reweigh_within_hours=48,
        notes="Call me on Friday & <b>bring</b> the log",
    )
    plan = build_care_plan(PRACTICE, client, visit)  # type: ignore[arg-type]
    text = pdf_text(careplan_pdf.render_bytes(plan))
    assert "give 20 to 40 mL of formula by paced bottle (Bao 🌸 upright, bottle flat, slow teat, pause often)" in text
    assert "Call me on Friday & <b>bring</b> the log" in text
    letter = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=visit.visit_date)  # type: ignore[arg-type]
    letter_text = pdf_text(letter_pdf.render_bytes(letter))
    assert "Feeding plan, Bao 🌸: formula 20-40 mL per feed x 8/24 h by paced bottle (age 98 h)" in letter_text
    assert "expressing pump 8/24 h, 15 min; re-weigh within 48 h" in letter_text
    assert "indication: weight loss 10.4%" in letter_text
    assert "Feeding plan, Anh" not in letter_text
