"""Red and amber flags for parent and baby, each with its cause and source (CLINICAL.md sections 4, 5, 7).

Every flag rests on inputs the consultant recorded: an input left unknown (None) never raises a flag.
``FLAG_CAUSES`` lists, for each flag, the inputs it reads, so a screen can show what raised it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from enum import StrEnum

from consultapp.domain.birth_norms import (
    LATE_PRETERM_SOURCE,
    HoursRange,
    gestational_age_words,
    is_caesarean,
    is_late_preterm,
    late_preterm_loss_needs_evaluation,
    newt_median,
)
from consultapp.domain.jaundice import JaundiceConcern, jaundice_readings
from consultapp.domain.nipples import NippleConcern, nipple_readings
from consultapp.domain.output import OutputProblem, OutputProblemCode
from consultapp.domain.records import NippleExam
from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds
from consultapp.domain.units import WeightUnit, c_to_f, format_parent_weight, format_per_day
from consultapp.domain.vocabulary import DeliveryMode
from consultapp.domain.weights import weight_loss_pct

SECTION_4 = "CLINICAL.md section 4"
SECTION_7 = "CLINICAL.md section 7"
WEIGHT_LOSS_SOURCE = f'AAP, "First office visit 3-5 days"; Noel-Weiss et al., Open Med 2008 ({SECTION_4})'
REGAIN_SOURCE = f"Public-health guidance (secondary); Macdonald 2003 (secondary) ({SECTION_4})"
GAIN_SOURCE = f"Powers, Pediatr Clin North Am 2001;48(2):345 ({SECTION_4})"
FEVER_SOURCE = f"ABM Clinical Protocol #4 definition of mastitis fever ({SECTION_7})"
FEVER_BREAST_SOURCE = (
    "Same-day rule: 38.5 C or more with any breast sign, chills or not (CLINICAL.md section 15); "
    f"ABM Clinical Protocol #4 definition of mastitis ({SECTION_7})"
)
SEPSIS_SOURCE = f"Possible sepsis: refer to physician ({SECTION_7})"
SEPSIS_URGENT_SOURCE = f"Possible sepsis: urgent care ({SECTION_7}; CLINICAL.md section 15)"
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
    JAUNDICE_EARLY = "jaundice_early"
    JAUNDICE_PROLONGED = "jaundice_prolonged"
    PALE_STOOLS = "pale_stools"
    DARK_URINE = "dark_urine"
    NIPPLE_PAIN_PERSISTENT = "nipple_pain_persistent"
    NIPPLE_PUS = "nipple_pus"
    NIPPLE_NOT_HEALING = "nipple_not_healing"


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
    detail: str = ""
    """For the clinician (the letter): the figures read, e.g. hours of life, delivery mode, NEWT median."""
    baby_id: uuid.UUID | None = None
    """The baby the flag is about (set by the care plan); None for the parent's own flags."""
    baby_name: str = ""
    """That baby's name as entered, so a letter never prints a twin's flag unnamed."""
    clinical: str = ""
    """The flag in clinical words for the letter, when ``letters.FLAG_CLINICAL`` has no fixed wording for it."""


@dataclass(frozen=True)
class FlagInputs:
    """What the flags read; every field is optional, and None means "not recorded".

    ``days_since_birth`` is the age in completed days (0 on the day of birth; see growth.days_since_birth);
    ``hours_of_life`` the age in hours, (earliest, latest), when the time of birth is known. A loss is read with them,
    the gestational age (late-preterm rules below 37+0 weeks) and the delivery mode (NEWT, section 16).
    ``regained`` says whether birth weight has been regained; when None it is read from the two weights
    if both are known (current at or above birth). ``velocity_g_per_day`` is the recent gain per day.
    """

    birth_weight_g: int | None = None
    current_weight_g: int | None = None
    days_since_birth: int | None = None
    hours_of_life: HoursRange | None = None
    gestational_age_days: int | None = None
    delivery_mode: DeliveryMode | None = None
    singleton: bool | None = None
    """False for a twin (NEWT's cohort is singletons); None (not known) reads as a singleton."""
    regained: bool | None = None
    velocity_g_per_day: float | None = None
    maternal_temperature_c: float | None = None
    chills: bool | None = None
    flu_like: bool | None = None
    breast_signs: bool | None = None
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
    jaundice_onset_hours: int | None = None
    formula_fed: bool | None = None
    pale_stools: bool | None = None
    dark_urine: bool | None = None
    nipple_exams: tuple[NippleExam, ...] | None = None

    def regained_birth_weight(self) -> bool | None:
        """The recorded answer, else read from the weights, else None (unknown)."""
        if self.regained is not None:
            return self.regained
        if self.birth_weight_g is not None and self.current_weight_g is not None:
            return self.current_weight_g >= self.birth_weight_g
        return None


