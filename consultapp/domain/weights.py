"""Infant weight arithmetic (CLINICAL.md section 4)."""

from __future__ import annotations


def weight_loss_pct(birth_weight_g: int, current_weight_g: int) -> float:
    """Percent of birth weight lost: (birth - current) / birth x 100; negative means a gain.

    Source: CLINICAL.md section 4 (AAP "First office visit 3-5 days"; Noel-Weiss et al., Open Med 2008).
    """
    if birth_weight_g <= 0:
        raise ValueError("birth weight must be positive")
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
