"""The user's source document, as plain-language steps the care plan carries.

Source document: "Milk Production and Preventing Clogged Ducts & Mastitis" (shared/seed/), summarised in
CLINICAL.md section 8. Each step keeps the part of the document it comes from, so a printed step can be
traced back to its source.

The practice may give the ABM Clinical Protocol #36 (2022) wording for clogged ducts and mastitis instead
(CLINICAL.md section 6: cold packs, light strokes only, feed on demand without over-pumping, antibiotics only
for bacterial mastitis): ``ABM36_CLOGGED_DUCT_TREATMENT_STEPS`` and ``ABM36_MASTITIS_TREATMENT_STEPS``.
Every step has a stable ``key``: the consultant's edits to a plan refer to steps by key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SOURCE_TITLE = "Milk Production and Preventing Clogged Ducts & Mastitis"

REFERENCES: tuple[str, ...] = (
    "Betts et al., 2022 (how milk is made: hormones and the let-down reflex)",
    "Kent, 2007 (milk production depends on how much and how often the baby feeds)",
    "Wagner, 2022 (the lactation consultant's role; preventing engorgement, clogged ducts and mastitis)",
    "Giugliani, 2004 (mastitis: causes, signs, prevention and treatment)",
)


class StepKey(StrEnum):
    """The stable key of a suggested step: the consultant's edits refer to steps by key (stored as text)."""

    MILK_SUPPLY = "milk_supply"
    FEED_OFTEN = "feed_often"
    GOOD_LATCH = "good_latch"
    EMPTY_BREAST = "empty_breast"
    NO_PRESSURE = "no_pressure"
    REST = "rest"
    NO_SUDDEN_STOP = "no_sudden_stop"
    NIPPLE_CARE = "nipple_care"
    TREAT_FEED_OFTEN = "treat_feed_often"
    TREAT_HAND_EXPRESS = "treat_hand_express"
    TREAT_MASSAGE = "treat_massage"
    TREAT_HEAT = "treat_heat"
    MASTITIS_SAME_STEPS = "mastitis_same_steps"
    MASTITIS_REST = "mastitis_rest"
    MASTITIS_ANTIBIOTICS = "mastitis_antibiotics"
    WATCH_EARLY_SIGNS = "watch_early_signs"
    WEAK_SUCKLE_EXPRESS = "weak_suckle_express"
    ABM36_FEED_ON_DEMAND = "abm36_feed_on_demand"
    ABM36_COLD = "abm36_cold"
    ABM36_LIGHT_STROKES = "abm36_light_strokes"
    ABM36_MASTITIS_SAME_STEPS = "abm36_mastitis_same_steps"
    ABM36_MASTITIS_NO_OVER_PUMPING = "abm36_mastitis_no_over_pumping"
    ABM36_MASTITIS_ANTIBIOTICS = "abm36_mastitis_antibiotics"
    ABM36_FIRST_BREAST = "abm36_first_breast"
    ABM36_COMFORT_EXPRESS = "abm36_comfort_express"
    ABM36_WEAK_SUCKLE_COMFORT = "abm36_weak_suckle_comfort"
    # The engine's own steps (latch and tongue), worded in careplan.steps:
    LATCH_WIDE_MOUTH = "latch_wide_mouth"
    LATCH_POSITIONS = "latch_positions"
    TONGUE_CHECK = "tongue_check"
    TONGUE_EMPTY_BREAST = "tongue_empty_breast"
    TONGUE_FOLLOW_UP = "tongue_follow_up"


@dataclass(frozen=True)
class SourceStep:
    """A step in plain words, with the passage of the source document it rests on."""

    key: StepKey
    text: str
    why: str
    source: str


_CLOGGED = f"{SOURCE_TITLE}: clogged milk ducts"
_MASTITIS = f"{SOURCE_TITLE}: mastitis (Giugliani, 2004)"
_PRODUCTION = f"{SOURCE_TITLE}: milk production (Kent, 2007)"

MILK_SUPPLY_STEP = SourceStep(
    StepKey.MILK_SUPPLY,
    "The more often your baby feeds and the more milk your baby takes, the more milk you make.",
    "milk supply follows how much and how often the baby feeds",
    _PRODUCTION,
)


def feed_often_step(min_feeds_per_24h: int | None = 8) -> SourceStep:
    """The "feed often" prevention step: on cue, with the practice's newborn minimum of feeds a day.

    The document's "frequent scheduled feeds" reads in plain words as feeding on cue, at least 8 times in 24
    hours in the first weeks (CLINICAL.md sections 8, 11 and 18: scheduled feeds are themselves a mastitis risk,
    ABM #4/#36). ``None`` after the newborn period: on cue, with no count (Kent 2006: 6-18 feeds a day).
    """
    if min_feeds_per_24h is None:
        return SourceStep(
            StepKey.FEED_OFTEN,
            "Feed your baby whenever your baby shows hunger signs.",
            "frequent feeds prevent clogged ducts",
            _CLOGGED,
        )
    return SourceStep(
        StepKey.FEED_OFTEN,
        f"Feed your baby often, whenever your baby shows hunger signs: at least {min_feeds_per_24h} times in 24 hours.",
        "frequent feeds prevent clogged ducts",
        _CLOGGED,
    )


