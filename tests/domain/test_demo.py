"""The demo practice: every family a coherent clinical story, dated around today, the same for a seed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Iterator

import pytest

from consultapp.domain.birth_norms import hours_of_life
from consultapp.domain.careplan import SECTION_CLOGGED, SECTION_MASTITIS, CarePlan, StepKey, build_care_plan
from consultapp.domain.demo import DEMO_PRACTICE, STORIES, DemoFamily, demo_families
from consultapp.domain.feeding_plan import volume_column, volume_per_feed
from consultapp.domain.flags import FlagCode, Severity
from consultapp.domain.growth import days_since_birth
from consultapp.domain.output import output_norm
from consultapp.domain.records import Baby, BabyAssessment, ClientStatus, ContactRole, Visit
from consultapp.domain.vocabulary import FindingKind, Position, Side, SpectrumCondition

TODAY = dt.date(2026, 11, 26)
SEEDS = range(30)
COUNT = len(STORIES) + 2  # every story once, and two more
TERM_DAYS = 37 * 7
WEIGHT_FLAGS = {FlagCode.WEIGHT_LOSS_AMBER, FlagCode.WEIGHT_LOSS_RED, FlagCode.NOT_REGAINED_AMBER}


def practice(seed: int, count: int = COUNT, today: dt.date = TODAY) -> list[DemoFamily]:
    return list(demo_families(count, seed=seed, today=today))


def every_visit() -> Iterator[tuple[DemoFamily, Visit]]:
    for seed in SEEDS:
        for family in practice(seed):
            for visit in family.visits:
                yield family, visit


def assessed(family: DemoFamily, visit: Visit) -> Iterator[tuple[Baby, BabyAssessment, int]]:
    babies = {b.id: b for b in family.client.babies}
    for a in visit.assessments:
        baby = babies[a.baby_id]
        assert baby.date_of_birth is not None
        yield baby, a, days_since_birth(baby.date_of_birth, visit.visit_date)


def named_side(reason: str) -> Side:
    match = re.search(r"\b(left|right)\b", reason)
    assert match, reason
    return Side(match.group(1))


def is_about_weight(reason: str) -> bool:
    return reason.startswith(("Weight loss at", "Twins at", "Late-preterm")) or "weight check" in reason


def undated(visit: Visit) -> list[BabyAssessment]:
    return [dataclasses.replace(a, tongue=dataclasses.replace(a.tongue, referral_date=None)) for a in visit.assessments]


# -- the same for a seed ---------------------------------------------------------------------------------------
def test_the_same_seed_and_today_give_the_same_families_byte_for_byte() -> None:
    assert repr(practice(7, 25)).encode() == repr(practice(7, 25)).encode()
    assert repr(practice(7)) != repr(practice(8))


def test_another_today_moves_the_dates_and_keeps_everything_else() -> None:
    later = TODAY + dt.timedelta(days=40)
    shift = dt.timedelta(days=40)
    for now, then in zip(practice(3), practice(3, today=later), strict=True):
        assert now.client.id == then.client.id
        assert [b.id for b in now.client.babies] == [b.id for b in then.client.babies]
        assert [(v.id, v.reason, v.visit_date + shift) for v in now.visits] == [
            (v.id, v.reason, v.visit_date) for v in then.visits
        ]
        assert [undated(v) for v in now.visits] == [undated(v) for v in then.visits]


def test_without_a_date_the_demo_counts_from_today() -> None:
    before = dt.date.today()
    [family] = demo_families(1, seed=4)
    assert family.visits[-1].visit_date in {before, dt.date.today()}


# -- a whole practice, for every seed --------------------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_every_practice_has_visits_today_an_overdue_follow_up_and_every_kind_of_family(seed: int) -> None:
    families = practice(seed)
    visits = [v for f in families for v in f.visits]
    assert any(v.visit_date == TODAY for v in visits)
    assert all(v.visit_date <= TODAY for v in visits)
    last = [f.visits[-1] for f in families]
    assert any(v.plan.follow_up is not None and v.plan.follow_up < TODAY for v in last)  # overdue
    assert any(v.plan.follow_up is not None and v.plan.follow_up >= TODAY > v.visit_date for v in last)
    assert {f.client.status for f in families} == {ClientStatus.ACTIVE, ClientStatus.DISCHARGED}
    assert all((f.client.status is ClientStatus.DISCHARGED) == (f.visits[-1].plan.follow_up is None) for f in families)
    for f in families:  # each earlier visit's follow-up is the visit that came next
        assert [v.plan.follow_up for v in f.visits[:-1]] == [v.visit_date for v in f.visits[1:]]
        assert [v.visit_date for v in f.visits] == sorted(v.visit_date for v in f.visits)
    babies = [b for f in families for b in f.client.babies]
    twins = [f for f in families if len(f.client.babies) == 2]
    assert twins and all(len({b.date_of_birth for b in f.client.babies}) == 1 for f in twins)
    assert any((b.gestational_age_days or TERM_DAYS) < TERM_DAYS for b in babies if len(babies) > 0)
    assert any(a.feeding_plan is not None and a.feeding_plan.supplementing for v in visits for a in v.assessments)
    names = " ".join(f"{f.client.full_name} {' '.join(b.name for b in f.client.babies)}" for f in families)
    assert re.search(r"[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]", names)  # CJK
    assert re.search(r"[\u0600-\u06ff]", names)  # Arabic
    assert re.search(r"[À-ɏḀ-ỿ]", names)  # Latin with accents
    assert "'" in names and "&" in names
    photos = [f.client.consents.photos for f in families]
    assert any(p is None for p in photos) and any(p is not None for p in photos)
    assert all(f.client.consents.care == f.visits[0].visit_date for f in families)


# -- each visit's findings match its reason ---------------------------------------------------------------------
def test_a_lump_reason_has_the_lump_on_the_map_at_the_named_side_and_clock() -> None:
    lumps = 0
    for _, visit in every_visit():
        if "lump" not in visit.reason.lower():
            continue
        lumps += 1
        match = re.search(r"(left|right) breast at (\d+) o'clock", visit.reason)
        assert match, visit.reason
        side, clock = Side(match.group(1)), int(match.group(2))
        assert any(m.kind is FindingKind.LUMP and m.side is side and m.clock == clock for m in visit.map_findings)
        assert visit.breast_finding is None, "findings are entered once: on the map"
        assert all(m.side is side for m in visit.map_findings)
        if "follow-up" not in visit.reason.lower():
            [exam] = visit.breast_sides
            assert exam.side is side and exam.pain and exam.condition is SpectrumCondition.DUCTAL_NARROWING
    assert lumps >= len(SEEDS)


def test_a_lump_on_the_map_is_named_by_the_reason_or_is_part_of_mastitis() -> None:
    for _, visit in every_visit():
        if any(m.kind is FindingKind.LUMP for m in visit.map_findings):
            assert "lump" in visit.reason or "fever" in visit.reason, visit.reason


def test_mastitis_has_a_fever_and_breast_signs_on_the_named_side() -> None:
    seen = 0
    for _, visit in every_visit():
        parent = visit.parent
        assert visit.breast_finding is None, "findings are entered once: on the map and in the parent's section"
        named = {e.side: e.condition for e in visit.breast_sides if e.condition is not None}
        mastitis = SpectrumCondition.INFLAMMATORY_MASTITIS in named.values()
        assert mastitis == ("fever" in visit.reason), visit.reason
        febrile = parent.temperature_c is not None and parent.temperature_c >= 38.0
        assert febrile == mastitis, visit.reason
        if not mastitis:
            continue
        seen += 1
        assert parent.temperature_c is not None
        side = named_side(visit.reason)
        assert parent.temperature_c >= 38.5 and named == {side: SpectrumCondition.INFLAMMATORY_MASTITIS}
        kinds = {m.kind for m in visit.map_findings if m.side is side}
        assert {FindingKind.REDNESS, FindingKind.WARMTH} <= kinds
        assert parent.chills == ("chills" in visit.reason) and parent.flu_like
        exam = next(e for e in visit.breast_sides if e.side is side)
        assert exam.pain is not None and exam.pain >= 6
    assert seen >= len(SEEDS)


def test_a_tongue_tie_visit_has_a_low_btat_and_a_dated_referral_to_a_contact() -> None:
    seen = 0
    for family, visit in every_visit():
        referred = [a for a in visit.assessments if a.tongue.referral]
        if not visit.reason.startswith("Tongue-tie assessment"):
            assert not referred, visit.reason
            continue
        seen += 1
        [a] = visit.assessments
        assert a.btat.total is not None and a.btat.total <= 5  # impaired tongue function (CLINICAL.md 2)
        assert a.tongue.referral and a.tongue.referral_date == visit.visit_date
        contacts = [c for c in family.client.contacts if c.role is ContactRole.DENTIST_ENT]
        assert [(c.name, c.baby_ids) for c in contacts] == [(a.tongue.referral, (a.baby_id,))]
    assert seen >= len(SEEDS)


def test_twin_positions_only_for_twins_and_every_twin_visit_feeds_both() -> None:
    twin_visits = 0
    for family, visit in every_visit():
        positions = {p for a in visit.assessments for p in a.positions}
        if len(family.client.babies) == 1:
            assert Position.TWIN not in positions, visit.reason
            continue
        twin_visits += 1
        assert len(visit.assessments) == 2 and Position.TWIN in positions
        assert {f.side for a in visit.assessments for f in a.feeds} == {Side.LEFT, Side.RIGHT}
    assert twin_visits >= len(SEEDS)


def test_the_reason_names_the_babys_age_and_weeks_as_recorded() -> None:
    for family, visit in every_visit():
        for baby, _, days in assessed(family, visit):
            if match := re.search(r"(\d+) days old", visit.reason):
                assert int(match.group(1)) == days, visit.reason
            if match := re.search(r"at (\d+) weeks", visit.reason):
                assert int(match.group(1)) == days // 7, visit.reason
            if visit.reason.startswith("Late-preterm"):
                assert baby.gestational_age_label in visit.reason
                assert 34 * 7 <= (baby.gestational_age_days or 0) < TERM_DAYS
                assert baby.birth_weight_g is not None and 2000 <= baby.birth_weight_g <= 3000


def test_weights_and_diapers_fit_the_day_of_life() -> None:
    for family, visit in every_visit():
        for baby, a, days in assessed(family, visit):
            assert baby.birth_weight_g is not None and a.weight_g is not None
            loss = (baby.birth_weight_g - a.weight_g) / baby.birth_weight_g * 100
            assert loss < 11.5, visit.reason
            if loss >= 7:
                assert is_about_weight(visit.reason), visit.reason
            if days >= 14:
                assert a.weight_g >= baby.birth_weight_g, visit.reason
            assert a.weight_g <= baby.birth_weight_g + 45 * days
            norm = output_norm(days + 1)
            assert a.wet_diapers is not None and a.dirty_diapers is not None
            if visit.reason.startswith("Weight loss at"):
                assert a.wet_diapers < norm.min_wet and a.test_weight is not None  # low intake, weighed feed
            else:
                assert a.wet_diapers >= norm.min_wet, visit.reason
                assert a.dirty_diapers >= (norm.min_stools or 0), visit.reason


def test_a_supplement_plan_gives_amount_for_the_hours_expressing_and_a_weigh_again() -> None:
    """The demo's plans are filled as the engine reads the baby (CLINICAL.md section 10), and the first visit of each
    baby on a plan has a finding that calls for it (the suggestion is not empty)."""
    plans = 0
    for family, visit in every_visit():
        plan = build_care_plan(DEMO_PRACTICE, family.client, visit)
        for baby, a, _days in assessed(family, visit):
            fp = a.feeding_plan
            if fp is None or not fp.supplementing:
                continue
            plans += 1
            hours = hours_of_life(baby.date_of_birth, baby.birth_time, visit.visit_date)  # type: ignore[arg-type]
            assert hours is not None
            column = volume_column(baby.gestational_age_days, baby.birth_weight_g)
            assert fp.amount_range == volume_per_feed((hours[0] + hours[1]) / 2, column)
            assert fp.problems() == [] and (fp.expressions_per_24h or 0) >= 8 and fp.reweigh_within_hours == 48
            printed = next(p for p in plan.baby_feeding_plans if p.baby_id == baby.id)
            assert printed.plan == fp and any("mL" in line for line in printed.lines)
            if not any(v.assessment_for(baby.id) and v.assessment_for(baby.id).feeding_plan  # type: ignore[union-attr,arg-type]
                       for v in family.visits[: family.visits.index(visit)]):
                assert printed.suggestion is not None, visit.reason
    assert plans >= len(SEEDS)


# -- the care plan built from each visit does not contradict its reason ----------------------------------------
def care_plans() -> Iterator[tuple[Visit, CarePlan]]:
    for seed in SEEDS:
        for family in practice(seed):
            earlier: dict[uuid.UUID, list[tuple[dt.date, int]]] = {}
            for visit in family.visits:
                yield visit, build_care_plan(DEMO_PRACTICE, family.client, visit, earlier_weighings=earlier)
                for a in visit.assessments:
                    if a.weight_g:
                        earlier.setdefault(a.baby_id, []).append((visit.visit_date, a.weight_g))


def test_each_care_plan_fits_its_visits_reason() -> None:
    for visit, plan in care_plans():
        sections = {s.section for s in plan.steps}
        treated = bool(sections & {SECTION_CLOGGED, SECTION_MASTITIS})
        reason = visit.reason
        assert treated == ("lump" in reason or "fever" in reason), reason
        if "fever" in reason:
            assert SECTION_MASTITIS in sections and plan.has_red_flag, reason
        if reason.startswith("Tongue-tie assessment"):
            [a] = visit.assessments
            [check] = [s for s in plan.steps if s.key == StepKey.TONGUE_CHECK]
            assert a.tongue.referral in check.text
        if reason.startswith(("First feeding check", "Questions about milk supply", "Return to work", "Last visit")):
            assert not any(f.severity is Severity.RED for f in plan.flags), reason
            assert not treated
        codes = {f.code for f in plan.flags}
        if reason.startswith("Weight loss at"):
            assert codes & WEIGHT_FLAGS, reason
        assert plan.feeding_plan == visit.plan.feeding_plan.strip()
