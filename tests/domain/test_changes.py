"""An amendment's changes in the consultant's words: form labels, twins by name, values in her units."""

from __future__ import annotations

import datetime as dt
import uuid

from consultapp.domain.changes import assessment_names, change_label, change_value, shown_changes
from consultapp.domain.records import BabyAssessment, FieldChange, Visit
from consultapp.domain.units import TemperatureUnit, WeightUnit

F, C = TemperatureUnit.F, TemperatureUnit.C
LB, G = WeightUnit.LB_OZ, WeightUnit.G


def test_paths_become_the_forms_labels() -> None:
    assert change_label("parent.temperature_c") == "Temperature"
    assert change_label("plan.steps.9.reason") == "Plan step 10: reason"
    assert change_label("reason") == "Reason for visit"
    assert change_label("parent.chills") == "Chills"
    assert change_label("assessments.0.feeds.1.duration_min", ["Ava"]) == "Ava: feed 2: duration (minutes)"


def test_twins_are_named_and_an_unnamed_baby_is_numbered() -> None:
    names = ["Ava", "Bao"]
    assert change_label("assessments.1.weight_g", names) == "Bao: weight"
    assert change_label("assessments.0.weight_g", names) == "Ava: weight"
    assert change_label("assessments.1.weight_g", ["Ava", ""]) == "Baby 2: weight"


def test_assessment_names_follow_the_visits_order() -> None:
    ava, bao = uuid.uuid4(), uuid.uuid4()
    visit = Visit(uuid.uuid4(), dt.date(2026, 5, 1), assessments=[BabyAssessment(bao), BabyAssessment(ava)])
    assert assessment_names(visit, {ava: "Ava", bao: "Bao"}) == ["Bao", "Ava"]


def test_values_are_in_the_practices_units() -> None:
    assert change_value("parent.temperature_c", 38.5, LB, F) == "101.3 °F"
    assert change_value("parent.temperature_c", 38.5, G, C) == "38.5 °C"
    assert change_value("assessments.1.weight_g", 3232, LB, F) == "7 lb 2.0 oz"
    assert change_value("assessments.1.weight_g", 3232, G, C) == "3232 g"
    assert change_value("assessments.0.test_weight.pre_g", 4000, WeightUnit.KG, C) == "4.000 kg"
    assert change_value("plan.steps.9.reason", "", LB, F) == "(empty)"
    assert change_value("parent.chills", True, LB, F) == "yes"


def test_a_whole_list_of_changes_reads_without_grams_or_celsius() -> None:
    changes = (FieldChange("parent.temperature_c", 38.0, 38.5), FieldChange("assessments.1.weight_g", None, 3232))
    shown = [str(c) for c in shown_changes(changes, ["Ava", "Bao"], LB, F)]
    assert shown == ["Temperature: 100.4 °F -> 101.3 °F", "Bao: weight: (empty) -> 7 lb 2.0 oz"]
    assert not any(" g" in s or "°C" in s for s in shown)
