"""Two practices on one PostgreSQL server, attacked by their own consultants with psql (issue 14, 1, 2, 5, 6, 8).

Each practice is its own database with its own owner (CREATEROLE, not a superuser), its own group roles
and its own logins; the attacker is a plain psycopg connection as a consultant, typing raw SQL.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from factories import make_client, make_visit
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, make_url

from consultapp.domain.records import Consultant, Role
from consultapp.store import audit, scram, users
from consultapp.store.db import Database, open_database
from consultapp.store.errors import KnownError
from consultapp.store.facade import Store

psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL driver (the postgres extra) is not installed")

pytestmark = pytest.mark.postgres


def postgres_url_or_skip() -> str:
    """The test server (tests/conftest.py's variable); each practice here is a database of its own on it."""
    url = os.environ.get("CONSULTAPP_TEST_PG_URL")
    if not url:
        if os.environ.get("CONSULTAPP_REQUIRE_PG"):
            pytest.fail("CONSULTAPP_REQUIRE_PG is set but CONSULTAPP_TEST_PG_URL is not")
        pytest.skip("PostgreSQL tests need CONSULTAPP_TEST_PG_URL (e.g. postgresql+psycopg://postgres@127.0.0.1/test)")
    return url


@dataclass
class Practice:
    base: URL
    name: str
    owner: str
    admin: str
    consultant: str
    reviewer: str

    def url(self, login: str) -> str:
        return self.base.set(username=login, database=self.name).render_as_string(hide_password=False)

    def psql(self, login: str) -> psycopg.Connection:  # type: ignore[type-arg]
        """A raw connection, as someone with psql would have."""
        return psycopg.connect(
            host=self.base.host, port=self.base.port or 5432, user=login, dbname=self.name, autocommit=True
        )

    def open(self, login: str) -> Database:
        return open_database(self.url(login))


def _make_practice(base: URL, admin: Callable[[str], None], tag: str) -> Practice:
    p = Practice(base, f"cap_{tag}", f"own_{tag}", f"adm_{tag}", f"con_{tag}", f"rev_{tag}")
    admin(f'CREATE ROLE "{p.owner}" LOGIN CREATEROLE')
    admin(f'CREATE DATABASE "{p.name}" OWNER "{p.owner}"')
    db = p.open(p.owner)
    try:
        users.setup_practice_roles(db)
        for login, role in ((p.admin, Role.ADMIN), (p.consultant, Role.CONSULTANT), (p.reviewer, Role.REVIEWER)):
            users.create_login(db, Consultant(login.title(), "IBCLC", role, db_role=login), password="pw " + login)
    finally:
        db.close()
    return p


@dataclass
class Server:
    base: URL
    tag: str
    run: Callable[[str], None]
    """Runs one statement as the server's administrator."""


@pytest.fixture
def server() -> Iterator[Server]:
    """The test server; every database and role a test makes carries ``tag`` and is dropped after it."""
    base = make_url(postgres_url_or_skip())
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
        yield Server(base, tag, run)
    finally:
        with engine.connect() as conn:
            like = {"p": f"%{tag}%"}
            for (name,) in conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"), like).all():
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            roles = [r for (r,) in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), like)]
            for role in roles:
                conn.execute(text(f'DROP OWNED BY "{role}"'))
            for role in sorted(roles, key=lambda r: r.startswith("own_")):
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        engine.dispose()


@pytest.fixture
def practices(server: Server) -> tuple[Practice, Practice]:
    one, two = (_make_practice(server.base, server.run, f"{server.tag}{n}") for n in (1, 2))
    return one, two


def test_a_consultant_of_one_practice_cannot_connect_to_another(practices: tuple[Practice, Practice]) -> None:
    one, two = practices
    with one.psql(one.consultant) as conn:  # her own practice: fine
        assert conn.execute("SELECT count(*) FROM client").fetchone() == (0,)
    for login in (one.consultant, one.admin, one.reviewer, one.owner):
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            two.psql(login)
    with pytest.raises(KnownError):
        two.open(one.consultant)  # nor through the app


def _refused(conn: psycopg.Connection, sql: str) -> None:  # type: ignore[type-arg]
    with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)):
        conn.execute(sql)


