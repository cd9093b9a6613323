"""A visit: the parent's state, each baby's assessment, the breasts, the plan edits and its status."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from consultapp.domain.records.assessment import BabyAssessment
from consultapp.domain.records.billing import VisitBilling
from consultapp.domain.records.breast import BreastFinding, BreastMapFinding, BreastSideExam, NippleExam
from consultapp.domain.records.checks import check_range
from consultapp.domain.vocabulary import Location


class VisitStatus(StrEnum):
    """Whether a visit may still be edited freely (draft) or only amended with a reason (final)."""

    DRAFT = "draft"
    FINAL = "final"


@dataclass
class ParentState:
    """The parent's state at the visit (temperature in Celsius)."""

    temperature_c: float | None = None
    chills: bool = False
    flu_like: bool = False
    unrested: bool = False
    sudden_stop: bool = False
    long_gaps: bool = False
    pressure_on_breast: bool = False
    pumping: bool = False
    spreading_redness: bool = False
    confusion: bool = False
    fast_heart_rate: bool = False
    fluctuant_or_persisting_lump: bool = False
    worse_after_antibiotics: bool = False
    lump_after_episode: bool = False

    def __post_init__(self) -> None:
        check_range("temperature", self.temperature_c, 30, 45, "°C")


@dataclass
class ChosenStep:
    """A care-plan step as the consultant left it: the engine's (by key) or her own."""

    key: str
    text: str
    reason: str = ""
    source: str = ""
    included: bool = True
    custom: bool = False


@dataclass
class PlanEdits:
    """The consultant's edits to the suggested plan; empty ``steps`` means "as suggested"."""

    steps: list[ChosenStep] = field(default_factory=list)
    feeding_plan: str = ""
    follow_up: dt.date | None = None


@dataclass
class Visit:
    client_id: uuid.UUID
    visit_date: dt.date
    location: Location = Location.HOME
    reason: str = ""
    assessments: list[BabyAssessment] = field(default_factory=list)
    breast_finding: BreastFinding | None = None
    map_findings: list[BreastMapFinding] = field(default_factory=list)
    breast_sides: list[BreastSideExam] = field(default_factory=list)
    nipples: list[NippleExam] = field(default_factory=list)
    parent: ParentState = field(default_factory=ParentState)
    plan: PlanEdits = field(default_factory=PlanEdits)
    billing: VisitBilling | None = None
    visit_time: dt.time | None = None
    """When the baby was seen (local time), if recorded: with the time of birth it makes hours of life exact."""
    status: VisitStatus = VisitStatus.DRAFT
    """Set by the store when the consultant marks the visit final (stored as "draft" or "final")."""
    id: uuid.UUID | None = None
    version: int = 0

    def __post_init__(self) -> None:
        self.status = VisitStatus(self.status)  # the store hands over its column's text

    @property
    def is_final(self) -> bool:
        return self.status == VisitStatus.FINAL  # the store may set its column's text

    def assessment_for(self, baby_id: uuid.UUID) -> BabyAssessment | None:
        return next((a for a in self.assessments if a.baby_id == baby_id), None)
