"""Infant weight arithmetic (CLINICAL.md section 4)."""

from __future__ import annotations

from consultapp.domain.units import GRAMS_PER_OUNCE, WeightUnit


def weight_loss_pct(birth_weight_g: int, current_weight_g: int, unit: WeightUnit = WeightUnit.G) -> float:
    """Percent of birth weight lost: (birth - current) / birth x 100; negative means a gain.

    ``unit``: the practice's. Weights typed in pounds and ounces are kept in whole grams, which moves a loss by up
    to a few hundredths of a percent (6 lb 14 oz to 6 lb 3 oz is 10.0 % as typed, 9.97 % in stored grams); in an
    lb-oz practice the loss is read from the weights as she typed them (to a tenth of an ounce), so a loss shown
    as 10.0 % is flagged as 10 %.

    Source: CLINICAL.md section 4 (AAP "First office visit 3-5 days"; Noel-Weiss et al., Open Med 2008).
    """
    if birth_weight_g <= 0:
        raise ValueError("birth weight must be positive")
    if unit is WeightUnit.LB_OZ:
        birth_oz = round(birth_weight_g / GRAMS_PER_OUNCE * 10)  # tenths of an ounce, as typed
        current_oz = round(current_weight_g / GRAMS_PER_OUNCE * 10)
        return (birth_oz - current_oz) * 100 / birth_oz
    # Multiply before dividing: exact thresholds (7 %, 10 %) then compare exactly, with no rounding drift.
    return (birth_weight_g - current_weight_g) * 100 / birth_weight_g


MIN_PLAUSIBLE_WEIGHT_G = 300
MAX_PLAUSIBLE_WEIGHT_G = 25_000


def check_weight_g(value: int) -> None:
    """Raise ValueError for a baby weight outside any plausible range (300 g - 25 kg)."""
    if not MIN_PLAUSIBLE_WEIGHT_G <= value <= MAX_PLAUSIBLE_WEIGHT_G:
        raise ValueError(
            f"a baby's weight must be between {MIN_PLAUSIBLE_WEIGHT_G} g and {MAX_PLAUSIBLE_WEIGHT_G} g"
        )
