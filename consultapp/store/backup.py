"""Backups: one self-checking file per backup, encrypted when the database is, kept in rotation.

A backup file is a ZIP archive (stored, not compressed: an encrypted database does not compress) of
``manifest.json`` (format, app version, schema revision, time, SHA-256 of the database), the database
itself (a consistent snapshot taken with SQLite's backup API, still encrypted) and, for an encrypted
database, its key file (the data key wrapped by passphrase and recovery key, never in clear).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consultapp import __version__
from consultapp.runtime.files import create_private, make_database_private, open_private, private_dir, write_private
from consultapp.store.crypto import keyfile_for, sqlcipher_key_pragma
from consultapp.store.errors import KnownError

BACKUP_FORMAT = "consultapp-backup/1"
BACKUP_SUFFIX = ".cabackup"
_DB_NAME = "database.sqlite"
_KEYS_NAME = "keys.json"
_MANIFEST = "manifest.json"


class BackupError(KnownError):
    """A backup that cannot be made, read or restored; the message says why."""

    code = "backup"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    revision: str | None
    encrypted: bool
    sha256: str
    app_version: str


def _connect(path: Path, data_key: bytes | None) -> Any:
    if data_key is None:
        return sqlite3.connect(path)
    import sqlcipher3  # lazy: an optional native module, for encrypted files only

    con = sqlcipher3.connect(str(path))
    con.execute(sqlcipher_key_pragma(data_key))
    return con


def snapshot(source_path: Path, data_key: bytes | None, target: Path) -> None:
    """A consistent copy of a live database (readers and writers may go on), encrypted like the source."""
    create_private(target)  # 0600 before SQLite fills it
    src = _connect(source_path, data_key)
    try:
        dst = _connect(target, data_key)
        try:
            src.backup(dst)
        finally:
            dst.close()
            make_database_private(target)
    finally:
        src.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_backup(db_path: Path, data_key: bytes | None, out: Path, revision: str | None) -> BackupInfo:
    """Write a backup of the SQLite database at ``db_path`` to ``out`` (atomically: all or nothing)."""
    private_dir(out.parent)
    created = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".backup-") as tmp:
        snap = Path(tmp) / _DB_NAME
        snapshot(db_path, data_key, snap)
        sha = _sha256(snap)
        manifest = {
            "format": BACKUP_FORMAT,
            "app_version": __version__,
            "revision": revision,
            "created": created.isoformat(),
            "encrypted": data_key is not None,
            "database_sha256": sha,
        }
        partial = Path(tmp) / "backup.zip"
        with open_private(partial, "xb") as f:
            with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED) as zf:
                zf.writestr(_MANIFEST, json.dumps(manifest, indent=2))
                zf.write(snap, _DB_NAME)
                if data_key is not None:
                    zf.write(keyfile_for(db_path), _KEYS_NAME)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, out)
    return BackupInfo(out, created, revision, data_key is not None, sha, __version__)


def read_backup(path: Path) -> BackupInfo:
    """Check a backup file whole (archive checksums, manifest, database hash) and describe it."""
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            if bad is not None:
                raise BackupError(f"The backup {path.name} is damaged ({bad}).")
            names = set(zf.namelist())
            if not {_MANIFEST, _DB_NAME} <= names:
                raise BackupError(f"{path.name} is not a ConsultApp backup.")
            manifest = json.loads(zf.read(_MANIFEST))
            if manifest.get("format") != BACKUP_FORMAT:
                raise BackupError(f"{path.name} is a backup format this app does not know: {manifest.get('format')}.")
            digest = hashlib.sha256()
            with zf.open(_DB_NAME) as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            if digest.hexdigest() != manifest["database_sha256"]:
                raise BackupError(f"The backup {path.name} is damaged: its database does not match its checksum.")
            if manifest["encrypted"] and _KEYS_NAME not in names:
                raise BackupError(f"The backup {path.name} lacks the key file of its encrypted database.")
            return BackupInfo(
                path=path,
                created=dt.datetime.fromisoformat(manifest["created"]),
                revision=manifest.get("revision"),
                encrypted=bool(manifest["encrypted"]),
                sha256=manifest["database_sha256"],
                app_version=str(manifest.get("app_version", "")),
            )
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path.name} is not a complete ConsultApp backup (truncated or damaged).") from exc
    except OSError as exc:
        raise BackupError(f"Cannot read {path}: {exc.strerror or exc}") from exc


def extract_backup(path: Path, folder: Path, name: str) -> Path:
    """Unpack a checked backup's database (and key file) into ``folder`` as ``name``."""
    read_backup(path)
    target = folder / name
    with zipfile.ZipFile(path) as zf:
        with zf.open(_DB_NAME) as src, open_private(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
        if _KEYS_NAME in zf.namelist():
            write_private(keyfile_for(target), zf.read(_KEYS_NAME))
    return target


# -- rotation ---------------------------------------------------------------------------------------
def backups_in(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"consultapp-*{BACKUP_SUFFIX}")) if folder.is_dir() else []


def backup_name(now: dt.datetime) -> str:
    return f"consultapp-{now.strftime('%Y%m%d-%H%M%S')}{BACKUP_SUFFIX}"


def _stamp(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.name[len("consultapp-") : -len(BACKUP_SUFFIX)], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def backup_due(folder: Path, now: dt.datetime) -> bool:
    """True when no backup was made today."""
    return not any((s := _stamp(p)) is not None and s.date() == now.date() for p in backups_in(folder))


def rotate(folder: Path, keep_daily: int = 7, keep_weekly: int = 4) -> list[Path]:
    """Keep the newest backup of each of the last ``keep_daily`` days and ``keep_weekly`` ISO weeks."""
    dated = sorted(((s, p) for p in backups_in(folder) if (s := _stamp(p)) is not None), reverse=True)
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for stamp, path in dated:
        day = stamp.date()
        week = stamp.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(path)
    removed = []
    for _, path in dated:
        if path not in keep:
            path.unlink()
            removed.append(path)
    return removed
