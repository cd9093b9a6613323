"""A feeding plan per baby (issue 18 point 1; CLINICAL.md sections 10, 16 and 18.10).

Every expected value is read by hand from CLINICAL.md section 10's table:

| Hours of life | >= 37 wk, or late-preterm >= 2.5 kg | Late-preterm 2.0-2.5 kg |
| 0-24 | 2-10 mL | 5-10 mL |   24-48 | 5-15 | 10-30 |   48-72 | 15-30 | 10-30 |   72-96 | 30-60 | 10-30 |
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from domain.test_plain_words import fk_grade
from factories import make_assessment, make_baby, make_client, make_feed, make_visit

from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.careplan.feeding import Indication, PlanPart
from consultapp.domain.changes import change_label
from consultapp.domain.feeding_plan import (
    VolumeColumn,
    age_words,
    band_index,
    history_words,
    parent_lines,
    volume_column,
    volume_per_feed,
)
from consultapp.domain.instruments import LatchScore
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import (
    BreastMapFinding,
    Client,
    ExpressMethod,
    FeedingPlan,
    ParentState,
    Practice,
    PracticeSettings,
    Supplement,
    SupplementMethod,
    TestWeight,
    Visit,
)
from consultapp.domain.units import WeightUnit
from consultapp.domain.vocabulary import DeliveryMode, FindingKind, PlanVariant, Side

BABY_ID = uuid.UUID(int=7)
CLIENT_ID = uuid.UUID(int=8)
BORN = dt.date(2026, 11, 20)
BIRTH_TIME = dt.time(8, 0)
PRACTICE = Practice(name="Riverside")
TERM, LATE_PRETERM = 39 * 7, 35 * 7


def _at(hours: float) -> tuple[dt.date, dt.time]:
    when = dt.datetime.combine(BORN, BIRTH_TIME) + dt.timedelta(hours=hours)
    return when.date(), when.time()


def _plan(
    hours: float, weight_g: int, *, birth_g: int = 3400, ga: int = TERM, **a_fields: object
) -> tuple[CarePlan, Client, Visit]:
    day, time = _at(hours)
    baby = make_baby(
        "Bao",
        id=BABY_ID,
        birth_weight_g=birth_g,
        gestational_age_days=ga,
        birth_time=BIRTH_TIME,
        delivery_mode=DeliveryMode.VAGINAL,
    )
    client = make_client("Anh", "Nguyen", babies=[baby], id=CLIENT_ID)
    visit = make_visit(CLIENT_ID, day, assessments=[make_assessment(BABY_ID, weight_g, **a_fields)], visit_time=time)
    return build_care_plan(PRACTICE, client, visit), client, visit


# --- the table, by hand --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hours", "term", "late_preterm_small"),
    [
        (0.0, (2, 10), (5, 10)),
        (23.9, (2, 10), (5, 10)),
        (24.0, (5, 15), (10, 30)),
        (47.9, (5, 15), (10, 30)),
        (48.0, (15, 30), (10, 30)),
        (71.9, (15, 30), (10, 30)),
        (72.0, (30, 60), (10, 30)),
        (95.9, (30, 60), (10, 30)),
        (96.0, (30, 60), (10, 30)),  # the table stops at 96 h: its last row is kept
        (400.0, (30, 60), (10, 30)),
    ],
)
def test_volume_per_feed_by_hours_of_life(
    hours: float, term: tuple[int, int], late_preterm_small: tuple[int, int]
) -> None:
    assert volume_per_feed(hours, VolumeColumn.TERM) == term
    assert volume_per_feed(hours, VolumeColumn.LATE_PRETERM_SMALL) == late_preterm_small


@pytest.mark.parametrize(
    ("ga", "birth_g", "column"),
    [
        (36 * 7 + 6, 2499, VolumeColumn.LATE_PRETERM_SMALL),
        (36 * 7 + 6, 2000, VolumeColumn.LATE_PRETERM_SMALL),
        (34 * 7, 1900, VolumeColumn.LATE_PRETERM_SMALL),  # below the table: its cautious column
        (36 * 7 + 6, 2500, VolumeColumn.TERM),  # late-preterm >= 2.5 kg reads the term column
        (37 * 7, 2300, VolumeColumn.TERM),  # term, small: term column
        (None, 2300, VolumeColumn.TERM),  # unknown GA is not late-preterm
        (35 * 7, None, VolumeColumn.TERM),
    ],
)
def test_the_late_preterm_column_is_for_babies_under_37_weeks_and_2_5_kg(
    ga: int | None, birth_g: int | None, column: VolumeColumn
) -> None:
    assert volume_column(ga, birth_g) is column


def test_band_edges() -> None:
    assert [band_index(h) for h in (23.9, 24, 47.99, 48, 72, 96)] == [0, 1, 1, 2, 3, 3]


# --- when the engine suggests a plan -------------------------------------------------------------------------
def test_a_normal_baby_gets_no_plan() -> None:
    plan, _, _ = _plan(50, 3250, wet_diapers=3, dirty_diapers=3)  # 4.4 % at 50 h, output at the norm
    (fp,) = plan.baby_feeding_plans
    assert fp.suggestion is None and fp.plan is None and fp.lines == ()


def test_9_percent_at_48_hours_with_normal_output_is_no_indication() -> None:
    """ABM #3's co-author: 9 % loss at 48 h with a normal exam and output is not a reason to supplement."""
    plan, _, _ = _plan(48, 3094, wet_diapers=3, dirty_diapers=3)  # 9.0 %
    assert plan.baby_feeding_plans[0].suggestion is None


