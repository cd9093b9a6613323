"""Deterministic, synthetic demo families and visits (no real people)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    BreastFinding,
    BreastMapFinding,
    Client,
    FeedingObservation,
    ParentState,
    Practice,
    TongueAssessment,
    Visit,
)
from consultapp.domain.vocabulary import BreastConcern, FindingKind, Location, Position, Side, Sign

GIVEN_NAMES = (
    "Amara", "Sofia", "Mei", "Aisha", "Olivia", "Priya", "Zoë", "Fatima", "Hana", "Lucía", "Ngozi", "Emma",
    "Yuki", "Leila", "Chloé", "Ana", "Thảo", "Ingrid", "Maya", "Noor", "Grace", "Elif", "Camila", "Sarah",
    "Aroha", "Isabel", "Kateryna", "Joanna", "Siobhán", "Rania",
)
FAMILY_NAMES = (
    "Okafor", "García", "Chen", "Nguyễn", "Smith", "Patel", "Müller", "Haddad", "Kowalski", "Tanaka",
    "O'Brien", "Rossi", "Novák", "Johansson", "Silva", "Kim", "Mensah", "Dubois", "Ivanova", "Cohen",
    "Hernández", "Yılmaz", "Murphy", "Nakamura", "Abebe", "Lindqvist", "Costa", "Šimić", "Walker", "Fernández",
)
BABY_NAMES = (
    "Noah", "Ava", "Leo", "Mia", "Kai", "Ella", "Omar", "Lina", "Theo", "Isla", "Yusuf", "Aria", "Finn",
    "Zara", "Ezra", "Nia", "Luca", "Ivy", "Sami", "Rose", "Tomás", "Mila", "Arjun", "Elena", "Ren",
)
STREETS = ("Elm Street", "Harbour Road", "Mill Lane", "Station Avenue", "Orchard Close", "Park Terrace")
REASONS = (
    "Sore nipples and a shallow latch",
    "Baby not gaining weight; check feeding",
    "Painful lump in the breast",
    "Engorgement, day 4",
    "Questions about milk supply",
    "Tongue-tie assessment",
    "Follow-up after last visit",
    "Return to work: planning feeds",
)

DEMO_PRACTICE = Practice(
    name="Riverside Lactation Care (demo)",
    consultant_name="Jo Example",
    credentials="IBCLC",
    address="1 Demo Street, Sampletown",
    phone="555-0100",
    email="hello@example.org",
)

# A fixed anchor keeps the data identical from run to run, whatever today's date.
ANCHOR_DATE = dt.date(2026, 6, 1)


@dataclass(frozen=True)
class DemoFamily:
    client: Client
    visits: tuple[Visit, ...]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _score(rng: random.Random, weights: tuple[int, int, int]) -> int:
    return rng.choices((0, 1, 2), weights=weights)[0]


def _assessment(rng: random.Random, baby: Baby, age: int) -> BabyAssessment:
    """One baby's assessment at ``age`` days: a weight along a typical curve, one observed feed, scores."""
    assert baby.birth_weight_g is not None
    change = -0.07 * baby.birth_weight_g + age * rng.randint(15, 35) if age < 14 else age * 25
    tried = rng.sample(list(Position), k=rng.randint(1, 2))
    return BabyAssessment(
        baby_id=baby.id or _uuid(rng),
        weight_g=int(baby.birth_weight_g + change),
        feeds=[
            FeedingObservation(
                side=rng.choice([Side.LEFT, Side.RIGHT]),
                positions_tried=tried,
                positions_worked=tried[-1:],
                latch=LatchScore(*(_score(rng, (1, 3, 6)) for _ in range(5))),
                duration_min=rng.randint(8, 35),
            )
        ],
        tongue=TongueAssessment(btat=BtatScore(*(_score(rng, (1, 2, 7)) for _ in range(4)))),
        feeds_per_24h=rng.randint(6, 12),
        wet_diapers=rng.randint(3, 8),
        dirty_diapers=rng.randint(1, 5),
        id=_uuid(rng),
    )


def demo_families(count: int, seed: int = 1) -> Iterator[DemoFamily]:
    """Yield ``count`` synthetic families, each with one baby (sometimes twins) and 1-4 visits."""
    rng = random.Random(seed)
    for _ in range(count):
        given = rng.choice(GIVEN_NAMES)
        family = rng.choice(FAMILY_NAMES)
        birth = ANCHOR_DATE - dt.timedelta(days=rng.randint(2, 120))
        twins = rng.random() < 0.05
        babies = [
            Baby(
                name=rng.choice(BABY_NAMES),
                date_of_birth=birth,
                birth_weight_g=rng.randint(2300, 2900) if twins else rng.randint(2700, 4300),
                id=_uuid(rng),
            )
            for _ in range(2 if twins else 1)
        ]
        client = Client(
            given_name=given,
            family_name=family,
            date_of_birth=dt.date(rng.randint(1982, 2004), rng.randint(1, 12), rng.randint(1, 28)),
            phone=f"555-{rng.randint(100, 999):03d}-{rng.randint(0, 9999):04d}",
            address=f"{rng.randint(1, 240)} {rng.choice(STREETS)}, Sampletown",
            babies=babies,
            id=_uuid(rng),
        )
        visits = []
        day = birth + dt.timedelta(days=rng.randint(2, 6))
        for _n in range(rng.randint(1, 4)):
            assessments = []
            for baby in babies:
                assessments.append(_assessment(rng, baby, (day - birth).days))
            finding = None
            map_findings: list[BreastMapFinding] = []
            parent = ParentState(unrested=rng.random() < 0.4)
            if rng.random() < 0.25:
                concern = rng.choice(list(BreastConcern))
                signs = [Sign.PAIN, Sign.LUMP, *rng.sample([Sign.WARMTH, Sign.REDNESS], k=rng.randint(0, 2))]
                if concern is BreastConcern.MASTITIS:
                    signs += rng.sample([Sign.FEVER, Sign.CHILLS, Sign.TIREDNESS, Sign.FEELING_SICK], k=2)
                side = rng.choice([Side.LEFT, Side.RIGHT])
                finding = BreastFinding(concern, side, signs)
                map_findings.append(
                    BreastMapFinding(side, FindingKind.LUMP, clock=rng.randint(1, 12), distance_cm=rng.randint(2, 6))
                )
                if Sign.FEVER in signs:
                    parent = ParentState(temperature_c=round(rng.uniform(38.0, 39.6), 1), chills=Sign.CHILLS in signs)
            visits.append(
                Visit(
                    client_id=client.id or _uuid(rng),
                    visit_date=day,
                    location=rng.choices(list(Location), weights=(6, 3, 1))[0],
                    reason=rng.choice(REASONS),
                    assessments=assessments,
                    breast_finding=finding,
                    map_findings=map_findings,
                    parent=parent,
                    id=_uuid(rng),
                )
            )
            day += dt.timedelta(days=rng.randint(3, 21))
        yield DemoFamily(client, tuple(visits))
