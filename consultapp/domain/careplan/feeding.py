"""The feeding plan the engine suggests for one baby, and the plan each baby's part of the care plan prints.

A supplement is suggested only when the findings call for it (ABM Clinical Protocol #3, Kellams et al., Breastfeed
Med 2017: supplement for a medical indication, after assessing the feed; CLINICAL.md section 10):

- a loss at or past the threshold (the red weight-loss flag; for a late-preterm baby the late-preterm rule);
- output below the norm for the day of life (any output flag);
- poor transfer at a weighed feed: a reliable intake below the table's lowest amount for the age;
- birth weight not regained by day 10-14; gain below the minimum after regaining;
- a weak suck, or a LATCH "latch" item of 0.

A 7-9 % loss alone with a normal exam and output is no indication (ABM #3 co-author, LactEd, secondary), nor is
"too little colostrum". The suggestion gives own milk first, an amount from the volume table by hours of life and
column, at least 8 feeds and 8 expressions in 24 h, a method fitted to the amount and the latch, and a re-weigh
within 24-48 h; never water or glucose water (AAP 2022). Each part carries its reason and source. The printed plan
is the consultant's (``BabyAssessment.feeding_plan``) or, when she recorded none, the suggestion.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from consultapp.domain.birth_norms import LATE_PRETERM_SOURCE, hours_words
from consultapp.domain.careplan.inputs import Growth
from consultapp.domain.careplan.wording import join_and
from consultapp.domain.feeding_plan import (
    EXPRESS_OPENING,
    VOLUME_SOURCE,
    VolumeColumn,
    age_words,
    band_words,
    clinical_summary,
    parent_lines,
    table_hours,
    volume_column,
    volume_per_feed,
)
from consultapp.domain.flags import OUTPUT_FLAG_CODES, Flag, FlagCode
from consultapp.domain.growth import test_weight_intake
from consultapp.domain.records import Baby, BabyAssessment
from consultapp.domain.records.feeding_plan import ExpressMethod, FeedingPlan, Supplement, SupplementMethod
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.units import WeightUnit, format_gain, format_weight
from consultapp.domain.weights import weight_loss_pct

ABM3_SOURCE = "ABM Clinical Protocol #3 (Kellams et al., Breastfeed Med 2017) (CLINICAL.md section 10)"
ORDER_SOURCE = (
    "Own milk, then pasteurised donor milk, then formula: Open Exam Prep (secondary); Hospital Pediatrics "
    "late-preterm feeding table (CLINICAL.md section 10)"
)
FEEDS_SOURCE = (
    "8-12 breastfeeds per 24 h: Hospital Pediatrics late-preterm feeding table; wake at 3 h while supplementing: "
    "UIHC supplementation guide 2020 (secondary) (CLINICAL.md sections 10 and 11)"
)
METHOD_SOURCE = (
    "ABM Clinical Protocol #10 as tabulated in the Hospital Pediatrics table; caveats: Open Exam Prep (secondary), "
    "McKinney et al., Matern Child Health J 2016, Galactapedia (secondary) (CLINICAL.md section 10)"
)
EXPRESS_EARLY_SOURCE = (
    "Before the milk comes in, about 10 min by hand then about 10 min pumping, >= 8 times in 24 h: Breastfeeding "
    "FAQs (secondary); hand expression at 12-36 h: Flaherman et al., Arch Dis Child Fetal Neonatal Ed 2012;97:F18 "
    "(CLINICAL.md section 10)"
)
EXPRESS_LATER_SOURCE = (
    ">= 8 expressions per 24 h; pump 15-20 min after each feed until the baby gains about 30 g/day without "
    "supplement: UIHC supplementation guide 2020 (secondary) (CLINICAL.md section 10)"
)
REWEIGH_SOURCE = "No sourced interval found; default within 24-48 h while supplementing (CLINICAL.md section 10)"
NO_WATER_SOURCE = "Never water or glucose water: AAP hyperbilirubinemia guideline, Kemper et al. 2022 (CLINICAL.md 10)"

MILK_IN_BY_HOURS = 72
"""Before this hour of life the milk is taken as not yet in (delayed lactogenesis II is >= 72 h; CLINICAL.md 17)."""
SMALL_AMOUNT_ML = 15
"""A spoon suits amounts up to this (low volume, short term)."""
DEFAULT_COUNT_PER_24H = 8


class Indication(StrEnum):
    """A finding that calls for a supplement (CLINICAL.md section 10)."""

    LOSS = "loss"
    LOW_OUTPUT = "low_output"
    POOR_TRANSFER = "poor_transfer"
    NOT_REGAINED = "not_regained"
    SLOW_GAIN = "slow_gain"
    WEAK_SUCK = "weak_suck"
    NO_LATCH = "no_latch"


class PlanPart(StrEnum):
    """A part of the suggested plan, each shown with its reason and source."""

    INDICATION = "indication"
    SUPPLEMENT = "supplement"
    AMOUNT = "amount"
    FEEDS = "feeds"
    METHOD = "method"
    EXPRESSING = "expressing"
    REWEIGH = "reweigh"
    NO_WATER = "no_water"

    @property
    def label(self) -> str:
        return {
            "indication": "Why a supplement",
            "supplement": "What",
            "amount": "How much",
            "feeds": "How often",
            "method": "How",
            "expressing": "Expressing",
            "reweigh": "Re-weigh",
            "no_water": "Never",
        }[self.value]


@dataclass(frozen=True)
class Found:
    """One indication: for the clinician, in a parent's words (after the baby's name), its source; ``urgent``
    when it rests on a red flag."""

    indication: Indication
    clinical: str
    plain: str
    source: str
    urgent: bool = False


@dataclass(frozen=True)
class SuggestedPart:
    part: PlanPart
    text: str
    reason: str
    source: str


@dataclass(frozen=True)
class FeedingSuggestion:
    """The engine's plan for one baby, why, and what each part rests on."""

    plan: FeedingPlan
    found: tuple[Found, ...]
    parts: tuple[SuggestedPart, ...]
    hours: float | None
    """The hour of life the volume table was read at (None: age not known)."""
    column: VolumeColumn


