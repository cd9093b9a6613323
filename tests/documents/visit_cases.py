"""The visits of issue 18's first paragraph, as a consultant records them: a twin home visit and a single baby.

Twin visit: one twin (Bao) down 10.4 % on day 5, the other (Anh) with few wet diapers and a BTAT of 3, the
mother at 38.9 °C with a lump at 2 o'clock. Shared by the document tests of issue 18 point 9.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from factories import make_baby, make_client, make_feed, make_practice

from consultapp.domain.careplan import CarePlan, build_care_plan
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.plan_figures import figures_for_visit
from consultapp.domain.records import (
    BabyAssessment,
    BreastMapFinding,
    BreastSideExam,
    Client,
    ParentState,
    PlanEdits,
    PracticeSettings,
    TongueAssessment,
    Visit,
)
from consultapp.domain.units import WeightUnit
from consultapp.domain.vocabulary import FindingKind, IneffectiveSign, Position, Side

BORN = dt.date(2026, 11, 20)
DAY_5 = BORN + dt.timedelta(days=4)  # day 5 of life



DIARY = "Keep a feeding diary until the next visit."


def _practice(variant: str = "source_document", unit: WeightUnit = WeightUnit.LB_OZ, paper: str = "a4") -> object:
    return make_practice(
        settings=PracticeSettings(
            clogged_duct_variant=variant,
            mastitis_variant=variant,  # type: ignore[arg-type]
            weight_unit=unit,
            paper=paper,
        )
    )


def twin_visit(variant: str = "source_document", unit: WeightUnit = WeightUnit.LB_OZ) -> tuple[Client, Visit, CarePlan]:
    anh = make_baby("Anh", date_of_birth=BORN, birth_weight_g=2700, id=uuid.uuid4())
    bao = make_baby("Bao", date_of_birth=BORN, birth_weight_g=2800, id=uuid.uuid4())
    client = make_client("Linh", "Tran", babies=[anh, bao], id=uuid.uuid4())
    low = LatchScore(0, 1, 2, 1, 1)
    visit = Visit(
        client.id,
        DAY_5,
        reason="Twins: weight loss, few wet diapers, painful lump",
        assessments=[
            BabyAssessment(
                anh.id,
                2560,
                feeds=[
                    make_feed(
                        Side.LEFT,
                        positions=(Position.FOOTBALL,),
                        latch=low,
                        ineffective_signs=[IneffectiveSign.CLICKING],
                    )
                ],
                tongue=TongueAssessment(btat=BtatScore(1, 0, 1, 1), referral="Paediatric ENT"),
                wet_diapers=2,
                dirty_diapers=2,
                feeds_per_24h=7,
            ),
            BabyAssessment(
                bao.id,
                2509,
                feeds=[make_feed(Side.RIGHT, positions=(Position.CROSS_CRADLE,), latch=LatchScore(1, 1, 2, 1, 1))],
                tongue=TongueAssessment(btat=BtatScore(2, 2, 2, 2)),
                lethargy=True,
                poor_feeding=True,
                wet_diapers=4,
                dirty_diapers=3,
                feeds_per_24h=6,
            ),
        ],
        map_findings=[BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, distance_cm=3, size_cm=2.5)],
        breast_sides=[BreastSideExam(Side.LEFT, pain=6)],
        parent=ParentState(temperature_c=38.9, unrested=True),
        plan=PlanEdits(follow_up=DAY_5 + dt.timedelta(days=2), feeding_plan=DIARY),
    )
    practice = _practice(variant, unit)
    plan = build_care_plan(practice, client, visit)  # type: ignore[arg-type]
    earlier = {anh.id: [(BORN + dt.timedelta(days=2), 2600)], bao.id: [(BORN + dt.timedelta(days=2), 2620)]}
    plan = build_care_plan(practice, client, visit, earlier_weighings=earlier)  # type: ignore[arg-type]
    figures = figures_for_visit(client, visit, practice.settings, earlier)  # type: ignore[attr-defined]
    return client, visit, dataclasses.replace(plan, figures=figures)


def single_visit(
    variant: str = "source_document", unit: WeightUnit = WeightUnit.LB_OZ
) -> tuple[Client, Visit, CarePlan]:
    noah = make_baby("Noah", date_of_birth=BORN, birth_weight_g=3400, id=uuid.uuid4())
    client = make_client("Amara", "Okafor", babies=[noah], id=uuid.uuid4())
    visit = Visit(
        client.id,
        DAY_5,
        reason="Painful lump",
        assessments=[
            BabyAssessment(
                noah.id,
                3120,
                feeds=[
                    make_feed(
                        Side.LEFT,
                        latch=LatchScore(1, 1, 2, 1, 2),
                        ineffective_signs=[IneffectiveSign.BREAST_NOT_SOFTENED],
                    )
                ],
                tongue=TongueAssessment(btat=BtatScore(1, 1, 1, 1)),
                weak_suckle=True,
                wet_diapers=3,
                dirty_diapers=2,
                feeds_per_24h=7,
            )
        ],
        map_findings=[BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, distance_cm=3, size_cm=2)],
        parent=ParentState(temperature_c=38.9, chills=True, unrested=True, pressure_on_breast=True),
        plan=PlanEdits(follow_up=DAY_5 + dt.timedelta(days=3), feeding_plan=DIARY),
    )
    practice = _practice(variant, unit)
    earlier = {noah.id: [(BORN + dt.timedelta(days=2), 3200)]}
    plan = build_care_plan(practice, client, visit, earlier_weighings=earlier)  # type: ignore[arg-type]
    figures = figures_for_visit(client, visit, practice.settings, earlier)  # type: ignore[attr-defined]
    return client, visit, dataclasses.replace(plan, figures=figures)
