"""A new data key (issue 14, point 11), tested as the thief who kept an old backup's key file would try it.

Before, changing the passphrase only rewrapped the data key: the key file inside any older backup, with
the old passphrase, still gave the key the current database is encrypted with. Rotation re-encrypts the
database under a new key, and an interruption at any step leaves it opening with the old passphrase or
the new one.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3
from factories import make_client

from consultapp.store import rekey
from consultapp.store.crypto import FAST_KDF_FOR_TESTS, SQLITE_HEADER, KeyFile, keyfile_for, sqlcipher_key_pragma
from consultapp.store.db import open_database
from consultapp.store.errors import KnownError, WrongPassphrase
from consultapp.store.facade import Store
from consultapp.store.maintenance import backup, change_passphrase

OLD = "old harbour lantern 42"
NEW = "new maple orchard 77"


@pytest.fixture(autouse=True)
def no_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    from consultapp.store import attempts

    monkeypatch.setattr(attempts, "sleep", lambda _s: None)


def make_db(path: Path) -> str:
    db = open_database(path, passphrase=OLD, kdf=FAST_KDF_FOR_TESTS)
    try:
        Store(db).save_client(make_client("Ngozi", "Adeyemi-Brandt", baby="Ada"))
        assert db.recovery_key
        return db.recovery_key
    finally:
        db.close()


def client_names(path: Path, passphrase: str) -> list[str]:
    db = open_database(path, create=False, passphrase=passphrase)
    try:
        found = sorted(c.full_name for c in Store(db).search_clients(""))
        searched = [c.full_name for c in Store(db).search_clients("Adeyemi")]
    finally:
        db.close()
    assert searched == found  # the search index still finds her (rebuilt in the copy)
    return found


def opens_with(path: Path, data_key: bytes) -> bool:
    con = sqlcipher3.connect(str(path))
    try:
        con.execute(sqlcipher_key_pragma(data_key))
        con.execute("SELECT count(*) FROM client").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        con.close()
    return True


def test_an_old_backups_key_file_and_old_passphrase_no_longer_open_the_database(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    old_recovery = make_db(path)
    db = open_database(path, create=False, passphrase=OLD)
    try:
        made = backup(db, tmp_path / "before.cabackup")
    finally:
        db.close()
    with zipfile.ZipFile(made.path) as zf:  # the thief's copy of the key file, from the backup
        stolen_keys = KeyFile.from_json(zf.read("keys.json").decode())
    stolen_key = stolen_keys.unlock(OLD)
    assert opens_with(path, stolen_key)  # (so far, the attack works: that is what rotation is for)

    new_recovery = rekey.rotate_key(path, OLD, NEW, FAST_KDF_FOR_TESTS)
    # (nothing left beside it: no copy, no second key file, no WAL of the old key)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("enc.db")) == ["enc.db", "enc.db.keys.json"]

    assert not opens_with(path, stolen_key)
    assert not opens_with(path, stolen_keys.unlock(old_recovery))
    with path.open("rb") as f:
        assert f.read(16) != SQLITE_HEADER
    # The stolen key file put beside a copy of the current database, with the old passphrase: refused.
    thief = tmp_path / "thief"
    thief.mkdir()
    shutil.copy(path, thief / "enc.db")
    keyfile_for(thief / "enc.db").write_text(stolen_keys.to_json())
    with pytest.raises(KnownError):
        open_database(thief / "enc.db", create=False, passphrase=OLD).close()
    # She goes on with the new passphrase and the new recovery key; the old passphrase is refused.
    assert client_names(path, NEW) == ["Ngozi Adeyemi-Brandt"]
    assert client_names(path, new_recovery) == ["Ngozi Adeyemi-Brandt"]
    with pytest.raises(WrongPassphrase):
        open_database(path, create=False, passphrase=OLD)
    with pytest.raises(WrongPassphrase):
        open_database(path, create=False, passphrase=old_recovery)
    # The backup made before keeps its own key: it still opens with the old passphrase.
    assert opens_with_backup(made.path, tmp_path / "restored", OLD)


def opens_with_backup(backup_file: Path, folder: Path, passphrase: str) -> bool:
    from consultapp.store.backup import extract_backup

    folder.mkdir()
    target = extract_backup(backup_file, folder, "old.db")
    return client_names(target, passphrase) == ["Ngozi Adeyemi-Brandt"]


def test_a_passphrase_change_alone_keeps_the_data_key(tmp_path: Path) -> None:
    """Why rotation exists: the plain change leaves an old key file working (documented in SECURITY.md)."""
    path = tmp_path / "enc.db"
    make_db(path)
    old_keys = KeyFile.read(keyfile_for(path))
    change_passphrase(path, OLD, NEW, FAST_KDF_FOR_TESTS)
    assert opens_with(path, old_keys.unlock(OLD))


def test_rotating_with_the_same_passphrase_and_refusals(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    recovery = make_db(path)
    before = KeyFile.read(keyfile_for(path)).unlock(OLD)
    with pytest.raises(WrongPassphrase):
        rekey.rotate_key(path, "not the passphrase", None, FAST_KDF_FOR_TESTS)
    with pytest.raises(KnownError, match="choose a new passphrase"):
        rekey.rotate_key(path, recovery, None, FAST_KDF_FOR_TESTS)
    assert opens_with(path, before)  # nothing changed
    recovery = rekey.rotate_key(path, OLD, None, FAST_KDF_FOR_TESTS)  # (a new recovery key comes with the new key)
    assert not opens_with(path, before)
    assert client_names(path, OLD) == ["Ngozi Adeyemi-Brandt"]
    rekey.rotate_key(path, recovery.lower(), NEW, FAST_KDF_FOR_TESTS)  # the recovery key, with a new passphrase
    assert client_names(path, NEW) == ["Ngozi Adeyemi-Brandt"]


class Killed(BaseException):
    """The process dies here (no handler runs: only ``finally`` would, and the rotation has none that cleans)."""


@pytest.fixture
def kill_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    at: list[str] = []

    def step(name: str) -> None:
        if at and name == at[0]:
            raise Killed(name)

    monkeypatch.setattr(rekey, "step", step)
    yield at


@pytest.mark.parametrize(
    ("where", "works"),
    [
        ("pending", OLD),
        ("copied", OLD),
        ("switched", NEW),
        ("done", NEW),
    ],
)
def test_killed_at_any_step_the_old_or_the_new_passphrase_opens_it(
    tmp_path: Path, kill_at: list[str], where: str, works: str
) -> None:
    path = tmp_path / "enc.db"
    make_db(path)
    kill_at.append(where)
    with pytest.raises(Killed):
        rekey.rotate_key(path, OLD, NEW, FAST_KDF_FOR_TESTS)
    other = NEW if works == OLD else OLD
    with pytest.raises(WrongPassphrase):
        open_database(path, create=False, passphrase=other)
    assert client_names(path, works) == ["Ngozi Adeyemi-Brandt"]
    assert not rekey.pending_keyfile(path).exists() and not rekey.staging_for(path).exists()
    kill_at.clear()
    rekey.rotate_key(path, works, "a third passphrase 99", FAST_KDF_FOR_TESTS)  # and it can be done again
    assert client_names(path, "a third passphrase 99") == ["Ngozi Adeyemi-Brandt"]


@pytest.mark.parametrize(
    ("point", "works"),
    [
        ("pending", OLD),
        ("counting", OLD),
        ("copied", OLD),
        ("switched", NEW),
        ("done", NEW),
    ],
)
def test_sigkill_during_a_rotation_leaves_the_old_or_the_new_passphrase_working(
    tmp_path: Path, point: str, works: str
) -> None:
    """A real SIGKILL of a process rotating the key, at each step and in the middle of the copy."""
    import os
    import signal
    import subprocess
    import sys

    path = tmp_path / "enc.db"
    make_db(path)
    here = Path(__file__).resolve().parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(here.parent.parent), str(here.parent)])}
    done = subprocess.run(
        [sys.executable, str(here / "rekey_killer.py"), str(path), OLD, NEW, point],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    import stat

    left = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir() if p.name.startswith("enc.db")}
    assert set(left.values()) == {0o600}, left  # the copy and the waiting key file too: readable by her only
    other = NEW if works == OLD else OLD
    with pytest.raises(WrongPassphrase):
        open_database(path, create=False, passphrase=other)
    assert client_names(path, works) == ["Ngozi Adeyemi-Brandt"]
    assert not rekey.pending_keyfile(path).exists() and not rekey.staging_for(path).exists()