@dataclass(frozen=True)
class BabyFeedingPlan:
    """What one baby's part of the care plan prints first: "Feeding plan for <name>"."""

    baby_id: uuid.UUID
    baby_name: str
    plan: FeedingPlan | None
    """The consultant's plan, else the suggestion's; None when neither."""
    suggestion: FeedingSuggestion | None
    lines: tuple[str, ...]
    why: str = ""
    clinical: str = ""

    @property
    def title(self) -> str:
        return f"Feeding plan for {self.baby_name.strip() or 'your baby'}"


def _flag_found(flags: Sequence[Flag], loss: float | None) -> list[Found]:
    found: list[Found] = []
    output = set(OUTPUT_FLAG_CODES.values())
    for f in flags:
        if f.code is FlagCode.WEIGHT_LOSS_RED or (
            f.code is FlagCode.WEIGHT_LOSS_AMBER and f.source == LATE_PRETERM_SOURCE
        ):
            lost = f"has lost {loss:.1f}% of birth weight" if loss is not None else "has lost too much weight"
            found.append(
                Found(
                    Indication.LOSS,
                    f"weight loss {f.detail or 'at the threshold'}",
                    lost,
                    f.source,
                    f.code is FlagCode.WEIGHT_LOSS_RED,
                )
            )
        elif f.code in output and not any(x.indication is Indication.LOW_OUTPUT for x in found):
            found.append(
                Found(
                    Indication.LOW_OUTPUT,
                    "output below the norm for the day of life",
                    "has fewer wet or dirty diapers than expected",
                    f.source,
                    True,
                )
            )
        elif f.code in (FlagCode.NOT_REGAINED_AMBER, FlagCode.NOT_REGAINED_RED):
            found.append(
                Found(
                    Indication.NOT_REGAINED,
                    "birth weight not regained",
                    "is not back to birth weight yet",
                    f.source,
                    f.code is FlagCode.NOT_REGAINED_RED,
                )
            )
        elif f.code is FlagCode.SLOW_GAIN:
            found.append(Found(Indication.SLOW_GAIN, "gain below the minimum", "is gaining weight slowly", f.source))
    return found


def _transfer_found(a: BabyAssessment, hours: float | None, column: VolumeColumn, t: ClinicalThresholds) -> list[Found]:
    tw = a.test_weight
    if tw is None or hours is None:
        return []
    try:
        result = test_weight_intake(
            tw.pre_g,
            tw.post_g,
            tw.scale_resolution_g,
            tw.clothing_unchanged,
            max_resolution_g=t.test_weight_max_resolution_g,
        )
    except ValueError:
        return []
    lowest, _ = volume_per_feed(hours, column)
    if result.intake_ml is None or not result.reliable or result.intake_ml >= lowest:
        return []
    return [
        Found(
            Indication.POOR_TRANSFER,
            f"test-weighed intake about {result.intake_ml:.0f} mL, below {lowest} mL for {band_words(hours)}",
            f"drank only about {result.intake_ml:.0f} mL at the weighed feed",
            f"{VOLUME_SOURCE}; test weights: CLINICAL.md section 4",
        )
    ]


