"""Plain words: how the plan names scores, positions, signs and dates for a parent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from consultapp.domain import source_steps as src
from consultapp.domain.growth import CautionCode
from consultapp.domain.output import StoolColour
from consultapp.domain.records import BreastMapFinding
from consultapp.domain.text import MONTHS
from consultapp.domain.tongue import CoryllosType, KotlowClass
from consultapp.domain.vocabulary import (
    FindingKind,
    IneffectiveSign,
    NippleDamage,
    NippleShape,
    PlanVariant,
    Position,
    SpectrumCondition,
)

ALWAYS_CALL_DOCTOR: tuple[str, ...] = (
    "You have a fever, chills, or you feel sick, like having the flu.",
    "A red, sore area on your breast grows, or is not better after 24 hours.",
    "Your baby has fewer wet diapers, is very sleepy, or will not feed.",
)

SAME_DAY_REDNESS = "A red, sore area on your breast grows."
"""The redness line when she already calls today: "or is not better after 24 hours" would contradict it."""


def always_call_doctor(same_day: bool) -> tuple[str, ...]:
    """The lines always given; with a same-day call no "wait 24 hours" beside "Call today" (CLINICAL.md 15)."""
    if not same_day:
        return ALWAYS_CALL_DOCTOR
    return tuple(SAME_DAY_REDNESS if "24 hours" in line else line for line in ALWAYS_CALL_DOCTOR)


MASTITIS_NOT_SAME_DAY_STEP = (
    "Call your doctor if you are not better in 24 hours, or today if you get a fever or chills."
)
"""What the mastitis step says in place of "Call your doctor today." when nothing makes the call same-day."""

URGENT_CALL_STEP = "Get urgent medical help now."
"""What the mastitis step says in place of "Call your doctor today." with signs of sepsis (CLINICAL.md 15)."""

MASTITIS_NOT_SAME_DAY = f"You have signs of mastitis today. {MASTITIS_NOT_SAME_DAY_STEP}"
"""The box's line for the same case: the box and the mastitis step say the same."""


KOTLOW_PLAIN: dict[KotlowClass, str] = {
    KotlowClass.NORMAL: "That is a normal length (more than 16 mm).",
    KotlowClass.I: "That is a little short (normal is more than 16 mm).",
    KotlowClass.II: "That is short (normal is more than 16 mm).",
    KotlowClass.III: "That is very short (normal is more than 16 mm).",
    KotlowClass.IV: "The tongue is held down almost to its tip (normal is more than 16 mm).",
}
"""Kotlow's free-tongue classes (Quintessence Int 1999) in a parent's words."""

CORYLLOS_PLAIN: dict[CoryllosType, str] = {
    CoryllosType.I: "at the tip of the tongue",
    CoryllosType.II: "just behind the tip of the tongue",
    CoryllosType.III: "in the middle of the tongue",
    CoryllosType.IV: "deep at the base of the tongue",
}
"""Where the band under the tongue is attached (Coryllos type I-IV), in a parent's words."""


SEED_CAUSES = f"{src.SOURCE_TITLE}: causes of clogged ducts (CLINICAL.md section 8)"


TONGUE_SOURCE = (
    "BTAT interpretation: Ingram et al., Int Breastfeed J 2019; "
    f"{src.SOURCE_TITLE}: tongue tie raises the risk of mastitis"
)


LATCH_PLAIN: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("Latch", ("no latch (too sleepy or not willing)", "latched after several tries, needed help", "latched well")),
    ("Swallowing", ("no swallows heard", "a few swallows, with help", "swallows often, without help")),
    ("Nipple", ("turns inward", "flat", "stands out")),
    ("Comfort", ("very sore, very full or damaged", "a little sore, red or bruised", "soft and not sore")),
    ("Holding", ("you needed full help", "you needed a little help", "no help needed")),
)
"""LATCH items (Jensen et al. 1994) in everyday words, in the published order, for scores 0, 1, 2."""


BTAT_PLAIN: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("Tip", ("heart-shaped", "a small notch", "rounded")),
    (
        "Under the tongue",
        ("the skin is attached at the top of the gum", "attached just behind the gum", "attached low in the mouth"),
    ),
    ("Lift", ("lifts only a little", "only the sides lift", "lifts well")),
    ("Reach", ("stays behind the gum", "reaches over the gum", "reaches over the lower lip")),
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
    StoolColour.PALE: "pale, clay-coloured or white",
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




def day_month(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]}"


def join_and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def prefixed(prefix: str, text: str) -> str:
    return f"{prefix}: {text}" if prefix else text


CAUTION_PLAIN: dict[CautionCode, str] = {
    CautionCode.CLOTHING_CHANGED: "Clothes or the diaper were changed between the two weighings, so this is not exact.",
    CautionCode.POST_BELOW_PRE: "Your baby weighed less after the feed than before, so we could not tell how much "
    "your baby drank.",
    CautionCode.WITHIN_RESOLUTION: "The change was too small for this scale to measure.",
}


def map_finding_words(m: BreastMapFinding) -> str:
    """ "a lump at 2 o'clock on the left breast, 3 cm from the nipple"."""
    what = m.kind.plain
    if m.kind is FindingKind.NIPPLE_DAMAGE and m.nipple_damage is not None:
        what = f"nipple damage ({NIPPLE_DAMAGE_PLAIN[m.nipple_damage]})"
    return f"{what} {m.where}"


CLOGGED_INTRO: dict[PlanVariant, str] = {
    PlanVariant.SOURCE_DOCUMENT: "A clogged duct that does not clear can turn into an infection called mastitis.",
    PlanVariant.ABM36: "With a clogged duct, swelling in the breast narrows the milk ducts. The aim is to calm "
    "the swelling, not to push the lump out.",
}


MASTITIS_INTRO = "Mastitis is swelling and soreness in part of the breast. It can become an infection."


MASTITIS_WITH_CLOGGED_INTRO: dict[PlanVariant, str] = {
    PlanVariant.SOURCE_DOCUMENT: MASTITIS_INTRO,
    PlanVariant.ABM36: "Mastitis is swelling in the breast that can become an infection. Calm it; do not push the "
    "lump out.",
}
"""The mastitis section's intro when the plan also gives the clogged-duct steps: the clogged-duct intro is said
here, once (its mastitis steps begin "Keep doing every step for a clogged duct")."""


MASTITIS_SAME_STEPS_SHORT = "Keep doing every step for a clogged duct."
"""The mastitis plan's first step when the clogged-duct steps print on the same plan: they are not listed twice."""
