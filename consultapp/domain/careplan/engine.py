"""The engine: ``build_care_plan`` reads one visit and decides everything the care-plan document prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from consultapp.domain import source_steps as src
from consultapp.domain.birth_norms import newborn_feed_norm_applies
from consultapp.domain.careplan.dyad import parent_extras
from consultapp.domain.careplan.edits import apply_edits, group_sections
from consultapp.domain.careplan.feeding import BabyFeedingPlan, baby_feeding_plan, share_expressing
from consultapp.domain.careplan.findings import (
    birth_lines,
    breast_lines,
    feed_lines,
    output_lines,
    parent_lines,
    test_weight_lines,
    tongue_lines,
    weight_lines,
)
from consultapp.domain.careplan.inputs import (
    Growth,
    baby_flag_inputs,
    baby_risk_inputs,
    clogged_duct_reasons,
    hazelbaker,
    mastitis_reasons,
    parent_flag_inputs,
    positions_worked,
    read_growth,
)
from consultapp.domain.careplan.model import (
    CALL_TODAY,
    CHECK_SOON,
    SECTION_CLOGGED,
    SECTION_MASTITIS,
    SECTION_PREVENTION,
    BabyFindings,
    CarePlan,
    FindingTopic,
    PlanStep,
    VariantUsed,
)
from consultapp.domain.careplan.steps import (
    extra_prevention,
    latch_steps,
    positions_to_try,
    prevention_steps,
    tailored_reasons,
    tongue_steps,
    treatment_steps,
    variant_used,
    variants_followed,
)
from consultapp.domain.careplan.wording import (
    ALWAYS_CALL_DOCTOR,
    CLOGGED_INTRO,
    MASTITIS_INTRO,
    MASTITIS_NOT_SAME_DAY,
    MASTITIS_NOT_SAME_DAY_STEP,
    MASTITIS_SAME_STEPS_SHORT,
    MASTITIS_WITH_CLOGGED_INTRO,
    POSITION_PLAIN,
    SEED_CAUSES,
    TONGUE_SOURCE,
    URGENT_CALL_STEP,
    always_call_doctor,
    join_and,
    prefixed,
)
from consultapp.domain.flags import Flag, FlagCode, Severity, red_flags
from consultapp.domain.records import Baby, BabyAssessment, Client, Practice, PracticeSettings, Visit
from consultapp.domain.risk import RiskFactor, RiskFactorFound, RiskInputs, risk_factors
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.source_steps import StepKey
from consultapp.domain.units import WeightUnit
from consultapp.domain.vocabulary import PlanVariant, Sign

Assessed = Sequence[tuple[Baby, BabyAssessment]]
"""The babies assessed at the visit, each with its assessment."""


@dataclass
class _Readings:
    """What the engine read from each baby's assessment, gathered across the babies."""

    findings: list[BabyFindings] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    risks: list[RiskFactorFound] = field(default_factory=list)
    latch_reasons: list[str] = field(default_factory=list)
    tongue_reasons: list[str] = field(default_factory=list)
    tongue_sources: list[str] = field(default_factory=lambda: [TONGUE_SOURCE])
    referrals: list[str] = field(default_factory=list)
    latch_babies: list[str] = field(default_factory=list)
    """In a family with several babies, the names of the babies the latch steps are for."""
    tongue_babies: list[tuple[str, str]] = field(default_factory=list)
    """In a family with several babies, each baby the tongue steps are for: (name, referral or "")."""
    ages: list[int | None] = field(default_factory=list)
    """Each assessed baby's age in completed days (None when not known)."""
    feeding: list[BabyFeedingPlan] = field(default_factory=list)


def _baby_findings(
    baby: Baby, a: BabyAssessment, growth: Growth, t: ClinicalThresholds, unit: WeightUnit
) -> BabyFindings:
    lines = weight_lines(baby, a, growth, unit) + birth_lines(baby, a, growth, t)
    if a.test_weight is not None:
        lines += test_weight_lines(a.test_weight, t, unit)
    lines += feed_lines(baby, a, t, growth.days)
    lines += tongue_lines(a, t)
    lines += output_lines(a, growth.day_of_life)
    return BabyFindings(baby.name, tuple(lines), a.latch.total, a.btat.total)


