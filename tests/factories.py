"""Synthetic records shared by the tests (no real people): the one place that builds them.

Every factory gives a complete, plausible record and takes keyword overrides for any field of it, so a
test names only what it is about (``make_visit(client, reason="Lump", weight_g=3100)``). Records are
plain domain objects, not saved: save them through the store where a test needs them stored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.output import StoolColour
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    BreastFinding,
    BreastMapFinding,
    BreastSideExam,
    ChosenStep,
    Client,
    FeedingObservation,
    ParentState,
    PlanEdits,
    Practice,
    TestWeight,
    TongueAssessment,
    Visit,
)
from consultapp.domain.tongue import CoryllosType
from consultapp.domain.vocabulary import (
    BreastConcern,
    EffectiveSign,
    FindingKind,
    IneffectiveSign,
    Location,
    NippleDamage,
    NippleShape,
    Position,
    Side,
    Sign,
    SpectrumCondition,
    TongueTool,
)

BIRTH_DATE = dt.date(2026, 11, 20)
VISIT_DATE = dt.date(2026, 11, 26)


def make_practice(**overrides: Any) -> Practice:
    """A practice with its letterhead filled in."""
    fields: dict[str, Any] = {
        "name": "Harbour Lactation Care",
        "consultant_name": "Maria Oliveira",
        "credentials": "IBCLC",
        "address": "12 Quay Street",
        "phone": "+44 117 496 0123",
        "email": "maria@harbour.example",
    }
    return Practice(**{**fields, **overrides})


def make_baby(name: str = "Noah", **overrides: Any) -> Baby:
    """A baby born on BIRTH_DATE at 3400 g."""
    fields: dict[str, Any] = {"date_of_birth": BIRTH_DATE, "birth_weight_g": 3400}
    return Baby(name, **{**fields, **overrides})


def make_client(given: str = "Amara", family: str = "Okafor", baby: str = "Noah", **overrides: Any) -> Client:
    """A mother with one baby named ``baby`` (``babies=[...]`` for others, ``babies=[]`` for none)."""
    fields: dict[str, Any] = {
        "date_of_birth": dt.date(1993, 4, 2),
        "phone": "555 010 2030",
        "address": "12 Mill Lane\nSampletown",
    }
    if "babies" not in overrides:
        fields["babies"] = [make_baby(baby)]
    return Client(given_name=given, family_name=family, **{**fields, **overrides})


def make_twins_client(
    given: str = "Amara", family: str = "Okafor", names: Sequence[str] = ("Noah", "Nia"), **overrides: Any
) -> Client:
    """A mother of twins born on BIRTH_DATE (2600 g and 2450 g)."""
    weights = (2600, 2450)
    babies = [make_baby(name, birth_weight_g=weights[i % 2]) for i, name in enumerate(names)]
    return make_client(given, family, babies=babies, **overrides)


NORMAL_LATCH = LatchScore(2, 2, 2, 2, 2)
NORMAL_BTAT = BtatScore(2, 2, 2, 2)


def make_feed(
    side: Side | None = Side.LEFT,
    *,
    positions: Sequence[Position] = (Position.CRADLE,),
    worked: Sequence[Position] = (),
    latch: LatchScore = NORMAL_LATCH,
    **overrides: Any,
) -> FeedingObservation:
    """An observed feed on ``side``: the positions tried and those that worked, scored with LATCH (10 by default)."""
    return FeedingObservation(side, list(positions), list(worked), latch=latch, **overrides)


def make_weighing(baby_id: uuid.UUID, weight_g: int | None = 3300, **overrides: Any) -> BabyAssessment:
    """A baby weighed at a visit, nothing else recorded."""
    return BabyAssessment(baby_id, weight_g, **overrides)


def make_assessment(
    baby_id: uuid.UUID,
    weight_g: int | None = 3300,
    *,
    latch: LatchScore = NORMAL_LATCH,
    btat: BtatScore = NORMAL_BTAT,
    positions: Sequence[Position] = (Position.CRADLE,),
    worked: Sequence[Position] = (),
    **overrides: Any,
) -> BabyAssessment:
    """One baby's assessment: weighed, one feed on the left observed, tongue scored (normal unless told)."""
    fields: dict[str, Any] = {
        "feeds": [make_feed(positions=positions, worked=worked, latch=latch)],
        "tongue": TongueAssessment(btat=btat),
    }
    return BabyAssessment(baby_id, weight_g, **{**fields, **overrides})


def make_visit(
    client: Client | uuid.UUID,
    visit_date: dt.date = VISIT_DATE,
    *,
    weight_g: int | None = 3300,
    **overrides: Any,
) -> Visit:
    """A home visit of ``client`` at which each of her babies (those with ids) was weighed ``weight_g``.

    Give a client id instead of a client for a visit with no assessment, or ``assessments=[...]``.
    """
    client_id = client if isinstance(client, uuid.UUID) else client.id
    assert client_id is not None, "save the client first (or give ids)"
    fields: dict[str, Any] = {}
    if "assessments" not in overrides and not isinstance(client, uuid.UUID):
        fields["assessments"] = [make_weighing(b.id, weight_g) for b in client.babies if b.id is not None]
    return Visit(client_id, visit_date, **{**fields, **overrides})


