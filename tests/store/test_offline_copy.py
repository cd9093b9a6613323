"""Offline copies against the real server (issue 17): take, the outbox, sync, conflicts, revocation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_full_visit, make_twins_client, make_visit
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import func, select, text

from consultapp.store import audit, users
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.models import ClientRow, VisitRow
from consultapp.store.offline import copy, devices, rows, sync
from consultapp.store.offline.tables import BaseRow, OutboxRow

pytestmark = pytest.mark.postgres
PASS = "correct horse battery staple"


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _consultant_id(p: OfflinePractice, login: str) -> uuid.UUID:
    db = p.open(login)
    try:
        me = users.current_consultant(db)
        assert me is not None and me.id is not None
        return me.id
    finally:
        db.close()


def _take(p: OfflinePractice, login: str, out: Path, **kw: object) -> Database:
    server = p.open(login)
    local = open_database(out, passphrase=PASS)
    try:
        copy.take(server, local, **kw)  # type: ignore[arg-type]
    finally:
        server.close()
        local.close()
    return open_database(out, passphrase=PASS)


def _assigned_client(p: OfflinePractice, login: str, given: str = "Amara") -> uuid.UUID:
    db = p.open(login)
    try:
        client = make_client(given=given, assigned_to=_consultant_id(p, login))
        Store(db).save_client(client)
        assert client.id is not None
        Store(db).save_visit(make_visit(client))
        return client.id
    finally:
        db.close()


def test_take_holds_her_caseload_encrypted(practice: OfflinePractice, tmp_path: Path) -> None:
    mine = _assigned_client(practice, practice.jo, "Amara")
    other = _assigned_client(practice, practice.mia, "Zainab")
    local = _take(practice, practice.jo, tmp_path / "jo.db")
    try:
        store = Store(local)
        assert store.get_client(mine).assigned_to == _consultant_id(practice, practice.jo)
        assert not store.client_exists(other)
        assert len(store.visits_for_client(mine)) == 1
        info = copy.info(local)
        assert (info.clients, info.visits, info.waiting) == (1, 1, 0)
    finally:
        local.close()
    assert not (tmp_path / "jo.db").read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(Exception, match="passphrase"):
        open_database(tmp_path / "jo.db")


def test_outbox_records_change_with_its_base_version(practice: OfflinePractice, tmp_path: Path) -> None:
    mine = _assigned_client(practice, practice.jo)
    local = _take(practice, practice.jo, tmp_path / "jo.db")
    try:
        store = Store(local)
        client = store.get_client(mine)
        base = client.version
        client.phone = "555 0101"
        store.save_client(client)
        store.save_visit(make_visit(client))
        with local.engine.connect() as conn:
            entries = conn.execute(select(OutboxRow.kind, OutboxRow.op, OutboxRow.base_version)).all()
        assert ("client", "update", base) in entries
        assert ("visit", "create", None) in entries
        assert any(kind == "audit" for kind, _op, _b in entries)
        assert copy.info(local).waiting == 2
    finally:
        local.close()


def test_sync_sends_once_and_keeps_uuids(practice: OfflinePractice, tmp_path: Path) -> None:
    mine = _assigned_client(practice, practice.jo)
    local = _take(practice, practice.jo, tmp_path / "jo.db")
    try:
        store = Store(local)
        client = store.get_client(mine)
        visit = make_visit(client)
        store.save_visit(visit)
        report = sync.sync(local)
        assert report.sent == {"visit": 1} and not report.conflicts and not report.failed
        again = sync.sync(local)
        assert again.sent == {} and again.received == {}
        assert copy.info(local).waiting == 0
    finally:
        local.close()
    server = practice.open(practice.owner)
    try:
        with server.session() as s:
            assert s.get(VisitRow, visit.id) is not None
            assert s.scalar(select(func.count()).select_from(VisitRow)) == 2
            assert not audit.verify(s)
            offline = [e for e in audit.entries(s) if e.detail.get("device")]
            assert offline and all("offline_at" in e.detail for e in offline)
    finally:
        server.close()


def test_two_laptops_conflict_on_phone_only(practice: OfflinePractice, tmp_path: Path) -> None:
    shared = _assigned_client(practice, practice.jo)
    jo = _take(practice, practice.jo, tmp_path / "jo.db")
    mia = _take(practice, practice.mia, tmp_path / "mia.db", picked=[shared])
    try:
        for local, phone in ((jo, "111"), (mia, "222")):
            store = Store(local)
            client = store.get_client(shared)
            client.phone = phone
            store.save_client(client)
            store.save_visit(make_visit(client, reason=f"visit by {phone}"))
        first = sync.sync(jo)
        assert first.sent == {"client": 1, "visit": 1} and not first.conflicts
        second = sync.sync(mia)
        assert [(c["field"], c["mine"], c["theirs"]) for c in second.conflicts] == [("phone", "222", "111")]
        assert second.sent.get("visit") == 1
        assert Store(mia).get_client(shared).phone == "111"
        sync.sync(jo)
        assert sync.sync(mia).sent == {} and len(sync.open_conflicts(mia)) == 1
    finally:
        jo.close()
        mia.close()
    server = practice.open(practice.owner)
    try:
        with server.session() as s:
            assert s.scalar(select(func.count()).select_from(VisitRow)) == 3
            assert s.get(ClientRow, shared).phone == "111"
            assert not audit.verify(s)
    finally:
        server.close()


def test_revoked_laptop_is_refused_and_wiped(practice: OfflinePractice, tmp_path: Path) -> None:
    mine = _assigned_client(practice, practice.jo)
    local = _take(practice, practice.jo, tmp_path / "jo.db")
    device = uuid.UUID(copy.info(local).device_id)
    admin = practice.open(practice.admin)
    jo_server = practice.open(practice.jo)
    try:
        with pytest.raises(Exception, match="admin"):
            devices.revoke(jo_server, device)
        devices.revoke(admin, device)
    finally:
        admin.close()
        jo_server.close()
    store = Store(local)
    client = store.get_client(mine)
    store.save_visit(make_visit(client))
    report = sync.sync(local)
    assert report.wiped and not (tmp_path / "jo.db").exists()
    server = practice.open(practice.owner)
    try:
        with server.session() as s:
            assert s.scalar(select(func.count()).select_from(VisitRow)) == 1
    finally:
        server.close()


def test_copy_out_of_contact_too_long_refuses(practice: OfflinePractice, tmp_path: Path) -> None:
    _assigned_client(practice, practice.jo)
    local = _take(practice, practice.jo, tmp_path / "jo.db")
    try:
        with local.engine.begin() as conn:
            old = dt.datetime.now(dt.UTC) - dt.timedelta(days=15)
            conn.execute(text("UPDATE offline_copy SET last_contact_at = :t"), {"t": old.isoformat()})
        with pytest.raises(sync.DeviceRefused, match="14 days"):
            sync.sync(local)
    finally:
        local.close()


def test_take_reads_in_batches_what_a_record_read_gives(practice: OfflinePractice, tmp_path: Path) -> None:
    """The copy's batched take holds each record, and its base, exactly as reading it alone gives."""
    server = practice.open(practice.jo)
    try:
        me = _consultant_id(practice, practice.jo)
        twins = make_twins_client(assigned_to=me)
        Store(server).save_client(twins)
        Store(server).save_visit(make_full_visit(twins))
        Store(server).save_visit(make_visit(twins, reason="second"))
        single = make_client(given="Zoë", assigned_to=me)
        Store(server).save_client(single)
        Store(server).save_visit(make_full_visit(single))
        ids = [twins.id, single.id]
        with server.engine.connect() as sc:
            listed = copy.records_of(sc, set(ids))  # type: ignore[arg-type]
            alone = {(k, i): rows.read(sc, k, i) for k, i, _v in listed}
    finally:
        server.close()
    assert sum(1 for k, *_ in listed if k == "visit") == 3
    local = _take(practice, practice.jo, tmp_path / "jo.db")
    try:
        with local.engine.connect() as lc:
            for (kind, record_id), theirs in alone.items():
                assert theirs is not None
                kept = rows.read(lc, kind, record_id)
                assert kept is not None
                assert rows.snapshot(kind, kept) == rows.snapshot(kind, theirs)
                base = lc.execute(
                    select(BaseRow.snapshot).where(BaseRow.kind == kind, BaseRow.record_id == str(record_id))
                ).scalar_one()
                assert base == rows.snapshot(kind, theirs)
            feeds = lc.execute(text("SELECT count(*) FROM feeding_observation")).scalar_one()
            assert feeds > 0  # the full visit's feeds came with their assessments
    finally:
        local.close()
