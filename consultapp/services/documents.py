"""What every printed document shares: paper sizes, file names, and keeping a document as issued."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.domain.records import IssuedDocument

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


def care_plan_file_name(visit_date: dt.date, family_name: str) -> str:
    """A file name for a care plan that every file system accepts, in any script."""
    family = unicodedata.normalize("NFC", family_name)
    safe = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "-", family).strip("-. ")[:40] or "client"
    return f"care-plan-{visit_date.isoformat()}-{safe}.pdf"


def document_file_name(kind: str, on: dt.date, family_name: str) -> str:
    """A file name for an issued document (``letter-2026-11-26-Silva.pdf``) that every file system accepts."""
    return care_plan_file_name(on, family_name).replace("care-plan-", f"{kind}-", 1)


def issue(
    store: Store,
    *,
    kind: str,
    data: bytes,
    title: str,
    on: dt.date,
    family_name: str,
    issued_by: str,
    client_id: uuid.UUID | None,
    visit_id: uuid.UUID | None,
) -> IssuedDocument:
    """Keep ``data`` byte for byte as an issued document of the client, named ``document_file_name``."""
    return store.issue_document(
        kind=kind, content=data, title=title, filename=document_file_name(kind, on, family_name),
        issued_by=issued_by, client_id=client_id, visit_id=visit_id,
    )