@pytest.mark.parametrize(
    ("hours", "weight", "amount", "express", "minutes"),
    [
        (23.9, 3060, (2, 10), ExpressMethod.HAND_THEN_PUMP, 20),  # 10 % loss, first day
        (24.0, 3060, (5, 15), ExpressMethod.HAND_THEN_PUMP, 20),
        (48.0, 3060, (15, 30), ExpressMethod.HAND_THEN_PUMP, 20),
        (72.0, 3060, (30, 60), ExpressMethod.PUMP, 15),  # milk taken as in from 72 h: pump 15-20 min
        (96.0, 3060, (30, 60), ExpressMethod.PUMP, 15),
    ],
)
def test_a_10_percent_loss_suggests_own_milk_by_hours_of_life(
    hours: float, weight: int, amount: tuple[int, int], express: ExpressMethod, minutes: int
) -> None:
    plan, _, _ = _plan(hours, weight)
    (fp,) = plan.baby_feeding_plans
    assert fp.suggestion is not None
    suggested = fp.suggestion.plan
    assert suggested.supplement is Supplement.OWN_MILK
    assert (suggested.amount_min_ml, suggested.amount_max_ml) == amount
    assert suggested.feeds_per_24h == 8 and suggested.expressions_per_24h == 8
    assert suggested.expressing is express and suggested.express_minutes == minutes
    assert suggested.reweigh_within_hours == 24  # a red flag: within 24 h
    assert [f.indication for f in fp.suggestion.found] == [Indication.LOSS]
    assert fp.plan == suggested  # nothing recorded: the suggestion prints
    assert not suggested.problems()


def test_late_preterm_small_reads_its_column_and_every_part_has_reason_and_source() -> None:
    # 35+0 weeks, 2300 g, 60 h, weak suck: 10-30 mL (late-preterm 2.0-2.5 kg), not 15-30.
    plan, _, _ = _plan(60, 2250, birth_g=2300, ga=LATE_PRETERM, weak_suckle=True)
    suggestion = plan.baby_feeding_plans[0].suggestion
    assert suggestion is not None and suggestion.column is VolumeColumn.LATE_PRETERM_SMALL
    assert (suggestion.plan.amount_min_ml, suggestion.plan.amount_max_ml) == (10, 30)
    assert suggestion.plan.method is SupplementMethod.CUP  # weak suck: no at-breast supplementer; <= 30 mL
    assert {p.part for p in suggestion.parts} == set(PlanPart)
    assert all(p.reason and p.source for p in suggestion.parts)
    assert "CLINICAL.md" in next(p for p in suggestion.parts if p.part is PlanPart.AMOUNT).source
    assert suggestion.plan.reweigh_within_hours == 48  # no red flag


