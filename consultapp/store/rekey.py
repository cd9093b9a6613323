"""A new data key for an encrypted database (``consultapp passphrase --rotate-key``; the GUI's passphrase change).

Changing only the passphrase rewraps the data key: a key file kept in an old backup, with the old
passphrase, still unwraps the key the database is encrypted with. Rotation re-encrypts the whole
database under a fresh random data key and writes a new key file (a new passphrase entry and a new
recovery key), so an old key file opens only the backups made with it, never the current database.

The database is re-encrypted into a copy beside it (``sqlcipher_export``, every table's rows counted,
the search index rebuilt in the copy), which then replaces the database by one rename; the new key
file waits beside the old one (``<db>.keys.json.next``) until after that rename. So at every moment the
database file is whole under one key, and a key file for that key exists: killed at any point, the
database opens with the old passphrase (before the rename) or the new one (after it). The next open
(``settle``) finds which of the two key files opens the file, keeps it and removes the other.

Backups made before a rotation keep their old key file: they open with the passphrase (or recovery
key) they were made with.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from consultapp.runtime.files import create_private, make_database_private
from consultapp.store import attempts
from consultapp.store.crypto import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    WrongSecret,
    create_keys,
    keyfile_for,
    sqlcipher_key_pragma,
    unwrap,
)
from consultapp.store.errors import DamagedKeyFile, KnownError, WrongPassphrase
from consultapp.store.search_index import create_search_index

PENDING_SUFFIX = ".next"
STAGING_SUFFIX = ".rekeying"
_SIDE_FILES = ("-wal", "-shm")

step: Callable[[str], None] = lambda _name: None  # noqa: E731
"""Called after each durable step (tests kill the rotation there, as a power cut would)."""


def pending_keyfile(db_path: Path) -> Path:
    keys = keyfile_for(db_path)
    return keys.with_name(keys.name + PENDING_SUFFIX)


def staging_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + STAGING_SUFFIX)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _connect(path: Path, data_key: bytes) -> Any:
    import sqlcipher3  # lazy: an optional native module, for encrypted files only

    con = sqlcipher3.connect(str(path))
    con.execute(sqlcipher_key_pragma(data_key))
    return con


def key_opens(path: Path, data_key: bytes) -> bool:
    """True when ``data_key`` decrypts the database file at ``path`` (its schema can be read)."""
    import sqlcipher3  # lazy: as above

    con = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.execute(sqlcipher_key_pragma(data_key))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        con.close()
    return True


def _row_counts(path: Path, data_key: bytes) -> dict[str, int]:
    con = _connect(path, data_key)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def _remove_staging(db_path: Path) -> None:
    staging = staging_for(db_path)
    for leftover in (staging, *(staging.with_name(staging.name + s) for s in _SIDE_FILES)):
        leftover.unlink(missing_ok=True)


def settle(db_path: Path, secret: str) -> bytes | None:
    """Finish or undo a rotation that was interrupted; the data key that opens the file, or None.

    None when no rotation was under way (the caller unlocks as usual). Otherwise the key file whose key
    decrypts the database is kept (the new one is renamed into place, or the old one stays and the new
    one goes), and its data key is returned.

    Raises:
        WrongPassphrase: ``secret`` opens neither key file's key.
    """
    pending = pending_keyfile(db_path)
    if not pending.exists():
        return None
    _remove_staging(db_path)  # (a copy never renamed into place: the database is still under the old key)
    current = keyfile_for(db_path)
    for candidate in (current, pending):
        try:
            data_key = KeyFile.read(candidate).unlock(secret)
        except (WrongSecret, DamagedKeyFile, FileNotFoundError):
            continue
        if key_opens(db_path, data_key):
            if candidate == pending:
                os.replace(pending, current)
            else:
                pending.unlink()
            _fsync_dir(db_path.parent)
            return data_key
    raise WrongPassphrase(
        "That passphrase (or recovery key) does not open this database. A change of its key was interrupted: "
        "the new passphrase opens it if the change got that far, the old one if not."
    )


def _export(path: Path, staging: Path, old_key: bytes, new_key: bytes) -> None:
    """The database at ``path`` (under ``old_key``) copied to ``staging`` under ``new_key``, rows counted."""
    _remove_staging(path)
    create_private(staging)
    con = _connect(path, old_key)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key.hex()}'\"", (str(staging),))
        con.execute("SELECT sqlcipher_export('rekeyed')")
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        con.execute("DETACH DATABASE rekeyed")
    finally:
        con.close()
    make_database_private(staging)
    if _row_counts(staging, new_key) != _row_counts(path, old_key):
        _remove_staging(path)
        raise KnownError("The re-encrypted copy did not match the database; nothing was changed.")
    _rebuild_search_index(staging, new_key)


def _rebuild_search_index(staging: Path, data_key: bytes) -> None:
    """The export copied rows, not row ids: the search index is rebuilt in the copy, before it is used."""
    import sqlcipher3  # lazy: an optional native module, for encrypted files only

    def connect() -> Any:
        con = sqlcipher3.connect(str(staging), isolation_level=None)
        con.execute(sqlcipher_key_pragma(data_key))
        return con

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            create_search_index(conn)
    finally:
        engine.dispose()
    con = connect()
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    with open(staging, "rb+") as f:
        os.fsync(f.fileno())


def _old_key(path: Path, keys: KeyFile, current: str, new_passphrase: str | None) -> bytes:
    try:
        return unwrap(keys.passphrase_entry, current)
    except WrongSecret:
        pass
    try:
        data_key = keys.unlock(current)  # the recovery key
    except WrongSecret:
        raise WrongPassphrase("That passphrase (or recovery key) does not open this database.") from None
    if new_passphrase is None:
        raise KnownError("The recovery key opened it: choose a new passphrase as well (--new-passphrase-file).")
    return data_key


def rotate_key(path: Path, current: str, new_passphrase: str | None = None, kdf: KdfParams = DEFAULT_KDF) -> str:
    """Re-encrypt the database at ``path`` under a new data key; returns the new recovery key (show it once).

    ``current`` (the passphrase or recovery key) must open it; the new key file is wrapped by
    ``new_passphrase``, or by ``current`` again when None. No connection may be open on the database.
    The old recovery key stops opening it too.

    Raises:
        WrongPassphrase: ``current`` does not open it (slowed by the wrong-passphrase counter).
        KnownError: the copy did not match, or the recovery key was given without a new passphrase.
    """
    if new_passphrase is not None and not new_passphrase:
        raise KnownError("The new passphrase must not be empty.")
    settled = settle(path, current)  # (an earlier rotation, interrupted, is finished or undone first)
    keys_path = keyfile_for(path)
    keys = KeyFile.read(keys_path)
    old_key = settled or attempts.guarded(path, lambda: _old_key(path, keys, current, new_passphrase))
    new_key, new_keys, recovery = create_keys(new_passphrase or current, kdf)
    pending = pending_keyfile(path)
    new_keys.write(pending)
    step("pending")
    staging = staging_for(path)
    _export(path, staging, old_key, new_key)
    step("copied")
    for suffix in _SIDE_FILES:  # (checkpointed and closed: nothing of the old key's WAL may stay beside the new file)
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(staging, path)
    _fsync_dir(path.parent)
    step("switched")
    os.replace(pending, keys_path)
    _fsync_dir(path.parent)
    step("done")
    return recovery
