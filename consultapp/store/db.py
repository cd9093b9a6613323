"""Open a database (SQLite file or SQLAlchemy URL), configure it and bring its schema up to date."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from consultapp.runtime.files import create_private, make_database_private, make_private, private_dir
from consultapp.store import attempts, audit, stamps
from consultapp.store.backup import BACKUP_SUFFIX, write_backup
from consultapp.store.crypto import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    WrongSecret,
    create_keys,
    is_plain_sqlite,
    keyfile_for,
    sqlcipher_key_pragma,
)
from consultapp.store.errors import (
    DamagedDatabase,
    DatabaseNewerError,
    DriverMissing,
    InvalidDatabaseTarget,
    NotADatabase,
    NotFoundError,
    PassphraseRequired,
    WrongPassphrase,
    classify,
)
from consultapp.store.rekey import settle
from consultapp.store.search_index import create_search_index

log = logging.getLogger(__name__)

# Every revision this app knows, oldest first; the last one is the schema the code expects.
# tests/store/test_migrations.py checks this list against the Alembic scripts.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_baseline",
    "0002_clinical_core",
    "0003_records_and_documents",
    "0004_audit_trail",
    "0005_consultants",
    "0006_client_search",
    "0007_contacts_and_billing",
    "0008_pg_client_search",
    "0009_cjk_search_text",
    "0010_feeding_plans",
    "0011_dyad_findings",
    "0013_server_trust",
    "0014_photos",
    "0015_offline_copies",
    "0016_offline_limit_admin",
    "0017_search_covering",
    "0018_pg_search",
    "0019_search_in_name_order",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_database_path() -> Path:
    """The database file in the platform's user data folder."""
    from platformdirs import user_data_path  # lazy: only the default path needs it

    return user_data_path("ConsultApp", appauthor=False) / "consultapp.db"


def resolve_url(target: str | Path) -> URL:
    """Turn a file path or a SQLAlchemy URL into a URL, refusing what is neither."""
    raw = str(target).strip()
    if not raw:
        raise InvalidDatabaseTarget("No database given.")
    if "://" in raw:
        try:
            url = make_url(raw)
            _ = url.port  # a non-numeric port only fails when read
        except (ArgumentError, ValueError) as exc:
            raise InvalidDatabaseTarget(f"Not a valid database URL: {raw.split('@')[-1]}") from exc
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise InvalidDatabaseTarget(
                f"Unsupported database '{url.get_backend_name()}': use a SQLite file or a postgresql:// URL."
            )
        if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("psycopg2", ""):
            url = url.set(drivername="postgresql+psycopg")
        if url.get_backend_name() == "postgresql":
            url = default_tls(url)
        return url
    path = Path(raw).expanduser().resolve()
    if path.is_dir():
        raise InvalidDatabaseTarget(f"{path} is a folder, not a database file.")
    return URL.create("sqlite+pysqlite", database=str(path))


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
WEAK_SSLMODES = frozenset({"disable", "allow", "prefer", "require"})


def is_local_server(url: URL) -> bool:
    """The server is on this computer: no host (a Unix socket), a socket folder, or the loopback address."""
    hosts = [url.host or ""]
    query_host = url.query.get("host")
    if query_host:
        hosts = [str(h) for h in (query_host if isinstance(query_host, tuple) else (query_host,))]
    return all(not h or h.startswith("/") or h.lower() in LOCAL_HOSTS for h in hosts)


def default_tls(url: URL) -> URL:
    """A server elsewhere is reached with ``sslmode=verify-full`` unless the URL chooses a mode itself.

    verify-full checks the server's certificate and its name, and never falls back to clear text; give
    the CA with ``sslrootcert=/path/ca.pem`` (libpq's default is ~/.postgresql/root.crt). A weaker mode
    written in the URL is respected, with a warning in the log.
    """
    mode = url.query.get("sslmode")
    if mode is None:
        return url if is_local_server(url) else url.update_query_dict({"sslmode": "verify-full"})
    if str(mode) in WEAK_SSLMODES and not is_local_server(url):
        log.warning("sslmode=%s: the server's certificate is not fully checked", mode)
    return url


