"""The records a consultant keeps, as plain dataclasses the forms edit and the documents read."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.vocabulary import BreastConcern, Location, Position, Side, Sign


@dataclass
class Practice:
    """Letterhead details."""

    name: str = ""
    consultant_name: str = ""
    credentials: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    id: uuid.UUID | None = None
    version: int = 0


@dataclass
class Baby:
    name: str
    date_of_birth: dt.date | None = None
    birth_weight_g: int | None = None
    id: uuid.UUID | None = None
    version: int = 0


@dataclass
class Client:
    """The parent, with her babies."""

    given_name: str
    family_name: str
    date_of_birth: dt.date | None = None
    phone: str = ""
    address: str = ""
    babies: list[Baby] = field(default_factory=list)
    id: uuid.UUID | None = None
    version: int = 0

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name.strip(), self.family_name.strip()) if p)


@dataclass
class BabyAssessment:
    """What was observed for one baby at one visit."""

    baby_id: uuid.UUID
    weight_g: int | None = None
    positions: list[Position] = field(default_factory=list)
    latch: LatchScore = field(default_factory=LatchScore)
    btat: BtatScore = field(default_factory=BtatScore)
    id: uuid.UUID | None = None


@dataclass
class BreastFinding:
    """A clogged duct or mastitis signs found at the visit, on which side and with which signs."""

    concern: BreastConcern
    side: Side
    signs: list[Sign] = field(default_factory=list)


@dataclass
class Visit:
    client_id: uuid.UUID
    visit_date: dt.date
    location: Location = Location.HOME
    reason: str = ""
    assessments: list[BabyAssessment] = field(default_factory=list)
    breast_finding: BreastFinding | None = None
    id: uuid.UUID | None = None
    version: int = 0

    def assessment_for(self, baby_id: uuid.UUID) -> BabyAssessment | None:
        return next((a for a in self.assessments if a.baby_id == baby_id), None)


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
