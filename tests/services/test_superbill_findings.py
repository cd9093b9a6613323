"""The superbill's suggested codes read the breast findings as the care plan does: named on the map, or derived."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client

from consultapp.domain.records import BreastMapFinding, BreastSideExam, ParentState, Visit
from consultapp.domain.vocabulary import FindingKind, Side, SpectrumCondition
from consultapp.services.superbills import suggested_codes
from consultapp.store.db import Database
from consultapp.store.facade import Store

LUMP = BreastMapFinding(Side.LEFT, FindingKind.LUMP, clock=2, distance_cm=3)


@pytest.mark.parametrize(
    ("sides", "parent", "mastitis"),
    [
        ([], ParentState(), False),  # a lump alone: a narrowed duct
        ([], ParentState(temperature_c=38.9, chills=True), True),  # with fever and chills: mastitis, derived
        ([BreastSideExam(Side.LEFT, condition=SpectrumCondition.INFLAMMATORY_MASTITIS)], ParentState(), True),
    ],
)
def test_mastitis_is_coded_when_named_on_the_map_or_shown_by_the_signs(
    db: Database, sides: list[BreastSideExam], parent: ParentState, mastitis: bool
) -> None:
    store = Store(db)
    client = store.save_client(make_client())
    assert client.id is not None
    visit = store.save_visit(
        Visit(client.id, dt.date(2026, 11, 26), map_findings=[LUMP], breast_sides=sides, parent=parent)
    )
    assert visit.id is not None
    codes, _ = suggested_codes(store, visit.id)
    assert ("O91.23" in codes.diagnoses) is mastitis
