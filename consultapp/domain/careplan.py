"""The care-plan engine: from a visit's findings to plain-language findings, steps and warnings.

``build_care_plan`` reads one visit and decides everything the care-plan document prints:

- the findings in plain words (weights in the practice's unit, intake at a weighed feed, diapers against the
  norm for the day of life, the LATCH and tongue scores, the breast map, the parent's temperature);
- the red and amber flags (``flags.red_flags``, thresholds from the practice's settings), which always appear
  under "When to call your doctor", red ones first and marked "Call today";
- the risk factors for clogged ducts and mastitis present at the visit (``risk.risk_factors``);
- the suggested steps, each with a stable ``key``, the reason it was chosen and the source of its wording,
  then the consultant's edits applied (``apply_edits``): unticked steps dropped, her order, her own steps.

Clogged-duct and mastitis steps come from the source document unless the practice chose the ABM Clinical
Protocol #36 (2022) wording for that topic (``PracticeSettings.clogged_duct_variant`` / ``mastitis_variant``);
the plan records which it followed (``CarePlan.variants``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from consultapp.domain import source_steps as src
from consultapp.domain.flags import Flag, FlagCode, FlagInputs, Severity, red_flags
from consultapp.domain.growth import (
    Weighing,
    birth_weight_regained,
    day_of_life,
    days_since_birth,
    test_weight_intake,
    velocity_g_per_day,
)
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.output import OutputProblem, OutputProblemCode, StoolColour, check_output, output_norm
from consultapp.domain.plan_figures import NO_FIGURES, CarePlanFigures
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    BreastMapFinding,
    Client,
    PlanEdits,
    Practice,
    PracticeSettings,
    TestWeight,
    TongueAssessment,
    Visit,
)
from consultapp.domain.risk import RiskFactor, RiskFactorFound, RiskInputs, risk_factors
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.tongue import HazelbakerResult, hazelbaker_decision
from consultapp.domain.units import WeightUnit, format_per_day, format_temperature, format_weight
from consultapp.domain.vocabulary import (
    GENERAL_SIGNS,
    BreastConcern,
    FindingKind,
    IneffectiveSign,
    NippleDamage,
    NippleShape,
    PlanVariant,
    Position,
    Side,
    Sign,
    SpectrumCondition,
)
from consultapp.domain.weights import weight_loss_pct

SECTION_LATCH = "Latch and positions"
SECTION_TONGUE = "Your baby's tongue"
SECTION_CLOGGED = "Clearing the clogged duct"
SECTION_MASTITIS = "Mastitis: what to do"
SECTION_PREVENTION = "Preventing clogged ducts and mastitis"
SECTION_CUSTOM = "More steps from your consultant"
"""Where a consultant's own step goes when the plan has no suggested step to place it beside."""

CALL_TODAY = "Call today:"
"""Prefix of a red flag's line under "When to call your doctor" (urgency in words, not colour only)."""
CHECK_SOON = "Check soon:"
"""Prefix of an amber flag's line under "When to call your doctor"."""

ALWAYS_CALL_DOCTOR: tuple[str, ...] = (
    "You have a fever, chills, or you feel sick, like having the flu.",
    "A red, sore area on your breast grows, or is not better after 24 hours.",
    "Your baby has fewer wet diapers, is very sleepy, or will not feed.",
)

_SEED_CAUSES = f"{src.SOURCE_TITLE}: causes of clogged ducts (CLINICAL.md section 8)"
_TONGUE_SOURCE = (
    "BTAT interpretation: Ingram et al., Int Breastfeed J 2019; "
    f"{src.SOURCE_TITLE}: tongue tie raises the risk of mastitis"
)

MASTITIS_CONDITIONS = frozenset(
    {
        SpectrumCondition.INFLAMMATORY_MASTITIS,
        SpectrumCondition.BACTERIAL_MASTITIS,
        SpectrumCondition.SUBACUTE_MASTITIS,
        SpectrumCondition.PHLEGMON,
        SpectrumCondition.ABSCESS,
    }
)
"""Conditions of the mastitis spectrum (ABM #36) for which the plan gives the mastitis steps."""


@dataclass(frozen=True)
class PlanStep:
    """One step of the plan as printed, why it was chosen, and where its wording comes from.

    ``key`` is stable (the consultant's edits refer to it); ``section`` is the title of the section the step
    belongs to; ``custom`` marks a step the consultant wrote herself.
    """

    text: str
    reason: str
    source: str
    key: str = ""
    section: str = ""
    custom: bool = False


@dataclass(frozen=True)
class PlanSection:
    title: str
    steps: tuple[PlanStep, ...]
    intro: str = ""


@dataclass(frozen=True)
class BabyFindings:
    baby_name: str
    lines: tuple[str, ...]
    latch_total: int | None
    btat_total: int | None


@dataclass(frozen=True)
class VariantUsed:
    """Which wording the plan gave for one topic: ``topic`` in words ("a clogged duct"), its source."""

    topic: str
    variant: PlanVariant
    source_title: str
    reference: str = ""


@dataclass(frozen=True)
class CarePlan:
    """Everything the care-plan document prints, already decided; documents only lay it out.

    ``call_doctor`` holds the flag lines (red first, each starting with ``CALL_TODAY`` or ``CHECK_SOON``) and
    then the lines always given. ``suggested_steps`` are the engine's steps before the consultant's edits;
    ``steps`` the final ones, which ``sections`` group for printing.
    """

    practice: Practice
    client_name: str
    client_date_of_birth: dt.date | None
    visit_date: dt.date
    location_label: str
    reason: str
    babies: tuple[BabyFindings, ...]
    breast_lines: tuple[str, ...]
    sections: tuple[PlanSection, ...]
    call_doctor: tuple[str, ...]
    source_title: str
    references: tuple[str, ...]
    parent_lines: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    risk_factors: tuple[RiskFactorFound, ...] = ()
    positions_to_try: tuple[str, ...] = ()
    feeding_plan: str = ""
    follow_up: dt.date | None = None
    variants: tuple[VariantUsed, ...] = ()
    suggested_steps: tuple[PlanStep, ...] = ()
    steps: tuple[PlanStep, ...] = ()
    figures: CarePlanFigures = NO_FIGURES  # the breast map and weight charts it prints (``plan_figures``)

    @property
    def has_red_flag(self) -> bool:
        return any(line.startswith(CALL_TODAY) for line in self.call_doctor)


