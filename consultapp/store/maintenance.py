"""Keeping a database safe: integrity checks, backup and restore, passphrase changes, encryption."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from consultapp.runtime.files import create_private, make_database_private, make_private, write_private
from consultapp.store import attempts, audit, rekey
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
from consultapp.store.errors import KnownError, PassphraseRequired, WrongPassphrase
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

    Restore never lowers protection. A plain backup onto an encrypted database is encrypted on the
    way in with the current database's key (``passphrase`` is then the current database's, and the
    restored file keeps its key file); without the passphrase it is refused and nothing changes. An
    encrypted backup keeps its own key file and opens with the passphrase it was made with.
    """
    info = read_backup(backup_file)
    if info.revision is not None and info.revision not in KNOWN_REVISIONS:
        raise BackupError("This backup was made by a newer version of ConsultApp. Update the app to restore it.")
    protect = None if info.encrypted else _current_key(target, passphrase, backup_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".restore-") as tmp:
        candidate = extract_backup(backup_file, Path(tmp), target.name)
        if protect is not None:
            _encrypt_candidate(candidate, *protect, passphrase)
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
        detail: dict[str, object] = {"backup_created": info.created.isoformat()}
        if protect is not None:
            detail["encrypted_on_restore"] = True
        with db.session() as s:
            audit.record(s, "restore", "database", detail=detail)
    finally:
        db.close()
    return aside


def _current_key(target: Path, passphrase: str | None, backup_file: Path) -> tuple[bytes, bytes] | None:
    """The data key and key file a plain backup must be encrypted with to restore over ``target``.

    None when the database there is plain (or there is none). Refuses when it is encrypted and the
    passphrase is missing or wrong (slowed as an open is), or when it may be encrypted but its key
    file is gone: a plain backup is never restored over it in clear.
    """
    keys_path = keyfile_for(target)
    if target.exists() and target.stat().st_size > 0:  # (as an open tells: db._is_encrypted)
        if is_plain_sqlite(target):
            return None
        if not keys_path.exists():
            raise BackupError(
                f"{target.name} is not a plain database and its key file {keys_path.name} is missing, so it may be "
                f"encrypted: the plain backup {backup_file.name} is not restored over it in clear; nothing was "
                "changed. Put the key file back beside it, or move the file away first."
            )
    elif not keys_path.exists():
        return None
    if passphrase is None:
        raise PassphraseRequired(
            f"{target.name} is encrypted and the backup {backup_file.name} is not: give the database's passphrase "
            "(--passphrase-file) and the backup is encrypted with its key on the way in; nothing was changed."
        )
    keys = KeyFile.read(keys_path)  # (checked whole and bounded before any key is derived)
    keyfile_bytes = keys_path.read_bytes()

    def unlock() -> bytes:
        try:
            return keys.unlock(passphrase)
        except WrongSecret:
            raise WrongPassphrase(
                f"That passphrase (or recovery key) does not open {target.name}, whose key the plain backup "
                f"{backup_file.name} is encrypted with as it is restored; nothing was changed."
            ) from None

    return attempts.guarded(target, unlock), keyfile_bytes


def _encrypt_candidate(candidate: Path, data_key: bytes, keyfile_bytes: bytes, passphrase: str | None) -> None:
    """Encrypt an unpacked plain backup in place with ``data_key``; its key file becomes ``keyfile_bytes``.

    The plain copy is overwritten before it goes (the encrypted database's folder keeps no clear text).
    """
    encrypted = candidate.with_name(candidate.name + ".encrypting")
    _export_encrypted(candidate, encrypted, data_key)
    write_private(keyfile_for(candidate), keyfile_bytes)
    _remove_plain(candidate)
    os.replace(encrypted, candidate)
    make_database_private(candidate)
    db = open_database(candidate, create=False, passphrase=passphrase)  # (migrated, if the backup is older)
    try:
        with db.engine.begin() as conn:  # the export copied rows, not row ids: the search index anew
            create_search_index(conn)
    finally:
        db.close()


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


def rotate_key(path: Path, current: str, new: str | None = None, kdf: KdfParams = DEFAULT_KDF) -> str:
    """``rekey.rotate_key`` (a new data key; returns the new recovery key), then an audit entry saying so."""
    recovery = rekey.rotate_key(path, current, new, kdf)
    db = open_database(path, create=False, passphrase=new or current)
    try:
        with db.session() as s:  # (no key material, no passphrase: only that it happened, and when)
            audit.record(s, "rekey", "database", detail={"recovery_key_replaced": True})
    finally:
        db.close()
    return recovery


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
    if not path.exists() or not is_plain_sqlite(path):
        raise KnownError(f"{path.name} is not a plain SQLite database.")
    if not passphrase:
        raise KnownError("Choose a passphrase to protect the database.")
    data_key, keys, recovery = create_keys(passphrase, kdf)
    encrypted = path.with_name(path.name + ".encrypting")
    _export_encrypted(path, encrypted, data_key)
    keys.write(keyfile_for(path))
    _remove_plain(path, keep=True)
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


def _export_encrypted(plain: Path, encrypted: Path, data_key: bytes) -> None:
    """An encrypted copy of the plain database ``plain`` at ``encrypted`` (0600), every table's rows counted.

    The export copies rows, not row ids: whoever opens the copy rebuilds the search index.
    """
    import sqlcipher3  # lazy: an optional native module, for encrypted files only

    if encrypted.exists():
        encrypted.unlink()
    create_private(encrypted)  # 0600 before SQLCipher fills it
    con = sqlcipher3.connect(str(plain))
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{data_key.hex()}'\"", (str(encrypted),))
        con.execute("SELECT sqlcipher_export('enc')")
        con.execute("PRAGMA enc.user_version = " + str(con.execute("PRAGMA user_version").fetchone()[0]))
        con.execute("DETACH DATABASE enc")
    finally:
        con.close()
    make_database_private(encrypted)
    if _row_counts(encrypted, data_key) != _row_counts(plain, None):
        encrypted.unlink()
        raise KnownError("The encrypted copy did not match the original; nothing was changed.")


def _remove_plain(path: Path, *, keep: bool = False) -> None:
    """Overwrite a plain database and its side files (removed; the main file too unless ``keep``)."""
    _overwrite(path)
    if not keep:
        path.unlink()
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            _overwrite(side)
            side.unlink()


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