def indications(
    baby: Baby, a: BabyAssessment, growth: Growth, flags: Sequence[Flag], t: ClinicalThresholds
) -> tuple[Found, ...]:
    """Every finding at this visit that calls for a supplement (empty: suggest none)."""
    loss = None
    if baby.birth_weight_g and a.weight_g:
        loss = weight_loss_pct(baby.birth_weight_g, a.weight_g)
    column = volume_column(baby.gestational_age_days, baby.birth_weight_g or None, t)
    found = _flag_found(flags, loss)
    found += _transfer_found(a, table_hours(growth.hours, growth.days), column, t)
    if a.weak_suckle:
        found.append(Found(Indication.WEAK_SUCK, "weak suck", "sucks weakly at the breast", ABM3_SOURCE))
    if any(f.latch.latch == 0 for f in a.feeds):
        found.append(
            Found(Indication.NO_LATCH, "LATCH latch item 0", "did not latch on to the breast today", ABM3_SOURCE)
        )
    return tuple(found)


def _method(a: BabyAssessment, high_ml: int) -> tuple[SupplementMethod, str]:
    latched = not a.weak_suckle and not any(f.latch.latch == 0 for f in a.feeds)
    if high_ml <= SMALL_AMOUNT_ML:
        method, why = SupplementMethod.SPOON, f"up to {SMALL_AMOUNT_ML} mL a feed"
    elif latched:
        method, why = SupplementMethod.AT_BREAST_SUPPLEMENTER, "the baby latches and sucks"
    elif high_ml <= 30:
        method, why = SupplementMethod.CUP, "no effective latch or suck yet; up to 30 mL a feed"
    else:
        method, why = SupplementMethod.PACED_BOTTLE, "no effective latch or suck yet; more than 30 mL a feed"
    return method, f"{why}: {method.caveat}"


def _column_words(column: VolumeColumn, unit: WeightUnit) -> str:
    """The table's column in the practice's units: ">= 37 weeks, or late-preterm >= 5 lb 8 oz"."""
    cut, low = format_weight(2500, unit), format_weight(2000, unit)
    if column is VolumeColumn.LATE_PRETERM_SMALL:
        return f"late-preterm {low} to {cut}"
    return f">= 37 weeks, or late-preterm >= {cut}"


def _amount_reason(growth: Growth, hours: float | None, column: VolumeColumn,
                   unit: WeightUnit = WeightUnit.G) -> str:
    if hours is None:
        return f"age not recorded: the table's last row is shown, check it; column {_column_words(column, unit)}"
    if growth.hours is not None:
        read = hours_words(growth.hours)
        at = "" if growth.hours[0] == growth.hours[1] else f", read at {hours:.0f} h"
    else:
        read, at = f"day {(growth.days or 0) + 1} of life, time of birth not recorded", f", read at {hours:.0f} h"
    return f"{read}{at}: row {band_words(hours)}, column {_column_words(column, unit)}"


def suggest_feeding_plan(
    baby: Baby, a: BabyAssessment, growth: Growth, flags: Sequence[Flag], t: ClinicalThresholds,
    unit: WeightUnit = WeightUnit.G,
) -> FeedingSuggestion | None:
    """The engine's feeding plan for one baby, or None when nothing at the visit calls for a supplement.

    ``flags`` are this baby's flags (``flags.red_flags`` of its inputs); ``growth`` its age and weights.
    """
    found = indications(baby, a, growth, flags, t)
    if not found:
        return None
    column = volume_column(baby.gestational_age_days, baby.birth_weight_g or None, t)
    hours = table_hours(growth.hours, growth.days)
    low, high = volume_per_feed(hours if hours is not None else 96.0, column)
    method, method_reason = _method(a, high)
    early = hours is not None and hours < MILK_IN_BY_HOURS
    express = ExpressMethod.HAND_THEN_PUMP if early else ExpressMethod.PUMP
    minutes = 20 if early else 15
    urgent = any(f.urgent for f in found)
    within = 24 if urgent else 48
    plan = FeedingPlan(
        supplement=Supplement.OWN_MILK,
        amount_min_ml=low,
        amount_max_ml=high,
        feeds_per_24h=DEFAULT_COUNT_PER_24H,
        method=method,
        expressing=express,
        expressions_per_24h=DEFAULT_COUNT_PER_24H,
        express_minutes=minutes,
        reweigh_within_hours=within,
    )
    express_reason = (
        "before the milk comes in: about 10 min by hand, then about 10 min with a pump; hand expression at 12-36 h "
        "gave more breastfeeding at 2 months (96.1 % vs 72.7 %)"
        if early
        else f"pump 15-20 min after each feed until the baby gains about {format_gain(30, unit).lstrip('+')} "
        "without supplement"
    )
    parts = (
        SuggestedPart(
            PlanPart.INDICATION,
            "; ".join(f.clinical for f in found),
            "a medical indication, after assessing the feed",
            "; ".join(dict.fromkeys([ABM3_SOURCE, *(f.source for f in found)])),
        ),
        SuggestedPart(
            PlanPart.SUPPLEMENT,
            Supplement.OWN_MILK.label,
            "own expressed milk first, then pasteurised donor milk, then formula",
            ORDER_SOURCE,
        ),
        SuggestedPart(
            PlanPart.AMOUNT, f"{low}-{high} mL per feed", _amount_reason(growth, hours, column, unit), VOLUME_SOURCE
        ),
        SuggestedPart(
            PlanPart.FEEDS,
            f"after each breastfeed, {DEFAULT_COUNT_PER_24H} per 24 h",
            "8-12 breastfeeds per 24 h; wake the baby at 3 h while supplementing",
            FEEDS_SOURCE,
        ),
        SuggestedPart(PlanPart.METHOD, method.label, method_reason, METHOD_SOURCE),
        SuggestedPart(
            PlanPart.EXPRESSING,
            f"{express.label}, {DEFAULT_COUNT_PER_24H} per 24 h, about {minutes} min",
            f"express whenever a feed is replaced or ineffective; {express_reason}",
            EXPRESS_EARLY_SOURCE if early else EXPRESS_LATER_SOURCE,
        ),
        SuggestedPart(
            PlanPart.REWEIGH,
            f"within {within} h",
            "a red flag: 24 h" if urgent else "while supplementing: within 24-48 h",
            REWEIGH_SOURCE,
        ),
        SuggestedPart(
            PlanPart.NO_WATER, "no water or glucose water", "they are never a supplement for a newborn", NO_WATER_SOURCE
        ),
    )
    return FeedingSuggestion(plan, found, parts, hours, column)