# --- Plain words -------------------------------------------------------------------------------------------

LATCH_PLAIN: tuple[tuple[str, tuple[str, str, str]], ...] = (
    (
        "Latch",
        (
            "your baby did not latch (too sleepy or not willing)",
            "your baby latched after several tries and needed help to keep sucking",
            "your baby latched well and sucked in a steady rhythm",
        ),
    ),
    (
        "Swallowing",
        (
            "we heard no swallowing",
            "we heard a few swallows, with help",
            "we heard your baby swallow often, without help",
        ),
    ),
    ("Nipple", ("your nipple turns inward", "your nipple is flat", "your nipple stands out")),
    (
        "Comfort",
        (
            "your breast or nipple is very sore, very full or damaged",
            "your breast or nipple is a little sore, red or bruised",
            "your breast and nipple are soft and not sore",
        ),
    ),
    (
        "Holding",
        (
            "you needed full help to hold your baby",
            "you needed a little help to hold your baby",
            "you held your baby with no help",
        ),
    ),
)
"""LATCH items (Jensen et al. 1994) in everyday words, in the published order, for scores 0, 1, 2."""

BTAT_PLAIN: tuple[tuple[str, tuple[str, str, str]], ...] = (
    (
        "Tip",
        (
            "the tip of the tongue is heart-shaped",
            "the tip of the tongue has a small notch",
            "the tip of the tongue is rounded",
        ),
    ),
    (
        "Under the tongue",
        (
            "the thin skin under the tongue is attached at the top of the gum",
            "the thin skin under the tongue is attached just behind the gum",
            "the thin skin under the tongue is attached low, at the floor of the mouth",
        ),
    ),
    (
        "Lift",
        (
            "the tongue lifts only a little when the mouth is open",
            "only the sides of the tongue lift",
            "the tongue lifts well",
        ),
    ),
    (
        "Reach",
        (
            "the tip of the tongue stays behind the gum",
            "the tip of the tongue reaches over the gum",
            "the tip of the tongue reaches over the lower lip",
        ),
    ),
)
"""BTAT items (Ingram et al. 2015) in everyday words, in the published order, for scores 0, 1, 2."""

POSITION_PLAIN: dict[Position, tuple[str, str]] = {
    Position.CRADLE: ("Cradle hold", "your baby lies across your lap, head in the bend of your arm"),
    Position.CROSS_CRADLE: (
        "Cross-cradle hold",
        "your baby lies across your lap; the arm on the other side holds your baby, your hand behind the neck",
    ),
    Position.FOOTBALL: (
        "Football hold (also called clutch or rugby hold)",
        "your baby lies along your side, under your arm, feet toward your back",
    ),
    Position.SIDE_LYING: ("Lying on your side", "you and your baby lie on your sides, facing each other"),
    Position.LAID_BACK: ("Laid-back", "you lean back, and your baby lies tummy-down on you"),
    Position.UPRIGHT: ("Upright (koala) hold", "your baby sits upright on your thigh, facing your breast"),
    Position.TWIN: ("Twin position", "both babies feed at the same time"),
}
"""Feeding positions (CLINICAL.md section 3) as a parent would describe them."""

NIPPLE_SHAPE_PLAIN: dict[NippleShape, str] = {
    NippleShape.ROUND: "round, as it should be",
    NippleShape.WEDGED: "squashed or creased, like a new lipstick",
    NippleShape.BLANCHED: "white",
    NippleShape.VASOSPASM: "white, then blue or red (the blood vessels tighten)",
    NippleShape.PINCHED: "pinched",
}

NIPPLE_DAMAGE_PLAIN: dict[NippleDamage, str] = {
    NippleDamage.CRACK: "a crack",
    NippleDamage.BLISTER: "a blister",
    NippleDamage.BRUISE: "a bruise",
    NippleDamage.BLEEDING: "bleeding",
    NippleDamage.SCAB: "a scab",
    NippleDamage.BLEB: "a milk blister",
}

CONDITION_PLAIN: dict[SpectrumCondition, str] = {
    SpectrumCondition.DUCTAL_NARROWING: "a narrowed milk duct (what used to be called a clogged duct)",
    SpectrumCondition.INFLAMMATORY_MASTITIS: "swelling and soreness in the breast (mastitis)",
    SpectrumCondition.BACTERIAL_MASTITIS: "a breast infection caused by germs (bacterial mastitis)",
    SpectrumCondition.PHLEGMON: "a hard, swollen, sore area (phlegmon)",
    SpectrumCondition.ABSCESS: "a pocket of pus in the breast (abscess)",
    SpectrumCondition.GALACTOCELE: "a lump filled with milk (galactocele)",
    SpectrumCondition.SUBACUTE_MASTITIS: "mild soreness that keeps coming back (subacute mastitis)",
    SpectrumCondition.ENGORGEMENT: "breasts that are too full and swollen (engorgement)",
    SpectrumCondition.NIPPLE_BLEB: "a milk blister on the nipple",
}

STOOL_PLAIN: dict[StoolColour, str] = {
    StoolColour.MECONIUM: "black and sticky",
    StoolColour.TRANSITIONAL: "green-brown",
    StoolColour.YELLOW: "yellow",
    StoolColour.OTHER: "another colour",
}

