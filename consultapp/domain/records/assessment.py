"""What was observed for one baby at a visit: feeds, tongue, a weighed feed, weight and output."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.output import StoolColour
from consultapp.domain.records.checks import check_range
from consultapp.domain.records.feeding_plan import FeedingPlan
from consultapp.domain.tongue import CoryllosType
from consultapp.domain.vocabulary import EffectiveSign, IneffectiveSign, NippleShape, Position, Side, TongueTool


@dataclass
class FeedingObservation:
    """One observed feed, on one side (or sides not told apart)."""

    side: Side | None = None
    positions_tried: list[Position] = field(default_factory=list)
    positions_worked: list[Position] = field(default_factory=list)
    effective_signs: list[EffectiveSign] = field(default_factory=list)
    ineffective_signs: list[IneffectiveSign] = field(default_factory=list)
    nipple_after: NippleShape | None = None
    latch: LatchScore = field(default_factory=LatchScore)
    duration_min: int | None = None
    id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        check_range("feed duration", self.duration_min, 0, 600, "minutes")

    def is_blank(self) -> bool:
        return (
            not (self.positions_tried or self.positions_worked or self.effective_signs or self.ineffective_signs)
            and self.nipple_after is None
            and self.latch.is_empty
            and self.duration_min is None
        )


@dataclass
class TongueAssessment:
    """Tongue function (BTAT or TABBY), optional Hazelbaker subtotals, anatomy and referral."""

    tool: TongueTool = TongueTool.BTAT
    btat: BtatScore = field(default_factory=BtatScore)
    hazelbaker_appearance: int | None = None
    hazelbaker_function: int | None = None
    hazelbaker_unclassified: bool = False
    coryllos: CoryllosType | None = None
    kotlow_mm: float | None = None
    lip_tie: str = ""
    referral: str = ""
    referral_date: dt.date | None = None

    def __post_init__(self) -> None:
        check_range("Hazelbaker appearance", self.hazelbaker_appearance, 0, 10)
        check_range("Hazelbaker function", self.hazelbaker_function, 0, 14)
        check_range("free-tongue length", self.kotlow_mm, 0, 50, "mm")


@dataclass
class TestWeight:
    """A weighed feed: same clothing and diaper before and after."""

    __test__ = False  # not a pytest test class

    pre_g: int
    post_g: int
    scale_resolution_g: float = 2.0
    clothing_unchanged: bool = True

    def __post_init__(self) -> None:
        check_range("weight before the feed", self.pre_g, 300, 25_000, "g")
        check_range("weight after the feed", self.post_g, 300, 25_000, "g")
        check_range("scale resolution", self.scale_resolution_g, 0.1, 1000, "g")


@dataclass
class BabyAssessment:
    """What was observed for one baby at one visit."""

    baby_id: uuid.UUID
    weight_g: int | None = None
    feeds: list[FeedingObservation] = field(default_factory=list)
    tongue: TongueAssessment = field(default_factory=TongueAssessment)
    test_weight: TestWeight | None = None
    feeds_per_24h: int | None = None
    weak_suckle: bool = False
    wet_diapers: int | None = None
    dirty_diapers: int | None = None
    stool_colour: StoolColour | None = None
    urates: bool = False
    jaundice: bool = False
    jaundice_onset_hours: int | None = None
    """The hours of life at which the yellow colour was first seen (under 24 h: same day, CLINICAL.md 12)."""
    dark_urine: bool = False
    formula_fed: bool = False
    """Fed formula only: prolonged jaundice is read at 2 weeks instead of 3 (CLINICAL.md section 12)."""
    lethargy: bool = False
    poor_feeding: bool = False
    feeding_plan: FeedingPlan | None = None
    """The consultant's feeding plan for this baby; None: as the engine suggests (careplan.feeding)."""
    id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        check_range("weight", self.weight_g, 300, 25_000, "g")
        check_range("feeds in 24 hours", self.feeds_per_24h, 0, 48)
        check_range("wet diapers", self.wet_diapers, 0, 50)
        check_range("dirty diapers", self.dirty_diapers, 0, 50)
        check_range("hours of life when jaundice was first seen", self.jaundice_onset_hours, 0, 8760, "h")

    @property
    def latch(self) -> LatchScore:
        """The LATCH of the first observed feed with any item scored (empty when none)."""
        return next((f.latch for f in self.feeds if not f.latch.is_empty), LatchScore())

    @property
    def btat(self) -> BtatScore:
        return self.tongue.btat

    @property
    def positions(self) -> list[Position]:
        """Every position tried at this visit, in the order first tried."""
        seen: list[Position] = []
        for feed in self.feeds:
            seen += [p for p in feed.positions_tried if p not in seen]
        return seen

    @property
    def ineffective_signs(self) -> list[IneffectiveSign]:
        seen: list[IneffectiveSign] = []
        for feed in self.feeds:
            seen += [s for s in feed.ineffective_signs if s not in seen]
        return seen