def _read_latch(readings: _Readings, a: BabyAssessment, prefix: str, t: ClinicalThresholds, days: int | None) -> None:
    """The baby's risk factors, and why the latch steps are given (a risk factor or a low LATCH score)."""
    baby_found = risk_factors(baby_risk_inputs(a, t, days), t)
    readings.risks += [dataclasses.replace(r, reason=prefixed(prefix, r.reason)) for r in baby_found]
    improper = [prefixed(prefix, r.reason) for r in baby_found if r.factor is RiskFactor.IMPROPER_LATCH]
    readings.latch_reasons += improper
    latch_total = a.latch.total
    low = latch_total is not None and latch_total < t.latch_further_evaluation_below
    if not improper and low:
        readings.latch_reasons.append(
            prefixed(prefix, f"latch score {latch_total} of 10 (below {t.latch_further_evaluation_below})")
        )
    if prefix not in ("", "Your baby") and (improper or low):
        readings.latch_babies.append(prefix)


def _read_tongue(readings: _Readings, a: BabyAssessment, prefix: str, t: ClinicalThresholds) -> None:
    """Why the tongue steps are given (BTAT or Hazelbaker), their sources, and the referral made."""
    btat_total = a.btat.total
    impaired = btat_total is not None and btat_total <= t.btat_impaired_at_most
    if impaired:
        readings.tongue_reasons.append(
            prefixed(
                prefix,
                f"tongue check BTAT {btat_total} of 8 ({t.btat_impaired_at_most} or less: "
                "the tongue does not move freely)",
            )
        )
    haz = hazelbaker(a.tongue, t)
    if haz is not None and haz.meets_rule:
        readings.tongue_reasons.append(prefixed(prefix, "a tongue check shows your baby's tongue does not move freely"))
        readings.tongue_sources.append(haz.source)
    referral = a.tongue.referral.strip()
    if referral:
        # A referral made is reason enough for the tongue steps and the follow-up after it.
        if not (impaired or (haz and haz.meets_rule)):
            readings.tongue_reasons.append(prefixed(prefix, "we referred your baby for a tongue check"))
        readings.referrals.append(referral)
    if prefix not in ("", "Your baby") and (referral or impaired or (haz is not None and haz.meets_rule)):
        readings.tongue_babies.append((prefix, referral))


def _has_twin(baby: Baby, siblings: Sequence[Baby]) -> bool:
    """Born the same day as another of the client's babies (twins, triplets)."""
    return baby.date_of_birth is not None and any(
        b is not baby and b.date_of_birth == baby.date_of_birth for b in siblings
    )


def _read_babies(
    assessed: Assessed,
    visit: Visit,
    settings: PracticeSettings,
    earlier_weighings: Mapping[uuid.UUID, Sequence[tuple[dt.date, int]]],
    siblings: Sequence[Baby] = (),
) -> _Readings:
    """Findings, flags (the parent's first) and risk factors for each baby; a baby's name leads its reasons
    when several babies were assessed. A baby born the same day as a sibling is a twin (not NEWT's cohort)."""
    t, unit = settings.thresholds, settings.weight_unit
    several = len(assessed) > 1 or any(_has_twin(baby, siblings) for baby, _a in assessed)
    readings = _Readings(flags=red_flags(parent_flag_inputs(visit), t, unit))
    for baby, a in assessed:
        prefix = (baby.name.strip() or "Your baby") if several else ""
        growth = read_growth(baby, a, visit.visit_date, earlier_weighings.get(a.baby_id, ()), visit.visit_time)
        readings.findings.append(_baby_findings(baby, a, growth, t, unit))
        readings.ages.append(growth.days)
        twin = _has_twin(baby, siblings)
        baby_flags = red_flags(baby_flag_inputs(baby, a, growth, singleton=not (twin or several)), t, unit)
        readings.feeding.append(baby_feeding_plan(baby, a, growth, baby_flags, t, unit))
        for flag in baby_flags:
            # Each baby's flag carries its baby, so a letter to one twin's doctor never prints the other's unnamed.
            reason = prefixed(prefix, flag.reason) if several else flag.reason
            readings.flags.append(
                dataclasses.replace(flag, reason=reason, baby_id=baby.id, baby_name=baby.name.strip())
            )
        _read_latch(readings, a, prefix, t, growth.days)
        _read_tongue(readings, a, prefix, t)
    return readings