@pytest.mark.parametrize(
    ("fields", "indication"),
    [
        ({"wet_diapers": 1, "dirty_diapers": 3}, Indication.LOW_OUTPUT),  # 60 h = day 3: >= 3 wet expected
        ({"weak_suckle": True}, Indication.WEAK_SUCK),
        ({"feeds": [make_feed(latch=LatchScore(0, 1, 2, 2, 2))]}, Indication.NO_LATCH),
        # 60 h: at least 15 mL expected; 10 g taken on a 2 g scale is poor transfer.
        ({"test_weight": TestWeight(3200, 3210)}, Indication.POOR_TRANSFER),
    ],
)
def test_each_indication_alone_suggests_a_plan(fields: dict[str, object], indication: Indication) -> None:
    plan, _, _ = _plan(60, 3250, **fields)
    suggestion = plan.baby_feeding_plans[0].suggestion
    assert suggestion is not None and [f.indication for f in suggestion.found] == [indication]


def test_enough_at_the_weighed_feed_is_no_indication() -> None:
    plan, _, _ = _plan(60, 3250, test_weight=TestWeight(3200, 3216))  # 16 mL >= 15 mL
    assert plan.baby_feeding_plans[0].suggestion is None


def test_not_regained_by_day_10_and_slow_gain() -> None:
    baby = make_baby("Bao", id=BABY_ID, birth_weight_g=3400, date_of_birth=BORN)
    client = make_client("Anh", "Nguyen", babies=[baby], id=CLIENT_ID)
    day10 = make_visit(CLIENT_ID, BORN + dt.timedelta(days=10), assessments=[make_assessment(BABY_ID, 3300)])
    suggestion = build_care_plan(PRACTICE, client, day10).baby_feeding_plans[0].suggestion
    assert suggestion is not None and suggestion.found[0].indication is Indication.NOT_REGAINED
    # No time of birth: read at completed days x 24 = 240 h, past the table: its last row.
    assert (suggestion.plan.amount_min_ml, suggestion.plan.amount_max_ml) == (30, 60)
    slow = make_visit(CLIENT_ID, BORN + dt.timedelta(days=20), assessments=[make_assessment(BABY_ID, 3500)])
    earlier = {BABY_ID: [(BORN + dt.timedelta(days=15), 3450)]}  # 10 g a day after regaining
    suggestion = build_care_plan(PRACTICE, client, slow, earlier_weighings=earlier).baby_feeding_plans[0].suggestion
    assert suggestion is not None and suggestion.found[0].indication is Indication.SLOW_GAIN


def test_the_visit_time_makes_hours_exact() -> None:
    baby = make_baby("Bao", id=BABY_ID, birth_weight_g=3400, birth_time=dt.time(20, 0), date_of_birth=BORN)
    client = make_client("Anh", "Nguyen", babies=[baby], id=CLIENT_ID)
    day = BORN + dt.timedelta(days=2)  # born 20 Nov 20:00, seen 22 Nov: 28-52 h by the date alone
    without = make_visit(CLIENT_ID, day, assessments=[make_assessment(BABY_ID, 3060)])
    with_time = dataclasses.replace(without, visit_time=dt.time(21, 0))  # 49 h exactly
    loose = build_care_plan(PRACTICE, client, without).baby_feeding_plans[0]
    exact = build_care_plan(PRACTICE, client, with_time).baby_feeding_plans[0]
    assert loose.suggestion is not None and loose.suggestion.hours == 40  # the middle of 28-52 h
    assert (loose.suggestion.plan.amount_min_ml, loose.suggestion.plan.amount_max_ml) == (5, 15)
    assert exact.suggestion is not None and exact.suggestion.hours == 49
    assert (exact.suggestion.plan.amount_min_ml, exact.suggestion.plan.amount_max_ml) == (15, 30)
    assert any("49 hours old" in line for line in exact.lines)
    assert any("about 28 to 52 hours old" in line for line in loose.lines)


