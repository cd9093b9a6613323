"""``consultapp passphrase --rotate-key`` (issue 14, point 11): an old backup's key file stops opening the database."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.store.crypto import keyfile_for

OLD = "correct horse battery staple"
NEW = "a brand new passphrase 2026"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def secret_file(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def test_rotate_key_with_a_new_passphrase_and_the_old_key_file_no_longer_opens_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "enc.db")
    old, new = secret_file(tmp_path, "old.txt", OLD), secret_file(tmp_path, "new.txt", NEW)
    assert run(capsys, "demo", "--db", db, "--clients", "2", "--passphrase-file", old)[0] == 0
    backup_file = tmp_path / "before.cabackup"
    assert run(capsys, "backup", "--db", db, "--out", str(backup_file), "--passphrase-file", old)[0] == 0

    key_out = tmp_path / "recovery.txt"
    code, out, err = run(
        capsys,
        "passphrase",
        "--db",
        db,
        "--passphrase-file",
        old,
        "--new-passphrase-file",
        new,
        "--rotate-key",
        "--recovery-key-file",
        str(key_out),
    )
    assert (code, err) == (0, "")
    assert "new data key" in out and str(key_out) in out
    assert stat.S_IMODE(key_out.stat().st_mode) == 0o600
    recovery = key_out.read_text(encoding="utf-8").strip()

    # The attacker's way: the key file from the old backup, beside the current database, the old passphrase.
    keys = keyfile_for(Path(db))
    current_keys = keys.read_bytes()
    with zipfile.ZipFile(backup_file) as zf:
        keys.write_bytes(zf.read("keys.json"))
    code, _out, err = run(capsys, "check", "--db", db, "--passphrase-file", old)
    assert code == 2 and len(err.strip().splitlines()) == 1
    # With the current key file back, the new passphrase and the new recovery key open it; the old does not.
    keys.write_bytes(current_keys)
    assert run(capsys, "check", "--db", db, "--full", "--passphrase-file", new)[0] == 0
    assert run(capsys, "check", "--db", db, "--passphrase-file", secret_file(tmp_path, "r.txt", recovery))[0] == 0
    assert run(capsys, "check", "--db", db, "--passphrase-file", old)[0] == 2


def test_rotate_key_keeping_the_passphrase_prints_the_new_recovery_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "enc.db")
    old = secret_file(tmp_path, "old.txt", OLD)
    run(capsys, "demo", "--db", db, "--clients", "1", "--passphrase-file", old)
    code, out, _ = run(capsys, "passphrase", "--db", db, "--passphrase-file", old, "--rotate-key")
    assert code == 0 and "Recovery key" in out
    recovery = secret_file(tmp_path, "rec.txt", out.rsplit(": ", 1)[1].strip())
    assert run(capsys, "check", "--db", db, "--full", "--passphrase-file", old)[0] == 0
    assert run(capsys, "check", "--db", db, "--full", "--passphrase-file", recovery)[0] == 0


def test_passphrase_command_refusals_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "enc.db")
    old = secret_file(tmp_path, "old.txt", OLD)
    run(capsys, "demo", "--db", db, "--clients", "1", "--passphrase-file", old)
    for argv, message in (
        ((), "--new-passphrase-file"),
        (("--recovery-key-file", str(tmp_path / "k.txt")), "goes with --rotate-key"),
    ):
        code, _, err = run(capsys, "passphrase", "--db", db, "--passphrase-file", old, *argv)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    wrong = secret_file(tmp_path, "wrong.txt", "not the passphrase at all")
    code, _, err = run(capsys, "passphrase", "--db", db, "--passphrase-file", wrong, "--rotate-key")
    assert code == 2 and "does not open" in err
    assert run(capsys, "check", "--db", db, "--passphrase-file", old)[0] == 0  # nothing changed


def test_the_rotation_is_in_the_audit_trail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "enc.db")
    old = secret_file(tmp_path, "old.txt", OLD)
    run(capsys, "demo", "--db", db, "--clients", "1", "--passphrase-file", old)
    assert run(capsys, "passphrase", "--db", db, "--passphrase-file", old, "--rotate-key")[0] == 0
    code, out, _ = run(capsys, "audit", "list", "--db", db, "--passphrase-file", old, "--json")
    assert code == 0 and [e["action"] for e in json.loads(out)][-1] == "rekey"
    assert run(capsys, "audit", "verify", "--db", db, "--passphrase-file", old)[0] == 0
