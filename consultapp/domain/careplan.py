"""The care-plan engine: from a visit's findings to plain-language findings, steps and warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from consultapp.domain import source_steps as src
from consultapp.domain.instruments import (
    BTAT_ITEMS,
    LATCH_ITEMS,
    BtatScore,
    LatchScore,
    btat_interpretation,
)
from consultapp.domain.records import Baby, BabyAssessment, Client, Practice, Visit
from consultapp.domain.vocabulary import GENERAL_SIGNS, BreastConcern, Sign
from consultapp.domain.weights import weight_loss_pct

WEIGHT_LOSS_AMBER_PCT = 7.0
WEIGHT_LOSS_RED_PCT = 10.0
WEIGHT_LOSS_SOURCE = "AAP, First office visit 3-5 days; Noel-Weiss et al., Open Med 2008"


@dataclass(frozen=True)
class PlanStep:
    """One step of the plan as printed, why it was chosen, and where its wording comes from."""

    text: str
    reason: str
    source: str


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


@dataclass(frozen=True)
class CarePlan:
    """Everything the care-plan document prints, already decided; documents only lay it out."""

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


ALWAYS_CALL_DOCTOR: tuple[str, ...] = (
    "You have a fever, chills, or you feel sick, like having the flu.",
    "A red, sore area on your breast grows, or is not better after 24 hours.",
    "Your baby has fewer wet diapers, is very sleepy, or will not feed.",
)


def _latch_lines(latch: LatchScore) -> list[str]:
    if latch.is_empty:
        return []
    if latch.total is not None:
        head = f"Latch score (LATCH): {latch.total} out of {LatchScore.MAX}."
    else:
        head = f"Latch score (LATCH): {latch.scored_count} of 5 parts scored, {latch.partial_total} points so far."
    parts = []
    for item, score in zip(LATCH_ITEMS, latch.item_scores(), strict=True):
        if score is not None:
            parts.append(f"{item.label.split(' - ', 1)[1]} {score}: {item.describe(score)}")
    return [head, *parts]


def _btat_lines(btat: BtatScore) -> list[str]:
    if btat.is_empty:
        return []
    total = btat.total
    if total is None:
        return [f"Tongue check (BTAT): {btat.scored_count} of 4 parts scored, {btat.partial_total} points so far."]
    meaning = {
        "normal tongue function": "your baby's tongue moves freely.",
        "borderline tongue function": "your baby's tongue moves a little less freely than usual.",
        "impaired tongue function": "your baby's tongue does not lift or stretch far. "
        "This may or may not make feeding harder.",
    }[btat_interpretation(total)]
    lines = [f"Tongue check (BTAT): {total} out of {BtatScore.MAX}: {meaning}"]
    for item, score in zip(BTAT_ITEMS, btat.item_scores(), strict=True):
        if score is not None:
            lines.append(f"{item.label} {score}: {item.describe(score)}")
    return lines


def _weight_lines(baby: Baby, assessment: BabyAssessment) -> tuple[list[str], list[str]]:
    """Return (finding lines, call-doctor lines) for the baby's weight today."""
    if assessment.weight_g is None:
        return [], []
    lines = [f"Weight today: {assessment.weight_g} g."]
    warnings: list[str] = []
    if baby.birth_weight_g:
        loss = weight_loss_pct(baby.birth_weight_g, assessment.weight_g)
        if loss > 0:
            lines.append(f"That is {loss:.1f}% less than the birth weight of {baby.birth_weight_g} g.")
        else:
            lines.append(f"That is {-loss:.1f}% more than the birth weight of {baby.birth_weight_g} g.")
        if loss >= WEIGHT_LOSS_RED_PCT:
            warnings.append(
                f"{baby.name or 'Your baby'} has lost {loss:.1f}% of birth weight (10% or more): "
                "your baby's doctor should check your baby soon."
            )
        elif loss >= WEIGHT_LOSS_AMBER_PCT:
            lines.append("A loss of 7% or more means we look closely at feeding.")
    return lines, warnings


def _reason_for_breast(visit: Visit) -> str:
    finding = visit.breast_finding
    if finding is None:
        return ""
    signs = ", ".join(s.plain for s in finding.signs)
    where = finding.side.label.lower()
    return f"{finding.concern.label.lower()} on the {where}" + (f": {signs}" if signs else "")


def _steps(items: tuple[src.SourceStep, ...], because: str | None = None) -> tuple[PlanStep, ...]:
    return tuple(
        PlanStep(text=s.text, reason=(because or s.why), source=s.source) for s in items
    )


