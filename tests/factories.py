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
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    BreastFinding,
    BreastMapFinding,
    Client,
    FeedingObservation,
    PlanEdits,
    Practice,
    TongueAssessment,
    Visit,
)
from consultapp.domain.vocabulary import BreastConcern, FindingKind, Location, Position, Side, Sign

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


def make_feed(side: Side | None = Side.LEFT, **overrides: Any) -> FeedingObservation:
    """An observed feed on ``side``: cross-cradle tried, football worked, LATCH 7."""
    fields: dict[str, Any] = {
        "positions_tried": [Position.CROSS_CRADLE, Position.FOOTBALL],
        "positions_worked": [Position.FOOTBALL],
        "latch": LatchScore(1, 2, 2, 1, 1),
    }
    return FeedingObservation(side, **{**fields, **overrides})


def make_assessment(baby_id: uuid.UUID, weight_g: int | None = 3060, **overrides: Any) -> BabyAssessment:
    """One baby's assessment at a visit: weighed, one feed observed, BTAT 4, output counted."""
    fields: dict[str, Any] = {
        "feeds": [make_feed()],
        "tongue": TongueAssessment(btat=BtatScore(1, 1, 1, 1)),
        "feeds_per_24h": 8,
        "wet_diapers": 6,
        "dirty_diapers": 3,
    }
    return BabyAssessment(baby_id, weight_g=weight_g, **{**fields, **overrides})


def make_visit(
    client: Client | uuid.UUID,
    visit_date: dt.date = VISIT_DATE,
    *,
    weight_g: int | None = 3060,
    **overrides: Any,
) -> Visit:
    """A home visit of ``client`` with an assessment of each of her babies (that have ids) weighing ``weight_g``.

    Give a client id instead of a client (or ``assessments=[...]``) for other assessments.
    """
    client_id = client if isinstance(client, uuid.UUID) else client.id
    assert client_id is not None, "save the client first (or give ids)"
    fields: dict[str, Any] = {"location": Location.HOME, "reason": "Sore left breast"}
    if "assessments" not in overrides:
        babies = [] if isinstance(client, uuid.UUID) else client.babies
        fields["assessments"] = [make_assessment(b.id, weight_g) for b in babies if b.id is not None]
    return Visit(client_id, visit_date, **{**fields, **overrides})


def clogged_duct(side: Side = Side.RIGHT) -> BreastFinding:
    return BreastFinding(BreastConcern.CLOGGED_DUCT, side, [Sign.PAIN, Sign.LUMP])


def mastitis(side: Side = Side.LEFT) -> BreastFinding:
    return BreastFinding(BreastConcern.MASTITIS, side, [Sign.LUMP, Sign.FEVER, Sign.CHILLS])


def lump_at(clock: int = 2, side: Side = Side.LEFT, **overrides: Any) -> BreastMapFinding:
    """A lump on the breast map, 3 cm from the nipple."""
    fields: dict[str, Any] = {"distance_cm": 3}
    return BreastMapFinding(side, FindingKind.LUMP, clock, **{**fields, **overrides})


def plan(feeding_plan: str = "Offer the left breast first.\nHand-express after feeds.", **overrides: Any) -> PlanEdits:
    fields: dict[str, Any] = {"follow_up": dt.date(2026, 12, 3)}
    return PlanEdits(feeding_plan=feeding_plan, **{**fields, **overrides})
