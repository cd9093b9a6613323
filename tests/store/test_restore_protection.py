"""The review's attack on restore, re-run: a plain backup restored over an encrypted database (issue 14, point 4).

Before, the plain backup took the encrypted file's place in clear: it then opened with no passphrase and
everything after was written in clear. Now restore never lowers protection: a plain backup onto an
encrypted database is encrypted on the way in with the current database's key (its key file, passphrase
and recovery key keep working), and without that passphrase (or with a wrong one) it is refused and
nothing changes. The reverse cases stay as they were: an encrypted backup keeps its own key file and
needs the passphrase it was made with.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from factories import make_client, make_named_client

from consultapp.store import attempts, audit
from consultapp.store.backup import BackupError, BackupInfo
from consultapp.store.crypto import FAST_KDF_FOR_TESTS, SQLITE_HEADER, is_plain_sqlite, keyfile_for
from consultapp.store.db import Database, open_database
from consultapp.store.errors import PassphraseRequired, WrongPassphrase
from consultapp.store.facade import Store
from consultapp.store.maintenance import backup, integrity_problems, restore

PASSPHRASE = "correct horse battery"
OTHER = "a quite different passphrase"
IN_BACKUP = "Zyxwvutsrq"  # names that occur nowhere else in a database file
IN_CURRENT = "Qponmlkjih"
SAVED_LATER = "Wvutsrqpon"


@contextmanager
def opened(target: Path, **options: Any) -> Iterator[Database]:
    db = open_database(target, **options)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def make_db(path: Path, name: str, passphrase: str | None) -> str | None:
    """A database at ``path`` holding the client ``name Okafor``; returns the recovery key of an encrypted one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with opened(path, passphrase=passphrase, kdf=FAST_KDF_FOR_TESTS) as db:
        Store(db).save_client(make_client(name, "Okafor", baby=f"{name} baby"))
        return db.recovery_key


def make_backup(path: Path, name: str, passphrase: str | None, out: Path) -> BackupInfo:
    make_db(path, name, passphrase)
    with opened(path, create=False, passphrase=passphrase) as db:
        return backup(db, out)


def names(path: Path, passphrase: str | None) -> list[str]:
    with opened(path, create=False, passphrase=passphrase) as db:
        return sorted(c.full_name for c in Store(db).search_clients(""))


def raw(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def database_files(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name)]


def assert_encrypted_at_rest(path: Path, *needles: str) -> None:
    """No SQLite header, no name in clear, in the file or anything beside it; it needs its passphrase."""
    assert path.stat().st_size > 0 and not is_plain_sqlite(path)
    assert keyfile_for(path).exists()
    everything = raw(path.parent)
    assert SQLITE_HEADER not in everything
    for needle in needles:
        assert needle.encode() not in everything, needle
    with pytest.raises(PassphraseRequired):
        open_database(path, create=False)


@pytest.fixture
def attacked(tmp_path: Path) -> tuple[Path, Path, str]:
    """An encrypted database (its folder holds nothing else) and a plain backup of another, plain, database."""
    target = tmp_path / "practice" / "consultapp.db"
    recovery = make_db(target, IN_CURRENT, PASSPHRASE)
    assert recovery is not None
    info = make_backup(tmp_path / "elsewhere" / "plain.db", IN_BACKUP, None, tmp_path / "usb" / "plain.cabackup")
    assert not info.encrypted and IN_BACKUP.encode() in info.path.read_bytes()  # the backup is in clear
    return target, info.path, recovery


def test_a_plain_backup_over_an_encrypted_database_is_encrypted_on_the_way_in(
    attacked: tuple[Path, Path, str],
) -> None:
    target, plain_backup, recovery = attacked
    keys_before = keyfile_for(target).read_bytes()
    aside = restore(plain_backup, target, PASSPHRASE)

    assert_encrypted_at_rest(target, IN_BACKUP, IN_CURRENT, "Okafor")
    assert keyfile_for(target).read_bytes() == keys_before  # the current key: passphrase and recovery key
    assert names(target, PASSPHRASE) == [f"{IN_BACKUP} Okafor"]  # the backup's records, all there
    assert names(target, recovery) == [f"{IN_BACKUP} Okafor"]
    with opened(target, create=False, passphrase=PASSPHRASE) as db:
        assert integrity_problems(db, full=True) == []
        assert [c.full_name for c in Store(db).search_clients(IN_BACKUP[:5])] == [f"{IN_BACKUP} Okafor"]
        with db.session() as s:
            assert audit.verify(s) == []
            last = audit.entries(s)[-1]
        assert last.action == "restore" and last.detail.get("encrypted_on_restore") is True
    assert names(aside, PASSPHRASE) == [f"{IN_CURRENT} Okafor"]  # the replaced one, kept aside, still encrypted
    assert not is_plain_sqlite(aside) and keyfile_for(aside).exists()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".restore-")]

    # A later save is written encrypted, not in clear.
    with opened(target, create=False, passphrase=PASSPHRASE) as db:
        Store(db).save_client(make_named_client(SAVED_LATER, "Later"))
        assert SAVED_LATER.encode() not in raw(target.parent)  # (with the WAL open)
    assert names(target, PASSPHRASE) == [f"{SAVED_LATER} Later", f"{IN_BACKUP} Okafor"]
    assert_encrypted_at_rest(target, IN_BACKUP, IN_CURRENT, SAVED_LATER)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_every_file_of_the_restore_is_private(attacked: tuple[Path, Path, str]) -> None:
    target, plain_backup, _ = attacked
    restore(plain_backup, target, PASSPHRASE)
    with opened(target, create=False, passphrase=PASSPHRASE):
        files = sorted(target.parent.iterdir())
        loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files
                 if stat.S_IMODE(p.stat().st_mode) != 0o600}
    assert len(files) >= 4 and loose == {}  # the database, its key file, and the replaced one with its key file