_LOSS_FIELDS = (
    "birth_weight_g", "current_weight_g", "days_since_birth", "hours_of_life", "gestational_age_days",
    "delivery_mode", "singleton",
)
_REGAIN_FIELDS = ("days_since_birth", "regained", "birth_weight_g", "current_weight_g")

FLAG_CAUSES: dict[FlagCode, tuple[str, ...]] = {
    FlagCode.WEIGHT_LOSS_AMBER: _LOSS_FIELDS,
    FlagCode.WEIGHT_LOSS_RED: _LOSS_FIELDS,
    FlagCode.NOT_REGAINED_AMBER: _REGAIN_FIELDS,
    FlagCode.NOT_REGAINED_RED: _REGAIN_FIELDS,
    FlagCode.SLOW_GAIN: ("velocity_g_per_day", *_REGAIN_FIELDS),
    FlagCode.MATERNAL_FEVER: ("maternal_temperature_c", "chills", "flu_like", "breast_signs"),
    FlagCode.SPREADING_REDNESS: ("spreading_redness",),
    FlagCode.CONFUSION: ("confusion",),
    FlagCode.FAST_HEART_RATE: ("fast_heart_rate",),
    FlagCode.FLUCTUANT_OR_PERSISTING_LUMP: ("fluctuant_or_persisting_lump",),
    FlagCode.WORSE_ON_ANTIBIOTICS: ("worse_after_antibiotics",),
    FlagCode.LUMP_AFTER_EPISODE: ("lump_persists_after_episode",),
    **{code: ("output_problems",) for code in OUTPUT_FLAG_CODES.values()},
    FlagCode.JAUNDICE: (
        "jaundice", "jaundice_onset_hours", "days_since_birth", "formula_fed", "lethargy", "poor_feeding",
        "output_problems", "birth_weight_g", "current_weight_g",
    ),
    FlagCode.JAUNDICE_EARLY: ("jaundice", "jaundice_onset_hours"),
    FlagCode.JAUNDICE_PROLONGED: ("jaundice", "days_since_birth", "formula_fed"),
    FlagCode.PALE_STOOLS: ("pale_stools",),
    FlagCode.DARK_URINE: ("dark_urine",),
    FlagCode.NIPPLE_PAIN_PERSISTENT: ("nipple_exams",),
    FlagCode.NIPPLE_PUS: ("nipple_exams",),
    FlagCode.NIPPLE_NOT_HEALING: ("nipple_exams",),
    FlagCode.LETHARGY: ("lethargy",),
    FlagCode.POOR_FEEDING: ("poor_feeding",),
}
"""The inputs each flag reads; clearing them (to None, or no output problems) always removes the flag."""


def _age_words(inputs: FlagInputs) -> str:
    hours = inputs.hours_of_life
    if hours is not None and hours[0] == hours[1]:
        return f" at {hours[0]:.0f} hours old"
    if inputs.days_since_birth is not None:
        return f" on day {inputs.days_since_birth + 1} of life"
    return ""


def _loss_detail(inputs: FlagInputs, loss: float, t: ClinicalThresholds) -> str:
    """The loss for the clinician, with hours of life, delivery mode and the NEWT median where it applies."""
    bits = [f"{loss:.1f}%"]
    if inputs.hours_of_life is not None:
        low, high = inputs.hours_of_life
        exact = low == high
        bits.append(f"at {low:.0f} h of life" if exact else f"at {low:.0f}-{high:.0f} h of life, by the visit's date")
    elif inputs.days_since_birth is not None:
        bits.append(f"on day {inputs.days_since_birth + 1} of life; time of birth not recorded")
    caesarean = is_caesarean(inputs.delivery_mode)
    if caesarean is not None:
        bits.append("caesarean birth" if caesarean else "vaginal birth")
    if is_late_preterm(inputs.gestational_age_days, t):
        assert inputs.gestational_age_days is not None
        bits.append(f"late-preterm {gestational_age_words(inputs.gestational_age_days)}")
    median = newt_median(
        inputs.hours_of_life, inputs.delivery_mode, gestational_age_days=inputs.gestational_age_days,
        birth_weight_g=inputs.birth_weight_g, singleton=inputs.singleton is not False,
    )
    if median is not None:
        bits.append(median.clinical)
    return "; ".join(bits)


