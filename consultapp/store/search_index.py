"""The client search index on SQLite: FTS5 trigrams over ``client.search_text``, kept in step by triggers.

Trigrams answer "contains" (the search's meaning) from the index for every word of three or more
characters; shorter words are matched with LIKE on the rows the index found (or, when every word is
short, on the clients in name order, where a one- or two-letter prefix fills the first page at once).
An Alembic batch migration that rebuilds the client table drops these triggers, so ``migrate()``
calls ``create_search_index`` after every upgrade: it restores them and rebuilds the index.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import DBAPIError

TABLE = "client_search"
MIN_WORD = 3
"""Trigrams need three characters."""

_TRIGGERS = {
    f"{TABLE}_ai": f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON client BEGIN
        INSERT INTO {TABLE}(rowid, search_text) VALUES (new.rowid, new.search_text);
    END""",
    f"{TABLE}_ad": f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON client BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    END""",
    f"{TABLE}_au": f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE OF search_text ON client BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO {TABLE}(rowid, search_text) VALUES (new.rowid, new.search_text);
    END""",
}


def create_search_index(connection: Any) -> None:
    """Create the index and its triggers where missing, and (re)fill the index from the client table."""
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
        "search_text, content='client', content_rowid='rowid', tokenize='trigram')"
    )
    for sql in _TRIGGERS.values():
        connection.exec_driver_sql(sql)
    connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")


def drop_search_index(connection: Any) -> None:
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def match_expression(words: list[str]) -> str:
    """An FTS5 query requiring every word as a substring: each one a quoted string."""
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


# -- PostgreSQL ------------------------------------------------------------------------------------
PG_INDEX = "ix_client_search_trgm"


def create_pg_trigram_index(connection: Any) -> bool:
    """On PostgreSQL, a pg_trgm GIN index on ``client.search_text``: ``LIKE '%word%'`` uses it for words
    of three or more characters, so a practice server's search does not read every client.

    pg_trgm ships with PostgreSQL and is a trusted extension (13+): the database's owner may install
    it. It goes in the ``public`` schema where it may (one copy for the database, which no schema of
    the app's owns and a dropped schema cannot take with it), else in the app's own schema. Where it
    cannot be installed, returns False and changes nothing: search works as before, by scanning. Each
    attempt runs in a savepoint, so a refusal does not abort the migration around it.
    """
    schema = pg_trgm_schema(connection)
    return schema is not None and _attempt(
        connection, f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON client USING gin (search_text {schema}.gin_trgm_ops)"
    )


def pg_trgm_schema(connection: Any) -> str | None:
    """The schema pg_trgm is installed in, installing it first where it is missing and may be; None where it may not.

    The operator classes live there, which need not be on the search path."""
    installs = (f"CREATE EXTENSION IF NOT EXISTS pg_trgm{where}" for where in (" WITH SCHEMA public", ""))
    if not any(_attempt(connection, sql) for sql in installs):
        return None
    schema: str = connection.exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
    ).scalar_one()
    return schema


def _attempt(connection: Any, sql: str) -> bool:
    """Run ``sql`` in a savepoint: False, and the transaction still usable, when the server refuses it."""
    savepoint = connection.begin_nested()
    try:
        connection.exec_driver_sql(sql)
    except DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def drop_pg_trigram_index(connection: Any) -> None:
    connection.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")  # (the extension stays: others may use it)


def purge_removed(connection: Any) -> None:
    """Drop what the index still keeps of removed rows: FTS5 records a deletion as a new "delete" entry
    that carries the removed text's trigrams (and keeps the old entry) until segments are merged, so an
    erased name lingers in the index in 3-letter pieces. ``optimize`` merges every segment into one,
    leaving out deleted entries; ``secure_delete`` (db.py) zeroes the pages the old segments held."""
    connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
