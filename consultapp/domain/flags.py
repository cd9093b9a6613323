"""Red and amber flags for parent and baby, each with its cause and source (CLINICAL.md sections 4, 5, 7).

Every flag rests on inputs the consultant recorded: an input left unknown (None) never raises a flag.
``FLAG_CAUSES`` lists, for each flag, the inputs it reads, so a screen can show what raised it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.output import OutputProblem, OutputProblemCode
from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds
from consultapp.domain.units import WeightUnit, c_to_f, format_per_day, format_weight
from consultapp.domain.weights import weight_loss_pct

SECTION_4 = "CLINICAL.md section 4"
SECTION_7 = "CLINICAL.md section 7"
WEIGHT_LOSS_SOURCE = f'AAP, "First office visit 3-5 days"; Noel-Weiss et al., Open Med 2008 ({SECTION_4})'
REGAIN_SOURCE = f"Public-health guidance (secondary); Macdonald 2003 (secondary) ({SECTION_4})"
GAIN_SOURCE = f"Powers, Pediatr Clin North Am 2001;48(2):345 ({SECTION_4})"
FEVER_SOURCE = f"ABM Clinical Protocol #4 definition of mastitis fever ({SECTION_7})"
SEPSIS_SOURCE = f"Possible sepsis: refer to physician ({SECTION_7})"
ABSCESS_SOURCE = f"Possible abscess: refer to physician ({SECTION_7})"
ANTIBIOTICS_SOURCE = f"Worse after 24-48 h of antibiotics: refer to physician ({SECTION_7})"
PERSISTENT_LUMP_SOURCE = f"ABM Clinical Protocol #30 ({SECTION_7})"
BABY_SOURCE = f"Baby red flags ({SECTION_7})"


class Severity(StrEnum):
    AMBER = "amber"
    RED = "red"


class FlagCode(StrEnum):
    WEIGHT_LOSS_AMBER = "weight_loss_amber"
    WEIGHT_LOSS_RED = "weight_loss_red"
    NOT_REGAINED_AMBER = "not_regained_amber"
    NOT_REGAINED_RED = "not_regained_red"
    SLOW_GAIN = "slow_gain"
    MATERNAL_FEVER = "maternal_fever"
    SPREADING_REDNESS = "spreading_redness"
    CONFUSION = "confusion"
    FAST_HEART_RATE = "fast_heart_rate"
    FLUCTUANT_OR_PERSISTING_LUMP = "fluctuant_or_persisting_lump"
    WORSE_ON_ANTIBIOTICS = "worse_on_antibiotics"
    LUMP_AFTER_EPISODE = "lump_after_episode"
    OUTPUT_WET_BELOW_NORM = "output_wet_below_norm"
    OUTPUT_STOOLS_BELOW_NORM = "output_stools_below_norm"
    OUTPUT_MECONIUM_ON_DAY_5 = "output_meconium_on_day_5"
    OUTPUT_FEWER_THAN_6_WET_AFTER_DAY_5 = "output_fewer_than_6_wet_after_day_5"
    OUTPUT_URATES_AFTER_DAY_4 = "output_urates_after_day_4"
    JAUNDICE = "jaundice"
    LETHARGY = "lethargy"
    POOR_FEEDING = "poor_feeding"


OUTPUT_FLAG_CODES: dict[OutputProblemCode, FlagCode] = {
    p: FlagCode(f"output_{p.value}") for p in OutputProblemCode
}


@dataclass(frozen=True)
class Flag:
    """A flag raised at a visit: what, how urgent, why (in plain words for a parent), and the source."""

    code: FlagCode
    severity: Severity
    reason: str
    source: str


@dataclass(frozen=True)
class FlagInputs:
    """What the flags read; every field is optional, and None means "not recorded".

    ``days_since_birth`` is the age in completed days (0 on the day of birth; see growth.days_since_birth).
    ``regained`` says whether birth weight has been regained; when None it is read from the two weights
    if both are known (current at or above birth). ``velocity_g_per_day`` is the recent gain per day.
    """

    birth_weight_g: int | None = None
    current_weight_g: int | None = None
    days_since_birth: int | None = None
    regained: bool | None = None
    velocity_g_per_day: float | None = None
    maternal_temperature_c: float | None = None
    chills: bool | None = None
    flu_like: bool | None = None
    spreading_redness: bool | None = None
    confusion: bool | None = None
    fast_heart_rate: bool | None = None
    fluctuant_or_persisting_lump: bool | None = None
    lump_persists_after_episode: bool | None = None
    worse_after_antibiotics: bool | None = None
    output_problems: tuple[OutputProblem, ...] = ()
    jaundice: bool | None = None
    lethargy: bool | None = None
    poor_feeding: bool | None = None

    def regained_birth_weight(self) -> bool | None:
        """The recorded answer, else read from the weights, else None (unknown)."""
        if self.regained is not None:
            return self.regained
        if self.birth_weight_g is not None and self.current_weight_g is not None:
            return self.current_weight_g >= self.birth_weight_g
        return None


_REGAIN_FIELDS = ("days_since_birth", "regained", "birth_weight_g", "current_weight_g")

FLAG_CAUSES: dict[FlagCode, tuple[str, ...]] = {
    FlagCode.WEIGHT_LOSS_AMBER: ("birth_weight_g", "current_weight_g"),
    FlagCode.WEIGHT_LOSS_RED: ("birth_weight_g", "current_weight_g"),
    FlagCode.NOT_REGAINED_AMBER: _REGAIN_FIELDS,
    FlagCode.NOT_REGAINED_RED: _REGAIN_FIELDS,
    FlagCode.SLOW_GAIN: ("velocity_g_per_day", *_REGAIN_FIELDS),
    FlagCode.MATERNAL_FEVER: ("maternal_temperature_c", "chills", "flu_like"),
    FlagCode.SPREADING_REDNESS: ("spreading_redness",),
    FlagCode.CONFUSION: ("confusion",),
    FlagCode.FAST_HEART_RATE: ("fast_heart_rate",),
    FlagCode.FLUCTUANT_OR_PERSISTING_LUMP: ("fluctuant_or_persisting_lump",),
    FlagCode.WORSE_ON_ANTIBIOTICS: ("worse_after_antibiotics",),
    FlagCode.LUMP_AFTER_EPISODE: ("lump_persists_after_episode",),
    **{code: ("output_problems",) for code in OUTPUT_FLAG_CODES.values()},
    FlagCode.JAUNDICE: ("jaundice",),
    FlagCode.LETHARGY: ("lethargy",),
    FlagCode.POOR_FEEDING: ("poor_feeding",),
}
"""The inputs each flag reads; clearing them (to None, or no output problems) always removes the flag."""


def _weight_flags(inputs: FlagInputs, t: ClinicalThresholds, unit: WeightUnit) -> list[Flag]:
    flags: list[Flag] = []
    birth, current = inputs.birth_weight_g, inputs.current_weight_g
    if birth is not None and current is not None:
        loss = weight_loss_pct(birth, current)
        detail = f"{format_weight(birth, unit)} at birth, {format_weight(current, unit)} now"
        if loss >= t.weight_loss_red_pct:
            flags.append(
                Flag(
                    FlagCode.WEIGHT_LOSS_RED,
                    Severity.RED,
                    f"Your baby has lost {loss:.1f}% of birth weight ({detail}). A loss of "
                    f"{t.weight_loss_red_pct:g}% or more needs your baby's doctor to check your baby.",
                    WEIGHT_LOSS_SOURCE,
                )
            )
        elif loss >= t.weight_loss_amber_pct:
            flags.append(
                Flag(
                    FlagCode.WEIGHT_LOSS_AMBER,
                    Severity.AMBER,
                    f"Your baby has lost {loss:.1f}% of birth weight ({detail}). A loss of "
                    f"{t.weight_loss_amber_pct:g}% or more means we look closely at feeding.",
                    WEIGHT_LOSS_SOURCE,
                )
            )
    regained = inputs.regained_birth_weight()
    days = inputs.days_since_birth
    if regained is False and days is not None:
        if days >= t.not_regained_red_day:
            flags.append(
                Flag(
                    FlagCode.NOT_REGAINED_RED,
                    Severity.RED,
                    f"Your baby is {days} days old and is not back to birth weight yet. By day "
                    f"{t.not_regained_red_day} your baby's doctor should check your baby.",
                    REGAIN_SOURCE,
                )
            )
        elif days >= t.not_regained_amber_day:
            flags.append(
                Flag(
                    FlagCode.NOT_REGAINED_AMBER,
                    Severity.AMBER,
                    f"Your baby is {days} days old and is not back to birth weight yet. Most babies are by "
                    f"day {t.not_regained_amber_day}, so we look closely at feeding.",
                    REGAIN_SOURCE,
                )
            )
    velocity = inputs.velocity_g_per_day
    if (
        velocity is not None
        and regained is True
        and velocity < t.min_gain_g_per_day
        and (days is None or days <= t.min_gain_until_day)
    ):
        flags.append(
            Flag(
                FlagCode.SLOW_GAIN,
                Severity.AMBER,
                f"Your baby is {'gaining' if velocity >= 0 else 'losing'} {format_per_day(velocity, unit)}. "
                "After getting back to birth weight, "
                f"babies should gain at least {format_per_day(t.min_gain_g_per_day, unit)}.",
                GAIN_SOURCE,
            )
        )
    return flags


def _parent_flags(inputs: FlagInputs, t: ClinicalThresholds) -> list[Flag]:
    flags: list[Flag] = []
    temp = inputs.maternal_temperature_c
    if temp is not None and temp >= t.fever_threshold_c and (inputs.chills or inputs.flu_like):
        with_what = " and ".join(
            w for w, present in (("chills", inputs.chills), ("flu-like illness", inputs.flu_like)) if present
        )
        flags.append(
            Flag(
                FlagCode.MATERNAL_FEVER,
                Severity.RED,
                f"You have a temperature of {temp:.1f} °C ({c_to_f(temp):.1f} °F) with {with_what}. "
                "Call your doctor today.",
                FEVER_SOURCE,
            )
        )
    simple: tuple[tuple[bool | None, FlagCode, str, str], ...] = (
        (
            inputs.spreading_redness,
            FlagCode.SPREADING_REDNESS,
            "Redness on your breast is spreading quickly. Call your doctor today.",
            SEPSIS_SOURCE,
        ),
        (
            inputs.confusion,
            FlagCode.CONFUSION,
            "You feel confused. With a sore breast this can be a sign of a serious infection: "
            "get medical help today.",
            SEPSIS_SOURCE,
        ),
        (
            inputs.fast_heart_rate,
            FlagCode.FAST_HEART_RATE,
            "Your heart is beating fast. With a sore breast this can be a sign of a serious infection: "
            "get medical help today.",
            SEPSIS_SOURCE,
        ),
        (
            inputs.fluctuant_or_persisting_lump,
            FlagCode.FLUCTUANT_OR_PERSISTING_LUMP,
            "A lump in your breast feels soft and full of fluid, or is not going away. "
            "Your doctor should check it.",
            ABSCESS_SOURCE,
        ),
        (
            inputs.worse_after_antibiotics,
            FlagCode.WORSE_ON_ANTIBIOTICS,
            "You are worse after 1 to 2 days of antibiotics. Call your doctor.",
            ANTIBIOTICS_SOURCE,
        ),
        (
            inputs.lump_persists_after_episode,
            FlagCode.LUMP_AFTER_EPISODE,
            "A lump is still there after the breast problem got better. Your doctor should check it.",
            PERSISTENT_LUMP_SOURCE,
        ),
    )
    flags += [Flag(code, Severity.RED, reason, source) for present, code, reason, source in simple if present]
    return flags


def _baby_flags(inputs: FlagInputs) -> list[Flag]:
    flags = [
        Flag(
            OUTPUT_FLAG_CODES[p.code],
            Severity.RED,
            f"{p.reason} Call your baby's doctor.",
            f"{p.source}; output below section 5 is a red flag ({SECTION_7})",
        )
        for p in inputs.output_problems
    ]
    simple: tuple[tuple[bool | None, FlagCode, str], ...] = (
        (inputs.jaundice, FlagCode.JAUNDICE, "Your baby's skin or eyes look yellow (jaundice)."),
        (inputs.lethargy, FlagCode.LETHARGY, "Your baby is very sleepy and hard to wake."),
        (inputs.poor_feeding, FlagCode.POOR_FEEDING, "Your baby is not feeding well."),
    )
    flags += [
        Flag(code, Severity.RED, f"{reason} Call your baby's doctor.", BABY_SOURCE)
        for present, code, reason in simple
        if present
    ]
    return flags


def red_flags(
    inputs: FlagInputs, thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS, weight_unit: WeightUnit = WeightUnit.G
) -> list[Flag]:
    """Every flag the inputs raise, red and amber, in a stable order (baby weight, parent, baby).

    Red flags must appear in the care plan under "When to call your doctor" (CLINICAL.md section 7).
    Weight loss gives one flag (red at 10 % or more, else amber at 7 % or more); not regaining birth
    weight likewise (red from day 14, amber from day 10); gain below 20 g/day once birth weight is
    regained, to 3 months, is amber. Fever counts only with chills or flu-like illness (ABM #4).
    Codes listed in ``thresholds.disabled_flags`` are left out (the list is a setting). Weights are
    given in ``weight_unit``, the practice's.
    """
    flags = _weight_flags(inputs, thresholds, weight_unit) + _parent_flags(inputs, thresholds) + _baby_flags(inputs)
    return [f for f in flags if f.code.value not in thresholds.disabled_flags]


# The clinician's form of a flag's reason (what the consultant's own screen shows); the parent's form above is
# what the care plan prints and stays as it is. Whole phrases first, then the pronouns; the figures are kept.
_CLINICIAN_PHRASES: tuple[tuple[str, str], ...] = (
    ("needs your baby's doctor to check your baby", "calls for the baby's physician to assess"),
    ("your baby's doctor should check your baby", "the baby's physician should assess"),
    ("means we look closely at feeding", "calls for a feeding evaluation"),
    ("so we look closely at feeding", "so evaluate feeding"),
    ("Call your baby's doctor.", "Refer to the baby's physician."),
    ("Call your doctor today.", "Refer to her physician today."),
    ("Call your doctor.", "Refer to her physician."),
    ("Your doctor should check it.", "Refer to her physician."),
    ("get medical help today", "refer for medical care today"),
    ("You have a temperature of", "Parent's temperature is"),
    ("You feel confused", "Parent is confused"),
    ("Your heart is beating fast", "Parent's heart rate is fast"),
    ("You are worse", "Parent is worse"),
    ("Redness on your breast", "Breast redness"),
    ("A lump in your breast", "A breast lump"),
    ("Your baby's", "Baby's"),
    ("your baby's", "the baby's"),
    ("Your baby", "Baby"),
    ("your baby", "the baby"),
    ("your breast", "the breast"),
)


def for_clinician(reason: str) -> str:
    """``reason`` (a flag's, worded for the parent) worded for the consultant: no "you", the figures kept."""
    for parent_words, clinician_words in _CLINICIAN_PHRASES:
        reason = reason.replace(parent_words, clinician_words)
    return reason