def build_care_plan(practice: Practice, client: Client, visit: Visit) -> CarePlan:
    """Decide what the care plan for ``visit`` says.

    The prevention steps of the source document are always given (they apply to every breastfeeding
    parent); treatment steps for a clogged duct or mastitis only when the consultant found the signs.
    """
    babies_by_id = {b.id: b for b in client.babies}
    baby_findings: list[BabyFindings] = []
    call_doctor: list[str] = []
    sections: list[PlanSection] = []
    latch_reasons: list[str] = []
    tongue_reasons: list[str] = []

    for assessment in visit.assessments:
        baby = babies_by_id.get(assessment.baby_id)
        if baby is None:
            continue
        lines: list[str] = []
        w_lines, w_warnings = _weight_lines(baby, assessment)
        lines += w_lines
        call_doctor += w_warnings
        if assessment.positions:
            names = ", ".join(p.label.lower() for p in assessment.positions)
            lines.append(f"Feeding positions used today: {names}.")
        lines += _latch_lines(assessment.latch)
        lines += _btat_lines(assessment.btat)
        if assessment.latch.latch is not None and assessment.latch.latch < 2:
            latch_reasons.append(f"{baby.name or 'your baby'}: latch scored {assessment.latch.latch} of 2")
        btat_total = assessment.btat.total
        if btat_total is not None and btat_total <= 5:
            tongue_reasons.append(f"{baby.name or 'your baby'}: tongue check {btat_total} of 8")
        baby_findings.append(
            BabyFindings(baby.name, tuple(lines), assessment.latch.total, btat_total)
        )

    if latch_reasons:
        because = "; ".join(latch_reasons)
        position_hint = "Try the positions we practised today."
        sections.append(
            PlanSection(
                "Latch and positions",
                (
                    PlanStep(
                        "Wait for a wide-open mouth, then bring your baby to the breast, chin first.",
                        because,
                        f"{src.SOURCE_TITLE}: improper latch causes clogged ducts",
                    ),
                    PlanStep(position_hint, because, f"{src.SOURCE_TITLE}: changing feeding positions"),
                ),
            )
        )
    if tongue_reasons:
        because = "; ".join(tongue_reasons)
        sections.append(
            PlanSection(
                "Your baby's tongue",
                (
                    PlanStep(
                        "Ask your baby's doctor to check your baby's tongue (a tongue-tie check).",
                        because,
                        "BTAT interpretation: Ingram et al., Int Breastfeed J 2019; "
                        f"{src.SOURCE_TITLE}: tongue tie raises the risk of mastitis",
                    ),
                ),
            )
        )

    breast_lines: list[str] = []
    finding = visit.breast_finding
    if finding is not None:
        because = _reason_for_breast(visit)
        signs = ", ".join(s.plain for s in finding.signs) or "no signs listed"
        breast_lines.append(f"{finding.concern.label} on the {finding.side.label.lower()}: {signs}.")
        sections.append(
            PlanSection(
                "Clearing the clogged duct",
                _steps(src.CLOGGED_DUCT_TREATMENT_STEPS, because),
                "A clogged duct that does not clear can turn into an infection called mastitis.",
            )
        )
        general = [s for s in finding.signs if s in GENERAL_SIGNS]
        if finding.concern is BreastConcern.MASTITIS or general:
            sections.append(
                PlanSection(
                    "Mastitis: what to do",
                    _steps(src.MASTITIS_TREATMENT_STEPS, because),
                    "Mastitis is swelling and soreness in part of the breast. It can become an infection.",
                )
            )
            if Sign.FEVER in finding.signs or Sign.CHILLS in finding.signs:
                call_doctor.append("Today you had a fever or chills with a sore breast: call your doctor today.")
            else:
                call_doctor.append("Today you had signs of mastitis: call your doctor if you are not better in 24 hours.")

    sections.append(
        PlanSection(
            "Preventing clogged ducts and mastitis",
            _steps(src.PREVENTION_STEPS),
            src.MILK_SUPPLY_STEP.text,
        )
    )

    return CarePlan(
        practice=practice,
        client_name=client.full_name,
        client_date_of_birth=client.date_of_birth,
        visit_date=visit.visit_date,
        location_label=visit.location.label,
        reason=visit.reason,
        babies=tuple(baby_findings),
        breast_lines=tuple(breast_lines),
        sections=tuple(sections),
        call_doctor=tuple(call_doctor) + ALWAYS_CALL_DOCTOR,
        source_title=src.SOURCE_TITLE,
        references=src.REFERENCES,
    )
