"""The domain branches on enums, not on printed words; each enum keeps the text it is stored and compared as."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from consultapp.domain import source_steps as src
from consultapp.domain.billing import place_of_service
from consultapp.domain.careplan import (
    SECTION_CUSTOM,
    SECTION_MASTITIS,
    FindingTopic,
    PlanStep,
    SectionTitle,
    StepKey,
    build_care_plan,
)
from consultapp.domain.growth import CautionCode, test_weight_intake
from consultapp.domain.records import (
    Baby,
    BreastFinding,
    Client,
    Practice,
    PracticeSettings,
    Visit,
    VisitStatus,
)
from consultapp.domain.serialize import FormatError, from_data, to_data
from consultapp.domain.vocabulary import BreastConcern, Location, PlanVariant, Side, Sign


def _visit(**fields: object) -> Visit:
    return Visit(client_id=uuid.UUID(int=1), visit_date=dt.date(2026, 11, 26), **fields)  # type: ignore[arg-type]


def test_a_visit_status_read_as_text_becomes_the_enum_and_stores_as_the_same_text() -> None:
    visit = _visit(status="final")  # the store hands over its column's text
    assert visit.status is VisitStatus.FINAL and visit.is_final
    assert visit.status == "final"
    assert not _visit().is_final and _visit().status == "draft"
    data = to_data(visit)
    assert data["status"] == "final" and json.dumps(data["status"]) == '"final"'
    assert from_data(Visit, data).status is VisitStatus.FINAL


def test_a_visit_status_set_as_text_after_loading_still_counts() -> None:
    visit = _visit()
    visit.status = "final"  # type: ignore[assignment]  # what the store does after saving
    assert visit.is_final


def test_an_unknown_visit_status_is_refused() -> None:
    with pytest.raises(ValueError):
        _visit(status="maybe")
    with pytest.raises(FormatError):
        from_data(Visit, {**to_data(_visit()), "status": "maybe"})


def test_every_source_step_has_its_own_key_and_a_plan_step_keeps_it_as_text() -> None:
    steps = [
        src.MILK_SUPPLY_STEP, *src.PREVENTION_STEPS, *src.CLOGGED_DUCT_TREATMENT_STEPS, *src.MASTITIS_TREATMENT_STEPS,
        src.WATCH_EARLY_SIGNS_STEP, src.WEAK_SUCKLE_STEP, *src.ABM36_CLOGGED_DUCT_TREATMENT_STEPS,
        *src.ABM36_MASTITIS_TREATMENT_STEPS,
    ]
    keys = [s.key for s in steps]
    assert len(keys) == len(set(keys)) and all(isinstance(k, StepKey) for k in keys)
    step = PlanStep("t", "r", "s", key=StepKey.FEED_OFTEN, section=SectionTitle.PREVENTION)
    assert type(step.key) is str and step.key == "feed_often"  # stored beside the consultant's own keys
    assert type(step.section) is str and step.section == "Preventing clogged ducts and mastitis"
    assert SECTION_CUSTOM == "More steps from your consultant"


def test_the_plan_names_each_topic_it_followed_in_words() -> None:
    client = Client("Amara", "Okafor", babies=[Baby("Noah", dt.date(2026, 11, 20), 3400, id=uuid.UUID(int=2))])
    visit = _visit(breast_finding=BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [Sign.LUMP, Sign.FEVER]))
    settings = PracticeSettings(mastitis_variant=PlanVariant.ABM36)
    plan = build_care_plan(Practice(settings=settings), client, visit)
    assert [(v.finding, v.topic) for v in plan.variants] == [
        (FindingTopic.CLOGGED_DUCT, "a clogged duct"),
        (FindingTopic.MASTITIS, "mastitis"),
    ]
    assert any(s.section == SECTION_MASTITIS for s in plan.steps)


def test_weighed_feed_cautions_have_codes() -> None:
    result = test_weight_intake(3000, 2990, 10, clothing_unchanged=False)
    assert [c.code for c in result.warnings] == [
        CautionCode.SCALE_TOO_COARSE, CautionCode.CLOTHING_CHANGED, CautionCode.POST_BELOW_PRE,
    ]
    assert result.warnings[0].code == "scale_too_coarse"


@pytest.mark.parametrize(
    ("location", "printed"),
    [(Location.HOME, "12 Home"), ("office", "11 Office"), (Location.VIRTUAL, "10 Telehealth in patient's home"),
     ("elsewhere", "")],
)
def test_place_of_service_by_location(location: Location | str, printed: str) -> None:
    assert place_of_service(location) == printed
