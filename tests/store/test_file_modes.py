"""The review's attack on file modes, re-run: under ``umask 022`` nothing the store writes is readable by others.

A database (plain and encrypted) with its -wal/-shm and key file, the folder made for it, a backup and
the backups folder, a restore, a plain file converted to encrypted, an export and its documents folder:
every file 0600, every folder the app created 0700. An older version's looser files narrow when opened.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit

from consultapp.store.crypto import FAST_KDF_FOR_TESTS, keyfile_for
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.maintenance import backup, encrypt_plain_database, restore
from consultapp.store.transfer import export_client

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes: Windows keeps profiles private")
PASSPHRASE = "correct horse battery staple"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def modes_under(root: Path) -> dict[str, int]:
    """Every file and folder below ``root``, by its path relative to it, with its mode."""
    return {str(p.relative_to(root)): mode(p) for p in sorted(root.rglob("*"))}


def assert_private(root: Path) -> None:
    found = modes_under(root)
    loose = {name: oct(m) for name, m in found.items()
             if m != (0o700 if (root / name).is_dir() else 0o600)}
    assert found and loose == {}


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def some_records(db: Database) -> uuid.UUID:
    store = Store(db)
    client = store.save_client(make_client("Amara", "Okafor"))
    assert client.id is not None
    visit = store.save_visit(make_visit(client, dt.date(2026, 11, 20)))
    store.issue_document(kind="careplan", content=b"%PDF-1.4 plan", title="Care plan", filename="plan.pdf",
                         issued_by="Jo", client_id=client.id, visit_id=visit.id)
    return client.id


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_new_database_its_companions_and_key_file_and_the_folder_made_for_it_are_private(
    tmp_path: Path, encrypted: bool
) -> None:
    root = tmp_path / "data"
    path = root / "ConsultApp" / "consultapp.db"
    db = open_database(path, passphrase=PASSPHRASE if encrypted else None, kdf=FAST_KDF_FOR_TESTS)
    try:
        some_records(db)
        names = set(modes_under(root))
        assert {"ConsultApp/consultapp.db-wal", "ConsultApp/consultapp.db-shm"} <= names  # open: WAL in use
        assert ("ConsultApp/consultapp.db.keys.json" in names) is encrypted
        assert_private(root)
    finally:
        db.close()
    assert_private(root)


def test_backups_the_backups_folder_and_a_restore_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home2"
    home.mkdir()
    path = home / "enc.db"
    db = open_database(path, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    try:
        some_records(db)
        made = backup(db, home / "backups" / "daily" / "consultapp-20261120-090000.cabackup")
    finally:
        db.close()
    assert made.path.exists()
    os.chmod(path, 0o644)  # (as an older version left it: the restore puts a private file in its place)
    aside = restore(made.path, path, PASSPHRASE)
    assert aside.exists()
    assert_private(home)
    assert mode(home) == 0o755  # (the test's folder, not the app's)


def test_a_plain_database_encrypted_in_place_stays_private(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    path = folder / "plain.db"
    db = open_database(path)
    some_records(db)
    db.close()
    encrypt_plain_database(path, PASSPHRASE, FAST_KDF_FOR_TESTS)
    assert keyfile_for(path).exists()
    assert_private(folder)


def test_an_export_its_folder_and_its_documents_are_private(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.db")
    try:
        client_id = some_records(db)
        exports = tmp_path / "exports"
        result = export_client(db, client_id, exports / "client")
    finally:
        db.close()
    assert result.documents == 1
    names = set(modes_under(exports))
    assert {"client", "client/documents", result.json_path.relative_to(exports).as_posix()} <= names
    assert any(n.startswith("client/documents/") for n in names)
    assert_private(exports)


def test_an_older_versions_readable_database_and_key_file_narrow_when_opened(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    path = folder / "enc.db"
    open_database(path, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS).close()
    for p in folder.iterdir():
        os.chmod(p, 0o644)
    db = open_database(path, passphrase=PASSPHRASE)
    try:
        Store(db).save_client(make_client("Later", "Write"))
        assert_private(folder)
    finally:
        db.close()
