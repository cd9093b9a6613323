"""Units at the edges: weights are kept in whole grams and temperatures in degrees Celsius.

Parsing and formatting for the units a consultant types and reads (g, kg, lb-oz; C, F). Rounding:
weights parse to the nearest whole gram (halves up); lb-oz shows ounces to ``oz_decimals`` places
(default 1, so a shown weight is within 1.42 g of the stored one; with 2 places, grams -> lb-oz ->
grams returns the same whole gram). Kilograms show 3 places, so they round-trip exactly.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum

GRAMS_PER_POUND = 453.59237  # exact, by the international definition of the pound
OUNCES_PER_POUND = 16
GRAMS_PER_OUNCE = GRAMS_PER_POUND / OUNCES_PER_POUND


class WeightUnit(StrEnum):
    G = "g"
    KG = "kg"
    LB_OZ = "lb_oz"

    @property
    def label(self) -> str:
        return {"g": "grams (g)", "kg": "kilograms (kg)", "lb_oz": "pounds and ounces (lb oz)"}[self.value]


class TemperatureUnit(StrEnum):
    C = "C"
    F = "F"


def _round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


_NUM = r"\d+(?:\.\d+)?|\.\d+"
_G_RE = re.compile(rf"\s*(?P<n>{_NUM})\s*(?:g|grams?)?\s*", re.IGNORECASE)
_KG_RE = re.compile(rf"\s*(?P<n>{_NUM})\s*(?:kg|kilos?|kilograms?)?\s*", re.IGNORECASE)
_LB_UNIT = r"lbs?|pounds?"
_OZ_UNIT = r"oz|ozs|ounces?"
_LB_OZ_RE = re.compile(
    rf"\s*(?P<a>{_NUM})\s*(?P<au>{_LB_UNIT}|{_OZ_UNIT})?"
    rf"(?:\s*(?P<b>{_NUM})\s*(?P<bu>{_OZ_UNIT})?)?\s*",
    re.IGNORECASE,
)


def _pounds_ounces_to_grams(text: str) -> float:
    m = _LB_OZ_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"write a weight in pounds and ounces like '7 lb 8 oz' or '7 8', not {text!r}")
    a = float(m["a"])
    a_unit = (m["au"] or "").lower()
    a_is_oz = a_unit.startswith(("oz", "ounce"))
    if m["b"] is None:
        # One number: ounces if marked so, else pounds ("7" or "7.5 lb").
        return a * GRAMS_PER_OUNCE if a_is_oz else a * GRAMS_PER_POUND
    if a_is_oz:
        raise ValueError(f"write pounds before ounces, not {text!r}")
    if not m["a"].isdigit():
        raise ValueError(f"with ounces given, pounds must be whole, not {m['a']!r}")
    ounces = float(m["b"])
    if ounces >= OUNCES_PER_POUND:
        raise ValueError(f"ounces must be below 16 when pounds are given, not {m['b']!r}")
    return a * GRAMS_PER_POUND + ounces * GRAMS_PER_OUNCE


def parse_weight(text: str, unit: WeightUnit) -> int:
    """Parse a weight typed in ``unit`` to whole grams (nearest gram, halves up).

    g: "3450", "3450 g". kg: "3.45", "3,45 kg" (a comma is read as the decimal point).
    lb-oz: "7 lb 8 oz", "7lb 8.5oz", "7 8" (pounds then ounces), "7 lb", "120 oz", "7.5" (pounds).
    A comma in grams ("3,450") or lb-oz is refused as ambiguous. Plausibility (e.g. 300 g - 25 kg) is
    the caller's check (``weights.check_weight_g``).

    Raises:
        ValueError: text that is not a weight in ``unit``.
    """
    unit = WeightUnit(unit)
    if unit is WeightUnit.G:
        m = _G_RE.fullmatch(text)
        if m is None:
            raise ValueError(f"write a weight in grams like '3450', not {text!r}")
        return _round_half_up(float(m["n"]))
    if unit is WeightUnit.KG:
        m = _KG_RE.fullmatch(text.replace(",", "."))
        if m is None:
            raise ValueError(f"write a weight in kilograms like '3.45', not {text!r}")
        return _round_half_up(float(m["n"]) * 1000)
    return _round_half_up(_pounds_ounces_to_grams(text))


def grams_to_lb_oz(grams: float, oz_decimals: int = 1) -> tuple[int, float]:
    """Whole pounds and ounces (rounded to ``oz_decimals`` places, always below 16) for ``grams`` >= 0."""
    if grams < 0:
        raise ValueError("weight must not be negative")
    scale = 10**oz_decimals
    # Round the total ounces once, then split, so 15.96 oz never shows as "16.0 oz".
    units = _round_half_up(grams / GRAMS_PER_OUNCE * scale)
    pounds, rest = divmod(units, OUNCES_PER_POUND * scale)
    return pounds, rest / scale


def format_weight(grams: float, unit: WeightUnit, *, oz_decimals: int = 1) -> str:
    """Show a weight (or a weight change, if negative) in ``unit``: "3450 g", "3.450 kg", "7 lb 9.7 oz"."""
    unit = WeightUnit(unit)
    magnitude = abs(grams)
    if unit is WeightUnit.G:
        body = f"{_round_half_up(magnitude)} g"
    elif unit is WeightUnit.KG:
        body = f"{_round_half_up(magnitude) / 1000:.3f} kg"
    else:
        pounds, ounces = grams_to_lb_oz(magnitude, oz_decimals)
        body = f"{pounds} lb {ounces:.{oz_decimals}f} oz"
    # No "-0 g": a change that rounds to nothing shows without a sign.
    shows_nonzero = any(c in "123456789" for c in body)
    return f"-{body}" if grams < 0 and shows_nonzero else body


def format_parent_weight(grams: float, unit: WeightUnit) -> str:
    """A weight on a family's document, without needless decimals: "6 lb 3 oz" (tenths of an ounce only
    under a pound, where they matter); grams and kilograms as ``format_weight`` gives them."""
    return format_weight(grams, unit, oz_decimals=0 if abs(grams) >= POUND_GRAMS else 1)


def format_limit(grams: float, unit: WeightUnit, *, upper: bool) -> str:
    """A range's end in round practice units, rounded inward so every weight inside the words is accepted:
    a lower limit of 300 g is "11 oz", an upper one of 25000 g "55 lb" (g and kg as ``format_weight``)."""
    unit = WeightUnit(unit)
    if unit is not WeightUnit.LB_OZ:
        return format_weight(grams, unit).replace(".000 kg", " kg")
    ounces = grams / GRAMS_PER_OUNCE
    if upper and ounces >= OUNCES_PER_POUND:
        return f"{math.floor(ounces / OUNCES_PER_POUND)} lb"
    whole = math.floor(ounces) if upper else math.ceil(ounces)
    pounds, rest = divmod(whole, OUNCES_PER_POUND)
    return " ".join(part for part in (f"{pounds} lb" if pounds else "", f"{rest} oz" if rest else "") if part)


POUND_GRAMS = 454
"""From this weight on, a parent's weight in pounds and ounces is given in whole ounces."""


