"""The demo's feeding plans: a baby on a supplement gets a plan filled as a consultant would from its findings
(CLINICAL.md section 10): own milk, the table's amount for its hours of life and column, at least 8 feeds and
8 expressions in 24 hours, a method that fits the amount and the suck, a re-weigh within 48 hours."""

from __future__ import annotations

from consultapp.domain.feeding_plan import table_hours, volume_column, volume_per_feed
from consultapp.domain.records import Baby, ExpressMethod, FeedingPlan, Supplement, SupplementMethod

MILK_IN_HOURS = 72


def hours_at_visit(baby: Baby, days: int) -> float:
    """The hour of life a visit on day ``days`` is read at: the middle of the visit's day (its time not kept)."""
    born = baby.birth_time
    if born is None:
        return float(days * 24)
    start = days * 24 - (born.hour + born.minute / 60)
    hours = table_hours((max(start, 0.0), start + 24), days)
    assert hours is not None
    return hours


def supplement_plan(baby: Baby, days: int, *, weak_suck: bool = False) -> FeedingPlan:
    """The plan for a baby ``days`` old who needs a supplement."""
    hours = hours_at_visit(baby, days)
    low, high = volume_per_feed(hours, volume_column(baby.gestational_age_days, baby.birth_weight_g))
    if high <= 15:
        method = SupplementMethod.SPOON
    elif weak_suck:
        method = SupplementMethod.CUP if high <= 30 else SupplementMethod.PACED_BOTTLE
    else:
        method = SupplementMethod.AT_BREAST_SUPPLEMENTER
    early = hours < MILK_IN_HOURS
    return FeedingPlan(
        supplement=Supplement.OWN_MILK,
        amount_min_ml=low,
        amount_max_ml=high,
        feeds_per_24h=8,
        method=method,
        expressing=ExpressMethod.HAND_THEN_PUMP if early else ExpressMethod.PUMP,
        expressions_per_24h=8,
        express_minutes=20 if early else 15,
        reweigh_within_hours=48,
    )
