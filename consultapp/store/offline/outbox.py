"""The durable outbox: every change made on a local copy, recorded in the transaction that makes it.

Installed by ``open_database`` on a local copy's sessions (``install``). After each flush, each record
(client, visit, issued document) that any of its rows was written in, and each audit entry added, gets
one outbox entry with the server version its change was based on. The entry and the change are in one
SQLite transaction: a SIGKILL or a power cut keeps both or neither.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from consultapp.store.models import (
    AuditEntryRow,
    BabyAssessmentRow,
    BabyRow,
    BreastMapFindingRow,
    BreastSideExamRow,
    CareContactRow,
    ClientRow,
    FeedingObservationRow,
    IssuedDocumentRow,
    NippleExamRow,
    PlanStepRow,
    VisitAmendmentRow,
    VisitRow,
)
from consultapp.store.offline.tables import BaseRow, OutboxRow
from consultapp.store.types import utcnow

_ROOTS: dict[type, str] = {ClientRow: "client", VisitRow: "visit", IssuedDocumentRow: "document"}
_UNDER_CLIENT = (BabyRow, CareContactRow)
_UNDER_VISIT = (
    BabyAssessmentRow,
    BreastMapFindingRow,
    BreastSideExamRow,
    NippleExamRow,
    PlanStepRow,
    VisitAmendmentRow,
)


def _root(session: Session, obj: Any) -> tuple[str, str] | None:
    if type(obj) in _ROOTS:
        return _ROOTS[type(obj)], str(obj.id)
    if isinstance(obj, _UNDER_CLIENT):
        return "client", str(obj.client_id)
    if isinstance(obj, _UNDER_VISIT):
        return "visit", str(obj.visit_id)
    if isinstance(obj, FeedingObservationRow):
        visit_id = session.execute(
            select(BabyAssessmentRow.visit_id).where(BabyAssessmentRow.id == obj.assessment_id)
        ).scalar_one_or_none()
        return ("visit", str(visit_id)) if visit_id is not None else None
    if isinstance(obj, AuditEntryRow):
        return "audit", str(obj.seq)
    return None


def _after_flush(session: Session, _context: Any) -> None:
    touched: dict[tuple[str, str], str] = {}
    for op, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if op == "update" and not session.is_modified(obj, include_collections=False):
                continue
            key = _root(session, obj)
            if key is None or key[1] == "None":
                continue
            is_root = type(obj) in _ROOTS or isinstance(obj, AuditEntryRow)
            if is_root or key not in touched:
                touched[key] = op if is_root else "update"
    now = utcnow()
    for (kind, record_id), op in touched.items():
        base = session.execute(
            select(BaseRow.version).where(BaseRow.kind == kind, BaseRow.record_id == record_id)
        ).scalar_one_or_none()
        session.execute(
            insert(OutboxRow).values(
                change_id=str(uuid.uuid4()),
                kind=kind,
                record_id=record_id,
                op=op,
                base_version=base,
                at=now,
            )
        )


def install(sessions: Any) -> None:
    """Record every change made through ``sessions`` (a sessionmaker on a local copy) in the outbox."""
    event.listen(sessions, "after_flush", _after_flush)
