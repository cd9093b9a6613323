"""Sync a local copy with the practice server: send the outbox, receive the others' changes, keep conflicts.

Sending one record (a client, a visit, a document, with the copy's audit entries about it):

1. on the server, in one transaction: the laptop must still be allowed (``consultapp_device_contact``),
   and the change's key (its newest outbox entry's id) not yet applied (``offline_applied``);
2. merge three ways with the version the change was based on (rows.merge): a field changed on one side
   only takes that side's value; a field changed on both is a conflict, kept in the copy (committed
   *before* the server commits, so no kill loses it) while the server keeps its value;
3. the copy's audit entries go into the server's chain (their original time, author and this laptop in
   their detail), then the rows, then the key; commit;
4. in the copy, in one transaction: the server's record, its new base, the outbox entries sent removed.

A kill between 3 and 4 leaves the key on the server: the next sync applies nothing twice and does step 4.
The server going away mid-sync is ``ServerGone`` (one line): the transaction it cut is rolled back on the
server, what was done before stays done, and the next sync carries on from there.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from consultapp.store.crypto import keyfile_for
from consultapp.store.db import Database, open_database
from consultapp.store.errors import KnownError, ServerUnreachable, classify
from consultapp.store.models import AuditEntryRow, ClientRow, OfflineAppliedRow
from consultapp.store.offline import rows
from consultapp.store.offline.copy import caseload, copy_reference, records_of, store_record
from consultapp.store.offline.tables import BaseRow, ConflictRow, CopyRow, OutboxRow
from consultapp.store.types import utcnow

ORDER = {"client": 0, "visit": 1, "document": 2, "audit": 3}


class DeviceRefused(KnownError):
    """The server no longer lets this laptop sync (revoked, out of contact too long, or unknown)."""


class ServerGone(KnownError):
    """The connection to the practice server was lost during the sync (network, server restarted)."""

    code = "server_gone"
    message = (
        "The connection to the practice server was lost during the sync. Nothing is lost: what was not "
        "sent yet is still waiting, and the next sync carries on."
    )


@contextmanager
def _server_may_go() -> Iterator[None]:
    """A server connection lost mid-sync as ServerGone (each step is one transaction: none is half done)."""
    try:
        yield
    except DBAPIError as exc:
        if exc.connection_invalidated or isinstance(classify(exc), ServerUnreachable):
            raise ServerGone() from None
        raise


@dataclass
class SyncReport:
    sent: dict[str, int] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)
    removed: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    """Every conflict not yet resolved (new ones have ``new``)."""
    failed: list[str] = field(default_factory=list)
    wiped: bool = False

    def count(self, which: dict[str, int], kind: str) -> None:
        which[kind] = which.get(kind, 0) + 1


def _copy(local: Database) -> dict[str, Any]:
    with local.engine.connect() as lc:
        return dict(lc.execute(select(CopyRow.__table__)).mappings().one())


def _device_ok(sc: Connection, device: str, touch: bool = False) -> str:
    return str(sc.execute(text("SELECT consultapp_device_contact(:d, :t)"), {"d": device, "t": touch}).scalar_one())


def _refuse(status: str) -> None:
    if status == "revoked":
        raise DeviceRefused("This laptop was revoked by the practice: nothing was sent.")
    if status == "expired":
        raise DeviceRefused(
            "This copy was out of contact longer than the practice allows: nothing was sent. "
            "Ask an admin of the practice."
        )
    if status != "ok":
        raise DeviceRefused(
            "The server does not know this laptop's copy under this login: sync with the login the copy was "
            "taken with (consultapp offline status shows it). Nothing was sent; the changes stay in the copy."
        )


def wipe(local: Database) -> None:
    """Remove the local copy from this laptop (its file, key file and journals)."""
    path = local.path
    local.close()
    if path is None:
        return
    for target in (path, keyfile_for(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
        target.unlink(missing_ok=True)


def sync(local: Database, server_url: str | None = None) -> SyncReport:
    """Send the outbox, receive the others' changes to her caseload; the conflicts are in the report."""
    copy = _copy(local)
    if utcnow() - copy["last_contact_at"] > dt.timedelta(days=int(copy["max_days"])):
        raise DeviceRefused(
            f"This copy has not reached the practice server for more than {copy['max_days']} days, the "
            "practice's limit: it no longer syncs. Ask an admin of the practice."
        )
    report = SyncReport()
    server = open_database(server_url or copy["server_url"])
    try:
        with _server_may_go():
            _sync(local, server, copy, report)
    finally:
        server.close()
    if not report.wiped:
        report.conflicts = open_conflicts(local)
    return report