def baby_feeding_plan(
    baby: Baby,
    a: BabyAssessment,
    growth: Growth,
    flags: Sequence[Flag],
    t: ClinicalThresholds,
    unit: WeightUnit = WeightUnit.G,
) -> BabyFeedingPlan:
    """The suggestion and the plan to print for one baby: hers when recorded, else the suggestion."""
    suggestion = suggest_feeding_plan(baby, a, growth, flags, t, unit)
    plan = a.feeding_plan if a.feeding_plan is not None else (suggestion.plan if suggestion else None)
    name = baby.name.strip() or "your baby"
    age = age_words(growth.hours, growth.days)
    lines = tuple(parent_lines(plan, name, age, unit)) if plan is not None else ()
    why = ""
    if plan is not None and plan.supplementing and suggestion is not None and lines:
        why = f"{name} {join_and([f.plain for f in suggestion.found])}."
    clinical = ""
    if plan is not None and lines:
        hours_text = (
            hours_words(growth.hours)
            if growth.hours is not None
            else (f"day {growth.days + 1} of life" if growth.days is not None else "")
        )
        clinical = clinical_summary(plan, hours_text)
        if suggestion is not None and plan.supplementing:
            clinical += "; indication: " + "; ".join(f.clinical for f in suggestion.found)
    assert a.baby_id is not None
    return BabyFeedingPlan(a.baby_id, baby.name, plan, suggestion, lines, why, clinical)


def letter_lines(plans: Sequence[BabyFeedingPlan], baby_ids: Sequence[uuid.UUID | None]) -> tuple[str, ...]:
    """Each feeding plan of the babies the letter covers, in clinical words, named as entered."""
    return tuple(
        f"Feeding plan, {p.baby_name.strip() or 'baby'}: {p.clinical}."
        for p in plans
        if p.baby_id in baby_ids and p.clinical
    )


def share_expressing(plans: Sequence[BabyFeedingPlan]) -> tuple[BabyFeedingPlan, ...]:
    """One mother expresses for all her babies: when several babies' plans give the same expressing line, it
    prints once, in the first of them, for all ("For Anh and Bao: express your milk ..."); each baby keeps its
    own amount, method and re-weigh lines. Different expressing lines stay with their babies."""
    express = [next((line for line in p.lines if line.startswith(EXPRESS_OPENING)), "") for p in plans]
    sharing = [i for i, line in enumerate(express) if line]
    if len(sharing) < 2 or len({express[i] for i in sharing}) > 1:
        return tuple(plans)
    line = express[sharing[0]]
    names = join_and([plans[i].baby_name.strip() or "your baby" for i in sharing])
    shared = f"For {names}: {line[:1].lower()}{line[1:]}"
    out = list(plans)
    for i in sharing:
        lines = tuple(shared if x == line else x for x in out[i].lines) if i == sharing[0] else tuple(
            x for x in out[i].lines if x != line
        )
        out[i] = replace(out[i], lines=lines)
    return tuple(out)
