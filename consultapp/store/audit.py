"""The audit trail: every create, update, delete and every act on a record, in a hash chain.

Entries are added inside the transaction that makes the change (a session hook for creates, updates
and deletes; ``record()`` for acts such as finalize, issue, export, erase, backup, restore), so a
change and its entry are saved together or not at all. Each entry's hash covers its content and the
previous entry's hash; the head row holds the newest number and hash. Editing, removing or
reordering any entry, or removing the newest ones, breaks the chain, and ``verify`` says where.

The hash is keyed (HMAC-SHA-256 with the practice's ``audit_key``; entries made before that are plain
SHA-256, ``alg`` says which), so rewriting history needs the key as well. On PostgreSQL the server makes
every entry (``consultapp_audit_append``, store/server_sql.py) with a key only its owner can read, and
checks them (``consultapp_audit_check``). An *anchor* (``anchor``: the head's number and hash, kept
away from the database) catches even a rewrite by someone holding the key: ``check_anchor``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from consultapp.store.models import (
    AuditEntryRow,
    AuditHeadRow,
    AuditKeyRow,
    ClientRow,
    IssuedDocumentRow,
    PracticeHandoutRow,
    PracticeRow,
    VisitRow,
)
from consultapp.store.types import utcnow

GENESIS = "0" * 64
LEGACY, KEYED = "sha256", "hmac-sha256"

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
    alg: str = "sha256"


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


def _pg_string(value: str) -> str:
    """A string as PostgreSQL's jsonb output writes it (escape_json)."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ch < " ":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def pg_json_text(value: Any) -> str:
    """``value`` as the text of a PostgreSQL jsonb (keys by length then bytes, ", " and ": "): both sides agree."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)  # (an entry's detail holds counts and flags, never a fraction)
    if isinstance(value, str):
        return _pg_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(pg_json_text(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(str(k).encode()), str(k).encode()))
        return "{" + ", ".join(f"{_pg_string(str(k))}: {pg_json_text(value[k])}" for k in keys) + "}"
    raise TypeError(f"cannot key an audit detail of type {type(value).__name__}")


def keyed_message(
    seq: int, at: dt.datetime, user: str, action: str, record_type: str, record_id: str,
    client_id: str | None, detail: dict[str, Any], prev_hash: str,
) -> bytes:
    """What a keyed entry's HMAC covers: the same bytes as the server's ``consultapp_audit_message``."""
    when = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    fields = [seq, when, user, action, record_type, record_id, client_id, detail, prev_hash]
    return pg_json_text(fields).encode("utf-8")


def keyed_hash(key: bytes, *fields: Any) -> str:
    return hmac.new(key, keyed_message(*fields), hashlib.sha256).hexdigest()


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
    later: bool = False,
) -> None:
    """Add an entry in this session's transaction. ``detail`` must hold no personal data.

    On PostgreSQL an entry recorded ``later`` (a flush's creates, updates and deletes) reaches the server
    with the COMMIT itself, in the same round trip (``_commit_with_entries``), with any other entry of the
    transaction before it: the chain's head is locked over the append and the commit only, never while the
    server waits for this client. Entries keep their order (an act recorded sends the waiting ones first).
    """
    user = str(session.info.get("user", ""))
    rid = str(record_id) if record_id is not None else ""
    cid = str(client_id) if client_id is not None else None
    det = detail or {}
    if session.get_bind().dialect.name == "postgresql":
        # The server makes the entry: it keys it and names the login (a consultant's claim is not taken).
        entry = {"a": action, "t": record_type, "r": rid, "c": cid, "d": json.dumps(det), "u": user}
        pending: list[dict[str, Any]] = session.info.setdefault(_PENDING, [])
        pending.append(entry)
        if not later or session.in_nested_transaction():
            send_pending(session)
        elif session.info.get(_COMMITTING):  # (a change flushed by the commit itself, after its hook)
            session.connection().info[_AT_COMMIT] = pending
        return
    head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:  # a database created before the audit trail: start the chain
        head = AuditHeadRow(id=1, seq=0, hash=GENESIS)
        session.add(head)
    seq = head.seq + 1
    at = utcnow()
    key = session.get(AuditKeyRow, 1)
    fields = (seq, at, user, action, record_type, rid, cid, det, head.hash)
    alg, digest = (KEYED, keyed_hash(key.key, *fields)) if key is not None else (LEGACY, entry_hash(*fields))
    session.add(
        AuditEntryRow(
            seq=seq, at=at, user=user, action=action, record_type=record_type, record_id=rid,
            client_id=cid, detail=det, prev_hash=head.hash, hash=digest, alg=alg,
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
        record(session, action, kind, obj.id, client_id=_client_of(obj), detail=detail, later=True)


_PENDING = "audit_pending"
"""``session.info`` key: the entries waiting to be sent to the server (PostgreSQL), oldest first."""
_COMMITTING = "audit_committing"
"""``session.info`` key: the transaction is committing: an entry recorded from now on goes with the COMMIT too."""
_AT_COMMIT = "audit_at_commit"
"""Connection ``info`` key: the entries the COMMIT of this connection's transaction sends first (the same list)."""
_APPEND_SQL = "SELECT consultapp_audit_append(%(a)s, %(t)s, %(r)s, %(c)s, CAST(%(d)s AS jsonb), %(u)s)"
_APPEND = text(_APPEND_SQL.replace("%(", ":").replace(")s", ""))


def send_pending(session: Session) -> None:
    """The server appends the entries waiting in this session, in order (one round trip: psycopg pipelines
    an executemany); the head stays locked until the transaction ends."""
    pending = session.info.pop(_PENDING, None)
    if pending:
        session.connection().info.pop(_AT_COMMIT, None)  # (sent now, not again with the commit)
        session.execute(_APPEND, pending)


def settle(session: Session) -> None:
    """Every change of this session flushed and its entries sent (before a read of the log)."""
    session.flush()
    send_pending(session)


def _before_commit(session: Session) -> None:
    """The entries waiting go with the COMMIT (PostgreSQL): their list is handed to the transaction's connection."""
    session.flush()
    session.info[_COMMITTING] = True
    pending = session.info.get(_PENDING)
    if pending:
        session.connection().info[_AT_COMMIT] = pending


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # rolled back (or committed, nothing left): nothing of it is sent later
        session.info.pop(_PENDING, None)
        session.info.pop(_COMMITTING, None)


def _commit_with_entries(plain_commit: Any, connection: Any) -> None:
    """The dialect's COMMIT on PostgreSQL: the entries handed over by ``_before_commit`` are appended and the
    transaction committed in one round trip (a psycopg pipeline), so the head's lock, taken by the first
    append, is released by the commit with no wait for this client in between. A failed append fails the
    commit (the pipeline stops at the error, the COMMIT is not run): nothing of the transaction is kept."""
    pending = connection.info.pop(_AT_COMMIT, None)
    if not pending:
        plain_commit(connection)
        return
    raw = connection.dbapi_connection
    with raw.pipeline(), raw.cursor() as cur:  # (sent, and its results read, as the pipeline ends: one Sync)
        cur.executemany(_APPEND_SQL, pending)
        cur.execute("COMMIT")


def _forget_at_commit(connection: Any, *_args: Any) -> None:
    """A transaction rolled back sends nothing with a later commit (an invalidated connection's ``info`` goes
    with it: the pool clears it when it reconnects)."""
    if not connection.invalidated:
        connection.info.pop(_AT_COMMIT, None)


def _forget_on_reset(_dbapi_connection: Any, record: Any, _reset_state: Any) -> None:
    record.info.pop(_AT_COMMIT, None)  # (nor does one given back to the pool without a rollback of ours)


def install(sessions: Any) -> None:
    """Audit every session made by ``sessions`` (a sessionmaker)."""
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_transaction_end", _after_transaction_end)
    engine = sessions.kw.get("bind")
    if engine is not None and engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg":
        dialect: Any = engine.dialect  # (this engine's own dialect object: its COMMIT sends the entries first)
        dialect.do_commit = functools.partial(_commit_with_entries, dialect.do_commit)
        event.listen(engine, "rollback", _forget_at_commit)
        event.listen(engine, "reset", _forget_on_reset)


def entries(session: Session, client_id: uuid.UUID | None = None) -> list[AuditEntry]:
    settle(session)  # (this transaction's own changes are in the log it reads)
    stmt = select(AuditEntryRow).order_by(AuditEntryRow.seq)
    if client_id is not None:
        stmt = stmt.where(AuditEntryRow.client_id == str(client_id))
    return [_entry(r) for r in session.scalars(stmt)]


def _entry(r: AuditEntryRow) -> AuditEntry:
    return AuditEntry(
        r.seq, r.at, r.user, r.action, r.record_type, r.record_id, r.client_id, dict(r.detail), r.prev_hash, r.hash,
        r.alg,
    )


def _keyed_checks(session: Session) -> dict[int, bool | None]:
    """On PostgreSQL: the server's verdict on each keyed entry (only it can read the key)."""
    rows = session.execute(text("SELECT seq, ok FROM consultapp_audit_check()"))
    return {int(seq): ok for seq, ok in rows}


def verify(session: Session) -> list[str]:
    """Problems found in the chain, in plain words; [] when it is intact."""
    problems: list[str] = []
    settle(session)
    server = session.get_bind().dialect.name == "postgresql"
    checks = _keyed_checks(session) if server else {}
    key = None if server else session.get(AuditKeyRow, 1)
    expected_prev, expected_seq, keyed_seen = GENESIS, 1, False
    for r in session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq)):
        if r.seq != expected_seq:
            problems.append(f"entry {expected_seq} is missing (next is {r.seq})")
        if r.prev_hash != expected_prev:
            problems.append(f"entry {r.seq} does not follow the entry before it (removed or altered)")
        fields = (r.seq, r.at, r.user, r.action, r.record_type, r.record_id, r.client_id, dict(r.detail), r.prev_hash)
        if r.alg == KEYED:
            keyed_seen = True
            if server:
                intact = bool(checks.get(r.seq))
            else:
                intact = key is not None and hmac.compare_digest(keyed_hash(key.key, *fields), r.hash)
        else:  # an unkeyed entry after a keyed one was re-hashed without the key
            intact = r.alg == LEGACY and not keyed_seen and entry_hash(*fields) == r.hash
        if not intact:
            problems.append(f"entry {r.seq} was altered")
        expected_prev, expected_seq = r.hash, r.seq + 1
    head = session.get(AuditHeadRow, 1)
    last_seq = expected_seq - 1
    if head is not None and (head.seq != last_seq or head.hash != expected_prev):
        problems.append(f"the newest entries are missing: the log ends at {last_seq}, its head says {head.seq}")
    return problems


