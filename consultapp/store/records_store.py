"""Final visits and amendments, drafts, issued documents and practice handouts."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from consultapp.domain.handouts import Handout, handout_from_mapping, handout_to_mapping
from consultapp.domain.records import (
    Amendment,
    Draft,
    FieldChange,
    IssuedDocument,
    Visit,
    VisitSummary,
)
from consultapp.domain.serialize import FormatError, from_data, to_data
from consultapp.domain.vocabulary import Location
from consultapp.store import audit
from consultapp.store.db import Database
from consultapp.store.errors import KnownError, NotFoundError, classify
from consultapp.store.models import (
    ClientRow,
    DraftRow,
    IssuedDocumentRow,
    PracticeCodeListRow,
    PracticeHandoutRow,
    VisitAmendmentRow,
    VisitRow,
)
from consultapp.store.types import utcnow

UNPARSED_KEY = "_unparsed"
"""In a draft's payload beside the visit: text typed where it did not parse (see ``save_draft``)."""

log = logging.getLogger(__name__)


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


class RecordsStore:
    """The parts of the record that keep history: what was final, amended, drafted or handed over."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- final visits and amendments --------------------------------------------------------------
    def finalize_visit(self, visit_id: uuid.UUID, author: str) -> None:
        with self.db.session() as s:
            row = s.get(VisitRow, visit_id)
            if row is None:
                raise NotFoundError("This visit no longer exists.")
            if row.status != "final":
                audit.act_on(s, row.id)
                row.status = "final"
                row.finalized_at = utcnow()
                row.finalized_by = author
                audit.record(s, "finalize", "visit", row.id, client_id=row.client_id)

    def is_final(self, visit_id: uuid.UUID) -> bool:
        with self.db.session() as s:
            return s.scalar(select(VisitRow.status).where(VisitRow.id == visit_id)) == "final"

    def record_amendment(
        self, visit_id: uuid.UUID, changes: tuple[FieldChange, ...], author: str, reason: str = ""
    ) -> None:
        with self.db.session() as s:
            s.add(
                VisitAmendmentRow(
                    id=uuid.uuid4(),
                    visit_id=visit_id,
                    at=utcnow(),
                    author=author,
                    reason=reason,
                    changes=[{"field": c.field, "before": c.before, "after": c.after} for c in changes],
                )
            )

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

    # -- drafts -----------------------------------------------------------------------------------
    def save_draft(self, key: uuid.UUID, visit: Visit, unparsed: Mapping[str, str] | None = None) -> None:
        """Keep (or replace) the draft ``key`` of an open visit; one short transaction.

        ``unparsed``: text typed where it did not parse yet ("3,5 kgg"), kept as typed beside the visit."""
        with self.db.session() as s:
            row = s.get(DraftRow, key)
            if row is None:
                row = DraftRow(id=key, client_id=visit.client_id)
                s.add(row)
            row.visit_id = visit.id
            row.saved_at = utcnow()
            row.payload = {**to_data(visit), UNPARSED_KEY: dict(unparsed)} if unparsed else to_data(visit)

    def drafts(self) -> list[Draft]:
        """Every kept draft, newest first; a draft that no longer reads is skipped, not fatal."""
        with self.db.session() as s:
            rows = s.scalars(select(DraftRow).order_by(DraftRow.saved_at.desc())).all()
            out = []
            for r in rows:
                data = dict(r.payload)
                unparsed = data.pop(UNPARSED_KEY, None)
                try:
                    visit = from_data(Visit, data)
                except FormatError:
                    continue
                texts = {str(k): str(v) for k, v in unparsed.items()} if isinstance(unparsed, dict) else {}
                out.append(Draft(r.id, r.client_id, r.visit_id, r.saved_at, visit, texts))
            return out

    def discard_draft(self, key: uuid.UUID) -> None:
        with self.db.session() as s:
            row = s.get(DraftRow, key)
            if row is not None:
                s.delete(row)

    # -- issued documents -------------------------------------------------------------------------
    def issue_document(
        self,
        *,
        kind: str,
        content: bytes,
        title: str,
        filename: str,
        issued_by: str,
        client_id: uuid.UUID | None = None,
        visit_id: uuid.UUID | None = None,
    ) -> IssuedDocument:
        """Keep a document exactly as handed over."""
        try:
            with self.db.session() as s:
                row = IssuedDocumentRow(
                    id=uuid.uuid4(),
                    kind=kind,
                    client_id=client_id,
                    visit_id=visit_id,
                    title=title,
                    filename=filename,
                    content=content,
                    sha256=hashlib.sha256(content).hexdigest(),
                    issued_at=utcnow(),
                    issued_by=issued_by,
                )
                s.add(row)
                s.flush()
                log.info("document %s issued (%s, %d bytes)", row.id, kind, len(content))
                return _issued(row, len(content))
        except Exception as exc:
            raise classify(exc) or exc from exc

    def documents_for_client(self, client_id: uuid.UUID) -> list[IssuedDocument]:
        """A client's issued documents, newest first."""
        stmt = (
            select(IssuedDocumentRow, func.length(IssuedDocumentRow.content))
            .where(IssuedDocumentRow.client_id == client_id)
            .order_by(IssuedDocumentRow.issued_at.desc())
        )
        with self.db.session() as s:
            return [_issued(row, size) for row, size in s.execute(stmt)]

    def document_content(self, document_id: uuid.UUID) -> bytes:
        """The exact bytes issued; refuses bytes that no longer match their hash."""
        with self.db.session() as s:
            row = s.get(IssuedDocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"No issued document with id {document_id}.")
            if hashlib.sha256(row.content).hexdigest() != row.sha256:
                raise KnownError("This issued document has been altered since it was issued.")
            return bytes(row.content)

    # -- practice handouts ------------------------------------------------------------------------
    def practice_handouts(self) -> dict[str, Handout]:
        with self.db.session() as s:
            return {
                r.slug: handout_from_mapping(r.data, shipped=False)
                for r in s.scalars(select(PracticeHandoutRow).order_by(PracticeHandoutRow.slug))
            }

    def save_practice_handout(self, handout: Handout) -> None:
        with self.db.session() as s:
            row = s.scalars(select(PracticeHandoutRow).where(PracticeHandoutRow.slug == handout.slug)).first()
            if row is None:
                row = PracticeHandoutRow(id=uuid.uuid4(), slug=handout.slug)
                s.add(row)
            row.updated_at = utcnow()
            row.data = handout_to_mapping(handout)

    def delete_practice_handout(self, slug: str) -> None:
        with self.db.session() as s:
            row = s.scalars(select(PracticeHandoutRow).where(PracticeHandoutRow.slug == slug)).first()
            if row is not None:
                s.delete(row)

    # -- the practice's code lists -----------------------------------------------------------------
    def practice_code_lists(self) -> list[dict[str, Any]]:
        """The practice's own code lists (their stored form), newest first."""
        with self.db.session() as s:
            rows = s.scalars(select(PracticeCodeListRow).order_by(PracticeCodeListRow.created_at.desc())).all()
            return [dict(r.data) for r in rows]

    def save_practice_code_list(self, data: dict[str, Any]) -> None:
        """Keep a code list (with its own version name); a version already kept is replaced."""
        version = str(data.get("version", "")).strip()
        if not version:
            raise KnownError("A code list needs a version name.")
        with self.db.session() as s:
            row = s.scalars(select(PracticeCodeListRow).where(PracticeCodeListRow.version_name == version)).first()
            if row is None:
                row = PracticeCodeListRow(id=uuid.uuid4(), version_name=version)
                s.add(row)
            row.updated_at = utcnow()
            row.data = data

    # -- agenda -----------------------------------------------------------------------------------
    def visits_on(self, day: dt.date) -> list[VisitSummary]:
        return list(self._summaries(select_visits().where(VisitRow.visit_date == day)))

    def overdue_follow_ups(self, today: dt.date) -> list[VisitSummary]:
        """Visits whose follow-up date has passed with no later visit for that client."""
        later = aliased(VisitRow)
        no_later_visit = ~select(later.id).where(
            later.client_id == VisitRow.client_id, later.visit_date > VisitRow.visit_date
        ).exists()
        stmt = select_visits().where(VisitRow.follow_up < today, no_later_visit).order_by(None)
        return list(self._summaries(stmt.order_by(VisitRow.follow_up)))

    def _summaries(self, stmt: Any) -> Iterator[VisitSummary]:
        with self.db.session() as s:
            rows = s.execute(stmt).all()
        for r in rows:
            yield VisitSummary(
                id=r.id,
                client_id=r.client_id,
                client_name=" ".join(p for p in (r.given_name, r.family_name) if p),
                visit_date=r.visit_date,
                location=Location(r.location),
                reason=r.reason,
                follow_up=r.follow_up,
            )


def select_visits() -> Any:
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


def _issued(row: IssuedDocumentRow, size: int) -> IssuedDocument:
    return IssuedDocument(
        id=row.id,
        kind=row.kind,
        client_id=row.client_id,
        visit_id=row.visit_id,
        title=row.title,
        filename=row.filename,
        sha256=row.sha256,
        size=size,
        issued_at=row.issued_at,
        issued_by=row.issued_by,
    )
