"""Consultants as users: who is working (stamped on every record by store/stamps.py); logins on a server.

On PostgreSQL each consultant connects with her own role. Three group roles carry the rights:
``consultapp_admin`` (everything, and adding or disabling consultants), ``consultapp_consultant``
(read and write the records) and ``consultapp_reviewer`` (read only). The server enforces them, so a
reviewer's app cannot write even if it tried; the app also knows the role, to grey out what she
cannot do.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select, text

from consultapp.domain.records import Consultant, Role
from consultapp.store.db import Database
from consultapp.store.errors import KnownError, NotFoundError
from consultapp.store.models import ConsultantRow
from consultapp.store.types import utcnow

GROUP_ROLES = {
    Role.ADMIN: "consultapp_admin",
    Role.CONSULTANT: "consultapp_consultant",
    Role.REVIEWER: "consultapp_reviewer",
}
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _from_row(row: ConsultantRow) -> Consultant:
    return Consultant(row.name, row.credentials, row.role, row.db_role, row.active, row.id, row.version)


def consultants(db: Database) -> list[Consultant]:
    with db.session() as s:
        return [_from_row(r) for r in s.scalars(select(ConsultantRow).order_by(ConsultantRow.name))]


def save_consultant(db: Database, consultant: Consultant) -> Consultant:
    if not consultant.name.strip():
        raise KnownError("A consultant needs a name.")
    if consultant.db_role is not None and not _ROLE_NAME.match(consultant.db_role):
        raise KnownError("A server login is lower-case letters, digits and _ (up to 63), starting with a letter.")
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
        login = s.execute(text("SELECT current_user")).scalar_one()
        row = s.scalars(select(ConsultantRow).where(ConsultantRow.db_role == login)).first()
        return _from_row(row) if row is not None else None


# -- PostgreSQL logins --------------------------------------------------------------------------------
def _quote(name: str) -> str:
    if not _ROLE_NAME.match(name):
        raise KnownError(f"'{name}' is not a valid server login name.")
    return f'"{name}"'


def ensure_group_roles(db: Database) -> None:
    """Create the three group roles (once) and grant them their rights on the practice's tables."""
    if db.is_sqlite:
        return
    with db.session() as s:
        for group in GROUP_ROLES.values():
            exists = s.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}).first()
            if not exists:
                s.execute(text(f"CREATE ROLE {_quote(group)} NOLOGIN"))
        schema = s.execute(text("SELECT current_schema()")).scalar_one()
        q = f'"{schema}"'
        admin, consultant, reviewer = (_quote(GROUP_ROLES[r]) for r in (Role.ADMIN, Role.CONSULTANT, Role.REVIEWER))
        s.execute(text(f"GRANT USAGE ON SCHEMA {q} TO {admin}, {consultant}, {reviewer}"))
        s.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA {q} TO {admin}"))
        s.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {q} TO {consultant}"))
        s.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {q} TO {reviewer}"))
        s.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {q} GRANT SELECT ON TABLES TO {reviewer}"))


def create_login(db: Database, consultant: Consultant, password: str | None) -> Consultant:
    """Give a consultant her own server login, in the group role of her role (an admin's act)."""
    if db.is_sqlite:
        raise KnownError("Server logins exist only on a PostgreSQL practice database.")
    if not consultant.db_role:
        raise KnownError("Choose the consultant's server login name first.")
    ensure_group_roles(db)
    role = _quote(consultant.db_role)
    with db.session() as s:
        exists = s.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": consultant.db_role}).first()
        if exists:
            s.execute(text(f"ALTER ROLE {role} LOGIN"))
        else:
            s.execute(text(f"CREATE ROLE {role} LOGIN"))
        if password:
            # Parameters cannot be bound in DDL: quote the literal the way the server does.
            literal = s.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
            s.execute(text(f"ALTER ROLE {role} PASSWORD {literal}"))
        for group in GROUP_ROLES.values():
            s.execute(text(f"REVOKE {_quote(group)} FROM {role}"))
        s.execute(text(f"GRANT {_quote(GROUP_ROLES[consultant.role])} TO {role}"))
    consultant.active = True
    return save_consultant(db, consultant)


def disable(db: Database, consultant_id: uuid.UUID) -> Consultant:
    """Stop a consultant working: her login can no longer connect; her records keep her name."""
    with db.session() as s:
        row = s.get(ConsultantRow, consultant_id)
        if row is None:
            raise NotFoundError("No such consultant.")
        row.active = False
        row.updated_at = utcnow()
        if not db.is_sqlite and row.db_role:
            s.execute(text(f"ALTER ROLE {_quote(row.db_role)} NOLOGIN"))
        s.flush()
        return _from_row(row)
