"""PostgreSQL's word index for the client search (store/pg_search.py, migration 0018): the same clients in
the same order as SQLite's search, through the index, kept by triggers, one per practice schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_named_client
from sqlalchemy import create_engine, make_url, text

from consultapp.bench.probes import captured_search_sql
from consultapp.domain.records import Client
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.pg_search import HELD, LONG, VOCABULARY, VOCABULARY_INDEX, WORDS, purge_words

pytestmark = pytest.mark.postgres

LONG_NAME = "Abcdefghij" * 7  # one word longer than LONG: kept as the empty word
NAMES = [
    ("Nguyễn Thị", "Ánh", "Bé Minh"), ("Thảo", "Nguyễn", "Leo"), ("Ana", "Silva", "Ana"),
    ("Zoë", "O'Brien-Šimić", "Kai"),
    ("Li", "Bo", "Mia"), ("Ole", "Øster", "Isla"), ("Per%cent", "Under_score", "A_b"), ("Amara", "Okafor", "Noor"),
    ("王", "小明", "宝宝"), ("Kasenmori", "Delkasen", "Theo"), (LONG_NAME, "Long", "Ivy"), ("Emma", "Smith", "Emma"),
    ("Siobhán", "Ní Bhriain", "Rose"),
    (" ".join(["Мария-Анна"] * 14), " ".join(["Жан-Люк"] * 18), "Leo"),  # a search text over HELD bytes
    ("Ngozi", "Tanaka", "Yuki"), ("Mei", "Müller", "Omar"), ("Ana", "Nguyen", "Ava"),
]
QUERIES = [
    "nguyen", "NGUYỄN thi", "guy", "uyen", "ngu", "thi anh", "ana", "an", "a", "li", "bo", "ole", "øster", "oster",
    "obrien", "o'brien", "brie", "simic", "šimić", "kasen", "sen", "ase", "per%cent", "%", "%c", "_", "a_b", "r_s",
    "under_score", "王小明", "小明", "宝宝", "555", "0107", "01", "5550107", "ana 555", "nguyen 01", "emma", "mma",
    LONG_NAME.lower(), "hijabc", "defghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc", "long abc", "müller",
    "muller", "ull", "zz", "yuki tanaka", "tanaka y", "ngozi", "bhriain", "ní", "марияанна жан", "люк", "анна leo",
    "ana 01", "ana 0107", "leo анна", "жанлюк 5550", "ana ana",
]


@pytest.fixture
def pair(postgres_schema_url: str, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """The same clients, with the same ids, on SQLite and on PostgreSQL."""
    lite, server = open_database(tmp_path / "s.db"), open_database(postgres_schema_url)
    try:
        for i, (given, family, baby) in enumerate(NAMES * 3):
            for db in (lite, server):
                client = make_named_client(given, family, baby, phone=f"555 01{i:02d}", id=uuid.UUID(int=i + 1))
                Store(db).save_client(client)
        yield Store(lite), Store(server)
    finally:
        lite.close()
        server.close()


def _ids(clients: list[Client]) -> list[uuid.UUID | None]:
    return [c.id for c in clients]


def test_the_word_index_finds_what_sqlite_finds_in_the_same_order(pair: tuple[Store, Store]) -> None:
    """Every query, whole and a page at a time (the next page after the last client shown)."""
    lite, server = pair
    for query in QUERIES:
        assert _ids(server.search_clients(query, limit=1000)) == _ids(lite.search_clients(query, limit=1000)), query
        first = server.search_clients(query, limit=2)
        assert _ids(first) == _ids(lite.search_clients(query, limit=2)), query
        if first:
            after = first[-1].id
            assert _ids(server.search_clients(query, limit=3, after=after)) == _ids(
                lite.search_clients(query, limit=3, after=after)), query
    assert server.db.pg_word_index is True


def _plan(repo: Store, query: str) -> str:
    """The plan of the query's statement, as a practice of some size has it: other words and clients' words
    (rolled back after)."""
    statement, params = captured_search_sql(repo, query)
    with repo.db.engine.connect() as conn, conn.begin() as tx:
        conn.execute(text(f"INSERT INTO {VOCABULARY} SELECT 'filler' || i FROM generate_series(1, 5000) AS i"))
        conn.execute(text(f"INSERT INTO {WORDS} SELECT 'filler' || (i % 5000), 'filler', gen_random_uuid()"
                          " FROM generate_series(1, 20000) AS i"))
        conn.execute(text(f"ANALYZE {WORDS}, {VOCABULARY}"))
        conn.execute(text("SET LOCAL enable_seqscan = off"))  # (still few: let the plan show what it can use)
        plan = "\n".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {statement}", params))
        tx.rollback()
    return plan


def test_a_word_is_looked_up_among_the_words_then_its_clients_in_name_order(pair: tuple[Store, Store]) -> None:
    _lite, server = pair
    server.search_clients("nguyen")  # (whether the index is there is asked once, first)
    plan = _plan(server, "nguyen")
    assert VOCABULARY_INDEX in plan and f"pk_{WORDS}" in plan, plan
    assert "ix_client_sort_name" not in plan, plan
    for query in ("nguyen t", "nguyen thao", "ana 555"):  # the other words are matched beside the longest
        assert f"pk_{WORDS}" in _plan(server, query), query
    for query in ("an", "a 555"):  # short words, few digits: every client in name order, from the index alone
        assert f"pk_{WORDS}" in (plan := _plan(server, query)) and "(word = ' '::text)" in plan, query
    assert f"pk_{WORDS}" not in _plan(server, "5550107")  # more digits: pg_trgm's index on the client table


def test_the_triggers_follow_saves_renames_and_erasures(pair: tuple[Store, Store]) -> None:
    from consultapp.store.erasure import erase_everywhere

    _lite, server = pair
    assert uuid.UUID(int=10) in _ids(server.search_clients("kasenmori", limit=100))
    client = server.get_client(uuid.UUID(int=10))
    client.given_name, client.family_name = "Qwertyuiop", "Aaaardvark"
    server.save_client(client)
    assert _ids(server.search_clients("qwerty")) == [client.id]
    assert _ids(server.search_clients("aaaard")) == [client.id]
    assert client.id not in _ids(server.search_clients("kasenmori", limit=100))
    with server.db.engine.connect() as conn:  # her new name's order, in the words' index too
        assert set(conn.execute(text(f"SELECT sort_name FROM {WORDS} WHERE client_id = :i"),
                                {"i": client.id}).scalars()) == {"aaaardvark qwertyuiop"}
    assert _ids(server.search_clients("aaaardvark qwe")) == [client.id]
    erase_everywhere(server.db, uuid.UUID(int=10))
    assert server.search_clients("qwerty") == []
    with server.db.engine.connect() as conn:
        words = set(conn.execute(text(f"SELECT word FROM {VOCABULARY}")).scalars())
        assert "qwertyuiop" not in words and "nguyen" in words  # her words are gone once no client has them
        assert conn.execute(text(f"SELECT count(*) FROM {WORDS} WHERE client_id = :i"),
                            {"i": uuid.UUID(int=10)}).scalar() == 0


def test_a_long_word_is_kept_as_the_empty_word_and_a_long_text_is_not_held(pair: tuple[Store, Store]) -> None:
    _lite, server = pair
    assert len(LONG_NAME) > LONG
    with server.db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT max(char_length(word)) FROM {WORDS}")).scalar() <= LONG
        assert conn.execute(text(f"SELECT count(*) FROM {WORDS} WHERE word = ''")).scalar() == 3
        assert conn.execute(text(f"SELECT max(octet_length(search_text)) FROM {WORDS}")).scalar() <= HELD
        held = f"SELECT count(DISTINCT client_id) FROM {WORDS} WHERE search_text IS NULL"
        assert conn.execute(text(held)).scalar() == 3


def test_purging_keeps_every_word_a_client_has(pair: tuple[Store, Store]) -> None:
    _lite, server = pair
    with server.db.engine.begin() as conn:
        before = set(conn.execute(text(f"SELECT word FROM {VOCABULARY}")).scalars())
        conn.execute(text(f"INSERT INTO {VOCABULARY} VALUES ('nobodyhasthis')"))
        purge_words(conn)
        assert set(conn.execute(text(f"SELECT word FROM {VOCABULARY}")).scalars()) == before


def test_each_practice_schema_has_its_own_word_index(postgres_schema_url: str) -> None:
    base = make_url(postgres_schema_url)
    other = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base.set(query={}), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{other}"'))
    first = open_database(postgres_schema_url)
    second = open_database(base.update_query_dict({"options": f"-csearch_path={other}"}).render_as_string(False))
    try:
        a = Store(first).save_client(make_named_client("Amara", "Okafor"))
        b = Store(second).save_client(make_named_client("Amara", "Okafor"))
        Store(second).save_client(make_named_client("Zoë", "Okafor"))
        assert _ids(Store(first).search_clients("okafor")) == [a.id]
        assert _ids(Store(second).search_clients("okafor"))[0] == b.id
        assert Store(first).search_clients("zoe") == []
    finally:
        first.close()
        second.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{other}" CASCADE'))
        admin.dispose()
