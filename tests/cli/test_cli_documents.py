"""Document commands: careplan, handout, letter, superbill; issued documents listed and reprinted byte for byte."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from pathlib import Path

import pypdf
import pytest

from consultapp.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, str]]:
    db = str(tmp_path / "demo.db")
    assert run(capsys, "demo", "--db", db, "--clients", "4")[0] == 0
    visit = json.loads(run(capsys, "visits", "--db", db, "--json")[1])[0]
    return db, visit


def documents(capsys: pytest.CaptureFixture[str], db: str, client_id: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "documents", "--db", db, "--client", client_id, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_careplan_is_written_and_kept_as_issued(demo: tuple[str, dict[str, str]], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db, visit = demo
    out = tmp_path / "plan.pdf"
    code, stdout, err = run(capsys, "careplan", "--db", db, "--visit", visit["id"], "--out", str(out),
                            "--paper", "letter", "--by", "Jo Example")
    assert code == 0, err
    # The feed-often step: with its newborn minimum, or without it for an older demo baby (issue 18 point 2).
    assert "Feed your baby" in text(out) and "whenever your baby shows hunger signs" in text(out)
    assert round(float(pypdf.PdfReader(out).pages[0].mediabox.width)) == 612
    [issued] = documents(capsys, db, visit["client_id"])
    assert issued["kind"] == "careplan" and issued["visit_id"] == visit["id"] and issued["issued_by"] == "Jo Example"
    assert issued["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert str(issued["id"]) in stdout


def test_reprint_gives_the_same_bytes_not_todays_rendering(demo: tuple[str, dict[str, str]], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    db, visit = demo
    first = tmp_path / "first.pdf"
    run(capsys, "careplan", "--db", db, "--visit", visit["id"], "--out", str(first))
    [issued] = documents(capsys, db, visit["client_id"])
    again = tmp_path / "again.pdf"
    code, _, err = run(capsys, "reprint", "--db", db, "--document", str(issued["id"]), "--out", str(again))
    assert code == 0, err
    assert again.read_bytes() == first.read_bytes()
    # A new rendering differs (creation date and id), which is why the issued bytes are kept.
    second = tmp_path / "second.pdf"
    run(capsys, "careplan", "--db", db, "--visit", visit["id"], "--out", str(second))
    assert len(documents(capsys, db, visit["client_id"])) == 2


def test_handout_list_prints_slug_tab_title(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "handout", "--list")
    assert code == 0 and err == ""
    rows = [line.split("\t") for line in out.splitlines()]
    slugs = [slug for slug, _title in rows]
    expected = {"milk-production", "preventing-clogged-ducts", "mastitis", "latch-and-positions", "tongue-tie"}
    assert expected <= set(slugs)
    assert slugs == sorted(slugs)
    assert all(len(row) == 2 and row[1] for row in rows)


def test_blank_handout_is_not_a_client_record(demo: tuple[str, dict[str, str]], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db, visit = demo
    out = tmp_path / "h.pdf"
    code, stdout, err = run(capsys, "handout", "mastitis", "tongue-tie", "--db", db, "--out", str(out))
    assert code == 0, err and "issued" not in stdout
    assert "Mastitis: signs, prevention and when to call" in text(out) and "Your baby's tongue" in text(out)
    assert documents(capsys, db, visit["client_id"]) == []


def test_named_handout_carries_the_name_and_is_issued(demo: tuple[str, dict[str, str]], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db, visit = demo
    out = tmp_path / "h.pdf"
    code, _, err = run(capsys, "handout", "milk-production", "--db", db, "--client", visit["client_id"],
                       "--out", str(out))
    assert code == 0, err
    assert f"For {' '.join(visit['client_name'].split())}" in text(out)
    [issued] = documents(capsys, db, visit["client_id"])
    assert issued["kind"] == "handout" and issued["visit_id"] is None


def test_letter_with_fax_cover(demo: tuple[str, dict[str, str]], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    db, visit = demo
    out = tmp_path / "letter.pdf"
    code, _, err = run(capsys, "letter", "--db", db, "--visit", visit["id"], "--out", str(out), "--fax-cover",
                       "--to", "Dr Hannah Reed", "--to-fax", "555 0199", "--reason", "Weight check, please.")
    assert code == 0, err
    pdf = text(out)
    assert len(pypdf.PdfReader(out).pages) == 2
    assert "Dear Dr Hannah Reed," in pdf and "Reason for referral Weight check, please." in pdf and "555 0199" in pdf
    assert [d["kind"] for d in documents(capsys, db, visit["client_id"])] == ["letter"]


def test_superbill_with_chosen_codes_and_fees(demo: tuple[str, dict[str, str]], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db, visit = demo
    out = tmp_path / "bill.pdf"
    code, stdout, err = run(capsys, "superbill", "--db", db, "--visit", visit["id"], "--out", str(out),
                            "--parent-code", "Z39.1", "--parent-code", "O92.13", "--procedure", "99347=150",
                            "--baby-code", "P92.5", "--npi", "1234567893")
    assert code == 0, err
    pdf = text(out)
    assert "O92.13 Cracked nipple, lactation" in pdf and "P92.5" in pdf and "Practice NPI 1234567893" in pdf
    assert "Total charges $150.00" in pdf and "total $150.00" in stdout
    assert [d["kind"] for d in documents(capsys, db, visit["client_id"])] == ["superbill"]


def test_superbill_suggests_codes_when_none_are_given(demo: tuple[str, dict[str, str]], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db, visit = demo
    out = tmp_path / "bill.pdf"
    assert run(capsys, "superbill", "--db", db, "--visit", visit["id"], "--out", str(out))[0] == 0
    assert "Z39.1 Care of lactating mother" in text(out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["superbill", "--visit", "{visit}", "--out", "{tmp}/b.pdf", "--baby-code", "O91.23"],
         "O91.23 is an ICD-10-CM chapter O code (the parent's pregnancy and lactation): it goes on the parent's "
         "line, not the baby's."),
        (["superbill", "--visit", "{visit}", "--out", "{tmp}/b.pdf", "--parent-code", "P92.5"],
         "P92.5 is an ICD-10-CM chapter P code"),
        (["superbill", "--visit", "{visit}", "--out", "{tmp}/b.pdf", "--parent-code", "X99"],
         "X99 is not in the code list US FY2026."),
        (["superbill", "--visit", "{visit}", "--out", "{tmp}/b.pdf", "--procedure", "99347=-5"],
         "--procedure 99347=-5"),
        (["superbill", "--visit", "{visit}", "--out", "{tmp}/b.pdf", "--codes", "{tmp}/none.toml"],
         "Cannot read the code list"),
        (["handout", "nope", "--out", "{tmp}/h.pdf"], "No handout 'nope'"),
        (["handout", "--out", "{tmp}/h.pdf"], "Name at least one handout"),
        (["handout", "mastitis", "--client", str(uuid.UUID(int=5)), "--out", "{tmp}/h.pdf"], "No client"),
        (["letter", "--visit", "nope", "--out", "{tmp}/l.pdf"], "not a valid visit id"),
        (["letter", "--visit", str(uuid.UUID(int=1)), "--out", "{tmp}/l.pdf"], "No visit with id"),
        (["reprint", "--document", str(uuid.UUID(int=1)), "--out", "{tmp}/r.pdf"], "No issued document"),
        (["documents", "--client", str(uuid.UUID(int=1))], "No client"),
        (["careplan", "--visit", "{visit}", "--out", "{tmp}/no/dir/x.pdf"], "does not exist"),
    ],
)
def test_errors_are_one_line_and_exit_2(demo: tuple[str, dict[str, str]], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    db, visit = demo
    args = [a.format(tmp=tmp_path, visit=visit["id"]) for a in argv]
    code, out, err = run(capsys, *args[:1], "--db", db, *args[1:])
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("consultapp: error: ")
    assert message in err
    assert documents(capsys, db, visit["client_id"]) == []


def test_a_family_handout_follows_the_practice_wording_and_says_what_was_swapped(
    demo: tuple[str, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One voice per family (issue 18 point 3): under ABM #36 the source's mastitis handout is swapped."""
    db, visit = demo
    # The practice chooses ABM #36 in its settings file (both topics), as a group practice would.
    settings = tmp_path / "settings.toml"
    assert run(capsys, "settings", "export", str(settings), "--db", db)[0] == 0
    chosen = settings.read_text(encoding="utf-8").replace('"source_document"', '"abm36"')
    assert 'clogged_duct_variant = "abm36"' in chosen and 'mastitis_variant = "abm36"' in chosen
    settings.write_text(chosen, encoding="utf-8")
    assert run(capsys, "settings", "import", str(settings), "--db", db)[0] == 0
    out = tmp_path / "family.pdf"
    code, stdout, err = run(
        capsys, "handout", "mastitis", "tongue-tie", "--db", db, "--client", visit["client_id"], "--out", str(out)
    )
    assert code == 0, err
    assert stdout.startswith(f"Handout written to {out} (issued document ")  # the contract, as before
    assert "“Mastitis and blocked ducts: the 2022 approach” is printed in place of “Mastitis: signs, prevention" in err
    pdf = text(out)
    assert "Mastitis and blocked ducts: the 2022 approach" in pdf and "Your baby's tongue" in pdf
    assert "Mastitis: signs, prevention and when to call" not in pdf
    [issued] = documents(capsys, db, visit["client_id"])
    assert "the 2022 approach" in str(issued["title"])
    # Blank, it is printed as asked (no family's papers to keep in one voice).
    code, _, err = run(capsys, "handout", "mastitis", "--db", db, "--out", str(tmp_path / "blank.pdf"))
    assert code == 0 and err == ""
    assert "Mastitis: signs, prevention and when to call" in text(tmp_path / "blank.pdf")
