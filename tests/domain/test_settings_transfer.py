"""The practice's settings as a plain mapping and back: a round trip, and every refusal naming its key."""

from __future__ import annotations

import base64
import copy
import dataclasses
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultapp.domain.records import BillingIdentifiers, Practice, PracticeSettings
from consultapp.domain.settings import ClinicalThresholds, HazelbakerRule
from consultapp.domain.settings_transfer import (
    FORMAT,
    MAX_LOGO_BYTES,
    THRESHOLD_LIMITS,
    SettingsFileError,
    practice_settings_from_mapping,
    practice_settings_to_mapping,
)
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.domain.vocabulary import PlanVariant

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def full_practice() -> Practice:
    """A practice where every setting differs from its default."""
    thresholds = ClinicalThresholds(
        weight_loss_amber_pct=6.5, weight_loss_red_pct=9.5, not_regained_amber_day=11, not_regained_red_day=15,
        min_gain_g_per_day=25, min_gain_until_day=120, test_weight_max_resolution_g=1.0, min_feeds_per_24h=9,
        fever_threshold_c=38.33, btat_impaired_at_most=4, latch_further_evaluation_below=6,
        hazelbaker_rule=HazelbakerRule.BALLARD, disabled_flags=frozenset({"jaundice", "slow_gain"}))
    return Practice(
        name="Mia 🌸 Sørensen Lactation", consultant_name="Nguyễn Thị Hoa", credentials="IBCLC, RN",
        address="1 Harbour Road\nSampletown 12345", phone="+1 555 0100", email="hoa@example.org", fax="555 0101",
        logo=PNG,
        settings=PracticeSettings(thresholds=thresholds, clogged_duct_variant=PlanVariant.ABM36,
                                  mastitis_variant=PlanVariant.ABM36, weight_unit=WeightUnit.LB_OZ,
                                  temperature_unit=TemperatureUnit.F, paper="letter"),
        identifiers=BillingIdentifiers("1234567893", "12-3456789", "1987654328", "163WL0100X", "L-12345"))


def test_every_setting_makes_the_round_trip() -> None:
    practice = full_practice()
    data = practice_settings_to_mapping(practice)
    assert data["format"] == FORMAT and data["version"] == 1
    assert data["settings"]["mastitis_variant"] == "abm36"
    assert data["thresholds"]["disabled_flags"] == ["jaundice", "slow_gain"]
    assert base64.b64decode(data["letterhead"]["logo"]) == PNG
    assert practice_settings_from_mapping(data) == practice
    # Every field of the dataclasses travels (a threshold added later too).
    assert set(data["thresholds"]) == {f.name for f in dataclasses.fields(ClinicalThresholds)}
    assert set(data["settings"]) == {f.name for f in dataclasses.fields(PracticeSettings)} - {"thresholds"}
    assert set(data["billing"]) == {f.name for f in dataclasses.fields(BillingIdentifiers)}


def test_read_onto_a_practice_keeps_its_id_and_version_and_changes_nothing_of_the_original() -> None:
    stored = Practice(name="Old name", id=None, version=3)
    before = copy.deepcopy(stored)
    result = practice_settings_from_mapping(practice_settings_to_mapping(full_practice()), stored)
    assert stored == before
    assert result.version == 3 and result.name == "Mia 🌸 Sørensen Lactation"


def test_a_key_left_out_keeps_the_value_it_had() -> None:
    onto = full_practice()
    result = practice_settings_from_mapping(
        {"format": FORMAT, "version": 1, "settings": {"mastitis_variant": "source_document"},
         "thresholds": {"fever_threshold_c": 39}}, onto)
    assert result.settings.mastitis_variant is PlanVariant.SOURCE_DOCUMENT
    assert result.settings.thresholds.fever_threshold_c == 39
    assert result.settings.clogged_duct_variant is PlanVariant.ABM36  # left out: as it was
    assert result.logo == PNG and result.identifiers == onto.identifiers and result.name == onto.name
    # An empty logo removes it; whole numbers given as 10.0 are taken.
    result = practice_settings_from_mapping({"format": FORMAT, "version": 1, "letterhead": {"logo": ""},
                                             "thresholds": {"min_feeds_per_24h": 10.0}}, onto)
    assert result.logo is None and result.settings.thresholds.min_feeds_per_24h == 10


def _valid() -> dict[str, Any]:
    return practice_settings_to_mapping(full_practice())


def _with(table: str | None, key: str, value: object) -> dict[str, Any]:
    data = _valid()
    (data if table is None else data[table])[key] = value
    return data


REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    ({"version": 1}, "format", "is this a practice settings file"),
    (_with(None, "format", "consultapp-client-export"), "format", "not 'consultapp-client-export'"),
    (_with(None, "version", 2), "version", "newer than this ConsultApp reads"),
    (_with(None, "version", 0), "version", "not a version"),
    (_with(None, "version", "1"), "version", "whole number"),
    (_with(None, "version", True), "version", "whole number"),
    (_with(None, "colour", "blue"), "", "unknown key: colour"),
    (_with(None, "settings", 3), "settings", "must be a table"),
    (_with(None, "letterhead", ["x"]), "letterhead", "must be a table"),
    (_with("settings", "font", "big"), "settings", "unknown key: font"),
    (_with("thresholds", "weight_loss_pct", 7), "thresholds", "unknown key: weight_loss_pct"),
    (_with("billing", "iban", "x"), "billing", "unknown key: iban"),
    (_with("letterhead", "motto", "x"), "letterhead", "unknown key: motto"),
    (_with("settings", "mastitis_variant", "abm4"), "settings.mastitis_variant",
     "one of source_document, abm36"),
    (_with("settings", "weight_unit", 1), "settings.weight_unit", "one of g, kg, lb_oz"),
    (_with("settings", "paper", "a5"), "settings.paper", "one of a4, letter"),
    (_with("thresholds", "hazelbaker_rule", "kotlow"), "thresholds.hazelbaker_rule", "one of hazelbaker, ballard"),
    (_with("thresholds", "weight_loss_amber_pct", "7"), "thresholds.weight_loss_amber_pct", "must be a number"),
    (_with("thresholds", "weight_loss_amber_pct", True), "thresholds.weight_loss_amber_pct", "must be a number"),
    (_with("thresholds", "fever_threshold_c", math.nan), "thresholds.fever_threshold_c", "must be a number"),
    (_with("thresholds", "fever_threshold_c", math.inf), "thresholds.fever_threshold_c", "must be a number"),
    (_with("thresholds", "weight_loss_amber_pct", 7.25), "thresholds.weight_loss_amber_pct", "at most 1 decimal"),
    (_with("thresholds", "fever_threshold_c", 38.555), "thresholds.fever_threshold_c", "at most 2 decimals"),
    (_with("thresholds", "min_gain_g_per_day", 20.555), "thresholds.min_gain_g_per_day", "at most 2 decimals"),
    (_with("thresholds", "min_feeds_per_24h", 8.5), "thresholds.min_feeds_per_24h", "whole number"),
    (_with("thresholds", "weight_loss_amber_pct", 12), "thresholds", "not above the red one"),
    (_with("thresholds", "disabled_flags", ["jaundice", "sunburn"]), "thresholds.disabled_flags",
     "unknown: sunburn"),
    (_with("thresholds", "disabled_flags", "jaundice"), "thresholds.disabled_flags", "list of words"),
    (_with("billing", "tax_id", 123456789), "billing.tax_id", "must be text"),
    (_with("letterhead", "name", "Harbour\nLactation"), "letterhead.name", "control character"),
    (_with("letterhead", "phone", "555\x000100"), "letterhead.phone", "control character"),
    (_with("letterhead", "address", "1 Road\tTown"), "letterhead.address", "only line breaks"),
    (_with("letterhead", "email", "x" * 40000), "letterhead.email", "at most 32767"),
    (_with("letterhead", "logo", "not base64!"), "letterhead.logo", "not base64"),
    (_with("letterhead", "logo", 7), "letterhead.logo", "base64 text"),
    (_with("letterhead", "logo", base64.b64encode(b"GIF89a" + b"\0" * 30).decode()), "letterhead.logo",
     "PNG or JPEG"),
    (_with("letterhead", "logo", base64.b64encode(PNG + b"\0" * MAX_LOGO_BYTES).decode()), "letterhead.logo",
     "at most 512 KB"),
]
REFUSALS += [  # each threshold just outside the settings page's range
    (_with("thresholds", name, value), f"thresholds.{name}", "is not between")
    for name, (low, high, _decimals) in THRESHOLD_LIMITS.items()
    for value in (low - 1, high + 1)
]


@pytest.mark.parametrize(("data", "key", "says"), REFUSALS)
def test_each_bad_value_is_refused_by_name(data: dict[str, Any], key: str, says: str) -> None:
    onto = full_practice()
    before = copy.deepcopy(onto)
    with pytest.raises(SettingsFileError) as caught:
        practice_settings_from_mapping(data, onto)
    assert caught.value.key == key
    assert says in str(caught.value)
    assert str(caught.value).startswith(f"{key}: " if key else says[:5])
    assert "\n" not in str(caught.value)
    assert onto == before


def test_the_address_may_hold_line_breaks_and_text_is_trimmed() -> None:
    data = _with("letterhead", "address", "  1 Road\nTown  ")
    assert practice_settings_from_mapping(data).address == "1 Road\nTown"


# -- malformed shapes: a settings file either reads or is refused with the one error -------------------------

toml_scalars = st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                         st.text(max_size=30), st.dates())
toml_values = st.recursive(toml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(["format", "version", "settings", "thresholds", "billing", "letterhead",
                                        "other"]), toml_values, max_size=7))
def test_any_shape_reads_or_is_refused_with_one_error(data: dict[str, Any]) -> None:
    try:
        practice_settings_from_mapping(data)
    except SettingsFileError as exc:
        assert str(exc) and "\n" not in str(exc)


def _keys() -> list[tuple[str, str]]:
    data = _valid()
    return [(table, key) for table in ("settings", "thresholds", "billing", "letterhead") for key in data[table]]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(_keys()), toml_values)
def test_any_value_in_a_valid_file_reads_or_is_refused_naming_its_key(where: tuple[str, str], value: object) -> None:
    table, key = where
    onto = full_practice()
    try:
        result = practice_settings_from_mapping(_with(table, key, value), onto)
    except SettingsFileError as exc:
        assert exc.key in (table, f"{table}.{key}")
        return
    # Taken: the value is kept as given (as its kind: an enum, a set, trimmed text, the logo's bytes).
    again = practice_settings_to_mapping(result)
    assert practice_settings_from_mapping(again) == result
