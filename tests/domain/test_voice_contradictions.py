"""One voice per family (issue 18 point 3; CLINICAL.md sections 6, 11, 15 and 18).

Plans are built across every combination of the findings that select steps and of the wording settings
(``itertools.product``, bounded), and each plan, and each plan with the handouts printed for its visit, is
checked against the domain's table of contradictory pairs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from pathlib import Path

import pytest
from factories import BIRTH_DATE, make_assessment, make_baby, make_client, make_feed, make_practice, make_visit

from consultapp.domain import source_steps as src
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.careplan.engine import mastitis_same_day
from consultapp.domain.careplan.model import FindingTopic
from consultapp.domain.careplan.steps import treatment_steps
from consultapp.domain.handouts import HandoutLibrary, load_shipped
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    BreastFinding,
    BreastMapFinding,
    BreastSideExam,
    Client,
    ParentState,
    PracticeSettings,
    TongueAssessment,
)
from consultapp.domain.vocabulary import (
    Advice,
    BreastConcern,
    FindingKind,
    IneffectiveSign,
    PlanVariant,
    Side,
    Sign,
    SpectrumCondition,
)
from consultapp.domain.voice import (
    CONTRADICTIONS,
    STEP_ADVICE,
    VOICE,
    advice_in_text,
    against_voice,
    contradictions,
    handout_advice,
    handout_fits,
    handouts_for_family,
    handouts_for_plan,
    step_advice,
)

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "handouts"
SHIPPED = load_shipped(RESOURCES.glob("*.toml"))
LIBRARY = HandoutLibrary(SHIPPED)

BREAST = {
    "none": {},
    "clogged finding": {
        "breast_finding": BreastFinding(BreastConcern.CLOGGED_DUCT, Side.RIGHT, [Sign.PAIN, Sign.LUMP])
    },
    "lump on the map": {"map_findings": [BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, distance_cm=3)]},
    "narrowed duct": {
        "breast_sides": [BreastSideExam(Side.LEFT, pain=4, condition=SpectrumCondition.DUCTAL_NARROWING)]
    },
    "mastitis finding": {"breast_finding": BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [Sign.LUMP, Sign.REDNESS])},
    "inflammatory mastitis": {
        "breast_sides": [BreastSideExam(Side.LEFT, pain=6, condition=SpectrumCondition.INFLAMMATORY_MASTITIS)],
        "map_findings": [BreastMapFinding(Side.LEFT, FindingKind.REDNESS, 3, distance_cm=4)],
    },
}
PARENT = {
    "well": ParentState(),
    "fever 39.4 no chills": ParentState(temperature_c=39.4),
    "chills, unrested, pressure": ParentState(chills=True, unrested=True, pressure_on_breast=True, long_gaps=True),
}
LOW_LATCH = LatchScore(1, 1, 2, 1, 1)
TONGUE = {
    "normal": TongueAssessment(btat=BtatScore(2, 2, 2, 2)),
    "impaired": TongueAssessment(btat=BtatScore(1, 1, 0, 1)),
    "referred": TongueAssessment(btat=BtatScore(2, 1, 2, 2), referral="Paediatric dentist"),
}
AGES = {"newborn": BIRTH_DATE, "104 days": BIRTH_DATE - dt.timedelta(days=98)}
VARIANTS = list(itertools.product(PlanVariant, PlanVariant))  # (clogged duct, mastitis) as stored


def _client(born: dt.date, twins: bool) -> Client:
    names = ("Anh", "Bao") if twins else ("Noah",)
    babies = [make_baby(n, date_of_birth=born, birth_weight_g=3000, id=uuid.uuid4()) for n in names]
    return make_client(babies=babies, id=uuid.uuid4())


COMBINATIONS = list(
    itertools.product(BREAST, PARENT, (False, True), TONGUE, (False, True), (False, True), AGES, VARIANTS)
)


def _plans():  # type: ignore[no-untyped-def]
    for breast, parent, low_latch, tongue, weak, not_softened, age, (clogged_v, mastitis_v) in COMBINATIONS:
        twins = weak and not_softened  # a twin visit among them, without doubling the product
        client = _client(AGES[age], twins)
        signs = [IneffectiveSign.BREAST_NOT_SOFTENED] if not_softened else []
        assessments = [
            make_assessment(
                b.id,
                2800,
                tongue=TONGUE[tongue],
                weak_suckle=weak,
                feeds_per_24h=7,
                feeds=[make_feed(latch=LOW_LATCH if low_latch else LatchScore(2, 2, 2, 2, 2), ineffective_signs=signs)],
            )
            for b in client.babies
        ]
        visit = make_visit(client, assessments=assessments, parent=PARENT[parent], **BREAST[breast])
        settings = PracticeSettings(clogged_duct_variant=clogged_v, mastitis_variant=mastitis_v)
        plan = build_care_plan(make_practice(settings=settings), client, visit)
        yield (breast, parent, low_latch, tongue, weak, not_softened, age, clogged_v, mastitis_v), plan, visit


def test_the_product_is_bounded_and_covers_every_topic() -> None:
    assert 1000 < len(COMBINATIONS) < 5000
    topics = {v.finding for _, plan, _ in _plans() for v in plan.variants}
    assert topics == set(FindingTopic)


def test_no_plan_nor_plan_and_its_handouts_contradicts_itself() -> None:
    problems: list[str] = []
    for case, plan, visit in _plans():
        variant = plan.practice.settings.wording
        keys = [s.key for s in plan.steps]
        advice = step_advice(keys)
        # One column per visit: the plan agrees with itself and with the practice's wording.
        for c in against_voice(advice, variant) + contradictions(advice):
            problems.append(f"{case}: plan says {c.what}")
        handouts = handouts_for_plan(LIBRARY, keys, variant)
        family = advice | frozenset(a for h in handouts for a in handout_advice(h))
        for c in contradictions(family):
            problems.append(f"{case}: plan + handouts {[h.slug for h in handouts]} say {c.what}")
        assert all(v.variant is variant for v in plan.variants), case
        printed = " ".join(s.text for s in plan.steps) + " ".join(plan.call_doctor)
        assert "schedul" not in printed.lower(), case
        if mastitis_same_day(plan.flags, visit):  # a same-day fever or chills: no "wait 24 hours" anywhere
            assert "not better after 24 hours" not in printed, case
        if case[6] == "newborn":
            feed = next(s for s in plan.steps if s.key == src.StepKey.FEED_OFTEN)
            assert "whenever your baby shows hunger signs: at least 8 times in 24 hours" in feed.text
        if problems:
            break
    assert not problems, problems[:5]


def test_every_step_carries_the_advice_its_words_give() -> None:
    # The safety net agrees with the tags: a step worded "warm pack" is tagged WARMTH, and so on.
    seen: dict[str, str] = {}
    for _, plan, _ in _plans():
        for step in plan.suggested_steps:
            seen.setdefault(step.key, step.text)
    for key, text in seen.items():
        assert advice_in_text(text) <= STEP_ADVICE.get(key, frozenset()), (key, text)


def test_every_shipped_handout_section_carries_the_advice_its_words_give() -> None:
    for handout in SHIPPED.values():
        tags = handout_advice(handout)
        assert advice_in_text(f"{handout.title} {handout.summary}") <= tags, handout.slug
        for section in handout.sections:
            words = " ".join((section.heading, *section.bullets, *section.paragraphs))
            assert advice_in_text(words) <= set(section.advice), (handout.slug, section.heading)


def test_the_table_catches_a_mixed_plan() -> None:
    # What issue 18 found: the source's warm packs and massage beside the ABM #36 handout's cold packs.
    mixed = step_advice(s.key for s in src.CLOGGED_DUCT_TREATMENT_STEPS) | handout_advice(SHIPPED["mastitis-abm36"])
    found = {c.what for c in contradictions(mixed)}
    assert "warm packs and cold packs" in found
    assert "massage toward the nipple and no deep massage" in found
    assert "emptying the breast and no extra pumping to empty it" in found
    assert contradictions({Advice.SCHEDULED_FEEDS})  # never advised, even alone
    assert len(CONTRADICTIONS) == len({frozenset(pair[:2]) for pair in CONTRADICTIONS})


@pytest.mark.parametrize("variant", list(PlanVariant))
def test_each_wording_agrees_with_itself(variant: PlanVariant) -> None:
    assert not contradictions(VOICE[variant])
    steps = [
        *treatment_steps(FindingTopic.CLOGGED_DUCT, variant, "x"),
        *treatment_steps(FindingTopic.MASTITIS, variant, "x"),
    ]
    assert not against_voice(step_advice(s.key for s in steps), variant)


def test_a_supplemented_baby_keeps_expressing_and_the_plan_says_why() -> None:
    steps = treatment_steps(FindingTopic.MASTITIS, PlanVariant.ABM36, "x", supplemented=True)
    pumping = next(s for s in steps if s.key == src.StepKey.ABM36_MASTITIS_NO_OVER_PUMPING)
    assert pumping.text.startswith("Do not pump extra milk to empty the breast.")
    assert "That is not extra pumping: it takes the place of the missed feed" in pumping.text
    plain = treatment_steps(FindingTopic.MASTITIS, PlanVariant.ABM36, "x")
    assert src.ABM36_SUPPLEMENT_NOTE not in " ".join(s.text for s in plain)


def test_printing_for_a_family_picks_the_handout_in_its_wording_or_says_why_not() -> None:
    asked = [SHIPPED["mastitis"], SHIPPED["latch-and-positions"], SHIPPED["preventing-clogged-ducts"]]
    abm = handouts_for_family(LIBRARY, asked, PlanVariant.ABM36)
    assert [c.printed.slug if c.printed else None for c in abm] == [
        "mastitis-abm36",
        "latch-and-positions",
        "clogged-ducts-abm36",
    ]
    assert "in place of “Mastitis: signs, prevention and when to call”" in abm[0].note
    assert abm[1].note == ""
    seed = handouts_for_family(LIBRARY, [SHIPPED["mastitis-abm36"]], PlanVariant.SOURCE_DOCUMENT)
    assert seed[0].printed is not None and seed[0].printed.slug == "mastitis"
    # With no handout of its topic in the family's wording, it is not printed, and the note says so.
    lonely = HandoutLibrary({"mastitis": SHIPPED["mastitis"]})
    none = handouts_for_family(lonely, [SHIPPED["mastitis"]], PlanVariant.ABM36)
    assert none[0].printed is None and "is not printed" in none[0].note
    # Neutral handouts fit either wording.
    for slug in ("latch-and-positions", "milk-production", "tongue-tie"):
        assert all(handout_fits(SHIPPED[slug], v) for v in PlanVariant), slug
