"""Rules that know the baby's age and birth (issue 18 point 2; CLINICAL.md sections 11, 16 and 18).

Every expected value below is computed by hand from CLINICAL.md, edges included.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from factories import make_assessment, make_baby, make_client, make_visit

from consultapp.domain.birth_norms import (
    hours_of_life,
    is_late_preterm,
    late_preterm_loss_needs_evaluation,
    newborn_feed_norm_applies,
    newt_median,
)
from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.flags import FlagCode, FlagInputs, Severity, red_flags
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import Practice
from consultapp.domain.risk import RiskFactor, RiskInputs, risk_factors
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.vocabulary import DeliveryMode

WEEKS_36_6 = 36 * 7 + 6  # 258 days: late-preterm
WEEKS_37_0 = 37 * 7  # 259 days: term rules
BABY_ID = uuid.UUID(int=2)
CLIENT_ID = uuid.UUID(int=1)
PRACTICE = Practice(name="Riverside")

# --- feeding frequency by age (section 11) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "feeds", "flagged"),
    [
        (0, 7, True),
        (10, 7, True),
        (27, 7, True),  # the last day of the newborn period (day 28 of life)
        (28, 7, False),  # 4 weeks old: a count alone is no flag
        (104, 5, False),  # issue 18: the 104-day-old
        (104, 7, False),
        (10, 8, False),  # 8 is enough
        (27, 8, False),
        (None, 7, True),  # age unknown: the newborn rule stays
    ],
)
def test_fewer_than_8_feeds_is_a_risk_only_in_the_newborn_period(days: int | None, feeds: int, flagged: bool) -> None:
    found = risk_factors(RiskInputs(feeds_per_24h=feeds, days_since_birth=days))
    assert (RiskFactor.INFREQUENT_FEEDING in {r.factor for r in found}) is flagged
    assert newborn_feed_norm_applies(days) is (days is None or days < 28)


def test_the_newborn_period_is_a_setting() -> None:
    t = ClinicalThresholds(min_feeds_applies_until_day=42)
    assert risk_factors(RiskInputs(feeds_per_24h=6, days_since_birth=35), t)
    with pytest.raises(ValueError):
        ClinicalThresholds(min_feeds_applies_until_day=-1)


def plan_for(baby_fields: dict[str, object], visit_date: dt.date, weight_g: int = 3300, **a_fields: object
             ) -> tuple[CarePlan, list[str]]:
    client = make_client("Amara", "Okafor", babies=[make_baby("Noah", id=BABY_ID, **baby_fields)], id=CLIENT_ID)
    visit = make_visit(CLIENT_ID, visit_date, assessments=[make_assessment(BABY_ID, weight_g, **a_fields)])
    plan = build_care_plan(PRACTICE, client, visit)
    letter = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=visit_date)
    return plan, [*letter.flags, *letter.weights]


def test_a_104_day_old_with_6_feeds_gets_no_feed_count_flag_and_no_newborn_minimum() -> None:
    born = dt.date(2026, 8, 14)
    plan, _ = plan_for({"date_of_birth": born, "birth_weight_g": 3400}, born + dt.timedelta(days=104), 6200,
                       feeds_per_24h=6)
    assert RiskFactor.INFREQUENT_FEEDING not in {r.factor for r in plan.risk_factors}
    feed_often = next(s for s in plan.steps if s.key == "feed_often")
    assert feed_often.text == "Feed your baby whenever your baby shows hunger signs."
    lines = plan.babies[0].lines
    assert ("Feeds in the last 24 hours: 6. After the first weeks, babies feed 6 to 18 times a day. "
            "Weight gain and diapers tell us more.") in lines
    assert not any("at least 8" in line for line in lines)


def test_a_10_day_old_with_7_feeds_is_flagged_and_told_the_minimum_on_cue() -> None:
    born = dt.date(2026, 11, 16)
    plan, _ = plan_for({"date_of_birth": born}, born + dt.timedelta(days=10), feeds_per_24h=7)
    assert RiskFactor.INFREQUENT_FEEDING in {r.factor for r in plan.risk_factors}
    feed_often = next(s for s in plan.steps if s.key == "feed_often")
    assert feed_often.text == (
        "Feed your baby often, whenever your baby shows hunger signs: at least 8 times in 24 hours."
    )
    assert "schedule" not in feed_often.text and "schedule" not in feed_often.reason
    assert feed_often.reason == "7 feeds in 24 hours (fewer than 8)"


# --- late-preterm (section 16) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("ga", "late"), [(WEEKS_36_6, True), (WEEKS_37_0, False), (34 * 7, True), (None, False)])
def test_late_preterm_is_before_37_0_weeks(ga: int | None, late: bool) -> None:
    assert is_late_preterm(ga) is late


def _loss_flag(ga: int | None, birth_g: int, now_g: int, hours: float | None = None, days: int | None = None,
               mode: DeliveryMode | None = None) -> tuple[FlagCode, Severity, str, str] | None:
    inputs = FlagInputs(birth_weight_g=birth_g, current_weight_g=now_g, gestational_age_days=ga,
                        hours_of_life=(hours, hours) if hours is not None else None, days_since_birth=days,
                        delivery_mode=mode)
    found = [f for f in red_flags(inputs) if f.code in (FlagCode.WEIGHT_LOSS_AMBER, FlagCode.WEIGHT_LOSS_RED)]
    return (found[0].code, found[0].severity, found[0].reason, found[0].detail) if found else None


@pytest.mark.parametrize(
    ("ga", "now_g", "hours", "days", "expected", "why"),
    [
        # birth weight 3000 g: 6.5 % = 2805 g; at 48 h that is 3.25 %/day
        (WEEKS_36_6, 2805, 48, None, FlagCode.WEIGHT_LOSS_AMBER, "about 3.2% a day"),
        (WEEKS_37_0, 2805, 48, None, None, ""),  # the same loss at term: no flag
        # 4 % at 24 h = 4 %/day
        (WEEKS_36_6, 2880, 24, None, FlagCode.WEIGHT_LOSS_AMBER, "about 4.0% a day"),
        (WEEKS_37_0, 2880, 24, None, None, ""),
        # 5 % at 48 h = 2.5 %/day: within both late-preterm limits
        (WEEKS_36_6, 2850, 48, None, None, ""),
        # 7.5 % at 70 h: over 7 % by day 3
        (WEEKS_36_6, 2775, 70, None, FlagCode.WEIGHT_LOSS_AMBER, "more than 7% by day 3"),
        # 7.0 % exactly at 96 h: 1.75 %/day, not over 7 % by day 3; the term amber (>= 7 %) still holds
        (WEEKS_36_6, 2790, 96, None, FlagCode.WEIGHT_LOSS_AMBER, "A loss of 7% or more"),
        # 10 % is red whatever the gestation
        (WEEKS_36_6, 2700, 48, None, FlagCode.WEIGHT_LOSS_RED, "A loss of 10% or more"),
        # no time of birth: completed days; 6.5 % over 2 days = 3.25 %/day
        (WEEKS_36_6, 2805, None, 2, FlagCode.WEIGHT_LOSS_AMBER, "about 3.2% a day"),
        (WEEKS_36_6, 2805, None, 3, None, ""),  # 2.17 %/day, and 6.5 % is not over 7 %
        (WEEKS_36_6, 2910, None, 0, None, ""),  # 3 % on the first day: no rate from 0 completed days
    ],
)
def test_late_preterm_loss_table(ga: int, now_g: int, hours: float | None, days: int | None,
                                 expected: FlagCode | None, why: str) -> None:
    flag = _loss_flag(ga, 3000, now_g, hours, days)
    assert (flag[0] if flag else None) is expected
    if flag is not None:
        assert why in flag[2]
        if "a day" in why or "by day 3" in why:
            assert "born early, at 36+6 weeks" in flag[2]


def test_late_preterm_limits_are_settings() -> None:
    t = ClinicalThresholds(late_preterm_loss_pct_per_day=4.0)
    assert late_preterm_loss_needs_evaluation(6.5, (48, 48), None, t) is None
    assert late_preterm_loss_needs_evaluation(6.5, (48, 48), None) is not None
    assert ClinicalThresholds(late_preterm_below_days=36 * 7).late_preterm_below_days == 252


# --- hours of life and NEWT (section 16) -----------------------------------------------------------------------


def test_hours_of_life_from_the_time_of_birth() -> None:
    born = dt.date(2026, 11, 20)
    assert hours_of_life(born, dt.time(14, 0), dt.date(2026, 11, 22)) == (34.0, 58.0)
    assert hours_of_life(born, dt.time(14, 0), dt.date(2026, 11, 22), dt.time(16, 0)) == (50.0, 50.0)
    assert hours_of_life(born, dt.time(23, 0), born) == (0.0, 1.0)
    assert hours_of_life(born, None, dt.date(2026, 11, 22)) is None
    assert hours_of_life(born, dt.time(14, 0), dt.date(2026, 11, 19)) is None


@pytest.mark.parametrize(
    ("hours", "mode", "kwargs", "median"),
    [
        ((48, 48), DeliveryMode.CAESAREAN_UNPLANNED, {}, (48, 8.0)),
        ((48, 48), DeliveryMode.VAGINAL, {}, (48, 7.1)),
        ((24, 24), DeliveryMode.ASSISTED_VAGINAL, {}, (24, 4.2)),
        ((72, 72), DeliveryMode.CAESAREAN_PLANNED, {}, (72, 8.6)),
        ((96, 96), DeliveryMode.CAESAREAN_PLANNED, {}, (96, 5.8)),
        ((96, 96), DeliveryMode.VAGINAL, {}, None),  # no vaginal figure at 96 h
        ((60, 60), DeliveryMode.VAGINAL, {}, None),  # 12 h from the nearest tabulated hour
        ((54, 54), DeliveryMode.VAGINAL, {}, (48, 7.1)),  # 6 h: still quoted
        ((34, 58), DeliveryMode.CAESAREAN_PLANNED, {}, (48, 8.0)),  # the visit's day
        ((48, 48), None, {}, None),  # delivery mode not recorded
        ((48, 48), DeliveryMode.VAGINAL, {"gestational_age_days": 35 * 7 + 6}, None),  # under 36 weeks
        ((48, 48), DeliveryMode.VAGINAL, {"gestational_age_days": 36 * 7}, (48, 7.1)),
        ((48, 48), DeliveryMode.VAGINAL, {"birth_weight_g": 1990}, None),
        ((48, 48), DeliveryMode.VAGINAL, {"singleton": False}, None),  # twins are not NEWT's cohort
    ],
)
def test_newt_median_table(hours: tuple[float, float], mode: DeliveryMode | None, kwargs: dict[str, object],
                           median: tuple[int, float] | None) -> None:
    found = newt_median(hours, mode, **kwargs)  # type: ignore[arg-type]
    assert ((found.hours, found.median_pct) if found else None) == median


def test_a_loss_is_read_with_hours_of_life_and_delivery_mode() -> None:
    flag = _loss_flag(None, 3400, 3046, hours=48, mode=DeliveryMode.CAESAREAN_UNPLANNED)  # 10.4 %
    assert flag is not None
    code, severity, reason, detail = flag
    assert (code, severity) == (FlagCode.WEIGHT_LOSS_RED, Severity.RED)  # the AAP threshold stays
    assert "lost 10.4% of birth weight at 48 hours old" in reason
    assert detail == "10.4%; at 48 h of life; caesarean birth; NEWT median at 48 h after caesarean birth 8%"


def test_the_plan_and_letter_carry_birth_and_age() -> None:
    born = dt.date(2026, 11, 20)
    baby = {"date_of_birth": born, "birth_time": dt.time(14, 0), "birth_weight_g": 3000,
            "gestational_age_days": 36 * 7 + 2, "delivery_mode": DeliveryMode.CAESAREAN_PLANNED}
    plan, letter = plan_for(baby, dt.date(2026, 11, 22), 2805)  # 6.5 % at 34-58 h (middle 46 h): 3.39 %/day
    lines = plan.babies[0].lines
    assert ("Your baby was born early, at 36+2 weeks. Babies born early tire sooner at the breast, so we check "
            "weight and feeding more closely.") in lines
    assert "After a caesarean birth, many babies lose a little more weight in the first days." in lines
    [flag] = plan.flags
    assert flag.code is FlagCode.WEIGHT_LOSS_AMBER
    assert "For a baby born early, a loss of about 3.4% a day (more than 3% a day)" in flag.reason
    assert ("AMBER: weight loss from birth weight at the amber threshold (6.5%; at 34-58 h of life, by the visit's "
            "date; caesarean birth; late-preterm 36+2 weeks; NEWT median at 48 h after caesarean birth 8%)") in letter
    assert any("born 36+2 weeks, caesarean, planned" in line for line in letter)


@pytest.mark.parametrize(("ga", "early"), [(WEEKS_36_6, True), (WEEKS_37_0, False), (None, False)])
def test_the_plan_names_a_late_preterm_birth_only_before_37_0_weeks(ga: int | None, early: bool) -> None:
    born = dt.date(2026, 11, 20)
    plan, _ = plan_for({"date_of_birth": born, "gestational_age_days": ga}, dt.date(2026, 11, 23))
    assert any(line.startswith("Your baby was born early, at 36+6 weeks.") for line in plan.babies[0].lines) is early


@pytest.mark.parametrize(
    ("mode", "days", "said"),
    [
        (DeliveryMode.CAESAREAN_UNPLANNED, 2, True),
        (DeliveryMode.CAESAREAN_PLANNED, 4, True),
        (DeliveryMode.CAESAREAN_PLANNED, 5, False),  # past the first days
        (DeliveryMode.VAGINAL, 2, False),
        (None, 2, False),
    ],
)
def test_the_caesarean_expectation_is_said_in_the_first_days_only(
    mode: DeliveryMode | None, days: int, said: bool
) -> None:
    born = dt.date(2026, 11, 20)
    plan, _ = plan_for({"date_of_birth": born, "delivery_mode": mode}, born + dt.timedelta(days=days), 3250)
    assert ("After a caesarean birth, many babies lose a little more weight in the first days."
            in plan.babies[0].lines) is said
