"""Settling a sync's conflict (issue 17): keep the practice's value or hers; the next sync sends hers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import insert, select

from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.models import AuditEntryRow, ClientRow
from consultapp.store.offline import resolve, sync
from consultapp.store.offline.tables import BaseRow, ConflictRow, OutboxRow, create_tables
from consultapp.store.types import utcnow

PASS = "correct horse battery staple"


def _sqlite_copy(path: Path, field: str = "phone", mine: object = "222") -> tuple[Database, uuid.UUID, str]:
    """A SQLite database made to look like a local copy after a sync found ``field`` changed on both sides."""
    db = open_database(path)
    client = make_client(phone="111")
    Store(db).save_client(client)
    assert client.id is not None
    with db.engine.begin() as conn:
        create_tables(conn)
        version = conn.execute(select(ClientRow.version).where(ClientRow.id == client.id)).scalar_one()
        conn.execute(insert(BaseRow).values(kind="client", record_id=str(client.id), version=version, snapshot={}))
        cid = str(uuid.uuid4())
        conn.execute(
            insert(ConflictRow).values(
                id=cid,
                kind="client",
                record_id=str(client.id),
                field=field,
                mine=mine,
                theirs="111",
                found_at=utcnow(),
            )
        )
    db.close()
    return open_database(path), client.id, cid


def test_keep_theirs_only_marks_it_resolved(tmp_path: Path) -> None:
    db, client_id, cid = _sqlite_copy(tmp_path / "c.db")
    try:
        resolve.resolve(db, cid, "theirs")
        assert sync.open_conflicts(db) == []
        assert Store(db).get_client(client_id).phone == "111"
        with db.session() as s:
            assert s.scalars(select(OutboxRow.kind)).all() == ["audit"]
            entry = s.scalars(select(AuditEntryRow).where(AuditEntryRow.action == "offline_conflict_resolved")).one()
            assert entry.record_id == str(client_id) and entry.detail == {"keep": "theirs"} and entry.client_id is None
        with pytest.raises(resolve.ConflictNotFound):
            resolve.resolve(db, cid, "mine")
    finally:
        db.close()


def test_keep_mine_writes_her_value_into_the_outbox(tmp_path: Path) -> None:
    db, client_id, cid = _sqlite_copy(tmp_path / "c.db")
    try:
        with db.session() as s:
            base = s.scalars(select(BaseRow.version)).one()
        resolve.resolve(db, cid, "mine")
        assert sync.open_conflicts(db) == []
        assert Store(db).get_client(client_id).phone == "222"
        with db.session() as s:
            sent = s.execute(select(OutboxRow.kind, OutboxRow.record_id, OutboxRow.base_version)).all()
            assert ("client", str(client_id), base) in sent
            assert s.get(ConflictRow, cid).resolved_at is not None
    finally:
        db.close()


def test_keep_mine_of_a_list_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    db, client_id, cid = _sqlite_copy(tmp_path / "c.db", field="babies", mine=["{}"])
    try:
        with pytest.raises(resolve.CannotKeepMine):
            resolve.resolve(db, cid, "mine")
        assert len(sync.open_conflicts(db)) == 1
        with db.session() as s:
            assert s.scalars(select(OutboxRow)).all() == []
    finally:
        db.close()


# -- end to end on the server ----------------------------------------------------------------------------
@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


@pytest.mark.postgres
def test_two_laptops_then_keep_mine_on_b(practice: OfflinePractice, tmp_path: Path) -> None:
    from test_offline_copy import _assigned_client, _take  # lazy: helpers of the other offline tests

    shared = _assigned_client(practice, practice.jo)
    jo = _take(practice, practice.jo, tmp_path / "jo.db")
    mia = _take(practice, practice.mia, tmp_path / "mia.db", picked=[shared])
    try:
        for local, phone in ((jo, "111"), (mia, "222")):
            store = Store(local)
            client = store.get_client(shared)
            client.phone = phone
            store.save_client(client)
        sync.sync(jo)
        sync.sync(mia)
        (conflict,) = sync.open_conflicts(mia)
        assert (conflict["field"], conflict["mine"], conflict["theirs"]) == ("phone", "222", "111")
        resolve.resolve(mia, conflict["id"], "mine")
        report = sync.sync(mia)
        assert report.sent.get("client") == 1 and not report.conflicts
        assert sync.open_conflicts(mia) == []
        again = sync.sync(mia)
        assert again.sent == {} and again.received == {} and not again.conflicts
        sync.sync(jo)
        assert Store(jo).get_client(shared).phone == "222"
    finally:
        jo.close()
        mia.close()
    server = practice.open(practice.owner)
    try:
        with server.session() as s:
            assert s.get(ClientRow, shared).phone == "222"
            assert s.scalars(select(AuditEntryRow).where(AuditEntryRow.action == "offline_conflict_resolved")).all()
    finally:
        server.close()


@pytest.mark.parametrize(
    ("field", "keep", "still_here", "sent"),
    [
        (resolve.DELETED_HERE, "mine", False, ("client", "delete")),
        (resolve.DELETED_HERE, "theirs", True, None),
        (resolve.DELETED_THERE, "mine", True, ("client", "create")),
        (resolve.DELETED_THERE, "theirs", False, None),
    ],
)
def test_deleted_records(tmp_path: Path, field: str, keep: resolve.Keep, still_here: bool, sent: object) -> None:
    db, client_id, cid = _sqlite_copy(tmp_path / "c.db", field=field, mine="x")
    try:
        resolve.resolve(db, cid, keep)
        assert sync.open_conflicts(db) == []
        with db.session() as s:
            assert (s.get(ClientRow, client_id) is not None) is still_here
            entries = [tuple(r) for r in s.execute(select(OutboxRow.kind, OutboxRow.op)) if r[0] != "audit"]
            assert entries == ([sent] if sent else [])
    finally:
        db.close()
