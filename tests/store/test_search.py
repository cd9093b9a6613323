"""Client search: the SQLite trigram index and PostgreSQL's LIKE give what a plain scan gives."""

from __future__ import annotations

import random
import re
import uuid

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



@pytest.mark.parametrize("query", ["a", "an", "an o"])
def test_a_common_short_word_walks_the_covering_index_not_the_clients(
    repo: Store, population: list[Client], query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word of one or two letters that many trigrams start with is in many clients: it is matched in name
    order on ix_client_search_cover (migration 0017), which holds the search text: SQLite reads a client's
    row only once the index says she matches, and stops when the page is full."""
    if not repo.db.is_sqlite:
        pytest.skip("SQLite's index: on PostgreSQL the word index walks the clients (test_pg_search.py)")
    monkeypatch.setattr("consultapp.store.search_index.SHORT_WORD_TRIGRAMS", 1)  # (60 clients: few trigrams)
    plan = _sqlite_plan(repo, query)
    assert "SCAN client USING INDEX ix_client_search_cover" in plan and "VIRTUAL TABLE" not in plan, plan
    assert sorted(c.full_name for c in repo.search_clients(query, limit=1000)) == reference(population, query)


@pytest.mark.parametrize("query", ["ana", "50107", "an 50107", "555", "an", "王", "ف", "an o", "&", "<b"])
def test_a_word_of_three_characters_or_a_rarer_short_one_goes_through_the_trigram_index(
    repo: Store, population: list[Client], query: str
) -> None:
    """Three characters or more are a phrase of trigrams; one or two, any of the trigrams that start with
    them (each text is indexed with two spaces after it, so the last letter starts one too)."""
    if not repo.db.is_sqlite:
        pytest.skip("SQLite's index: on PostgreSQL the word index walks the clients (test_pg_search.py)")
    assert f"{SEARCH_TABLE} VIRTUAL TABLE INDEX" in _sqlite_plan(repo, query)
    assert sorted(c.full_name for c in repo.search_clients(query, limit=1000)) == reference(population, query)


def test_a_short_word_nobody_has_finds_nobody_at_once(sqlite_repo: Store) -> None:
    sqlite_repo.save_client(make_named_client("Ana", "Silva", "Leo"))
    for typed in ("zq", "q", "ana zq", "ж"):
        assert sqlite_repo.search_clients(typed) == [], typed
    assert [c.full_name for c in sqlite_repo.search_clients("va")] == ["Ana Silva"]  # (its last letters)
    assert [c.full_name for c in sqlite_repo.search_clients("o")] == ["Ana Silva"]  # (Leo's last)


def test_a_text_too_long_for_the_trigram_list_is_still_found_by_a_short_word(sqlite_repo: Store) -> None:
    """Trigrams are listed from a text's first ``HELD`` characters: a longer text marks the list as not
    whole, and short words are then matched with LIKE, which reads every character."""
    from consultapp.store.search_index import HELD

    repo = sqlite_repo
    model = repo.save_client(make_named_client("Ana", "Silva"))
    assert repo.search_clients("qj") == []
    _copies(repo, model, ["x" * HELD + "qj"])
    long_name = "Ana " + "x" * HELD + "qj"
    assert [c.full_name for c in repo.search_clients("qj")] == [long_name]
    assert [c.full_name for c in repo.search_clients("xxx qj")] == [long_name]


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


# -- SQLite: the trigram index in name order (store/search_index.py, migration 0019) -----------------
def _copies(repo: Store, model: Client, families: list[str]) -> None:
    """Clients like ``model`` with these family names, inserted with SQL (the triggers rank and index each)."""
    from sqlalchemy import text

    with repo.db.engine.begin() as conn:
        columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(client)")]
        fixed = [c for c in columns if c not in ("id", "family_name", "sort_name", "search_text")]
        insert = text(f"INSERT INTO client (id, family_name, sort_name, search_text, {', '.join(fixed)})"
                      f" SELECT :id, :family, :sort, :text, {', '.join(fixed)} FROM client WHERE id = :model")
        for family in families:
            conn.execute(insert, {"id": uuid.uuid4().hex, "family": family, "model": model.id.hex,
                                  "sort": fold(f"{family} {model.given_name}"),
                                  "text": fold(f"{model.given_name} {family}")})


def _ranks(repo: Store) -> list[tuple[int, str]]:
    """Each client's rank and name, in name order."""
    from consultapp.store.search_index import ORDER

    with repo.db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(  # type: ignore[misc]
            f"SELECT o.rank, c.sort_name FROM client AS c JOIN {ORDER} AS o ON o.client_id = c.id"
            " ORDER BY c.sort_name, c.id")]


def _pages(repo: Store, query: str, size: int) -> list[str]:
    """Every client found, page after page as the list fetches them."""
    names: list[str] = []
    after = None
    for _ in range(100):
        page = repo.search_clients(query, limit=size, after=after)
        if not page:
            return names
        names += [c.full_name for c in page]
        after = page[-1].id
    raise AssertionError("the pages never ended")


