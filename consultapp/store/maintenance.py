"""Keeping a database safe: integrity checks, backup and restore, passphrase changes, encryption."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from consultapp.runtime.files import create_private, make_database_private, make_private
from consultapp.store import audit
from consultapp.store.backup import (
    BackupError,
    BackupInfo,
    backup_due,
    backup_name,
    extract_backup,
    read_backup,
    rotate,
    write_backup,
)
from consultapp.store.crypto import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    WrongSecret,
    create_keys,
    is_plain_sqlite,
    keyfile_for,
    sqlcipher_key_pragma,
    wrap,
)
from consultapp.store.crypto import new_recovery_key as make_recovery_key
from consultapp.store.db import KNOWN_REVISIONS, Database, current_revision, open_database
from consultapp.store.errors import KnownError, WrongPassphrase
from consultapp.store.search_index import create_search_index


def integrity_problems(db: Database, *, full: bool = False) -> list[str]:
    """SQLite's own check: ``quick_check`` on open, ``integrity_check`` on demand; [] when all is well."""
    if not db.is_sqlite:
        return []
    pragma = "integrity_check" if full else "quick_check"
    try:
        with db.engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
            if full:
                rows += [f"broken reference in {r[0]}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]
    except DBAPIError as exc:  # so damaged that the check itself cannot read it
        return [f"the file cannot be read: {getattr(exc, 'orig', exc)}"]
    return [r for r in rows if r != "ok"]


def backup(db: Database, out: Path) -> BackupInfo:
    """Write a backup of an open SQLite database."""
    if db.path is None:
        raise KnownError("Backups of a server database are made on the server (pg_dump); this is a SQLite backup.")
    info = write_backup(db.path, db.data_key, out, current_revision(db.engine))
    if not db.damaged:
        with db.session() as s:  # the audit trail says a copy of the records left, and when
            audit.record(s, "backup", "database", detail={"encrypted": info.encrypted})
    return info


def auto_backup(db: Database, folder: Path, now: dt.datetime | None = None) -> BackupInfo | None:
    """Once a day: a backup into ``folder``, then the rotation (7 daily, 4 weekly). None when not due."""
    now = now or dt.datetime.now()
    if db.path is None or not backup_due(folder, now):
        return None
    info = backup(db, folder / backup_name(now))
    rotate(folder)
    return info


def restore(backup_file: Path, target: Path, passphrase: str | None) -> Path:
    """Replace the database at ``target`` with a backup, proving the backup good before and after.

    The backup is checked whole (checksums), unpacked beside the target, opened (with the passphrase
    for an encrypted one), its schema and integrity checked; only then is the current database moved
    aside (returned: ``<name>.before-restore-<time>``) and the restored one put in its place. If the
    restored database does not open in place, the current one is put back.
    """
    info = read_backup(backup_file)
    if info.revision is not None and info.revision not in KNOWN_REVISIONS:
        raise BackupError("This backup was made by a newer version of ConsultApp. Update the app to restore it.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".restore-") as tmp:
        candidate = extract_backup(backup_file, Path(tmp), target.name)
        _prove_good(candidate, passphrase)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.name}.before-restore-{stamp}")
        moved = _move_database(target, aside) if target.exists() else False
        try:
            _move_database(candidate, target)
            _prove_good(target, passphrase)
        except Exception:
            if moved:
                _move_database(aside, target)
            raise
    db = open_database(target, create=False, passphrase=passphrase)
    try:
        with db.session() as s:
            audit.record(s, "restore", "database", detail={"backup_created": info.created.isoformat()})
    finally:
        db.close()
    return aside


def _prove_good(path: Path, passphrase: str | None) -> None:
    db = open_database(path, create=False, passphrase=passphrase)
    try:
        problems = integrity_problems(db, full=True)
        if problems:
            raise BackupError(f"The restored database fails its integrity check: {problems[0]}")
    finally:
        db.close()


_SIDE_FILES = ("-wal", "-shm")


def _move_database(source: Path, target: Path) -> bool:
    """Move a database with its WAL, shared-memory and key files."""
    os.replace(source, target)
    for suffix in _SIDE_FILES:
        side = source.with_name(source.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    if keyfile_for(source).exists():
        os.replace(keyfile_for(source), keyfile_for(target))
    make_database_private(target)  # (the database kept aside too: an older version may have left it readable)
    make_private(keyfile_for(target))
    return True


def change_passphrase(path: Path, current: str, new: str, kdf: KdfParams = DEFAULT_KDF) -> None:
    """Rewrap the data key under a new passphrase (the current one or the recovery key unlocks it)."""
    if not new:
        raise KnownError("The new passphrase must not be empty.")
    keys_path = keyfile_for(path)
    keys = KeyFile.read(keys_path)
    try:
        data_key = keys.unlock(current)
    except WrongSecret:
        raise WrongPassphrase("That passphrase (or recovery key) does not open this database.") from None
    KeyFile(wrap(data_key, new, kdf), keys.recovery_entry).write(keys_path)


def new_recovery_key(path: Path, passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> str:
    """Replace the recovery key (the old one stops working); returns the new one to show once."""
    keys_path = keyfile_for(path)
    keys = KeyFile.read(keys_path)
    try:
        data_key = keys.unlock(passphrase)
    except WrongSecret:
        raise WrongPassphrase("That passphrase does not open this database.") from None
    recovery = make_recovery_key()
    KeyFile(keys.passphrase_entry, wrap(data_key, recovery, kdf)).write(keys_path)
    return recovery


def encrypt_plain_database(path: Path, passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> str:
    """Convert a plain SQLite database to an encrypted one in place, keeping every row.

    The encrypted copy is written beside it with ``sqlcipher_export``, every table's row count is
    compared, and only then does it replace the plain file (which is overwritten before removal).
    Returns the recovery key to show once.
    """
    import sqlcipher3  # lazy: an optional native module, for encrypted files only

    if not path.exists() or not is_plain_sqlite(path):
        raise KnownError(f"{path.name} is not a plain SQLite database.")
    if not passphrase:
        raise KnownError("Choose a passphrase to protect the database.")
    data_key, keys, recovery = create_keys(passphrase, kdf)
    encrypted = path.with_name(path.name + ".encrypting")
    if encrypted.exists():
        encrypted.unlink()
    create_private(encrypted)  # 0600 before SQLCipher fills it
    con = sqlcipher3.connect(str(path))
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{data_key.hex()}'\"", (str(encrypted),))
        con.execute("SELECT sqlcipher_export('enc')")
        con.execute("PRAGMA enc.user_version = " + str(con.execute("PRAGMA user_version").fetchone()[0]))
        con.execute("DETACH DATABASE enc")
    finally:
        con.close()
    plain_counts = _row_counts(path, None)
    if _row_counts(encrypted, data_key) != plain_counts:
        encrypted.unlink()
        raise KnownError("The encrypted copy did not match the original; nothing was changed.")
    keys.write(keyfile_for(path))
    _overwrite(path)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            _overwrite(side)
            side.unlink()
    os.replace(encrypted, path)
    # The export copies rows, not row ids: rebuild the search index over the copied client table.
    db = open_database(path, create=False, passphrase=passphrase)
    try:
        if db.is_sqlite:
            with db.engine.begin() as conn:
                create_search_index(conn)
    finally:
        db.close()
    return recovery


def _row_counts(path: Path, data_key: bytes | None) -> dict[str, int]:
    if data_key is None:
        con = sqlite3.connect(path)
    else:
        import sqlcipher3  # lazy: an optional native module, for encrypted files only

        con = sqlcipher3.connect(str(path))
        con.execute(sqlcipher_key_pragma(data_key))
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def _overwrite(path: Path) -> None:
    """Overwrite a file's bytes before it goes, so the plain text does not linger in its blocks."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        block = b"\x00" * (1 << 20)
        remaining = size
        while remaining > 0:
            n = min(remaining, len(block))
            f.write(block[:n])
            remaining -= n
        f.flush()
        os.fsync(f.fileno())


def checkpoint(db: Database) -> None:
    """Fold the WAL into the database file (after an erasure, so freed pages are overwritten on disk)."""
    if db.is_sqlite:
        raw = db.engine.raw_connection()  # outside any transaction: a checkpoint cannot run inside one
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()