# -- anchors: the head, kept away from the database ----------------------------------------------
ANCHOR_PREFIX = "ca1"
_ANCHOR = re.compile(r"^ca1-(\d{1,12})-([0-9a-f]{32})$")


def anchor(session: Session) -> str:
    """The chain's head as a short string (``ca1-<number>-<32 hex digits of its hash>``) to keep elsewhere."""
    settle(session)
    head = session.get(AuditHeadRow, 1)
    seq, digest = (head.seq, head.hash) if head is not None else (0, GENESIS)
    return f"{ANCHOR_PREFIX}-{seq}-{digest[:32]}"


def parse_anchor(value: str) -> tuple[int, str]:
    """(number, hash prefix) of an anchor; ValueError when it is not one."""
    found = _ANCHOR.match(value.strip().lower())
    if found is None:
        raise ValueError(f"'{value.strip()[:60]}' is not an audit anchor (ca1-NUMBER-32 hex digits).")
    return int(found.group(1)), found.group(2)


def check_anchor(session: Session, value: str) -> str | None:
    """Why the chain does not continue the anchored head (None when it does)."""
    seq, prefix = parse_anchor(value)
    settle(session)
    if seq == 0:
        return None if prefix == GENESIS[:32] else f"the anchor {value.strip()} names no entry"
    row = session.get(AuditEntryRow, seq)
    if row is None:
        return f"entry {seq}, which the anchor {value.strip()} names, is missing: history was removed"
    if not row.hash.startswith(prefix):
        return f"entry {seq} is not the one the anchor {value.strip()} names: history up to it was rewritten"
    return None