INEFFECTIVE_PLAIN: dict[IneffectiveSign, str] = {
    IneffectiveSign.NARROW_GAPE: "mouth not open wide",
    IneffectiveSign.LIPS_TUCKED: "lips tucked in",
    IneffectiveSign.CHEEK_DIMPLING: "dimples in the cheeks",
    IneffectiveSign.CLICKING: "clicking sounds",
    IneffectiveSign.SLIPPING_OFF: "slipping off the breast",
    IneffectiveSign.CHOMPING: "chomping",
    IneffectiveSign.PAIN_THROUGH_FEED: "pain all through the feed",
    IneffectiveSign.BREAST_NOT_SOFTENED: "breast not softer after the feed",
    IneffectiveSign.STILL_HUNGRY: "baby still hungry, or asleep quickly with few swallows",
}

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _day_month(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]}"


def _join_and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Findings ----------------------------------------------------------------------------------------------


def _latch_lines(latch: LatchScore, where: str = "") -> list[str]:
    if latch.is_empty:
        return []
    label = f"Latch score (LATCH){where}"
    if latch.total is not None:
        head = f"{label}: {latch.total} out of {LatchScore.MAX}."
    else:
        head = f"{label}: {latch.scored_count} of 5 parts scored, {latch.partial_total} points so far."
    # Only the items below full marks: the weakest items drive the plan, the rest is noise for a parent.
    parts = [
        f"{name} {score} of 2: {words[score]}."
        for (name, words), score in zip(LATCH_PLAIN, latch.item_scores(), strict=True)
        if score is not None and score < 2
    ]
    return [head, *parts]


def _btat_lines(tongue: TongueAssessment, t: ClinicalThresholds) -> list[str]:
    btat = tongue.btat
    tool = tongue.tool.label
    if btat.is_empty:
        return []
    total = btat.total
    if total is None:
        return [f"Tongue check ({tool}): {btat.scored_count} of 4 parts scored, {btat.partial_total} points so far."]
    if total == BtatScore.MAX:
        meaning = "your baby's tongue moves freely."
    elif total <= t.btat_impaired_at_most:
        meaning = "your baby's tongue does not lift or stretch far. This may or may not make feeding harder."
    else:
        meaning = "your baby's tongue moves a little less freely than usual."
    lines = [f"Tongue check ({tool}): {total} out of {BtatScore.MAX}: {meaning}"]
    if total < BtatScore.MAX:
        lines += [
            f"{name} {score} of 2: {words[score]}."
            for (name, words), score in zip(BTAT_PLAIN, btat.item_scores(), strict=True)
            if score is not None and score < 2
        ]
    return lines


def _hazelbaker(tongue: TongueAssessment, t: ClinicalThresholds) -> HazelbakerResult | None:
    """The Hazelbaker reading under the practice's rule, or None when the subtotals were not recorded."""
    appearance, function = tongue.hazelbaker_appearance, tongue.hazelbaker_function
    if not tongue.hazelbaker_unclassified and (appearance is None or function is None):
        return None
    try:
        return hazelbaker_decision(appearance, function, t.hazelbaker_rule, unclassified=tongue.hazelbaker_unclassified)
    except ValueError:
        return None


def _weight_text(grams: float, unit: WeightUnit) -> str:
    return format_weight(grams, unit)


@dataclass(frozen=True)
class _Growth:
    """A baby's weights read together: what the flags need, and the last earlier weighing."""

    days: int | None
    day_of_life: int | None
    regained: bool | None
    velocity: float | None
    previous: tuple[dt.date, int] | None


def _growth(baby: Baby, a: BabyAssessment, visit_date: dt.date, earlier: Sequence[tuple[dt.date, int]]) -> _Growth:
    born = baby.date_of_birth
    days = dol = None
    if born is not None and visit_date >= born:
        days = days_since_birth(born, visit_date)
        dol = day_of_life(born, visit_date)
    prior = sorted((d, g) for d, g in earlier if d < visit_date and g > 0 and (born is None or d > born))
    previous = prior[-1] if prior else None
    regained: bool | None = None
    if baby.birth_weight_g and baby.birth_weight_g > 0:
        weighings = list(prior) + ([(visit_date, a.weight_g)] if a.weight_g else [])
        reached = birth_weight_regained(baby.birth_weight_g, weighings) is not None if weighings else None
        # Without today's weight an old shortfall says nothing about today; a past regain still counts.
        regained = reached if a.weight_g else (True if reached else None)
    velocity = None
    if previous is not None and a.weight_g:
        velocity = velocity_g_per_day(Weighing(previous[0], previous[1]), Weighing(visit_date, a.weight_g))
    return _Growth(days, dol, regained, velocity, previous)


def _weight_lines(baby: Baby, a: BabyAssessment, growth: _Growth, unit: WeightUnit) -> list[str]:
    if a.weight_g is None:
        return []
    lines = [f"Weight today: {_weight_text(a.weight_g, unit)}."]
    if baby.birth_weight_g:
        loss = weight_loss_pct(baby.birth_weight_g, a.weight_g)
        birth = _weight_text(baby.birth_weight_g, unit)
        if loss > 0:
            lines.append(f"That is {loss:.1f}% less than the birth weight of {birth}.")
        elif loss < 0:
            lines.append(f"That is {-loss:.1f}% more than the birth weight of {birth}.")
        else:
            lines.append(f"That is the same as the birth weight of {birth}.")
    if growth.previous is not None and growth.velocity is not None:
        when, grams = growth.previous
        change = a.weight_g - grams
        if change == 0:
            lines.append(f"Since {_day_month(when)}: the same weight.")
        else:
            verb = "gained" if change > 0 else "lost"
            lines.append(
                f"Since {_day_month(when)}: {verb} {_weight_text(abs(change), unit)} "
                f"(about {format_per_day(growth.velocity, unit)})."
            )
    return lines


_CAUTION_PLAIN = {
    "clothing_changed": "Clothes or the diaper were changed between the two weighings, so this is not exact.",
    "post_below_pre": "Your baby weighed less after the feed than before, so we could not tell how much "
    "your baby drank.",
    "within_resolution": "The change was too small for this scale to measure.",
}


