"""Take a local copy of a consultant's caseload from the practice server, and read a copy's state.

Her caseload: the clients assigned to her, those whose latest visit she made, those with a follow-up due
in the next ``days`` days, and those she picks; with their visits (history) and issued documents, and the
practice's details, handouts and code lists. Everything is read with her own login, so the copy holds
only what the server lets her role read.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.engine import Connection

from consultapp.store import users
from consultapp.store.db import Database
from consultapp.store.errors import KnownError
from consultapp.store.models import ClientRow, IssuedDocumentRow, PracticeRow, VisitRow
from consultapp.store.offline import rows
from consultapp.store.offline.tables import BaseRow, ConflictRow, CopyRow, OutboxRow, create_tables
from consultapp.store.types import utcnow

REFERENCE_TABLES = ("practice", "practice_handout", "practice_code_list")
"""Copied whole at each take and sync; changed only on the server."""


@dataclass(frozen=True)
class CopyInfo:
    login: str
    device_id: str
    server: str
    taken_at: dt.datetime
    last_contact_at: dt.datetime
    max_days: int
    clients: int
    visits: int
    documents: int
    waiting: int
    conflicts: int

    @property
    def days_without_contact(self) -> int:
        return (utcnow() - self.last_contact_at).days


def caseload(
    conn: Connection, consultant_id: uuid.UUID, login: str, days: int, picked: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    """The ids of her clients on the server (read with her login)."""
    ids = set(conn.execute(select(ClientRow.id).where(ClientRow.assigned_to == consultant_id)).scalars())
    today = dt.date.today()
    ids |= set(
        conn.execute(
            select(VisitRow.client_id).where(
                VisitRow.follow_up >= today, VisitRow.follow_up <= today + dt.timedelta(days=days)
            )
        ).scalars()
    )
    latest = (
        select(VisitRow.client_id, func.max(VisitRow.created_at).label("at")).group_by(VisitRow.client_id).subquery()
    )
    mine = (
        select(VisitRow.client_id)
        .join(latest, (latest.c.client_id == VisitRow.client_id) & (latest.c.at == VisitRow.created_at))
        .where(VisitRow.created_by.like(f"%({login})"))
    )
    ids |= set(conn.execute(mine).scalars())
    wanted = set(picked)
    ids |= set(conn.execute(select(ClientRow.id).where(ClientRow.id.in_(wanted))).scalars()) if wanted else set()
    return ids


def records_of(conn: Connection, clients: set[uuid.UUID]) -> list[tuple[str, uuid.UUID, int]]:
    """(kind, id, version) of the clients, their visits and their documents, parents first."""
    out: list[tuple[str, uuid.UUID, int]] = []
    if not clients:
        return out
    ids = list(clients)
    out += [
        ("client", i, v)
        for i, v in conn.execute(select(ClientRow.id, ClientRow.version).where(ClientRow.id.in_(ids))).all()
    ]
    out += [
        ("visit", i, v)
        for i, v in conn.execute(select(VisitRow.id, VisitRow.version).where(VisitRow.client_id.in_(ids))).all()
    ]
    out += [
        ("document", i, v)
        for i, v in conn.execute(
            select(IssuedDocumentRow.id, IssuedDocumentRow.version).where(IssuedDocumentRow.client_id.in_(ids))
        ).all()
    ]
    return out


def copy_reference(server: Connection, local: Connection) -> None:
    """The practice's details, handouts and code lists, as the server has them."""
    for name in REFERENCE_TABLES:
        t = rows.table(name)
        theirs = [dict(r) for r in server.execute(select(t)).mappings()]
        have = {"x": [dict(r) for r in local.execute(select(t)).mappings()]}
        _put_table(local, name, theirs, have["x"])


def _put_table(conn: Connection, name: str, wanted: list[dict[str, Any]], have: list[dict[str, Any]]) -> None:
    t = rows.table(name)
    known = {r["id"] for r in have}
    for r in wanted:
        if r["id"] in known:
            conn.execute(t.update().where(t.c.id == r["id"]).values(**r))
        else:
            conn.execute(t.insert().values(**r))
    gone = [r["id"] for r in have if r["id"] not in {w["id"] for w in wanted}]
    if gone:
        conn.execute(t.delete().where(t.c.id.in_(gone)))


def store_record(local: Connection, kind: str, record_id: uuid.UUID, theirs: rows.Rows) -> None:
    """Make the local copy hold the server's record, and remember it as the base of her next change."""
    rows.put(local, kind, theirs, rows.read(local, kind, record_id))
    local.execute(delete(BaseRow).where(BaseRow.kind == kind, BaseRow.record_id == str(record_id)))
    root = theirs[rows.TABLES[kind][0]][0]
    local.execute(
        insert(BaseRow).values(
            kind=kind, record_id=str(record_id), version=int(root["version"]), snapshot=rows.snapshot(kind, theirs)
        )
    )