PREVENTION_STEPS: tuple[SourceStep, ...] = (
    feed_often_step(),
    SourceStep(
        StepKey.GOOD_LATCH,
        "Check the latch at every feed: mouth wide open, lips turned out, chin touching your breast.",
        "a poor latch leaves milk in the breast",
        _CLOGGED,
    ),
    SourceStep(
        StepKey.EMPTY_BREAST,
        "Let your baby finish the first breast, until it feels soft, before you offer the other one.",
        "emptying the breast prevents clogged ducts",
        _CLOGGED,
    ),
    SourceStep(
        StepKey.NO_PRESSURE,
        "Avoid pressure on your breasts, such as a tight bra, a bag strap or a baby-carrier strap.",
        "pressure on part of the breast can block a duct",
        _CLOGGED,
    ),
    SourceStep(
        StepKey.REST,
        "Rest when you can. Ask family or friends to help with other jobs.",
        "being tired and unrested makes mastitis more likely",
        _MASTITIS,
    ),
    SourceStep(
        StepKey.NO_SUDDEN_STOP,
        "Do not stop breastfeeding suddenly. If you want to stop, ask us how to cut down slowly.",
        "stopping suddenly, for a time or for good, makes mastitis more likely",
        _MASTITIS,
    ),
    SourceStep(
        StepKey.NIPPLE_CARE,
        "Look at your nipples after feeds. Tell us about any crack, so we can fix the latch.",
        "germs can get into the breast through cracks in the nipple",
        _MASTITIS,
    ),
)

CLOGGED_DUCT_TREATMENT_STEPS: tuple[SourceStep, ...] = (
    SourceStep(
        StepKey.TREAT_FEED_OFTEN,
        "Feed often from the sore breast. Change your feeding position from feed to feed.",
        "frequent feeding and changing positions treat a clogged duct",
        _CLOGGED,
    ),
    SourceStep(
        StepKey.TREAT_HAND_EXPRESS,
        "If the breast still feels full after a feed, express some milk by hand.",
        "hand expression helps clear a clogged duct",
        _CLOGGED,
    ),
    SourceStep(
        StepKey.TREAT_MASSAGE,
        "Gently massage near the lump, stroking toward the nipple.",
        "massage toward the nipple helps clear a clogged duct",
        _CLOGGED,
    ),
    SourceStep(
        StepKey.TREAT_HEAT,
        "Put a warm pack on the sore area.",
        "heat packs are part of treating a clogged duct",
        _CLOGGED,
    ),
)

MASTITIS_TREATMENT_STEPS: tuple[SourceStep, ...] = (
    SourceStep(
        StepKey.MASTITIS_SAME_STEPS,
        "Keep doing every step for a clogged duct: feed often, change positions, express by hand, "
        "massage toward the nipple, use a warm pack.",
        "mastitis is treated like a clogged duct",
        _MASTITIS,
    ),
    SourceStep(
        StepKey.MASTITIS_REST,
        "Rest as much as you can, and drink when you are thirsty.",
        "being unrested makes mastitis worse",
        _MASTITIS,
    ),
    SourceStep(
        StepKey.MASTITIS_ANTIBIOTICS,
        "Call your doctor today. If germs (bacteria) cause the mastitis, or if you feel very unwell, "
        "you need antibiotics. A test of your milk can show if germs are the cause.",
        "antibiotics are added when mastitis is bacterial (milk test) or severe",
        _MASTITIS,
    ),
)

# Steps added to prevention when the matching risk factor is found (the source document names the risk).
WATCH_EARLY_SIGNS_STEP = SourceStep(
    StepKey.WATCH_EARLY_SIGNS,
    "Watch for early signs: a sore, warm or red area, or a lump. If you find one, start the steps for a "
    "clogged duct the same day.",
    "a history of mastitis makes mastitis more likely",
    _MASTITIS,
)

WEAK_SUCKLE_STEP = SourceStep(
    StepKey.WEAK_SUCKLE_EXPRESS,
    "If your breast still feels full after a feed, express some milk by hand until it feels softer.",
    "a weak suckle leaves milk in the breast, and ducts that are not emptied can clog",
    _CLOGGED,
)

# --- ABM Clinical Protocol #36 (2022): the practice may choose this wording instead (CLINICAL.md section 6).

ABM36_SOURCE = "ABM Clinical Protocol #36, Mitchell et al., Breastfeed Med 2022"
ABM36_TITLE = "ABM Clinical Protocol #36: The Mastitis Spectrum, Revised 2022"
ABM36_REFERENCE = (
    "Mitchell et al., ABM Clinical Protocol #36: The Mastitis Spectrum, Revised 2022. "
    "Breastfeed Med 2022;17(5). doi:10.1089/bfm.2022.29207.kbm"
)
ABM36_PARENT_REFERENCE = "Mitchell et al., The Mastitis Spectrum, revised 2022. Breastfeed Med 2022;17(5)."
"""The reference as a family's document prints it (no protocol number: CLINICAL.md section 18.8)."""
_ABM36_CLOGGED = f"{ABM36_SOURCE}: ductal narrowing (clogged duct)"
_ABM36_MASTITIS = f"{ABM36_SOURCE}: mastitis"

