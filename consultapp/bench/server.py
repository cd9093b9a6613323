"""The server figures of ``consultapp bench --pg URL``: search and open client on PostgreSQL, and a group practice.

The practice of each size is copied from its cached SQLite file into a schema of its own on the
server (``COPY``, the trigram index built once at the end) and kept there for the next run, as the
SQLite files are. The group practice is 30 consultants as separate processes, each searching and
saving for a bounded number of rounds, a pause between them (consultapp.store.loadtest), against the
50,000-client copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from consultapp.bench import probes
from consultapp.bench.practice import GENERATOR_VERSION, TABLES, PracticeInfo
from consultapp.bench.report import Budget, Figure, median, percentile
from consultapp.store.db import HEAD_REVISION, KNOWN_REVISIONS, open_database
from consultapp.store.facade import Store
from consultapp.store.loadtest import THINK_S, run_process_load
from consultapp.store.pg_search import create_pg_word_index, drop_pg_word_index
from consultapp.store.search_index import create_pg_trigram_index, drop_pg_trigram_index

PG_SEARCH_BUDGET = Budget("ratio", 2.0)
"""The server's search median against SQLite's at the same size."""
LOAD_SAVE_BUDGET = Budget("ratio", 3.0)
"""The crowd's 95th percentile save against one consultant's median save."""
GROWTH_BUDGET = Budget("ratio", 1.5)
NO_PROBLEMS = Budget("max", 0)

Progress = Callable[[str], None]


def schema_name(clients: int, revision: str = HEAD_REVISION) -> str:
    """The schema a practice of ``clients`` is kept in: keyed, as the SQLite cache is, by revision and generator."""
    key = "".join(ch for ch in revision if ch.isalnum())[:24].lower()
    return f"bench_{key}_g{GENERATOR_VERSION}_c{clients}"


def _migrate_older_schema(conn: Any, url: str, clients: int, progress: Progress) -> str | None:
    """Bring a complete copy made at an older schema revision up to date (renamed, then migrated), if there is one."""
    for revision in reversed(KNOWN_REVISIONS[:-1]):
        old = schema_name(clients, revision)
        done = conn.execute(
            text("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = :s"), {"s": old}
        ).scalar()
        if done != "complete":
            continue
        schema = schema_name(clients)
        progress(f"migrating the server's {clients}-client practice from {revision} (kept as schema {schema})")
        conn.execute(text(f'COMMENT ON SCHEMA "{old}" IS NULL'))
        conn.execute(text(f'ALTER SCHEMA "{old}" RENAME TO "{schema}"'))
        _repoint_functions(conn, schema)
        open_database(schema_url(url, schema)).close()  # the migrations, as the app would run them
        _settle(conn, schema)
        conn.execute(text(f"COMMENT ON SCHEMA \"{schema}\" IS 'complete'"))
        return schema_url(url, schema)
    return None


def _repoint_functions(conn: Any, schema: str) -> None:
    """The server's functions of a renamed schema (server_sql.py, pg_search.py) name their schema in their
    own search_path: point it at the new name, or every save fails (consultapp_trusted() not found)."""
    functions = conn.execute(text(
        "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = CAST(:s AS regnamespace)"
        " AND EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c WHERE c LIKE 'search\\_path=%')"), {"s": f'"{schema}"'})
    for function in list(functions.scalars()):
        conn.execute(text(f'ALTER FUNCTION {function} SET search_path = "{schema}", pg_temp'))


def _settle(conn: Any, schema: str) -> None:
    """VACUUM ANALYZE the copy's tables, as autovacuum soon leaves a server's: planner statistics, and the
    visibility map that lets an index-only scan skip the table (connection in autocommit)."""
    tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema}).scalars()
    for table in list(tables):
        conn.execute(text(f'VACUUM ANALYZE "{schema}"."{table}"'))


def schema_url(url: str, schema: str) -> str:
    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def ensure_pg_practice(url: str, practice: PracticeInfo, clients: int, progress: Progress) -> str:
    """The URL of the server's copy of ``practice``, copying it first when the server has none (or half of one)."""
    schema = schema_name(clients)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            done = conn.execute(
                text("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = :s"), {"s": schema}
            ).scalar()
            if done == "complete":
                return schema_url(url, schema)
            migrated = _migrate_older_schema(conn, url, clients, progress)
            if migrated is not None:
                return migrated
            progress(f"copying the {clients}-client practice to the server (once; kept as schema {schema})")
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        target = schema_url(url, schema)
        _copy_practice(practice, target)
        with admin.connect() as conn:
            conn.execute(text(f"COMMENT ON SCHEMA \"{schema}\" IS 'complete'"))
        return target
    finally:
        admin.dispose()


