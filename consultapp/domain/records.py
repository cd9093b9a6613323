"""The records a consultant keeps, as plain dataclasses the forms edit and the documents read."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.output import StoolColour
from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds
from consultapp.domain.tongue import CoryllosType
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.domain.vocabulary import (
    BreastConcern,
    DeliveryMode,
    EffectiveSign,
    FindingKind,
    IneffectiveSign,
    Location,
    NippleDamage,
    NippleShape,
    PlanVariant,
    Position,
    Sex,
    Side,
    Sign,
    SpectrumCondition,
    TongueTool,
)


def _check_range(name: str, value: float | None, low: float, high: float, unit: str = "") -> None:
    """Refuse a number outside what can be true (a typing slip, or a damaged file), saying which and why."""
    if value is None:
        return
    if isinstance(value, bool) or not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise ValueError(f"{name} must be between {low:g} and {high:g}{suffix}, not {value!r}")


@dataclass
class Practice:
    """Letterhead details."""

    name: str = ""
    consultant_name: str = ""
    credentials: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    settings: PracticeSettings = field(default_factory=lambda: PracticeSettings())
    fax: str = ""
    logo: bytes | None = field(default=None, repr=False)
    """PNG or JPEG printed on letterheads."""
    identifiers: BillingIdentifiers = field(default_factory=lambda: BillingIdentifiers())
    id: uuid.UUID | None = None
    version: int = 0


@dataclass(frozen=True)
class PracticeSettings:
    """The practice's clinical choices: thresholds, which wording it gives, and display units."""

    thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS
    clogged_duct_variant: PlanVariant = PlanVariant.SOURCE_DOCUMENT
    mastitis_variant: PlanVariant = PlanVariant.SOURCE_DOCUMENT
    weight_unit: WeightUnit = WeightUnit.G
    temperature_unit: TemperatureUnit = TemperatureUnit.C
    paper: str = "a4"
    """"a4" or "letter": the paper documents are laid out for."""

    def __post_init__(self) -> None:
        if self.paper not in ("a4", "letter"):
            raise ValueError(f"paper must be a4 or letter, not {self.paper!r}")

    def to_dict(self) -> dict[str, object]:
        return {
            "thresholds": self.thresholds.to_dict(),
            "clogged_duct_variant": self.clogged_duct_variant.value,
            "mastitis_variant": self.mastitis_variant.value,
            "weight_unit": self.weight_unit.value,
            "temperature_unit": self.temperature_unit.value,
            "paper": self.paper,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object] | None) -> PracticeSettings:
        """Settings from stored JSON; unknown or missing keys take their defaults."""
        data = data or {}
        thresholds = data.get("thresholds")
        return cls(
            thresholds=ClinicalThresholds.from_dict(thresholds) if isinstance(thresholds, dict) else DEFAULT_THRESHOLDS,
            clogged_duct_variant=PlanVariant(str(data.get("clogged_duct_variant", PlanVariant.SOURCE_DOCUMENT))),
            mastitis_variant=PlanVariant(str(data.get("mastitis_variant", PlanVariant.SOURCE_DOCUMENT))),
            weight_unit=WeightUnit(str(data.get("weight_unit", WeightUnit.G))),
            temperature_unit=TemperatureUnit(str(data.get("temperature_unit", TemperatureUnit.C))),
            paper=str(data.get("paper", "a4")) if data.get("paper") in ("a4", "letter") else "a4",
        )


@dataclass
class Baby:
    name: str
    date_of_birth: dt.date | None = None
    birth_weight_g: int | None = None
    sex: Sex | None = None
    gestational_age_days: int | None = None
    """Gestational age at birth in days (weeks x 7 + days)."""
    delivery_mode: DeliveryMode | None = None
    birth_time: dt.time | None = None
    id: uuid.UUID | None = None
    version: int = 0

    def __post_init__(self) -> None:
        _check_range("birth weight", self.birth_weight_g, 300, 25_000, "g")
        _check_range("gestational age", self.gestational_age_days, 20 * 7, 46 * 7, "days")

    @property
    def gestational_age_label(self) -> str:
        if self.gestational_age_days is None:
            return ""
        weeks, days = divmod(self.gestational_age_days, 7)
        return f"{weeks}+{days} weeks"


