"""What the engine reads from a visit: growth, output, tongue rule, flag and risk inputs, signs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from consultapp.domain.birth_norms import HoursRange, hours_of_life
from consultapp.domain.careplan.wording import CONDITION_PLAIN, INEFFECTIVE_PLAIN, join_and, map_finding_words
from consultapp.domain.flags import FlagInputs
from consultapp.domain.growth import Weighing, birth_weight_regained, day_of_life, days_since_birth, velocity_g_per_day
from consultapp.domain.nipples import nipple_damage_seen
from consultapp.domain.output import OutputProblem, OutputProblemCode, StoolColour, check_output, output_norm
from consultapp.domain.records import Baby, BabyAssessment, PracticeSettings, TongueAssessment, Visit
from consultapp.domain.risk import RiskInputs
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.tongue import HazelbakerResult, hazelbaker_decision
from consultapp.domain.units import format_temperature
from consultapp.domain.vocabulary import GENERAL_SIGNS, BreastConcern, FindingKind, Position, Side, SpectrumCondition

MASTITIS_CONDITIONS = frozenset(
    {
        SpectrumCondition.INFLAMMATORY_MASTITIS,
        SpectrumCondition.BACTERIAL_MASTITIS,
        SpectrumCondition.SUBACUTE_MASTITIS,
        SpectrumCondition.PHLEGMON,
        SpectrumCondition.ABSCESS,
    }
)
"""Conditions of the mastitis spectrum (ABM #36) for which the plan gives the mastitis steps."""


def hazelbaker(tongue: TongueAssessment, t: ClinicalThresholds) -> HazelbakerResult | None:
    """The Hazelbaker reading under the practice's rule, or None when the subtotals were not recorded."""
    appearance, function = tongue.hazelbaker_appearance, tongue.hazelbaker_function
    if not tongue.hazelbaker_unclassified and (appearance is None or function is None):
        return None
    try:
        return hazelbaker_decision(appearance, function, t.hazelbaker_rule, unclassified=tongue.hazelbaker_unclassified)
    except ValueError:
        return None


@dataclass(frozen=True)
class Growth:
    """A baby's weights read together: what the flags need, and the last earlier weighing."""

    days: int | None
    day_of_life: int | None
    regained: bool | None
    velocity: float | None
    previous: tuple[dt.date, int] | None
    hours: HoursRange | None = None
    """Hours of life at the visit, when the time of birth is known: exact with the visit's time, else its day."""


def read_growth(
    baby: Baby,
    a: BabyAssessment,
    visit_date: dt.date,
    earlier: Sequence[tuple[dt.date, int]],
    visit_time: dt.time | None = None,
) -> Growth:
    born = baby.date_of_birth
    days = dol = None
    if born is not None and visit_date >= born:
        days = days_since_birth(born, visit_date)
        dol = day_of_life(born, visit_date)
    prior = sorted((d, g) for d, g in earlier if d < visit_date and g > 0 and (born is None or d > born))
    previous = prior[-1] if prior else None
    regained: bool | None = None
    if baby.birth_weight_g and baby.birth_weight_g > 0:
        weighings = list(prior) + ([(visit_date, a.weight_g)] if a.weight_g else [])
        reached = birth_weight_regained(baby.birth_weight_g, weighings) is not None if weighings else None
        # Without today's weight an old shortfall says nothing about today; a past regain still counts.
        regained = reached if a.weight_g else (True if reached else None)
    velocity = None
    if previous is not None and a.weight_g:
        velocity = velocity_g_per_day(Weighing(previous[0], previous[1]), Weighing(visit_date, a.weight_g))
    hours = hours_of_life(born, baby.birth_time, visit_date, visit_time) if born is not None else None
    return Growth(days, dol, regained, velocity, previous, hours)


def output_problems(a: BabyAssessment, dol: int | None) -> tuple[OutputProblem, ...]:
    """Output problems for the day of life; a count not recorded raises nothing."""
    if dol is None:
        return ()
    if a.wet_diapers is None and a.dirty_diapers is None and a.stool_colour is None and not a.urates:
        return ()
    norm = output_norm(dol)
    wet = a.wet_diapers if a.wet_diapers is not None else norm.min_wet
    dirty = a.dirty_diapers if a.dirty_diapers is not None else (norm.min_stools or 0)
    try:
        problems = check_output(dol, wet, dirty, a.stool_colour, a.urates)
    except ValueError:
        return ()
    unknown: set[OutputProblemCode] = set()
    if a.wet_diapers is None:
        unknown |= {OutputProblemCode.WET_BELOW_NORM, OutputProblemCode.FEWER_THAN_6_WET_AFTER_DAY_5}
    if a.dirty_diapers is None:
        unknown.add(OutputProblemCode.STOOLS_BELOW_NORM)
    return tuple(p for p in problems if p.code not in unknown)


def baby_flag_inputs(baby: Baby, a: BabyAssessment, growth: Growth, *, singleton: bool | None = None) -> FlagInputs:
    return FlagInputs(
        birth_weight_g=baby.birth_weight_g or None,
        current_weight_g=a.weight_g,
        days_since_birth=growth.days,
        hours_of_life=growth.hours,
        gestational_age_days=baby.gestational_age_days,
        delivery_mode=baby.delivery_mode,
        singleton=singleton,
        regained=growth.regained,
        velocity_g_per_day=growth.velocity,
        output_problems=output_problems(a, growth.day_of_life),
        jaundice=a.jaundice,
        lethargy=a.lethargy,
        poor_feeding=a.poor_feeding,
        jaundice_onset_hours=a.jaundice_onset_hours,
        formula_fed=a.formula_fed,
        pale_stools=a.stool_colour is StoolColour.PALE,
        dark_urine=a.dark_urine,
    )


def breast_signs_present(visit: Visit) -> bool:
    """True when any sign was found at the breast: the consultant's finding (a clogged duct or mastitis), a
    finding on the map, a sore, engorged or narrowed/inflamed side. With a fever this is same-day
    (CLINICAL.md section 15), so the reading is deliberately broad."""
    if visit.breast_finding is not None or visit.map_findings or nipple_damage_seen(visit.nipples):
        return True
    return any(
        (exam.pain is not None and exam.pain > 0) or exam.engorgement or exam.condition is not None
        for exam in visit.breast_sides
    )


_LOCAL_SIGN_KINDS = frozenset({FindingKind.LUMP, FindingKind.REDNESS, FindingKind.WARMTH, FindingKind.HARDNESS})


def named_condition(visit: Visit, side: Side) -> SpectrumCondition | None:
    """The condition of the ABM #36 spectrum the consultant named for one breast (on its map findings)."""
    return next((e.condition for e in visit.breast_sides if e.side is side and e.condition is not None), None)


def general_signs_present(visit: Visit, fever_threshold_c: float) -> bool:
    """A fever at the practice's threshold, chills or flu-like illness: asked once, in the parent's section."""
    p = visit.parent
    fever = p.temperature_c is not None and p.temperature_c >= fever_threshold_c
    return fever or p.chills or p.flu_like


def derived_condition(visit: Visit, side: Side, fever_threshold_c: float) -> SpectrumCondition | None:
    """The condition one breast's findings point to when the consultant named none, read as the plan reads them.

    The source document's rule (CLINICAL.md section 8, ABM #4): the signs of a clogged duct (a lump, redness,
    warmth, hardness) plus fever, chills or flu-like illness are mastitis; a lump alone is a clogged duct, which
    ABM #36 (Mitchell 2022) names ductal narrowing; a bleb and engorgement are conditions of their own there.
    """
    kinds = {m.kind for m in visit.map_findings if m.side is side}
    engorged = any(e.engorgement for e in visit.breast_sides if e.side is side)
    if kinds & _LOCAL_SIGN_KINDS and general_signs_present(visit, fever_threshold_c):
        return SpectrumCondition.INFLAMMATORY_MASTITIS
    if FindingKind.LUMP in kinds:
        return SpectrumCondition.DUCTAL_NARROWING
    if FindingKind.BLEB in kinds:
        return SpectrumCondition.NIPPLE_BLEB
    return SpectrumCondition.ENGORGEMENT if engorged else None


def parent_flag_inputs(visit: Visit) -> FlagInputs:
    p = visit.parent
    return FlagInputs(
        maternal_temperature_c=p.temperature_c,
        chills=p.chills,
        flu_like=p.flu_like,
        breast_signs=breast_signs_present(visit),
        spreading_redness=p.spreading_redness,
        confusion=p.confusion,
        fast_heart_rate=p.fast_heart_rate,
        fluctuant_or_persisting_lump=p.fluctuant_or_persisting_lump,
        worse_after_antibiotics=p.worse_after_antibiotics,
        lump_persists_after_episode=p.lump_after_episode,
        nipple_exams=tuple(visit.nipples),
    )


def _lowest_latch_item(a: BabyAssessment) -> int | None:
    items = [f.latch.latch for f in a.feeds if f.latch.latch is not None]
    return min(items) if items else None


def baby_risk_inputs(a: BabyAssessment, t: ClinicalThresholds, days_since_birth: int | None = None) -> RiskInputs:
    haz = hazelbaker(a.tongue, t)
    return RiskInputs(
        days_since_birth=days_since_birth,
        latch_item=_lowest_latch_item(a),
        ineffective_latch_signs=tuple(INEFFECTIVE_PLAIN[s] for s in a.ineffective_signs),
        feeds_per_24h=a.feeds_per_24h,
        btat_total=a.btat.total,
        tongue_tie_diagnosed=bool(haz is not None and haz.meets_rule),
        weak_suckle=a.weak_suckle,
    )


def clogged_duct_reasons(visit: Visit) -> list[str]:
    """What at this visit shows a clogged duct, in plain words (empty when nothing does)."""
    reasons: list[str] = []
    finding = visit.breast_finding
    if finding is not None:
        signs = ", ".join(s.plain for s in finding.signs)
        reasons.append(
            f"{finding.concern.label.lower()} on the {finding.side.label.lower()}" + (f": {signs}" if signs else "")
        )
    reasons += [map_finding_words(m) for m in visit.map_findings if m.kind is FindingKind.LUMP]
    reasons += [
        f"a narrowed milk duct in your {exam.side.value} breast"
        for exam in visit.breast_sides
        if exam.condition is SpectrumCondition.DUCTAL_NARROWING and exam.side is not Side.BOTH
    ]
    return reasons


def mastitis_reasons(visit: Visit, settings: PracticeSettings, clogged: Sequence[str]) -> list[str]:
    """What at this visit shows mastitis (empty when nothing does).

    The consultant's own call (concern "mastitis", a mastitis condition of the ABM #36 spectrum) or the source
    document's rule: the signs of a clogged duct plus tiredness, feeling sick, fever or chills.
    """
    reasons: list[str] = []
    finding = visit.breast_finding
    p = visit.parent
    t = settings.thresholds
    if finding is not None and (
        finding.concern is BreastConcern.MASTITIS or any(s in GENERAL_SIGNS for s in finding.signs)
    ):
        reasons.append(clogged[0])
    for exam in visit.breast_sides:
        if exam.condition in MASTITIS_CONDITIONS:
            reasons.append(f"{CONDITION_PLAIN[exam.condition]} in your {exam.side.value} breast")
    local = list(clogged) + [
        map_finding_words(m) for m in visit.map_findings if m.kind in _LOCAL_SIGN_KINDS - {FindingKind.LUMP}
    ]
    general: list[str] = []
    if p.temperature_c is not None and p.temperature_c >= t.fever_threshold_c:
        general.append(f"a temperature of {format_temperature(p.temperature_c, settings.temperature_unit)}")
    if p.chills:
        general.append("chills")
    if p.flu_like:
        general.append("feeling ill, like having the flu")
    if not reasons and local and general:
        reasons.append(f"{'; '.join(local)}, with {join_and(general)}")
    elif reasons and general:
        reasons[-1] += f", with {join_and(general)}"
    return reasons


def positions_worked(assessed: Sequence[tuple[Baby, BabyAssessment]]) -> list[tuple[str, Position, list[Side | None]]]:
    out: list[tuple[str, Position, list[Side | None]]] = []
    for baby, a in assessed:
        seen: dict[Position, list[Side | None]] = {}
        for feed in a.feeds:
            for position in feed.positions_worked:
                sides = seen.setdefault(position, [])
                if feed.side not in sides:
                    sides.append(feed.side)
        out += [(baby.name.strip() or "Your baby", pos, sides) for pos, sides in seen.items()]
    return out
