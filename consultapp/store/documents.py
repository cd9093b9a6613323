"""Issued documents: kept exactly as handed over, with their hash, who and when."""

from __future__ import annotations

import hashlib
import logging
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consultapp.domain.records import IssuedDocument
from consultapp.store.db import Database
from consultapp.store.errors import KnownError, NotFoundError, classify
from consultapp.store.models import IssuedDocumentRow
from consultapp.store.types import utcnow

log = logging.getLogger(__name__)


class Documents:
    """The part of ``Store`` about issued documents (a mixin: ``Store`` gives it ``db``)."""

    db: Database

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
        with self.db.session() as s:
            return documents_in(s, client_id)

    def document_content(self, document_id: uuid.UUID) -> bytes:
        """The exact bytes issued; refuses bytes that no longer match their hash."""
        with self.db.session() as s:
            row = s.get(IssuedDocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"No issued document with id {document_id}.")
            if hashlib.sha256(row.content).hexdigest() != row.sha256:
                raise KnownError("This issued document has been altered since it was issued.")
            return bytes(row.content)


def documents_in(s: Session, client_id: uuid.UUID) -> list[IssuedDocument]:
    """A client's issued documents, newest first, read in the session ``s``."""
    stmt = (
        select(IssuedDocumentRow, func.length(IssuedDocumentRow.content))
        .where(IssuedDocumentRow.client_id == client_id)
        .order_by(IssuedDocumentRow.issued_at.desc())
    )
    return [_issued(row, size) for row, size in s.execute(stmt)]


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
