"""Whom a letter is about: the babies in the recipient's care, and only their findings, flags and plan steps.

A care contact may see several babies (twins sharing a paediatrician) or none (the parent's own doctor). A
letter to one twin's doctor covers that twin; it never prints the other twin's flag, named or not. With more than
one baby in the family every baby flag is named, so no flag can be read as another baby's.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence

from consultapp.domain.careplan import CarePlan, PlanStep
from consultapp.domain.flags import Flag, Severity, for_clinician
from consultapp.domain.records import BabyAssessment, CareContact, Client, Visit


def covered_babies(client: Client, recipient: CareContact | None) -> set[uuid.UUID]:
    """The ids of the babies the letter covers: those in the recipient's care, else all of the client's."""
    every = {b.id for b in client.babies if b.id is not None}
    if recipient is None:
        return every
    theirs = every & set(recipient.baby_ids)
    return theirs or every


def scoped(
    client: Client, visit: Visit, plan: CarePlan, recipient: CareContact | None
) -> tuple[Visit, CarePlan, set[uuid.UUID]]:
    """The visit and its plan as the letter to ``recipient`` reads them: other babies' assessments, flags and
    the plan steps given only for them left out."""
    covered = covered_babies(client, recipient)
    visit = dataclasses.replace(visit, assessments=[a for a in visit.assessments if a.baby_id in covered])
    flags = tuple(f for f in plan.flags if f.baby_id is None or f.baby_id in covered)
    others = [b.name.strip() for b in client.babies if b.id not in covered and b.name.strip()]
    mine = [b.name.strip() for b in client.babies if b.id in covered and b.name.strip()]
    steps = tuple(s for s in plan.steps if not _only_for(s, others, mine))
    sections = tuple(
        dataclasses.replace(sec, steps=tuple(s for s in sec.steps if not _only_for(s, others, mine)))
        for sec in plan.sections
    )
    plan = dataclasses.replace(plan, flags=flags, steps=steps, sections=tuple(s for s in sections if s.steps))
    return visit, plan, covered


def _only_for(step: PlanStep, others: Sequence[str], mine: Sequence[str]) -> bool:
    """A step whose reason names only babies outside the letter ("Bảo: ..."), none inside it."""
    if step.custom or not others:
        return False
    parts = [p.strip() for p in step.reason.split(";")]
    named_other = any(p.startswith(f"{n}: ") for p in parts for n in others)
    named_mine = any(p.startswith(f"{n}: ") for p in parts for n in mine)
    unnamed = any(not any(p.startswith(f"{n}: ") for n in [*others, *mine]) for p in parts if p)
    return named_other and not named_mine and not unnamed


def flag_line(flag: Flag, clinical_words: str | None, *, name_babies: bool) -> str:
    """``RED: Anh: excessive weight loss (10.4%...)``: the baby named whenever the family has several."""
    who = f"{flag.baby_name}: " if name_babies and flag.baby_id is not None and flag.baby_name else ""
    words = clinical_words or flag.clinical or _unprefixed(for_clinician(flag.reason), flag.baby_name)
    detail = f" ({flag.detail})" if flag.detail else ""
    return f"{'RED' if flag.severity is Severity.RED else 'AMBER'}: {who}{words}{detail}"


def _unprefixed(reason: str, name: str) -> str:
    return reason.removeprefix(f"{name}: ") if name else reason


def jaundice_words(a: BabyAssessment) -> list[str]:
    """The jaundice details for the letter: onset in hours of life, dark urine, formula-fed."""
    bits: list[str] = []
    if a.jaundice and a.jaundice_onset_hours is not None:
        bits.append(f"jaundice first seen at {a.jaundice_onset_hours} h of life")
    if a.dark_urine:
        bits.append("dark urine")
    if a.formula_fed:
        bits.append("formula-fed")
    return bits


