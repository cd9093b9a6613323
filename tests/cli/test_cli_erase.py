"""`consultapp erase`: its output as before, then the backups that still hold her, and --prune-backups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consultapp.cli import common as cli_common
from consultapp.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def first_client(capsys: pytest.CaptureFixture[str], db: str, *pw: str) -> tuple[str, str]:
    visits = json.loads(run(capsys, "visits", "--db", db, "--json", *pw)[1])
    return visits[0]["client_id"], visits[0]["client_name"]


@pytest.mark.parametrize("encrypted", [False, True])
def test_erase_lists_the_backups_that_hold_her_and_prunes_them_when_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], encrypted: bool) -> None:
    db = str(tmp_path / "practice.db")
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    pw = ("--passphrase-file", str(secret)) if encrypted else ()
    assert run(capsys, "demo", "--db", db, "--clients", "3", *pw)[0] == 0
    folder = tmp_path / "backups"  # the folder the app's Security settings use by default
    held = folder / "consultapp-20261130-090000.cabackup"
    assert run(capsys, "backup", "--db", db, "--out", str(held), *pw)[0] == 0
    client_id, name = first_client(capsys, db, *pw)
    code, out, _ = run(capsys, "erase", "--db", db, "--client", client_id, "--confirm", name, *pw)
    assert code == 0
    assert out.splitlines() == [
        f"Erased client {client_id}.",
        "1 backups still hold her:",
        f"  {held}",
        "Delete these files to remove her from them (erase with --prune-backups does it for you).",
    ]
    assert held.exists()
    other_id, other_name = first_client(capsys, db, *pw)
    elsewhere = tmp_path / "elsewhere"
    kept = elsewhere / "consultapp-20261201-090000.cabackup"
    assert run(capsys, "backup", "--db", db, "--out", str(kept), *pw)[0] == 0
    code, out, _ = run(capsys, "erase", "--db", db, "--client", other_id, "--confirm", other_name,
                       "--backups-folder", str(elsewhere), "--prune-backups", *pw)
    assert code == 0
    assert out.splitlines() == [f"Erased client {other_id}.", f"Deleted the backup {kept}"]
    assert not kept.exists() and held.exists()  # only the folder named was looked in


def test_erase_with_no_backup_says_what_it_always_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "plain.db")
    assert run(capsys, "demo", "--db", db, "--clients", "2")[0] == 0
    client_id, name = first_client(capsys, db)
    code, out, _ = run(capsys, "erase", "--db", db, "--client", client_id, "--confirm", name, "--prune-backups")
    assert (code, out) == (0, f"Erased client {client_id}.\n")