def _test_weight_lines(tw: TestWeight, t: ClinicalThresholds) -> list[str]:
    try:
        result = test_weight_intake(
            tw.pre_g, tw.post_g, tw.scale_resolution_g, tw.clothing_unchanged,
            max_resolution_g=t.test_weight_max_resolution_g,
        )
    except ValueError:
        return []
    lines: list[str] = []
    if result.intake_ml is not None:
        lines.append(f"At the weighed feed, your baby drank about {result.intake_ml:.0f} mL.")
    for caution in result.warnings:
        if caution.code == "scale_too_coarse":
            lines.append(
                f"The scale shows weight only to the nearest {tw.scale_resolution_g:g} g "
                f"(a weighed feed needs {t.test_weight_max_resolution_g:g} g or better), so this amount is only "
                "a rough guess."
            )
        elif caution.code in _CAUTION_PLAIN:
            lines.append(_CAUTION_PLAIN[caution.code])
    return lines


def _output_problems(a: BabyAssessment, dol: int | None) -> tuple[OutputProblem, ...]:
    """Output problems for the day of life; a count not recorded raises nothing."""
    if dol is None:
        return ()
    if a.wet_diapers is None and a.dirty_diapers is None and a.stool_colour is None and not a.urates:
        return ()
    norm = output_norm(dol)
    wet = a.wet_diapers if a.wet_diapers is not None else norm.min_wet
    dirty = a.dirty_diapers if a.dirty_diapers is not None else (norm.min_stools or 0)
    try:
        problems = check_output(dol, wet, dirty, a.stool_colour, a.urates)
    except ValueError:
        return ()
    unknown: set[OutputProblemCode] = set()
    if a.wet_diapers is None:
        unknown |= {OutputProblemCode.WET_BELOW_NORM, OutputProblemCode.FEWER_THAN_6_WET_AFTER_DAY_5}
    if a.dirty_diapers is None:
        unknown.add(OutputProblemCode.STOOLS_BELOW_NORM)
    return tuple(p for p in problems if p.code not in unknown)


def _output_lines(a: BabyAssessment, dol: int | None) -> list[str]:
    lines: list[str] = []
    counts = []
    if a.wet_diapers is not None:
        counts.append(f"{a.wet_diapers} wet")
    if a.dirty_diapers is not None:
        counts.append(f"{a.dirty_diapers} dirty")
    if counts:
        line = f"Diapers in the last 24 hours: {_join_and(counts)}."
        if dol is not None:
            norm = output_norm(dol)
            expected = [f"{norm.min_wet} wet"] if a.wet_diapers is not None else []
            if a.dirty_diapers is not None and norm.min_stools is not None:
                expected.append(f"{norm.min_stools} dirty")
            if expected:
                line += f" On day {dol} of life we expect at least {_join_and(expected)}."
        lines.append(line)
    if a.stool_colour is not None:
        lines.append(f"Stools: {STOOL_PLAIN[a.stool_colour]}.")
    if a.urates:
        lines.append("Orange or brick-red crystals (urates) in the diaper.")
    return lines


def _feed_lines(baby: Baby, a: BabyAssessment, t: ClinicalThresholds) -> list[str]:
    lines: list[str] = []
    if a.positions:
        names = ", ".join(p.label.lower() for p in a.positions)
        lines.append(f"Feeding positions used today: {names}.")
    if a.feeds_per_24h is not None:
        line = f"Feeds in the last 24 hours: {a.feeds_per_24h}."
        if a.feeds_per_24h < t.min_feeds_per_24h:
            line += f" We aim for at least {t.min_feeds_per_24h}."
        lines.append(line)
    if a.ineffective_signs:
        lines.append(
            "Signs the latch was not working well: "
            + ", ".join(INEFFECTIVE_PLAIN[s] for s in a.ineffective_signs)
            + "."
        )
    if a.weak_suckle:
        lines.append("Your baby's suck was weak.")
    shapes = [f.nipple_after for f in a.feeds if f.nipple_after is not None]
    for shape in dict.fromkeys(shapes):
        lines.append(f"Your nipple after the feed: {NIPPLE_SHAPE_PLAIN[shape]}.")
    scored = [f for f in a.feeds if not f.latch.is_empty]
    for feed in scored:
        where = f", {feed.side.label.lower()}" if len(scored) > 1 and feed.side is not None else ""
        lines += _latch_lines(feed.latch, where)
    return lines


def _tongue_lines(a: BabyAssessment, t: ClinicalThresholds) -> list[str]:
    lines = _btat_lines(a.tongue, t)
    haz = _hazelbaker(a.tongue, t)
    if haz is not None and haz.meets_rule:
        lines.append("A second tongue check (Hazelbaker) also shows the tongue does not move freely.")
    if a.tongue.referral.strip():
        when = f" ({_day_month(a.tongue.referral_date)})" if a.tongue.referral_date else ""
        lines.append(f"Referred for a tongue check: {a.tongue.referral.strip()}{when}.")
    return lines


def _parent_lines(visit: Visit, client: Client, settings: PracticeSettings) -> list[str]:
    p = visit.parent
    t = settings.thresholds
    lines: list[str] = []
    if p.temperature_c is not None:
        line = f"Your temperature: {format_temperature(p.temperature_c, settings.temperature_unit)}."
        if p.temperature_c >= t.fever_threshold_c:
            line += " That is a fever."
        lines.append(line)
    feelings = [w for w, on in (("you have chills", p.chills), ("you feel ill, like having the flu", p.flu_like)) if on]
    if feelings:
        lines.append(_cap(_join_and(feelings)) + ".")
    for on, text in (
        (p.unrested, "You are not getting enough rest."),
        (p.pressure_on_breast, "Something presses on part of your breast, such as a tight bra or a strap."),
        (p.long_gaps, "There are long gaps between feeds."),
        (p.sudden_stop, "Breastfeeding stopped suddenly."),
        (client.history.previous_mastitis, "You had mastitis before."),
    ):
        if on:
            lines.append(text)
    return lines