def _configure_sqlite(engine: Engine, data_key: bytes | None = None, path: Path | None = None) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions start, so that DDL in a
        # migration is transactional (all-or-nothing) too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if data_key is not None:
            cursor.execute(sqlcipher_key_pragma(data_key))  # must come before anything reads the file
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA secure_delete=ON")  # freed pages are overwritten, e.g. after an erasure
        cursor.close()
        if path is not None:
            # SQLite gives its -wal and -shm the database file's mode; an older version's looser files narrow here.
            make_database_private(path)

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front: two writers queue (busy_timeout) instead of one
        # failing at its first write, and the audit chain's head is read and extended atomically.
        # A connection that only reads (read_connection) begins a plain read transaction: one view of the
        # data for its statements, without the write lock that would queue it behind a save.
        reading = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


_READ_ONLY = "consultapp_read_only"


def read_connection(engine: Engine) -> Connection:
    """A Core connection for reads only. On SQLite its statements see one view of the data, and it takes no
    write lock: a search or a client's record is not queued behind a save or a backup (issue 15)."""
    return engine.connect().execution_options(**{_READ_ONLY: True})


@dataclass
class Database:
    """An open database: its engine and a factory of short sessions."""

    engine: Engine
    url: URL
    sessions: sessionmaker[Session]
    encrypted: bool = False
    data_key: bytes | None = field(default=None, repr=False)
    recovery_key: str | None = field(default=None, repr=False)
    """Set only when this open created a new encrypted database: show it to the user once."""

    def set_user(self, name: str) -> None:
        """Who is working: every audit entry from now on names them."""
        self.sessions.configure(info={"user": name})

    @property
    def path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_name(self) -> str:
        """Where the data lives, without any password."""
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on error.

        Once the file is known to be damaged (``mark_damaged``), any write is refused with a clear
        message and the unit of work rolls back: a corrupted file is never written over.
        """
        with self.sessions() as session, session.begin():
            yield session

    damaged: bool = False
    pg_word_index: bool | None = None
    """On PostgreSQL: whether the search's word index is there (store/pg_search.py); None until asked."""

    def mark_damaged(self) -> None:
        """The integrity check found problems: refuse every write from now on (reads still work)."""
        self.damaged = True
        event.listen(self.engine, "before_execute", _refuse_writes)

    def close(self) -> None:
        self.engine.dispose()


def _refuse_writes(conn: Any, clauseelement: Any, multiparams: Any, params: Any, execution_options: Any) -> None:
    if getattr(clauseelement, "is_dml", False) or getattr(clauseelement, "is_ddl", False):
        raise DamagedDatabase(
            "This database file is damaged, so nothing is written to it. "
            "Restore it from a backup (Settings > Security & backups, or consultapp restore)."
        )


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _backup_before_migrating(db: Database, revision: str) -> Path:
    """Keep the database as it was before a migration (a backup file beside it, encrypted like it)."""
    path = db.path
    assert path is not None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{revision}-{stamp}{BACKUP_SUFFIX}")
    write_backup(path, db.data_key, target, revision)
    return target


def migrate(db: Database) -> None:
    """Bring the schema to HEAD_REVISION; refuse a database made by a newer app."""
    revision = current_revision(db.engine)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseNewerError(
            "This database was saved by a newer version of ConsultApp. Update the app to open it."
        )
    if revision is not None and db.path is not None:
        backup = _backup_before_migrating(db, revision)
        log.info("backed up the database before migrating to %s", backup.name)
    from alembic import command  # lazy: only a migration needs Alembic, slow to import
    from alembic.config import Config  # lazy: as above

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection if db.is_sqlite else None
        if raw is not None:
            # Batch migrations rebuild tables (copy, drop, rename). With foreign keys on, dropping the
            # old table cascades deletes into every child table, so they must be off, and that can only
            # be switched outside a transaction; the check below stands in for them.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if raw is not None:
                    # A batch migration that rebuilt the client table dropped the search triggers.
                    create_search_index(connection)
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left {len(broken)} rows with broken references")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
    log.info("database schema migrated from %s to %s", revision or "empty", HEAD_REVISION)