def _fill(server: Connection, local: Connection, listed: list[tuple[str, uuid.UUID, int]], batch: int = 500) -> None:
    """Her records into the new, empty copy: read a batch at a time, written one statement a table."""
    for kind in rows.TABLES:
        ids = [i for k, i, _v in listed if k == kind]
        for start in range(0, len(ids), batch):
            found = rows.read_many(server, kind, ids[start : start + batch])
            for name in rows.TABLES[kind]:
                wanted = [r for record in found.values() for r in record[name]]
                if wanted:
                    local.execute(insert(rows.table(name)), wanted)
            bases = [
                {
                    "kind": kind,
                    "record_id": str(record_id),
                    "version": int(theirs[rows.TABLES[kind][0]][0]["version"]),
                    "snapshot": rows.snapshot(kind, theirs),
                }
                for record_id, theirs in found.items()
            ]
            if bases:
                local.execute(insert(BaseRow), bases)


def take(
    server: Database, local: Database, *, days: int = 7, picked: Iterable[uuid.UUID] = (), label: str = ""
) -> CopyInfo:
    """Fill the new local copy ``local`` with her caseload from ``server`` and register this laptop."""
    if server.is_sqlite:
        raise KnownError("An offline copy is taken from a practice server (a postgresql:// URL).")
    if not 0 <= days <= 365:
        raise KnownError("--days must be between 0 and 365.")
    me = users.current_consultant(server)
    if me is None or me.id is None or not me.db_role:
        raise KnownError("This login is not a consultant of the practice: take a copy with her own login.")
    with local.engine.connect() as lc:
        if lc.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'offline_copy'")).scalar():
            raise KnownError("This file is already a local copy: sync it (consultapp offline sync) instead.")
        if lc.execute(select(func.count()).select_from(ClientRow)).scalar():
            raise KnownError("This file already holds records: take the copy into a new file.")
    device = uuid.uuid4()
    with server.engine.begin() as sc:
        sc.execute(text("SELECT consultapp_device_register(:d, :l)"), {"d": device, "l": label[:200]})
    with server.engine.connect() as sc, local.engine.begin() as lc:
        create_tables(lc)
        copy_reference(sc, lc)
        consultants: Table = rows.table("consultant")
        her = sc.execute(select(consultants).where(consultants.c.id == me.id)).mappings().one()
        lc.execute(insert(consultants).values(**dict(her)))
        _fill(sc, lc, records_of(sc, caseload(sc, me.id, me.db_role, days, picked)))
        limit = sc.execute(select(PracticeRow.offline_max_days).order_by(PracticeRow.created_at).limit(1)).scalar()
        now = utcnow()
        lc.execute(
            insert(CopyRow).values(
                id=1,
                server_url=server.url.render_as_string(hide_password=False),
                login=me.db_role,
                consultant_id=str(me.id),
                device_id=str(device),
                days=days,
                picked=[str(p) for p in picked],
                taken_at=now,
                last_contact_at=now,
                max_days=int(limit or 14),
            )
        )
    return info(local)


def info(local: Database) -> CopyInfo:
    """Where the copy came from, what it holds, and what waits to be sent."""
    with local.engine.connect() as lc:
        if not lc.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'offline_copy'")).scalar():
            raise KnownError("This database is not a local copy (consultapp offline take makes one).")
        copy = lc.execute(select(CopyRow.__table__)).mappings().one()
        waiting = lc.execute(
            select(func.count(func.distinct(OutboxRow.kind + ":" + OutboxRow.record_id))).where(
                OutboxRow.kind != "audit"
            )
        ).scalar()
        open_conflicts = lc.execute(
            select(func.count()).select_from(ConflictRow).where(ConflictRow.resolved_at.is_(None))
        ).scalar()
        return CopyInfo(
            login=copy["login"],
            device_id=copy["device_id"],
            server=_without_password(copy["server_url"]),
            taken_at=copy["taken_at"],
            last_contact_at=copy["last_contact_at"],
            max_days=copy["max_days"],
            clients=_count(lc, ClientRow),
            visits=_count(lc, VisitRow),
            documents=_count(lc, IssuedDocumentRow),
            waiting=int(waiting or 0),
            conflicts=int(open_conflicts or 0),
        )


def _count(conn: Connection, model: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(model)).scalar() or 0)


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url  # lazy: (small) only the status line needs it

    return make_url(url).render_as_string(hide_password=True)
