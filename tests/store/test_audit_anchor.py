"""The keyed audit chain and its anchors: a rewrite with raw SQL, renumbered and re-hashed (issue 14, 3).

On SQLite and on PostgreSQL (there as the superuser, who can read the key: the strongest attacker).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from factories import make_client, make_visit
from sqlalchemy import delete, select, update

from consultapp.store import audit
from consultapp.store.db import Database
from consultapp.store.facade import Store
from consultapp.store.models import AuditEntryRow, AuditHeadRow, AuditKeyRow, VisitRow


def _history(db: Database) -> str:
    """Create, update, finalize a visit; the anchor is taken after the update."""
    db.set_user('Zoë Nguyễn, IBCLC "quoted" \t tab')
    repo = Store(db)
    client = repo.save_client(make_client("Ana", "Okafor"))
    visit = repo.save_visit(make_visit(client, dt.date(2026, 11, 26), weight_g=3100, reason="lump, left"))
    repo.save_visit(dataclasses.replace(visit, reason="lump, left; abscess ruled out"))
    with db.session() as s:
        anchor = audit.anchor(s)
    assert visit.id is not None
    repo.finalize_visit(visit.id, "Jo")
    return anchor


def _rehash(r: Any, key: bytes | None) -> str:
    fields = (r.seq, r.at, r.user, r.action, r.record_type, r.record_id, r.client_id, dict(r.detail), r.prev_hash)
    return audit.keyed_hash(key, *fields) if key is not None and r.alg == audit.KEYED else audit.entry_hash(*fields)


def _forge(db: Database, *, with_key: bool) -> None:
    """Change the visit's reason, delete its update entry, renumber the rest and re-hash the chain."""
    with db.session() as s:
        s.execute(update(VisitRow).values(reason="nothing found"))
        gone = s.scalars(select(AuditEntryRow).where(AuditEntryRow.action == "update")).one().seq
        s.execute(delete(AuditEntryRow).where(AuditEntryRow.seq == gone))
        later = s.scalars(select(AuditEntryRow.seq).where(AuditEntryRow.seq > gone).order_by(AuditEntryRow.seq))
        for seq in list(later):
            s.execute(update(AuditEntryRow).where(AuditEntryRow.seq == seq).values(seq=seq - 1))
        key_row = s.get(AuditKeyRow, 1)
        key = key_row.key if with_key and key_row is not None else None
        prev = audit.GENESIS
        for r in s.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq)).all():
            if r.seq >= gone:
                r.prev_hash = prev
                r.alg = r.alg if key is not None else audit.LEGACY
                r.hash = _rehash(r, key)
            prev = r.hash
            s.flush()
        head = s.get(AuditHeadRow, 1)
        assert head is not None
        head.seq, head.hash = head.seq - 1, prev


def test_every_new_entry_is_keyed_and_python_agrees_with_the_server(db: Database) -> None:
    _history(db)
    with db.session() as s:
        key = s.get(AuditKeyRow, 1)
        rows = s.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq)).all()
        assert key is not None and rows and all(r.alg == audit.KEYED for r in rows)
        assert all(_rehash(r, key.key) == r.hash for r in rows)  # on PostgreSQL the server made these
        assert audit.verify(s) == []


def test_a_rewrite_re_hashed_with_the_key_is_caught_by_the_anchor(db: Database) -> None:
    anchor = _history(db)
    _forge(db, with_key=True)
    with db.session() as s:
        assert audit.verify(s) == []  # the key holder's forgery hangs together...
        why = audit.check_anchor(s, anchor)  # ...but not with what was written down before
    assert why is not None and "rewritten" in why


def test_a_rewrite_re_hashed_without_the_key_is_caught_by_the_chain(db: Database) -> None:
    _history(db)
    _forge(db, with_key=False)
    with db.session() as s:
        problems = audit.verify(s)
    assert problems and all("was altered" in p for p in problems)


def test_an_anchor_still_holds_after_more_honest_entries(db: Database) -> None:
    anchor = _history(db)
    Store(db).save_client(make_client("Later", "Client"))
    with db.session() as s:
        assert audit.check_anchor(s, anchor) is None
        assert audit.check_anchor(s, audit.anchor(s)) is None
        assert audit.check_anchor(s, "ca1-0-" + "0" * 32) is None


def test_an_anchor_past_the_end_says_history_was_removed(db: Database) -> None:
    _history(db)
    with db.session() as s:
        why = audit.check_anchor(s, "ca1-99-" + "a" * 32)
    assert why is not None and "missing" in why
