"""On PostgreSQL a change's audit entry reaches the server at the end of its transaction, in order, or not at all.

The server appends each entry under a lock on the chain's head (store/server_sql.py), held until the
commit: a save writes its rows first and asks for its entry last, so consultants saving at once wait
for each other only over the append and the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from factories import make_client, make_visit
from sqlalchemy import event

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


def test_a_save_asks_for_its_entry_after_writing_its_rows(pg_db: Database) -> None:
    repo = Store(pg_db)
    client = repo.save_client(make_client())
    statements: list[str] = []
    event.listen(pg_db.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: statements.append(sql))
    visit = repo.save_visit(make_visit(client, dt.date(2026, 11, 26), weight_g=3000, reason="a"))
    assert [s.split()[0] for s in statements] == ["INSERT", "INSERT", "SELECT"]
    assert "consultapp_audit_append" in statements[-1]
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
