"""A command that creates an encrypted database (demo, import) gives its recovery key once: printed, or
written to a new file only its owner can read (--recovery-key-file)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.store.db import open_database
from consultapp.store.facade import Store

PRINTED = re.compile(r"^Recovery key \(write it down and keep it safe; it is shown only once\): (\S+)$", re.M)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pw(tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "pass.txt"
    path.write_text("correct horse battery staple\n", encoding="utf-8")
    return ("--passphrase-file", str(path))


def opens_with(path: Path, key: str) -> int:
    db = open_database(path, create=False, passphrase=key)
    try:
        return Store(db).count_clients()
    finally:
        db.close()


def test_demo_prints_the_new_recovery_key_once_and_it_opens_the_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], pw: tuple[str, str]) -> None:
    db = tmp_path / "enc.db"
    code, out, _ = run(capsys, "demo", "--db", str(db), "--clients", "2", *pw)
    assert code == 0
    keys = PRINTED.findall(out)
    assert len(keys) == 1 and out.splitlines()[-1].startswith("Added 2 demo families with ")
    assert opens_with(db, keys[0]) == 2
    code, out, _ = run(capsys, "demo", "--db", str(db), "--clients", "1", "--seed", "2", *pw)
    assert code == 0 and "Recovery key" not in out  # not a new database: no new key, nothing shown again


def test_the_recovery_key_file_is_new_and_readable_by_its_owner_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], pw: tuple[str, str]) -> None:
    db, key_file = tmp_path / "enc.db", tmp_path / "recovery.txt"
    old = os.umask(0o022)
    try:
        code, out, _ = run(capsys, "demo", "--db", str(db), "--clients", "1", "--recovery-key-file", str(key_file), *pw)
    finally:
        os.umask(old)
    assert code == 0
    key = key_file.read_text(encoding="utf-8").strip()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key not in out and PRINTED.search(out) is None
    assert f"Recovery key written to {key_file}" in out
    assert opens_with(db, key) == 1


def test_an_existing_recovery_key_file_is_refused_before_anything_is_created(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], pw: tuple[str, str]) -> None:
    db, key_file = tmp_path / "enc.db", tmp_path / "recovery.txt"
    key_file.write_text("my notes\n", encoding="utf-8")
    code, out, err = run(capsys, "demo", "--db", str(db), "--recovery-key-file", str(key_file), *pw)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [f"consultapp: error: {key_file} already exists; "
                                        "give --recovery-key-file a new file name."]
    assert not db.exists() and key_file.read_text(encoding="utf-8") == "my notes\n"


def test_import_into_a_new_encrypted_database_gives_its_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], pw: tuple[str, str]) -> None:
    source = tmp_path / "plain.db"
    assert run(capsys, "demo", "--db", str(source), "--clients", "1")[0] == 0
    plain = open_database(source)
    client_id = Store(plain).search_clients("")[0].id
    plain.close()
    assert run(capsys, "export", "--db", str(source), "--client", str(client_id), "--out", str(tmp_path / "x"))[0] == 0
    target = tmp_path / "new.db"
    code, out, _ = run(capsys, "import", str(tmp_path / "x" / f"client-{client_id}.json"), "--db", str(target), *pw)
    assert code == 0 and out.splitlines()[-1] == f"Imported client {client_id}."
    (key,) = PRINTED.findall(out)
    assert opens_with(target, key) == 1


def test_a_plain_new_database_has_no_recovery_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key_file = tmp_path / "recovery.txt"
    code, out, _ = run(capsys, "demo", "--db", str(tmp_path / "plain.db"), "--clients", "1",
                       "--recovery-key-file", str(key_file))
    assert code == 0 and "Recovery key" not in out and not key_file.exists()
