"""Command line for trust: --passphrase-file everywhere, audit, backup/restore, export/import, erase."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.store.crypto import is_plain_sqlite


@pytest.fixture(autouse=True)
def _forget_passphrase() -> None:
    cli_common.set_passphrase(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def secret(tmp_path: Path) -> str:
    path = tmp_path / "pass.txt"
    path.write_text("correct horse battery staple\n", encoding="utf-8")
    return str(path)


def test_a_new_database_with_a_passphrase_is_encrypted_and_every_command_needs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], secret: str
) -> None:
    db = str(tmp_path / "enc.db")
    assert run(capsys, "demo", "--db", db, "--clients", "2", "--passphrase-file", secret)[0] == 0
    assert not is_plain_sqlite(Path(db))
    code, _out, err = run(capsys, "visits", "--db", db, "--json")
    assert code == 2 and "passphrase is needed" in err
    code, out, _err = run(capsys, "visits", "--db", db, "--json", "--passphrase-file", secret)
    assert code == 0 and len(json.loads(out)) >= 2
    code, out, _err = run(capsys, "audit", "verify", "--db", db, "--passphrase-file", secret)
    assert code == 0 and out.startswith("Audit chain intact:")


def test_a_plain_database_keeps_opening_without_a_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "plain.db")
    assert run(capsys, "demo", "--db", db, "--clients", "2")[0] == 0
    assert is_plain_sqlite(Path(db))
    assert run(capsys, "visits", "--db", db, "--json")[0] == 0


def test_backup_restore_export_import_erase(tmp_path: Path, capsys: pytest.CaptureFixture[str], secret: str) -> None:
    db = str(tmp_path / "enc.db")
    pw = ("--passphrase-file", secret)
    run(capsys, "demo", "--db", db, "--clients", "3", *pw)
    visits = json.loads(run(capsys, "visits", "--db", db, "--json", *pw)[1])
    client_id, name = visits[0]["client_id"], visits[0]["client_name"]
    assert run(capsys, "backup", "--db", db, "--out", str(tmp_path / "b.cabackup"), *pw)[0] == 0
    code, out, _ = run(capsys, "export", "--db", db, "--client", client_id, "--out", str(tmp_path / "exp"), *pw)
    assert code == 0 and "Exported to" in out
    code, _, err = run(capsys, "erase", "--db", db, "--client", client_id, "--confirm", "Someone Else", *pw)
    assert code == 2 and "nothing was erased" in err
    assert run(capsys, "erase", "--db", db, "--client", client_id, "--confirm", name, *pw)[0] == 0
    after = json.loads(run(capsys, "visits", "--db", db, "--json", *pw)[1])
    assert client_id not in {v["client_id"] for v in after}
    listing = run(capsys, "audit", "list", "--db", db, "--client", client_id, "--json", *pw)[1]
    assert json.loads(listing)[-1]["action"] == "erase"
    assert run(capsys, "import", str(tmp_path / "exp" / f"client-{client_id}.json"), "--db", db, *pw)[0] == 0
    assert len(json.loads(run(capsys, "visits", "--db", db, "--json", *pw)[1])) == len(visits)
    code, out, _ = run(capsys, "restore", str(tmp_path / "b.cabackup"), "--db", db, *pw)
    assert code == 0 and "kept as" in out
    assert json.loads(run(capsys, "visits", "--db", db, "--json", *pw)[1]) == visits
    truncated = tmp_path / "t.cabackup"
    truncated.write_bytes((tmp_path / "b.cabackup").read_bytes()[:1000])
    code, _, err = run(capsys, "restore", str(truncated), "--db", db, *pw)
    assert code == 2 and "not a complete ConsultApp backup" in err


def test_a_plain_backup_restored_over_an_encrypted_database_stays_encrypted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], secret: str
) -> None:
    """The review's attack (issue 14, point 4): before, the file then opened with no passphrase, in clear."""
    enc, plain = str(tmp_path / "practice" / "enc.db"), str(tmp_path / "elsewhere" / "plain.db")
    pw = ("--passphrase-file", secret)
    assert run(capsys, "demo", "--db", enc, "--clients", "1", "--seed", "1", *pw)[0] == 0
    assert run(capsys, "demo", "--db", plain, "--clients", "2", "--seed", "2")[0] == 0
    plain_visits = json.loads(run(capsys, "visits", "--db", plain, "--json")[1])
    backup_file = str(tmp_path / "usb" / "plain.cabackup")
    code, out, _ = run(capsys, "backup", "--db", plain, "--out", backup_file)
    assert code == 0 and "(not encrypted)" in out
    before = Path(enc).read_bytes()

    for argv, said in (((), "is encrypted and the backup plain.cabackup is not"),
                       (("--passphrase-file", str(tmp_path / "wrong.txt")), "does not open enc.db")):
        (tmp_path / "wrong.txt").write_text("a guess\n", encoding="utf-8")
        code, out, err = run(capsys, "restore", backup_file, "--db", enc, *argv)
        assert code == 2 and out == "" and said in err and "nothing was changed" in err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert Path(enc).read_bytes() == before

    code, out, _ = run(capsys, "restore", backup_file, "--db", enc, *pw)
    assert code == 0 and f"Restored {Path(enc).resolve()} from {backup_file}" in out and "kept as" in out
    code, _, err = run(capsys, "visits", "--db", enc, "--json")
    assert code == 2 and "passphrase is needed" in err  # it does not open without the passphrase
    assert json.loads(run(capsys, "visits", "--db", enc, "--json", *pw)[1]) == plain_visits  # all restored
    assert run(capsys, "check", "--db", enc, "--full", *pw)[0] == 0
    assert run(capsys, "demo", "--db", enc, "--clients", "1", "--seed", "3", *pw)[0] == 0  # a later save
    later = json.loads(run(capsys, "visits", "--db", enc, "--json", *pw)[1])
    names = {v["client_name"] for v in later}
    assert len(names) == 3
    folder = tmp_path / "practice"
    everything = b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())
    assert b"SQLite format 3" not in everything
    parts = {part for name in names for part in name.split() if len(part) >= 4 and part.isalpha()}
    in_clear = Path(backup_file).read_bytes()
    assert parts and any(p.encode() in in_clear for p in parts)  # (the plain backup does hold them in clear)
    for part in parts:
        assert part.encode() not in everything, part
    assert not is_plain_sqlite(Path(enc))
    if sys.platform != "win32":
        loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in folder.iterdir()
                 if stat.S_IMODE(p.stat().st_mode) != 0o600}
        assert loose == {}