def _sync(local: Database, server: Database, copy: dict[str, Any], report: SyncReport) -> None:
    """The sync itself: the laptop allowed, her changes sent, the others' received, the contact noted."""
    with server.engine.begin() as sc:
        status = _device_ok(sc, copy["device_id"])
    if status == "revoked":
        server.close()
        wipe(local)
        report.wiped = True
        return
    _refuse(status)
    _push(local, server, copy, report)
    _pull(local, server, copy, report)
    with server.engine.begin() as sc:
        _refuse(_device_ok(sc, copy["device_id"], touch=True))
        now = sc.execute(text("SELECT now()")).scalar_one()
        limit = sc.execute(text("SELECT offline_max_days FROM practice ORDER BY created_at LIMIT 1")).scalar()
    with local.engine.begin() as lc:
        lc.execute(update(CopyRow).values(last_contact_at=now, max_days=int(limit or 14)))


def open_conflicts(local: Database) -> list[dict[str, Any]]:
    with local.engine.connect() as lc:
        found = lc.execute(
            select(ConflictRow.__table__).where(ConflictRow.resolved_at.is_(None)).order_by(ConflictRow.found_at)
        ).mappings()
        return [
            {
                "id": c["id"],
                "kind": c["kind"],
                "record_id": c["record_id"],
                "client": _client_name(lc, c["kind"], c["record_id"]),
                "field": c["field"],
                "mine": c["mine"],
                "theirs": c["theirs"],
            }
            for c in list(found)
        ]


def _client_name(lc: Connection, kind: str, record_id: str) -> str:
    """Whose record it is, for her to recognise it ("" when the copy no longer holds it)."""
    client_id: Any = uuid.UUID(record_id)
    if kind != "client":
        model = rows.table("visit" if kind == "visit" else "issued_document")
        client_id = lc.execute(select(model.c.client_id).where(model.c.id == client_id)).scalar()
    name = lc.execute(select(ClientRow.given_name, ClientRow.family_name).where(ClientRow.id == client_id)).first()
    return f"{name[0]} {name[1]}".strip() if name else ""


# -- sending -------------------------------------------------------------------------------------------
def _pending(local: Database) -> list[list[dict[str, Any]]]:
    with local.engine.connect() as lc:
        entries = [dict(r) for r in lc.execute(select(OutboxRow.__table__).order_by(OutboxRow.seq)).mappings()]
    key = lambda e: (e["kind"], e["record_id"])  # noqa: E731
    groups = [list(g) for _k, g in groupby(sorted(entries, key=key), key=key)]
    return sorted(groups, key=lambda g: (ORDER[g[0]["kind"]], g[0]["seq"]))


def _audit_rows(local: Database, seqs: list[int]) -> list[dict[str, Any]]:
    if not seqs:
        return []
    with local.engine.connect() as lc:
        t = AuditEntryRow.__table__
        return [dict(r) for r in lc.execute(select(t).where(t.c.seq.in_(seqs)).order_by(t.c.seq)).mappings()]


def _push(local: Database, server: Database, copy: dict[str, Any], report: SyncReport) -> None:
    groups = _pending(local)
    audit_seqs = {int(g[0]["record_id"]): g for g in groups if g[0]["kind"] == "audit"}
    audit_by_record: dict[str, list[int]] = {}
    for entry in _audit_rows(local, list(audit_seqs)):
        audit_by_record.setdefault(entry["record_id"], []).append(entry["seq"])
    for group in groups:
        kind, record_id = group[0]["kind"], group[0]["record_id"]
        if kind == "audit":
            if int(record_id) not in audit_seqs:
                continue  # (sent with its record)
            attached, outbox = [int(record_id)], list(group)
        else:
            attached = audit_by_record.pop(record_id, [])
            outbox = list(group) + [e for seq in attached for e in audit_seqs.pop(seq, [])]
        try:
            _push_one(local, server, copy, kind, record_id, group, attached, outbox, report)
        except DeviceRefused:
            raise
        except KnownError as exc:
            report.failed.append(f"{kind} {record_id}: {exc}")