def _weight_loss_flag(inputs: FlagInputs, t: ClinicalThresholds, unit: WeightUnit) -> Flag | None:
    birth, current = inputs.birth_weight_g, inputs.current_weight_g
    if birth is None or current is None:
        return None
    loss = weight_loss_pct(birth, current, unit)
    detail = f"{format_parent_weight(birth, unit)} at birth, {format_parent_weight(current, unit)} now"
    lost = f"Your baby has lost {loss:.1f}% of birth weight{_age_words(inputs)} ({detail})."
    clinical = _loss_detail(inputs, loss, t)
    if loss >= t.weight_loss_red_pct:
        return Flag(
            FlagCode.WEIGHT_LOSS_RED, Severity.RED,
            f"{lost} A loss of {t.weight_loss_red_pct:g}% or more needs your baby's doctor to check your baby.",
            WEIGHT_LOSS_SOURCE, clinical,
        )
    early = is_late_preterm(inputs.gestational_age_days, t)
    why_early = (
        late_preterm_loss_needs_evaluation(loss, inputs.hours_of_life, inputs.days_since_birth, t) if early else None
    )
    if why_early is not None:
        assert inputs.gestational_age_days is not None
        born = gestational_age_words(inputs.gestational_age_days)
        return Flag(
            FlagCode.WEIGHT_LOSS_AMBER, Severity.AMBER,
            f"{lost} Your baby was born early, at {born}. For a baby born early, a loss of {why_early} "
            "means we look closely at feeding.",
            LATE_PRETERM_SOURCE, clinical,
        )
    if loss >= t.weight_loss_amber_pct:
        return Flag(
            FlagCode.WEIGHT_LOSS_AMBER, Severity.AMBER,
            f"{lost} A loss of {t.weight_loss_amber_pct:g}% or more means we look closely at feeding.",
            WEIGHT_LOSS_SOURCE, clinical,
        )
    return None