class ContactRole(StrEnum):
    PAEDIATRICIAN = "paediatrician"
    OBSTETRICIAN = "obstetrician"
    PHYSICIAN = "physician"
    DENTIST_ENT = "dentist_ent"

    @property
    def label(self) -> str:
        return {
            "paediatrician": "Paediatrician",
            "obstetrician": "Obstetrician",
            "physician": "Physician",
            "dentist_ent": "Dentist / ENT",
        }[self.value]


@dataclass(frozen=True)
class CareContact:
    """Another clinician of the family: name, practice, phone, fax; about the parent or a baby."""

    name: str
    role: ContactRole = ContactRole.PAEDIATRICIAN
    practice: str = ""
    phone: str = ""
    fax: str = ""
    address: str = ""
    baby_id: uuid.UUID | None = None
    """The baby this clinician sees; None for the parent's own clinician."""


@dataclass(frozen=True)
class BillingIdentifiers:
    """The practice's and the consultant's identifiers printed on a superbill (US)."""

    practice_npi: str = ""
    """Type 2 (organisation) National Provider Identifier."""
    tax_id: str = ""
    """Employer Identification Number (or SSN for a sole proprietor: print the EIN where there is one)."""
    consultant_npi: str = ""
    """Type 1 (individual) NPI of the rendering consultant."""
    taxonomy: str = ""
    """Provider taxonomy code, e.g. 163WL0100X (lactation consultant, registered nurse)."""
    licence: str = ""
    """Licence or certification number (IBCLC number)."""


class ClientStatus(StrEnum):
    ACTIVE = "active"
    DISCHARGED = "discharged"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Insurance:
    insurer: str = ""
    member_id: str = ""
    group: str = ""


@dataclass(frozen=True)
class Consents:
    """The dates the parent gave consent (None: not given)."""

    care: dt.date | None = None
    photos: dt.date | None = None


@dataclass
class LactationHistory:
    """What in the parent's history matters for lactation."""

    breast_surgery: str = ""
    previous_mastitis: bool = False
    previous_breastfeeding: str = ""
    medications: str = ""
    notes: str = ""


@dataclass
class Client:
    """The parent, with her babies."""

    given_name: str
    family_name: str
    date_of_birth: dt.date | None = None
    phone: str = ""
    address: str = ""
    babies: list[Baby] = field(default_factory=list)
    history: LactationHistory = field(default_factory=LactationHistory)
    preferred_name: str = ""
    language: str = ""
    access_notes: str = ""
    """How to reach the home: door code, parking, dog, stairs."""
    insurance: Insurance = field(default_factory=Insurance)
    consents: Consents = field(default_factory=Consents)
    status: ClientStatus = ClientStatus.ACTIVE
    contacts: list[CareContact] = field(default_factory=list)
    id: uuid.UUID | None = None
    version: int = 0

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name.strip(), self.family_name.strip()) if p)


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
        _check_range("feed duration", self.duration_min, 0, 600, "minutes")

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
        _check_range("Hazelbaker appearance", self.hazelbaker_appearance, 0, 10)
        _check_range("Hazelbaker function", self.hazelbaker_function, 0, 14)
        _check_range("free-tongue length", self.kotlow_mm, 0, 50, "mm")


@dataclass
class TestWeight:
    """A weighed feed: same clothing and diaper before and after."""

    __test__ = False  # not a pytest test class

    pre_g: int
    post_g: int
    scale_resolution_g: float = 2.0
    clothing_unchanged: bool = True

    def __post_init__(self) -> None:
        _check_range("weight before the feed", self.pre_g, 300, 25_000, "g")
        _check_range("weight after the feed", self.post_g, 300, 25_000, "g")
        _check_range("scale resolution", self.scale_resolution_g, 0.1, 1000, "g")


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
    lethargy: bool = False
    poor_feeding: bool = False
    id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        _check_range("weight", self.weight_g, 300, 25_000, "g")
        _check_range("feeds in 24 hours", self.feeds_per_24h, 0, 48)
        _check_range("wet diapers", self.wet_diapers, 0, 50)
        _check_range("dirty diapers", self.dirty_diapers, 0, 50)

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


