"""Consultants as users: who is working (stamped on every record by store/stamps.py); logins on a server.

On PostgreSQL each consultant connects with her own login, a member of one of the practice's *own*
group roles (``<practice>_admin``, ``<practice>_consultant``, ``<practice>_reviewer``, where the
practice is its database, and schema when not ``public``: ``consultapp_group`` in store/server_sql.py).
Only those roles may connect to the practice's database. Consultants read and write the records;
reviewers only read; admins also add and disable consultants. No login of the practice can change the
audit trail, the consultant table or the schema version: the consultant table changes only through
the server's functions, which check for an admin of this practice. The server enforces all of it, so a
reviewer's app cannot write even if it tried; the app also knows the role, to grey out what she cannot do.

``setup_practice_roles`` (``consultapp practice setup`` / ``upgrade``), run as the practice's owner,
creates the roles and grants, and moves a practice made with the old server-wide roles
(``consultapp_admin``, ...) onto its own.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from consultapp.domain.records import Consultant, Role
from consultapp.store import scram
from consultapp.store.db import Database
from consultapp.store.errors import KnownError, NotFoundError
from consultapp.store.models import ConsultantRow
from consultapp.store.offline.server_sql import EXECUTABLE as DEVICE_EXECUTABLE
from consultapp.store.server_sql import EXECUTABLE, install_statements
from consultapp.store.types import utcnow

LEGACY_GROUP_ROLES = {
    Role.ADMIN: "consultapp_admin",
    Role.CONSULTANT: "consultapp_consultant",
    Role.REVIEWER: "consultapp_reviewer",
}
"""The server-wide roles of versions before 0013: shared by every practice on the server (issue 14)."""
GROUP_ROLES = LEGACY_GROUP_ROLES  # (the old name)
IDLE_SESSION_TIMEOUT = "30min"
"""The server closes a consultant's connection idle this long (the app reconnects when she works again)."""
IDLE_IN_TRANSACTION_TIMEOUT = "5min"
_TIMEOUTS = (("idle_session_timeout", IDLE_SESSION_TIMEOUT),
             ("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION_TIMEOUT))
PROTECTED_TABLES = ("audit_entry", "audit_head", "consultant", "alembic_version", "offline_device", "client_word",
                    "search_word")
"""Tables every group may read and none may write (the server's functions and triggers write them)."""
SECRET_TABLES = ("audit_key", "audit_tx")
"""Tables no group may even read."""
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _from_row(row: ConsultantRow) -> Consultant:
    return Consultant(row.name, row.credentials, row.role, row.db_role, row.active, row.id, row.version)


def consultants(db: Database) -> list[Consultant]:
    with db.session() as s:
        return [_from_row(r) for r in s.scalars(select(ConsultantRow).order_by(ConsultantRow.name))]


@contextmanager
def server_says() -> Iterator[None]:
    """A refusal raised by the server's functions (SQLSTATE P0001) as the one line it is."""
    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "P0001":
            diag = getattr(exc.orig, "diag", None)
            raise KnownError(str(getattr(diag, "message_primary", None) or exc.orig)) from None
        raise


def save_consultant(db: Database, consultant: Consultant) -> Consultant:
    if not consultant.name.strip():
        raise KnownError("A consultant needs a name.")
    if consultant.db_role is not None and not _ROLE_NAME.match(consultant.db_role):
        raise KnownError("A server login is lower-case letters, digits and _ (up to 63), starting with a letter.")
    if not db.is_sqlite:
        cid = consultant.id or uuid.uuid4()
        with server_says(), db.session() as s:
            s.execute(
                text("SELECT consultapp_save_consultant(:i, :n, :c, :r, :l, :a)"),
                {"i": cid, "n": consultant.name.strip(), "c": consultant.credentials.strip(),
                 "r": consultant.role.value, "l": consultant.db_role, "a": consultant.active},
            )
            row = s.get(ConsultantRow, cid, populate_existing=True)
            assert row is not None
            return _from_row(row)
    with db.session() as s:
        row = s.get(ConsultantRow, consultant.id) if consultant.id else None
        if row is None:
            row = ConsultantRow(id=consultant.id or uuid.uuid4())
            s.add(row)
        row.updated_at = utcnow()
        row.name = consultant.name.strip()
        row.credentials = consultant.credentials.strip()
        row.role = consultant.role
        row.db_role = consultant.db_role
        row.active = consultant.active
        s.flush()
        return _from_row(row)


def current_consultant(db: Database) -> Consultant | None:
    """Who is working: on PostgreSQL, the consultant whose login this connection uses."""
    if db.is_sqlite:
        active = [c for c in consultants(db) if c.active]
        return active[0] if len(active) == 1 else None
    with db.session() as s:
        login = s.execute(text("SELECT session_user")).scalar_one()
        row = s.scalars(select(ConsultantRow).where(ConsultantRow.db_role == login)).first()
        return _from_row(row) if row is not None else None


# -- PostgreSQL logins --------------------------------------------------------------------------------
def _quote(name: str) -> str:
    if not _ROLE_NAME.match(name):
        raise KnownError(f"'{name}' is not a valid server login name.")
    return f'"{name}"'


def group_role(db: Database, role: Role) -> str:
    """This practice's own group role for ``role`` (on PostgreSQL)."""
    with db.session() as s:
        return str(s.execute(text("SELECT consultapp_group(:k)"), {"k": role.value}).scalar_one())


def _exists(s: Session, role: str) -> bool:
    return s.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def setup_practice_roles(db: Database) -> list[str]:
    """Give the practice its own roles and rights (idempotent); returns what was done, in plain lines.

    Run as the practice's owner (who owns the tables). Creating the three group roles needs CREATEROLE
    once; without it the server administrator creates them first (docs/security-server.md) and this
    finds them. Also moves the logins of a practice made with the old server-wide roles onto its own.
    """
    if db.is_sqlite:
        raise KnownError("Practice roles exist only on a PostgreSQL practice database.")
    done: list[str] = []
    with db.session() as s:
        if not s.execute(text("SELECT consultapp_trusted()")).scalar_one():
            raise KnownError("Set up the practice as its owner (the role that owns its tables), not as a consultant.")
        schema = str(s.execute(text("SELECT current_schema()")).scalar_one())
        for statement in install_statements(schema):
            s.connection().exec_driver_sql(statement.replace("%", "%%"))
        can_create = bool(s.execute(text(
            "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")).scalar_one())
        groups = {r: str(s.execute(text("SELECT consultapp_group(:k)"), {"k": r.value}).scalar_one()) for r in Role}
        missing = [g for g in groups.values() if not _exists(s, g)]
        if missing and not can_create:
            owner = s.execute(text("SELECT current_user")).scalar_one()
            sql = "; ".join(f"CREATE ROLE {g} NOLOGIN; GRANT {g} TO {owner} WITH ADMIN OPTION" for g in missing)
            raise KnownError(f"This login cannot create roles; ask the server administrator to run: {sql}")
        for g in missing:
            s.execute(text(f"CREATE ROLE {_quote(g)} NOLOGIN"))
            done.append(f"created the role {g}")
        _grant(s, schema, groups)
        done.append(f"only {', '.join(groups.values())} (and the owner) may connect to this database")
        if not can_create:  # a login's own settings need CREATEROLE; the database's are its owner's to set
            database = s.execute(text("SELECT quote_ident(current_database())")).scalar_one()
            for setting, value in _TIMEOUTS:
                s.execute(text(f"ALTER DATABASE {database} SET {setting} = '{value}'"))
            done.append(f"every session on this database ends after {IDLE_SESSION_TIMEOUT} idle")
        done += _move_legacy_logins(s, groups, can_create)
    return done


def ensure_group_roles(db: Database) -> None:
    """(The old name of ``setup_practice_roles``.)"""
    setup_practice_roles(db)


def _grant(s: Session, schema: str, groups: dict[Role, str]) -> None:
    q = '"' + schema.replace('"', '""') + '"'
    admin, consultant, reviewer = (_quote(groups[r]) for r in (Role.ADMIN, Role.CONSULTANT, Role.REVIEWER))
    everyone = f"{admin}, {consultant}, {reviewer}"
    database = s.execute(text("SELECT quote_ident(current_database())")).scalar_one()
    legacy = [_quote(g) for g in LEGACY_GROUP_ROLES.values() if _exists(s, g)]
    s.execute(text(f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC"))
    s.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {everyone}, CURRENT_USER"))
    s.execute(text(f"REVOKE CREATE ON SCHEMA {q} FROM PUBLIC"))
    s.execute(text(f"GRANT USAGE ON SCHEMA {q} TO {everyone}"))
    tables = [str(t) for t in s.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema})
              .scalars()]
    for old in legacy:  # the server-wide roles of old: no right left here
        s.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {q} FROM {old}"))
        s.execute(text(f"REVOKE ALL ON SCHEMA {q} FROM {old}"))
        s.execute(text(f"REVOKE ALL ON DATABASE {database} FROM {old}"))
        s.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {q} REVOKE ALL ON TABLES FROM {old}"))
    for table in tables:
        t = f'{q}."{table}"'
        s.execute(text(f"REVOKE ALL ON {t} FROM PUBLIC, {everyone}"))
        if table in SECRET_TABLES:
            continue
        if table in PROTECTED_TABLES:
            s.execute(text(f"GRANT SELECT ON {t} TO {everyone}"))
        else:
            s.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {admin}, {consultant}"))
            s.execute(text(f"GRANT SELECT ON {t} TO {reviewer}"))
    s.execute(text(f"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA {q} FROM {everyone}"))
    for function in (*EXECUTABLE, *DEVICE_EXECUTABLE):
        s.execute(text(f"REVOKE ALL ON FUNCTION {q}.{function} FROM PUBLIC"))
        s.execute(text(f"GRANT EXECUTE ON FUNCTION {q}.{function} TO {everyone}"))


def _move_legacy_logins(s: Session, groups: dict[Role, str], can_create: bool) -> list[str]:
    """Each consultant's login joins her role's group of this practice, and gets the idle timeouts."""
    done: list[str] = []
    for row in s.scalars(select(ConsultantRow).where(ConsultantRow.db_role.is_not(None))):
        login = row.db_role or ""
        if not _exists(s, login):
            continue
        if not can_create:
            done.append(f"ask the server administrator to run: GRANT {groups[row.role]} TO {login}")
            continue
        s.execute(text(f"GRANT {_quote(groups[row.role])} TO {_quote(login)}"))
        _set_timeouts(s, login)
        done.append(f"{login} is in {groups[row.role]}")
    return done


def _set_timeouts(s: Session, login: str) -> None:
    database = s.execute(text("SELECT quote_ident(current_database())")).scalar_one()
    for setting, value in _TIMEOUTS:
        s.execute(text(f"ALTER ROLE {_quote(login)} IN DATABASE {database} SET {setting} = '{value}'"))


def create_login(db: Database, consultant: Consultant, password: str | None) -> Consultant:
    """Give a consultant her own server login, in her role's group of this practice (an admin's act).

    A login that already exists on the server is refused unless it is already this practice's (the
    server's ``consultapp_create_login`` checks, for an admin of this practice only). The password
    reaches the server only as a SCRAM-SHA-256 verifier, never in clear.
    """
    if db.is_sqlite:
        raise KnownError("Server logins exist only on a PostgreSQL practice database.")
    if not consultant.db_role:
        raise KnownError("Choose the consultant's server login name first.")
    _quote(consultant.db_role)
    with db.session() as s:
        trusted = bool(s.execute(text("SELECT consultapp_trusted()")).scalar_one())
        ready = _exists(s, str(s.execute(text("SELECT consultapp_group('consultant')")).scalar_one()))
    if trusted and not ready:
        setup_practice_roles(db)
    verifier = scram.verifier(password) if password else None
    with server_says(), db.session() as s:
        s.execute(
            text("SELECT consultapp_create_login(:l, :v, :k, :i, :t)"),
            {"l": consultant.db_role, "v": verifier, "k": consultant.role.value,
             "i": IDLE_SESSION_TIMEOUT, "t": IDLE_IN_TRANSACTION_TIMEOUT},
        )
    consultant.active = True
    return save_consultant(db, consultant)


def disable(db: Database, consultant_id: uuid.UUID) -> Consultant:
    """Stop a consultant working: her login can no longer connect; her records keep her name."""
    if not db.is_sqlite:
        with server_says(), db.session() as s:
            if s.get(ConsultantRow, consultant_id) is None:
                raise NotFoundError("No such consultant.")
            s.execute(text("SELECT consultapp_disable_consultant(:i)"), {"i": consultant_id})
            row = s.get(ConsultantRow, consultant_id, populate_existing=True)
            assert row is not None
            return _from_row(row)
    with db.session() as s:
        row = s.get(ConsultantRow, consultant_id)
        if row is None:
            raise NotFoundError("No such consultant.")
        row.active = False
        row.updated_at = utcnow()
        s.flush()
        return _from_row(row)