def _breast_lines(visit: Visit) -> list[str]:
    lines: list[str] = []
    finding = visit.breast_finding
    if finding is not None:
        signs = ", ".join(s.plain for s in finding.signs) or "no signs listed"
        lines.append(f"{finding.concern.label} on the {finding.side.label.lower()}: {signs}.")
    for m in visit.map_findings:
        lines.append(_cap(_map_finding_words(m)) + (f", about {m.size_cm:g} cm across" if m.size_cm else "") + ".")
    for exam in visit.breast_sides:
        bits: list[str] = []
        if exam.pain is not None:
            bits.append(f"pain {exam.pain} out of 10")
        if exam.engorgement:
            bits.append("very full and swollen (engorged)")
        if exam.condition is not None:
            bits.append(CONDITION_PLAIN[exam.condition])
        if bits:
            lines.append(f"{exam.side.label}: {', '.join(bits)}.")
    return lines


def _map_finding_words(m: BreastMapFinding) -> str:
    """"a lump at 2 o'clock on the left breast, 3 cm from the nipple"."""
    what = m.kind.plain
    if m.kind is FindingKind.NIPPLE_DAMAGE and m.nipple_damage is not None:
        what = f"nipple damage ({NIPPLE_DAMAGE_PLAIN[m.nipple_damage]})"
    return f"{what} {m.where}"


# --- Flags and risk factors --------------------------------------------------------------------------------


def _baby_flag_inputs(baby: Baby, a: BabyAssessment, growth: _Growth) -> FlagInputs:
    return FlagInputs(
        birth_weight_g=baby.birth_weight_g or None,
        current_weight_g=a.weight_g,
        days_since_birth=growth.days,
        regained=growth.regained,
        velocity_g_per_day=growth.velocity,
        output_problems=_output_problems(a, growth.day_of_life),
        jaundice=a.jaundice,
        lethargy=a.lethargy,
        poor_feeding=a.poor_feeding,
    )


def _parent_flag_inputs(visit: Visit) -> FlagInputs:
    p = visit.parent
    return FlagInputs(
        maternal_temperature_c=p.temperature_c,
        chills=p.chills,
        flu_like=p.flu_like,
        spreading_redness=p.spreading_redness,
        confusion=p.confusion,
        fast_heart_rate=p.fast_heart_rate,
        fluctuant_or_persisting_lump=p.fluctuant_or_persisting_lump,
        worse_after_antibiotics=p.worse_after_antibiotics,
        lump_persists_after_episode=p.lump_after_episode,
    )


def _lowest_latch_item(a: BabyAssessment) -> int | None:
    items = [f.latch.latch for f in a.feeds if f.latch.latch is not None]
    return min(items) if items else None


def _baby_risk_inputs(a: BabyAssessment, t: ClinicalThresholds) -> RiskInputs:
    haz = _hazelbaker(a.tongue, t)
    return RiskInputs(
        latch_item=_lowest_latch_item(a),
        ineffective_latch_signs=tuple(INEFFECTIVE_PLAIN[s] for s in a.ineffective_signs),
        feeds_per_24h=a.feeds_per_24h,
        btat_total=a.btat.total,
        tongue_tie_diagnosed=bool(haz is not None and haz.meets_rule),
        weak_suckle=a.weak_suckle,
    )


def _prefixed(prefix: str, text: str) -> str:
    return f"{prefix}: {text}" if prefix else text


# --- Steps -------------------------------------------------------------------------------------------------


def _from_source(items: Iterable[src.SourceStep], section: str, because: str = "") -> list[PlanStep]:
    return [PlanStep(s.text, because or s.why, s.source, key=s.key, section=section) for s in items]


def _clogged_duct_reasons(visit: Visit) -> list[str]:
    """What at this visit shows a clogged duct, in plain words (empty when nothing does)."""
    reasons: list[str] = []
    finding = visit.breast_finding
    if finding is not None:
        signs = ", ".join(s.plain for s in finding.signs)
        reasons.append(
            f"{finding.concern.label.lower()} on the {finding.side.label.lower()}" + (f": {signs}" if signs else "")
        )
    reasons += [_map_finding_words(m) for m in visit.map_findings if m.kind is FindingKind.LUMP]
    reasons += [
        f"a narrowed milk duct in your {exam.side.value} breast"
        for exam in visit.breast_sides
        if exam.condition is SpectrumCondition.DUCTAL_NARROWING and exam.side is not Side.BOTH
    ]
    return reasons


_LOCAL_SIGN_KINDS = frozenset({FindingKind.LUMP, FindingKind.REDNESS, FindingKind.WARMTH, FindingKind.HARDNESS})


def _mastitis_reasons(visit: Visit, settings: PracticeSettings, clogged: Sequence[str]) -> list[str]:
    """What at this visit shows mastitis (empty when nothing does).

    The consultant's own call (concern "mastitis", a mastitis condition of the ABM #36 spectrum) or the source
    document's rule: the signs of a clogged duct plus tiredness, feeling sick, fever or chills.
    """
    reasons: list[str] = []
    finding = visit.breast_finding
    p = visit.parent
    t = settings.thresholds
    if finding is not None and (
        finding.concern is BreastConcern.MASTITIS or any(s in GENERAL_SIGNS for s in finding.signs)
    ):
        reasons.append(clogged[0])
    for exam in visit.breast_sides:
        if exam.condition in MASTITIS_CONDITIONS:
            reasons.append(f"{CONDITION_PLAIN[exam.condition]} in your {exam.side.value} breast")
    local = list(clogged) + [
        _map_finding_words(m) for m in visit.map_findings if m.kind in _LOCAL_SIGN_KINDS - {FindingKind.LUMP}
    ]
    general: list[str] = []
    if p.temperature_c is not None and p.temperature_c >= t.fever_threshold_c:
        general.append(f"a temperature of {format_temperature(p.temperature_c, settings.temperature_unit)}")
    if p.chills:
        general.append("chills")
    if p.flu_like:
        general.append("feeling ill, like having the flu")
    if not reasons and local and general:
        reasons.append(f"{'; '.join(local)}, with {_join_and(general)}")
    elif reasons and general:
        reasons[-1] += f", with {_join_and(general)}"
    return reasons