def c_to_f(celsius: float) -> float:
    """Degrees Celsius to Fahrenheit: C x 9/5 + 32."""
    return celsius * 9 / 5 + 32


def f_to_c(fahrenheit: float) -> float:
    """Degrees Fahrenheit to Celsius: (F - 32) x 5/9."""
    return (fahrenheit - 32) * 5 / 9


MIN_PLAUSIBLE_TEMPERATURE_C = 30.0
MAX_PLAUSIBLE_TEMPERATURE_C = 45.0

_TEMP_RE = re.compile(rf"\s*(?P<n>{_NUM})\s*(?:°|deg(?:rees?)?)?\s*(?P<u>[CF])?\s*", re.IGNORECASE)


def parse_temperature(text: str, unit: TemperatureUnit) -> float:
    """Parse a body temperature to degrees Celsius, rounded to 0.01 C.

    A unit typed with the number ("101.3 F", "38,5 °C") wins over ``unit``; a comma is read as the
    decimal point. Rounding to 0.01 C keeps a Fahrenheit reading on its Celsius threshold: 101.3 F is
    38.5 C exactly, not 38.4999...

    Raises:
        ValueError: not a temperature, or outside 30-45 C (a typing slip, such as "385").
    """
    m = _TEMP_RE.fullmatch(text.replace(",", "."))
    if m is None:
        raise ValueError(f"write a temperature like '38.5', not {text!r}")
    value = float(m["n"])
    typed = TemperatureUnit(m["u"].upper()) if m["u"] else TemperatureUnit(unit)
    celsius = round(f_to_c(value) if typed is TemperatureUnit.F else value, 2)
    if not MIN_PLAUSIBLE_TEMPERATURE_C <= celsius <= MAX_PLAUSIBLE_TEMPERATURE_C:
        raise ValueError(f"{text.strip()!r} is not a plausible body temperature")
    return celsius


def format_temperature(celsius: float, unit: TemperatureUnit) -> str:
    """Show a temperature to one decimal place in ``unit``: "38.5 °C", "101.3 °F"."""
    unit = TemperatureUnit(unit)
    value = c_to_f(celsius) if unit is TemperatureUnit.F else celsius
    return f"{value:.1f} °{unit.value}"


