"""The client search's word index on PostgreSQL: each client's words in name order, kept by triggers.

pg_trgm's index on ``client.search_text`` (search_index.py) finds every client containing a word, and
the page is then sorted out of all of them: a common word ("nguyen", 1 client in 100) reads about as
many rows as the practice has clients over 100, so the search slowed with the practice's size. The
planner's other way, the clients in name order until 100 match, reads every client sorting before
the first match ("n..." half the practice).

``client_word`` holds one row per distinct word of a client's search text (its space-separated
parts), with her ``sort_name``, and her search text beside it (``INCLUDE``; NULL when longer than
``HELD`` bytes, so that no entry nears PostgreSQL's 2.7 kB limit): its key (word, sort_name, client_id)
lists each word's clients in name order. ``search_word`` holds every word once, with a trigram index.
The longest typed word of three or more characters, not all digits, is looked up among the words
(which contain it), and each such word's clients are read in name order, the other typed words
matched on the text held beside them, until the page is full; the page is the first ``limit`` of
their union. A typed word has no spaces, so it is contained in the search text exactly when it is
contained in one of its words: the same clients as LIKE on the search text, in the same order.

Every client also has the word ``EVERYONE`` (a space, which no word holds): its entries are all the
clients in name order, which short words and up to four digits walk until the page is full, from the
index alone. Longer digits (a phone's: one word per client, so not in these tables) are left to
pg_trgm's index on the client table (store/clients.py). A word longer than ``LONG`` characters is
kept as the empty word, whose clients are matched with LIKE on their own row.

Triggers keep both tables: a client's words are replaced when her search text or sort name changes.
The trigger's function runs as the practice's owner (consultants may only read the tables, users.py).
``search_word`` only grows (a word nobody has any more finds nobody); ``purge_words`` removes those,
after an erasure, holding off saves for its moment so that a word being saved is never lost.
Needs pg_trgm; where it cannot be installed, none of this is made and the search keeps LIKE.
"""

from __future__ import annotations

from typing import Any

from consultapp.store.search_index import pg_trgm_schema

WORDS = "client_word"
VOCABULARY = "search_word"
VOCABULARY_INDEX = "ix_search_word_trgm"
LONG = 60
"""Characters: a longer word is kept as '' (its clients matched with LIKE)."""
EVERYONE = " "
"""The word every client has (no word has a space): its entries are all the clients in name order."""
HELD = 900
"""Bytes: a search text up to this long is held in the index beside each of its words (else NULL)."""
_SPLIT = "consultapp_search_words"
_TRIGGER = "consultapp_client_words"



def _held(expression: str) -> str:
    return f"CASE WHEN octet_length({expression}) <= {HELD} THEN {expression} END"


def _words_of(expression: str, into: str = "") -> str:
    """A search text's words as an array (a long one as ''), selected ``into`` a PL/pgSQL variable if named."""
    target = f" INTO {into}" if into else ""
    return (f"SELECT array_append(coalesce(array_agg(DISTINCT CASE WHEN char_length(w) > {LONG} THEN '' ELSE w END),"
            f" '{{}}'), '{EVERYONE}'){target} FROM unnest(string_to_array({expression}, ' ')) AS w"
            " WHERE w <> '' AND w !~ '^[0-9]+$'")