def _all_risk_factors(
    visit: Visit, client: Client, t: ClinicalThresholds, clogged: Sequence[str], baby_risks: Sequence[RiskFactorFound]
) -> list[RiskFactorFound]:
    """The parent's risk factors and the babies', in the order ``RiskFactor`` lists them."""
    p = visit.parent
    parent_found = risk_factors(
        RiskInputs(
            clogged_duct_present=bool(clogged),
            pressure_on_breast=p.pressure_on_breast,
            stopped_suddenly=p.sudden_stop,
            unrested=p.unrested,
            previous_mastitis=client.history.previous_mastitis,
        ),
        t,
    )
    if p.long_gaps:
        parent_found.append(RiskFactorFound(RiskFactor.INFREQUENT_FEEDING, "long gaps between feeds", SEED_CAUSES))
    order = list(RiskFactor)
    return sorted([*parent_found, *baby_risks], key=lambda r: order.index(r.factor))


@dataclass
class _Treatment:
    """The treatment steps for a clogged duct and mastitis, their sections' intros and the wording followed."""

    steps: list[PlanStep] = field(default_factory=list)
    intros: dict[str, str] = field(default_factory=dict)
    variants: list[VariantUsed] = field(default_factory=list)


def _treatment(
    variant: PlanVariant, clogged: Sequence[str], mastitis: Sequence[str], call: str | None, supplemented: bool
) -> _Treatment:
    """One wording for both topics (CLINICAL.md section 15: the engine picks one column per visit)."""
    treatment = _Treatment()
    if clogged:
        treatment.steps += treatment_steps(
            FindingTopic.CLOGGED_DUCT, variant, "; ".join(clogged), supplemented=supplemented and not mastitis
        )
        if not mastitis:
            treatment.intros[SECTION_CLOGGED] = CLOGGED_INTRO[variant]
        treatment.variants.append(variant_used(FindingTopic.CLOGGED_DUCT, variant))
    if mastitis:
        treatment.steps += treatment_steps(
            FindingTopic.MASTITIS, variant, "; ".join(mastitis), call=call, supplemented=supplemented
        )
        treatment.intros[SECTION_MASTITIS] = MASTITIS_WITH_CLOGGED_INTRO[variant] if clogged else MASTITIS_INTRO
        treatment.variants.append(variant_used(FindingTopic.MASTITIS, variant))
    return treatment


def _suggested_steps(
    readings: _Readings,
    assessed: Assessed,
    visit: Visit,
    t: ClinicalThresholds,
    found: Sequence[RiskFactorFound],
    treatment: _Treatment,
    variant: PlanVariant,
) -> list[PlanStep]:
    """Latch, tongue and treatment steps when the findings call for them, then every prevention step."""
    worked = [POSITION_PLAIN[pos][0].split(" (")[0].lower() for _, pos, _ in positions_worked(assessed)]
    suggested: list[PlanStep] = []
    if readings.latch_reasons:
        suggested += latch_steps(readings.latch_reasons, worked, readings.latch_babies)
    if readings.tongue_reasons:
        sources = "; ".join(dict.fromkeys(readings.tongue_sources))
        suggested += tongue_steps(
            readings.tongue_reasons,
            readings.referrals,
            sources,
            visit.plan.follow_up,
            variant,
            babies=readings.tongue_babies,
        )
    suggested += treatment.steps
    tailored = tailored_reasons(found, assessed, visit)
    extra = extra_prevention(found, assessed, suggested, variant)
    newborn = not readings.ages or any(newborn_feed_norm_applies(days, t) for days in readings.ages)
    suggested += prevention_steps(t, tailored, extra, newborn=newborn, variant=variant)
    return suggested


