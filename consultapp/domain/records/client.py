"""The parent (the client), her babies, her history and the other clinicians of the family."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from consultapp.domain.records.checks import check_range
from consultapp.domain.vocabulary import DeliveryMode, MaternalCondition, Sex


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
        check_range("birth weight", self.birth_weight_g, 300, 25_000, "g")
        check_range("gestational age", self.gestational_age_days, 20 * 7, 46 * 7, "days")

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
    baby_ids: tuple[uuid.UUID, ...] = ()
    """The babies this clinician sees (twins may share a paediatrician); empty for the parent's own clinician."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "baby_ids", tuple(dict.fromkeys(self.baby_ids)))

    def cares_for(self, baby_id: uuid.UUID | None) -> bool:
        return baby_id is not None and baby_id in self.baby_ids


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
    conditions: list[MaternalCondition] = field(default_factory=list)
    """PCOS, thyroid disease, diabetes, suspected retained placenta, delayed milk coming in (CLINICAL.md 17)."""


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
    assigned_to: uuid.UUID | None = None
    """The consultant (her id) this client is assigned to in a group practice: in her offline caseload."""
    id: uuid.UUID | None = None
    version: int = 0

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name.strip(), self.family_name.strip()) if p)
