"""Records survive the trip to JSON and back exactly; malformed data is refused with a clear message."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from factories import make_baby, make_client, make_feed, make_visit, make_weighing
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    BreastMapFinding,
    ChosenStep,
    Client,
    LactationHistory,
    ParentState,
    PlanEdits,
    PracticeSettings,
    TestWeight,
    TongueAssessment,
    Visit,
)
from consultapp.domain.serialize import FormatError, from_data, to_data
from consultapp.domain.vocabulary import FindingKind, Position, Sex, Side


def rich_visit() -> Visit:
    baby = uuid.uuid4()
    return make_visit(
        uuid.uuid4(),
        dt.date(2026, 11, 26),
        reason="Lump & <fever> 🌸",
        assessments=[
            make_weighing(
                baby,
                3100,
                feeds=[make_feed(positions=[Position.FOOTBALL], latch=LatchScore(1, 2, None, 2, 1))],
                tongue=TongueAssessment(btat=BtatScore(1, 1, 1, 1), kotlow_mm=9.5),
                test_weight=TestWeight(3100, 3160, 5.0, False),
            )
        ],
        map_findings=[BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, 3.0)],
        parent=ParentState(temperature_c=38.9, chills=True),
        plan=PlanEdits([ChosenStep("k", "text")], "plan", dt.date(2026, 12, 1)),
        id=uuid.uuid4(),
        version=3,
    )


def test_a_visit_round_trips_through_json() -> None:
    visit = rich_visit()
    assert from_data(Visit, json.loads(json.dumps(to_data(visit)))) == visit


def test_a_client_and_settings_round_trip() -> None:
    client = make_client(
        "Nguyễn Thị",
        "Ánh",
        date_of_birth=dt.date(1990, 1, 2),
        babies=[make_baby("Bé", sex=Sex.FEMALE, birth_time=dt.time(3, 4))],
        history=LactationHistory(previous_mastitis=True),
    )
    assert from_data(Client, to_data(client)) == client
    assert from_data(PracticeSettings, to_data(PracticeSettings())) == PracticeSettings()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(visit_date="26/11/2026"), "visit_date: not an ISO date"),
        (lambda d: d.update(location="moon"), "location"),
        (lambda d: d["assessments"][0].update(weight_g="heavy"), "weight_g: expected a whole number"),
        (lambda d: d["assessments"][0]["feeds"][0]["latch"].update(latch=7), "latch"),
        (lambda d: d.update(surprise=1), "unknown field(s) surprise"),
        (lambda d: d.pop("client_id"), "missing field client_id"),
        (lambda d: d["map_findings"][0].update(clock=13), "clock position"),
    ],
)
def test_malformed_data_is_refused_with_where_and_why(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = to_data(rich_visit())
    mutate(data)
    with pytest.raises(FormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        from_data(Visit, data)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(), lambda c: st.lists(c) | st.dictionaries(st.text(), c)
)


@given(JSON)
def test_arbitrary_json_never_crashes_only_refuses(data: object) -> None:
    try:
        from_data(Visit, data)
    except FormatError:
        pass
