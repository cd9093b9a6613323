"""The command line is a public contract: commands, flags, JSON shape, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import uuid
from pathlib import Path

import pypdf
import pytest

from consultapp import __version__
from consultapp.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_via_python_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "consultapp", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"consultapp {__version__}"


def test_demo_then_visits_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.db")
    code, out, _ = run(capsys, "demo", "--db", db, "--clients", "6")
    assert code == 0 and "6 demo families" in out
    code, out, err = run(capsys, "visits", "--db", db, "--json")
    assert code == 0 and err == ""
    visits = json.loads(out)
    assert len(visits) >= 6
    assert set(visits[0]) >= {"id", "client_name", "date"}
    dates = [v["date"] for v in visits]
    assert dates == sorted(dates, reverse=True)
    uuid.UUID(visits[0]["id"])


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listings = []
    for name in ("a.db", "b.db"):
        db = str(tmp_path / name)
        run(capsys, "demo", "--db", db, "--clients", "4", "--seed", "7")
        listings.append(json.loads(run(capsys, "visits", "--db", db, "--json")[1]))
    assert listings[0] == listings[1]


def test_careplan_writes_the_visit_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.db")
    run(capsys, "demo", "--db", db, "--clients", "3")
    visit = json.loads(run(capsys, "visits", "--db", db, "--json")[1])[0]
    out_pdf = tmp_path / "plan.pdf"
    code, out, err = run(capsys, "careplan", "--db", db, "--visit", visit["id"], "--out", str(out_pdf))
    assert code == 0, err
    reader = pypdf.PdfReader(io.BytesIO(out_pdf.read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert " ".join(visit["client_name"].split()) in text
    # The feed-often step, worded for the demo baby's age (dated around today, so her age varies).
    assert "Feed your baby" in text and "whenever your baby shows hunger signs" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["visits", "--db", "{tmp}/missing.db"], "No database at"),
        (["visits", "--db", "mysql://x@y/z"], "Unsupported database"),
        (["visits", "--db", "{tmp}/garbage.db"], "not a ConsultApp database"),
        (["careplan", "--db", "{tmp}/ok.db", "--visit", "nope", "--out", "{tmp}/x.pdf"], "not a valid visit id"),
        (["careplan", "--db", "{tmp}/ok.db", "--visit", str(uuid.UUID(int=1)), "--out", "{tmp}/x.pdf"],
         "No visit with id"),
        (["careplan", "--db", "{tmp}/ok.db", "--visit", str(uuid.UUID(int=1)), "--out", "{tmp}/no/dir/x.pdf"],
         "does not exist"),
    ],
)
def test_errors_are_one_line_on_stderr_and_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    (tmp_path / "garbage.db").write_bytes(b"this is not sqlite" * 100)
    run(capsys, "demo", "--db", str(tmp_path / "ok.db"), "--clients", "0")
    code, out, err = run(capsys, *(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert not (tmp_path / "missing.db").exists()


def test_demo_twice_with_the_same_seed_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.db")
    assert run(capsys, "demo", "--db", db, "--clients", "2")[0] == 0
    code, _out, err = run(capsys, "demo", "--db", db, "--clients", "2")
    assert code == 2 and "use another --seed" in err
    assert run(capsys, "demo", "--db", db, "--clients", "2", "--seed", "2")[0] == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:notaport/test", "Not a valid database URL"),
        ("postgresql+psycopg://postgres@127.0.0.1:1/test", "cannot be reached"),
    ],
)
def test_server_problems_are_one_clear_line(capsys: pytest.CaptureFixture[str], url: str, message: str) -> None:
    code, _out, err = run(capsys, "visits", "--db", url)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_command_names_match_the_parser() -> None:
    """The app starts without building the commands; the list it checks against must stay complete."""
    from consultapp.cli import COMMAND_NAMES, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == COMMAND_NAMES  # type: ignore[attr-defined]


def test_an_unknown_word_is_still_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
