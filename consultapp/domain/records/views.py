"""Read models: the rows of the client search list and of a visit list."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from consultapp.domain.vocabulary import Location


@dataclass(frozen=True)
class ClientSummary:
    """One row of the client search list."""

    id: uuid.UUID
    full_name: str
    date_of_birth: dt.date | None
    phone: str
    baby_names: tuple[str, ...]
    last_visit: dt.date | None


@dataclass(frozen=True)
class VisitSummary:
    """One row of a visit list."""

    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    visit_date: dt.date
    location: Location
    reason: str
    follow_up: dt.date | None = None