_FUNCTIONS = (
    f"""CREATE OR REPLACE FUNCTION {_SPLIT}(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        {_words_of("t")}
    $$""",
    # Written out, not calling the function above: PL/pgSQL keeps its statements' plans for the session,
    # a SQL function called from it would be planned again at each save.
    f"""CREATE OR REPLACE FUNCTION {_TRIGGER}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = {{schema}}, pg_temp AS $$
    DECLARE gone text[] := '{{}}'; kept text[] := '{{}}';
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            {_words_of("OLD.search_text", "gone")};
        END IF;
        IF TG_OP <> 'DELETE' THEN
            {_words_of("NEW.search_text", "kept")};
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.sort_name = NEW.sort_name AND OLD.id = NEW.id THEN  -- only what changed
            DELETE FROM {WORDS} WHERE client_id = OLD.id AND sort_name = OLD.sort_name
                AND word = ANY (ARRAY(SELECT unnest(gone) EXCEPT SELECT unnest(kept)));
            UPDATE {WORDS} SET search_text = {_held("NEW.search_text")} WHERE client_id = OLD.id
                AND sort_name = OLD.sort_name AND word = ANY (ARRAY(SELECT unnest(gone) INTERSECT SELECT unnest(kept)));
            kept := ARRAY(SELECT unnest(kept) EXCEPT SELECT unnest(gone));
        ELSIF TG_OP <> 'INSERT' THEN
            DELETE FROM {WORDS} WHERE client_id = OLD.id AND sort_name = OLD.sort_name AND word = ANY (gone);
        END IF;
        IF cardinality(kept) > 0 THEN
            INSERT INTO {WORDS} (word, sort_name, client_id, search_text)
                SELECT w, NEW.sort_name, NEW.id, {_held("NEW.search_text")} FROM unnest(kept) AS w;
            INSERT INTO {VOCABULARY} (word) SELECT w FROM unnest(kept) AS w WHERE w NOT IN ('', '{EVERYONE}')
                ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
)
_TRIGGERS = (
    f"CREATE TRIGGER {_TRIGGER} AFTER INSERT OR DELETE ON client FOR EACH ROW EXECUTE FUNCTION {_TRIGGER}()",
    f"""CREATE TRIGGER {_TRIGGER}_update AFTER UPDATE OF search_text, sort_name ON client FOR EACH ROW
        WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.sort_name IS DISTINCT FROM NEW.sort_name)
        EXECUTE FUNCTION {_TRIGGER}()""",
)


def create_pg_word_index(connection: Any) -> bool:
    """Make (or make again) the word index and fill it from the clients; False, and nothing made, without pg_trgm.

    The tables are filled before their keys and indexes are built, so a large practice is indexed in bulk."""
    schema = pg_trgm_schema(connection)
    if schema is None:
        return False
    drop_pg_word_index(connection)
    own = connection.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    for sql in _FUNCTIONS:
        connection.exec_driver_sql(sql.replace("{schema}", own))
    connection.exec_driver_sql(f"CREATE TABLE {WORDS} (word text NOT NULL, sort_name varchar(300) NOT NULL,"
                               " client_id uuid NOT NULL, search_text text)")
    connection.exec_driver_sql(f"CREATE TABLE {VOCABULARY} (word text NOT NULL)")
    connection.exec_driver_sql(f"INSERT INTO {WORDS} (word, sort_name, client_id, search_text)"
                               f" SELECT w, c.sort_name, c.id, {_held('c.search_text')}"
                               f" FROM client c, unnest({_SPLIT}(c.search_text)) AS w")
    connection.exec_driver_sql(f"INSERT INTO {VOCABULARY} SELECT DISTINCT word FROM {WORDS}"
                               f" WHERE word NOT IN ('', '{EVERYONE}')")
    key = "PRIMARY KEY (word, sort_name, client_id) INCLUDE (search_text)"
    connection.exec_driver_sql(f"ALTER TABLE {WORDS} ADD CONSTRAINT pk_{WORDS} {key}")
    connection.exec_driver_sql(f"ALTER TABLE {VOCABULARY} ADD CONSTRAINT pk_{VOCABULARY} PRIMARY KEY (word)")
    connection.exec_driver_sql(f"CREATE INDEX {VOCABULARY_INDEX} ON {VOCABULARY} USING gin (word {schema}.gin_trgm_ops)"
                               " WITH (fastupdate = off)")  # (no pending list for every search to read)
    for sql in _TRIGGERS:
        connection.exec_driver_sql(sql)
    connection.exec_driver_sql(f"ANALYZE {WORDS}, {VOCABULARY}")
    return True


def drop_pg_word_index(connection: Any) -> None:
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_TRIGGER} ON client")
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_TRIGGER}_update ON client")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {WORDS}, {VOCABULARY}")


def has_pg_word_index(connection: Any) -> bool:
    """Whether this schema has the word index and this login may read it (a practice migrated since its
    roles were last set up grants it at the next ``consultapp practice upgrade``; until then, LIKE)."""
    return connection.exec_driver_sql(
        "SELECT coalesce(" + " AND ".join(f"has_table_privilege(to_regclass('{t}')::oid, 'SELECT')"
                                          for t in (VOCABULARY, WORDS)) + ", false)"
    ).scalar_one() is True


def purge_words(connection: Any) -> None:
    """Forget the words no client has any more (after an erasure). Saves wait meanwhile: a word
    being saved by another consultant is either seen here as used or saved after the purge."""
    connection.exec_driver_sql(f"LOCK TABLE {VOCABULARY} IN SHARE ROW EXCLUSIVE MODE")
    connection.exec_driver_sql(
        f"DELETE FROM {VOCABULARY} v WHERE NOT EXISTS (SELECT 1 FROM {WORDS} w WHERE w.word = v.word)"
    )


_FOLLOWING = " AND (cw.sort_name, cw.client_id) > ((SELECT sort_name FROM client WHERE id = :after), :after)"


def _likes(count: int) -> list[str]:
    return [f" LIKE :like_{i} ESCAPE '\\'" for i in range(count)]


def _checks(likes: list[str]) -> str:
    """The entry's client contains every word: on the search text held beside it, else on her row."""
    if not likes:
        return ""
    held = " AND ".join(f"cw.search_text{like}" for like in likes)
    on_client = " AND ".join(f"c2.search_text{like}" for like in likes)
    # (A scalar subquery, looked up by id: an EXISTS here may be planned as one scan of every client.)
    return (f" AND CASE WHEN cw.search_text IS NOT NULL THEN {held} ELSE coalesce(("
            f"SELECT {on_client} FROM client c2 WHERE c2.id = cw.client_id), false) END")


