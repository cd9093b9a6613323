"""The numbers and words of a baby's feeding plan (CLINICAL.md section 10): volume per feed by hours of life,
the column for a small late-preterm baby, and the plan in a parent's and a clinician's words.

Pure tables and text; ``careplan.feeding`` decides when a plan is suggested.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from consultapp.domain.birth_norms import HoursRange, is_late_preterm
from consultapp.domain.records.feeding_plan import ExpressMethod, FeedingPlan, Supplement, SupplementMethod
from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds
from consultapp.domain.text import MONTHS, WEEKDAYS
from consultapp.domain.units import WeightUnit

VOLUME_SOURCE = (
    "Volume per feed: ABM Clinical Protocol #10 as tabulated in the late-preterm feeding guideline table, "
    "Hospital Pediatrics (the term column matches figures credited to ABM #3, Kellams et al., Breastfeed Med "
    "2017, whose own table was not seen) (CLINICAL.md section 10)"
)
BAND_EDGES_H = (24, 48, 72, 96)
"""The table's rows: 0-24, 24-48, 48-72, 72-96 hours of life; an hour on an edge belongs to the later row."""

TERM_ML: tuple[tuple[int, int], ...] = ((2, 10), (5, 15), (15, 30), (30, 60))
"""mL per feed for a baby born at 37 weeks or later, or late-preterm and 2.5 kg or more (CLINICAL.md 10)."""

LATE_PRETERM_SMALL_ML: tuple[tuple[int, int], ...] = ((5, 10), (10, 30), (10, 30), (10, 30))
"""mL per feed for a late-preterm baby of 2.0-2.5 kg at birth (CLINICAL.md 10)."""

LATE_PRETERM_SMALL_BELOW_G = 2500
TABLE_LIGHTEST_G = 2000
ML_PER_FL_OZ = 29.5735


class VolumeColumn(StrEnum):
    """Which column of the volume table a baby is read in."""

    TERM = "term"
    LATE_PRETERM_SMALL = "late_preterm_small"

    @property
    def clinical(self) -> str:
        return {
            "term": ">= 37 weeks, or late-preterm >= 2.5 kg",
            "late_preterm_small": "late-preterm 2.0-2.5 kg",
        }[self.value]


def volume_column(
    gestational_age_days: int | None, birth_weight_g: int | None, t: ClinicalThresholds = DEFAULT_THRESHOLDS
) -> VolumeColumn:
    """The late-preterm column for a baby born before 37+0 weeks under 2.5 kg (below 2.0 kg too: the table
    stops there, and its smaller column is the cautious one); otherwise, unknowns included, the term column."""
    small = birth_weight_g is not None and birth_weight_g < LATE_PRETERM_SMALL_BELOW_G
    if is_late_preterm(gestational_age_days, t) and small:
        return VolumeColumn.LATE_PRETERM_SMALL
    return VolumeColumn.TERM


def band_index(hours: float) -> int:
    """The table row for ``hours`` of life: 23.9 -> 0, 24 -> 1, 48 -> 2, 72 -> 3; 96 and later keep row 3."""
    for index, edge in enumerate(BAND_EDGES_H):
        if hours < edge:
            return index
    return len(BAND_EDGES_H) - 1


def band_words(hours: float) -> str:
    """The row's hours, as the consultant reads the table: "24-48 h" (or "72-96 h, the table's last row")."""
    index = band_index(hours)
    low = 0 if index == 0 else BAND_EDGES_H[index - 1]
    words = f"{low}-{BAND_EDGES_H[index]} h"
    return words if hours < BAND_EDGES_H[-1] else f"{words}, the table's last row (it stops at 96 h)"


def volume_per_feed(hours: float, column: VolumeColumn = VolumeColumn.TERM) -> tuple[int, int]:
    """mL per feed (from, to) at ``hours`` of life in ``column`` (CLINICAL.md section 10's table)."""
    table = LATE_PRETERM_SMALL_ML if column is VolumeColumn.LATE_PRETERM_SMALL else TERM_ML
    return table[band_index(hours)]


def table_hours(hours: HoursRange | None, days_since_birth: int | None) -> float | None:
    """The hour of life the table is read at: the visit's exact hour, else the middle of the visit's day, else
    (time of birth not recorded) the completed days x 24, the middle of what the two dates allow."""
    if hours is not None:
        return (hours[0] + hours[1]) / 2
    if days_since_birth is not None:
        return float(days_since_birth * 24)
    return None


def age_words(hours: HoursRange | None, days_since_birth: int | None) -> str:
    """The baby's age in hours for a parent: "50 hours old", "about 34 to 58 hours old", "about 48 hours old"."""
    if hours is not None:
        low, high = hours
        if low == high:
            return f"{low:.0f} hours old"
        return f"about {low:.0f} to {high:.0f} hours old"
    if days_since_birth is not None:
        return f"about {days_since_birth * 24} hours old, on day {days_since_birth + 1} of life"
    return ""


def _ml(plan: FeedingPlan, unit: WeightUnit) -> str:
    amount = plan.amount_range
    assert amount is not None
    low, high = amount
    text = f"{low} mL" if low == high else f"{low} to {high} mL"
    if unit is WeightUnit.LB_OZ:
        oz = [f"{v / ML_PER_FL_OZ:.1f}".rstrip("0").rstrip(".") for v in (low, high)]
        text += f" (about {oz[0]} fl oz)" if low == high else f" (about {oz[0]} to {oz[1]} fl oz)"
    return text


