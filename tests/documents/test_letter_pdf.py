"""The physician letter: one page, from the visit's findings to the consultant's contact; a fax cover."""

from __future__ import annotations

import dataclasses

import pytest
from doc_helpers import (
    EARLIER,
    LUMP_AT_2,
    MASTITIS,
    PRACTICE,
    VISIT_DATE,
    make_client,
    make_visit,
    page_count,
    page_texts,
    pdf_text,
)

from consultapp.documents.letter import FAX_NOTICE, render_bytes
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.letters import CareContact, ContactRole, PhysicianLetter, build_physician_letter
from consultapp.domain.records import ParentState

DR_REED = CareContact("Dr Hannah Reed", ContactRole.PAEDIATRICIAN, "Quayside Paediatrics", "0117 496 0999",
                      "0117 496 0998")


def sick_day_letter(**kwargs: object) -> PhysicianLetter:
    client = make_client()
    visit = make_visit(finding=MASTITIS, map_findings=(LUMP_AT_2,), jaundice=True,
                       parent=ParentState(temperature_c=38.9, chills=True))
    plan = build_care_plan(PRACTICE, client, visit, earlier_weighings=EARLIER)
    return build_physician_letter(PRACTICE, client, visit, plan, recipient=DR_REED, date=VISIT_DATE,
                                  practice_fax="0117 496 0124", earlier_weighings=EARLIER, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def letter_text() -> str:
    return pdf_text(render_bytes(sick_day_letter(), invariant=True))


def test_letter_is_one_page() -> None:
    assert page_count(render_bytes(sick_day_letter(), invariant=True)) == 1


def test_addressed_from_the_contact_with_reason_and_regarding(letter_text: str) -> None:
    assert "Dr Hannah Reed Paediatrician, Quayside Paediatrics Phone 0117 496 0999 · Fax 0117 496 0998" in letter_text
    assert "Re: Ana Silva (date of birth 2 May 1991); Leo (date of birth 20 Nov 2026)." in letter_text
    assert "Dear Dr Hannah Reed," in letter_text
    assert ("Reason for referral Please assess: maternal fever with chills, flu-like illness or breast signs "
            "(same day); excessive weight loss from birth weight; jaundice.") in letter_text


def test_findings_scores_weights_flags_and_plan(letter_text: str) -> None:
    assert "Leo: 6 feeds/24 h; output 6 wet / 3 stools per 24 h; jaundiced" in letter_text
    assert "Parent: temperature 38.9 °C; chills." in letter_text
    assert "Lump: left breast at 2 o'clock, 3 cm from the nipple, about 2.5 cm." in letter_text
    assert "Leo: LATCH 6/10, left breast [L1 A1 T2 C1 H1] (below the further-evaluation cut-off)." in letter_text
    assert "Leo: BTAT 4/8, impaired tongue function" in letter_text
    assert ("Leo: birth weight 3400 g; today 3060 g (day 7 of life); -10.0% from birth weight; -30 g/day since "
            "23 Nov 2026 (3150 g).") in letter_text
    for flag in ("RED: maternal fever with chills, flu-like illness or breast signs (same day)",
                 "RED: excessive weight loss from birth weight", "RED: jaundice"):
        assert flag in letter_text
    assert ("Clogged duct - parent advised: frequent feeds from the affected breast, varied positions;"
            in letter_text)
    assert ("Feeding plan notes given to the parent: Offer the left breast first. Hand-express after feeds."
            in letter_text)
    assert "Follow-up visit: 3 December 2026." in letter_text


def test_signed_with_the_consultants_contact(letter_text: str) -> None:
    assert ("Yours sincerely, Maria Oliveira, IBCLC Harbour Lactation Care Phone +44 117 496 0123 · "
            "Fax 0117 496 0124 · Email maria@harbour.example") in letter_text


def test_a_given_reason_replaces_the_default() -> None:
    text = pdf_text(render_bytes(sick_day_letter(reason="Frenotomy assessment, please."), invariant=True))
    assert "Reason for referral Frenotomy assessment, please." in text
    assert "Please assess:" not in text


def test_a_very_full_visit_still_fits_one_page() -> None:
    letter = sick_day_letter()
    crowded = dataclasses.replace(letter, findings=letter.findings * 8, plan=letter.plan * 4)
    data = render_bytes(crowded, invariant=True)
    assert page_count(data) == 1
    assert "Yours sincerely" in pdf_text(data)


def test_fax_cover_sheet_comes_first() -> None:
    data = render_bytes(sick_day_letter(), invariant=True, fax_cover=True)
    cover, letter = page_texts(data)
    assert "Fax" in cover and "To Dr Hannah Reed" in cover and "0117 496 0998" in cover
    assert "Pages 2, with this cover sheet" in cover
    assert " ".join(FAX_NOTICE.split()) in cover
    # No health details on the cover: the patient is not named there.
    assert "Ana Silva" not in cover and "mastitis" not in cover.lower()
    assert "Page 1 of 2" in cover and "Page 2 of 2" in letter
    assert "Dear Dr Hannah Reed," in letter


def test_without_a_contact_the_letter_goes_to_the_familys_doctor() -> None:
    client = make_client()
    visit = make_visit()
    plan = build_care_plan(PRACTICE, client, visit)
    letter = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=VISIT_DATE)
    text = pdf_text(render_bytes(letter, invariant=True))
    assert "To the family's doctor" in text and "Dear colleague," in text


def test_letter_invariant_build_is_byte_identical() -> None:
    letter = sick_day_letter()
    first = render_bytes(letter, invariant=True, fax_cover=True)
    assert render_bytes(letter, invariant=True, fax_cover=True) == first
    assert render_bytes(dataclasses.replace(letter, reason="Other."), invariant=True, fax_cover=True) != first
