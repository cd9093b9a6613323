"""A practice database of its own on the test server, with two consultants and an admin (offline tests)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from consultapp.domain.records import Consultant, Role
from consultapp.store import users
from consultapp.store.db import Database, open_database


@dataclass
class OfflinePractice:
    base: URL
    name: str
    owner: str
    admin: str
    jo: str
    mia: str
    run_admin: object

    def url(self, login: str) -> str:
        return self.base.set(username=login, database=self.name).render_as_string(hide_password=False)

    def open(self, login: str) -> Database:
        return open_database(self.url(login))


def practice_server() -> Iterator[OfflinePractice]:
    """Yields a practice (its own database and roles, all carrying a random tag), dropped after."""
    raw = os.environ.get("CONSULTAPP_TEST_PG_URL")
    if not raw:
        if os.environ.get("CONSULTAPP_REQUIRE_PG"):
            pytest.fail("CONSULTAPP_REQUIRE_PG is set but CONSULTAPP_TEST_PG_URL is not")
        pytest.skip(
            "Offline-copy tests need a PostgreSQL server: set CONSULTAPP_TEST_PG_URL "
            "(e.g. postgresql+psycopg://postgres@127.0.0.1/test)"
        )
    base = make_url(raw)
    engine = create_engine(base, isolation_level="AUTOCOMMIT")

    def run(sql: str) -> None:
        with engine.connect() as conn:
            conn.execute(text(sql))

    tag = uuid.uuid4().hex[:8]
    try:
        try:
            run("SELECT 1")
        except Exception as exc:  # pragma: no cover - no server
            pytest.skip(f"PostgreSQL unreachable: {exc}")
        p = OfflinePractice(base, f"off_{tag}", f"own_off{tag}", f"adm_off{tag}", f"jo_off{tag}", f"mia_off{tag}", run)
        run(f'CREATE ROLE "{p.owner}" LOGIN CREATEROLE')
        run(f'CREATE DATABASE "{p.name}" OWNER "{p.owner}"')
        db = p.open(p.owner)
        try:
            users.setup_practice_roles(db)
            for login, name, role in (
                (p.admin, "Ada Admin", Role.ADMIN),
                (p.jo, "Jo Example", Role.CONSULTANT),
                (p.mia, "Mia Müller", Role.CONSULTANT),
            ):
                users.create_login(db, Consultant(name, "IBCLC", role, db_role=login), password=None)
        finally:
            db.close()
        yield p
    finally:
        with engine.connect() as conn:
            like = {"p": f"%off{tag}%"}
            conn.execute(text(f'DROP DATABASE IF EXISTS "off_{tag}" WITH (FORCE)'))
            roles = [r for (r,) in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), like)]
            roles += [
                r
                for (r,) in conn.execute(
                    text("SELECT rolname FROM pg_roles WHERE rolname LIKE :q"), {"q": f"off_{tag}_%"}
                )
            ]
            for role in roles:
                conn.execute(text(f'DROP OWNED BY "{role}"'))
            for role in sorted(roles, key=lambda r: r.startswith("own_")):
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        engine.dispose()