PARENT_SAME_DAY_FLAGS = frozenset(
    {
        FlagCode.MATERNAL_FEVER,
        FlagCode.SPREADING_REDNESS,
        FlagCode.CONFUSION,
        FlagCode.FAST_HEART_RATE,
        FlagCode.FLUCTUANT_OR_PERSISTING_LUMP,
        FlagCode.WORSE_ON_ANTIBIOTICS,
    }
)
"""The parent's red flags that make a breast problem a same-day call (CLINICAL.md sections 7 and 15)."""

URGENT_FLAGS = frozenset({FlagCode.CONFUSION, FlagCode.FAST_HEART_RATE})
"""Signs of possible sepsis: urgent care now, and the mastitis step says so too (CLINICAL.md section 15)."""


def _systemic_signs(visit: Visit) -> list[str]:
    """Fever, chills or flu-like illness the parent reported (without a temperature at the threshold)."""
    finding, p = visit.breast_finding, visit.parent
    signs = set(finding.signs) if finding is not None else set()
    return [
        words
        for words, present in (
            ("a fever", Sign.FEVER in signs),
            ("chills", p.chills or Sign.CHILLS in signs),
            ("feeling ill, like having the flu", p.flu_like),
        )
        if present
    ]


def mastitis_same_day(flags: Sequence[Flag], visit: Visit) -> bool:
    """One decision for the whole plan: does the parent call her doctor today about her breast?

    Yes with a same-day red flag (a fever of 38.5 C or more with chills, flu-like illness or any breast sign,
    sepsis or abscess signs, worse on antibiotics: CLINICAL.md sections 7 and 15), or with a fever, chills or
    flu-like illness she reported (ABM #4's systemic signs of mastitis). The "When to call your doctor" box and
    the mastitis steps both read it.
    """
    return any(f.code in PARENT_SAME_DAY_FLAGS for f in flags) or bool(_systemic_signs(visit))


def _call_doctor(flags: Sequence[Flag], visit: Visit, mastitis: Sequence[str], same_day: bool) -> tuple[str, ...]:
    """Every flag, red first, a line for mastitis signs no flag covers, then the lines always given."""
    lines_by_severity: list[tuple[Severity, str]] = [
        (f.severity, f"{CALL_TODAY if f.severity is Severity.RED else CHECK_SOON} {f.reason}") for f in flags
    ]
    if mastitis and not any(f.code in PARENT_SAME_DAY_FLAGS for f in flags):
        if same_day:
            with_what = join_and(_systemic_signs(visit))
            lines_by_severity.append(
                (Severity.RED, f"{CALL_TODAY} You have a sore breast with {with_what}: call your doctor today.")
            )
        else:
            lines_by_severity.append((Severity.AMBER, f"{CHECK_SOON} {MASTITIS_NOT_SAME_DAY}"))
    lines_by_severity.sort(key=lambda item: item[0] is not Severity.RED)
    return tuple(line for _, line in lines_by_severity) + always_call_doctor(same_day)


def supplemented(feeding: Sequence[BabyFeedingPlan]) -> bool:
    """True when a baby of the visit gets a supplement (the feeding plan printed for it, hers or the engine's):
    expressing for each missed feed is then not over-pumping (CLINICAL.md section 15)."""
    return any(p.plan is not None and p.plan.supplementing and bool(p.lines) for p in feeding)


def _with_lines(call_doctor: tuple[str, ...], lines: Sequence[str]) -> tuple[str, ...]:
    """``lines`` after the flag lines, before the lines always given."""
    cut = len(call_doctor) - len(ALWAYS_CALL_DOCTOR)
    return call_doctor[:cut] + tuple(lines) + call_doctor[cut:]


