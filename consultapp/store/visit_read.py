"""What a visit's documents are made from (``Store.visit_records``), read with Core on one connection.

The ORM read (``session.get`` with the visit's and the client's ``selectinload`` options) took about a quarter
of a care plan's time (issue 15's profile): an identity map, the relationships' bookkeeping and a statement
compiled per load for rows that are only read and turned into records. Here each table's rows are read once,
in the relationships' order, and handed to the same ``visit_from_row`` and ``client_from_row`` as the ORM's:
the same records (tests/store/test_visit_records.py compares the two).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import bindparam, select

from consultapp.domain.records import VisitRecords
from consultapp.store.clients import client_in
from consultapp.store.errors import NotFoundError
from consultapp.store.mapping import CoreRead, visit_from_row
from consultapp.store.models import (
    BabyAssessmentRow,
    BreastMapFindingRow,
    BreastSideExamRow,
    FeedingObservationRow,
    NippleExamRow,
    PlanStepRow,
    VisitRow,
)
from consultapp.store.photos import plan_photos_in
from consultapp.store.practice import practice_in
from consultapp.store.visits import earlier_weighings_in

if TYPE_CHECKING:
    import uuid

    from sqlalchemy import Connection


def visit_records_in(conn: Connection, visit_id: uuid.UUID) -> VisitRecords:
    """The visit, its client, the practice, her babies' earlier weighings and the plan's photos, read on ``conn``.

    Raises:
        NotFoundError: no such visit (or its client is gone).
    """
    visit_row, assessments, feeds, findings, sides, nipples, steps = _visit_statements()
    row = conn.execute(visit_row, {"id": visit_id}).one_or_none()
    if row is None:
        raise NotFoundError(f"No visit with id {visit_id}.")
    assessed = conn.execute(assessments, {"id": visit_id}).all()
    fed: dict[Any, list[Any]] = {a.id: [] for a in assessed}
    if fed:
        for f in conn.execute(feeds, {"ids": list(fed)}):
            fed[f.assessment_id].append(f)
    read = CoreRead(
        row,
        assessments=[CoreRead(a, feeds=fed[a.id]) for a in assessed],
        map_findings=conn.execute(findings, {"id": visit_id}).all(),
        breast_sides=conn.execute(sides, {"id": visit_id}).all(),
        nipples=conn.execute(nipples, {"id": visit_id}).all(),
        plan_steps=conn.execute(steps, {"id": visit_id}).all(),
    )
    visit = visit_from_row(cast(VisitRow, read))
    client = client_in(conn, visit.client_id)
    baby_ids = [b.id for b in client.babies if b.id is not None]
    return VisitRecords(
        practice_in(conn), client, visit, earlier_weighings_in(conn, baby_ids, visit.visit_date),
        plan_photos_in(conn, visit_id, {b.id: b.name for b in client.babies if b.id}),
    )


@functools.cache
def _visit_statements() -> tuple[Any, ...]:
    """The visit's row and its children's, each in its relationship's order (models.py), bound to ``id``; the
    feeds bound to their assessments' ``ids``."""
    visit_id = bindparam("id", type_=VisitRow.__table__.c.id.type)

    def children(row_class: Any, *order: str) -> Any:
        table = row_class.__table__
        return select(table).where(table.c.visit_id == visit_id).order_by(*(table.c[name] for name in order))

    feeds = FeedingObservationRow.__table__
    return (
        select(VisitRow.__table__).where(VisitRow.__table__.c.id == visit_id),
        children(BabyAssessmentRow),  # (unordered, as the relationship)
        select(feeds).where(feeds.c.assessment_id.in_(bindparam("ids", expanding=True))).order_by(feeds.c.ordinal),
        children(BreastMapFindingRow, "ordinal"),
        children(BreastSideExamRow),  # (sorted by side when mapped)
        children(NippleExamRow),
        children(PlanStepRow, "ordinal"),
    )
