"""Infant growth arithmetic: age, birth weight regained, velocity and test weights (CLINICAL.md section 4)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from consultapp.domain.settings import DEFAULT_THRESHOLDS
from consultapp.domain.units import WeightUnit, format_fine_weight

_SECONDS_PER_DAY = 86_400

TEST_WEIGHT_SOURCE = (
    "Haase et al., Breastfeed Med 2009;4(3):151; Savenije & Brand 2006 (CLINICAL.md section 4)"
)


def _check_same_kind(a: dt.date, b: dt.date) -> None:
    # datetime is a subclass of date; mixing them would silently drop a time of day.
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
        raise ValueError("give both moments as dates, or both as date-times")


def _elapsed_days(start: dt.date, end: dt.date) -> float:
    """Days from ``start`` to ``end``: whole calendar days for dates, fractional for date-times."""
    _check_same_kind(start, end)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        return (end - start).total_seconds() / _SECONDS_PER_DAY
    return float((end - start).days)


def days_since_birth(birth: dt.date, at: dt.date) -> int:
    """Age in completed days: 0 on the day of birth (the first 24 hours), 14 when two weeks old.

    With two dates this counts calendar days. With two date-times it counts completed 24-hour periods
    (born 23:00, seen 01:00 the next morning: 0 days). A date and a date-time may not be mixed.
    This is the age the weight thresholds of CLINICAL.md section 4 ("not regained by day 10 / 14") read.

    Raises:
        ValueError: ``at`` is before ``birth``, or a date is mixed with a date-time.
    """
    elapsed = _elapsed_days(birth, at)
    if elapsed < 0:
        raise ValueError("the moment is before the birth")
    return math.floor(elapsed)


def day_of_life(birth: dt.date, at: dt.date) -> int:
    """Day of life counted from 1 (the first 24 hours are day 1), as the output chart of
    CLINICAL.md section 5 counts it: ``days_since_birth(birth, at) + 1``."""
    return days_since_birth(birth, at) + 1


def birth_weight_regained(
    birth_weight_g: float,
    weights: Iterable[tuple[dt.date, float]],
    *,
    born: dt.date | None = None,
) -> dt.date | None:
    """The first weighing at or above birth weight, in time order; None if none has reached it yet.

    Do not pass the birth weighing itself, or pass ``born`` so that weighings at or before the birth
    are ignored. Weighings may be given in any order, all as dates or all as date-times.

    Source: CLINICAL.md section 4 (median 8.3 days breastfed, Macdonald 2003, secondary).
    """
    if birth_weight_g <= 0:
        raise ValueError("birth weight must be positive")
    given = list(weights)
    for when, _ in given[1:]:
        _check_same_kind(given[0][0], when)
    ordered = sorted(given, key=lambda w: w[0])
    for when, grams in ordered:
        if born is not None:
            _check_same_kind(born, when)
            if when <= born:
                continue
        if grams >= birth_weight_g:
            return when
    return None


@dataclass(frozen=True)
class Weighing:
    """One weight of the baby: when (a date, or a date-time for same-day weighings) and grams."""

    at: dt.date
    grams: float

    def __post_init__(self) -> None:
        if not self.grams > 0:
            raise ValueError("a weight must be positive")


def velocity_g_per_day(w1: Weighing, w2: Weighing) -> float:
    """Weight change per day between two weighings, in either order: (later - earlier) / days between.

    Dates give whole days; date-times give fractional days. Negative means the baby lost weight.
    Source: CLINICAL.md section 4 ("Velocity = weight change / days between two weighings").

    Raises:
        ValueError: both weighings are at the same moment, or a date is mixed with a date-time.
    """
    _check_same_kind(w1.at, w2.at)
    earlier, later = (w1, w2) if w1.at <= w2.at else (w2, w1)
    days = _elapsed_days(earlier.at, later.at)
    if days == 0:
        raise ValueError("two weighings at the same moment give no velocity")
    return (later.grams - earlier.grams) / days


class CautionCode(StrEnum):
    """Why a weighed feed may not be trusted."""

    SCALE_TOO_COARSE = "scale_too_coarse"
    CLOTHING_CHANGED = "clothing_changed"
    POST_BELOW_PRE = "post_below_pre"
    WITHIN_RESOLUTION = "within_resolution"


@dataclass(frozen=True)
class TestWeightCaution:
    """Why a test-weight result may not be trusted, in words for the consultant, with its source."""

    __test__: ClassVar[bool] = False  # not a pytest test class

    code: CautionCode
    text: str
    source: str = TEST_WEIGHT_SOURCE


@dataclass(frozen=True)
class TestWeightResult:
    """A weighed feed: the raw difference, the intake it stands for, and cautions.

    ``intake_ml`` is the difference in grams read as millilitres (1 g of milk ~ 1 mL); it is None when
    the post-feed weight is below the pre-feed weight, because a negative intake means the weighing went
    wrong (clothing or diaper changed, baby moved, scale drift), not that the baby gave milk back.
    """

    __test__: ClassVar[bool] = False  # not a pytest test class

    difference_g: float
    intake_ml: float | None
    warnings: tuple[TestWeightCaution, ...]

    @property
    def reliable(self) -> bool:
        """True when no caution was raised."""
        return not self.warnings


def test_weight_intake(
    pre_g: float,
    post_g: float,
    scale_resolution_g: float,
    clothing_unchanged: bool,
    *,
    max_resolution_g: float = DEFAULT_THRESHOLDS.test_weight_max_resolution_g,
    unit: WeightUnit = WeightUnit.G,
) -> TestWeightResult:
    """Intake from a weighed feed: post-feed minus pre-feed weight, same clothing and diaper.

    Cautions raised: a scale coarser than ``max_resolution_g`` (2 g by default; Haase et al. 2009 used
    +-5 g as acceptable; ordinary infant scales showed limits of agreement -12 to +15 mL in Savenije &
    Brand 2006); a change of clothing or diaper between weighings; a difference no larger than the
    scale's resolution; a post-feed weight below the pre-feed weight. The cautions give weights in
    ``unit``, the practice's.

    Source: CLINICAL.md section 4.
    """
    if not (pre_g > 0 and post_g > 0):
        raise ValueError("both weights must be positive")
    if not scale_resolution_g > 0:
        raise ValueError("the scale resolution must be positive")
    difference = post_g - pre_g
    cautions: list[TestWeightCaution] = []
    if scale_resolution_g > max_resolution_g:
        cautions.append(
            TestWeightCaution(
                CautionCode.SCALE_TOO_COARSE,
                f"The scale reads to {format_fine_weight(scale_resolution_g, unit)}; test weights need "
                f"{format_fine_weight(max_resolution_g, unit)} or better. Ordinary infant scales are too "
                "imprecise (Savenije & Brand 2006: limits of "
                f"agreement -12 to +15 mL; Haase et al. 2009 accepted +-{format_fine_weight(5, unit)} at most).",
            )
        )
    if not clothing_unchanged:
        cautions.append(
            TestWeightCaution(
                CautionCode.CLOTHING_CHANGED,
                "Clothing or diaper changed between the weighings, so the difference is not the intake.",
            )
        )
    if difference < 0:
        cautions.append(
            TestWeightCaution(
                CautionCode.POST_BELOW_PRE,
                f"The weight after the feed is {format_fine_weight(-difference, unit)} less than before it; "
                "no intake can be read. Check clothing, diaper and the scale, and weigh again.",
            )
        )
    elif abs(difference) <= scale_resolution_g:
        cautions.append(
            TestWeightCaution(
                CautionCode.WITHIN_RESOLUTION,
                f"The difference ({format_fine_weight(difference, unit)}) is no larger than the scale's "
                f"resolution ({format_fine_weight(scale_resolution_g, unit)}).",
            )
        )
    intake = float(difference) if difference >= 0 else None
    return TestWeightResult(difference_g=float(difference), intake_ml=intake, warnings=tuple(cautions))


# A domain function whose name starts with "test_": keep pytest from collecting it when imported.
test_weight_intake.__test__ = False  # type: ignore[attr-defined]
