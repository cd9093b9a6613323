"""Clients and their babies: save, read, and the search behind the client list."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from typing import Any, cast

from sqlalchemy import Connection, Integer, String, bindparam, func, select, text, tuple_
from sqlalchemy.orm import selectinload

from consultapp.domain.records import Client, ClientSummary, VisitSummary
from consultapp.domain.serialize import to_data
from consultapp.domain.text import search_words
from consultapp.store.conflicts import conflict, guard
from consultapp.store.db import Database, read_connection
from consultapp.store.errors import NotFoundError, refuse_unstorable
from consultapp.store.mapping import CoreRead, baby_to_row, client_from_row, client_to_row, search_text
from consultapp.store.models import BabyRow, CareContactRow, ClientRow, VisitRow
from consultapp.store.pg_search import has_pg_word_index, page_sql, walk_sql
from consultapp.store.search_index import MIN_WORD, match_expression, ranked_page_sql, short_word_match
from consultapp.store.types import utcnow
from consultapp.store.visits import select_visits, visit_summaries

CLIENT_LOAD = [selectinload(ClientRow.babies), selectinload(ClientRow.contacts)]


class Clients:
    """The part of ``Store`` about clients (a mixin: ``Store`` gives it ``db``)."""

    db: Database

    def save_client(self, client: Client) -> Client:
        """Insert or update a client and her babies; updates ``client`` with ids and versions."""
        refuse_unstorable(client, "client")  # (the forms and import refuse it beside the field first)
        try:
            with self.db.session() as s:
                row = (
                    s.get(ClientRow, client.id, options=CLIENT_LOAD) if client.id else None
                )
                if row is None:
                    if client.version:
                        raise NotFoundError("This client no longer exists.")
                    row = ClientRow(id=client.id or uuid.uuid4())
                    s.add(row)
                elif row.version != client.version:
                    current = client_from_row(row)
                    if _same_client(current, client):  # a retry of a save that did reach the server
                        client.id, client.version = current.id, current.version
                        for baby, stored in zip(client.babies, current.babies, strict=False):
                            baby.id, baby.version = stored.id, stored.version
                        return client
                    raise conflict("client", current, row)
                row.updated_at = utcnow()  # always UPDATE, so the version moves with child edits
                client_to_row(client, row)
                existing = {b.id: b for b in row.babies}
                keep: list[BabyRow] = []
                for order, baby in enumerate(client.babies, start=1):
                    brow = existing.get(baby.id) if baby.id else None
                    if brow is None:
                        brow = BabyRow(id=baby.id or uuid.uuid4())
                    baby_to_row(baby, brow, order)
                    keep.append(brow)
                row.babies = keep
                row.search_text = search_text(row, [b.name for b in keep])
                s.flush()
                committed = (row.id, row.version, [(b.id, b.version) for b in keep])
        except Exception as exc:
            raise guard(exc) from exc
        # Only once the transaction has committed: a failed save leaves the caller's copy as it was,
        # so that the same save can simply be tried again.
        client.id, client.version = committed[0], committed[1]
        for baby, (baby_id, baby_version) in zip(client.babies, committed[2], strict=True):
            baby.id, baby.version = baby_id, baby_version
        return client

    def get_client(self, client_id: uuid.UUID) -> Client:
        with self.db.session() as s:
            row = s.get(ClientRow, client_id, options=CLIENT_LOAD)
            if row is None:
                raise NotFoundError(f"No client with id {client_id}.")
            return client_from_row(row)

    def client_shown(self, client_id: uuid.UUID) -> tuple[Client, list[VisitSummary]]:
        """A client chosen in the list, and her visits newest first: what the home page shows of her. The records
        ``get_client`` and ``visits_for_client`` give, read together on one Core connection (one transaction,
        no ORM session or identity map): each keystroke that puts another client first in the list shows her."""
        *_, visits = _shown_statements()
        with read_connection(self.db.engine) as conn:
            client = client_in(conn, client_id)
            shown = conn.execute(visits, {"id": client_id}).all()
        return client, visit_summaries(shown)

    def client_exists(self, client_id: uuid.UUID | None) -> bool:
        if client_id is None:
            return False
        with self.db.session() as s:
            return s.get(ClientRow, client_id) is not None

    def _pg_words(self) -> bool:
        """Whether this PostgreSQL schema has the word index (migration 0018; not without pg_trgm), asked once."""
        if self.db.pg_word_index is None:
            with self.db.engine.connect() as conn:
                self.db.pg_word_index = has_pg_word_index(conn)
        return self.db.pg_word_index

    def count_clients(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(ClientRow)) or 0

    def search_clients(self, query: str = "", limit: int = 100, after: uuid.UUID | None = None) -> list[ClientSummary]:
        """Clients whose parent or baby name (accent-insensitive) or phone contains every word typed.

        ``limit`` of them in name order; with ``after``, those that sort after that client: the next page,
        which stays right when others add or erase clients meanwhile (none when she is gone). Words of
        three or more characters are found through a trigram index (store/search_index.py): FTS5 on
        SQLite; on PostgreSQL, the words' index (store/pg_search.py) when a word of three or more
        characters is not all digits, else pg_trgm's index, which the LIKE match uses. Shorter words:
        with LIKE.

        One statement per keystroke, built once per shape (indexed words or not, how many short words,
        a next page or not) with bound parameters, and run on a Core connection: a session and a new
        statement each keystroke cost more than the query (issue 15's profile).
        """
        words = search_words(query)
        if self.db.is_sqlite:
            return self._sqlite_search(words, limit, after)
        driver = _pg_driver(words)
        like_words = words
        if driver is not None and self._pg_words():
            at = words.index(driver)
            like_words = [driver, *words[:at], *words[at + 1:]]
            stmt = _pg_word_statement(len(like_words) - 1, after is not None, walk=False)
        elif words and _pg_walk(words) and self._pg_words():
            stmt = _pg_word_statement(len(like_words), after is not None, walk=True)
        else:
            stmt = _search_statement(False, False, len(like_words), after is not None)
        params = _like_params(like_words, limit, after)
        with read_connection(self.db.engine) as conn:
            rows = conn.execute(stmt, params).all()
        return [_summary(*row) for row in rows]

    def _sqlite_search(self, words: list[str], limit: int, after: uuid.UUID | None) -> list[ClientSummary]:
        """The search on SQLite, through the trigram index in name order (store/search_index.py). A word of
        three or more characters is a phrase of trigrams; a shorter one, any of the trigrams starting with it
        (none: nobody has it), or LIKE where it is common. With no word for the index, the clients in name
        order are matched with LIKE until the page is full."""
        with read_connection(self.db.engine) as conn:
            found, like_words = [], []
            for word in words:
                match = match_expression([word]) if len(word) >= MIN_WORD else short_word_match(conn, word)
                if match == "":
                    return []
                if match is None:
                    like_words.append(word)
                else:
                    found.append(match)
            stmt = _search_statement(True, bool(found), len(like_words), after is not None)
            params = _like_params(like_words, limit, after)
            if found:
                params["match"] = " AND ".join(found)
            return self._sqlite_summaries(conn, stmt, params)

    def _sqlite_summaries(self, conn: Connection, stmt: Any, params: dict[str, Any]) -> list[ClientSummary]:
        """The search's rows on SQLite: its statement compiled once and sent as SQL (the driver's values, not
        converted), each row's summary made once and kept while its stored values stay the same. As she
        types, the same clients are listed again and again; a row is looked up by all its values, so an
        edited client (her name, babies, last visit) is made afresh."""
        sql, names, fixed, after = _sqlite_compiled(stmt, self.db.engine.dialect)
        values = tuple(after(params[n]) if n == "after" else params[n] if n in params else fixed[n] for n in names)
        rows = conn.exec_driver_sql(sql, values).all()
        made: dict[tuple[Any, ...], ClientSummary] | None = getattr(self, "_listed", None)
        if made is None or len(made) > LISTED_KEPT:
            made = {}
            self._listed = made
        shown = []
        for row in rows:
            key = tuple(row)
            summary = made.get(key)
            if summary is None:
                summary = made[key] = _summary(*_sqlite_values(key))
            shown.append(summary)
        return shown


@functools.cache
def _search_statement(sqlite: bool, indexed: bool, likes: int, after: bool) -> Any:
    """The search's statement for one shape, its values bound by name (``match``, ``like_N``, ``after``,
    ``limit``). The page of clients, then each one's babies and last visit, looked up for the page's rows
    only (the visit index answers max(visit_date) per client)."""
    if indexed:
        return _ranked_statement(likes, after)
    stmt = select(
        ClientRow.id, ClientRow.given_name, ClientRow.family_name, ClientRow.date_of_birth, ClientRow.phone,
        ClientRow.sort_name,
    )
    for i in range(likes):
        stmt = stmt.where(ClientRow.search_text.like(bindparam(f"like_{i}", type_=String), escape="\\"))
    if after:
        anchor = select(ClientRow.sort_name).where(ClientRow.id == bindparam("after")).scalar_subquery()
        stmt = stmt.where(tuple_(ClientRow.sort_name, ClientRow.id) > tuple_(anchor, bindparam("after")))
    page = stmt.order_by(ClientRow.sort_name, ClientRow.id).limit(bindparam("limit", type_=Integer)).subquery()
    return _with_details(page, sqlite)


@functools.cache
def _ranked_statement(likes: int, after: bool) -> Any:
    """The search through SQLite's trigram index, whose order is name order (store/search_index.py)."""
    table = ClientRow.__table__.c
    sql = text(ranked_page_sql(likes, after)).bindparams(
        bindparam("limit", type_=Integer),
        bindparam("match", type_=String),
        *(bindparam(f"like_{i}", type_=String) for i in range(likes)),
        *([bindparam("after", type_=table.id.type)] if after else []),
    )
    columns = (table.id, table.given_name, table.family_name, table.date_of_birth, table.phone, table.sort_name)
    return _with_details(sql.columns(*columns).subquery("page"), sqlite=True)


