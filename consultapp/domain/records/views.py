"""Read models: the rows of the client search list and of a visit list, and what a visit's documents are made from."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from consultapp.domain.photos import PrintedPhoto
from consultapp.domain.records.client import Client
from consultapp.domain.records.practice import Practice
from consultapp.domain.records.visit import Visit
from consultapp.domain.vocabulary import Location

EarlierWeighings = dict[uuid.UUID, list[tuple[dt.date, int]]]
"""Each baby's (date, grams) weighings at earlier visits, oldest first."""


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


@dataclass(frozen=True)
class BabyScores:
    """One baby's weight and LATCH and BTAT totals at one visit (None: not recorded or not complete)."""

    baby_id: uuid.UUID
    weight_g: int | None
    latch: int | None
    btat: int | None
    supplement: str = ""
    """The feeding plan's supplement in a few words ("donor milk 10-30 mL x 8", "none"; "" when no plan)."""


@dataclass(frozen=True)
class VisitScores:
    """One visit on a client's history: what the timeline, the weight chart and the score trends show."""

    id: uuid.UUID
    visit_date: dt.date
    location: Location
    reason: str
    final: bool
    follow_up: dt.date | None
    babies: tuple[BabyScores, ...]
    """In the order the visit's assessments were recorded."""

    def scores_for(self, baby_id: uuid.UUID | None) -> BabyScores | None:
        return next((b for b in self.babies if b.baby_id == baby_id), None)


@dataclass(frozen=True)
class VisitRecords:
    """Everything a visit's documents are made from, read at once: the practice, the client, the visit, and
    each baby's weighings at earlier visits."""

    practice: Practice
    client: Client
    visit: Visit
    earlier_weighings: EarlierWeighings
    plan_photos: tuple[PrintedPhoto, ...] = ()
    """The visit's photos ticked for the family's care plan, with their images."""

    @property
    def visit_id(self) -> uuid.UUID:
        assert self.visit.id is not None  # (a visit read from the store has its id)
        return self.visit.id
