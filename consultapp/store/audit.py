"""The audit trail: every create, update, delete and every act on a record, in a hash chain.

Entries are added inside the transaction that makes the change (a session hook for creates, updates
and deletes; ``record()`` for acts such as finalize, issue, export, erase, backup, restore), so a
change and its entry are saved together or not at all. Each entry's hash covers its content and the
previous entry's hash; the head row holds the newest number and hash. Editing, removing or
reordering any entry, or removing the newest ones, breaks the chain, and ``verify`` says where.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from consultapp.store.models import (
    AuditEntryRow,
    AuditHeadRow,
    ClientRow,
    IssuedDocumentRow,
    PracticeHandoutRow,
    PracticeRow,
    VisitRow,
)
from consultapp.store.types import utcnow

GENESIS = "0" * 64

_TRACKED: dict[type, str] = {
    ClientRow: "client",
    VisitRow: "visit",
    PracticeRow: "practice",
    IssuedDocumentRow: "document",
    PracticeHandoutRow: "handout",
}


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: dt.datetime
    user: str
    action: str
    record_type: str
    record_id: str
    client_id: str | None
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def entry_hash(
    seq: int,
    at: dt.datetime,
    user: str,
    action: str,
    record_type: str,
    record_id: str,
    client_id: str | None,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    content = {
        "seq": seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "user": user,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "client_id": client_id,
        "detail": detail,
        "prev": prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def act_on(session: Session, record_id: Any) -> None:
    """Log the change to this record as the act the caller records itself, not as a plain update."""
    session.info.setdefault("audit_skip", set()).add(record_id)


def record(
    session: Session,
    action: str,
    record_type: str,
    record_id: uuid.UUID | str | None = None,
    *,
    client_id: uuid.UUID | str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an entry in this session's transaction. ``detail`` must hold no personal data."""
    head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:  # a database created before the audit trail: start the chain
        head = AuditHeadRow(id=1, seq=0, hash=GENESIS)
        session.add(head)
    seq = head.seq + 1
    at = utcnow()
    user = str(session.info.get("user", ""))
    rid = str(record_id) if record_id is not None else ""
    cid = str(client_id) if client_id is not None else None
    det = detail or {}
    digest = entry_hash(seq, at, user, action, record_type, rid, cid, det, head.hash)
    session.add(
        AuditEntryRow(
            seq=seq, at=at, user=user, action=action, record_type=record_type, record_id=rid,
            client_id=cid, detail=det, prev_hash=head.hash, hash=digest,
        )
    )
    head.seq, head.hash = seq, digest


def _client_of(obj: Any) -> Any:
    if isinstance(obj, ClientRow):
        return obj.id
    return getattr(obj, "client_id", None)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("audit_off"):
        return
    skip = session.info.get("audit_skip", set())  # records whose change is logged as an act instead
    changes: list[tuple[str, Any]] = []
    changes += [("create", o) for o in session.new if type(o) in _TRACKED]
    changes += [
        ("update", o)
        for o in session.dirty
        if type(o) in _TRACKED and session.is_modified(o, include_collections=False)
    ]
    changes += [("delete", o) for o in session.deleted if type(o) in _TRACKED]
    for action, obj in changes:
        if obj.id in skip:
            continue
        kind = _TRACKED[type(obj)]
        if kind == "document" and action == "create":
            action = "issue"
        detail: dict[str, Any] = {}
        if kind == "visit" and action == "update" and obj.status == "final":
            detail = {"status": "final"}
        record(session, action, kind, obj.id, client_id=_client_of(obj), detail=detail)


def install(sessions: Any) -> None:
    """Audit every session made by ``sessions`` (a sessionmaker)."""
    event.listen(sessions, "before_flush", _before_flush)


def entries(session: Session, client_id: uuid.UUID | None = None) -> list[AuditEntry]:
    stmt = select(AuditEntryRow).order_by(AuditEntryRow.seq)
    if client_id is not None:
        stmt = stmt.where(AuditEntryRow.client_id == str(client_id))
    return [_entry(r) for r in session.scalars(stmt)]


def _entry(r: AuditEntryRow) -> AuditEntry:
    return AuditEntry(
        r.seq, r.at, r.user, r.action, r.record_type, r.record_id, r.client_id, dict(r.detail), r.prev_hash, r.hash
    )


def verify(session: Session) -> list[str]:
    """Problems found in the chain, in plain words; [] when it is intact."""
    problems: list[str] = []
    expected_prev, expected_seq = GENESIS, 1
    for r in session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq)):
        if r.seq != expected_seq:
            problems.append(f"entry {expected_seq} is missing (next is {r.seq})")
        if r.prev_hash != expected_prev:
            problems.append(f"entry {r.seq} does not follow the entry before it (removed or altered)")
        digest = entry_hash(
            r.seq, r.at, r.user, r.action, r.record_type, r.record_id, r.client_id, dict(r.detail), r.prev_hash
        )
        if digest != r.hash:
            problems.append(f"entry {r.seq} was altered")
        expected_prev, expected_seq = r.hash, r.seq + 1
    head = session.get(AuditHeadRow, 1)
    last_seq = expected_seq - 1
    if head is not None and (head.seq != last_seq or head.hash != expected_prev):
        problems.append(f"the newest entries are missing: the log ends at {last_seq}, its head says {head.seq}")
    return problems
