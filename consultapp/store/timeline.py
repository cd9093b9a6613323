"""A client's history as the history page shows it: each visit with her babies' weights and score totals.

Three Core statements (visits, assessments, observed feeds) and no ORM objects: reading every visit
in full (``client_visits``: amendments, breast findings, plan steps...) cost a 40-visit client's
history page more than its drawing (issue 15's profile). ``client_history`` runs them, with the documents'
and photos' statements, built once with a bound ``id``, on one Core connection: no ORM session, identity map
or per-call statement building (a third of the page's reads, issue 15's profile).
"""

from __future__ import annotations

import functools
import uuid
from typing import Any, NamedTuple

from sqlalchemy import Connection, String, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session

from consultapp.domain.feeding_plan import history_words
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import BabyScores, IssuedDocument, VisitScores, VisitStatus
from consultapp.store.db import Database, read_connection
from consultapp.store.mapping import feeding_plan_from_data
from consultapp.store.models import BabyAssessmentRow, FeedingObservationRow, IssuedDocumentRow, PhotoRow, VisitRow

_LATCH = tuple(f"latch_{name}" for name in LatchScore.__dataclass_fields__)
_BTAT = tuple(f"btat_{name}" for name in BtatScore.__dataclass_fields__)


class HistoryRecords(NamedTuple):
    """What a client's history page shows of the store, read together."""

    timeline: list[VisitScores]
    documents: list[IssuedDocument]
    photo_count: int


class Timelines:
    """The part of ``Store`` about a client's history (a mixin: ``Store`` gives it ``db``)."""

    db: Database

    def client_timeline(self, client_id: uuid.UUID) -> list[VisitScores]:
        """Every visit of a client, newest first, with each baby's weight, LATCH total (of the first observed
        feed with any item scored, as ``BabyAssessment.latch``) and BTAT total."""
        with self.db.session() as s:
            return timeline_in(s, client_id)

    def client_history(self, client_id: uuid.UUID) -> HistoryRecords:
        """Her timeline (``client_timeline``), issued documents (``documents_for_client``) and how many photos
        (``photo_count``), on one Core connection (one transaction): the history page's reads, one consistent view."""
        *_, documents, photos = _statements()
        with read_connection(self.db.engine) as conn:
            timeline = timeline_in(conn, client_id)
            issued = [_issued(row) for row in conn.execute(documents, {"id": client_id})]
            count = int(conn.execute(photos, {"id": client_id}).scalar() or 0)
        return HistoryRecords(timeline, issued, count)


@functools.cache
def _statements() -> tuple[Any, Any, Any, Any, Any]:
    """The history's statements, each bound to ``id``: visits, assessments, observed feeds (the timeline),
    issued documents (as ``documents_in``, with the content's size), the photos' count (as ``photo_count_in``)."""
    client_id = bindparam("id", type_=VisitRow.__table__.c.client_id.type)

    def key(column: Any) -> Any:  # an id used only to join rows here: as the driver gives it, no uuid.UUID made
        return type_coerce(column, String).label(f"{column.table.name}_{column.key}_key")

    visits = (
        select(
            VisitRow.id,
            key(VisitRow.id),
            VisitRow.visit_date,
            VisitRow.location,
            VisitRow.reason,
            VisitRow.status,
            VisitRow.follow_up,
        )
        .where(VisitRow.client_id == client_id)
        .order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
    )
    assessments = (
        select(
            key(BabyAssessmentRow.id),
            key(BabyAssessmentRow.visit_id),
            BabyAssessmentRow.baby_id,
            BabyAssessmentRow.weight_g,
            BabyAssessmentRow.feeding_plan,
            *(getattr(BabyAssessmentRow, c) for c in _BTAT),
        )
        .join(VisitRow, VisitRow.id == BabyAssessmentRow.visit_id)
        .where(VisitRow.client_id == client_id)
    )
    feeds = (
        select(key(FeedingObservationRow.assessment_id), *(getattr(FeedingObservationRow, c) for c in _LATCH))
        .join(BabyAssessmentRow, BabyAssessmentRow.id == FeedingObservationRow.assessment_id)
        .join(VisitRow, VisitRow.id == BabyAssessmentRow.visit_id)
        .where(VisitRow.client_id == client_id)
        .order_by(FeedingObservationRow.assessment_id, FeedingObservationRow.ordinal)
    )
    d = IssuedDocumentRow
    documents = (
        select(d.id, d.kind, d.client_id, d.visit_id, d.title, d.filename, d.sha256, func.length(d.content),
               d.issued_at, d.issued_by)
        .where(d.client_id == client_id)
        .order_by(d.issued_at.desc())
    )
    photos = (select(func.count()).select_from(PhotoRow).join(VisitRow, VisitRow.id == PhotoRow.visit_id)
              .where(PhotoRow.client_id == client_id))
    return visits, assessments, feeds, documents, photos


def _issued(row: Any) -> IssuedDocument:
    doc_id, kind, client_id, visit_id, title, filename, sha256, size, issued_at, issued_by = row
    return IssuedDocument(id=doc_id, kind=kind, client_id=client_id, visit_id=visit_id, title=title,
                          filename=filename, sha256=sha256, size=size, issued_at=issued_at, issued_by=issued_by)


def timeline_in(s: Session | Connection, client_id: uuid.UUID) -> list[VisitScores]:
    """``Timelines.client_timeline``, read in the session or on the connection ``s``."""
    visits, assessments, feeds, *_ = _statements()
    params = {"id": client_id}
    visit_rows = s.execute(visits, params).all()
    assessment_rows = s.execute(assessments, params).all()
    feed_rows = s.execute(feeds, params).all()
    latch: dict[Any, int | None] = {}  # (keyed by the ids as the driver gives them: ``key`` in _statements)
    for row in feed_rows:
        empty, total = _scored(LatchScore, tuple(row[1:]))
        if row[0] not in latch and not empty:
            latch[row[0]] = total
    per_visit: dict[Any, list[BabyScores]] = {}
    for row in assessment_rows:
        per_visit.setdefault(row[1], []).append(
            BabyScores(row[2], row[3], latch.get(row[0]), _scored(BtatScore, tuple(row[5:]))[1],
                       history_words(feeding_plan_from_data(row[4])))
        )
    return [_visit(row, per_visit.get(row[1], [])) for row in visit_rows]


def _scored(kind: type[LatchScore | BtatScore], items: tuple[int | None, ...]) -> tuple[bool, int | None]:
    """Whether no item is scored, and the total (None until every item is): what ``kind(*items)`` says,
    without making one per row (a 40-visit history makes 80); a stored score out of range fails as there."""
    if all(v is None or (type(v) is int and 0 <= v <= 2) for v in items):
        if all(v is None for v in items):
            return True, None
        return False, None if None in items else sum(v for v in items if v is not None)
    score = kind(*items)
    return score.is_empty, score.total


def _visit(row: Any, babies: list[BabyScores]) -> VisitScores:
    visit_id, _key, on, location, reason, status, follow_up = row
    return VisitScores(visit_id, on, location, reason, status == VisitStatus.FINAL, follow_up, tuple(babies))