def _copy_practice(practice: PracticeInfo, target: str) -> None:
    """The SQLite file's rows into the migrated schema at ``target``: ``COPY`` each table, parents first."""
    db = open_database(target)  # the schema through the migrations, as the app makes it
    db.close()
    engine = create_engine(target)
    source = sqlite3.connect(practice.path)
    try:
        with engine.begin() as conn:
            drop_pg_trigram_index(conn)  # built once, after the rows (not updated row by row)
            drop_pg_word_index(conn)
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                cur.execute("SET TIME ZONE 'UTC'")  # SQLite keeps UTC timestamps without their zone
                for table in ("practice", *(t.name for t in TABLES)):
                    names = [r[1] for r in source.execute(f'PRAGMA table_info("{table}")')]
                    columns = ", ".join(f'"{n}"' for n in names)
                    with cur.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                        for row in source.execute(f'SELECT {columns} FROM "{table}"'):
                            copy.write_row(row)
        # Once the rows are committed: their deferred audit-trigger events forbid an index on the table before.
        with engine.begin() as conn:
            create_pg_trigram_index(conn)
            create_pg_word_index(conn)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            _settle(conn, conn.execute(text("SELECT current_schema()")).scalar_one())
    finally:
        source.close()
        engine.dispose()


@contextmanager
def _pg_store(url: str) -> Iterator[Store]:
    db = open_database(url, run_migrations=False)
    try:
        yield Store(db)
    finally:
        db.close()


def server_figures(
    options: Any,
    practices: dict[int, PracticeInfo],
    figures: Sequence[Figure],
    typed: Sequence[str],
    progress: Progress,
) -> list[Figure]:
    """Search (``typed``, key by key) and open client on the server at each size (against SQLite's figures at
    the same size, in ``figures``), their growth, and the group practice."""
    out: list[Figure] = []
    urls: dict[int, str] = {}
    by = {(f.name, f.clients): f for f in figures}
    for clients in options.pg_sizes:
        practice = practices.get(clients)
        if practice is None:
            continue
        url = ensure_pg_practice(options.pg_url, practice, clients, progress)
        urls[clients] = url
        progress(f"{clients} clients on the server: search and opening a client")
        with _pg_store(url) as repo:
            search = probes.search_store_ms(repo, probes.prefixes(typed), options.type_repeat)
            opened = probes.open_client_store_ms(repo, practice.heavy_client_ids[0], options.repeat)
        lite_search = by.get(("search: repository call per keystroke", clients))
        lite_open = by.get(("open a client with 40 visits (history, chart)", clients))
        out.append(
            Figure(
                "server: search, repository call per keystroke (PostgreSQL)",
                "ms",
                median(search),
                baseline=lite_search.value if lite_search else None,
                baseline_name="the same on SQLite",
                budget=PG_SEARCH_BUDGET,
                runs=len(search),
                samples=tuple(search),
                clients=clients,
            )
        )
        out.append(
            Figure(
                "server: open a client with 40 visits, store reads + chart data (PostgreSQL)",
                "ms",
                median(opened),
                baseline=lite_open.baseline if lite_open else None,
                baseline_name="the same on SQLite",
                runs=len(opened),
                samples=tuple(opened),
                clients=clients,
            )
        )
    out += _server_growth(out)
    load_at = min(urls) if urls else None
    if load_at is not None:
        out += load_figures(urls[load_at], options.load_consultants, options.load_rounds, load_at, progress)
    return out


