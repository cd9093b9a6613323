"""What every printed document shares: paper sizes, file names, and keeping a document as issued."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.domain.records import IssuedDocument
from consultapp.domain.records.validate import safe_file_name

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store

PageSize = tuple[float, float]
A4_SIZE: PageSize = (595.2755905511812, 841.8897637795277)
"""ISO A4 in points (``reportlab.lib.pagesizes.A4``), here so that callers need not import ReportLab."""



class DataFileError(ValueError):
    """A file she chose to import that could not be read (``unreadable``) or is not what it should be.

    ``str()`` is one line naming the file; ``reason`` is what is wrong, for a caller that words it its own way.
    Each kind of file names itself in ``WHAT``.
    """

    WHAT = "file"

    def __init__(self, path: Path, reason: str, *, unreadable: bool) -> None:
        self.path = path
        self.reason = reason
        self.unreadable = unreadable
        message = f"Cannot read {path}: {reason}" if unreadable else f"{path} is not a valid {self.WHAT}: {reason}"
        super().__init__(message)


def page_size(paper: str) -> PageSize:
    """``"a4"`` or ``"letter"`` (any case) as a page size; ValueError for another name."""
    # lazy: ReportLab loads only when a document is made (it would add ~100 ms to every start)
    from consultapp.documents.templates import page_size as size

    return size(paper)


def short_ref(record_id: uuid.UUID | None) -> str:
    """Eight hex digits of a record's id (``1a2b3c4d``), to tell files apart without naming anyone."""
    return record_id.hex[:8] if record_id is not None else "new"


def care_plan_file_name(visit_date: dt.date, ref: uuid.UUID | None) -> str:
    """``care-plan-2026-12-02-1a2b3c4d.pdf``: the date and a short id (the visit's), never the client's name.

    A file name is seen where the file's content is not: a folder listing, a mail attachment, a backup
    listing, another user of the computer (issue 14, point 9). She may still type a name when she saves.
    """
    return f"care-plan-{visit_date.isoformat()}-{short_ref(ref)}.pdf"


def document_file_name(kind: str, on: dt.date, ref: uuid.UUID | None) -> str:
    """``letter-2026-11-26-1a2b3c4d.pdf`` (the visit's id, or the client's): no client's name in it."""
    return care_plan_file_name(on, ref).replace("care-plan-", f"{kind}-", 1)


def suggested_file_name(doc: IssuedDocument) -> str:
    """The name a save-as offers for an issued document: made afresh (a document issued by an older version
    was named after the family), and never a path (an imported name is cut to its base name). A name this
    version gave (``care_plan_file_name``, ``document_file_name``: dated by the visit, which may be before the
    day it is saved) is offered as it was issued."""
    kind = "care-plan" if doc.kind == "careplan" else safe_file_name(doc.kind, "document").removesuffix(".pdf")
    kind = kind or "document"
    if re.fullmatch(rf"{re.escape(kind)}-[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}-(?:[0-9a-f]{{8}}|new)\.pdf", doc.filename):
        return doc.filename
    if doc.kind == "careplan":
        return care_plan_file_name(doc.issued_at.date(), doc.visit_id or doc.client_id)
    return document_file_name(kind, doc.issued_at.date(), doc.visit_id or doc.client_id)


def issue(
    store: Store,
    *,
    kind: str,
    data: bytes,
    title: str,
    on: dt.date,
    issued_by: str,
    client_id: uuid.UUID | None,
    visit_id: uuid.UUID | None,
) -> IssuedDocument:
    """Keep ``data`` byte for byte as an issued document of the client, named ``document_file_name``."""
    return store.issue_document(
        kind=kind, content=data, title=title, filename=document_file_name(kind, on, visit_id or client_id),
        issued_by=issued_by, client_id=client_id, visit_id=visit_id,
    )