def test_a_consultant_with_psql_cannot_rewrite_history(practices: tuple[Practice, Practice]) -> None:
    one, _two = practices
    owner = one.open(one.owner)
    try:
        repo = Store(owner)
        client = repo.save_client(make_client("Zoë", "Nguyễn"))
        visit = repo.save_visit(make_visit(client, dt.date(2026, 11, 26), reason="first"))
    finally:
        owner.close()
    with one.psql(one.consultant) as conn:
        for sql in (
            "UPDATE audit_entry SET action = 'nothing'",
            "DELETE FROM audit_entry",
            "TRUNCATE audit_entry",
            'INSERT INTO audit_entry (seq, at, "user", action, record_type, record_id, detail, prev_hash, hash, alg)'
            " VALUES (999, now(), 'x', 'x', 'x', '', '{}', '', '', 'sha256')",
            "UPDATE audit_head SET seq = 1",
            "DELETE FROM audit_head",
            f"UPDATE consultant SET role = 'admin' WHERE db_role = '{one.consultant}'",
            "INSERT INTO consultant (id, name, credentials, role, active, created_at, updated_at, version, created_by,"
            f" updated_by, db_role) VALUES (gen_random_uuid(), 'Me', '', 'admin', true, now(), now(), 1, '', '',"
            f" '{one.consultant}')",
            "UPDATE alembic_version SET version_num = '9999_newer'",
            "DELETE FROM alembic_version",
            "SELECT key FROM audit_key",
            "DELETE FROM audit_tx",
            "INSERT INTO audit_tx VALUES (pg_current_xact_id(), '', NULL)",
            f"SELECT consultapp_save_consultant(gen_random_uuid(), 'Me', '', 'admin', '{one.consultant}', true)",
            f"SELECT consultapp_create_login('{one.consultant}', NULL, 'admin', '1h', '1h')",
            "CREATE TABLE mine (x int)",
            "ALTER TABLE visit DISABLE TRIGGER ALL",
        ):
            _refused(conn, sql)
        # What she may do, she does - and the server writes down that it was she.
        conn.execute(
            "UPDATE visit SET reason = 'rewritten', updated_by = 'Someone Else', created_by = 'Nobody' WHERE id = %s",
            (visit.id,),
        )
        conn.execute("SELECT consultapp_audit_append('export', 'client', 'x', NULL, '{}', 'Sam Other')")
    check = one.open(one.reviewer)
    try:
        with check.session() as s:
            entries = audit.entries(s)
            assert audit.verify(s) == []
            stamps = s.execute(text("SELECT created_by, updated_by FROM visit WHERE id = :i"), {"i": visit.id}).one()
    finally:
        check.close()
    mine = f"{one.consultant.title()}, IBCLC ({one.consultant})"
    assert stamps == ("", mine)  # created_by kept, updated_by her, whatever she wrote into them
    edit = [e for e in entries if e.record_id == str(visit.id) and e.action == "update"]
    assert [e.user for e in edit] == [mine]  # the psql UPDATE is in the trail, naming her login
    assert entries[-1].user == mine and entries[-1].action == "export"  # not "Sam Other", whatever she claims
    assert all(e.alg == audit.KEYED for e in entries)


def test_the_app_of_a_consultant_writes_as_before_and_every_entry_is_keyed(
    practices: tuple[Practice, Practice],
) -> None:
    one, _two = practices
    db = one.open(one.consultant)
    try:
        db.set_user("Claimed Name")
        repo = Store(db)
        client = repo.save_client(make_client("Ana", "Okafor"))
        visit = repo.save_visit(make_visit(client, dt.date(2026, 11, 26), weight_g=3000, reason="a"))
        repo.save_visit(dataclasses.replace(visit, reason="b"))
        assert visit.id is not None
        repo.finalize_visit(visit.id, "Con")
        repo.issue_document(
            kind="careplan",
            content=b"%PDF",
            title="Care plan",
            filename="p.pdf",
            issued_by="Con",
            client_id=client.id,
            visit_id=visit.id,
        )
        with db.session() as s:
            log = [(e.action, e.record_type, e.user) for e in audit.entries(s) if e.client_id == str(client.id)]
            assert audit.verify(s) == []
        me = f"{one.consultant.title()}, IBCLC ({one.consultant})"
        assert log == [
            ("create", "client", me),
            ("create", "visit", me),
            ("update", "visit", me),
            ("finalize", "visit", me),
            ("issue", "document", me),
        ]  # one entry per act, as on a file
        assert users.current_consultant(db) is not None
    finally:
        db.close()
    with one.psql(one.consultant) as conn:  # a child row of the visit, changed by hand, is in the trail too
        conn.execute("UPDATE baby_assessment SET weight_g = 2000")
    check = one.open(one.reviewer)
    try:
        with check.session() as s:
            last = audit.entries(s)[-1]
            assert audit.verify(s) == []
    finally:
        check.close()
    assert (last.action, last.record_type, last.client_id, last.user) == (
        "update",
        "baby_assessment",
        str(client.id),
        me,
    )