def parse_weight_any(text: str, default_unit: WeightUnit) -> int:
    """Parse a weight in whatever unit it is typed ("3.4 kg", "7 lb 8 oz", "3400 g"), else ``default_unit``.

    A bare number is read in the practice's unit, so a consultant who weighs in pounds types "7 8".
    """
    lowered = text.strip().lower()
    if "lb" in lowered or "oz" in lowered:
        return parse_weight(text, WeightUnit.LB_OZ)
    if lowered.endswith("kg"):
        return parse_weight(text, WeightUnit.KG)
    if lowered.endswith("g"):
        return parse_weight(text, WeightUnit.G)
    return parse_weight(text, default_unit)


def format_per_day(grams_per_day: float, unit: WeightUnit) -> str:
    """A daily gain (or loss) as a size: "31 g a day", or "1.1 oz a day" for a practice working in lb-oz."""
    if WeightUnit(unit) is WeightUnit.LB_OZ:
        return f"{abs(grams_per_day) / GRAMS_PER_OUNCE:.1f} oz a day"
    return f"{abs(grams_per_day):.0f} g a day"


def axis_unit(unit: WeightUnit) -> tuple[str, float]:
    """What a chart's weight axis counts in, and its size in grams: ("g", 1), ("kg", 1000), ("lb", 453.59237)."""
    return {
        WeightUnit.G: ("g", 1.0), WeightUnit.KG: ("kg", 1000.0), WeightUnit.LB_OZ: ("lb", GRAMS_PER_POUND),
    }[WeightUnit(unit)]


def per_day_unit(unit: WeightUnit) -> tuple[str, float]:
    """What a daily gain is typed and shown in, and its size in grams: ("g/day", 1), or ("oz/day", 28.35...)
    in a practice that weighs in pounds and ounces."""
    return ("oz/day", GRAMS_PER_OUNCE) if WeightUnit(unit) is WeightUnit.LB_OZ else ("g/day", 1.0)


def format_gain(grams_per_day: float, unit: WeightUnit) -> str:
    """A signed daily change, short: "+31 g/day", "-1.1 oz/day" (the letters' and tables' form)."""
    name, size = per_day_unit(unit)
    value = grams_per_day / size
    return f"{value:+.1f} {name}" if size != 1.0 else f"{value:+.0f} {name}"


_C_AND_F_RE = re.compile(r"(?P<c>\d+(?:\.\d+)?) °C \((?P<f>\d+(?:\.\d+)?) °F\)")


def temperatures_in(text: str, unit: TemperatureUnit) -> str:
    """Text that gives a temperature both ways ("38.5 °C (101.3 °F)", as the flag rules write it) with the
    practice's unit only: "101.3 °F" in a Fahrenheit practice, "38.5 °C" in a Celsius one."""
    fahrenheit = TemperatureUnit(unit) is TemperatureUnit.F
    return _C_AND_F_RE.sub(lambda m: f"{m['f']} °F" if fahrenheit else f"{m['c']} °C", text)


def format_fine_weight(grams: float, unit: WeightUnit) -> str:
    """A small weight - a scale's resolution, a test weight's difference: "2 g", or "0.07 oz" in lb-oz."""
    if WeightUnit(unit) is WeightUnit.LB_OZ:
        return f"{grams / GRAMS_PER_OUNCE:.2f} oz"
    return f"{grams:g} g"


_PER_DAY_RE = re.compile(r"(?P<n>\d+(?:\.\d+)?) g/day")
_GRAMS_RE = re.compile(r"(?P<n>\d+(?:\.\d+)?) g\b")
_CELSIUS_RE = re.compile(r"(?P<n>\d+(?:\.\d+)?) (?:°C|C)\b")


def figures_in(text: str, weight_unit: WeightUnit, temperature_unit: TemperatureUnit) -> str:
    """Prose that quotes figures in grams and Celsius (a threshold's source: "At least 20 g/day", "38.5 C or
    more") with each figure in the practice's units ("At least 0.71 oz/day", "101.3 °F or more")."""
    if WeightUnit(weight_unit) is WeightUnit.LB_OZ:
        text = _PER_DAY_RE.sub(lambda m: f"{float(m['n']) / GRAMS_PER_OUNCE:.2f} oz/day", text)
        text = _GRAMS_RE.sub(lambda m: format_fine_weight(float(m["n"]), WeightUnit.LB_OZ), text)
    if TemperatureUnit(temperature_unit) is TemperatureUnit.F:
        text = _CELSIUS_RE.sub(lambda m: format_temperature(float(m["n"]), TemperatureUnit.F), text)
    return text
