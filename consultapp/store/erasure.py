"""Erasing a client so that nothing of her stays in the database file, and finding the backups that
still hold her.

``erase_everywhere`` deletes her (``transfer.erase_client``: one cascading DELETE, audited), then on
SQLite merges the search index so its removal records go (``search_index.purge_removed``), rewrites the
file with ``VACUUM`` (``secure_delete`` already zeroes freed pages; VACUUM also leaves no slack in the
pages kept) and checkpoints the WAL with TRUNCATE. On PostgreSQL her rows are deleted and invisible at
once, and the search's words no client has any more are purged (``pg_search.purge_words``, the owner's
to do); a ``VACUUM`` of the client tables is attempted (it needs the tables' owner) so dead row versions
and their pg_trgm index entries are removed and their space reused. VACUUM does not overwrite the bytes
on disk, and it does not reach the server's WAL, archives, replicas or dumps: those hold her until they
are recycled, as backups do.

Backups are whole copies of the database: ``backups_holding`` opens each one the app knows (the
backups folder, and the migration and restore copies beside the database) with the database's key and
says whether it still holds her; ``prune`` deletes those the user chooses to give up.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from consultapp.store.backup import BACKUP_SUFFIX, backups_in
from consultapp.store.crypto import KEYFILE_SUFFIX, is_plain_sqlite, keyfile_for, sqlcipher_key_pragma
from consultapp.store.db import Database
from consultapp.store.maintenance import checkpoint
from consultapp.store.models import Base
from consultapp.store.pg_search import has_pg_word_index, purge_words
from consultapp.store.search_index import purge_removed
from consultapp.store.transfer import erase_client

log = logging.getLogger(__name__)

_HELD_NOTHING_OF_HER = frozenset(
    {"practice", "practice_handout", "practice_code_list", "consultant", "audit_head", "audit_key"}
)


@dataclass(frozen=True)
class HeldBackup:
    """A backup that still holds the erased client (``certain``), or may (it would not open with this key)."""

    path: Path
    certain: bool


def erase_everywhere(db: Database, client_id: uuid.UUID) -> None:
    """Erase the client and leave nothing of her in the database, its search index included."""
    erase_client(db, client_id)
    if db.is_sqlite:
        with db.engine.begin() as conn:
            purge_removed(conn)
        raw = db.engine.raw_connection()  # VACUUM cannot run inside a transaction
        try:
            raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        finally:
            raw.close()
        checkpoint(db)
    else:
        _vacuum_pg(db)


def _vacuum_pg(db: Database) -> None:
    try:
        with db.engine.begin() as conn:
            if has_pg_word_index(conn):
                purge_words(conn)  # her words, where no other client has them
    except DBAPIError as exc:
        log.warning("Purging the search's words after an erasure failed: %s", type(exc.orig).__name__)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in (t.name for t in Base.metadata.sorted_tables if t.name not in _HELD_NOTHING_OF_HER):
            try:
                conn.exec_driver_sql(f"VACUUM {table}")  # a non-owner gets a warning, and nothing is done
            except DBAPIError as exc:
                log.warning("VACUUM %s after an erasure failed: %s", table, type(exc.orig).__name__)


# -- backups ----------------------------------------------------------------------------------------
def known_backups(db_path: Path, folder: Path | None) -> list[Path]:
    """The backups the app knows for the database at ``db_path``: the daily/manual ones in ``folder``,
    the copies made before a migration, and the databases a restore set aside."""
    found = list(backups_in(folder)) if folder is not None else []
    found += sorted(db_path.parent.glob(f"{db_path.stem}.before-*{BACKUP_SUFFIX}"))
    found += sorted(p for p in db_path.parent.glob(f"{db_path.name}.before-restore-*")
                    if not p.name.endswith(("-wal", "-shm", KEYFILE_SUFFIX)) and p.is_file())
    unique: list[Path] = []
    for path in found:
        if path.resolve() not in {u.resolve() for u in unique}:
            unique.append(path)
    return unique


def backups_holding(db: Database, client_id: uuid.UUID, folder: Path | None) -> list[HeldBackup]:
    """The known backups that hold the client, opened with this database's key (in a private temp folder)."""
    if db.path is None:
        return []
    held = []
    for path in known_backups(db.path, folder):
        try:
            holds = _holds(path, db.data_key, client_id)
        except (OSError, sqlite3.Error, zipfile.BadZipFile, KeyError, RuntimeError):
            holds = None  # it cannot be read with this key: it may hold her
        except Exception as exc:  # sqlcipher's own errors
            if type(exc).__module__.split(".")[0] != "sqlcipher3":
                raise
            holds = None
        if holds is None or holds:
            held.append(HeldBackup(path, certain=holds is not None))
    return held


def _holds(path: Path, data_key: bytes | None, client_id: uuid.UUID) -> bool:
    with tempfile.TemporaryDirectory(prefix="consultapp-erase-") as tmp:  # 0700
        copy = Path(tmp) / "database.sqlite"
        if path.suffix == BACKUP_SUFFIX:
            with zipfile.ZipFile(path) as zf:
                with zf.open("database.sqlite") as src, copy.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
        else:
            shutil.copyfile(path, copy)
            wal = path.with_name(path.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        con = _connect(copy, None if is_plain_sqlite(copy) else data_key)
        try:
            row = con.execute("SELECT 1 FROM client WHERE id = ?", (client_id.hex,)).fetchone()
        finally:
            con.close()
        return row is not None


def _connect(path: Path, data_key: bytes | None) -> Any:
    if data_key is None:
        return sqlite3.connect(path)
    import sqlcipher3  # lazy: an optional native module, for encrypted files only

    con = sqlcipher3.connect(str(path))
    con.execute(sqlcipher_key_pragma(data_key))
    return con


def prune(paths: list[Path]) -> list[Path]:
    """Delete these backups (a set-aside database with its WAL, shared-memory and key files); the deleted."""
    gone = []
    for path in paths:
        for side in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
            side.unlink(missing_ok=True)
        keyfile_for(path).unlink(missing_ok=True)
        gone.append(path)
    return gone
