"""The superbill of a visit: the codes suggested from its findings (or chosen before), the bill, its PDF."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from consultapp.domain.billing import (
    CodeChoice,
    CodeList,
    Patient,
    Superbill,
    parse_fee,
    patient_line,
    place_of_service,
    suggested_choices,
)
from consultapp.domain.careplan.inputs import derived_condition, named_condition
from consultapp.domain.records import BillingIdentifiers, Client, VisitRecords
from consultapp.domain.vocabulary import BreastConcern, FindingKind, NippleDamage, Side, Sign, SpectrumCondition
from consultapp.services.documents import A4_SIZE, PageSize
from consultapp.services.visits import load_visit

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store

_MASTITIS_CONDITIONS = {
    SpectrumCondition.INFLAMMATORY_MASTITIS,
    SpectrumCondition.BACTERIAL_MASTITIS,
    SpectrumCondition.SUBACUTE_MASTITIS,
}

Choices = tuple[CodeChoice, list[CodeChoice]]
"""The codes of a visit: the parent's, then one per baby assessed (in the order of the visit's assessments)."""


def suggested_codes_of(store: Store, records: VisitRecords) -> Choices:
    """A first draft of a loaded visit's codes (``billing.suggested_choices``), parent then each assessed baby."""
    practice, client, visit = records.practice, records.client, records.visit
    t = practice.settings.thresholds
    first_visit = visit.visit_date
    if client.id is not None:
        first_visit = min((v.visit_date for v in store.visits_for_client(client.id)), default=visit.visit_date)
    finding = visit.breast_finding
    # Named on the map, or what the signs point to when she named none (as the care plan reads them).
    conditions = [named_condition(visit, side) or derived_condition(visit, side, t.fever_threshold_c)
                  for side in (Side.LEFT, Side.RIGHT)]
    mastitis = (finding is not None and finding.concern is BreastConcern.MASTITIS) or any(
        c in _MASTITIS_CONDITIONS for c in conditions
    ) or any(side.condition in _MASTITIS_CONDITIONS for side in visit.breast_sides)
    cracked = (finding is not None and Sign.NIPPLE_FISSURE in finding.signs) or any(
        m.kind is FindingKind.NIPPLE_DAMAGE and m.nipple_damage is NippleDamage.CRACK for m in visit.map_findings
    )
    babies = {b.id: b for b in client.babies}
    per_baby = []
    for a in visit.assessments:
        baby = babies.get(a.baby_id)
        if baby is None:
            continue
        age = (visit.visit_date - baby.date_of_birth).days if baby.date_of_birth else None
        latch = a.latch.total
        difficulty = bool(a.poor_feeding or a.ineffective_signs or (latch is not None and
                                                                  latch < t.latch_further_evaluation_below))
        impaired = a.btat.total is not None and a.btat.total <= t.btat_impaired_at_most
        per_baby.append((age, difficulty, impaired))
    return suggested_choices(
        location=visit.location.value, new_client=visit.visit_date <= first_visit, mastitis=mastitis,
        cracked_nipple=cracked, low_supply=False, babies=per_baby,
    )


def suggested_codes(store: Store, visit_id: uuid.UUID) -> Choices:
    """A first draft of a visit's codes (``billing.suggested_choices``), parent then each assessed baby."""
    return suggested_codes_of(store, load_visit(store, visit_id))


def chosen_codes_of(store: Store, records: VisitRecords) -> Choices:
    """The codes chosen for a loaded visit before (its saved billing), else the suggestion from its findings."""
    suggested_parent, suggested_babies = suggested_codes_of(store, records)
    visit = records.visit
    if visit.billing is None:
        return suggested_parent, suggested_babies
    saved = {line.baby_id: line for line in visit.billing.lines}

    def choice(key: uuid.UUID | None, fallback: CodeChoice) -> CodeChoice:
        line = saved.get(key)
        if line is None:
            return fallback
        services = [
            (s.code, parse_fee(s.fee) if s.fee else None) for s in line.services for _ in range(max(1, s.units))
        ]
        return CodeChoice(list(line.diagnoses), services)

    babies = [choice(a.baby_id, fb) for a, fb in zip(visit.assessments, suggested_babies, strict=False)]
    return choice(None, suggested_parent), babies