def _push_one(
    local: Database,
    server: Database,
    copy: dict[str, Any],
    kind: str,
    record_id: str,
    group: list[dict[str, Any]],
    attached: list[int],
    outbox: list[dict[str, Any]],
    report: SyncReport,
) -> None:
    device = copy["device_id"]
    last = group[-1]
    key = f"{kind}:{last['change_id']}"
    with server.engine.connect() as sc:
        sc.begin()
        _refuse(_device_ok(sc, device))
        applied = sc.execute(select(OfflineAppliedRow.key).where(OfflineAppliedRow.key == key)).first() is not None
        keep_local = False
        if not applied:
            _send_audit(sc, local, device, attached)
            if kind != "audit":
                keep_local = _send_record(sc, local, kind, uuid.UUID(record_id), group[0], report)
            sc.execute(insert(OfflineAppliedRow).values(key=key, device_id=uuid.UUID(device), applied_at=utcnow()))
        after = rows.read(sc, kind, uuid.UUID(record_id)) if kind != "audit" else None
        with _local_write(local) as lc:
            newest = lc.execute(
                select(func.max(OutboxRow.seq)).where(OutboxRow.kind == kind, OutboxRow.record_id == record_id)
            ).scalar()
            if newest != last["seq"]:
                sc.rollback()  # she changed it again meanwhile: sent at the next sync
                return
            sc.commit()
            if kind != "audit" and not keep_local:
                if after is None:
                    rows.remove(lc, kind, uuid.UUID(record_id))
                    lc.execute(delete(BaseRow).where(BaseRow.kind == kind, BaseRow.record_id == record_id))
                else:
                    store_record(lc, kind, uuid.UUID(record_id), after)
            elif keep_local:
                lc.execute(delete(BaseRow).where(BaseRow.kind == kind, BaseRow.record_id == record_id))
            lc.execute(delete(OutboxRow).where(OutboxRow.seq.in_([e["seq"] for e in outbox])))
    if not applied:
        report.count(report.sent, kind)


class _local_write:  # noqa: N801 - used as a context manager, like a function
    """One transaction on the copy (SQLite's write lock taken at once: no other change slips in)."""

    def __init__(self, local: Database) -> None:
        self.cm = local.engine.begin()

    def __enter__(self) -> Connection:
        return self.cm.__enter__()

    def __exit__(self, *exc: Any) -> None:
        self.cm.__exit__(*exc)


def _send_audit(sc: Connection, local: Database, device: str, seqs: list[int]) -> None:
    for entry in _audit_rows(local, seqs):
        detail = dict(entry["detail"] or {})
        at = entry["at"].astimezone(dt.UTC).isoformat(timespec="microseconds")
        detail.update({"offline_at": at, "offline_by": entry["user"], "device": device})
        sc.execute(
            text("SELECT consultapp_audit_append(:a, :t, :r, :c, CAST(:d AS jsonb), :u)"),
            {
                "a": entry["action"],
                "t": entry["record_type"],
                "r": entry["record_id"],
                "c": entry["client_id"],
                "d": _json(detail),
                "u": entry["user"],
            },
        )


def _json(value: Any) -> str:
    return json.dumps(value)


def _record_conflicts(local: Database, kind: str, record_id: str, found: list[tuple[str, Any, Any]]) -> None:
    """Kept in the copy at once (before the server commits): a kill later loses none."""
    with local.engine.begin() as lc:
        have = lc.execute(
            select(ConflictRow.field, ConflictRow.mine, ConflictRow.theirs).where(
                ConflictRow.kind == kind, ConflictRow.record_id == record_id, ConflictRow.resolved_at.is_(None)
            )
        ).all()
        known = {(f, _json(m), _json(t)) for f, m, t in have}
        for name, mine, theirs in found:
            if (name, _json(mine), _json(theirs)) not in known:
                lc.execute(
                    insert(ConflictRow).values(
                        id=str(uuid.uuid4()),
                        kind=kind,
                        record_id=record_id,
                        field=name,
                        mine=mine,
                        theirs=theirs,
                        found_at=utcnow(),
                    )
                )