def test_an_admin_cannot_take_other_logins_nor_grant_herself_more(practices: tuple[Practice, Practice]) -> None:
    one, two = practices
    db = one.open(one.admin)
    try:
        for foreign in (two.owner, two.consultant, "postgres", one.owner, one.admin):
            with pytest.raises(KnownError, match="not one of this practice's"):
                users.create_login(db, Consultant("Taken", "", Role.CONSULTANT, db_role=foreign), password="new")
        newcomer = users.create_login(
            db, Consultant("New Person", "IBCLC", Role.REVIEWER, db_role=f"{one.admin}_n"), password=None
        )
        assert newcomer.active and newcomer.db_role == f"{one.admin}_n"
    finally:
        db.close()
    with one.psql(one.admin) as conn:
        for sql in (
            "GRANT pg_read_all_data TO CURRENT_USER",
            f'GRANT "{two.name}_consultant" TO CURRENT_USER',
            f"ALTER ROLE \"{two.owner}\" PASSWORD 'x'",
            "CREATE ROLE sneaky LOGIN",
        ):
            _refused(conn, sql)
    con = one.open(one.consultant)
    try:
        with pytest.raises(KnownError, match="Only an admin"):
            users.create_login(con, Consultant("Me", "", Role.ADMIN, db_role=f"{one.consultant}_x"), password=None)
        with pytest.raises(KnownError, match="Only an admin"):
            users.save_consultant(con, Consultant("Me", "", Role.ADMIN, db_role=one.consultant))
    finally:
        con.close()


def test_passwords_reach_the_server_only_as_scram_verifiers(practices: tuple[Practice, Practice]) -> None:
    one, _two = practices
    db = one.open(one.owner)
    sent: list[str] = []
    event.listen(
        db.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, params, *_a: sent.append(f"{statement} {params!r}"),
    )
    try:
        users.create_login(
            db, Consultant("Pat", "", Role.CONSULTANT, db_role=f"{one.consultant}_p"), password="correct horse ünïcode"
        )
    finally:
        db.close()
    assert sent and not any("correct horse" in s for s in sent)
    server = create_engine(make_url(postgres_url_or_skip()))
    try:
        with server.connect() as conn:
            stored = conn.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": f"{one.consultant}_p"}
            ).scalar_one()
    finally:
        server.dispose()
    iterations, salt = stored.split("$")[1].split(":")
    assert stored == scram.verifier("correct horse ünïcode", salt=base64.b64decode(salt), iterations=int(iterations))


def test_the_server_ends_idle_consultant_sessions(practices: tuple[Practice, Practice]) -> None:
    one, _two = practices
    for login in (one.consultant, one.reviewer, one.admin):
        with one.psql(login) as conn:
            assert conn.execute("SHOW idle_session_timeout").fetchone() == (users.IDLE_SESSION_TIMEOUT,)
            assert conn.execute("SHOW idle_in_transaction_session_timeout").fetchone() == (
                users.IDLE_IN_TRANSACTION_TIMEOUT,
            )