def _server_growth(figures: Sequence[Figure]) -> list[Figure]:
    by = {(f.name, f.clients): f for f in figures}
    out = []
    for name in {f.name for f in figures}:
        small, large = by.get((name, 50_000)), by.get((name, 500_000))
        if small is not None and large is not None:
            out.append(
                Figure(
                    f"growth 50,000 to 500,000 clients: {name}",
                    "ms",
                    large.value,
                    baseline=small.value,
                    baseline_name="the same at 50,000",
                    budget=GROWTH_BUDGET,
                    runs=large.runs,
                    clients=500_000,
                )
            )
    return sorted(out, key=lambda f: f.name)


def load_figures(url: str, consultants: int, rounds: int, clients: int, progress: Progress) -> list[Figure]:
    """``consultants`` at once (processes), each searching and saving ``rounds`` times, against one alone."""
    progress(f"group practice: one consultant alone, {rounds} rounds of search and save")
    alone = run_process_load(url, consultants=1, rounds=rounds)
    progress(f"group practice: {consultants} consultants at once, {rounds} rounds each")
    crowd = run_process_load(url, consultants=consultants, rounds=rounds)
    problems = len(crowd.errors) + len(alone.errors) + crowd.lost + crowd.duplicated
    alone_save = median(alone.latencies_ms) if alone.latencies_ms else None
    saves, searches = crowd.latencies_ms, crowd.search_ms
    who = f"{consultants} consultants x {rounds} rounds, {THINK_S[0]:g}-{THINK_S[1]:g} s apart"
    first, later = crowd.round_latencies_ms(first=True), crowd.round_latencies_ms(first=False)
    split = (f"p95 of the first round {percentile(first, 95):.1f} ms, of the later ones {percentile(later, 95):.1f} ms"
             if first and later else "")
    return [
        Figure(
            f"group practice: save, {who}, 95th percentile (PostgreSQL)",
            "ms",
            percentile(saves, 95) if saves else None,
            baseline=alone_save,
            baseline_name="one consultant's median save",
            budget=LOAD_SAVE_BUDGET,
            runs=len(saves),
            note=split,
            clients=clients,
        ),
        Figure(
            "group practice: each consultant's first save, fresh process and connection, before the start (PostgreSQL)",
            "ms",
            median(crowd.first_ms) if crowd.first_ms else None,
            baseline=alone.first_ms[0] if alone.first_ms else None,
            baseline_name="one consultant's first save, alone",
            runs=len(crowd.first_ms),
            samples=crowd.first_ms,
            clients=clients,
        ),
        Figure(
            f"group practice: save, {who} (PostgreSQL)",
            "ms",
            median(saves) if saves else None,
            baseline=alone_save,
            baseline_name="one consultant's median save",
            runs=len(saves),
            samples=saves,
            clients=clients,
        ),
        Figure(
            f"group practice: search, {who} (PostgreSQL)",
            "ms",
            median(searches) if searches else None,
            baseline=median(alone.search_ms) if alone.search_ms else None,
            baseline_name="one consultant's median search",
            runs=len(searches),
            samples=searches,
            clients=clients,
        ),
        Figure(
            "group practice: errors, lost or duplicated visits",
            "",
            float(problems),
            budget=NO_PROBLEMS,
            runs=crowd.saves,
            note=f"{crowd.stored} stored of {crowd.saves}; {crowd.errors[:1]}"
            if crowd.errors
            else f"{crowd.stored} stored of {crowd.saves}",
            clients=clients,
        ),
    ]
