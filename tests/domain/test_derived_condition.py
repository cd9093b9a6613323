"""A breast's condition when the consultant named none: read from the map and the parent's section, as the plan."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from consultapp.domain.careplan.inputs import derived_condition, named_condition
from consultapp.domain.records import BreastMapFinding, BreastSideExam, ParentState, Visit
from consultapp.domain.vocabulary import FindingKind, Side, SpectrumCondition

FEVER_C = 38.5


def _visit(*kinds: FindingKind, parent: ParentState | None = None, engorged: bool = False) -> Visit:
    return Visit(
        uuid.uuid4(),
        dt.date(2026, 11, 26),
        map_findings=[BreastMapFinding(Side.LEFT, kind, clock=2) for kind in kinds],
        breast_sides=[BreastSideExam(Side.LEFT, engorgement=True)] if engorged else [],
        parent=parent or ParentState(),
    )


@pytest.mark.parametrize(
    ("visit", "expected"),
    [
        (_visit(FindingKind.LUMP), SpectrumCondition.DUCTAL_NARROWING),
        (_visit(FindingKind.LUMP, parent=ParentState(temperature_c=38.6)), SpectrumCondition.INFLAMMATORY_MASTITIS),
        (_visit(FindingKind.REDNESS, parent=ParentState(chills=True)), SpectrumCondition.INFLAMMATORY_MASTITIS),
        (_visit(FindingKind.WARMTH, parent=ParentState(flu_like=True)), SpectrumCondition.INFLAMMATORY_MASTITIS),
        (_visit(FindingKind.LUMP, parent=ParentState(temperature_c=38.2)), SpectrumCondition.DUCTAL_NARROWING),
        (_visit(FindingKind.REDNESS), None),  # a red area alone names nothing
        (_visit(FindingKind.BLEB), SpectrumCondition.NIPPLE_BLEB),
        (_visit(engorged=True), SpectrumCondition.ENGORGEMENT),
        (_visit(FindingKind.NIPPLE_DAMAGE, parent=ParentState(chills=True)), None),
        (_visit(), None),
    ],
)
def test_the_signs_point_to_a_condition(visit: Visit, expected: SpectrumCondition | None) -> None:
    assert derived_condition(visit, Side.LEFT, FEVER_C) is expected
    assert derived_condition(visit, Side.RIGHT, FEVER_C) is None  # the other breast has no findings
    assert named_condition(visit, Side.LEFT) is None
