"""The superbill: identifiers, parent and baby on separate lines, codes from the list, fees and the total."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from doc_helpers import PRACTICE, VISIT_DATE, page_count, pdf_text

from consultapp.documents.superbill import NOT_ON_FILE, money, render_bytes
from consultapp.domain.billing import (
    BillingIdentifiers,
    CodeChoice,
    Patient,
    Superbill,
    patient_line,
    place_of_service,
)
from consultapp.services.codelists import shipped_code_list

CODES = shipped_code_list()


def make_bill(**kwargs: object) -> Superbill:
    parent = patient_line(CODES, Patient.PARENT, "Ana Silva", dt.date(1991, 5, 2),
                          CodeChoice(["Z39.1", "O91.23"], [("99347", Decimal("150.00"))]))
    baby = patient_line(CODES, Patient.BABY, "Leo Silva", dt.date(2026, 11, 20),
                        CodeChoice(["P92.5", "Q38.1"], [("99401", Decimal("40.50"))]), sex="Male")
    values: dict[str, object] = dict(
        practice=PRACTICE,
        identifiers=BillingIdentifiers(practice_npi="1234567893", tax_id="12-3456789", consultant_npi="1093817462"),
        date_of_service=VISIT_DATE,
        place_of_service=place_of_service("home"),
        lines=(parent, baby),
        code_list_version=CODES.version,
        client_address="12 Mill Lane, Sampletown",
        client_phone="555 010 2030",
        insurance="Blue Example PPO, member 88-123",
    )
    values.update(kwargs)
    return Superbill(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def bill_text() -> str:
    return pdf_text(render_bytes(make_bill(), invariant=True))


def test_practice_and_consultant_identifiers(bill_text: str) -> None:
    assert "Superbill" in bill_text
    assert "Practice NPI 1234567893" in bill_text
    assert "Tax ID (EIN) 12-3456789" in bill_text
    assert "Consultant NPI 1093817462" in bill_text
    assert f"Taxonomy {NOT_ON_FILE}" in bill_text  # missing identifiers are said to be missing, not left blank
    assert "Rendering Maria Oliveira, IBCLC" in bill_text
    assert "Date of service 26 November 2026" in bill_text
    assert "26 November 2026, place of service 12 Home" in bill_text


def test_parent_and_baby_are_separate_lines_with_their_codes(bill_text: str) -> None:
    parent_at = bill_text.index("Parent: Ana Silva")
    baby_at = bill_text.index("Baby: Leo Silva")
    assert parent_at < baby_at
    parent, baby = bill_text[parent_at:baby_at], bill_text[baby_at:]
    assert "Z39.1 Care of lactating mother" in parent and "O91.23 Nonpurulent mastitis, lactation" in parent
    assert "99347 Home visit, established patient (level 1) 1 $150.00 $150.00" in parent
    assert "Insurance: Blue Example PPO, member 88-123" in parent
    assert "P92.5 Neonatal difficulty feeding at breast" in baby and "Q38.1" in baby
    assert "99401 Preventive counselling, about 15 min 1 $40.50 $40.50" in baby
    assert "Sex: Male" in baby
    assert "P92.5" not in parent and "O91.23" not in baby


def test_subtotals_and_total(bill_text: str) -> None:
    assert "Subtotal, parent $150.00" in bill_text
    assert "Subtotal, baby $40.50" in bill_text
    assert "Total charges $190.50" in bill_text
    assert make_bill().total == Decimal("190.50")
    assert money(Decimal("1234.5")) == "$1,234.50"


def test_the_code_list_version_is_printed(bill_text: str) -> None:
    assert f"({CODES.version} code list)" in bill_text


def test_one_page_for_twins() -> None:
    twin = patient_line(CODES, Patient.BABY, "Mia Silva", dt.date(2026, 11, 20), CodeChoice(["P92.5"]))
    bill = make_bill()
    data = render_bytes(dataclasses.replace(bill, lines=(*bill.lines, twin)), invariant=True)
    assert page_count(data) == 1
    assert "Baby: Mia Silva" in pdf_text(data)


def test_superbill_invariant_build_is_byte_identical() -> None:
    bill = make_bill()
    first = render_bytes(bill, invariant=True)
    assert render_bytes(bill, invariant=True) == first
    assert render_bytes(dataclasses.replace(bill, insurance="Other"), invariant=True) != first


def test_an_npi_failing_its_check_digit_is_never_printed() -> None:
    ids = BillingIdentifiers(practice_npi="1234567890", consultant_npi="1093817465")  # last digits wrong
    text = pdf_text(render_bytes(make_bill(identifiers=ids), invariant=True))
    assert "1234567890" not in text and "1093817465" not in text
    assert f"Practice NPI {NOT_ON_FILE}" in text and f"Consultant NPI {NOT_ON_FILE}" in text
