"""Tongue-tie classifications: Kotlow, Coryllos and Hazelbaker ATLFF decision rules (CLINICAL.md 2)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.settings import DEFAULT_THRESHOLDS, HazelbakerRule

KOTLOW_SOURCE = "Kotlow, Quintessence Int 1999 (CLINICAL.md section 2)"
CORYLLOS_SOURCE = "Coryllos types I-IV (CLINICAL.md section 2): anatomic position, not severity"
HAZELBAKER_SOURCE = "Hazelbaker ATLFF (copyrighted: subtotals only) (CLINICAL.md section 2)"
BALLARD_SOURCE = "Ballard et al., Pediatrics 2002;110(5):e63 (CLINICAL.md section 2)"
RICKE_SOURCE = "Ricke et al. 2005: 31 of 49 tied infants fit no category (CLINICAL.md section 2)"
BTAT_INTERPRETATION_SOURCE = "Ingram et al., Int Breastfeed J 2019;14:31 (TABBY) (CLINICAL.md section 2)"

HAZELBAKER_APPEARANCE_MAX = 10
HAZELBAKER_FUNCTION_MAX = 14


class KotlowClass(StrEnum):
    """Kotlow free-tongue length class (Quintessence Int 1999)."""

    NORMAL = "normal"
    I = "I"  # noqa: E741 - the published class name
    II = "II"
    III = "III"
    IV = "IV"

    @property
    def label(self) -> str:
        return KOTLOW_LABELS[self]


KOTLOW_LABELS: dict[KotlowClass, str] = {
    KotlowClass.NORMAL: "Normal (free tongue over 16 mm)",
    KotlowClass.I: "Class I, mild (12-16 mm)",
    KotlowClass.II: "Class II, moderate (8-11 mm)",
    KotlowClass.III: "Class III, severe (3-7 mm)",
    KotlowClass.IV: "Class IV, complete (under 3 mm)",
}


def kotlow_class(free_tongue_mm: float) -> KotlowClass:
    """Kotlow class of a free-tongue length in millimetres.

    The published classes are whole-millimetre ranges (normal > 16; I 12-16; II 8-11; III 3-7; IV < 3),
    which leave gaps for a fractional reading such as 11.5 mm. A reading joins the class whose lower
    bound it reaches: over 16 normal; 12 up to 16 class I; 8 up to under 12 class II (11.5 -> II);
    3 up to under 8 class III (7.5 -> III); under 3 class IV.

    Raises:
        ValueError: a negative or non-finite length.
    """
    if not math.isfinite(free_tongue_mm) or free_tongue_mm < 0:
        raise ValueError(f"a free-tongue length must be 0 mm or more, not {free_tongue_mm!r}")
    if free_tongue_mm > 16:
        return KotlowClass.NORMAL
    if free_tongue_mm >= 12:
        return KotlowClass.I
    if free_tongue_mm >= 8:
        return KotlowClass.II
    if free_tongue_mm >= 3:
        return KotlowClass.III
    return KotlowClass.IV


class CoryllosType(StrEnum):
    """Coryllos type: where the frenulum attaches on the tongue. Always pair with a functional score."""

    I = "I"  # noqa: E741 - the published type name
    II = "II"
    III = "III"
    IV = "IV"

    @property
    def description(self) -> str:
        return CORYLLOS_DESCRIPTIONS[self]


CORYLLOS_DESCRIPTIONS: dict[CoryllosType, str] = {
    CoryllosType.I: "Type I: attached at the tip of the tongue",
    CoryllosType.II: "Type II: attached 2-4 mm behind the tip",
    CoryllosType.III: "Type III: attached at mid-tongue",
    CoryllosType.IV: "Type IV: attached at the base of the tongue / submucosal",
}


def btat_impaired(total: int, at_most: int = DEFAULT_THRESHOLDS.btat_impaired_at_most) -> bool:
    """True when a BTAT (or TABBY) total reads as impaired tongue function (5 or less by default).

    Source: Ingram et al., Int Breastfeed J 2019;14:31 (CLINICAL.md section 2).
    """
    _check_int_range("BTAT total", total, 0, 8)
    return total <= at_most


class HazelbakerOutcome(StrEnum):
    MEETS_RULE = "meets_rule"
    DOES_NOT_MEET_RULE = "does_not_meet_rule"
    UNCLASSIFIED = "unclassified"


@dataclass(frozen=True)
class HazelbakerResult:
    """The reading of Hazelbaker ATLFF subtotals under one decision rule.

    ``meets_rule`` is True when the rule indicates a tongue-tie (Hazelbaker: impaired function;
    Ballard: ankyloglossia indicated), False when it does not, None when unclassified.
    """

    appearance: int | None
    function: int | None
    rule: HazelbakerRule
    outcome: HazelbakerOutcome
    summary: str
    source: str

    @property
    def meets_rule(self) -> bool | None:
        if self.outcome is HazelbakerOutcome.UNCLASSIFIED:
            return None
        return self.outcome is HazelbakerOutcome.MEETS_RULE


def _check_int_range(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"the {name} must be a whole number {low}-{high}, not {value!r}")


def hazelbaker_decision(
    appearance: int | None,
    function: int | None,
    rule: HazelbakerRule = DEFAULT_THRESHOLDS.hazelbaker_rule,
    *,
    unclassified: bool = False,
) -> HazelbakerResult:
    """Read Hazelbaker ATLFF subtotals (appearance 0-10, function 0-14) under the chosen rule.

    HAZELBAKER: function < 11 with appearance < 8 -> impaired function (both must hold).
    BALLARD (Ballard et al. 2002): appearance <= 8 and/or function <= 11 -> ankyloglossia indicated
    (either suffices). The rule is a practice setting; CLINICAL.md forbids hard-wiring one.
    ``unclassified=True`` records that the infant fits no category (Ricke et al. 2005); no rule is
    applied and either subtotal may then be None.

    Raises:
        ValueError: a subtotal out of range or not a whole number, or missing when not unclassified.
    """
    rule = HazelbakerRule(rule)
    for name, value, high in (
        ("appearance subtotal", appearance, HAZELBAKER_APPEARANCE_MAX),
        ("function subtotal", function, HAZELBAKER_FUNCTION_MAX),
    ):
        if value is None:
            if not unclassified:
                raise ValueError(f"the {name} is needed unless the result is unclassified")
        else:
            _check_int_range(name, value, 0, high)
    if unclassified:
        return HazelbakerResult(
            appearance,
            function,
            rule,
            HazelbakerOutcome.UNCLASSIFIED,
            "Unclassified: fits no category of the assessment tool",
            RICKE_SOURCE,
        )
    assert appearance is not None and function is not None  # checked above
    scores = f"appearance {appearance} of 10, function {function} of 14"
    if rule is HazelbakerRule.HAZELBAKER:
        meets = function < 11 and appearance < 8
        summary = (
            f"Impaired tongue function ({scores}: function below 11 with appearance below 8)"
            if meets
            else f"Function not impaired by the Hazelbaker rule ({scores})"
        )
        source = HAZELBAKER_SOURCE
    else:
        meets = appearance <= 8 or function <= 11
        summary = (
            f"Ankyloglossia indicated ({scores}: appearance 8 or less and/or function 11 or less)"
            if meets
            else f"Ankyloglossia not indicated by the Ballard rule ({scores})"
        )
        source = BALLARD_SOURCE
    outcome = HazelbakerOutcome.MEETS_RULE if meets else HazelbakerOutcome.DOES_NOT_MEET_RULE
    return HazelbakerResult(appearance, function, rule, outcome, summary, source)
