"""The client search index on SQLite: FTS5 trigrams over ``client.search_text``, in name order, kept by triggers.

Trigrams answer "contains" (the search's meaning) from the index for every word of three or more
characters. A word of one or two characters is in a text exactly when one of the trigrams starting with
it is (each text is indexed with ``PAD`` after it, so its last letters start trigrams too); the trigrams
the practice's texts hold are listed in ``client_search_trigram``, so such a word is found through the
index as any of those (none: nobody has it). A word that starts many of them ("a", "n": more than
``SHORT_WORD_TRIGRAMS``) is in many clients: it is matched with LIKE on the rows the index found, or,
when every word is like it, on the clients in name order, where the first page fills at once. A rarer
pair ("mu", in one family name in 60) walked half the practice in name order before it was found this way:
31 -> 1.8 ms at 500,000 clients.

**Name order.** The page is the first ``limit`` matches in name order (``sort_name``, ``id``). When the
index's row ids were the client table's, SQLite had to read every match and sort them to find the
page: a common name ("nguyen", one client in a hundred) read 5,000 entries at 500,000 clients, so the
search slowed as the practice grew (issue 15). Here each client has a **rank** in ``client_search_order``:
ranks rise in name order, with gaps, and the index's row id is her rank. The index gives its matches
in row-id order, which is name order, so the page is its first ``limit`` matches and SQLite stops there.

A client saved (or renamed) takes the rank halfway between her neighbours' in name order (the triggers
below); a client added after the last one takes the last rank plus ``STEP``. Renumbering
(``create_search_index``: after every migration, a change of key and a restore, and when the
generated practice is filled) spaces every rank ``STEP`` apart again, so a gap is halved some 30 times
before it is used up. A client whose neighbours leave no room is ranked from ``UNRANKED`` on, in the
order she came, and the search reads those apart and merges them in (``ranked_page_sql``): her place in
the list is right, only her search costs a sort, until the next renumbering.

The index is contentless (``content=''``); ``client_search_order`` keeps each client's search text beside her
rank: a deletion gives the index the text its entry was made with, and a short word is matched there
without reading her row. Ranks are keyed on the client's id, which a ``VACUUM`` or an export never
changes, unlike the table's row ids. The list of trigrams only grows as clients are saved; an erasure
makes it again from the clients kept (``purge_removed``), so it holds no piece of an erased name.

An Alembic batch migration that rebuilds the client table drops these triggers, so ``migrate()``
calls ``create_search_index`` after every upgrade: it restores them and rebuilds the index.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import DBAPIError

TABLE = "client_search"
ORDER = "client_search_order"
TRIGRAMS = "client_search_trigram"
"""Every trigram of every client's indexed text (and no more, after ``purge_removed``)."""
POSITIONS = "client_search_position"
"""The numbers 1 to ``HELD``: a text's trigrams are cut at each (a trigger cannot loop)."""
HELD = 1024
"""Characters of a client's text whose trigrams ``client_search_trigram`` holds; '' there marks a longer text."""
PAD = "  "
"""Two spaces after each indexed text: every character typed is followed by two more, so a word of one or
two characters is in a text exactly when a trigram that starts with it is."""
SHORT_WORD_TRIGRAMS = 8
"""A short word with more trigrams than this starting with it is common: a walk in name order fills the page."""
MIN_WORD = 3
"""Trigrams need three characters."""
UNRANKED = 1 << 62
"""Ranks from here on are clients placed where no gap was left, in the order they came."""
STEP = 1 << 32
"""The gap between neighbours' ranks after a renumbering, and after the last client."""

_PREVIOUS = f"""(SELECT o.rank FROM client AS c JOIN {ORDER} AS o ON o.client_id = c.id
    WHERE (c.sort_name, c.id) < (new.sort_name, new.id) AND o.rank < {UNRANKED}
    ORDER BY c.sort_name DESC, c.id DESC LIMIT 1)"""
_NEXT = f"""(SELECT o.rank FROM client AS c JOIN {ORDER} AS o ON o.client_id = c.id
    WHERE (c.sort_name, c.id) > (new.sort_name, new.id) AND o.rank < {UNRANKED}
    ORDER BY c.sort_name, c.id LIMIT 1)"""