METHOD_PLAIN: dict[SupplementMethod, str] = {
    SupplementMethod.SPOON: "with a small spoon, {name} sitting up",
    SupplementMethod.CUP: "from a small cup ({name} upright, sipping; do not pour)",
    SupplementMethod.SYRINGE: "with a syringe, a little at a time, into the side of the mouth",
    SupplementMethod.AT_BREAST_SUPPLEMENTER: "through a thin tube at your breast while {name} feeds",
    SupplementMethod.PACED_BOTTLE: "by paced bottle ({name} upright, bottle flat, slow teat, pause often)",
    SupplementMethod.FINGER_FEEDING: "by finger feeding (a thin tube along your finger)",
}
"""How to give it, in a parent's words ({name} is the baby's name as entered)."""

EXPRESS_PLAIN: dict[ExpressMethod, str] = {
    ExpressMethod.HAND: "by hand",
    ExpressMethod.PUMP: "with a pump",
    ExpressMethod.HAND_THEN_PUMP: "first by hand, then with a pump",
}



def _day(date: dt.date) -> str:
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]}"


def _reweigh_plain(plan: FeedingPlan, name: str) -> str:
    if plan.reweigh_on is not None:
        return f"We weigh {name} again on {_day(plan.reweigh_on)}."
    if plan.reweigh_within_hours is not None:
        hours = plan.reweigh_within_hours
        when = f"{hours // 24} days" if hours % 24 == 0 and hours > 24 else f"{hours} hours"
        return f"We weigh {name} again within {when}."
    return ""


EXPRESS_OPENING = "Express your milk"
"""How the expressing line of a feeding plan starts (``parent_lines``): a family's plan says it once."""


def _express_plain(plan: FeedingPlan) -> str:
    if plan.expressing is None:
        return ""
    how = EXPRESS_PLAIN[plan.expressing]
    times = f", {plan.expressions_per_24h} times in 24 hours" if plan.expressions_per_24h else ""
    text = f"{EXPRESS_OPENING} {how}{times}."
    if plan.express_minutes:
        if plan.expressing is ExpressMethod.HAND_THEN_PUMP:
            half = max(1, plan.express_minutes // 2)
            text += (
                f" Each time, use your hand for about {half} minutes, then the pump for {plan.express_minutes - half}."
            )
        else:
            text += f" Each time takes about {plan.express_minutes} minutes."
    return text + " This keeps up your supply."


def parent_lines(plan: FeedingPlan, name: str, age: str, unit: WeightUnit = WeightUnit.G) -> list[str]:
    """The plan in a parent's words, short sentences, no references. A supplement prints only with its amount,
    feeds and expression step and the baby's age in hours (CLINICAL.md 18.10); otherwise its other parts do."""
    lines: list[str] = []
    complete = plan.supplementing and not plan.problems() and bool(age)
    express = _express_plain(plan)
    if complete:
        method = " " + METHOD_PLAIN[plan.method].format(name=name) if plan.method is not None else ""
        lines.append(
            f"After each breastfeed, give {_ml(plan, unit)} of {plan.supplement.plain}{method}. Do this "
            f"{plan.feeds_per_24h} times in 24 hours. Wake {name} to feed if 3 hours pass. This is the amount for "
            f"{name}'s age today: {age}. Never give water or sugar water."
        )
        if plan.supplement is Supplement.OWN_MILK:
            express += " If you cannot express enough, ask us about donor milk or formula."
    if express:
        lines.append(express)
    reweigh = _reweigh_plain(plan, name)
    if reweigh:
        lines.append(reweigh)
    if plan.notes.strip():
        lines += [line.strip() for line in plan.notes.splitlines() if line.strip()]
    return lines


def clinical_summary(plan: FeedingPlan, hours_text: str) -> str:
    """The plan for a clinician, on one line: "own expressed milk 10-30 mL per feed x 8/24 h by cup (50 h);
    expressing by hand, then pump 8/24 h, 20 min; re-weigh within 48 h"."""
    parts: list[str] = []
    if plan.supplementing:
        amount = plan.amount_range
        what = plan.supplement.label.lower()
        if amount is not None:
            low, high = amount
            what += f" {low} mL" if low == high else f" {low}-{high} mL"
            what += " per feed"
        if plan.feeds_per_24h:
            what += f" x {plan.feeds_per_24h}/24 h"
        if plan.method is not None:
            what += f" by {plan.method.label.lower()}"
        if hours_text:
            what += f" (age {hours_text})"
        parts.append(what)
    else:
        parts.append("no supplement")
    if plan.expressing is not None:
        express = f"expressing {plan.expressing.label.lower()}"
        if plan.expressions_per_24h:
            express += f" {plan.expressions_per_24h}/24 h"
        if plan.express_minutes:
            express += f", {plan.express_minutes} min"
        parts.append(express)
    if plan.reweigh_on is not None:
        parts.append(f"re-weigh on {plan.reweigh_on.isoformat()}")
    elif plan.reweigh_within_hours is not None:
        parts.append(f"re-weigh within {plan.reweigh_within_hours} h")
    if plan.notes.strip():
        parts.append("notes: " + " ".join(plan.notes.split()))
    return "; ".join(parts)


def history_words(plan: FeedingPlan | None) -> str:
    """The supplement on one visit's history row: "own expressed milk 10-30 mL x 8", "none", or ""."""
    if plan is None:
        return ""
    if not plan.supplementing:
        return "none"
    words = plan.supplement.label.lower()
    amount = plan.amount_range
    if amount is not None:
        low, high = amount
        words += f" {low} mL" if low == high else f" {low}-{high} mL"
    if plan.feeds_per_24h:
        words += f" x {plan.feeds_per_24h}"
    return words
