"""Encryption at rest, passphrases and recovery keys, backups and restore (issue: trust)."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from factories import make_client, make_named_client

from consultapp.store.backup import BackupError, backup_name, backups_in, read_backup, rotate
from consultapp.store.crypto import FAST_KDF_FOR_TESTS, is_plain_sqlite, keyfile_for
from consultapp.store.db import Database, open_database
from consultapp.store.errors import PassphraseRequired, WrongPassphrase
from consultapp.store.facade import Store
from consultapp.store.maintenance import (
    auto_backup,
    backup,
    change_passphrase,
    encrypt_plain_database,
    integrity_problems,
    new_recovery_key,
    restore,
)

SECRET_NAME = "Zyxwvutsrq"  # a name that occurs nowhere else in a database file


@contextmanager
def opened(target: Path, **options: Any) -> Iterator[Database]:
    """The database open for the block and closed after it, whatever happens inside."""
    db = open_database(target, **options)
    try:
        yield db
    finally:
        db.close()


def _files_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def _names(db_path: Path, passphrase: str | None) -> list[str]:
    db = open_database(db_path, create=False, passphrase=passphrase)
    try:
        return sorted(c.full_name for c in Store(db).search_clients(""))
    finally:
        db.close()


def make_encrypted(path: Path, *names: str) -> str:
    with opened(path, passphrase="correct horse battery", kdf=FAST_KDF_FOR_TESTS) as db:
        assert db.encrypted and db.recovery_key
        repo = Store(db)
        for name in names:
            repo.save_client(make_client(name, "Okafor", baby=f"{name} baby"))
        recovery = db.recovery_key
    return recovery


def test_the_raw_file_and_its_backups_hold_no_name_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    make_encrypted(path, SECRET_NAME, "Nguyễn")
    with opened(path, passphrase="correct horse battery") as db:
        backup(db, tmp_path / "backups" / "b.cabackup")
    everything = _files_bytes(tmp_path)
    for needle in (SECRET_NAME, "Nguyễn", "Okafor", f"{SECRET_NAME} baby"):
        assert needle.encode() not in everything, needle
    assert not is_plain_sqlite(path)


def test_a_passphrase_is_needed_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    recovery = make_encrypted(path, SECRET_NAME)
    with pytest.raises(PassphraseRequired):
        open_database(path)
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase="Correct horse battery")
    assert _names(path, "correct horse battery") == [f"{SECRET_NAME} Okafor"]
    assert _names(path, recovery.lower().replace("-", " ")) == [f"{SECRET_NAME} Okafor"]  # typed loosely


def test_change_passphrase_and_recovery_key(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    recovery = make_encrypted(path, SECRET_NAME)
    before = path.read_bytes()
    change_passphrase(path, "correct horse battery", "new passphrase 2", FAST_KDF_FOR_TESTS)
    assert path.read_bytes() == before  # only the key file changes
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase="correct horse battery")
    assert _names(path, "new passphrase 2") == [f"{SECRET_NAME} Okafor"]
    change_passphrase(path, recovery, "after forgetting", FAST_KDF_FOR_TESTS)  # forgot it: recovery key
    assert _names(path, "after forgetting") == [f"{SECRET_NAME} Okafor"]
    fresh = new_recovery_key(path, "after forgetting", FAST_KDF_FOR_TESTS)
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase=recovery)
    assert _names(path, fresh) == [f"{SECRET_NAME} Okafor"]


def test_a_plain_database_stays_plain_and_opens_without_a_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with opened(path) as db:
        Store(db).save_client(make_client(SECRET_NAME))
    assert is_plain_sqlite(path) and not keyfile_for(path).exists()
    assert _names(path, None) == [f"{SECRET_NAME} Okafor"]
    assert _names(path, "any passphrase") == [f"{SECRET_NAME} Okafor"]  # a plain file ignores it


def test_converting_a_plain_database_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with opened(path) as db:
        repo = Store(db)
        for i in range(25):
            repo.save_client(make_client(f"{SECRET_NAME}{i}"))
    recovery = encrypt_plain_database(path, "now secret", FAST_KDF_FOR_TESTS)
    assert not is_plain_sqlite(path)
    assert SECRET_NAME.encode() not in _files_bytes(tmp_path)
    assert len(_names(path, "now secret")) == 25
    assert len(_names(path, recovery)) == 25


def test_backup_then_restore_round_trips_exactly(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    make_encrypted(path, SECRET_NAME, "Amara")
    with opened(path, passphrase="correct horse battery") as db:
        info = backup(db, tmp_path / "b.cabackup")
        Store(db).save_client(make_named_client("Added", "After backup"))
    assert info.encrypted and read_backup(info.path).sha256 == info.sha256
    aside = restore(info.path, path, "correct horse battery")
    assert _names(path, "correct horse battery") == ["Amara Okafor", f"{SECRET_NAME} Okafor"]
    assert "Added After backup" in _names(aside, "correct horse battery")  # the replaced one is kept aside
    with opened(path, passphrase="correct horse battery") as db:
        assert integrity_problems(db, full=True) == []


def test_a_truncated_or_foreign_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    make_encrypted(path, SECRET_NAME)
    with opened(path, passphrase="correct horse battery") as db:
        info = backup(db, tmp_path / "b.cabackup")
    data = info.path.read_bytes()
    truncated = tmp_path / "truncated.cabackup"
    truncated.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(BackupError, match="not a complete ConsultApp backup"):
        restore(truncated, path, "correct horse battery")
    foreign = tmp_path / "foreign.cabackup"
    with zipfile.ZipFile(foreign, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(BackupError, match="not a ConsultApp backup"):
        restore(foreign, path, "correct horse battery")
    with pytest.raises(WrongPassphrase):
        restore(info.path, path, "wrong")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "before-restore" in p.name] == []


def test_daily_backups_rotate_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    make_encrypted(path, SECRET_NAME)
    folder = tmp_path / "backups"
    with opened(path, passphrase="correct horse battery") as db:
        start = dt.datetime(2026, 9, 1, 9, 0)
        for day in range(60):
            now = start + dt.timedelta(days=day)
            assert auto_backup(db, folder, now) is not None
            assert auto_backup(db, folder, now + dt.timedelta(hours=3)) is None  # once a day
    kept = backups_in(folder)
    assert len(kept) <= 7 + 4
    newest = [backup_name(start + dt.timedelta(days=d)) for d in range(53, 60)]
    assert {p.name for p in kept} >= set(newest)
    assert rotate(folder) == []
    assert all(os.path.getsize(p) > 0 for p in kept)


def test_search_still_finds_everyone_after_encrypting(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with opened(path) as db:
        repo = Store(db)
        for i in range(30):
            repo.save_client(make_client(f"Amara{i:02d}", f"Nguyễn{i:02d}"))
        repo.save_client(make_client("Zoë", "O'Brien-Šimić"))
    encrypt_plain_database(path, "now secret", FAST_KDF_FOR_TESTS)
    db = open_database(path, passphrase="now secret")
    try:
        repo = Store(db)
        assert [c.full_name for c in repo.search_clients("obrien")] == ["Zoë O'Brien-Šimić"]
        assert [c.full_name for c in repo.search_clients("nguyen07")] == ["Amara07 Nguyễn07"]
        assert len(repo.search_clients("amara")) == 30
    finally:
        db.close()


def test_a_damaged_database_is_never_written_over(tmp_path: Path) -> None:
    from consultapp.store.errors import DamagedDatabase

    path = tmp_path / "practice.db"
    make_encrypted(path, SECRET_NAME)
    db = open_database(path, passphrase="correct horse battery")
    try:
        before = path.read_bytes()
        db.mark_damaged()  # what the app does when the check on open finds problems
        repo = Store(db)
        assert [c.full_name for c in repo.search_clients("")] == [f"{SECRET_NAME} Okafor"]  # reads still work
        with pytest.raises(DamagedDatabase, match="nothing is written"):
            repo.save_client(make_client("New", "Client"))
        assert [c.full_name for c in repo.search_clients("")] == [f"{SECRET_NAME} Okafor"]
    finally:
        db.close()
    assert path.read_bytes() == before


def test_integrity_check_finds_a_corrupted_page(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with opened(path) as db:
        repo = Store(db)
        for i in range(200):
            repo.save_client(make_client(f"Name{i}", "Family"))
    from consultapp.store.maintenance import checkpoint

    with opened(path) as db:
        checkpoint(db)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, page * 3 + 200):  # scribble over an index page
        data[offset] = 0xFF
    path.write_bytes(bytes(data))
    db = open_database(path, run_migrations=False)
    try:
        assert integrity_problems(db, full=True) != []
    finally:
        db.close()
