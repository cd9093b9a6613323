"""Tongue-tie classifications: Kotlow, Coryllos and Hazelbaker ATLFF decision rules (CLINICAL.md 2)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.settings import DEFAULT_THRESHOLDS, HazelbakerRule

KOTLOW_SOURCE = "Kotlow, Quintessence Int 1999 (CLINICAL.md section 2)"
CORYLLOS_SOURCE = "Coryllos types I-IV (CLINICAL.md section 2): anatomic position, not severity"
HAZELBAKER_SOURCE = (
    "Hazelbaker ATLFF decision rule: Case Rep Dent 2013:185803, Table 2; Ballard, Hazelbaker score "
    "interpretation (tonguetie.ballardscore.com)"
)
"""Printed among a plan's sources, so no internal reference (CLINICAL.md section 14 is where it is kept)."""
BALLARD_SOURCE = "Ballard et al., Pediatrics 2002;110(5):e63"
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


HAZELBAKER_IMPAIRED_FUNCTION_BELOW = 11
"""Function subtotal below 11 is impaired function on its own (Ballard, Hazelbaker score interpretation,
tonguetie.ballardscore.com; CLINICAL.md section 14 [21])."""

HAZELBAKER_FRENOTOMY_APPEARANCE_BELOW = 8
"""Appearance below 8 together with impaired function is the frenotomy criterion (Case Rep Dent
2013:185803, Table 2, "necessary"; Ballard's interpretation page, "suggests need"; CLINICAL.md section 14)."""

BALLARD_APPEARANCE_AT_MOST = 8
BALLARD_FUNCTION_AT_MOST = 11
"""The research rule of Ballard et al., Pediatrics 2002;110(5):e63: appearance <= 8 and/or function <= 11."""


@dataclass(frozen=True)
class HazelbakerResult:
    """The reading of Hazelbaker ATLFF subtotals under one decision rule: two separate outputs.

    ``impaired_function``: the function reading on its own (Hazelbaker: function < 11; Ballard: function <= 11).
    ``frenotomy_criterion``: the published frenotomy criterion (Hazelbaker: function < 11 **and** appearance
    < 8; Ballard 2002: appearance <= 8 and/or function <= 11). Both are None when unclassified. The parent's
    plan never prints the frenotomy criterion (CLINICAL.md section 18): only the consultant and the letter see it.
    ``meets_rule`` (a tongue-tie finding, for the screens and the risk factors) is impaired function under
    Hazelbaker's rule and "ankyloglossia indicated" under Ballard's.
    """

    appearance: int | None
    function: int | None
    rule: HazelbakerRule
    outcome: HazelbakerOutcome
    summary: str
    source: str
    impaired_function: bool | None = None
    frenotomy_criterion: bool | None = None
    reading: str = ""
    """The two outputs in clinical words, without the scores (for the letter)."""

    @property
    def meets_rule(self) -> bool | None:
        if self.outcome is HazelbakerOutcome.UNCLASSIFIED:
            return None
        return self.outcome is HazelbakerOutcome.MEETS_RULE


def _check_int_range(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"the {name} must be a whole number {low}-{high}, not {value!r}")


def _hazelbaker_outputs(appearance: int, function: int, rule: HazelbakerRule) -> tuple[bool, bool, str, str]:
    """(impaired function, frenotomy criterion, the reading in clinical words, source) under ``rule``."""
    if rule is HazelbakerRule.HAZELBAKER:
        impaired = function < HAZELBAKER_IMPAIRED_FUNCTION_BELOW
        frenotomy = impaired and appearance < HAZELBAKER_FRENOTOMY_APPEARANCE_BELOW
        first = "Impaired function (function below 11)" if impaired else "Function not impaired (function 11 or more)"
        second = (
            "frenotomy criterion met (appearance below 8 with function below 11)"
            if frenotomy
            else "frenotomy criterion not met (it needs appearance below 8 with function below 11)"
        )
        return impaired, frenotomy, f"{first}; {second}", HAZELBAKER_SOURCE
    impaired = function <= BALLARD_FUNCTION_AT_MOST
    frenotomy = appearance <= BALLARD_APPEARANCE_AT_MOST or impaired
    first = "Impaired function (function 11 or less)" if impaired else "Function not impaired (function 12 or more)"
    second = (
        "ankyloglossia indicated (appearance 8 or less and/or function 11 or less)"
        if frenotomy
        else "ankyloglossia not indicated by the Ballard rule"
    )
    return impaired, frenotomy, f"{first}; {second}", BALLARD_SOURCE


def hazelbaker_decision(
    appearance: int | None,
    function: int | None,
    rule: HazelbakerRule = DEFAULT_THRESHOLDS.hazelbaker_rule,
    *,
    unclassified: bool = False,
) -> HazelbakerResult:
    """Read Hazelbaker ATLFF subtotals (appearance 0-10, function 0-14) under the chosen rule.

    Two outputs, as published (CLINICAL.md section 14):

    - HAZELBAKER: function < 11 is impaired function on its own; function < 11 together with appearance < 8
      is the frenotomy criterion. (Function 14 is perfect; 11 is acceptable if appearance is 10.)
    - BALLARD (Ballard et al. 2002, a research rule): function <= 11 reads as impaired function; appearance
      <= 8 and/or function <= 11 is the study's "significant ankyloglossia" (those with feeding problems had
      frenuloplasty), reported as ``frenotomy_criterion``.

    Both thresholds checked against the sources CLINICAL.md cites (Case Rep Dent 2013:185803 Table 2: "frenectomy
    is necessary if function score is <11 and appearance score is <8"; Ballard's interpretation page: "function
    < 11 suggests impaired tongue function; appearance < 8 in the presence of impaired function suggests need for
    frenotomy"; Pediatrics 2002;110(5):e63 Table 1). Amir et al. 2006 (function items 1-3, <= 4) needs item
    scores, which are not stored.

    The rule is a practice setting; CLINICAL.md forbids hard-wiring one. ``unclassified=True`` records that
    the infant fits no category (Ricke et al. 2005); no rule is applied and either subtotal may then be None.
    The outcome (``meets_rule``: a tongue-tie finding, read by the risk factors and the plan) is impaired
    function under Hazelbaker's rule, and "ankyloglossia indicated" under Ballard's single research rule.

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
    impaired, frenotomy, reading, source = _hazelbaker_outputs(appearance, function, rule)
    summary = f"{reading} (appearance {appearance} of 10, function {function} of 14)"
    meets = impaired if rule is HazelbakerRule.HAZELBAKER else frenotomy
    outcome = HazelbakerOutcome.MEETS_RULE if meets else HazelbakerOutcome.DOES_NOT_MEET_RULE
    return HazelbakerResult(appearance, function, rule, outcome, summary, source, impaired, frenotomy, reading)