def test_without_the_passphrase_a_plain_backup_is_refused_and_nothing_changes(
    attacked: tuple[Path, Path, str],
) -> None:
    target, plain_backup, _ = attacked
    before = {p.name: p.read_bytes() for p in target.parent.iterdir()}
    with pytest.raises(PassphraseRequired, match="is encrypted and the backup plain.cabackup is not"):
        restore(plain_backup, target, None)
    assert {p.name: p.read_bytes() for p in target.parent.iterdir()} == before


def test_a_wrong_passphrase_is_refused_counted_and_nothing_changes(
    attacked: tuple[Path, Path, str], store_waits: list[float]
) -> None:
    target, plain_backup, _ = attacked
    before = target.read_bytes()
    for _ in range(2):
        with pytest.raises(WrongPassphrase, match="nothing was changed"):
            restore(plain_backup, target, "a guess")
    assert attempts.failures(target) == 2 and store_waits == [1]  # slowed as an open is
    assert target.read_bytes() == before
    assert not [p for p in target.parent.iterdir() if "before-restore" in p.name or p.name.startswith(".restore-")]
    assert names(target, PASSPHRASE) == [f"{IN_CURRENT} Okafor"]


def test_an_encrypted_file_whose_key_file_is_gone_is_not_restored_over_in_clear(
    attacked: tuple[Path, Path, str],
) -> None:
    target, plain_backup, _ = attacked
    keyfile_for(target).unlink()
    before = target.read_bytes()
    with pytest.raises(BackupError, match="may be encrypted"):
        restore(plain_backup, target, PASSPHRASE)
    with pytest.raises(BackupError, match="may be encrypted"):
        restore(plain_backup, target, None)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_a_damaged_encrypted_database_takes_a_plain_backup_encrypted(attacked: tuple[Path, Path, str]) -> None:
    target, plain_backup, _ = attacked
    target.write_bytes(os.urandom(8192))  # what a restore is for: the file is lost, its key file is not
    restore(plain_backup, target, PASSPHRASE)
    assert_encrypted_at_rest(target, IN_BACKUP)
    assert names(target, PASSPHRASE) == [f"{IN_BACKUP} Okafor"]


def test_an_encrypted_database_whose_file_is_gone_but_key_file_stays_takes_a_plain_backup_encrypted(
    attacked: tuple[Path, Path, str],
) -> None:
    target, plain_backup, _ = attacked
    target.unlink()
    with pytest.raises(PassphraseRequired):
        restore(plain_backup, target, None)
    restore(plain_backup, target, PASSPHRASE)
    assert_encrypted_at_rest(target, IN_BACKUP)
    assert names(target, PASSPHRASE) == [f"{IN_BACKUP} Okafor"]


# -- the reverse cases, as before ---------------------------------------------------------------------
def test_an_encrypted_backup_of_another_key_needs_its_own_passphrase(tmp_path: Path) -> None:
    target = tmp_path / "practice" / "consultapp.db"
    make_db(target, IN_CURRENT, PASSPHRASE)
    info = make_backup(tmp_path / "other" / "other.db", IN_BACKUP, OTHER, tmp_path / "usb" / "other.cabackup")
    before = target.read_bytes()
    with pytest.raises(WrongPassphrase):
        restore(info.path, target, PASSPHRASE)  # the current passphrase does not open another key's backup
    assert target.read_bytes() == before
    restore(info.path, target, OTHER)
    assert_encrypted_at_rest(target, IN_BACKUP, IN_CURRENT)
    assert names(target, OTHER) == [f"{IN_BACKUP} Okafor"]  # it keeps the key (and key file) it was made with
    with pytest.raises(WrongPassphrase):
        open_database(target, create=False, passphrase=PASSPHRASE)


def test_an_encrypted_backup_over_its_own_encrypted_database_round_trips(tmp_path: Path) -> None:
    target = tmp_path / "practice" / "consultapp.db"
    info = make_backup(target, IN_BACKUP, PASSPHRASE, tmp_path / "usb" / "b.cabackup")
    with opened(target, create=False, passphrase=PASSPHRASE) as db:
        Store(db).save_client(make_named_client(SAVED_LATER, "Later"))
    restore(info.path, target, PASSPHRASE)
    assert_encrypted_at_rest(target, IN_BACKUP, SAVED_LATER)
    assert names(target, PASSPHRASE) == [f"{IN_BACKUP} Okafor"]


def test_an_encrypted_backup_over_a_plain_database_stays_encrypted(tmp_path: Path) -> None:
    target = tmp_path / "practice" / "consultapp.db"
    make_db(target, IN_CURRENT, None)
    info = make_backup(tmp_path / "other" / "enc.db", IN_BACKUP, PASSPHRASE, tmp_path / "usb" / "enc.cabackup")
    restore(info.path, target, PASSPHRASE)
    assert not is_plain_sqlite(target) and names(target, PASSPHRASE) == [f"{IN_BACKUP} Okafor"]


def test_a_plain_backup_over_a_plain_database_stays_plain_and_needs_no_passphrase(tmp_path: Path) -> None:
    target = tmp_path / "practice" / "consultapp.db"
    make_db(target, IN_CURRENT, None)
    info = make_backup(tmp_path / "other" / "plain.db", IN_BACKUP, None, tmp_path / "usb" / "plain.cabackup")
    restore(info.path, target, None)
    assert is_plain_sqlite(target) and not keyfile_for(target).exists()
    assert names(target, None) == [f"{IN_BACKUP} Okafor"]
