"""The one loader of a visit's documents: the care plan is decided once and carries the figures it prints."""

from __future__ import annotations

import datetime as dt

from factories import make_client

from consultapp.domain.records import BabyAssessment, BreastMapFinding, Visit
from consultapp.domain.vocabulary import FindingKind, Side
from consultapp.services.visits import care_plan, load_visit, render_care_plan, render_plan
from consultapp.store.db import Database
from consultapp.store.facade import Store


def _visit(store: Store) -> Visit:
    client = store.save_client(make_client())
    baby = client.babies[0]
    assert client.id is not None and baby.id is not None and baby.date_of_birth is not None
    visit = Visit(client.id, baby.date_of_birth + dt.timedelta(days=5),
                  assessments=[BabyAssessment(baby.id, weight_g=3100)],
                  map_findings=[BreastMapFinding(Side.LEFT, FindingKind.LUMP, clock=2, distance_cm=3)])
    return store.save_visit(visit)


def test_the_plan_carries_its_breast_map_from_one_load(db: Database) -> None:
    store = Store(db)
    visit = _visit(store)
    assert visit.id is not None
    records = load_visit(store, visit.id)
    plan = care_plan(records)
    assert plan.figures.map_findings == tuple(visit.map_findings)
    assert render_care_plan(store, visit.id, invariant=True) == render_plan(plan, invariant=True)
