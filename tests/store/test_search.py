"""Client search: the SQLite trigram index and PostgreSQL's LIKE give what a plain scan gives."""

from __future__ import annotations

import random
import re

import pytest
from factories import make_named_client

from consultapp.domain.records import Client
from consultapp.domain.text import digits, fold
from consultapp.store.facade import Store
from consultapp.store.search_index import TABLE as SEARCH_TABLE
from consultapp.store.transfer import erase_client

GIVEN = ["Nguyễn Thị", "Zoë", "Amara", "Ana", "Siobhán", "王", "فاطمة", "Ole", "Bo", "Emma 🌸", "<b>Ana"]
FAMILY = ["Ánh", "O'Brien-Šimić", "Okafor", "Silva", "Ní Bhriain", "秀英", "الحداد", "Øster", "Li", "& Co</b>"]
BABIES = ["Bé Minh", "Leo", "Isla", "Kai", "Noor", "李小龍", ""]


def reference(clients: list[Client], query: str) -> list[str]:
    """What search means, by brute force: every folded word is in a name (or the phone's digits)."""
    out = []
    for c in clients:
        text = " ".join(fold(p) for p in (c.given_name, c.family_name, *(b.name for b in c.babies)) if p)
        squeezed = re.sub(r"['\u2019\-]", "", text)
        hay = f"{text} {squeezed} {digits(c.phone)}"
        if all(w in hay for w in fold(query).split()):
            out.append(c.full_name)
    return sorted(out)


@pytest.fixture
def population(repo: Store) -> list[Client]:
    rng = random.Random(7)
    clients = []
    for i in range(60):
        baby = rng.choice(BABIES) or f"Baby{i}"  # drawn first, as the population always was
        client = make_named_client(rng.choice(GIVEN), rng.choice(FAMILY), baby, phone=f"555 01{i:02d}")
        clients.append(repo.save_client(client))
    return clients


QUERIES = ["", "a", "an", "ana", "nguyen", "NGUYỄN thi", "obrien", "o'brien", "simic", "šimić", "王", "秀英",
           "李小龍", "فاطمة", "oster", "øster", "bé", "be minh", "555 0107", "0107", "<b>", "&", "🌸", "zz", "li ole",
           "%", "_", "bhriain", "ní"]


@pytest.mark.parametrize("query", QUERIES)
def test_search_matches_a_plain_scan(repo: Store, population: list[Client], query: str) -> None:
    found = sorted(c.full_name for c in repo.search_clients(query, limit=1000))
    assert found == reference(population, query)


def test_the_index_follows_edits_and_erasures(repo: Store, population: list[Client]) -> None:
    target = population[0]
    assert target.id is not None
    target.given_name, target.family_name = "Renamed", "Qwxyz"
    repo.save_client(target)
    assert [c.id for c in repo.search_clients("qwxyz")] == [target.id]
    erase_client(repo.db, target.id)
    assert repo.search_clients("qwxyz") == []



@pytest.mark.parametrize("query", ["an", "555", "0107", "an 555"])
def test_a_short_word_walks_the_covering_index_not_the_clients(
    repo: Store, population: list[Client], query: str
) -> None:
    """One or two letters, or a few digits (in many phones), are matched in name order on
    ix_client_search_cover (migration 0017), which holds the search text: SQLite reads a client's row only
    once the index says she matches, and stops when the page is full."""
    if not repo.db.is_sqlite:
        pytest.skip("SQLite's index: on PostgreSQL the word index walks the clients (test_pg_search.py)")
    plan = _sqlite_plan(repo, query)
    assert "SCAN client USING INDEX ix_client_search_cover" in plan and "VIRTUAL TABLE" not in plan, plan
    assert sorted(c.full_name for c in repo.search_clients(query, limit=1000)) == reference(population, query)


@pytest.mark.parametrize("query", ["ana", "50107", "an 50107"])
def test_a_word_of_three_letters_or_five_digits_goes_through_the_trigram_index(
    repo: Store, population: list[Client], query: str
) -> None:
    if not repo.db.is_sqlite:
        pytest.skip("SQLite's index: on PostgreSQL the word index walks the clients (test_pg_search.py)")
    assert f"{SEARCH_TABLE} VIRTUAL TABLE INDEX" in _sqlite_plan(repo, query)
    assert sorted(c.full_name for c in repo.search_clients(query, limit=1000)) == reference(population, query)


def _sqlite_plan(repo: Store, query: str) -> str:
    """SQLite's plan for the statement the store sends for ``query``."""
    from consultapp.bench.probes import captured_search_sql  # lazy: the statement the store sends, as the bench sees it

    statement, params = captured_search_sql(repo, query)
    with repo.db.engine.connect() as conn:
        return " | ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params))


@pytest.mark.postgres
def test_postgresql_searches_through_the_trigram_index(postgres_schema_url: str) -> None:
    """pg_trgm's index is made by the migrations, and PostgreSQL's planner uses it for a typed word."""
    from sqlalchemy import text

    from consultapp.store.db import open_database
    from consultapp.store.search_index import PG_INDEX

    db = open_database(postgres_schema_url)
    try:
        repo = Store(db)
        for i in range(30):
            repo.save_client(make_named_client(f"Amara{i}", "Okafor", "Leo"))
        repo.save_client(make_named_client("Siobhán", "Ní Bhriain"))
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'client'"
                                     " AND indexname = :name"), {"name": PG_INDEX}).scalar() == PG_INDEX
            conn.execute(text("ANALYZE client"))
            conn.execute(text("SET enable_seqscan = off"))  # (31 rows: let the plan show the index can be used)
            plan = "\n".join(conn.execute(text(
                "EXPLAIN SELECT id FROM client WHERE search_text LIKE '%siobhan%'")).scalars())
        assert PG_INDEX in plan, plan
        assert [c.full_name for c in repo.search_clients("siobhan")] == ["Siobhán Ní Bhriain"]
        assert len(repo.search_clients("amara")) == 30
    finally:
        db.close()


