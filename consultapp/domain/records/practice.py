"""The practice: letterhead, clinical settings, billing identifiers, and its consultants."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.domain.vocabulary import PlanVariant


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


def _photo_side(value: object) -> int:
    """A stored photo-size setting, or the default when missing or out of range (a hand-edited file)."""
    if isinstance(value, int) and not isinstance(value, bool) and 640 <= value <= 12000:
        return value
    return 4000


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
    photo_long_side_px: int = 4000
    """The longest side a stored photo keeps, in pixels (larger photos are scaled down when added)."""

    def __post_init__(self) -> None:
        if self.paper not in ("a4", "letter"):
            raise ValueError(f"paper must be a4 or letter, not {self.paper!r}")
        if isinstance(self.photo_long_side_px, bool) or not 640 <= self.photo_long_side_px <= 12000:
            raise ValueError(f"the longest side of a photo must be between 640 and 12000 px, "
                             f"not {self.photo_long_side_px!r}")

    @property
    def wording(self) -> PlanVariant:
        """The one wording of the practice's plans and handouts (CLINICAL.md sections 15 and 18.1: never mixed).

        The two topics are chosen together; where older settings hold two different wordings, ABM #36 (2022)
        governs both, since the source document is the default and the other the practice's deliberate choice.
        """
        if PlanVariant.ABM36 in (self.clogged_duct_variant, self.mastitis_variant):
            return PlanVariant.ABM36
        return PlanVariant.SOURCE_DOCUMENT

    def with_wording(self, variant: PlanVariant) -> PracticeSettings:
        """These settings with ``variant`` as the one wording of both topics (the settings page, the first start)."""
        return dataclasses.replace(self, clogged_duct_variant=variant, mastitis_variant=variant)

    def to_dict(self) -> dict[str, object]:
        return {
            "thresholds": self.thresholds.to_dict(),
            "clogged_duct_variant": self.clogged_duct_variant.value,
            "mastitis_variant": self.mastitis_variant.value,
            "weight_unit": self.weight_unit.value,
            "temperature_unit": self.temperature_unit.value,
            "paper": self.paper,
            "photo_long_side_px": self.photo_long_side_px,
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
            photo_long_side_px=_photo_side(data.get("photo_long_side_px")),
        )


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