def _positions_worked(assessed: Sequence[tuple[Baby, BabyAssessment]]) -> list[tuple[str, Position, list[Side | None]]]:
    out: list[tuple[str, Position, list[Side | None]]] = []
    for baby, a in assessed:
        seen: dict[Position, list[Side | None]] = {}
        for feed in a.feeds:
            for position in feed.positions_worked:
                sides = seen.setdefault(position, [])
                if feed.side not in sides:
                    sides.append(feed.side)
        out += [(baby.name.strip() or "Your baby", pos, sides) for pos, sides in seen.items()]
    return out


def _positions_to_try(assessed: Sequence[tuple[Baby, BabyAssessment]]) -> list[str]:
    several = len(assessed) > 1
    lines: list[str] = []
    for name, position, sides in _positions_worked(assessed):
        label, how = POSITION_PLAIN[position]
        named = [s for s in sides if s is not None]
        where = ""
        if named and None not in sides and Side.BOTH not in named and len(named) == 1:
            where = f", {named[0].value} breast"
        lines.append(_prefixed(name if several else "", f"{label}{where}: {how}."))
    return lines


def _latch_steps(reasons: Sequence[str], worked: Sequence[str]) -> list[PlanStep]:
    because = "; ".join(reasons)
    if worked:
        positions_text = (
            "Change your feeding position from feed to feed. Start with the positions that worked today: "
            f"{_join_and(list(dict.fromkeys(worked)))}."
        )
    else:
        positions_text = "Change your feeding position from feed to feed, so every part of the breast is emptied."
    return [
        PlanStep(
            "Wait for a wide-open mouth, then bring your baby to the breast, chin first.",
            because,
            f"{src.SOURCE_TITLE}: improper latch causes clogged ducts",
            key="latch_wide_mouth",
            section=SECTION_LATCH,
        ),
        PlanStep(
            positions_text,
            because,
            f"{src.SOURCE_TITLE}: changing feeding positions",
            key="latch_positions",
            section=SECTION_LATCH,
        ),
    ]


def _tongue_steps(reasons: Sequence[str], referrals: Sequence[str], source: str) -> list[PlanStep]:
    because = "; ".join(reasons)
    if referrals:
        text = f"Go to the tongue check you were referred for: {_join_and(list(referrals))}."
    else:
        text = "Ask your baby's doctor to check your baby's tongue (a tongue-tie check)."
    return [
        PlanStep(text, because, source, key="tongue_check", section=SECTION_TONGUE),
        PlanStep(
            "After each feed, feel your breast. If it is not softer, express some milk by hand.",
            because,
            f"{src.SOURCE_TITLE}: tongue tie raises the risk of mastitis; ducts not emptied can clog",
            key="tongue_empty_breast",
            section=SECTION_TONGUE,
        ),
    ]


def _prevention_steps(
    t: ClinicalThresholds, tailored: Mapping[str, str], extra: Sequence[tuple[src.SourceStep, str]]
) -> list[PlanStep]:
    """Every prevention step of the source document (for every parent), the ones her findings make matter
    first with the finding as their reason, then the steps added for a risk factor found."""
    core = (src.feed_often_step(t.min_feeds_per_24h), *src.PREVENTION_STEPS[1:])
    steps = [
        PlanStep(s.text, tailored.get(s.key) or s.why, s.source, key=s.key, section=SECTION_PREVENTION) for s in core
    ]
    steps.sort(key=lambda s: s.key not in tailored)  # stable: her steps first, source order kept
    steps += [PlanStep(s.text, because, s.source, key=s.key, section=SECTION_PREVENTION) for s, because in extra]
    return steps


# --- The consultant's edits --------------------------------------------------------------------------------


def apply_edits(suggested: Sequence[PlanStep], edits: PlanEdits) -> tuple[PlanStep, ...]:
    """The final steps: the suggested ones with the consultant's edits applied.

    - No edited steps (``edits.steps`` empty): the suggestion as it is.
    - Otherwise the edits' order is followed; a step left unticked (``included=False``) is dropped.
    - A suggested step keeps the engine's text, reason and source (its wording is the source's); an edited
      step whose key is no longer suggested (the finding behind it is gone) is dropped.
    - The consultant's own steps (``custom=True``, non-blank text) are included where she put them, in the
      section of the step before them (or after them, when first); with no suggested step around them they
      go to ``SECTION_CUSTOM``.
    - Suggested steps the edits do not mention (new findings since she edited) are added at the end of their
      section, or at the end of the plan when their section has no step left.
    A key mentioned twice counts once (its first mention).
    """
    if not edits.steps:
        return tuple(suggested)
    by_key = {s.key: s for s in suggested}
    chosen = []
    mentioned: set[str] = set()
    for c in edits.steps:
        if c.key in mentioned:
            continue
        mentioned.add(c.key)
        chosen.append(c)
    engine_section = [None if c.custom or c.key not in by_key else by_key[c.key].section for c in chosen]

    def custom_section(i: int) -> str:
        before = next((s for s in reversed(engine_section[:i]) if s is not None), None)
        after = next((s for s in engine_section[i + 1:] if s is not None), None)
        return before or after or SECTION_CUSTOM

    final: list[PlanStep] = []
    for i, c in enumerate(chosen):
        if not c.included:
            continue
        if c.custom:
            if c.text.strip():
                final.append(
                    PlanStep(c.text, c.reason, c.source, key=c.key, section=custom_section(i), custom=True)
                )
        elif c.key in by_key:
            final.append(by_key[c.key])
    for step in suggested:
        if step.key in mentioned:
            continue
        last = max((i for i, s in enumerate(final) if s.section == step.section), default=None)
        if last is None:
            final.append(step)
        else:
            final.insert(last + 1, step)
    return tuple(final)