def test_the_index_gives_its_matches_in_name_order_as_clients_come_and_go(sqlite_repo: Store) -> None:
    """Ranks rise in name order whatever order clients are saved, renamed and erased in, so the index's
    first matches are the first names: the page, and each next page, is what sorting every match gives."""
    repo = sqlite_repo
    rng = random.Random(19)
    saved = []
    for i in range(80):
        family = rng.choice(["Nguyễn", "Nguyen", "Okafor", "Ångström", "王", "الحداد", "Ní Bhriain", "<b>&"])
        saved.append(repo.save_client(make_named_client(f"Thảo{rng.randrange(1000):03d}", family, f"Bé{i}")))
    for client in rng.sample(saved, 15):  # renamed: each one moves
        client.given_name = f"Thao{rng.randrange(1000):03d}"
        repo.save_client(client)
    for client in rng.sample(saved, 10):
        erase_client(repo.db, client.id)
    ranks = _ranks(repo)
    assert [r for r, _ in ranks] == sorted(r for r, _ in ranks) and len({r for r, _ in ranks}) == len(ranks)
    shown = sorted(c.full_name for c in repo.search_clients("", limit=1000))
    for query in ("thao", "nguyen", "thao nguyen", "王", "bhriain", "<b>", "thao0", "tha b"):
        every = [c.full_name for c in repo.search_clients(query, limit=1000)]
        assert sorted(every) == sorted(n for n in shown if n in set(every))
        assert sorted(every) == reference(_stored(repo), query), query
        assert _pages(repo, query, 7) == every, query  # page after page, in name order, none twice


def _stored(repo: Store) -> list[Client]:
    return [repo.get_client(c.id) for c in repo.search_clients("", limit=1000)]


def test_a_client_saved_where_no_gap_is_left_is_still_listed_in_her_place(sqlite_repo: Store) -> None:
    """Each client saved just after the last one, before the same neighbour, halves the same gap: after
    about 32 of them none is left, and the next ones are ranked apart (from UNRANKED on). The search merges
    them in, so the list is in name order all the same; renumbering ranks every client again."""
    from consultapp.store.search_index import UNRANKED, create_search_index

    repo = sqlite_repo
    model = repo.save_client(make_named_client("Thao", "Nguyen Z"))
    repo.save_client(make_named_client("Thao", "Nguyen A"))
    _copies(repo, model, [f"Nguyen M{i:02d}" for i in range(45)])  # each after the one before, before "Z"
    assert sum(rank >= UNRANKED for rank, _ in _ranks(repo)) >= 10
    expected = ["Thao Nguyen A", *(f"Thao Nguyen M{i:02d}" for i in range(45)), "Thao Nguyen Z"]
    for query in ("nguyen", "thao nguyen", "guyen m", "nguyen m4"):
        wanted = [n for n in expected if all(w in fold(n) for w in query.split())]
        assert [c.full_name for c in repo.search_clients(query, limit=1000)] == wanted, query
        assert [c.full_name for c in repo.search_clients(query, limit=5)] == wanted[:5], query
        assert _pages(repo, query, 4) == wanted, query
    with repo.db.engine.begin() as conn:
        create_search_index(conn)
    ranks = _ranks(repo)
    assert all(rank < UNRANKED for rank, _ in ranks) and [r for r, _ in ranks] == sorted(r for r, _ in ranks)
    assert _pages(repo, "nguyen", 4) == expected


def test_a_common_name_reads_the_first_page_of_matches_not_all_of_them(sqlite_repo: Store) -> None:
    """The search for a name a tenth of the practice has reads about as much at 1,650 such clients as at 150
    (SQLite's virtual-machine steps, counted with a progress handler; not a timing): the index gives its
    matches in name order and SQLite stops at the page's last. Sorting every match read ten times more."""
    from consultapp.bench.probes import captured_search_sql

    repo = sqlite_repo
    model = repo.save_client(make_named_client("Thao", "Nguyen 0000"))

    def steps(query: str) -> int:
        sql, params = captured_search_sql(repo, query)
        raw = repo.db.engine.raw_connection()
        try:
            con = raw.driver_connection
            counted = [0]

            def count() -> int:
                counted[0] += 1
                return 0

            con.set_progress_handler(count, 10)  # type: ignore[union-attr]
            assert len(con.execute(sql, params).fetchall()) == 100  # type: ignore[union-attr]
            con.set_progress_handler(None, 10)  # type: ignore[union-attr]
            return counted[0]
        finally:
            raw.close()

    _copies(repo, model, [f"Nguyen {i:04d}" for i in range(1, 150)])
    small = {q: steps(q) for q in ("nguyen", "thao nguyen", "nguyen 0")}
    _copies(repo, model, [f"Nguyen {i:04d}" for i in range(150, 1650)])
    for query, before in small.items():
        assert steps(query) < 1.5 * before + 20, query
    assert [c.full_name for c in repo.search_clients("nguyen", limit=3)] == [
        "Thao Nguyen 0000", "Thao Nguyen 0001", "Thao Nguyen 0002"]