def open_database(
    target: str | Path,
    *,
    create: bool = True,
    run_migrations: bool = True,
    passphrase: str | None = None,
    encrypt_new: bool = False,
    kdf: KdfParams = DEFAULT_KDF,
) -> Database:
    """Open the database at ``target`` and migrate it.

    A SQLite file that does not exist is created if ``create``: encrypted when ``encrypt_new`` or a
    ``passphrase`` is given (``Database.recovery_key`` then holds the recovery key to show once),
    plain otherwise. An existing plain file always opens without a passphrase; an encrypted one
    needs its passphrase or recovery key.

    Raises:
        KnownError: the target is invalid, unreachable, not a database, locked by a passphrase the
            caller did not give (PassphraseRequired) or gave wrong (WrongPassphrase), or newer than this app.
    """
    url = resolve_url(target)
    try:
        data_key: bytes | None = None
        recovery: str | None = None
        if url.get_backend_name() == "sqlite":
            path = Path(url.database) if url.database and url.database != ":memory:" else None
            if path is not None and not path.exists():
                if not create:
                    raise NotFoundError(f"No database at {path}.")
                if (encrypt_new or passphrase is not None) and not passphrase:
                    raise PassphraseRequired("Choose a passphrase to protect the new database.")
                private_dir(path.parent)
                if passphrase:
                    data_key, keyfile, recovery = create_keys(passphrase, kdf)
                    keyfile.write(keyfile_for(path))
                create_private(path)  # 0600 before SQLite opens it (its -wal and -shm take this mode)
            elif path is not None and _is_encrypted(path):
                # A passphrase tried is slowed by the failures before it (the counter beside the key file).
                data_key = (_unlock(path, None) if passphrase is None
                            else attempts.guarded(path, lambda: _unlock(path, passphrase)))
            if path is not None:
                make_private(keyfile_for(path))
            engine = create_engine(url, module=_sqlcipher()) if data_key else create_engine(url)
            _configure_sqlite(engine, data_key, path)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        sessions = sessionmaker(engine, expire_on_commit=False)
        audit.install(sessions)
        stamps.install(sessions)
        db = Database(
            engine=engine,
            url=url,
            sessions=sessions,
            encrypted=data_key is not None,
            data_key=data_key,
            recovery_key=recovery,
        )
        if run_migrations:
            try:
                migrate(db)
            except BaseException:
                db.close()
                raise
        if db.is_sqlite:
            _watch_offline_copy(db)
        return db
    except Exception as exc:
        known = classify(exc)
        if known is None:
            raise
        raise known from exc


def _watch_offline_copy(db: Database) -> None:
    """A local copy of a practice's caseload records every change in its outbox (store/offline/outbox.py)."""
    from consultapp.store.offline import outbox, tables  # lazy: only a local copy needs them

    with db.engine.connect() as conn:
        if tables.is_local_copy(conn):
            outbox.install(db.sessions)


def _sqlcipher() -> Any:
    try:
        import sqlcipher3  # lazy: an optional native module, for encrypted files only
    except ModuleNotFoundError:  # pragma: no cover - a broken install
        raise DriverMissing("Encryption support (sqlcipher3) is not installed.") from None
    return sqlcipher3


def _is_encrypted(path: Path) -> bool:
    """A file that is no plain SQLite, or an empty one beside its key file (an encrypted database just begun)."""
    size = path.stat().st_size
    return not is_plain_sqlite(path) if size > 0 else keyfile_for(path).exists()


def _unlock(path: Path, passphrase: str | None) -> bytes:
    keys = keyfile_for(path)
    if not keys.exists():
        raise NotADatabase(
            f"{path.name} is not a ConsultApp database, or it is damaged, or it is encrypted and its key file "
            f"{keys.name} is missing beside it."
        )
    if passphrase is None:
        raise PassphraseRequired("This database is encrypted: its passphrase is needed (--passphrase-file).")
    settled = settle(path, passphrase)  # a rotation of its key cut short: finished or undone first
    if settled is not None:
        return settled
    try:
        return KeyFile.read(keys).unlock(passphrase)
    except WrongSecret:
        raise WrongPassphrase("That passphrase (or recovery key) does not open this database.") from None