@functools.cache
def _pg_word_statement(likes: int, after: bool, walk: bool) -> Any:
    """The search through PostgreSQL's word index (store/pg_search.py): driven by the word ``like_0`` and
    ``likes`` others; or, with ``walk``, every client in name order matched on ``likes`` words."""
    table = ClientRow.__table__.c
    sql = text(walk_sql(likes, after) if walk else page_sql(likes, after)).bindparams(
        bindparam("limit", type_=Integer),
        *(bindparam(f"like_{i}", type_=String) for i in range(likes + (0 if walk else 1))),
        *([bindparam("after", type_=table.id.type)] if after else []),
    )
    columns = (table.id, table.given_name, table.family_name, table.date_of_birth, table.phone, table.sort_name)
    return _with_details(sql.columns(*columns).subquery("page"), sqlite=False)


def _pg_driver(words: list[str]) -> str | None:
    """The word PostgreSQL's word index finds the clients by: the longest of three or more characters that
    is not all digits (a phone's digits are not in that index); the others are matched beside it."""
    usable = [w for w in words if len(w) >= MIN_WORD and not _DIGITS.fullmatch(w)]
    return max(usable, key=len) if usable else None


def _pg_walk(words: list[str]) -> bool:
    """Whether words without one for the word index are best matched walking every client in name order:
    short words and a few digits are in many clients, so the page fills soon. Five digits or more are in
    few (a phone's): pg_trgm's index finds those."""
    return all(len(w) < MIN_WORD or (_DIGITS.fullmatch(w) and len(w) < _FEW_DIGITS) for w in words)