ABM36_CLOGGED_DUCT_TREATMENT_STEPS: tuple[SourceStep, ...] = (
    SourceStep(
        StepKey.ABM36_FEED_ON_DEMAND,
        "Feed your baby when your baby is hungry. Do not add extra feeds or extra pumping to empty the breast.",
        "feeding on demand, without over-feeding or over-pumping, keeps swelling down",
        _ABM36_CLOGGED,
    ),
    SourceStep(
        StepKey.ABM36_COLD,
        "Put ice or a cold pack, wrapped in a cloth, on the sore area for short times. It eases swelling and pain.",
        "cold eases swelling and pain",
        _ABM36_CLOGGED,
    ),
    SourceStep(
        StepKey.ABM36_LIGHT_STROKES,
        "Do not rub hard or press deep into the lump, and do not use a vibrating tool. "
        "Use only light strokes on the skin, from the sore area toward your armpit.",
        "deep massage can hurt the breast; light strokes help the swelling drain",
        _ABM36_CLOGGED,
    ),
)

ABM36_MASTITIS_TREATMENT_STEPS: tuple[SourceStep, ...] = (
    SourceStep(
        StepKey.ABM36_MASTITIS_SAME_STEPS,
        "Keep doing every step for a clogged duct: feed when your baby is hungry, use a cold pack, "
        "and use only light strokes, no deep massage.",
        "mastitis is treated like a narrowed (clogged) duct",
        _ABM36_MASTITIS,
    ),
    SourceStep(
        StepKey.ABM36_MASTITIS_NO_OVER_PUMPING,
        "Do not pump extra milk to empty the breast. Extra pumping makes more milk and more swelling.",
        "over-pumping makes more milk and more swelling",
        _ABM36_MASTITIS,
    ),
    SourceStep(
        StepKey.ABM36_MASTITIS_ANTIBIOTICS,
        "Call your doctor today. Antibiotics help only when germs (bacteria) cause the mastitis. "
        "Your doctor will decide if you need them.",
        "antibiotics are for mastitis that is, or may be, caused by bacteria",
        _ABM36_MASTITIS,
    ),
)

ABM36_SUPPLEMENT_NOTE = (
    "Keep expressing for each feed your baby gets from a cup, spoon or bottle, as your feeding plan says. "
    "That is not extra pumping: it takes the place of the missed feed and keeps up your milk."
)
"""Added to the no-extra-pumping step when a baby is supplemented (CLINICAL.md section 15: expressing to
replace missed feeds is not over-pumping, and the plan says why)."""

ABM36_FIRST_BREAST_STEP = SourceStep(
    StepKey.ABM36_FIRST_BREAST,
    "Let your baby feed on the first breast for as long as your baby wants, then offer the other one.",
    "feeding on demand, without extra emptying, keeps swelling down",
    _ABM36_CLOGGED,
)
"""In place of the source's "finish the first breast until it feels soft" (no draining the breast)."""

ABM36_COMFORT_EXPRESS_STEP = SourceStep(
    StepKey.ABM36_COMFORT_EXPRESS,
    "If your breast feels too full after a feed, express a little milk by hand, only until it feels comfortable.",
    "hand expression for comfort only, not to empty the breast",
    _ABM36_CLOGGED,
)
"""In place of "express until softer" after a feed (tongue steps): for comfort only, as ABM #36 says."""

ABM36_WEAK_SUCKLE_STEP = SourceStep(
    StepKey.ABM36_WEAK_SUCKLE_COMFORT,
    ABM36_COMFORT_EXPRESS_STEP.text,
    "a weak suck can leave your breast too full; express for comfort only, not to empty the breast",
    _ABM36_CLOGGED,
)
"""The weak-suck step in the ABM #36 wording."""


GENERAL_REASONS: frozenset[str] = frozenset(
    step.why
    for step in (
        MILK_SUPPLY_STEP,
        feed_often_step(),
        feed_often_step(None),
        *PREVENTION_STEPS,
        *CLOGGED_DUCT_TREATMENT_STEPS,
        *MASTITIS_TREATMENT_STEPS,
        WATCH_EARLY_SIGNS_STEP,
        WEAK_SUCKLE_STEP,
        *ABM36_CLOGGED_DUCT_TREATMENT_STEPS,
        *ABM36_MASTITIS_TREATMENT_STEPS,
        ABM36_FIRST_BREAST_STEP,
        ABM36_COMFORT_EXPRESS_STEP,
        ABM36_WEAK_SUCKLE_STEP,
    )
)
"""The source's own reasons for its steps: a family's plan prints them only where no finding of hers says why."""