_LAST_UNRANKED = f"(SELECT max(rank) FROM {ORDER} WHERE rank >= {UNRANKED})"

_RANK_NEW = f"""INSERT INTO {ORDER}(rank, client_id, search_text)
        SELECT CASE
            WHEN coalesce(n, {UNRANKED}) - coalesce(p, -1) < 2 THEN coalesce({_LAST_UNRANKED} + 1, {UNRANKED})
            WHEN p IS NULL AND n IS NULL THEN {UNRANKED // 2}
            WHEN n IS NULL THEN p + min({STEP}, ({UNRANKED} - p) / 2)
            WHEN p IS NULL THEN n - min({STEP}, (n + 1) / 2)
            ELSE p + (n - p) / 2
        END, new.id, coalesce(new.search_text, '')
        FROM (SELECT {_PREVIOUS} AS p, {_NEXT} AS n);
        INSERT INTO {TABLE}(rowid, search_text)
            SELECT rank, search_text || '{PAD}' FROM {ORDER} WHERE client_id = new.id;
        INSERT OR IGNORE INTO {TRIGRAMS}(gram) SELECT substr(o.search_text || '{PAD}', p.n, 3)
            FROM {ORDER} AS o, {POSITIONS} AS p WHERE o.client_id = new.id AND p.n <= length(o.search_text);
        INSERT OR IGNORE INTO {TRIGRAMS}(gram)
            SELECT '' FROM {ORDER} WHERE client_id = new.id AND length(search_text) > {HELD};"""
_UNRANK_OLD = f"""INSERT INTO {TABLE}({TABLE}, rowid, search_text)
            SELECT 'delete', rank, search_text || '{PAD}' FROM {ORDER} WHERE client_id = old.id;
        DELETE FROM {ORDER} WHERE client_id = old.id;"""

_TRIGGERS = {
    f"{TABLE}_ai": f"""CREATE TRIGGER {TABLE}_ai AFTER INSERT ON client BEGIN
        {_RANK_NEW}
    END""",
    f"{TABLE}_ad": f"""CREATE TRIGGER {TABLE}_ad AFTER DELETE ON client BEGIN
        {_UNRANK_OLD}
    END""",
    f"{TABLE}_au": f"""CREATE TRIGGER {TABLE}_au AFTER UPDATE OF search_text, sort_name, id ON client
    WHEN old.search_text IS NOT new.search_text OR old.sort_name IS NOT new.sort_name OR old.id IS NOT new.id BEGIN
        {_UNRANK_OLD}
        {_RANK_NEW}
    END""",
}


def create_search_index(connection: Any) -> None:
    """Make the index afresh: every client ranked ``STEP`` apart in name order, the index filled from the
    client table, and the triggers that keep both."""
    drop_search_index(connection)  # (also the index of revisions 0006-0018, its row ids the client table's)
    connection.exec_driver_sql(
        f"CREATE TABLE {ORDER} (rank INTEGER PRIMARY KEY, client_id CHAR(32) NOT NULL UNIQUE,"
        " search_text TEXT NOT NULL)"
    )
    connection.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_text, content='', tokenize='trigram')")
    connection.exec_driver_sql(
        f"INSERT INTO {ORDER}(rank, client_id, search_text)"
        f" SELECT {STEP} * row_number() OVER (ORDER BY sort_name, id), id, coalesce(search_text, '') FROM client"
    )
    connection.exec_driver_sql(
        f"INSERT INTO {TABLE}(rowid, search_text) SELECT rank, search_text || '{PAD}' FROM {ORDER}"
    )
    connection.exec_driver_sql(f"CREATE TABLE {POSITIONS} (n INTEGER PRIMARY KEY)")
    connection.exec_driver_sql(f"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {HELD})"
                               f" INSERT INTO {POSITIONS}(n) SELECT n FROM s")
    connection.exec_driver_sql(f"CREATE TABLE {TRIGRAMS} (gram TEXT PRIMARY KEY) WITHOUT ROWID")
    fill_trigrams(connection)
    for sql in _TRIGGERS.values():
        connection.exec_driver_sql(sql)


