"""Weight and temperature units: parsing, formatting and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.domain.units import (
    GRAMS_PER_OUNCE,
    TemperatureUnit,
    WeightUnit,
    c_to_f,
    f_to_c,
    format_limit,
    format_temperature,
    format_weight,
    grams_to_lb_oz,
    parse_temperature,
    parse_weight,
    parse_weight_any,
)

G, KG, LB = WeightUnit.G, WeightUnit.KG, WeightUnit.LB_OZ


@pytest.mark.parametrize(
    ("text", "unit", "grams"),
    [
        ("3450", G, 3450),
        (" 3450 g ", G, 3450),
        ("3450grams", G, 3450),
        ("3449.5", G, 3450),  # halves round up
        ("3.45", KG, 3450),
        ("3,45 kg", KG, 3450),
        ("3.4505 kg", KG, 3451),
        ("7 lb 8 oz", LB, 3402),  # 7 x 453.59237 + 8 x 28.3495 = 3401.94
        ("7lb 8.5oz", LB, 3416),
        ("7 8", LB, 3402),
        ("7 lbs 8 ozs", LB, 3402),
        ("7 pounds 8 ounces", LB, 3402),
        ("7 lb 8", LB, 3402),
        ("7 LB", LB, 3175),
        ("7.5", LB, 3402),
        ("120 oz", LB, 3402),
        ("0 lb 15.9 oz", LB, 451),
    ],
)
def test_parse_weight(text: str, unit: WeightUnit, grams: int) -> None:
    assert parse_weight(text, unit) == grams


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("", G),
        ("abc", G),
        ("3,450", G),  # thousands separator or decimal comma: ambiguous
        ("-3450", G),
        ("3.45 lb", KG),
        ("7 lb 16 oz", LB),
        ("7 lb 8 oz 3", LB),
        ("8 oz 7 lb", LB),
        ("7.5 lb 3 oz", LB),
        ("7,8", LB),
        ("3450 g", KG),
    ],
)
def test_parse_weight_refuses_what_it_cannot_read(text: str, unit: WeightUnit) -> None:
    with pytest.raises(ValueError):
        parse_weight(text, unit)


@pytest.mark.parametrize(
    ("grams", "unit", "text"),
    [
        (3450, G, "3450 g"),
        (3450, KG, "3.450 kg"),
        (3450, LB, "7 lb 9.7 oz"),
        (3402, LB, "7 lb 8.0 oz"),
        (453, LB, "1 lb 0.0 oz"),  # 15.98 oz rounds into the next pound
        (-25, G, "-25 g"),
        (-0.3, G, "0 g"),
        (-25, LB, "-0 lb 0.9 oz"),
    ],
)
def test_format_weight(grams: float, unit: WeightUnit, text: str) -> None:
    assert format_weight(grams, unit) == text


def test_format_weight_ounce_places_are_a_choice() -> None:
    assert format_weight(3450, LB, oz_decimals=2) == "7 lb 9.70 oz"
    assert format_weight(3450, LB, oz_decimals=0) == "7 lb 10 oz"


@given(st.integers(0, 25_000), st.sampled_from([G, KG]))
def test_grams_and_kilograms_round_trip_exactly(grams: int, unit: WeightUnit) -> None:
    assert parse_weight(format_weight(grams, unit), unit) == grams


@given(st.integers(0, 25_000))
def test_lb_oz_with_two_places_round_trips_exactly(grams: int) -> None:
    assert parse_weight(format_weight(grams, LB, oz_decimals=2), LB) == grams


@given(st.integers(0, 25_000))
def test_lb_oz_with_one_place_round_trips_within_half_a_tenth_ounce(grams: int) -> None:
    back = parse_weight(format_weight(grams, LB), LB)
    assert abs(back - grams) <= GRAMS_PER_OUNCE * 0.05 + 0.5  # display rounding + whole-gram rounding


@given(st.integers(0, 40), st.decimals(0, "15.9", places=1))
def test_lb_oz_text_round_trips_through_grams(pounds: int, ounces: object) -> None:
    grams = parse_weight(f"{pounds} lb {ounces} oz", LB)
    lb, oz = grams_to_lb_oz(grams, oz_decimals=1)
    assert lb * 16 + oz == pytest.approx(pounds * 16 + float(ounces), abs=0.051)  # type: ignore[arg-type]


def test_grams_to_lb_oz_never_shows_16_ounces() -> None:
    assert grams_to_lb_oz(3628.5) == (8, 0.0)
    with pytest.raises(ValueError):
        grams_to_lb_oz(-1)


# --- temperature --------------------------------------------------------------------------------


@pytest.mark.parametrize(("c", "f"), [(0, 32), (100, 212), (37, 98.6), (38.5, 101.3), (-40, -40)])
def test_celsius_fahrenheit(c: float, f: float) -> None:
    assert c_to_f(c) == pytest.approx(f)
    assert f_to_c(f) == pytest.approx(c)


@given(st.floats(-100, 100, allow_nan=False))
def test_temperature_round_trip(c: float) -> None:
    assert f_to_c(c_to_f(c)) == pytest.approx(c, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "unit", "celsius"),
    [
        ("38.5", TemperatureUnit.C, 38.5),
        ("38,5", TemperatureUnit.C, 38.5),
        ("101.3", TemperatureUnit.F, 38.5),  # exactly on the fever threshold, not 38.4999...
        ("101.3 °F", TemperatureUnit.C, 38.5),  # a typed unit wins
        ("38.5 C", TemperatureUnit.F, 38.5),
        ("98.6 degrees F", TemperatureUnit.C, 37.0),
        ("37.2°c", TemperatureUnit.F, 37.2),
    ],
)
def test_parse_temperature(text: str, unit: TemperatureUnit, celsius: float) -> None:
    assert parse_temperature(text, unit) == celsius


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("385", TemperatureUnit.C),
        ("38.5", TemperatureUnit.F),
        ("hot", TemperatureUnit.C),
        ("", TemperatureUnit.C),
    ],
)
def test_parse_temperature_refuses_implausible_or_unreadable(text: str, unit: TemperatureUnit) -> None:
    with pytest.raises(ValueError):
        parse_temperature(text, unit)


@given(st.decimals("95.0", "108.0", places=1))
def test_fahrenheit_readings_keep_their_order_against_the_threshold(f: object) -> None:
    # A reading at or above 101.3 F is at or above 38.5 C, and one below is below.
    c = parse_temperature(f"{f}", TemperatureUnit.F)
    assert (c >= 38.5) == (float(f) >= 101.3)  # type: ignore[arg-type]


def test_format_temperature() -> None:
    assert format_temperature(38.5, TemperatureUnit.C) == "38.5 °C"
    assert format_temperature(38.5, TemperatureUnit.F) == "101.3 °F"


@pytest.mark.parametrize(
    ("text", "default", "grams"),
    [
        ("3400", WeightUnit.G, 3400),
        ("3.4 kg", WeightUnit.G, 3400),
        ("3400 g", WeightUnit.LB_OZ, 3400),
        ("7 lb 8 oz", WeightUnit.KG, 3402),
        ("3.4", WeightUnit.KG, 3400),
        ("7 8", WeightUnit.LB_OZ, 3402),
    ],
)
def test_a_weight_is_read_in_the_unit_typed_or_the_practice_unit(text: str, default: WeightUnit, grams: int) -> None:
    assert parse_weight_any(text, default) == grams


def test_axis_gain_fine_weights_and_flag_temperatures_in_the_practices_unit() -> None:
    from consultapp.domain.units import (
        GRAMS_PER_POUND,
        TemperatureUnit,
        WeightUnit,
        axis_unit,
        format_fine_weight,
        format_gain,
        per_day_unit,
        temperatures_in,
    )

    assert axis_unit(WeightUnit.LB_OZ) == ("lb", GRAMS_PER_POUND)
    assert axis_unit(WeightUnit.KG) == ("kg", 1000.0)
    assert per_day_unit(WeightUnit.LB_OZ)[0] == "oz/day" and per_day_unit(WeightUnit.G) == ("g/day", 1.0)
    assert format_gain(-30, WeightUnit.LB_OZ) == "-1.1 oz/day"
    assert format_gain(31, WeightUnit.G) == "+31 g/day"
    assert format_fine_weight(2, WeightUnit.LB_OZ) == "0.07 oz" and format_fine_weight(2, WeightUnit.G) == "2 g"
    both = "You have a temperature of 38.5 °C (101.3 °F) with chills."
    assert temperatures_in(both, TemperatureUnit.F) == "You have a temperature of 101.3 °F with chills."
    assert temperatures_in(both, TemperatureUnit.C) == "You have a temperature of 38.5 °C with chills."


def test_a_range_end_is_said_in_round_practice_units_rounded_inward() -> None:
    assert format_limit(300, WeightUnit.LB_OZ, upper=False) == "11 oz"
    assert format_limit(25_000, WeightUnit.LB_OZ, upper=True) == "55 lb"
    assert format_limit(1000, WeightUnit.LB_OZ, upper=False) == "2 lb 4 oz"
    assert format_limit(300, WeightUnit.G, upper=False) == "300 g"
    assert format_limit(25_000, WeightUnit.KG, upper=True) == "25 kg"