def walk_sql(words: int, after: bool) -> str:
    """The page of clients containing ``like_0``.. (short words, a few digits): every client in name order
    (the word ``EVERYONE``'s entries) until the page is full, each matched on the search text held there."""
    return f"""SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.phone, c.sort_name FROM (
  SELECT cw.sort_name, cw.client_id FROM {WORDS} cw WHERE cw.word = '{EVERYONE}'{_checks(_likes(words))}\
{_FOLLOWING if after else ""} ORDER BY cw.sort_name, cw.client_id LIMIT :limit
) hit JOIN client c ON c.id = hit.client_id"""


def page_sql(others: int, after: bool) -> str:
    """The page of clients (id, names, birth date, phone, sort name) for a search driven by the word
    ``like_0`` (a LIKE pattern), the clients also matching ``like_1``.. ``like_<others>``; ``after``: the
    next page after that client. Each of the words containing ``like_0`` gives at most ``limit`` clients
    in name order (and the clients with a long word, by LIKE); the page is the first ``limit`` of them.
    The other words are matched on the search text the index holds beside the word (on the client's
    row where it is too long to be held)."""
    likes = _likes(others + 1)
    checks = _checks(likes[1:])
    following = _FOLLOWING if after else ""
    return f"""SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.phone, c.sort_name FROM (
  SELECT m.sort_name, m.client_id FROM (
    SELECT s.sort_name, s.client_id FROM {VOCABULARY} v CROSS JOIN LATERAL (
      SELECT cw.sort_name, cw.client_id FROM {WORDS} cw
       WHERE cw.word = v.word{checks}{following} ORDER BY cw.sort_name, cw.client_id LIMIT :limit) s
     WHERE v.word{likes[0]}
    UNION ALL
    SELECT cw.sort_name, cw.client_id FROM {WORDS} cw JOIN client c2 ON c2.id = cw.client_id
     WHERE cw.word = '' AND c2.search_text{likes[0]}{"".join(f" AND c2.search_text{x}" for x in likes[1:])}{following}
  ) m GROUP BY m.sort_name, m.client_id ORDER BY m.sort_name, m.client_id LIMIT :limit
) hit JOIN client c ON c.id = hit.client_id"""
