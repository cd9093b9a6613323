"""Documents from the command line use what is on file: contacts, identifiers, insurance, paper, fax."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
from factories import make_client

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.domain.records import (
    BabyAssessment,
    BillingIdentifiers,
    CareContact,
    ContactRole,
    Insurance,
    Practice,
    PracticeSettings,
    Visit,
)
from consultapp.store.db import open_database
from consultapp.store.facade import Store


def text_of(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.fixture
def practice_db(tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "practice.db"
    db = open_database(path)
    repo = Store(db)
    repo.save_practice(Practice(
        name="Riverside Lactation", consultant_name="Jo Example", credentials="IBCLC", fax="555-0199",
        identifiers=BillingIdentifiers(practice_npi="1234567893", tax_id="12-3456789"),
        settings=PracticeSettings(paper="letter"),
    ))
    client = make_client("Fatima", "Haddad")
    client.insurance = Insurance("Blue Cross", "XJ-123")
    client = repo.save_client(client)
    assert client.id is not None and client.babies[0].id is not None
    client.contacts = [
        CareContact("Dr. Sam Lee", ContactRole.PHYSICIAN, phone="555-3"),
        CareContact("Dr. Amal Nasser", ContactRole.PAEDIATRICIAN, "Kids Clinic", fax="555-0142",
                    baby_ids=(client.babies[0].id,)),
    ]
    repo.save_client(client)
    visit = repo.save_visit(Visit(client.id, dt.date(2026, 11, 26), reason="Latch pain",
                                  assessments=[BabyAssessment(client.babies[0].id, weight_g=3000)]))
    db.close()
    return str(path), str(visit.id)


def run(*argv: str) -> int:
    cli_common.set_passphrase(None)
    return main(list(argv))


def test_letter_goes_to_the_paediatrician_on_file_on_the_practice_paper(tmp_path: Path, practice_db) -> None:  # type: ignore[no-untyped-def]
    db, visit = practice_db
    out = tmp_path / "letter.pdf"
    assert run("letter", "--db", db, "--visit", visit, "--out", str(out), "--fax-cover") == 0
    text = text_of(out)
    assert "Dr. Amal Nasser" in text and "Kids Clinic" in text and "555-0199" in text
    width, height = pypdf.PdfReader(str(out)).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (612, 792)  # Letter, from the practice's setting
    out_a4 = tmp_path / "a4.pdf"
    assert run("letter", "--db", db, "--visit", visit, "--out", str(out_a4), "--paper", "a4") == 0
    assert round(float(pypdf.PdfReader(str(out_a4)).pages[0].mediabox.upper_right[0])) == 595


def test_superbill_uses_the_identifiers_and_insurance_on_file(tmp_path: Path, practice_db) -> None:  # type: ignore[no-untyped-def]
    db, visit = practice_db
    out = tmp_path / "bill.pdf"
    assert run("superbill", "--db", db, "--visit", visit, "--out", str(out)) == 0
    text = text_of(out)
    assert "1234567893" in text and "12-3456789" in text
    assert "Blue Cross" in text and "XJ-123" in text
    out2 = tmp_path / "bill2.pdf"
    assert run("superbill", "--db", db, "--visit", visit, "--out", str(out2), "--npi", "9876543213") == 0
    assert "9876543213" in text_of(out2) and "12-3456789" in text_of(out2)


def test_the_practice_keeps_its_own_code_list_with_fees(tmp_path: Path, practice_db, capsys) -> None:  # type: ignore[no-untyped-def]
    db, visit = practice_db
    exported = tmp_path / "codes.toml"
    assert run("codes", "export", "--db", db, "--out", str(exported)) == 0
    text = exported.read_text(encoding="utf-8").replace('version = "US FY2026"', 'version = "Riverside fees 2026"')
    text = text.replace('code = "S9443"\nlabel = "Lactation class, non-physician"\nfee = 0.00',
                        'code = "S9443"\nlabel = "Lactation class, non-physician"\nfee = 95.00')
    exported.write_text(text, encoding="utf-8")
    assert run("codes", "import", str(exported), "--db", db) == 0
    broken = tmp_path / "broken.toml"
    broken.write_text('version = "x"\n[[icd10]]\ncode = "P92.5"\nlabel = "x"\napplies_to = "parent"\n',
                      encoding="utf-8")
    capsys.readouterr()
    assert run("codes", "import", str(broken), "--db", db) == 2
    assert "not a valid code list" in capsys.readouterr().err
    out = tmp_path / "bill.pdf"
    assert run("superbill", "--db", db, "--visit", visit, "--out", str(out), "--procedure", "S9443") == 0
    bill = text_of(out)
    assert "Riverside fees 2026" in bill and "$95.00" in bill


def test_codes_chosen_for_the_visit_are_the_superbills_default(tmp_path: Path, practice_db) -> None:  # type: ignore[no-untyped-def]
    import uuid

    from consultapp.domain.records import BillingLine, ServiceEntry, VisitBilling

    db_path, visit_id = practice_db
    db = open_database(db_path)
    repo = Store(db)
    visit = repo.get_visit(uuid.UUID(visit_id))
    visit.billing = VisitBilling("US FY2026", [BillingLine(None, ["O92.13"], [ServiceEntry("99403", 1, "120.00")])])
    repo.save_visit(visit)
    db.close()
    out = tmp_path / "bill.pdf"
    assert run("superbill", "--db", db_path, "--visit", visit_id, "--out", str(out)) == 0
    bill = text_of(out)
    assert "O92.13" in bill and "99403" in bill and "$120.00" in bill



def test_a_given_npi_failing_its_check_digit_is_left_off_with_a_warning(  # type: ignore[no-untyped-def]
    tmp_path: Path, practice_db, capsys
) -> None:
    db, visit = practice_db
    out = tmp_path / "bill.pdf"
    assert run("superbill", "--db", db, "--visit", visit, "--out", str(out), "--npi", "9876543210") == 0
    assert "warning: the practice NPI 9876543210 is left off the superbill" in capsys.readouterr().err
    text = text_of(out)
    assert "9876543210" not in text and "Practice NPI Not on file" in text