def group_sections(steps: Sequence[PlanStep], intros: Mapping[str, str]) -> tuple[PlanSection, ...]:
    """Sections in the order their first step appears, each with its steps in order."""
    grouped: dict[str, list[PlanStep]] = {}
    for step in steps:
        grouped.setdefault(step.section, []).append(step)
    return tuple(PlanSection(title, tuple(items), intros.get(title, "")) for title, items in grouped.items())


# --- The engine --------------------------------------------------------------------------------------------


_CLOGGED_INTRO = {
    PlanVariant.SOURCE_DOCUMENT: "A clogged duct that does not clear can turn into an infection called mastitis.",
    PlanVariant.ABM36: "With a clogged duct, swelling in the breast narrows the milk ducts. The aim is to calm "
    "the swelling, not to push the lump out.",
}
_MASTITIS_INTRO = "Mastitis is swelling and soreness in part of the breast. It can become an infection."

_CLOGGED_STEPS = {
    PlanVariant.SOURCE_DOCUMENT: src.CLOGGED_DUCT_TREATMENT_STEPS,
    PlanVariant.ABM36: src.ABM36_CLOGGED_DUCT_TREATMENT_STEPS,
}
_MASTITIS_STEPS = {
    PlanVariant.SOURCE_DOCUMENT: src.MASTITIS_TREATMENT_STEPS,
    PlanVariant.ABM36: src.ABM36_MASTITIS_TREATMENT_STEPS,
}


def _variant_used(topic: str, variant: PlanVariant) -> VariantUsed:
    if variant is PlanVariant.ABM36:
        return VariantUsed(topic, variant, src.ABM36_TITLE, src.ABM36_REFERENCE)
    return VariantUsed(topic, variant, src.SOURCE_TITLE)


