"""The generator's bulk inserts write what the ORM would, and the group practice's load test at small scale."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.dialects import sqlite

from consultapp.bench import server
from consultapp.bench.bulk import TableWriter
from consultapp.bench.practice import HEAVY_CLIENTS, HEAVY_VISITS, PracticeSize, ensure_practice
from consultapp.domain.records import Client
from consultapp.store import models as m
from consultapp.store.db import HEAD_REVISION, KNOWN_REVISIONS, open_database
from consultapp.store.facade import Store
from consultapp.store.loadtest import run_process_load
from consultapp.store.search_index import PG_INDEX

SMALL = PracticeSize(clients=60, babies=70, visits=HEAVY_CLIENTS * HEAVY_VISITS + 200)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_practice(SMALL, folder=tmp_path_factory.mktemp("bench-bulk")).path


def test_bulk_rows_are_written_as_sqlalchemy_would_write_them() -> None:
    writer = TableWriter(m.VisitRow.__table__, sqlite.dialect())
    stamp = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
    visit_id, client_id = uuid.uuid4(), uuid.uuid4()
    row = {
        "id": visit_id,
        "client_id": client_id,
        "visit_date": dt.date(2026, 6, 2),
        "location": "home",
        "reason": "Latch",
        "status": "final",
        "breast_concern": None,
        "breast_side": None,
        "breast_signs": ["pain"],
        "parent_unrested": True,
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
    }
    values = dict(zip(writer.names, writer.values(row), strict=True))
    assert (
        values["id"] == visit_id.hex and values["visit_date"] == "2026-06-02" and values["breast_signs"] == '["pain"]'
    )
    assert values["parent_unrested"] == 1 and values["parent_chills"] == 0  # a default the row leaves out
    assert values["created_at"] == "2026-06-01 12:00:00.000000"
    with pytest.raises(ValueError):
        writer.values({**row, "reason": "other"} | {"extra": 1})  # every row names the same columns
    wrong = TableWriter(m.VisitRow.__table__, sqlite.dialect())
    with pytest.raises(ValueError):  # a value SQLAlchemy would refuse is refused here too (the enum's check)
        wrong.values({**row, "location": "moon"})


def test_the_practice_keeps_its_indexes_search_index_and_references(small: Path) -> None:
    con = sqlite3.connect(small)
    try:
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"ix_client_sort_name", "ix_client_search_cover", "ix_visit_visit_date"} <= indexes
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM client_search").fetchone() == (60,)
        plan = " ".join(
            str(r) for r in con.execute("EXPLAIN QUERY PLAN SELECT id FROM client ORDER BY sort_name LIMIT 10")
        )
        # the name order comes from an index (either name index), never from sorting the table
        assert ("ix_client_sort_name" in plan or "ix_client_search_cover" in plan) and "TEMP B-TREE" not in plan
    finally:
        con.close()
    db = open_database(small, create=False)
    try:
        repo = Store(db)
        for client in repo.search_clients("", limit=60):
            name = client.full_name.split()[-1].lower()
            assert client.id in {c.id for c in repo.search_clients(name, limit=60)}  # through the trigram index
    finally:
        db.close()


def test_the_load_of_consultants_as_processes_loses_and_duplicates_nothing(postgres_schema_url: str) -> None:
    url = postgres_schema_url
    open_database(url).close()  # the schema, migrated
    result = run_process_load(url, consultants=3, rounds=3, timeout=120, think_s=(0.0, 0.05))
    assert result.errors == ()
    # (each consultant's first save, made before the start, is counted too: 3 x (1 + 3))
    assert (result.saves, result.stored, result.distinct, result.lost, result.duplicated) == (12, 12, 12, 0, 0)
    assert len(result.latencies_ms) == 9 and len(result.search_ms) == 9 and len(result.first_ms) == 3
    assert sorted(result.save_rounds) == [0, 0, 0, 1, 1, 1, 2, 2, 2] and len(result.save_offsets_ms) == 9
    assert len(result.round_latencies_ms(first=True)) == 3 and len(result.round_latencies_ms(first=False)) == 6
    db = open_database(url)
    try:
        assert Store(db).search_clients("load") == []  # the run's client went, with her visits
    finally:
        db.close()


def test_a_consultant_who_fails_is_counted_as_an_error(postgres_schema_url: str) -> None:
    open_database(postgres_schema_url).close()
    result = run_process_load(postgres_schema_url, consultants=2, rounds=2, searches=(), timeout=120, think_s=(0, 0))
    assert len(result.errors) == 2 and all("ZeroDivisionError" in e for e in result.errors)  # (no search to type)
    assert result.lost == 4 and result.stored == 2  # (only the first saves, made before the start)


def test_the_practice_is_copied_to_the_server_once_and_searched_the_same(
    small: Path, postgres_schema_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    base = make_url(postgres_schema_url)
    plain = base.difference_update_query(["options"]).render_as_string(hide_password=False)
    schema = str(base.query["options"]).split("=", 1)[1]
    older = f"{schema}_older"

    def name(clients: int, revision: str = HEAD_REVISION) -> str:  # the fixture's schema, dropped after
        return schema if revision == HEAD_REVISION else older if revision == KNOWN_REVISIONS[-2] else "none"

    monkeypatch.setattr(server, "schema_name", name)
    info = ensure_practice(SMALL, folder=small.parent)
    said: list[str] = []
    url = server.ensure_pg_practice(plain, info, SMALL.clients, said.append)
    assert len(said) == 1 and server.ensure_pg_practice(plain, info, SMALL.clients, said.append) == url
    assert len(said) == 1  # the second time, the copy is kept
    # A copy made at the previous revision is migrated forward (renamed), not copied again.
    admin = create_engine(plain, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER SCHEMA "{schema}" RENAME TO "{older}"'))
        assert server.ensure_pg_practice(plain, info, SMALL.clients, said.append) == url
        assert len(said) == 2 and said[1].startswith("migrating the server's")
        with admin.connect() as conn:
            names = set(conn.execute(text("SELECT nspname FROM pg_namespace")).scalars())
        assert schema in names and older not in names
        with admin.connect() as conn:
            indexes = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = :s"),
                                       {"s": schema}).scalars())
        # Built after the rows are committed (before, their deferred audit events forbade an index on client).
        assert {PG_INDEX, "pk_client_word", "ix_search_word_trgm"} <= indexes, indexes
    finally:
        admin.dispose()
    lite, pg = open_database(small, create=False), open_database(url, run_migrations=False)
    try:
        heavy = info.heavy_client_ids[0]
        for query in ("", "ka", "gar", Store(lite).get_client(heavy).phone):
            assert Store(pg).search_clients(query) == Store(lite).search_clients(query), query
        assert [v.id for v in Store(pg).client_timeline(heavy)] == [v.id for v in Store(lite).client_timeline(heavy)]
        assert len(Store(pg).client_timeline(heavy)) == HEAVY_VISITS
        # The renamed schema's functions follow it: a save works, and is found by the word index.
        saved = Store(pg).save_client(Client("Qwertz", "Renamedschema"))
        assert [c.id for c in Store(pg).search_clients("renamedschema")] == [saved.id]
    finally:
        lite.close()
        pg.close()


def test_a_renamed_copys_functions_look_in_their_new_schema(postgres_schema_url: str) -> None:
    """The server's functions name their schema in their search_path (server_sql.py): after the rename of a copy
    made at an older revision, they must name the new one, or consultapp_trusted() is not found at each save."""
    from sqlalchemy.engine import make_url

    plain = make_url(postgres_schema_url).difference_update_query(["options"]).render_as_string(hide_password=False)
    old, new = f"t_{uuid.uuid4().hex[:12]}", f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(plain, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{old}"'))
            conn.execute(text(f'CREATE FUNCTION "{old}".f() RETURNS int LANGUAGE sql SET search_path = "{old}", pg_temp'
                              " AS 'SELECT 1'"))
            conn.execute(text(f'ALTER SCHEMA "{old}" RENAME TO "{new}"'))
            server._repoint_functions(conn, new)
            config = conn.execute(text("SELECT proconfig FROM pg_proc WHERE pronamespace = CAST(:s AS regnamespace)"),
                                  {"s": new}).scalar_one()
            assert config == [f"search_path={new}, pg_temp"]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{new}" CASCADE'))
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{old}" CASCADE'))
        admin.dispose()
