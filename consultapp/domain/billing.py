"""Superbills: the code list (data, versioned), who each diagnosis code may go on, and the bill's lines.

CLINICAL.md section 9. ICD-10-CM chapter O (pregnancy, childbirth and the puerperium, which includes
lactation disorders) describes the parent; chapter P (perinatal conditions) the newborn. A code of either
chapter on the other person's line is a coding error insurers reject, so ``check_diagnosis`` refuses it,
with the code list's own ``applies_to`` for the codes of other chapters (Z39.1 parent, Q38.1 baby...).
Procedure (CPT/HCPCS) codes ship with the practice's own short labels only: CPT descriptors are
AMA-copyrighted.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

from consultapp.domain.records import BillingIdentifiers as BillingIdentifiers  # re-exported for superbills
from consultapp.domain.records import Practice
from consultapp.domain.vocabulary import Location


class Patient(StrEnum):
    """Whose line of the superbill a code is on."""

    PARENT = "parent"
    BABY = "baby"

    @property
    def label(self) -> str:
        return "the parent" if self is Patient.PARENT else "the baby"


@dataclass(frozen=True)
class DiagnosisCode:
    code: str
    label: str
    applies_to: Patient | None = None
    """The person the code describes; None when the list does not say (the chapter rule still applies)."""


@dataclass(frozen=True)
class ProcedureCode:
    code: str
    label: str
    fee: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class CodeList:
    """A version of the code list: ICD-10-CM diagnoses and CPT/HCPCS procedures with the practice's fees."""

    version: str
    valid_from: dt.date | None
    diagnoses: tuple[DiagnosisCode, ...]
    procedures: tuple[ProcedureCode, ...]

    def diagnosis(self, code: str) -> DiagnosisCode:
        """The diagnosis ``code`` (any case, dot optional); ValueError naming the version when absent."""
        wanted = normalise_code(code)
        for item in self.diagnoses:
            if normalise_code(item.code) == wanted:
                return item
        raise ValueError(f"{code.strip()} is not in the code list {self.version}.")

    def procedure(self, code: str) -> ProcedureCode:
        wanted = normalise_code(code)
        for item in self.procedures:
            if normalise_code(item.code) == wanted:
                return item
        raise ValueError(f"{code.strip()} is not a procedure code in the code list {self.version}.")

    def diagnoses_for(self, patient: Patient) -> tuple[DiagnosisCode, ...]:
        """The presets that may go on ``patient``'s line, in the list's order."""
        return tuple(d for d in self.diagnoses if allowed_for(d, patient))


def normalise_code(code: str) -> str:
    return code.strip().upper().replace(".", "").replace(" ", "")


def chapter_patient(code: str) -> Patient | None:
    """The person an ICD-10-CM chapter O or P code must describe; None for other chapters."""
    first = code.strip()[:1].upper()
    return {"O": Patient.PARENT, "P": Patient.BABY}.get(first)


def allowed_for(diagnosis: DiagnosisCode, patient: Patient) -> bool:
    chapter = chapter_patient(diagnosis.code)
    if chapter is not None and chapter is not patient:
        return False
    return diagnosis.applies_to is None or diagnosis.applies_to is patient


def check_diagnosis(diagnosis: DiagnosisCode, patient: Patient) -> None:
    """Refuse a code on the wrong person's line.

    Raises:
        ValueError: an O code on the baby, a P code on the parent, or a code the list gives to the other person.
    """
    chapter = chapter_patient(diagnosis.code)
    if chapter is Patient.PARENT and patient is Patient.BABY:
        raise ValueError(
            f"{diagnosis.code} is an ICD-10-CM chapter O code (the parent's pregnancy and lactation): "
            "it goes on the parent's line, not the baby's."
        )
    if chapter is Patient.BABY and patient is Patient.PARENT:
        raise ValueError(
            f"{diagnosis.code} is an ICD-10-CM chapter P code (the newborn's conditions): "
            "it goes on the baby's line, not the parent's."
        )
    if diagnosis.applies_to is not None and diagnosis.applies_to is not patient:
        raise ValueError(
            f"{diagnosis.code} ({diagnosis.label}) describes {diagnosis.applies_to.label}: "
            f"it cannot go on {patient.label}'s line."
        )


