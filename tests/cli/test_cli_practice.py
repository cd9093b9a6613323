"""Command line for a group practice: migrate-db and consultants (against the PostgreSQL server)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from consultapp.cli import common as cli_common
from consultapp.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_migrate_db_moves_every_row_and_refuses_a_non_empty_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], postgres_schema_url: str
) -> None:
    source = str(tmp_path / "laptop.db")
    run(capsys, "demo", "--db", source, "--clients", "4")
    code, out, err = run(capsys, "migrate-db", "--from", source, "--to", postgres_schema_url)
    assert code == 0, err
    assert "every table matches" in out
    before = json.loads(run(capsys, "visits", "--db", source, "--json")[1])
    after = json.loads(run(capsys, "visits", "--db", postgres_schema_url, "--json")[1])
    assert before == after
    code, _, err = run(capsys, "migrate-db", "--from", source, "--to", postgres_schema_url)
    assert code == 2 and "not empty" in err


@pytest.fixture
def practice_database(postgres_schema_url: str) -> Iterator[str]:
    """A database of its own: adding a login gives the practice its roles and closes CONNECT to everyone else."""
    name = f"cap_cli_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(postgres_schema_url).set(query={}), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(postgres_schema_url).set(database=name, query={}).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for (group,) in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                         {"p": f"{name}\\_%"}).all():
                conn.execute(text(f'DROP ROLE IF EXISTS "{group}"'))
        admin.dispose()


def test_consultants_with_their_own_logins(capsys: pytest.CaptureFixture[str], practice_database: str) -> None:
    login = f"t_jo_{uuid.uuid4().hex[:8]}"
    db = practice_database
    try:
        code, out, err = run(capsys, "consultant", "add", "--db", db, "--name", "Jo Example", "--credentials",
                             "IBCLC", "--role", "reviewer", "--login", login)
        assert code == 0, err
        people = json.loads(run(capsys, "consultant", "list", "--db", db, "--json")[1])
        assert [(p["name"], p["role"], p["login"], p["active"]) for p in people] == [
            ("Jo Example", "reviewer", login, True)
        ]
        as_jo = make_url(db).set(username=login).render_as_string(hide_password=False)
        assert run(capsys, "visits", "--db", as_jo, "--json")[0] == 0  # a reviewer reads
        code, _, err = run(capsys, "demo", "--db", as_jo, "--clients", "1")
        assert code == 2 and "may only read" in err  # and cannot write
        assert run(capsys, "consultant", "disable", "--db", db, "--id", people[0]["id"])[0] == 0
        code, _, err = run(capsys, "visits", "--db", as_jo)
        assert code == 2 and len(err.strip().splitlines()) == 1
    finally:
        admin = create_engine(make_url(db), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP OWNED BY "{login}"'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        admin.dispose()


def test_practice_setup_on_a_file_is_refused_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "practice", "setup", "--db", str(tmp_path / "p.db"))
    assert code == 2 and err.count("\n") == 1 and "PostgreSQL URL" in err


def test_consultant_add_refuses_a_login_of_someone_else(
    capsys: pytest.CaptureFixture[str], practice_database: str
) -> None:
    code, out, _err = run(capsys, "practice", "setup", "--db", practice_database)
    assert code == 0 and "may connect to this database" in out
    code, _out, err = run(capsys, "consultant", "add", "--db", practice_database, "--name", "Owner Of All",
                          "--login", "postgres")
    assert code == 2 and err.count("\n") == 1 and "not one of this practice's" in err