@dataclass
class BreastMapFinding:
    """A finding placed on the breast map: side, clock position (facing the client) and distance."""

    side: Side
    kind: FindingKind
    clock: int
    distance_cm: float | None = None
    size_cm: float | None = None
    nipple_damage: NippleDamage | None = None

    def __post_init__(self) -> None:
        if self.side is Side.BOTH:
            raise ValueError("a placed finding is on one breast")
        if not 1 <= self.clock <= 12:
            raise ValueError("a clock position is 1 to 12")
        for name, value in (("distance", self.distance_cm), ("size", self.size_cm)):
            if value is not None and not 0 <= value <= 30:
                raise ValueError(f"the {name} must be 0-30 cm")

    @property
    def where(self) -> str:
        """Plain words: "at 2 o'clock on the left breast, 3 cm from the nipple"."""
        text = f"at {self.clock} o'clock on the {self.side.value} breast"
        if self.distance_cm is not None:
            text += f", {self.distance_cm:g} cm from the nipple"
        return text


@dataclass
class BreastSideExam:
    side: Side
    pain: int | None = None
    engorgement: bool = False
    condition: SpectrumCondition | None = None

    def __post_init__(self) -> None:
        if self.pain is not None and not 0 <= self.pain <= 10:
            raise ValueError("pain is scored 0 to 10")


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
        _check_range("temperature", self.temperature_c, 30, 45, "°C")


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
class ServiceEntry:
    """A procedure (CPT/HCPCS) code billed, with units and the fee per unit (text, e.g. "95.00"; "" = list fee)."""

    code: str
    units: int = 1
    fee: str = ""


@dataclass
class BillingLine:
    """One person on the superbill: the parent (baby_id None) or one baby, with codes."""

    baby_id: uuid.UUID | None = None
    diagnoses: list[str] = field(default_factory=list)
    services: list[ServiceEntry] = field(default_factory=list)


@dataclass
class VisitBilling:
    """The codes chosen for a visit's superbill, and the code list version they come from."""

    code_list_version: str = ""
    lines: list[BillingLine] = field(default_factory=list)


@dataclass
class BreastFinding:
    """The consultant's summary: a clogged duct or mastitis signs, on which side, with which signs."""

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
    map_findings: list[BreastMapFinding] = field(default_factory=list)
    breast_sides: list[BreastSideExam] = field(default_factory=list)
    parent: ParentState = field(default_factory=ParentState)
    plan: PlanEdits = field(default_factory=PlanEdits)
    billing: VisitBilling | None = None
    status: str = "draft"
    """"draft" or "final"; set by the store when the consultant marks the visit final."""
    id: uuid.UUID | None = None
    version: int = 0

    @property
    def is_final(self) -> bool:
        return self.status == "final"

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
    follow_up: dt.date | None = None


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


class Role(StrEnum):
    """What a consultant may do: chart, administer the practice, or only read (a reviewer)."""

    CONSULTANT = "consultant"
    ADMIN = "admin"
    REVIEWER = "reviewer"

    @property
    def label(self) -> str:
        return {"consultant": "Consultant", "admin": "Administrator", "reviewer": "Reviewer (read only)"}[self.value]

    @property
    def can_write(self) -> bool:
        return self is not Role.REVIEWER


@dataclass
class Consultant:
    name: str
    credentials: str = ""
    role: Role = Role.CONSULTANT
    db_role: str | None = None
    """Her own login on the practice's PostgreSQL server."""
    active: bool = True
    id: uuid.UUID | None = None
    version: int = 0

    @property
    def signature(self) -> str:
        """How her name appears on records and in the audit trail: "Jo Example, IBCLC"."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