# --- what prints ---------------------------------------------------------------------------------------------
def test_the_parent_lines_carry_volume_age_and_expressing_and_no_references() -> None:
    plan, _, _ = _plan(50, 3060)
    fp = plan.baby_feeding_plans[0]
    text = " ".join(fp.lines)
    assert fp.title == "Feeding plan for Bao"
    assert "15 to 30 mL of your own expressed milk" in text
    assert "50 hours old" in text and "Express your milk" in text and "8 times in 24 hours" in text
    assert "Wake Bao to feed if 3 hours pass" in text and "Never give water or sugar water" in text
    assert fp.why.startswith("Bao has lost 10.0% of birth weight")
    for internal in ("CLINICAL", "ABM", "[", "section"):
        assert internal not in text + fp.why


def test_her_own_plan_overrides_the_suggestion_and_none_means_none() -> None:
    mine = FeedingPlan(
        Supplement.DONOR_MILK,
        10,
        20,
        6,
        SupplementMethod.SYRINGE,
        ExpressMethod.PUMP,
        9,
        15,
        reweigh_on=dt.date(2026, 11, 24),
        notes="Skin to skin & <b>compressions</b>",
    )
    plan, client, visit = _plan(50, 3060, feeding_plan=mine)
    fp = plan.baby_feeding_plans[0]
    assert fp.plan == mine and fp.suggestion is not None
    text = " ".join(fp.lines)
    assert "give 10 to 20 mL of pasteurised donor milk with a syringe" in text and "Do this 6 times in 24 hours" in text
    assert "9 times in 24 hours" in text and "Tuesday 24 November" in text and "<b>compressions</b>" in text
    declined, _, _ = _plan(50, 3060, feeding_plan=FeedingPlan(Supplement.NONE))
    assert declined.baby_feeding_plans[0].lines == ()
    letter = build_physician_letter(PRACTICE, client, visit, plan, recipient=None, date=visit.visit_date)
    line = next(p for p in letter.plan if p.startswith("Feeding plan, Bao"))
    assert "pasteurised donor milk 10-20 mL per feed x 6/24 h by syringe (age 50 h)" in line
    assert "expressing pump 9/24 h, 15 min" in line and "re-weigh on 2026-11-24" in line


def test_an_incomplete_supplement_is_never_printed() -> None:
    """CLINICAL.md 18.10: never a supplement without volume, age in hours and an expression step."""
    no_volume = FeedingPlan(Supplement.FORMULA, feeds_per_24h=8, expressing=ExpressMethod.PUMP, expressions_per_24h=8)
    no_express = FeedingPlan(Supplement.FORMULA, 10, 20, 8)
    assert [f for f, _ in no_volume.problems()] == ["amount"]
    assert [f for f, _ in no_express.problems()] == ["expressing"]
    for plan in (no_volume, no_express):
        assert not any("formula" in line for line in parent_lines(plan, "Bao", "50 hours old"))
    complete = FeedingPlan(Supplement.FORMULA, 10, 20, 8, None, ExpressMethod.PUMP, 8)
    assert any("formula" in line for line in parent_lines(complete, "Bao", "50 hours old"))
    assert not any("formula" in line for line in parent_lines(complete, "Bao", ""))  # age unknown


