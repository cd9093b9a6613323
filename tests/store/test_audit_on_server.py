"""On PostgreSQL a change's audit entry reaches the server at the end of its transaction, in order, or not at all.

The server appends each entry under a lock on the chain's head (store/server_sql.py), held until the
commit: a save writes its rows first and asks for its entry last, so consultants saving at once wait
for each other only over the append and the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit
from psycopg import pq
from sqlalchemy import event, text

from consultapp.domain.records import Visit
from consultapp.store import audit
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.models import ClientRow

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_db(postgres_schema_url: str) -> Iterator[Database]:
    db = open_database(postgres_schema_url)
    db.set_user("Jo Example")
    try:
        yield db
    finally:
        db.close()


def _round_trips(pg_db: Database, tmp_path: Path, act: Callable[[], object]) -> list[list[str]]:
    """What the client sent to the server during ``act`` (libpq's trace), one list of messages per round trip."""
    with pg_db.engine.connect() as conn:  # (the pool's one connection, that ``act`` uses next)
        pgconn = conn.connection.driver_connection.pgconn  # type: ignore[union-attr]
    with (tmp_path / "trace").open("w") as trace:
        pgconn.trace(trace.fileno())
        pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        try:
            act()
        finally:
            pgconn.untrace()
    trips: list[list[str]] = [[]]
    for line in (tmp_path / "trace").read_text().splitlines():
        direction, _size, message = line.split("\t")[:3]
        if direction == "F":
            trips[-1].append(message + " " + line.split("\t", 3)[-1][:60])
        elif message.startswith("ReadyForQuery"):
            trips.append([])
    return [t for t in trips if t]


def test_a_save_sends_its_entry_with_the_commit_after_writing_its_rows(pg_db: Database, tmp_path: Path) -> None:
    repo = Store(pg_db)
    client = repo.save_client(make_client())
    statements: list[str] = []
    event.listen(pg_db.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: statements.append(sql))
    saved: list[Visit] = []
    trips = _round_trips(pg_db, tmp_path, lambda: saved.append(
        repo.save_visit(make_visit(client, dt.date(2026, 11, 26), weight_g=3000, reason="a"))))
    visit = saved[0]
    assert [s.split()[0] for s in statements] == ["INSERT", "INSERT"]  # (the rows, through SQLAlchemy)
    # ping, BEGIN, the visit, its assessment, then the entry's append and the COMMIT in one round trip:
    # the head is never locked while the server waits for this client.
    assert len(trips) == 5, trips
    last = trips[-1]
    append = next(i for i, m in enumerate(last) if m.startswith("Bind") and "'create' 5 'visit'" in m)
    commit = next(i for i, m in enumerate(last) if '"COMMIT"' in m)
    first_sync = next(i for i, m in enumerate(last) if m.startswith("Sync"))
    assert append < commit < first_sync and all(m.split()[0] in ("Sync", "Flush") for m in last[first_sync:])
    with pg_db.session() as s:
        log = [(e.action, e.record_type, e.record_id) for e in audit.entries(s)]
        assert audit.verify(s) == []
    assert log == [("create", "client", str(client.id)), ("create", "visit", str(visit.id))]


def test_the_transaction_reads_its_own_entries_in_order(pg_db: Database) -> None:
    client = Store(pg_db).save_client(make_client())
    with pg_db.session() as s:
        row = s.get(ClientRow, client.id)
        assert row is not None
        row.given_name = "Changed"
        s.flush()  # (its entry waits for the commit ...)
        audit.record(s, "export", "client", client.id, client_id=client.id)  # (... or for an act after it)
        row.family_name = "Changed too"
        mine = [e.action for e in audit.entries(s)]  # (and a read of the log sees them all)
    assert mine == ["create", "update", "export", "update"]
    with pg_db.session() as s:
        assert [e.action for e in audit.entries(s)] == mine
        assert audit.verify(s) == []


def test_a_transaction_rolled_back_leaves_no_entry(pg_db: Database) -> None:
    client = Store(pg_db).save_client(make_client())
    with pytest.raises(RuntimeError), pg_db.session() as s:
        row = s.get(ClientRow, client.id)
        assert row is not None
        row.given_name = "Never saved"
        s.flush()
        raise RuntimeError("the save fails after its rows were written")
    with pg_db.session() as s:
        assert [e.action for e in audit.entries(s)] == ["create"]
        assert s.get(ClientRow, client.id).given_name != "Never saved"  # type: ignore[union-attr]
        assert audit.verify(s) == []


def test_a_change_made_as_the_commit_begins_is_audited_too(pg_db: Database) -> None:
    client = Store(pg_db).save_client(make_client())

    def late_change(session, *_args) -> None:  # type: ignore[no-untyped-def]
        row = session.get(ClientRow, client.id)
        if row.given_name != "Late":
            row.given_name = "Late"  # (flushed by the commit itself, after the audit's own hook)

    event.listen(pg_db.sessions, "before_commit", late_change)
    with pg_db.session() as s:
        s.get(ClientRow, client.id)
    event.remove(pg_db.sessions, "before_commit", late_change)
    with pg_db.session() as s:
        assert [e.action for e in audit.entries(s)] == ["create", "update"]
        assert audit.verify(s) == []


def test_an_append_that_fails_fails_the_commit_and_keeps_nothing(pg_db: Database) -> None:
    client = Store(pg_db).save_client(make_client())
    with pytest.raises(Exception, match="audit key"), pg_db.session() as s:
        row = s.get(ClientRow, client.id)
        assert row is not None
        row.given_name = "Never saved"
        s.execute(text("DELETE FROM audit_key"))  # (the owner could; the append then refuses, at the commit)
    with pg_db.session() as s:
        assert s.get(ClientRow, client.id).given_name != "Never saved"  # type: ignore[union-attr]
        assert [e.action for e in audit.entries(s)] == ["create"]
        assert audit.verify(s) == []


def test_a_commit_that_fails_after_its_entries_were_handed_over_sends_none_of_them_later(pg_db: Database) -> None:
    repo = Store(pg_db)
    client = repo.save_client(make_client())

    def fail(*_args: object) -> None:
        raise RuntimeError("a later hook fails the commit")

    event.listen(pg_db.sessions, "before_commit", fail)  # (after the audit's hook has handed the entries over)
    with pytest.raises(RuntimeError), pg_db.session() as s:
        s.get(ClientRow, client.id).given_name = "Never saved"  # type: ignore[union-attr]
    event.remove(pg_db.sessions, "before_commit", fail)
    with pg_db.session() as s:  # (the same connection, committing no entry of its own)
        s.execute(text("SELECT 1"))
    repo.save_visit(make_visit(client, dt.date(2026, 11, 26), weight_g=3000, reason="b"))
    with pg_db.session() as s:
        assert [(e.action, e.record_type) for e in audit.entries(s)] == [("create", "client"), ("create", "visit")]
        assert audit.verify(s) == []