def make_full_visit(client: Client, **overrides: Any) -> Visit:
    """A visit with every part of the record filled in, for the first baby of a saved ``client``."""
    assert client.id is not None and client.babies[0].id is not None
    fields: dict[str, Any] = {
        "location": Location.VIRTUAL,
        "reason": "Painful lump & <fever>",
        "assessments": [
            BabyAssessment(
                baby_id=client.babies[0].id,
                weight_g=3150,
                feeds=[
                    FeedingObservation(
                        side=Side.LEFT,
                        positions_tried=[Position.CROSS_CRADLE, Position.LAID_BACK],
                        positions_worked=[Position.LAID_BACK],
                        effective_signs=[EffectiveSign.WIDE_GAPE],
                        ineffective_signs=[IneffectiveSign.CLICKING, IneffectiveSign.CHEEK_DIMPLING],
                        nipple_after=NippleShape.WEDGED,
                        latch=LatchScore(1, 2, 2, 1, 0),
                        duration_min=25,
                    ),
                    FeedingObservation(side=Side.RIGHT, latch=LatchScore(latch=2)),
                ],
                tongue=TongueAssessment(
                    tool=TongueTool.TABBY,
                    btat=BtatScore(1, 1, 2, None),
                    hazelbaker_appearance=7,
                    hazelbaker_function=10,
                    coryllos=CoryllosType.III,
                    kotlow_mm=9.5,
                    lip_tie="Class III upper lip tie",
                    referral="Paediatric dentist",
                    referral_date=dt.date(2026, 11, 25),
                ),
                test_weight=TestWeight(pre_g=3150, post_g=3212, scale_resolution_g=5.0, clothing_unchanged=False),
                feeds_per_24h=6,
                weak_suckle=True,
                wet_diapers=4,
                dirty_diapers=2,
                stool_colour=StoolColour.TRANSITIONAL,
                urates=True,
                jaundice=True,
            )
        ],
        "breast_finding": mastitis(),
        "map_findings": [
            BreastMapFinding(Side.LEFT, FindingKind.LUMP, clock=2, distance_cm=3.0, size_cm=2.5),
            BreastMapFinding(Side.RIGHT, FindingKind.NIPPLE_DAMAGE, clock=12, nipple_damage=NippleDamage.CRACK),
        ],
        "breast_sides": [
            BreastSideExam(Side.LEFT, pain=6, engorgement=True, condition=SpectrumCondition.INFLAMMATORY_MASTITIS),
            BreastSideExam(Side.RIGHT, pain=0),
        ],
        "parent": ParentState(temperature_c=38.9, chills=True, unrested=True, pressure_on_breast=True),
        "plan": PlanEdits(
            steps=[
                ChosenStep("treat_heat", "Put a warm pack on the sore area.", "lump", "seed", included=False),
                ChosenStep("custom-1", "Call me on Friday & tell me how it went", custom=True),
            ],
            feeding_plan="Left side first; 8-12 feeds a day.",
            follow_up=dt.date(2026, 11, 28),
        ),
    }
    return Visit(client.id, dt.date(2026, 11, 24), **{**fields, **overrides})


def clogged_duct(side: Side = Side.RIGHT) -> BreastFinding:
    return BreastFinding(BreastConcern.CLOGGED_DUCT, side, [Sign.PAIN, Sign.LUMP])


def mastitis(side: Side = Side.LEFT) -> BreastFinding:
    return BreastFinding(BreastConcern.MASTITIS, side, [Sign.LUMP, Sign.FEVER, Sign.CHILLS])


def lump_at(clock: int = 2, side: Side = Side.LEFT, **overrides: Any) -> BreastMapFinding:
    """A lump on the breast map, 3 cm from the nipple."""
    fields: dict[str, Any] = {"distance_cm": 3}
    return BreastMapFinding(side, FindingKind.LUMP, clock, **{**fields, **overrides})


FEEDING_PLAN = "Offer the left breast first.\nHand-express after feeds."


def make_plan_edits(feeding_plan: str = FEEDING_PLAN, **overrides: Any) -> PlanEdits:
    """The consultant's feeding plan, with a follow-up visit a week after VISIT_DATE."""
    fields: dict[str, Any] = {"follow_up": dt.date(2026, 12, 3)}
    return PlanEdits(feeding_plan=feeding_plan, **{**fields, **overrides})


def make_named_client(given: str, family: str, *baby_names: str, **overrides: Any) -> Client:
    """A client known by her name alone (and her babies' names): for search and listing tests."""
    return Client(given, family, babies=[Baby(name) for name in baby_names], **overrides)