def _send_record(
    sc: Connection, local: Database, kind: str, record_id: uuid.UUID, first: dict[str, Any], report: SyncReport
) -> bool:
    """Write her change on the server; True when her copy of the record is kept as it is (a conflict)."""
    t = rows.table(rows.TABLES[kind][0])
    sc.execute(select(t.c.id).where(t.c.id == record_id).with_for_update())
    theirs = rows.read(sc, kind, record_id)
    with local.engine.connect() as lc:
        mine = rows.read(lc, kind, record_id)
        base = (
            lc.execute(select(BaseRow.__table__).where(BaseRow.kind == kind, BaseRow.record_id == str(record_id)))
            .mappings()
            .first()
        )
    if mine is None:  # deleted here
        if theirs is not None and base is not None and theirs[t.name][0]["version"] == base["version"]:
            rows.remove(sc, kind, record_id)
        elif theirs is not None:
            _record_conflicts(local, kind, str(record_id), [("(deleted here)", "deleted", "changed on the server")])
        return False
    if theirs is None:
        if base is None:
            rows.put(sc, kind, mine, None)
            return False
        _record_conflicts(local, kind, str(record_id), [("(deleted on the server)", "changed here", "deleted")])
        return True
    if kind == "document":
        return False  # issued documents never change: the server has it
    result = rows.merge(base["snapshot"] if base else None, rows.snapshot(kind, mine), rows.snapshot(kind, theirs))
    if result.conflicts:
        _record_conflicts(local, kind, str(record_id), result.conflicts)
    if result.sends:
        root = rows.merged_root(kind, mine, theirs, result)
        done = sc.execute(
            update(t).where(t.c.id == record_id, t.c.version == theirs[t.name][0]["version"]).values(**root)
        )
        if done.rowcount != 1:
            raise KnownError("changed on the server while sending; sent again at the next sync")
        rows.put(sc, kind, mine, theirs, only=rows.group_tables(kind, result.groups))
    return False


# -- receiving -----------------------------------------------------------------------------------------
def _pull(local: Database, server: Database, copy: dict[str, Any], report: SyncReport) -> None:
    with local.engine.connect() as lc:
        have_clients = set(lc.execute(select(ClientRow.id)).scalars())
        bases = {(k, r): v for k, r, v in lc.execute(select(BaseRow.kind, BaseRow.record_id, BaseRow.version))}
        pending = {(k, r) for k, r in lc.execute(select(OutboxRow.kind, OutboxRow.record_id))}
    with server.engine.connect() as sc:
        mine = caseload(
            sc,
            uuid.UUID(copy["consultant_id"]),
            copy["login"],
            int(copy["days"]),
            [uuid.UUID(p) for p in copy["picked"] or []],
        )
        listed = records_of(sc, mine | have_clients)
        with local.engine.begin() as lc:
            copy_reference(sc, lc)
        seen: set[tuple[str, str]] = set()
        for kind, record_id, version in listed:
            key = (kind, str(record_id))
            seen.add(key)
            if key in pending or bases.get(key) == version:
                continue
            theirs = rows.read(sc, kind, record_id)
            if theirs is None:
                continue
            with local.engine.begin() as lc:
                store_record(lc, kind, record_id, theirs)
            report.count(report.received, kind)
    for kind, gone_id in _gone(bases, seen, pending):
        with local.engine.begin() as lc:
            rows.remove(lc, kind, uuid.UUID(gone_id))
            lc.execute(delete(BaseRow).where(BaseRow.kind == kind, BaseRow.record_id == gone_id))
        report.removed += 1


def _gone(
    bases: dict[tuple[str, str], int], seen: set[tuple[str, str]], pending: set[tuple[str, str]]
) -> Iterator[tuple[str, str]]:
    """Records the copy had from the server that the server no longer has (deleted or erased there)."""
    for key in sorted(bases, key=lambda k: -ORDER[k[0]]):
        if key not in seen and key not in pending:
            yield key