MAX_FEE = Decimal("100000")
"""No service of a lactation practice costs more; a larger number is a typing slip (or 1e30)."""


def parse_fee(value: object) -> Decimal:
    """A fee as money: a number or a string like "150" or "150.00", never negative, cents at most."""
    try:
        fee = Decimal(str(value).strip().lstrip("$"))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount of money.") from None
    if not fee.is_finite() or fee < 0:
        raise ValueError(f"A fee cannot be {value!r}.")
    if fee > MAX_FEE:
        raise ValueError(f"A fee cannot be more than {MAX_FEE:,}, not {value!r}.")
    if fee != fee.quantize(Decimal("0.01")):
        raise ValueError(f"A fee has at most two decimals, not {value!r}.")
    return fee.quantize(Decimal("0.01"))


def code_list_from_mapping(data: Mapping[str, object]) -> CodeList:
    """Build a code list from its TOML form; ValueError saying what is wrong."""
    try:
        version = str(data["version"]).strip()
        if not version:
            raise ValueError("the version is empty")
        valid = data.get("valid_from")
        valid_from = valid if isinstance(valid, dt.date) else (dt.date.fromisoformat(str(valid)) if valid else None)
        diagnoses = []
        for item in data.get("icd10", ()):  # type: ignore[attr-defined]
            applies = item.get("applies_to")
            diagnosis = DiagnosisCode(str(item["code"]).strip(), str(item["label"]),
                                      Patient(str(applies)) if applies else None)
            chapter = chapter_patient(diagnosis.code)
            if chapter is not None and diagnosis.applies_to is not None and diagnosis.applies_to is not chapter:
                raise ValueError(f"{diagnosis.code} is a chapter {diagnosis.code[0]} code but applies_to says "
                                 f"{diagnosis.applies_to.value}")
            diagnoses.append(diagnosis)
        procedures = [
            ProcedureCode(str(item["code"]).strip(), str(item["label"]), parse_fee(item.get("fee", 0)))
            for item in data.get("procedures", ())  # type: ignore[attr-defined]
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"code list {data.get('version', '?')}: {exc}") from exc
    codes = [normalise_code(d.code) for d in diagnoses] + [normalise_code(p.code) for p in procedures]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"code list {version}: listed twice: {', '.join(duplicates)}")
    return CodeList(version, valid_from, tuple(diagnoses), tuple(procedures))


def code_list_to_mapping(codes: CodeList) -> dict[str, object]:
    """The TOML/JSON form of a code list (what ``code_list_from_mapping`` reads)."""
    return {
        "version": codes.version,
        "valid_from": codes.valid_from.isoformat() if codes.valid_from else None,
        "icd10": [
            {"code": d.code, "label": d.label, **({"applies_to": d.applies_to.value} if d.applies_to else {})}
            for d in codes.diagnoses
        ],
        "procedures": [{"code": p.code, "label": p.label, "fee": str(p.fee)} for p in codes.procedures],
    }


def load_code_list(path: Path) -> CodeList:
    with path.open("rb") as f:
        return code_list_from_mapping(tomllib.load(f))


def newest_code_list(paths: Iterable[Path]) -> CodeList:
    """The code list valid from the latest date among ``paths`` (the shipped resources/codes/*.toml)."""
    lists = [load_code_list(p) for p in sorted(paths)]
    if not lists:
        raise ValueError("No code list was found.")
    return max(lists, key=lambda c: (c.valid_from or dt.date.min, c.version))


# --- The superbill -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceLine:
    procedure: ProcedureCode
    units: int = 1
    fee: Decimal | None = None
    """The fee per unit charged; None takes the code list's fee."""

    @property
    def unit_fee(self) -> Decimal:
        return self.procedure.fee if self.fee is None else self.fee

    @property
    def amount(self) -> Decimal:
        return (self.unit_fee * self.units).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class PatientLine:
    """One person on the superbill: the parent or one baby, with diagnoses and services."""

    patient: Patient
    name: str
    date_of_birth: dt.date | None
    diagnoses: tuple[DiagnosisCode, ...]
    services: tuple[ServiceLine, ...] = ()
    sex: str = ""

    def __post_init__(self) -> None:
        for diagnosis in self.diagnoses:
            check_diagnosis(diagnosis, self.patient)
        for service in self.services:
            if service.units < 1:
                raise ValueError(f"{service.procedure.code}: units must be 1 or more.")

    @property
    def total(self) -> Decimal:
        return sum((s.amount for s in self.services), Decimal("0.00"))


