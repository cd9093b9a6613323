"""Clinical thresholds: CLINICAL.md defaults, each with a source, validated and storable."""

from __future__ import annotations

import dataclasses

import pytest

from consultapp.domain.settings import (
    DEFAULT_THRESHOLDS,
    SOURCES,
    ClinicalThresholds,
    HazelbakerRule,
    source_of,
)


def test_defaults_are_those_of_clinical_md() -> None:
    t = ClinicalThresholds()
    assert (t.weight_loss_amber_pct, t.weight_loss_red_pct) == (7.0, 10.0)
    assert (t.not_regained_amber_day, t.not_regained_red_day) == (10, 14)
    assert t.min_gain_g_per_day == 20.0
    assert t.test_weight_max_resolution_g == 2.0
    assert t.min_feeds_per_24h == 8
    assert t.fever_threshold_c == 38.5
    assert t.btat_impaired_at_most == 5
    assert t.latch_further_evaluation_below == 7
    assert t.hazelbaker_rule is HazelbakerRule.HAZELBAKER
    assert t == DEFAULT_THRESHOLDS


def test_every_setting_names_its_source() -> None:
    names = {f.name for f in dataclasses.fields(ClinicalThresholds)}
    assert set(SOURCES) == names
    assert all("CLINICAL.md section" in SOURCES[n] for n in names)
    assert "Haase" in source_of("test_weight_max_resolution_g")
    assert "Savenije" in source_of("test_weight_max_resolution_g")
    assert "Powers" in source_of("min_gain_g_per_day")
    assert "Ballard" in source_of("hazelbaker_rule")
    with pytest.raises(KeyError):
        source_of("no_such_setting")


@pytest.mark.parametrize(
    "changes",
    [
        {"weight_loss_amber_pct": 11.0},
        {"weight_loss_amber_pct": 0.0},
        {"not_regained_amber_day": 15},
        {"test_weight_max_resolution_g": 0},
        {"fever_threshold_c": 101.3},
        {"btat_impaired_at_most": 9},
        {"latch_further_evaluation_below": 11},
        {"min_feeds_per_24h": -1},
        {"hazelbaker_rule": "nobody"},
    ],
)
def test_inconsistent_settings_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ClinicalThresholds(**changes)  # type: ignore[arg-type]


def test_round_trip_through_plain_values_ignores_unknown_names() -> None:
    t = ClinicalThresholds(hazelbaker_rule=HazelbakerRule.BALLARD, disabled_flags=frozenset({"jaundice"}))
    stored = t.to_dict()
    assert stored["hazelbaker_rule"] == "ballard"
    assert stored["disabled_flags"] == ["jaundice"]
    assert ClinicalThresholds.from_dict({**stored, "from_a_newer_version": 1}) == t


def test_thresholds_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_THRESHOLDS.weight_loss_red_pct = 12.0  # type: ignore[misc]