def chosen_codes(store: Store, visit_id: uuid.UUID) -> Choices:
    """The codes chosen for a visit before (its saved billing), else the suggestion from its findings."""
    return chosen_codes_of(store, load_visit(store, visit_id))


def merged_identifiers(on_file: BillingIdentifiers, given: BillingIdentifiers) -> BillingIdentifiers:
    """The practice's identifiers on file, each replaced by one given (e.g. on the command line)."""
    return dataclasses.replace(
        on_file, **{f.name: getattr(given, f.name) for f in dataclasses.fields(given) if getattr(given, f.name)}
    )


def insurance_text(client: Client) -> str:
    """The client's insurer, member id and group on one line."""
    parts = [client.insurance.insurer, client.insurance.member_id and f"member {client.insurance.member_id}",
             client.insurance.group and f"group {client.insurance.group}"]
    return ", ".join(p for p in parts if p)


def superbill_of(
    records: VisitRecords,
    *,
    codes: CodeList,
    identifiers: BillingIdentifiers,
    parent: CodeChoice,
    babies: Sequence[CodeChoice],
    insurance: str = "",
) -> Superbill:
    """The superbill of a loaded visit: the parent's line, then one line per baby assessed at the visit.

    Raises:
        ValueError: a code not in ``codes``, or a code on the wrong person (O on a baby, P on the parent).
    """
    practice, client, visit = records.practice, records.client, records.visit
    by_id = {b.id: b for b in client.babies}
    assessed = [by_id[a.baby_id] for a in visit.assessments if a.baby_id in by_id]
    lines = [patient_line(codes, Patient.PARENT, client.full_name, client.date_of_birth, parent)]
    for baby, choice in zip(assessed, babies, strict=False):
        name = baby.name.strip()  # as entered: no family name added that nobody typed that way
        sex = baby.sex.label if baby.sex is not None else ""
        lines.append(patient_line(codes, Patient.BABY, name, baby.date_of_birth, choice, sex=sex))
    return Superbill(
        practice=practice, identifiers=identifiers, date_of_service=visit.visit_date,
        place_of_service=place_of_service(visit.location.value), lines=tuple(lines),
        code_list_version=codes.version, client_address=client.address, client_phone=client.phone,
        insurance=insurance or insurance_text(client),
    )


def superbill_for_visit(
    store: Store,
    visit_id: uuid.UUID,
    *,
    codes: CodeList,
    identifiers: BillingIdentifiers,
    parent: CodeChoice | None = None,
    babies: Sequence[CodeChoice] | None = None,
    insurance: str = "",
) -> Superbill:
    """The superbill of a visit: the parent's line, then one line per baby assessed at the visit.

    ``parent`` and ``babies`` (in the order of the visit's assessments) default to ``chosen_codes``.

    Raises:
        ValueError: a code not in ``codes``, or a code on the wrong person (O on a baby, P on the parent).
    """
    records = load_visit(store, visit_id)
    if parent is None or babies is None:
        chosen_parent, chosen_babies = chosen_codes_of(store, records)
        parent = chosen_parent if parent is None else parent
        babies = chosen_babies if babies is None else babies
    return superbill_of(records, codes=codes, identifiers=identifiers, parent=parent, babies=babies,
                        insurance=insurance)


def render_superbill(
    bill: Superbill, *, invariant: bool = False, pagesize: PageSize = A4_SIZE, logo: bytes | None = None
) -> bytes:
    """The superbill's PDF."""
    # lazy: ReportLab loads only when a document is made (it would add ~100 ms to every start)
    from consultapp.documents.superbill import render_bytes

    return render_bytes(bill, invariant=invariant, pagesize=pagesize, logo=logo)
