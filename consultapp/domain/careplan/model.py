"""What a care plan is: its steps, sections, findings per baby and the wording it followed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.careplan.feeding import BabyFeedingPlan
from consultapp.domain.careplan.figures import NO_FIGURES, CarePlanFigures
from consultapp.domain.flags import Flag
from consultapp.domain.photos import PrintedPhoto
from consultapp.domain.records import Practice
from consultapp.domain.risk import RiskFactorFound
from consultapp.domain.vocabulary import PlanVariant


class SectionTitle(StrEnum):
    """The plan's sections, by their printed titles (never stored: the consultant's edits refer to step keys)."""

    LATCH = "Latch and positions"
    TONGUE = "Your baby's tongue"
    CLOGGED = "Clearing the clogged duct"
    MASTITIS = "Mastitis: what to do"
    PREVENTION = "Preventing clogged ducts and mastitis"
    CUSTOM = "More steps from your consultant"
    """Where a consultant's own step goes when the plan has no suggested step to place it beside."""


SECTION_LATCH = SectionTitle.LATCH
SECTION_TONGUE = SectionTitle.TONGUE
SECTION_CLOGGED = SectionTitle.CLOGGED
SECTION_MASTITIS = SectionTitle.MASTITIS
SECTION_PREVENTION = SectionTitle.PREVENTION
SECTION_CUSTOM = SectionTitle.CUSTOM

CALL_TODAY = "Call today:"
"""Prefix of a red flag's line under "When to call your doctor" (urgency in words, not colour only)."""

CHECK_SOON = "Check soon:"
"""Prefix of an amber flag's line under "When to call your doctor"."""


@dataclass(frozen=True)
class PlanStep:
    """One step of the plan as printed, why it was chosen, and where its wording comes from.

    ``key`` is stable (the consultant's edits refer to it); ``section`` is the title of the section the step
    belongs to; ``custom`` marks a step the consultant wrote herself.
    """

    text: str
    reason: str
    source: str
    key: str = ""
    section: str = ""
    custom: bool = False

    def __post_init__(self) -> None:
        # A ``StepKey`` or ``SectionTitle`` is kept as its text: the key is stored with the consultant's edits
        # beside her own keys, and the widgets show the section as text.
        object.__setattr__(self, "key", str(self.key))
        object.__setattr__(self, "section", str(self.section))


@dataclass(frozen=True)
class PlanSection:
    title: str
    steps: tuple[PlanStep, ...]
    intro: str = ""


@dataclass(frozen=True)
class BabyFindings:
    baby_name: str
    lines: tuple[str, ...]
    latch_total: int | None
    btat_total: int | None


class FindingTopic(StrEnum):
    """A finding the plan gives treatment steps for, in a wording the practice chooses (``PlanVariant``)."""

    CLOGGED_DUCT = "clogged_duct"
    MASTITIS = "mastitis"

    @property
    def plain(self) -> str:
        """The topic in a parent's words, as the plan names its sources: "a clogged duct"."""
        return {"clogged_duct": "a clogged duct", "mastitis": "mastitis"}[self.value]


@dataclass(frozen=True)
class VariantUsed:
    """Which wording the plan gave for one finding (``finding``), and its source."""

    finding: FindingTopic
    variant: PlanVariant
    source_title: str
    reference: str = ""

    @property
    def topic(self) -> str:
        """The finding in words ("a clogged duct"), as the document prints it."""
        return self.finding.plain


@dataclass(frozen=True)
class CarePlan:
    """Everything the care-plan document prints, already decided; documents only lay it out.

    ``call_doctor`` holds the flag lines (red first, each starting with ``CALL_TODAY`` or ``CHECK_SOON``) and
    then the lines always given. ``suggested_steps`` are the engine's steps before the consultant's edits;
    ``steps`` the final ones, which ``sections`` group for printing.
    """

    practice: Practice
    client_name: str
    client_date_of_birth: dt.date | None
    visit_date: dt.date
    location_label: str
    reason: str
    babies: tuple[BabyFindings, ...]
    breast_lines: tuple[str, ...]
    sections: tuple[PlanSection, ...]
    call_doctor: tuple[str, ...]
    source_title: str
    references: tuple[str, ...]
    parent_lines: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    risk_factors: tuple[RiskFactorFound, ...] = ()
    positions_to_try: tuple[str, ...] = ()
    feeding_plan: str = ""
    follow_up: dt.date | None = None
    variants: tuple[VariantUsed, ...] = ()
    suggested_steps: tuple[PlanStep, ...] = ()
    steps: tuple[PlanStep, ...] = ()
    figures: CarePlanFigures = NO_FIGURES  # the breast map and weight charts it prints (``plan_figures``)
    baby_feeding_plans: tuple[BabyFeedingPlan, ...] = ()
    """Per assessed baby, its feeding plan (hers, else the engine's): printed first in that baby's part."""
    photos: tuple[PrintedPhoto, ...] = ()  # the photos the consultant ticked for the family's plan

    @property
    def has_red_flag(self) -> bool:
        return any(line.startswith(CALL_TODAY) for line in self.call_doctor)