@dataclass(frozen=True)
class Superbill:
    """A superbill for one date of service: the practice, then the parent and each baby as separate lines."""

    practice: Practice
    identifiers: BillingIdentifiers
    date_of_service: dt.date
    place_of_service: str
    lines: tuple[PatientLine, ...]
    code_list_version: str
    client_address: str = ""
    client_phone: str = ""
    insurance: str = ""
    """The parent's insurer and member id, as the practice records them (free text)."""

    def __post_init__(self) -> None:
        if not any(line.patient is Patient.PARENT for line in self.lines):
            raise ValueError("A superbill needs the parent's line.")

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))


@dataclass
class CodeChoice:
    """The codes chosen for one person (by code), before they are checked against the list."""

    diagnoses: list[str] = field(default_factory=list)
    procedures: list[tuple[str, Decimal | None]] = field(default_factory=list)


def patient_line(
    codes: CodeList,
    patient: Patient,
    name: str,
    date_of_birth: dt.date | None,
    choice: CodeChoice,
    *,
    sex: str = "",
) -> PatientLine:
    """A checked line: every code looked up in ``codes``; a code on the wrong person raises ValueError."""
    diagnoses = tuple(dict.fromkeys(codes.diagnosis(c) for c in choice.diagnoses))
    services = tuple(ServiceLine(codes.procedure(c), 1, fee) for c, fee in choice.procedures)
    return PatientLine(patient, name, date_of_birth, diagnoses, services, sex)


PLACE_OF_SERVICE: dict[Location, str] = {
    Location.HOME: "12 Home",
    Location.OFFICE: "11 Office",
    Location.VIRTUAL: "10 Telehealth in patient's home",
}
"""CMS place-of-service code and name for each visit location."""


def place_of_service(location: Location | str) -> str:
    """CMS place-of-service code and name for a visit location (a ``Location`` or its stored text: "home")."""
    try:
        return PLACE_OF_SERVICE[Location(location)]
    except ValueError:
        return ""  # a location this version does not know


def suggested_choices(
    *,
    location: Location | str,
    new_client: bool,
    mastitis: bool,
    cracked_nipple: bool,
    low_supply: bool,
    babies: Sequence[tuple[int | None, bool, bool]],
) -> tuple[CodeChoice, list[CodeChoice]]:
    """A first draft of the codes for a visit, for the consultant to confirm or change.

    ``babies`` gives, per baby, (age in days, feeding difficulty found, tongue function impaired).
    The parent's line: Z39.1 (care of the lactating mother), O91.23 with mastitis signs, O92.13 with a
    cracked nipple, O92.4 for low supply; the visit as a home E/M visit (99341 new, 99347 established) or,
    in the office or by video, preventive counselling of about 45 minutes (99403). A baby's line: P92.5 for a
    feeding difficulty, Q38.1 when tongue function scored as impaired, else a newborn check by age (Z00.110
    under 8 days, Z00.111 8 to 28 days). No fee is guessed: fees come from the practice's code list.
    """
    parent = CodeChoice(["Z39.1"])
    if mastitis:
        parent.diagnoses.append("O91.23")
    if cracked_nipple:
        parent.diagnoses.append("O92.13")
    if low_supply:
        parent.diagnoses.append("O92.4")
    if location == Location.HOME:
        parent.procedures.append(("99341" if new_client else "99347", None))
    else:
        parent.procedures.append(("99403", None))
    baby_choices = []
    for age_days, feeding_difficulty, tongue_impaired in babies:
        choice = CodeChoice()
        if feeding_difficulty:
            choice.diagnoses.append("P92.5")
        if tongue_impaired:
            choice.diagnoses.append("Q38.1")
        if not choice.diagnoses and age_days is not None and age_days <= 28:
            choice.diagnoses.append("Z00.110" if age_days < 8 else "Z00.111")
        baby_choices.append(choice)
    return parent, baby_choices
