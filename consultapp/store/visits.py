"""Visits: save and read them, final visits and their amendments, and the agenda's lists."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, select
from sqlalchemy.orm import Session, aliased, selectinload

from consultapp.domain.records import Amendment, FieldChange, Visit, VisitStatus, VisitSummary
from consultapp.domain.serialize import to_data
from consultapp.store import audit
from consultapp.store.conflicts import conflict, guard
from consultapp.store.db import Database
from consultapp.store.errors import NotFoundError, refuse_unstorable
from consultapp.store.mapping import visit_from_row, visit_to_row
from consultapp.store.models import BabyAssessmentRow, ClientRow, VisitAmendmentRow, VisitRow
from consultapp.store.types import utcnow

log = logging.getLogger(__name__)

VISIT_LOAD = [
    selectinload(VisitRow.assessments).selectinload(BabyAssessmentRow.feeds),
    selectinload(VisitRow.amendments),
    selectinload(VisitRow.map_findings),
    selectinload(VisitRow.breast_sides),
    selectinload(VisitRow.nipples),
    selectinload(VisitRow.plan_steps),
]


def diff_visits(before: Visit, after: Visit) -> tuple[FieldChange, ...]:
    """The fields that differ, as dotted paths (``assessments.0.weight_g``), ignoring ids and version."""
    changes: list[FieldChange] = []

    def walk(path: str, a: Any, b: Any) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if key in ("id", "version", "status"):
                    continue
                walk(f"{path}.{key}" if path else key, a.get(key), b.get(key))
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(f"{path}.{i}", x, y)
        elif a != b:
            changes.append(FieldChange(path, a, b))

    walk("", to_data(before), to_data(after))
    return tuple(changes)


def select_visits() -> Select[*tuple[Any, ...]]:
    """The columns of a visit's summary, newest first (add ``where`` clauses to choose the visits)."""
    return (
        select(
            VisitRow.id,
            VisitRow.client_id,
            VisitRow.visit_date,
            VisitRow.location,
            VisitRow.reason,
            VisitRow.follow_up,
            ClientRow.given_name,
            ClientRow.family_name,
        )
        .join(ClientRow, VisitRow.client_id == ClientRow.id)
        .order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
    )


def _amendment_row(changes: Sequence[FieldChange], author: str, reason: str) -> VisitAmendmentRow:
    return VisitAmendmentRow(
        id=uuid.uuid4(),
        at=utcnow(),
        author=author,
        reason=reason,
        changes=[{"field": c.field, "before": c.before, "after": c.after} for c in changes],
    )