_SAME_STEPS = frozenset({StepKey.MASTITIS_SAME_STEPS, StepKey.ABM36_MASTITIS_SAME_STEPS})


def _same_steps_once(steps: tuple[PlanStep, ...]) -> tuple[PlanStep, ...]:
    """The mastitis step "keep doing every step for a clogged duct" lists them only when they do not print."""
    if not any(s.section == SECTION_CLOGGED for s in steps):
        return steps
    return tuple(
        dataclasses.replace(s, text=MASTITIS_SAME_STEPS_SHORT) if s.key in _SAME_STEPS and not s.custom else s
        for s in steps
    )


def build_care_plan(
    practice: Practice,
    client: Client,
    visit: Visit,
    *,
    earlier_weighings: Mapping[uuid.UUID, Sequence[tuple[dt.date, int]]] | None = None,
) -> CarePlan:
    """Decide what the care plan for ``visit`` says.

    ``earlier_weighings`` maps a baby's id to its weighings at earlier visits, as (date, grams), oldest first:
    they give the gain per day and whether birth weight was regained. The prevention steps of the source
    document are always given (they apply to every breastfeeding parent); treatment steps for a clogged duct
    or mastitis only when the consultant found the signs. Thresholds, wording variants and display units come
    from ``practice.settings``.
    """
    settings = practice.settings
    babies_by_id = {b.id: b for b in client.babies}
    assessed = [(babies_by_id[a.baby_id], a) for a in visit.assessments if a.baby_id in babies_by_id]
    readings = _read_babies(assessed, visit, settings, earlier_weighings or {}, client.babies)
    clogged = clogged_duct_reasons(visit)
    mastitis = mastitis_reasons(visit, settings, clogged)
    all_found = _all_risk_factors(visit, client, settings.thresholds, clogged, readings.risks)
    same_day = mastitis_same_day(readings.flags, visit)
    urgent = any(f.code in URGENT_FLAGS for f in readings.flags)
    call = URGENT_CALL_STEP if urgent else (None if same_day else MASTITIS_NOT_SAME_DAY_STEP)
    variant = settings.wording
    treatment = _treatment(variant, clogged, mastitis, call, supplemented(readings.feeding))
    suggested = _suggested_steps(readings, assessed, visit, settings.thresholds, all_found, treatment, variant)
    worked = [POSITION_PLAIN[pos][0].split(" (")[0].lower() for _, pos, _ in positions_worked(assessed)]
    extras = parent_extras(visit, client, list(dict.fromkeys(worked)))
    first_prevention = next((i for i, s in enumerate(suggested) if s.section == SECTION_PREVENTION), len(suggested))
    suggested[first_prevention:first_prevention] = extras.steps
    final = _same_steps_once(apply_edits(suggested, visit.plan))
    intros = {SECTION_PREVENTION: src.MILK_SUPPLY_STEP.text, **treatment.intros}
    return CarePlan(
        practice=practice,
        client_name=client.full_name,
        client_date_of_birth=client.date_of_birth,
        visit_date=visit.visit_date,
        location_label=visit.location.label,
        reason=visit.reason,
        babies=tuple(readings.findings),
        baby_feeding_plans=share_expressing(readings.feeding),
        breast_lines=tuple(breast_lines(visit)),
        sections=group_sections(final, intros),
        call_doctor=_with_lines(_call_doctor(readings.flags, visit, mastitis, same_day), extras.call_lines),
        source_title=src.SOURCE_TITLE,
        references=src.REFERENCES,
        parent_lines=tuple(parent_lines(visit, client, settings)) + extras.parent_lines,
        flags=tuple(sorted(readings.flags, key=lambda f: f.severity is not Severity.RED)),
        risk_factors=tuple(all_found),
        positions_to_try=tuple(positions_to_try(assessed)),
        feeding_plan=visit.plan.feeding_plan.strip(),
        follow_up=visit.plan.follow_up,
        variants=tuple(variants_followed(treatment.variants, final)),
        suggested_steps=tuple(suggested),
        steps=final,
    )
