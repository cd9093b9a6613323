"""What to expect by the baby's age and birth: feeds by age, late-preterm loss, NEWT medians (CLINICAL.md 11, 16).

Pure arithmetic and tables; the flags and the plan read them with the practice's thresholds (``settings``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds
from consultapp.domain.vocabulary import DeliveryMode

FEEDS_BY_AGE_SOURCE = (
    "Newborn: 8-12 feeds per 24 h on cue (late-preterm feeding table, Hospital Pediatrics); 1-6 months "
    "exclusively breastfed: 11 +- 3, range 6-18, count alone no flag (Kent et al., Pediatrics 2006;117(3):e387) "
    "(CLINICAL.md sections 11 and 18)"
)
LATE_PRETERM_SOURCE = (
    "ABM Clinical Protocol #10 (Boies & Vaucher, Breastfeed Med 2016): late-preterm 34 0/7-36 6/7 weeks; as "
    "tabulated in the Hospital Pediatrics feeding table, a loss over 3 %/day or over 7 % by day 3 needs "
    "evaluation (CLINICAL.md section 16)"
)
NEWT_SOURCE = (
    "NEWT: Flaherman et al., Pediatrics 2015;135(1):e16 (108,907 exclusively breastfed singletons, >= 36 wk, "
    "2,000-5,000 g); medians as reported by MDedge (CLINICAL.md section 16)"
)

NEWT_MEDIAN_LOSS_PCT: dict[bool, dict[int, float]] = {
    False: {24: 4.2, 48: 7.1, 72: 6.4},
    True: {24: 4.9, 48: 8.0, 72: 8.6, 96: 5.8},
}
"""Median loss (%) at hours of life, by caesarean birth (True) or vaginal (False) (CLINICAL.md section 16)."""

NEWT_WINDOW_HOURS = 6
"""A median is quoted only within this many hours of a tabulated hour: the curves are not ours to interpolate."""

NEWT_MIN_GA_DAYS = 36 * 7
NEWT_WEIGHT_RANGE_G = (2000, 5000)


def is_caesarean(mode: DeliveryMode | None) -> bool | None:
    """True for a caesarean birth, False for a vaginal one (assisted included), None when not recorded."""
    if mode is None:
        return None
    return mode in (DeliveryMode.CAESAREAN_PLANNED, DeliveryMode.CAESAREAN_UNPLANNED)


def is_late_preterm(gestational_age_days: int | None, t: ClinicalThresholds = DEFAULT_THRESHOLDS) -> bool:
    """Born before 37+0 weeks (259 days by default): 36+6 is late-preterm, 37+0 is not. Unknown is not."""
    return gestational_age_days is not None and gestational_age_days < t.late_preterm_below_days


def gestational_age_words(gestational_age_days: int) -> str:
    """36+2 weeks, as consultants write it."""
    weeks, days = divmod(gestational_age_days, 7)
    return f"{weeks}+{days} weeks"


def newborn_feed_norm_applies(days_since_birth: int | None, t: ClinicalThresholds = DEFAULT_THRESHOLDS) -> bool:
    """True while "fewer than 8 feeds in 24 hours" is a risk factor: the newborn period (days 0-27 by default).

    After it a count alone is no flag (Kent 2006: 6-18 feeds at 1-6 months; CLINICAL.md sections 11 and 18.3).
    An unknown age keeps the newborn rule: most babies a consultant sees are newborns.
    """
    return days_since_birth is None or days_since_birth < t.min_feeds_applies_until_day


HoursRange = tuple[float, float]
"""Hours of life at the visit, (earliest, latest): equal when the visit's time is known, else the visit's day."""


def hours_of_life(
    date_of_birth: dt.date, birth_time: dt.time | None, visit_date: dt.date, visit_time: dt.time | None = None
) -> HoursRange | None:
    """Hours from birth to the visit, when the time of birth is known; None otherwise (or before the birth).

    A visit is recorded by its date, so without ``visit_time`` this is the visit's day: born 20 Nov at 14:00,
    seen 22 Nov -> (34, 58). With the visit's time both ends are the same.
    """
    if birth_time is None:
        return None
    born = dt.datetime.combine(date_of_birth, birth_time)
    if visit_time is not None:
        exact = (dt.datetime.combine(visit_date, visit_time) - born).total_seconds() / 3600
        return (exact, exact) if exact >= 0 else None
    start = (dt.datetime.combine(visit_date, dt.time()) - born).total_seconds() / 3600
    end = start + 24
    if end <= 0:
        return None
    return (max(start, 0.0), end)


def hours_words(hours: HoursRange) -> str:
    """For the clinician: "50 h" or "34-58 h, by the visit's date" (a visit's time is not recorded)."""
    low, high = hours
    if low == high:
        return f"{low:.0f} h"
    return f"{low:.0f}-{high:.0f} h, by the visit's date"


@dataclass(frozen=True)
class NewtMedian:
    """The NEWT median loss at a tabulated hour of life for one delivery mode."""

    hours: int
    caesarean: bool
    median_pct: float

    @property
    def clinical(self) -> str:
        mode = "caesarean" if self.caesarean else "vaginal"
        return f"NEWT median at {self.hours} h after {mode} birth {self.median_pct:g}%"


def newt_median(
    hours: HoursRange | None,
    mode: DeliveryMode | None,
    *,
    gestational_age_days: int | None = None,
    birth_weight_g: int | None = None,
    singleton: bool = True,
) -> NewtMedian | None:
    """The NEWT median for this baby's hour of life and delivery mode, or None when NEWT does not speak to it.

    None when the hours or the mode are unknown, no tabulated hour lies within ``NEWT_WINDOW_HOURS`` of the
    hours of life, or the baby is outside the cohort (a twin, under 36 weeks, under 2,000 g or over 5,000 g).
    """
    caesarean = is_caesarean(mode)
    if hours is None or caesarean is None or not singleton:
        return None
    if gestational_age_days is not None and gestational_age_days < NEWT_MIN_GA_DAYS:
        return None
    lightest, heaviest = NEWT_WEIGHT_RANGE_G
    if birth_weight_g is not None and not lightest <= birth_weight_g <= heaviest:
        return None
    table = NEWT_MEDIAN_LOSS_PCT[caesarean]
    low, high = hours
    middle = (low + high) / 2
    near = [h for h in table if low - NEWT_WINDOW_HOURS <= h <= high + NEWT_WINDOW_HOURS]
    if not near:
        return None
    nearest = min(near, key=lambda h: abs(h - middle))
    return NewtMedian(nearest, caesarean, table[nearest])


def late_preterm_loss_needs_evaluation(
    loss_pct: float,
    hours: HoursRange | None,
    days_since_birth: int | None,
    t: ClinicalThresholds = DEFAULT_THRESHOLDS,
) -> str | None:
    """Why a late-preterm baby's loss needs evaluation (in a parent's words), or None.

    More than 7 % by day 3 (the visit may fall within 72 hours of birth; or 3 completed days or fewer), or
    more than 3 % a day (over the hours of life, the middle of the visit's day when its time is not recorded;
    else over completed days, from day 1). Hand-computed: 6.5 % at 48 h is 3.25 %/day -> evaluate.
    """
    if loss_pct <= 0:
        return None
    if hours is not None:
        by_day_3 = hours[0] <= 72
        middle = (hours[0] + hours[1]) / 2
        age_days: float | None = middle / 24 if middle > 0 else None
    else:
        by_day_3 = days_since_birth is not None and days_since_birth <= 3
        age_days = float(days_since_birth) if days_since_birth else None
    if by_day_3 and loss_pct > t.late_preterm_loss_pct_by_day_3:
        return f"more than {t.late_preterm_loss_pct_by_day_3:g}% by day 3"
    if age_days is not None and loss_pct / age_days > t.late_preterm_loss_pct_per_day:
        return f"about {loss_pct / age_days:.1f}% a day (more than {t.late_preterm_loss_pct_per_day:g}% a day)"
    return None