class Visits:
    """The part of ``Store`` about visits (a mixin: ``Store`` gives it ``db``)."""

    db: Database

    def save_visit(self, visit: Visit, *, author: str = "", reason: str = "") -> Visit:
        """Insert or update a visit with its assessments; updates ``visit`` with id and version.

        A visit marked final is never silently overwritten: the change is saved together with an
        amendment naming who changed which fields, when (and why, if given).
        """
        refuse_unstorable(visit, "visit")  # (the forms and import refuse it beside the field first)
        try:
            with self.db.session() as s:
                if author:  # she is named as who last changed it (and so in a later conflict message)
                    s.info["user"] = author
                row = (
                    s.get(VisitRow, visit.id, options=VISIT_LOAD) if visit.id else None
                )
                if row is None:
                    if visit.version:
                        raise NotFoundError("This visit no longer exists.")
                    row = VisitRow(id=visit.id or uuid.uuid4(), client_id=visit.client_id)
                    s.add(row)
                elif row.version != visit.version:
                    current = visit_from_row(row)
                    if not diff_visits(current, visit):  # a retry of a save that did reach the server
                        visit.id, visit.version, visit.status = current.id, current.version, current.status
                        for a, stored in zip(visit.assessments, current.assessments, strict=False):
                            a.id = stored.id
                        return visit
                    raise conflict("visit", current, row)
                row.updated_at = utcnow()  # always UPDATE, so the version moves with child edits
                before = visit_from_row(row) if row.status == VisitStatus.FINAL else None
                visit_to_row(visit, row)
                if before is not None:
                    changes = diff_visits(before, visit)
                    if changes:
                        row.amendments.append(_amendment_row(changes, author, reason))
                s.flush()
                saved = (row.id, row.version, row.status, [a.id for a in row.assessments])
        except Exception as exc:
            raise guard(exc) from exc
        # Only once committed (see save_client): a failed save leaves the caller's copy unchanged.
        visit.id, visit.version, visit.status = saved[0], saved[1], saved[2]
        for a, assessment_id in zip(visit.assessments, saved[3], strict=True):
            a.id = assessment_id
        log.debug("visit %s saved (version %s)", visit.id, visit.version)
        return visit

    def get_visit(self, visit_id: uuid.UUID) -> Visit:
        with self.db.session() as s:
            row = s.get(VisitRow, visit_id, options=VISIT_LOAD)
            if row is None:
                raise NotFoundError(f"No visit with id {visit_id}.")
            return visit_from_row(row)

    def client_visits(self, client_id: uuid.UUID) -> list[Visit]:
        """Every visit of a client in full, newest first, in one query per kind of child row."""
        stmt = (
            select(VisitRow)
            .where(VisitRow.client_id == client_id)
            .options(*VISIT_LOAD)
            .order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
        )
        with self.db.session() as s:
            return [visit_from_row(row) for row in s.scalars(stmt)]

    def earlier_weighings(
        self, baby_ids: Sequence[uuid.UUID], before: dt.date
    ) -> dict[uuid.UUID, list[tuple[dt.date, int]]]:
        """Each baby's weights recorded at visits before ``before``, oldest first."""
        with self.db.session() as s:
            return earlier_weighings_in(s, baby_ids, before)

    # -- final visits and amendments --------------------------------------------------------------
    def finalize_visit(self, visit_id: uuid.UUID, author: str) -> None:
        with self.db.session() as s:
            row = s.get(VisitRow, visit_id)
            if row is None:
                raise NotFoundError("This visit no longer exists.")
            if row.status != VisitStatus.FINAL:
                audit.act_on(s, row.id)
                row.status = VisitStatus.FINAL
                row.finalized_at = utcnow()
                row.finalized_by = author
                audit.record(s, "finalize", "visit", row.id, client_id=row.client_id)

    def is_final(self, visit_id: uuid.UUID) -> bool:
        with self.db.session() as s:
            return s.scalar(select(VisitRow.status).where(VisitRow.id == visit_id)) == VisitStatus.FINAL

    def record_amendment(
        self, visit_id: uuid.UUID, changes: tuple[FieldChange, ...], author: str, reason: str = ""
    ) -> None:
        with self.db.session() as s:
            row = _amendment_row(changes, author, reason)
            row.visit_id = visit_id
            s.add(row)

    def amendments(self, visit_id: uuid.UUID) -> list[Amendment]:
        with self.db.session() as s:
            rows = s.scalars(
                select(VisitAmendmentRow).where(VisitAmendmentRow.visit_id == visit_id).order_by(VisitAmendmentRow.at)
            ).all()
            return [
                Amendment(
                    at=r.at,
                    author=r.author,
                    reason=r.reason,
                    changes=tuple(FieldChange(c["field"], c["before"], c["after"]) for c in r.changes),
                )
                for r in rows
            ]

    # -- lists of visits: a client's, all, the agenda's ---------------------------------------------
    def visits_for_client(self, client_id: uuid.UUID) -> list[VisitSummary]:
        """A client's visits, newest first."""
        return self._summaries(select_visits().where(ClientRow.id == client_id))

    def all_visits(self) -> list[VisitSummary]:
        return self._summaries(select_visits())

    def visits_on(self, day: dt.date) -> list[VisitSummary]:
        return self._summaries(select_visits().where(VisitRow.visit_date == day))

    def overdue_follow_ups(self, today: dt.date) -> list[VisitSummary]:
        """Visits whose follow-up date has passed with no later visit for that client."""
        later = aliased(VisitRow)
        no_later_visit = ~select(later.id).where(
            later.client_id == VisitRow.client_id, later.visit_date > VisitRow.visit_date
        ).exists()
        stmt = select_visits().where(VisitRow.follow_up < today, no_later_visit).order_by(None)
        return self._summaries(stmt.order_by(VisitRow.follow_up))

    def _summaries(self, stmt: Select[*tuple[Any, ...]]) -> list[VisitSummary]:
        with self.db.session() as s:
            rows = s.execute(stmt).all()
        return visit_summaries(rows)


def visit_summaries(rows: Sequence[Any]) -> list[VisitSummary]:
    """The summaries of rows read with ``select_visits()``."""
    return [
        VisitSummary(
            id=r.id,
            client_id=r.client_id,
            client_name=" ".join(p for p in (r.given_name, r.family_name) if p),
            visit_date=r.visit_date,
            location=r.location,
            reason=r.reason,
            follow_up=r.follow_up,
        )
        for r in rows
    ]


def earlier_weighings_in(
    s: Session | Connection, baby_ids: Sequence[uuid.UUID], before: dt.date
) -> dict[uuid.UUID, list[tuple[dt.date, int]]]:
    """Each baby's weights recorded at visits before ``before``, oldest first, read in the session ``s``."""
    if not baby_ids:
        return {}
    stmt = (
        select(BabyAssessmentRow.baby_id, VisitRow.visit_date, BabyAssessmentRow.weight_g)
        .join(VisitRow, BabyAssessmentRow.visit_id == VisitRow.id)
        .where(BabyAssessmentRow.baby_id.in_(baby_ids))
        .where(VisitRow.visit_date < before)
        .where(BabyAssessmentRow.weight_g.is_not(None))
        .order_by(VisitRow.visit_date)
    )
    out: dict[uuid.UUID, list[tuple[dt.date, int]]] = {}
    for baby_id, day, grams in s.execute(stmt):
        if grams is not None:
            out.setdefault(baby_id, []).append((day, grams))
    return out
