"""What the store keeps beside the records: amendments, crash drafts and issued documents."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from consultapp.domain.records.visit import Visit


@dataclass(frozen=True)
class FieldChange:
    """One field of a record changed by an amendment (values as shown in the export format)."""

    field: str
    before: object
    after: object


@dataclass(frozen=True)
class Amendment:
    at: dt.datetime
    author: str
    reason: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Draft:
    """Unsaved typing of an open visit, offered back after a crash."""

    key: uuid.UUID
    client_id: uuid.UUID
    visit_id: uuid.UUID | None
    saved_at: dt.datetime
    visit: Visit
    unparsed: Mapping[str, str] = field(default_factory=dict)
    """Text typed in fields where it did not parse (not in ``visit``), by the editor's field key."""


@dataclass(frozen=True)
class IssuedDocument:
    """A document as handed over (without its bytes; ask the store for them)."""

    id: uuid.UUID
    kind: str
    client_id: uuid.UUID | None
    visit_id: uuid.UUID | None
    title: str
    filename: str
    sha256: str
    size: int
    issued_at: dt.datetime
    issued_by: str
