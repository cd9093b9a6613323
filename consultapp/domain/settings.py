"""Clinical thresholds as one typed settings object, each default with its source (CLINICAL.md 1-7)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class HazelbakerRule(StrEnum):
    """Which published decision rule reads Hazelbaker ATLFF subtotals (CLINICAL.md section 2).

    HAZELBAKER: function < 11 with appearance < 8 means impaired function.
    BALLARD: appearance <= 8 and/or function <= 11 indicates ankyloglossia (Ballard et al. 2002).
    """

    HAZELBAKER = "hazelbaker"
    BALLARD = "ballard"

    @property
    def label(self) -> str:
        return {
            "hazelbaker": "Hazelbaker: function below 11 with appearance below 8",
            "ballard": "Ballard et al. 2002: appearance 8 or less and/or function 11 or less",
        }[self.value]


@dataclass(frozen=True)
class ClinicalThresholds:
    """Every numeric default of CLINICAL.md, kept as a setting a practice may change.

    Published sources disagree and guidance changes, so nothing here is hard-wired in the rules that
    use it; ``SOURCES`` names where each default comes from.
    """

    weight_loss_amber_pct: float = 7.0
    weight_loss_red_pct: float = 10.0
    not_regained_amber_day: int = 10
    not_regained_red_day: int = 14
    min_gain_g_per_day: float = 20.0
    min_gain_until_day: int = 91
    test_weight_max_resolution_g: float = 2.0
    min_feeds_per_24h: int = 8
    fever_threshold_c: float = 38.5
    btat_impaired_at_most: int = 5
    latch_further_evaluation_below: int = 7
    hazelbaker_rule: HazelbakerRule = HazelbakerRule.HAZELBAKER
    disabled_flags: frozenset[str] = field(default_factory=frozenset)
    min_feeds_applies_until_day: int = 28
    late_preterm_below_days: int = 259
    late_preterm_loss_pct_per_day: float = 3.0
    late_preterm_loss_pct_by_day_3: float = 7.0
    jaundice_early_onset_hours: int = 24
    prolonged_jaundice_breastfed_days: int = 21
    prolonged_jaundice_formula_days: int = 14
    nipple_pain_persistent_days: int = 14

    def __post_init__(self) -> None:
        if not 0 < self.weight_loss_amber_pct <= self.weight_loss_red_pct:
            raise ValueError("the amber weight-loss threshold must be positive and not above the red one")
        if not 0 <= self.not_regained_amber_day <= self.not_regained_red_day:
            raise ValueError("the amber not-regained day must not be after the red one")
        if self.min_gain_g_per_day < 0 or self.min_gain_until_day < 0:
            raise ValueError("the minimum gain and the age it applies to must not be negative")
        if self.test_weight_max_resolution_g <= 0:
            raise ValueError("the test-weight scale resolution must be positive")
        if self.min_feeds_per_24h < 0:
            raise ValueError("the minimum number of feeds must not be negative")
        if not 35.0 <= self.fever_threshold_c <= 42.0:
            raise ValueError("the fever threshold must be a temperature between 35 and 42 degrees C")
        if not 0 <= self.btat_impaired_at_most <= 8:
            raise ValueError("the BTAT threshold must be within the BTAT total, 0-8")
        if not 0 <= self.latch_further_evaluation_below <= 10:
            raise ValueError("the LATCH threshold must be within the LATCH total, 0-10")
        if not 0 <= self.min_feeds_applies_until_day <= 366:
            raise ValueError("the age the minimum number of feeds applies to must be 0-366 days")
        if not 34 * 7 <= self.late_preterm_below_days <= 40 * 7:
            raise ValueError("the late-preterm limit must be between 34 and 40 weeks")
        if self.late_preterm_loss_pct_per_day <= 0 or self.late_preterm_loss_pct_by_day_3 <= 0:
            raise ValueError("the late-preterm weight-loss limits must be positive")
        if not 1 <= self.jaundice_early_onset_hours <= 72:
            raise ValueError("the early-jaundice limit must be 1-72 hours of life")
        if not 7 <= self.prolonged_jaundice_formula_days <= 42 or not 7 <= self.prolonged_jaundice_breastfed_days <= 42:
            raise ValueError("the prolonged-jaundice ages must be 7-42 days")
        if not 1 <= self.nipple_pain_persistent_days <= 90:
            raise ValueError("the persistent nipple pain limit must be 1-90 days")
        # Accept plain strings from a stored settings file.
        object.__setattr__(self, "hazelbaker_rule", HazelbakerRule(self.hazelbaker_rule))
        object.__setattr__(self, "disabled_flags", frozenset(self.disabled_flags))

    def to_dict(self) -> dict[str, Any]:
        """Plain values for storage (enum as its value, the flag set as a sorted list)."""
        out = dataclasses.asdict(self)
        out["hazelbaker_rule"] = self.hazelbaker_rule.value
        out["disabled_flags"] = sorted(self.disabled_flags)
        return out

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> ClinicalThresholds:
        """Build from stored values; names not known (from an older or newer version) are ignored."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


