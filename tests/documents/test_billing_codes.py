"""domain/billing.py: billing codes: the list is data with a version; O codes on the parent, P codes on the baby."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from consultapp.domain.billing import (
    BillingIdentifiers,
    CodeChoice,
    DiagnosisCode,
    Patient,
    PatientLine,
    Superbill,
    check_diagnosis,
    code_list_from_mapping,
    load_code_list,
    newest_code_list,
    parse_fee,
    patient_line,
    suggested_choices,
)
from consultapp.domain.records import Practice
from consultapp.runtime.resources import resource_path

SHIPPED = newest_code_list(resource_path("codes").glob("*.toml"))


def test_shipped_list_has_a_version_and_every_preset_of_clinical_section_9() -> None:
    assert SHIPPED.version == "US FY2026" and SHIPPED.valid_from == dt.date(2025, 10, 1)
    parent = {"Z39.1", "O91.03", "O91.13", "O91.23", "O92.03", "O92.13", "O92.3", "O92.4", "O92.5", "O92.79"}
    baby = {"P92.5", "P92.6", "R62.51", "Q38.1", "Z00.110", "Z00.111"}
    assert {d.code for d in SHIPPED.diagnoses_for(Patient.PARENT)} == parent
    assert {d.code for d in SHIPPED.diagnoses_for(Patient.BABY)} == baby
    procedures = {p.code for p in SHIPPED.procedures}
    assert {"S9443", "99401", "99404", "98960", "98962", "99341", "99345", "99347", "99350"} <= procedures
    assert "99343" not in procedures  # deleted in 2023


@pytest.mark.parametrize("code", ["O91.23", "O92.13", "O92.4"])
def test_an_o_code_on_the_baby_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match=r"chapter O code .* goes on the parent's line, not the baby's"):
        check_diagnosis(SHIPPED.diagnosis(code), Patient.BABY)
    check_diagnosis(SHIPPED.diagnosis(code), Patient.PARENT)


@pytest.mark.parametrize("code", ["P92.5", "P92.6"])
def test_a_p_code_on_the_parent_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match=r"chapter P code .* goes on the baby's line, not the parent's"):
        check_diagnosis(SHIPPED.diagnosis(code), Patient.PARENT)
    check_diagnosis(SHIPPED.diagnosis(code), Patient.BABY)


def test_the_rule_holds_for_codes_outside_the_list_and_the_list_decides_the_rest() -> None:
    with pytest.raises(ValueError, match="chapter O"):
        check_diagnosis(DiagnosisCode("O99.9", "not in the list"), Patient.BABY)
    with pytest.raises(ValueError, match="describes the baby"):
        check_diagnosis(SHIPPED.diagnosis("Q38.1"), Patient.PARENT)
    with pytest.raises(ValueError, match="describes the parent"):
        check_diagnosis(SHIPPED.diagnosis("Z39.1"), Patient.BABY)


def test_a_line_refuses_the_wrong_pairing_when_built() -> None:
    with pytest.raises(ValueError, match="chapter O"):
        patient_line(SHIPPED, Patient.BABY, "Leo", None, CodeChoice(["O91.23"]))
    with pytest.raises(ValueError, match="chapter P"):
        PatientLine(Patient.PARENT, "Ana", None, (SHIPPED.diagnosis("P92.5"),))


def test_codes_are_looked_up_in_any_case_with_or_without_the_dot() -> None:
    assert SHIPPED.diagnosis("o9123").code == "O91.23"
    with pytest.raises(ValueError, match="not in the code list US FY2026"):
        SHIPPED.diagnosis("X00.0")


def test_fees_and_totals() -> None:
    assert parse_fee("150") == Decimal("150.00") and parse_fee("$40.5") == Decimal("40.50")
    for bad in ("-1", "abc", "1.001", "nan", "inf", "1e30", "9" * 40, "100000.01"):
        with pytest.raises(ValueError):
            parse_fee(bad)
    parent = patient_line(SHIPPED, Patient.PARENT, "Ana", None,
                          CodeChoice(["Z39.1"], [("99347", Decimal("150.00")), ("99401", None)]))
    assert parent.total == Decimal("150.00")  # the shipped list's fees are 0.00 until the practice sets them
    bill = Superbill(Practice(), BillingIdentifiers(),
                     dt.date(2026, 11, 26), "12 Home", (parent,), SHIPPED.version)
    assert bill.total == Decimal("150.00")


def test_a_superbill_needs_the_parent() -> None:
    baby = patient_line(SHIPPED, Patient.BABY, "Leo", None, CodeChoice(["P92.5"]))
    with pytest.raises(ValueError, match="parent's line"):
        Superbill(Practice(), BillingIdentifiers(), dt.date(2026, 11, 26), "", (baby,), SHIPPED.version)


def test_a_code_list_is_data_and_a_bad_one_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "practice.toml"
    path.write_text(
        'version = "Practice 2027"\nvalid_from = 2026-10-01\n'
        '[[icd10]]\ncode = "Z39.1"\nlabel = "Lactation care"\napplies_to = "parent"\n'
        '[[procedures]]\ncode = "99347"\nlabel = "Home visit"\nfee = 175.00\n',
        encoding="utf-8",
    )
    codes = load_code_list(path)
    assert codes.version == "Practice 2027" and codes.procedure("99347").fee == Decimal("175.00")
    assert newest_code_list([path, resource_path("codes", "us-fy2026.toml")]).version == "Practice 2027"
    with pytest.raises(ValueError, match="chapter O code but applies_to says baby"):
        code_list_from_mapping({"version": "x", "icd10": [{"code": "O92.4", "label": "x", "applies_to": "baby"}]})
    with pytest.raises(ValueError, match="listed twice: Z391"):
        code_list_from_mapping({"version": "x", "icd10": [{"code": "Z39.1", "label": "a"},
                                                          {"code": "Z39.1", "label": "b"}]})
    with pytest.raises(ValueError, match="code list"):
        code_list_from_mapping({"icd10": []})


def test_suggested_codes_follow_the_findings() -> None:
    parent, babies = suggested_choices(location="home", new_client=True, mastitis=True, cracked_nipple=True,
                                       low_supply=False, babies=[(6, True, True), (20, False, False)])
    assert parent.diagnoses == ["Z39.1", "O91.23", "O92.13"]
    assert parent.procedures == [("99341", None)]
    assert babies[0].diagnoses == ["P92.5", "Q38.1"] and babies[1].diagnoses == ["Z00.111"]
    parent, babies = suggested_choices(location="office", new_client=False, mastitis=False, cracked_nipple=False,
                                       low_supply=True, babies=[(5, False, False), (40, False, False)])
    assert parent.diagnoses == ["Z39.1", "O92.4"] and parent.procedures == [("99403", None)]
    assert babies[0].diagnoses == ["Z00.110"] and babies[1].diagnoses == []
    # Every suggestion is a valid pairing.
    for choice, patient in [(parent, Patient.PARENT), *((b, Patient.BABY) for b in babies)]:
        patient_line(SHIPPED, patient, "x", None, choice)