def test_ranges_and_words() -> None:
    with pytest.raises(ValueError, match="amount per feed"):
        FeedingPlan(Supplement.FORMULA, 20, 10)
    with pytest.raises(ValueError, match="expressions in 24 hours"):
        FeedingPlan(expressions_per_24h=30)
    plan = FeedingPlan(Supplement.OWN_MILK, 30, 60, 8, SupplementMethod.PACED_BOTTLE, ExpressMethod.PUMP, 8)
    assert "30 to 60 mL (about 1 to 2 fl oz)" in " ".join(parent_lines(plan, "Bao", "80 hours old", WeightUnit.LB_OZ))
    assert history_words(plan) == "own expressed milk 30-60 mL x 8"
    assert history_words(FeedingPlan()) == "none" and history_words(None) == ""


def test_twins_each_get_their_own_plan() -> None:
    a_id, b_id = uuid.UUID(int=11), uuid.UUID(int=12)
    babies = [make_baby("Anh", id=a_id, birth_weight_g=2600), make_baby("Bao", id=b_id, birth_weight_g=2600)]
    client = make_client("Linh", "Tran", babies=babies, id=CLIENT_ID)
    visit = Visit(
        CLIENT_ID, BORN + dt.timedelta(days=4), assessments=[make_assessment(a_id, 2500), make_assessment(b_id, 2330)]
    )  # Bao 10.4 %
    plans = build_care_plan(PRACTICE, client, visit).baby_feeding_plans
    assert [p.baby_name for p in plans] == ["Anh", "Bao"]
    assert plans[0].plan is None and plans[1].plan is not None


def test_the_loss_flag_reads_the_exact_hour_when_the_visit_time_is_known() -> None:
    plan, _, _ = _plan(49, 3060)
    [loss] = [f for f in plan.flags if f.code.value == "weight_loss_red"]
    assert "at 49 h of life" in loss.detail and "by the visit's date" not in loss.detail


def test_an_amended_plan_is_named_in_her_words() -> None:
    assert change_label("assessments.0.feeding_plan.amount_max_ml", ["Bao"]) == "Bao: feeding plan: amount to (mL)"
    assert change_label("visit_time") == "Time seen"


def test_with_abm36_mastitis_a_supplemented_baby_s_plan_says_expressing_is_not_extra_pumping() -> None:
    """CLINICAL.md 15 and 18.1: expressing for each missed feed is not over-pumping; the plan says why, once a baby
    is on a supplement (hers or the engine's), and not otherwise."""
    practice = dataclasses.replace(PRACTICE, settings=PracticeSettings(mastitis_variant=PlanVariant.ABM36))
    day, time = _at(60)
    baby = make_baby("Bao", id=BABY_ID, birth_weight_g=3400, birth_time=BIRTH_TIME)
    client = make_client("Anh", "Nguyen", babies=[baby], id=CLIENT_ID)
    sick = ParentState(temperature_c=38.9, chills=True)
    lump = [BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, 3.0, 2.0)]

    def steps(weight: int, plan: FeedingPlan | None = None) -> str:
        a = make_assessment(BABY_ID, weight, feeding_plan=plan)
        visit = make_visit(CLIENT_ID, day, assessments=[a], visit_time=time, parent=sick, map_findings=lump)
        return " ".join(s.text for s in build_care_plan(practice, client, visit).steps)

    note = "That is not extra pumping"
    assert note in steps(3060)  # 10 % loss: the engine's supplement prints
    assert note not in steps(3300)  # no supplement
    assert note not in steps(3060, FeedingPlan(Supplement.NONE))  # she declined it


@pytest.mark.parametrize("method", [*SupplementMethod, None])
@pytest.mark.parametrize("express", list(ExpressMethod))
def test_the_parent_lines_read_at_grade_8_or_below(method: SupplementMethod | None, express: ExpressMethod) -> None:
    plan = FeedingPlan(Supplement.OWN_MILK, 10, 30, 8, method, express, 8, 20, reweigh_within_hours=48)
    for line in parent_lines(plan, "Bao", age_words((50.0, 50.0), None)) + parent_lines(
        plan, "Bao", age_words(None, 2)
    ):
        assert fk_grade(line) <= 8, line
