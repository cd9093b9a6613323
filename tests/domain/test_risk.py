"""Risk factors for clogged ducts and mastitis, from the source document (CLINICAL.md section 8)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.risk import (
    CLOGGED_DUCT_CAUSES,
    RISK_CAUSES,
    RiskFactor,
    RiskFactorFound,
    RiskInputs,
    risk_factors,
)
from consultapp.domain.settings import ClinicalThresholds

R = RiskFactor


def factors(inputs: RiskInputs, thresholds: ClinicalThresholds | None = None) -> list[RiskFactor]:
    found = risk_factors(inputs) if thresholds is None else risk_factors(inputs, thresholds)
    return [f.factor for f in found]


def test_nothing_recorded_finds_no_risk_factor() -> None:
    assert risk_factors(RiskInputs()) == []


def test_the_source_documents_nine_factors() -> None:
    assert len(RiskFactor) == 9
    assert CLOGGED_DUCT_CAUSES == {R.INFREQUENT_FEEDING, R.IMPROPER_LATCH, R.PRESSURE_ON_BREAST}
    assert R.TONGUE_TIE.label == "Tongue tie"
    assert not R.PREVIOUS_MASTITIS.causes_clogged_ducts


@pytest.mark.parametrize(("latch", "found"), [(0, True), (1, True), (2, False)])
def test_improper_latch_when_latch_item_below_2(latch: int, found: bool) -> None:
    result = risk_factors(RiskInputs(latch_item=latch))
    assert ([R.IMPROPER_LATCH] if found else []) == [f.factor for f in result]
    if found:
        assert result[0].reason == f"latch scored {latch} of 2"
        assert "clogged ducts" in result[0].source


def test_improper_latch_from_any_ineffective_sign_even_with_a_full_latch_score() -> None:
    (f,) = risk_factors(RiskInputs(latch_item=2, ineffective_latch_signs=("clicking", "cheek dimpling")))
    assert f.reason == "signs of an ineffective latch: clicking, cheek dimpling"
    (g,) = risk_factors(RiskInputs(latch_item=1, ineffective_latch_signs=("clicking",)))
    assert g.reason == "latch scored 1 of 2; signs of an ineffective latch: clicking"


@pytest.mark.parametrize(("feeds", "found"), [(0, True), (7, True), (8, False), (12, False)])
def test_infrequent_feeding_below_8_feeds(feeds: int, found: bool) -> None:
    result = risk_factors(RiskInputs(feeds_per_24h=feeds))
    assert ([R.INFREQUENT_FEEDING] if found else []) == [f.factor for f in result]
    if found:
        assert result[0].reason == f"{feeds} feeds in 24 hours (fewer than 8)"


@pytest.mark.parametrize(("btat", "found"), [(0, True), (5, True), (6, False), (8, False)])
def test_tongue_tie_at_btat_5_or_less(btat: int, found: bool) -> None:
    result = risk_factors(RiskInputs(btat_total=btat))
    assert ([R.TONGUE_TIE] if found else []) == [f.factor for f in result]
    if found:
        assert result[0].reason.startswith(f"tongue check (BTAT) {btat} of 8")
        assert "Ingram" in result[0].source


def test_tongue_tie_diagnosed_otherwise() -> None:
    (f,) = risk_factors(RiskInputs(btat_total=8, tongue_tie_diagnosed=True))
    assert (f.factor, f.reason) == (R.TONGUE_TIE, "tongue tie diagnosed")


@pytest.mark.parametrize(
    ("field", "factor"),
    [
        ("clogged_duct_present", R.CLOGGED_DUCT),
        ("pressure_on_breast", R.PRESSURE_ON_BREAST),
        ("weak_suckle", R.WEAK_SUCKLE),
        ("stopped_suddenly", R.SUDDEN_STOP),
        ("unrested", R.UNRESTED),
        ("previous_mastitis", R.PREVIOUS_MASTITIS),
    ],
)
def test_yes_no_factors(field: str, factor: RiskFactor) -> None:
    (f,) = risk_factors(RiskInputs(**{field: True}))  # type: ignore[arg-type]
    assert f.factor is factor and f.reason and "CLINICAL.md section 8" in f.source
    assert risk_factors(RiskInputs(**{field: False})) == []  # type: ignore[arg-type]


def test_thresholds_are_settings() -> None:
    assert factors(RiskInputs(feeds_per_24h=9), ClinicalThresholds(min_feeds_per_24h=10)) == [
        R.INFREQUENT_FEEDING
    ]
    assert factors(RiskInputs(btat_total=6), ClinicalThresholds(btat_impaired_at_most=6)) == [R.TONGUE_TIE]


@pytest.mark.parametrize(
    "changes",
    [{"latch_item": 3}, {"latch_item": -1}, {"btat_total": 9}, {"feeds_per_24h": -1}, {"latch_item": True}],
)
def test_out_of_range_inputs_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        RiskInputs(**changes)  # type: ignore[arg-type]


maybe_bool = st.one_of(st.none(), st.booleans())
risk_inputs = st.builds(
    RiskInputs,
    clogged_duct_present=maybe_bool,
    latch_item=st.one_of(st.none(), st.integers(0, 2)),
    ineffective_latch_signs=st.lists(
        st.sampled_from(["clicking", "lips tucked", "slipping off"]), max_size=2
    ).map(tuple),
    feeds_per_24h=st.one_of(st.none(), st.integers(0, 16)),
    pressure_on_breast=maybe_bool,
    btat_total=st.one_of(st.none(), st.integers(0, 8)),
    tongue_tie_diagnosed=maybe_bool,
    weak_suckle=maybe_bool,
    stopped_suddenly=maybe_bool,
    unrested=maybe_bool,
    previous_mastitis=maybe_bool,
)


def _cleared(inputs: RiskInputs, names: tuple[str, ...]) -> RiskInputs:
    return dataclasses.replace(
        inputs,
        **{n: () if n == "ineffective_latch_signs" else None for n in names},  # type: ignore[arg-type]
    )


@given(risk_inputs)
def test_each_factor_disappears_when_its_cause_is_removed_and_rests_only_on_it(inputs: RiskInputs) -> None:
    all_fields = tuple(f.name for f in dataclasses.fields(RiskInputs))
    found = risk_factors(inputs)
    assert len({f.factor for f in found}) == len(found)  # each factor once
    for f in found:
        assert isinstance(f, RiskFactorFound)
        assert f.factor not in factors(_cleared(inputs, RISK_CAUSES[f.factor]))
        others = tuple(n for n in all_fields if n not in RISK_CAUSES[f.factor])
        assert f in risk_factors(_cleared(inputs, others))