def _like_params(like_words: list[str], limit: int, after: uuid.UUID | None) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit}
    for i, word in enumerate(like_words):
        params[f"like_{i}"] = f"%{_escape_like(word)}%"
    if after is not None:
        params["after"] = after
    return params


_DIGITS = re.compile("[0-9]+")
_FEW_DIGITS = 5


def _with_details(page: Any, sqlite: bool) -> Any:
    """The page's rows with each client's babies and last visit."""
    last_visit = select(func.max(VisitRow.visit_date)).where(VisitRow.client_id == page.c.id).scalar_subquery()
    pair = (BabyRow.birth_order, BabyRow.name)
    babies = func.json_group_array(func.json_array(*pair)) if sqlite else func.json_agg(func.json_build_array(*pair))
    baby_list = select(babies).where(BabyRow.client_id == page.c.id).scalar_subquery()
    return select(
        page.c.id, page.c.given_name, page.c.family_name, page.c.date_of_birth, page.c.phone, baby_list, last_visit,
    ).order_by(page.c.sort_name, page.c.id)


LISTED_KEPT = 20_000
"""Client rows whose summaries are kept between searches (a few MB), at most; then they are made afresh."""


def _summary(client_id: uuid.UUID, given: str, family: str, born: dt.date | None, phone: str,
             pairs: str | list[list[Any]] | None, last: dt.date | None) -> ClientSummary:
    return ClientSummary(
        id=client_id,
        full_name=f"{given} {family}" if given and family else given or family or "",
        date_of_birth=born,
        phone=phone,
        baby_names=_baby_names(pairs),
        last_visit=last,
    )