def test_practice_upgrade_moves_a_practice_off_the_old_server_wide_roles(server: Server) -> None:
    from consultapp.cli import main

    p = Practice(server.base, f"cap_{server.tag}3", f"own_{server.tag}", "", f"old_{server.tag}", "")
    other = f"other_{server.tag}"  # a consultant of some other practice on the server, in the same old role
    server.run(f'CREATE ROLE "{p.owner}" LOGIN CREATEROLE')
    server.run(f'CREATE DATABASE "{p.name}" OWNER "{p.owner}"')
    for login in (p.consultant, other):
        server.run(f'CREATE ROLE "{login}" LOGIN')
    for group in users.LEGACY_GROUP_ROLES.values():
        server.run(f"DO $$ BEGIN CREATE ROLE {group} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    server.run(f'GRANT consultapp_consultant TO "{p.consultant}", "{other}"')
    db = p.open(p.owner)  # as an older version left it: every table granted to the server-wide role
    try:
        users.save_consultant(db, Consultant("Old Timer", "IBCLC", Role.CONSULTANT, db_role=p.consultant))
        with db.session() as s:
            s.execute(text("GRANT USAGE ON SCHEMA public TO consultapp_consultant"))
            s.execute(
                text("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO consultapp_consultant")
            )
    finally:
        db.close()
    with p.psql(other) as conn:  # the hole: another practice's consultant reads this one
        assert conn.execute("SELECT count(*) FROM consultant").fetchone() == (1,)
    assert main(["practice", "upgrade", "--db", p.url(p.owner)]) == 0
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        p.psql(other)
    with p.psql(p.consultant) as conn:  # her own login moved into the practice's own role
        assert conn.execute("SELECT count(*) FROM consultant").fetchone() == (1,)
        conn.execute(
            "INSERT INTO practice (id, name, consultant_name, credentials, address, phone, email, settings,"
            " fax, identifiers, created_at, updated_at, version, created_by, updated_by) VALUES"
            " (gen_random_uuid(), 'P', '', '', '', '', '', '{}', '', '{}', now(), now(), 1, '', '')"
        )
        assert conn.execute(
            "SELECT has_table_privilege('consultapp_consultant', 'public.visit', 'SELECT')"
        ).fetchone() == (False,)
        assert conn.execute("SHOW idle_session_timeout").fetchone() == (users.IDLE_SESSION_TIMEOUT,)


def test_a_practice_whose_owner_cannot_create_roles(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    """The narrowest owner: no CREATEROLE. The server administrator makes the roles; the app says exactly which."""
    from consultapp.cli import main

    p = Practice(server.base, f"cap_{server.tag}4", f"own_{server.tag}", "", f"con_{server.tag}", "")
    server.run(f'CREATE ROLE "{p.owner}" LOGIN')
    server.run(f'CREATE DATABASE "{p.name}" OWNER "{p.owner}"')
    assert main(["practice", "setup", "--db", p.url(p.owner)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ask the server administrator to run: " in err
    for statement in err.split("to run: ")[1].strip().split("; "):
        server.run(statement)  # exactly what it said
    assert main(["practice", "setup", "--db", p.url(p.owner)]) == 0
    group = f"{p.name}_consultant"
    code = main(["consultant", "add", "--db", p.url(p.owner), "--name", "Jo", "--login", p.consultant])
    err = capsys.readouterr().err
    assert code == 2 and f"CREATE ROLE {p.consultant} LOGIN; GRANT {group} TO {p.consultant}" in err
    server.run(f'CREATE ROLE "{p.consultant}" LOGIN')
    server.run(f'GRANT "{group}" TO "{p.consultant}"')
    assert main(["consultant", "add", "--db", p.url(p.owner), "--name", "Jo", "--login", p.consultant]) == 0
    with p.psql(p.consultant) as conn:
        assert conn.execute("SELECT count(*) FROM consultant").fetchone() == (1,)
        assert conn.execute("SHOW idle_session_timeout").fetchone() == (users.IDLE_SESSION_TIMEOUT,)
        _refused(conn, "DELETE FROM audit_entry")
    db = p.open(p.owner)
    try:
        [jo] = users.consultants(db)
        assert jo.id is not None
        users.disable(db, jo.id)
    finally:
        db.close()
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        p.psql(p.consultant)


@pytest.mark.parametrize("password", ["pencil", "correct horse ünïcode", "I\u00adX \u2168", "ﾊﾟｽﾜｰﾄﾞ 密码"])
def test_the_verifier_is_the_one_the_server_computes_itself(server: Server, password: str) -> None:
    """The server hashes a clear password (in a scratch role, here only); ours, with its salt, is the same."""
    role = f"scram_{server.tag}"
    server.run(f"CREATE ROLE \"{role}\" PASSWORD '{password}'")  # (the one place a clear password is sent)
    engine = create_engine(server.base)
    try:
        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": role}
            ).scalar_one()
    finally:
        engine.dispose()
    iterations, salt = stored.split("$")[1].split(":")
    assert scram.verifier(password, salt=base64.b64decode(salt), iterations=int(iterations)) == stored