def _weight_flags(inputs: FlagInputs, t: ClinicalThresholds, unit: WeightUnit) -> list[Flag]:
    flags: list[Flag] = []
    loss_flag = _weight_loss_flag(inputs, t, unit)
    if loss_flag is not None:
        flags.append(loss_flag)
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
    if temp is not None and temp >= t.fever_threshold_c and (inputs.chills or inputs.flu_like or inputs.breast_signs):
        with_what = " and ".join(
            w
            for w, present in (
                ("signs in your breast", inputs.breast_signs),
                ("chills", inputs.chills),
                ("flu-like illness", inputs.flu_like),
            )
            if present
        )
        flags.append(
            Flag(
                FlagCode.MATERNAL_FEVER,
                Severity.RED,
                f"You have a temperature of {temp:.1f} °C ({c_to_f(temp):.1f} °F) with {with_what}. "
                "Call your doctor today.",
                FEVER_BREAST_SOURCE if inputs.breast_signs else FEVER_SOURCE,
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
            "You feel confused. With a sore breast this can be a sign of a serious infection. "
            "Get urgent medical help now.",
            SEPSIS_URGENT_SOURCE,
        ),
        (
            inputs.fast_heart_rate,
            FlagCode.FAST_HEART_RATE,
            "Your heart is beating fast. With a sore breast this can be a sign of a serious infection. "
            "Get urgent medical help now.",
            SEPSIS_URGENT_SOURCE,
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
    for n in nipple_readings(inputs.nipple_exams or (), t):
        severity = Severity.RED if n.concern is NippleConcern.PUS else Severity.AMBER
        flags.append(Flag(_NIPPLE_CODES[n.concern], severity, n.reason, n.source, clinical=n.clinical))
    return flags


_NIPPLE_CODES = {
    NippleConcern.PERSISTENT_PAIN: FlagCode.NIPPLE_PAIN_PERSISTENT,
    NippleConcern.PUS: FlagCode.NIPPLE_PUS,
    NippleConcern.NOT_HEALING: FlagCode.NIPPLE_NOT_HEALING,
}
_JAUNDICE_CODES = {
    JaundiceConcern.EARLY_ONSET: FlagCode.JAUNDICE_EARLY,
    JaundiceConcern.PROLONGED: FlagCode.JAUNDICE_PROLONGED,
    JaundiceConcern.PALE_STOOLS: FlagCode.PALE_STOOLS,
    JaundiceConcern.DARK_URINE: FlagCode.DARK_URINE,
}


def _jaundice_flags(inputs: FlagInputs, t: ClinicalThresholds) -> tuple[list[Flag], bool]:
    """The jaundice and stool-colour flags (CLINICAL.md section 12), and whether one covers the jaundice."""
    readings = jaundice_readings(
        jaundice=inputs.jaundice, onset_hours=inputs.jaundice_onset_hours, days_since_birth=inputs.days_since_birth,
        formula_fed=inputs.formula_fed, pale_stools=inputs.pale_stools, dark_urine=inputs.dark_urine, thresholds=t,
    )
    flags = [
        Flag(_JAUNDICE_CODES[r.concern], Severity.RED, r.reason, r.source, clinical=r.clinical) for r in readings
    ]
    covered = any(r.concern in (JaundiceConcern.EARLY_ONSET, JaundiceConcern.PROLONGED) for r in readings)
    return flags, covered


def _baby_flags(inputs: FlagInputs, t: ClinicalThresholds = DEFAULT_THRESHOLDS) -> list[Flag]:
    flags = [
        Flag(
            OUTPUT_FLAG_CODES[p.code],
            Severity.RED,
            f"{p.reason} Call your baby's doctor.",
            f"{p.source}; output below section 5 is a red flag ({SECTION_7})",
        )
        for p in inputs.output_problems
    ]
    jaundice_flags, covered = _jaundice_flags(inputs, t)
    flags += jaundice_flags
    simple: tuple[tuple[bool | None, FlagCode, str], ...] = (
        (inputs.jaundice and not covered, FlagCode.JAUNDICE, "Your baby's skin or eyes look yellow (jaundice)."),
        (inputs.lethargy, FlagCode.LETHARGY, "Your baby is very sleepy and hard to wake."),
        (inputs.poor_feeding, FlagCode.POOR_FEEDING, "Your baby is not feeding well."),
    )
    flags += [
        Flag(code, Severity.RED, f"{reason} Call your baby's doctor.", BABY_SOURCE)
        for present, code, reason in simple
        if present
    ]
    # Jaundice with poor feeding, sleepiness, low output or a loss over the threshold: physician the same day
    # (CLINICAL.md section 12, a default; source not verified). The jaundice line then says "today".
    loss = (inputs.birth_weight_g and inputs.current_weight_g is not None
            and weight_loss_pct(inputs.birth_weight_g, inputs.current_weight_g) >= t.weight_loss_red_pct)
    found = [w for w, on in (("poor feeding", inputs.poor_feeding), ("lethargy", inputs.lethargy),
                             ("low output", inputs.output_problems), ("loss over threshold", loss)) if on]
    if found and any(f.code is FlagCode.JAUNDICE for f in flags):
        detail = f"with {', '.join(found)}: same-day assessment"
        flags = [replace(f, reason=f.reason.replace("doctor.", "doctor today."), detail=detail)
                 if f.code is FlagCode.JAUNDICE else f for f in flags]
    return flags


def red_flags(
    inputs: FlagInputs, thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS, weight_unit: WeightUnit = WeightUnit.G
) -> list[Flag]:
    """Every flag the inputs raise, red and amber, in a stable order (baby weight, parent, baby).

    Red flags must appear in the care plan under "When to call your doctor" (CLINICAL.md section 7).
    Weight loss gives one flag (red at 10 % or more, else amber at 7 % or more); not regaining birth
    weight likewise (red from day 14, amber from day 10); gain below 20 g/day once birth weight is
    regained, to 3 months, is amber. A fever (38.5 C or more by default) is red with chills or flu-like
    illness (ABM #4), and with any breast sign whether or not there are chills (same day, CLINICAL.md 15).
    Codes listed in ``thresholds.disabled_flags`` are left out (the list is a setting). Weights are
    given in ``weight_unit``, the practice's.
    """
    flags = (
        _weight_flags(inputs, thresholds, weight_unit) + _parent_flags(inputs, thresholds)
        + _baby_flags(inputs, thresholds)
    )
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
    ("needs a check by your doctor", "calls for her physician to assess"),
    ("Feeding has hurt your", "Feeding has hurt her"),
    ("There is pus on your", "There is pus on her"),
    ("The sore on your", "The sore on her"),
    ("Your doctor should check", "Her physician should check"),
    ("Call your baby's doctor today.", "Refer to the baby's physician today."),
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