def drop_search_index(connection: Any) -> None:
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {ORDER}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TRIGRAMS}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {POSITIONS}")


def fill_trigrams(connection: Any) -> None:
    """``client_search_trigram`` made again from the clients' texts as they are now."""
    connection.exec_driver_sql(f"DELETE FROM {TRIGRAMS}")
    connection.exec_driver_sql(
        f"INSERT OR IGNORE INTO {TRIGRAMS}(gram) SELECT substr(o.search_text || '{PAD}', p.n, 3)"
        f" FROM {ORDER} AS o JOIN {POSITIONS} AS p ON p.n <= length(o.search_text)"
    )
    connection.exec_driver_sql(
        f"INSERT OR IGNORE INTO {TRIGRAMS}(gram) SELECT '' FROM {ORDER} WHERE length(search_text) > {HELD} LIMIT 1"
    )


def short_word_match(connection: Any, word: str) -> str | None:
    """An FTS5 query finding the texts that hold ``word`` (one or two characters): any of the trigrams that
    start with it, which ``client_search_trigram`` lists. '' when no text holds it; None when it is common (more
    than ``SHORT_WORD_TRIGRAMS``) or a text is too long for the list to be whole: LIKE matches it then."""
    last = ord(word[-1]) + 1
    if 0xD800 <= last <= 0xDFFF or last > 0x10FFFF:
        return None
    found = [g for (g,) in connection.exec_driver_sql(
        f"SELECT gram FROM {TRIGRAMS} WHERE gram = '' OR (gram >= ? AND gram < ?) LIMIT ?",
        (word, word[:-1] + chr(last), SHORT_WORD_TRIGRAMS + 2),
    )]
    if "" in found or len(found) > SHORT_WORD_TRIGRAMS:
        return None
    return "(" + " OR ".join(_phrase(g) for g in found) + ")" if found else ""


def ranked_page_sql(likes: int, after: bool) -> str:
    """The page of clients matching ``:match`` (and ``likes`` LIKE patterns ``:like_N``), in name order, at most
    ``:limit``; with ``after``, those that sort after the client ``:after`` (none when she is gone).

    The ranked clients in the index's order, which is name order, so SQLite stops at the ``limit``-th match;
    those ranked from ``UNRANKED`` on (none after a renumbering) sorted by name; the page is the first
    ``limit`` of the two. Its columns: the client's id, names, date of birth, phone and sort name."""
    where = [f"{TABLE} MATCH :match"]
    where += [f"o.search_text LIKE :like_{i} ESCAPE '\\'" for i in range(likes)]
    if after:
        where.append("(c.sort_name, c.id) > ((SELECT sort_name FROM client WHERE id = :after), :after)")
    ranked_from = (f" AND {TABLE}.rowid > coalesce((SELECT rank FROM {ORDER} WHERE client_id = :after"
                   f" AND rank < {UNRANKED}), -1)") if after else ""
    columns = "c.id AS id, c.given_name AS given_name, c.family_name AS family_name," \
              " c.date_of_birth AS date_of_birth, c.phone AS phone, c.sort_name AS sort_name"
    found = (f"SELECT {columns} FROM {TABLE} JOIN {ORDER} AS o ON o.rank = {TABLE}.rowid"
             f" JOIN client AS c ON c.id = o.client_id WHERE {' AND '.join(where)}")
    return (f"SELECT * FROM ({found} AND {TABLE}.rowid < {UNRANKED}{ranked_from} ORDER BY {TABLE}.rowid LIMIT :limit)"
            f" UNION ALL SELECT * FROM ({found} AND {TABLE}.rowid >= {UNRANKED}"
            " ORDER BY c.sort_name, c.id LIMIT :limit)"
            " ORDER BY sort_name, id LIMIT :limit")


def match_expression(words: list[str]) -> str:
    """An FTS5 query requiring every word as a substring: each one a quoted string."""
    return " AND ".join(_phrase(w) for w in words)


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


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
    leaving out deleted entries; ``secure_delete`` (db.py) zeroes the pages the old segments held. The list
    of trigrams only grows as clients are saved: it is made again from the clients kept."""
    connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
    fill_trigrams(connection)