@pytest.mark.postgres
def test_a_server_that_refuses_pg_trgm_still_migrates_and_searches(postgres_schema_url: str) -> None:
    """A login that may not install extensions (no CREATE on its database) gets the schema without the index.

    In a database of its own, made for the test: the shared one may have pg_trgm already."""
    import uuid

    from sqlalchemy import create_engine, make_url, text

    from consultapp.store.db import open_database
    from consultapp.store.search_index import PG_INDEX

    base = make_url(postgres_schema_url).set(query={})  # (the server the suite uses; the schema is not needed)
    name = f"t_noext_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{name}" LOGIN'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        conn.execute(text(f'REVOKE CREATE ON DATABASE "{name}" FROM PUBLIC'))
    own = create_engine(base.set(database=name), isolation_level="AUTOCOMMIT")
    with own.connect() as conn:
        conn.execute(text(f'GRANT USAGE, CREATE ON SCHEMA public TO "{name}"'))
    own.dispose()
    try:
        db = open_database(base.set(database=name, username=name).render_as_string(hide_password=False))
        try:
            repo = Store(db)
            repo.save_client(make_named_client("Siobhán", "Ní Bhriain"))
            assert [c.full_name for c in repo.search_clients("siobhan")] == ["Siobhán Ní Bhriain"]
            with db.engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() == 0
                assert conn.execute(text("SELECT count(*) FROM pg_indexes WHERE indexname = :n"),
                                    {"n": PG_INDEX}).scalar() == 0
        finally:
            db.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        admin.dispose()


def test_a_phone_number_is_found_as_it_is_written(repo: Store) -> None:
    zoe = repo.save_client(make_named_client("Zoë", "O'Brien-Šimić", phone="+1 (415) 555-0199"))
    repo.save_client(make_named_client("Ana", "Silva", phone="+1 (415) 555-0142"))
    for typed in ("555-0199", "(415) 555-0199", "+1 415 555.0199", "5550199", "zoe 0199"):
        assert [c.id for c in repo.search_clients(typed)] == [zoe.id], typed
    assert len(repo.search_clients("(415)")) == 2
    assert repo.search_clients("555-0198") == []


def test_chinese_japanese_and_korean_names_are_found_typed_whole(repo: Store) -> None:
    wang = repo.save_client(make_named_client("王", "小明", "宝宝"))
    yamada = repo.save_client(make_named_client("花子", "山田"))
    kim = repo.save_client(make_named_client("한나", "김"))
    latin = repo.save_client(make_named_client("Ana", "Silva"))
    for typed, who in (("王小明", wang), ("小明王", wang), ("王小", wang), ("山田花子", yamada), ("김한나", kim),
                       ("王", wang), ("宝宝", wang)):
        assert [c.id for c in repo.search_clients(typed)] == [who.id], typed
    assert repo.search_clients("anasilva") == [] and [c.id for c in repo.search_clients("ana silva")] == [latin.id]


def test_the_migration_keeps_whole_names_for_clients_saved_before_it(repo: Store) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from consultapp.store.db import HEAD_REVISION, MIGRATIONS_DIR

    wang = repo.save_client(make_named_client("王", "小明", "宝宝"))
    with repo.db.engine.begin() as conn:  # as the app before 0009 stored it
        conn.execute(text("UPDATE client SET search_text = '王 小明 宝宝'"))
    assert repo.search_clients("王小明") == []
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with repo.db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "0008_pg_client_search")
        command.upgrade(config, "0009_cjk_search_text")  # (the later revisions' tables are there already)
        command.stamp(config, HEAD_REVISION)
    assert [c.id for c in repo.search_clients("王小明")] == [wang.id]
    assert [c.id for c in repo.search_clients("宝宝")] == [wang.id]


def test_the_next_page_follows_the_last_row_shown_whatever_others_save_meanwhile(repo: Store) -> None:
    for i in range(30):
        repo.save_client(make_named_client(f"Bea{i:02d}", "Smith"))
    first = repo.search_clients("", limit=10)
    early = repo.save_client(make_named_client("Aaron", "Aardvark"))  # another consultant, sorting before the page
    second = repo.search_clients("", limit=10, after=first[-1].id)
    assert [c.full_name for c in second] == [f"Bea{i:02d} Smith" for i in range(10, 20)]  # none again, none lost
    erase_client(repo.db, first[0].id)
    third = repo.search_clients("", limit=10, after=second[-1].id)
    assert [c.full_name for c in third] == [f"Bea{i:02d} Smith" for i in range(20, 30)]
    assert repo.search_clients("", limit=10, after=third[-1].id) == []
    assert early.id not in {c.id for c in first + second + third}
    assert [c.full_name for c in repo.search_clients("bea2", limit=3, after=third[0].id)] == [
        "Bea21 Smith", "Bea22 Smith", "Bea23 Smith"]
