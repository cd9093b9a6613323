"""Jaundice and stool colour: what calls for the baby's doctor (CLINICAL.md section 12).

Pure rules; ``flags`` turns each concern into a red flag. Nothing here reassures: a section-12 finding always
goes under "When to call your doctor" and into the letter (CLINICAL.md section 18.6).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds

AAP_2022 = (
    "AAP hyperbilirubinemia guideline, Kemper et al., Pediatrics 2022;150(3):e2022058859 (CLINICAL.md section 12)"
)
STOOL_CARD = (
    "Stool colour card screening for biliary atresia, Taiwan: Hepatology 2008;47:1233 and Pediatrics "
    "2006;117(4):1147 (CLINICAL.md section 12)"
)
DARK_URINE_SOURCE = f"{STOOL_CARD}; dark urine: practice default, source not verified"


class JaundiceConcern(StrEnum):
    EARLY_ONSET = "early_onset"
    """Yellow in the first 24 hours of life: physician the same day (bilirubin as soon as possible)."""
    PROLONGED = "prolonged"
    """Still yellow at 3 weeks if breastfed (2 weeks if formula-fed): total and direct bilirubin."""
    PALE_STOOLS = "pale_stools"
    """Pale, clay or white stools: same day (possible biliary atresia)."""
    DARK_URINE = "dark_urine"


@dataclass(frozen=True)
class JaundiceReading:
    concern: JaundiceConcern
    reason: str
    """For the parent's plan, ending with what to do."""
    clinical: str
    """For the letter."""
    source: str


def jaundice_readings(
    *,
    jaundice: bool | None,
    onset_hours: int | None = None,
    days_since_birth: int | None = None,
    formula_fed: bool | None = None,
    pale_stools: bool | None = None,
    dark_urine: bool | None = None,
    thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS,
) -> list[JaundiceReading]:
    """The jaundice concerns these findings raise; an input not recorded (None) raises nothing.

    Onset below ``jaundice_early_onset_hours`` (24) hours of life is early (23 h yes, 24 h no). Jaundice still
    seen at ``prolonged_jaundice_breastfed_days`` (21 days, 3 weeks) of age, or ``prolonged_jaundice_formula_days``
    (14) for a formula-fed baby, is prolonged. Pale stools and dark urine are same-day whether or not the skin
    looks yellow.
    """
    t = thresholds
    out: list[JaundiceReading] = []
    if jaundice and onset_hours is not None and onset_hours < t.jaundice_early_onset_hours:
        out.append(
            JaundiceReading(
                JaundiceConcern.EARLY_ONSET,
                f"Your baby's skin or eyes turned yellow at {onset_hours} hours old. Yellow skin in the first day of "
                "life needs a blood test for jaundice as soon as possible. Call your baby's doctor today.",
                f"jaundice from {onset_hours} h of life (< {t.jaundice_early_onset_hours} h): same-day assessment, "
                "bilirubin as soon as possible",
                AAP_2022,
            )
        )
    limit = t.prolonged_jaundice_formula_days if formula_fed else t.prolonged_jaundice_breastfed_days
    if jaundice and days_since_birth is not None and days_since_birth >= limit:
        fed = "formula-fed" if formula_fed else "breastfed"
        out.append(
            JaundiceReading(
                JaundiceConcern.PROLONGED,
                f"Your baby still looks yellow at {days_since_birth} days old. Your baby's doctor needs to do a blood "
                "test for jaundice. Call your baby's doctor.",
                f"jaundice persisting at {days_since_birth} days ({fed}; {limit} days or more): please measure total "
                "and direct bilirubin (cholestasis)",
                AAP_2022,
            )
        )
    if pale_stools:
        out.append(
            JaundiceReading(
                JaundiceConcern.PALE_STOOLS,
                "Your baby's stools are pale, clay-coloured or white. This must be checked the same day. "
                "Call your baby's doctor today.",
                "pale, clay or white stools: same-day assessment (possible biliary atresia; Kasai before 60 days "
                "does better)",
                STOOL_CARD,
            )
        )
    if dark_urine:
        out.append(
            JaundiceReading(
                JaundiceConcern.DARK_URINE,
                "Your baby's urine is dark. This must be checked the same day. Call your baby's doctor today.",
                "dark urine: same-day assessment (with pale stools, possible biliary atresia)",
                DARK_URINE_SOURCE,
            )
        )
    return out