_ID_TYPE = ClientRow.__table__.c.id.type


@functools.cache
def _sqlite_compiled(stmt: Any, dialect: Any) -> tuple[str, tuple[str, ...], dict[str, Any], Any]:
    """A search statement's SQL for SQLite, its parameters' names in order, the values of those the statement
    fixes itself (the OFFSET after a bound LIMIT), and how ``after`` (an id) is bound."""
    compiled = stmt.compile(dialect=dialect)
    fixed = {name: bind.effective_value for name, bind in compiled.binds.items()}
    bind_id = _ID_TYPE.bind_processor(dialect) or (lambda value: value)
    return compiled.string, tuple(compiled.positiontup or ()), fixed, bind_id


def _sqlite_values(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A search row as SQLite gives it (ids as hex, dates as ISO text) in the values SQLAlchemy would give."""
    client_id, given, family, born, phone, pairs, last = row
    return (
        uuid.UUID(client_id),
        given,
        family,
        dt.date.fromisoformat(born) if born else None,
        phone,
        pairs,
        dt.date.fromisoformat(last) if last else None,
    )


@functools.cache
def _shown_statements() -> tuple[Any, Any, Any, Any]:
    """``client_shown``'s statements: the client, her babies and her contacts (in the relationships' order),
    her visits' summaries; each bound to ``id``."""
    client_id = bindparam("id", type_=_ID_TYPE)
    babies, contacts = BabyRow.__table__.c, CareContactRow.__table__.c
    return (
        select(ClientRow.__table__).where(ClientRow.__table__.c.id == client_id),
        select(BabyRow.__table__).where(babies.client_id == client_id).order_by(babies.birth_order),
        select(CareContactRow.__table__).where(contacts.client_id == client_id).order_by(contacts.ordinal),
        select_visits().where(ClientRow.id == client_id),
    )


def client_in(conn: Connection, client_id: uuid.UUID) -> Client:
    """A client with her babies and contacts, read with Core on ``conn`` (``client_shown``, and
    ``Store.visit_records``: store/visit_read.py): the record ``get_client`` gives.

    Raises:
        NotFoundError: no such client.
    """
    client_rows, babies, contacts, _visits = _shown_statements()
    row = conn.execute(client_rows, {"id": client_id}).one_or_none()
    if row is None:
        raise NotFoundError(f"No client with id {client_id}.")
    return client_from_row(cast(ClientRow, CoreRead(
        row, babies=conn.execute(babies, {"id": client_id}).all(),
        contacts=conn.execute(contacts, {"id": client_id}).all())))


def _same_client(a: Client, b: Client) -> bool:
    def strip(c: Client) -> object:
        data = to_data(c)
        data.pop("version", None)
        for baby in data["babies"]:
            baby.pop("version", None)
            baby.pop("id", None)
        return data

    return strip(a) == strip(b)


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _baby_names(pairs: str | list[list[Any]] | None) -> tuple[str, ...]:
    """Babies' names in birth order, from a JSON array of [birth_order, name] (text on SQLite)."""
    listed: list[list[Any]] = json.loads(pairs) if isinstance(pairs, str) else pairs or []
    if len(listed) == 1:
        return (str(listed[0][1]),)
    return tuple(name for _order, name in sorted((int(order), str(name)) for order, name in listed))