def test_encrypt_then_change_passphrase(tmp_path: Path, capsys: pytest.CaptureFixture[str], secret: str) -> None:
    db = str(tmp_path / "plain.db")
    run(capsys, "demo", "--db", db, "--clients", "2")
    code, out, _ = run(capsys, "encrypt", "--db", db, "--new-passphrase-file", secret)
    assert code == 0 and "Recovery key" in out
    recovery = out.rsplit(": ", 1)[1].strip()
    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase", encoding="utf-8")
    rec = tmp_path / "rec.txt"
    rec.write_text(recovery, encoding="utf-8")
    change = ("passphrase", "--db", db, "--passphrase-file", str(rec), "--new-passphrase-file", str(new))
    assert run(capsys, *change)[0] == 0
    assert run(capsys, "check", "--db", db, "--full", "--passphrase-file", str(new))[0] == 0
    assert run(capsys, "check", "--db", db, "--passphrase-file", secret)[0] == 2


def test_an_empty_or_missing_passphrase_file_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for path, message in ((str(empty), "is empty"), (str(tmp_path / "nope.txt"), "Cannot read the passphrase file")):
        code, _, err = run(capsys, "visits", "--db", str(tmp_path / "x.db"), "--passphrase-file", path)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1


# -- files readable by nobody else (issue 14, point 9) and damaged key files (point 13) ---------------------
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes: Windows keeps profiles private")
def test_under_umask_022_everything_the_commands_write_is_0600_in_0700_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], secret: str
) -> None:
    from consultapp.runtime.logs import log_folder

    before = os.umask(0o022)
    try:
        work = tmp_path / "work"
        work.mkdir(mode=0o755)
        db = str(work / "practice" / "enc.db")
        pw = ("--passphrase-file", secret)
        assert run(capsys, "demo", "--db", db, "--clients", "2", *pw)[0] == 0
        visit = json.loads(run(capsys, "visits", "--db", db, "--json", *pw)[1])[0]
        out = work / "plans"
        out.mkdir(mode=0o755)
        plan = out / "care-plan.pdf"
        code, _, err = run(capsys, "careplan", "--db", db, "--visit", visit["id"], "--out", str(plan), *pw)
        assert code == 0, err
        plan.chmod(0o644)  # an earlier file of that name, readable by all: the new one replaces it private
        assert run(capsys, "careplan", "--db", db, "--visit", visit["id"], "--out", str(plan), *pw)[0] == 0
        assert run(capsys, "backup", "--db", db, "--out", str(work / "backups" / "b.cabackup"), *pw)[0] == 0
        export = work / "exports" / "one"
        assert run(capsys, "export", "--db", db, "--client", visit["client_id"], "--out", str(export), *pw)[0] == 0
    finally:
        os.umask(before)
    made = {p: stat.S_IMODE(p.stat().st_mode) for p in sorted(work.rglob("*"))}
    made |= {p: stat.S_IMODE(p.stat().st_mode) for p in [log_folder(), *log_folder().rglob("*")]}
    assert plan in made and log_folder() / "consultapp.log" in made and (work / "practice" / "enc.db.keys.json") in made
    assert len([p for p in made if p.suffix == ".pdf"]) >= 2  # the care plan and the export's issued one
    loose = {str(p): oct(m) for p, m in made.items() if m != (0o700 if p.is_dir() else 0o600) and p != out}
    assert loose == {}
    assert made[out] == 0o755  # (her folder, not the app's)


@pytest.mark.parametrize(
    ("name", "text"),
    [("a JSON list", "[1, 2]"), ("time_cost 0", None), ("8 GiB memory", None), ("not JSON", "{"),
     ("a string parameter", None)],
)
def test_a_damaged_key_file_is_one_clear_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], secret: str, name: str, text: str | None
) -> None:
    db = tmp_path / "enc.db"
    assert run(capsys, "demo", "--db", str(db), "--clients", "1", "--passphrase-file", secret)[0] == 0
    keys = db.with_name(db.name + ".keys.json")
    doc = json.loads(keys.read_text(encoding="utf-8"))
    field, value = {"time_cost 0": ("time_cost", 0), "8 GiB memory": ("memory_kib", 8 * 1024 * 1024),
                    "a string parameter": ("parallelism", "2")}.get(name, ("", None))
    if field:
        doc["passphrase"][field] = value
    keys.write_text(text if text is not None else json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "visits", "--db", str(db), "--json", "--passphrase-file", secret)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "The key file enc.db.keys.json is damaged" in err, err
    assert "Traceback" not in err