_AAP_WEIGHT = 'AAP, "First office visit 3-5 days"; Noel-Weiss et al., Open Med 2008 (CLINICAL.md section 4)'
_REGAIN = (
    "Public-health guidance (secondary); median 8.3 days breastfed, Macdonald 2003 (CLINICAL.md section 4)"
)

SOURCES: dict[str, str] = {
    "weight_loss_amber_pct": f"7 % or more: evaluate feeding. {_AAP_WEIGHT}",
    "weight_loss_red_pct": f"10 % or more: excessive, physician evaluation. {_AAP_WEIGHT}",
    "not_regained_amber_day": f"Birth weight not regained by day 10. {_REGAIN}",
    "not_regained_red_day": f"Birth weight not regained by day 14. {_REGAIN}; "
    "red flag, CLINICAL.md section 7",
    "min_gain_g_per_day": "At least 20 g/day after regaining birth weight, to 3 months. "
    "Powers, Pediatr Clin North Am 2001;48(2):345 (CLINICAL.md section 4)",
    "min_gain_until_day": "The 20 g/day minimum applies to 3 months of age (13 weeks = 91 days). "
    "Powers, Pediatr Clin North Am 2001;48(2):345 (CLINICAL.md section 4)",
    "test_weight_max_resolution_g": "Test weights need a scale of 2 g resolution or better. Haase et al., "
    "Breastfeed Med 2009;4(3):151; Savenije & Brand 2006 (CLINICAL.md section 4)",
    "min_feeds_per_24h": "8-12 feeds per 24 h on cue in the first weeks; fewer than 8 is a risk factor "
    "(late-preterm feeding table, Hospital Pediatrics; CLINICAL.md section 11). Infrequent feeding leaves "
    "ducts not emptied: seed document (CLINICAL.md section 8)",
    "fever_threshold_c": "38.5 C or more with chills or flu-like illness. ABM Clinical Protocol #4 "
    "(CLINICAL.md section 7); 38.5 C or more with any breast sign, chills or not: same day "
    "(CLINICAL.md section 15)",
    "btat_impaired_at_most": "BTAT 5 or less: impaired tongue function. Ingram et al., Int Breastfeed J "
    "2019;14:31 (TABBY) (CLINICAL.md section 2)",
    "latch_further_evaluation_below": "LATCH total below 7 suggests further evaluation (common teaching, "
    "secondary); Jensen, Wallace & Kelsay, JOGNN 1994 define no cut-off (CLINICAL.md section 1)",
    "hazelbaker_rule": "Hazelbaker ATLFF rule vs Ballard et al., Pediatrics 2002;110(5):e63; "
    "a setting, never hard-wired (CLINICAL.md section 2)",
    "disabled_flags": "The red-flag list is a setting (CLINICAL.md section 7)",
    "min_feeds_applies_until_day": "Fewer than 8 feeds is a risk factor in the newborn period only (first 28 "
    "days, the neonatal period); at 1-6 months 11 +- 3 feeds, range 6-18, and a count alone is no flag. "
    "Kent et al., Pediatrics 2006;117(3):e387 (CLINICAL.md sections 11 and 18)",
    "late_preterm_below_days": "Late-preterm: born before 37+0 weeks (259 days); never apply term norms. "
    "ABM Clinical Protocol #10, Boies & Vaucher 2016 (CLINICAL.md section 16)",
    "late_preterm_loss_pct_per_day": "Late-preterm: a loss of more than 3 % a day needs evaluation. ABM #10 as "
    "tabulated in the Hospital Pediatrics late-preterm feeding table (CLINICAL.md section 16)",
    "late_preterm_loss_pct_by_day_3": "Late-preterm: a loss of more than 7 % by day 3 needs evaluation. ABM #10 "
    "as tabulated in the Hospital Pediatrics late-preterm feeding table (CLINICAL.md section 16)",
    "jaundice_early_onset_hours": "Jaundice in the first 24 hours of life: physician the same day, bilirubin as "
    "soon as possible. AAP hyperbilirubinemia guideline, Kemper et al., Pediatrics 2022 (CLINICAL.md section 12)",
    "prolonged_jaundice_breastfed_days": "Still jaundiced at 3-4 weeks if breastfed: total and direct bilirubin "
    "(cholestasis); the earlier end, 3 weeks, is the default. AAP 2022 (CLINICAL.md section 12)",
    "prolonged_jaundice_formula_days": "Still jaundiced at 2 weeks if formula-fed: total and direct bilirubin. "
    "AAP 2022 (CLINICAL.md section 12)",
    "nipple_pain_persistent_days": "Nipple pain lasting more than 2 weeks is persistent: refer. ABM Clinical "
    "Protocol #26, Berens et al. 2016; the referral rule is a default, not verified (CLINICAL.md section 13)",
}


def source_of(field_name: str) -> str:
    """The citation behind the default of ``field_name``; KeyError for an unknown field."""
    return SOURCES[field_name]


DEFAULT_THRESHOLDS = ClinicalThresholds()
"""The defaults of CLINICAL.md, shared so functions need no call in their argument defaults."""