def build_care_plan(
    practice: Practice,
    client: Client,
    visit: Visit,
    *,
    earlier_weighings: Mapping[uuid.UUID, Sequence[tuple[dt.date, int]]] | None = None,
) -> CarePlan:
    """Decide what the care plan for ``visit`` says.

    ``earlier_weighings`` maps a baby's id to its weighings at earlier visits, as (date, grams), oldest first:
    they give the gain per day and whether birth weight was regained. The prevention steps of the source
    document are always given (they apply to every breastfeeding parent); treatment steps for a clogged duct
    or mastitis only when the consultant found the signs. Thresholds, wording variants and display units come
    from ``practice.settings``.
    """
    settings = practice.settings
    t = settings.thresholds
    unit = settings.weight_unit
    earlier_weighings = earlier_weighings or {}
    babies_by_id = {b.id: b for b in client.babies}
    assessed = [(babies_by_id[a.baby_id], a) for a in visit.assessments if a.baby_id in babies_by_id]
    several = len(assessed) > 1

    # Findings, flags and risk factors for each baby.
    baby_findings: list[BabyFindings] = []
    flags: list[Flag] = red_flags(_parent_flag_inputs(visit), t, unit)
    found: list[RiskFactorFound] = []
    latch_reasons: list[str] = []
    tongue_reasons: list[str] = []
    tongue_sources: list[str] = [_TONGUE_SOURCE]
    referrals: list[str] = []
    for baby, a in assessed:
        name = baby.name.strip() or "Your baby"
        prefix = name if several else ""
        growth = _growth(baby, a, visit.visit_date, earlier_weighings.get(a.baby_id, ()))
        lines = _weight_lines(baby, a, growth, unit)
        if a.test_weight is not None:
            lines += _test_weight_lines(a.test_weight, t)
        lines += _feed_lines(baby, a, t)
        lines += _tongue_lines(a, t)
        lines += _output_lines(a, growth.day_of_life)
        baby_findings.append(BabyFindings(baby.name, tuple(lines), a.latch.total, a.btat.total))

        for flag in red_flags(_baby_flag_inputs(baby, a, growth), t, unit):
            flags.append(dataclasses.replace(flag, reason=_prefixed(prefix, flag.reason)) if several else flag)

        baby_found = risk_factors(_baby_risk_inputs(a, t), t)
        found += [dataclasses.replace(r, reason=_prefixed(prefix, r.reason)) for r in baby_found]
        improper = [_prefixed(prefix, r.reason) for r in baby_found if r.factor is RiskFactor.IMPROPER_LATCH]
        latch_reasons += improper
        latch_total = a.latch.total
        if not improper and latch_total is not None and latch_total < t.latch_further_evaluation_below:
            latch_reasons.append(
                _prefixed(prefix, f"latch score {latch_total} of 10 (below {t.latch_further_evaluation_below})")
            )
        btat_total = a.btat.total
        if btat_total is not None and btat_total <= t.btat_impaired_at_most:
            tongue_reasons.append(
                _prefixed(
                    prefix,
                    f"tongue check BTAT {btat_total} of 8 ({t.btat_impaired_at_most} or less: "
                    "the tongue does not move freely)",
                )
            )
        haz = _hazelbaker(a.tongue, t)
        if haz is not None and haz.meets_rule:
            tongue_reasons.append(
                _prefixed(prefix, "the Hazelbaker tongue check shows the tongue does not move freely")
            )
            tongue_sources.append(haz.source)
        if (btat_total is not None and btat_total <= t.btat_impaired_at_most) or (haz and haz.meets_rule):
            if a.tongue.referral.strip():
                referrals.append(a.tongue.referral.strip())

    # The parent's risk factors.
    clogged = _clogged_duct_reasons(visit)
    p = visit.parent
    parent_found = risk_factors(
        RiskInputs(
            clogged_duct_present=bool(clogged),
            pressure_on_breast=p.pressure_on_breast,
            stopped_suddenly=p.sudden_stop,
            unrested=p.unrested,
            previous_mastitis=client.history.previous_mastitis,
        ),
        t,
    )
    if p.long_gaps:
        parent_found.append(RiskFactorFound(RiskFactor.INFREQUENT_FEEDING, "long gaps between feeds", _SEED_CAUSES))
    order = list(RiskFactor)
    all_found = sorted(parent_found + found, key=lambda r: order.index(r.factor))
    factors = {r.factor for r in all_found}

    # Suggested steps.
    worked = [POSITION_PLAIN[pos][0].split(" (")[0].lower() for _, pos, _ in _positions_worked(assessed)]
    suggested: list[PlanStep] = []
    intros: dict[str, str] = {SECTION_PREVENTION: src.MILK_SUPPLY_STEP.text}
    variants: list[VariantUsed] = []
    if latch_reasons:
        suggested += _latch_steps(latch_reasons, worked)
    if tongue_reasons:
        suggested += _tongue_steps(tongue_reasons, referrals, "; ".join(dict.fromkeys(tongue_sources)))
    if clogged:
        variant = settings.clogged_duct_variant
        suggested += _from_source(_CLOGGED_STEPS[variant], SECTION_CLOGGED, "; ".join(clogged))
        intros[SECTION_CLOGGED] = _CLOGGED_INTRO[variant]
        variants.append(_variant_used("a clogged duct", variant))
    mastitis = _mastitis_reasons(visit, settings, clogged)
    if mastitis:
        variant = settings.mastitis_variant
        suggested += _from_source(_MASTITIS_STEPS[variant], SECTION_MASTITIS, "; ".join(mastitis))
        intros[SECTION_MASTITIS] = _MASTITIS_INTRO
        variants.append(_variant_used("mastitis", variant))

    tailored: dict[str, str] = {}

    def reasons_for(factor: RiskFactor) -> str:
        return "; ".join(r.reason for r in all_found if r.factor is factor)

    if RiskFactor.INFREQUENT_FEEDING in factors:
        tailored["feed_often"] = reasons_for(RiskFactor.INFREQUENT_FEEDING)
    if RiskFactor.IMPROPER_LATCH in factors:
        tailored["good_latch"] = reasons_for(RiskFactor.IMPROPER_LATCH)
    not_softened = [
        _prefixed(baby.name.strip() or "Your baby" if several else "", "your breast was not softer after the feed")
        for baby, a in assessed
        if IneffectiveSign.BREAST_NOT_SOFTENED in a.ineffective_signs
    ]
    if not_softened:
        tailored["empty_breast"] = "; ".join(dict.fromkeys(not_softened))
    if RiskFactor.PRESSURE_ON_BREAST in factors:
        tailored["no_pressure"] = "you said something presses on part of your breast"
    if RiskFactor.UNRESTED in factors:
        tailored["rest"] = "you said you are not getting enough rest"
    if RiskFactor.SUDDEN_STOP in factors:
        tailored["no_sudden_stop"] = "breastfeeding stopped suddenly"
    cracks = [
        f"we saw {_map_finding_words(m)}"
        for m in visit.map_findings
        if m.kind is FindingKind.NIPPLE_DAMAGE and m.nipple_damage in (NippleDamage.CRACK, NippleDamage.BLEEDING)
    ]
    if visit.breast_finding is not None and Sign.NIPPLE_FISSURE in visit.breast_finding.signs:
        cracks.append("we saw a crack in your nipple")
    if cracks:
        tailored["nipple_care"] = "; ".join(cracks)
    extra: list[tuple[src.SourceStep, str]] = []
    weak = [_prefixed(b.name.strip() or "Your baby" if several else "", "your baby's suck was weak")
            for b, a in assessed if a.weak_suckle]
    if weak and "tongue_empty_breast" not in {s.key for s in suggested}:
        extra.append((src.WEAK_SUCKLE_STEP, "; ".join(weak)))
    if RiskFactor.PREVIOUS_MASTITIS in factors:
        extra.append((src.WATCH_EARLY_SIGNS_STEP, "you had mastitis before"))
    suggested += _prevention_steps(t, tailored, extra)

    final = apply_edits(suggested, visit.plan)
    sections = group_sections(final, intros)
    final_keys = {s.key for s in final}
    variants = [
        v
        for v in variants
        if final_keys & {s.key for s in (_CLOGGED_STEPS if v.topic == "a clogged duct" else _MASTITIS_STEPS)[v.variant]}
    ]

    # When to call the doctor: every flag, red first, then the lines always given.
    lines_by_severity: list[tuple[Severity, str]] = [
        (f.severity, f"{CALL_TODAY if f.severity is Severity.RED else CHECK_SOON} {f.reason}") for f in flags
    ]
    finding = visit.breast_finding
    if mastitis:
        fever_flagged = any(f.code is FlagCode.MATERNAL_FEVER for f in flags)
        if finding is not None and (Sign.FEVER in finding.signs or Sign.CHILLS in finding.signs):
            if not fever_flagged:
                lines_by_severity.append(
                    (Severity.RED, f"{CALL_TODAY} You had a fever or chills with a sore breast: "
                     "call your doctor today.")
                )
        elif not fever_flagged:
            lines_by_severity.append(
                (
                    Severity.AMBER,
                    f"{CHECK_SOON} You have signs of mastitis today. Call your doctor if you are not better "
                    "in 24 hours.",
                )
            )
    lines_by_severity.sort(key=lambda item: item[0] is not Severity.RED)
    ordered_flags = sorted(flags, key=lambda f: f.severity is not Severity.RED)

    return CarePlan(
        practice=practice,
        client_name=client.full_name,
        client_date_of_birth=client.date_of_birth,
        visit_date=visit.visit_date,
        location_label=visit.location.label,
        reason=visit.reason,
        babies=tuple(baby_findings),
        breast_lines=tuple(_breast_lines(visit)),
        sections=sections,
        call_doctor=tuple(line for _, line in lines_by_severity) + ALWAYS_CALL_DOCTOR,
        source_title=src.SOURCE_TITLE,
        references=src.REFERENCES,
        parent_lines=tuple(_parent_lines(visit, client, settings)),
        flags=tuple(ordered_flags),
        risk_factors=tuple(all_found),
        positions_to_try=tuple(_positions_to_try(assessed)),
        feeding_plan=visit.plan.feeding_plan.strip(),
        follow_up=visit.plan.follow_up,
        variants=tuple(variants),
        suggested_steps=tuple(suggested),
        steps=final,
    )
