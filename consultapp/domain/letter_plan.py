"""The letter's Plan section in a clinician's words: what the parent was advised, never the parent's "you/your".

Each suggested step of the care plan has a clinical summary here, keyed by its step key; a step without one (the
consultant's own steps, her free-text notes) is turned into the third person ("your baby" -> "the baby") and
printed after "Parent advised:". The wording variant stays visible (ABM #36 or the source document) because the
summaries follow the steps the parent was given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from consultapp.domain.careplan import (
    SECTION_CLOGGED,
    SECTION_CUSTOM,
    SECTION_LATCH,
    SECTION_MASTITIS,
    SECTION_TONGUE,
    PlanSection,
    PlanStep,
)
from consultapp.domain.careplan.dyad import SECTION_HISTORY, SECTION_NIPPLES
from consultapp.domain.source_steps import StepKey

SECTION_CLINICAL: dict[str, str] = {
    SECTION_LATCH: "Latch and positioning",
    SECTION_TONGUE: "Tongue",
    SECTION_CLOGGED: "Clogged duct",
    SECTION_MASTITIS: "Mastitis",
    SECTION_NIPPLES: "Nipple pain or damage",
    SECTION_HISTORY: "Maternal history",
    SECTION_CUSTOM: "Further advice",
}
"""A care-plan section's title in the letter."""

STEP_CLINICAL: dict[str, str] = {
    StepKey.LATCH_WIDE_MOUTH: "deep latch (wait for a wide gape, chin first)",
    StepKey.LATCH_POSITIONS: "vary feeding positions",
    StepKey.TONGUE_EMPTY_BREAST: "hand expression after feeds if the breast has not softened",
    StepKey.ABM36_COMFORT_EXPRESS: "hand expression for comfort only, not to empty the breast",
    StepKey.TONGUE_FOLLOW_UP: "feed to be observed again after the tongue assessment",
    StepKey.TREAT_FEED_OFTEN: "frequent feeds from the affected breast, varied positions",
    StepKey.TREAT_HAND_EXPRESS: "hand expression after feeds if the breast still feels full",
    StepKey.TREAT_MASSAGE: "gentle massage toward the nipple",
    StepKey.TREAT_HEAT: "warm compress",
    StepKey.MASTITIS_SAME_STEPS: "continue the clogged-duct measures",
    StepKey.MASTITIS_REST: "rest and fluids",
    StepKey.MASTITIS_ANTIBIOTICS: "to contact a physician today about antibiotics (milk culture if indicated)",
    StepKey.ABM36_FEED_ON_DEMAND: "feed on cue; no extra feeds or pumping to empty the breast",
    StepKey.ABM36_COLD: "brief cold packs",
    StepKey.ABM36_LIGHT_STROKES: "no deep massage or vibration; light lymphatic strokes only",
    StepKey.ABM36_MASTITIS_SAME_STEPS: "continue the clogged-duct measures",
    StepKey.ABM36_MASTITIS_NO_OVER_PUMPING: "no extra pumping to empty the breast",
    StepKey.ABM36_MASTITIS_ANTIBIOTICS: "to contact a physician today about antibiotics (only if bacterial)",
    StepKey.WEAK_SUCKLE_EXPRESS: "hand expression after feeds until the breast softens (weak suck)",
    StepKey.ABM36_WEAK_SUCKLE_COMFORT: "hand expression for comfort only (weak suck)",
    StepKey.WATCH_EARLY_SIGNS: "watch for early signs of a clogged duct (previous mastitis)",
    "nipple_latch_first": "correct position and latch first",
    "nipple_comfort_optional": "nipple creams or pads optional (little evidence of faster healing)",
    "nipple_mood": "to report low mood (painful feeding is linked with depression)",
    "history_low_supply": "closer weight checks for a possible low supply",
    "history_medicines": "to check each medicine, herb or supplement with a physician or pharmacist",
}
"""A suggested step's clinical summary, by its key (the tongue check is worded from the referrals)."""

_SUPPLEMENTED = "; expressing to replace each supplemented feed is not extra pumping"
_URGENT = "urgent medical care now (possible sepsis)"
_NOT_SAME_DAY = "to contact a physician if not better in 24 h, or the same day with fever or chills"

_THIRD_PERSON: tuple[tuple[str, str], ...] = (
    (r"\byou are\b", "the parent is"),
    (r"\byou're\b", "the parent is"),
    (r"\byou have\b", "the parent has"),
    (r"\byou've\b", "the parent has"),
    (r"\byou were\b", "the parent was"),
    (r"\byourself\b", "themselves"),
    (r"\byour bab(y|ies)\b", r"the bab\1"),
    (r"\byours\b", "the parent's"),
    (r"\byour\b", "the parent's"),
    (r"\byou\b", "the parent"),
)


def third_person(text: str) -> str:
    """A parent's sentence as a clinician reads it: "Feed your baby when you can" -> "Feed the baby when the
    parent can" (the consultant's own words, which have no clinical summary)."""
    out = " ".join(text.split())
    for pattern, repl in _THIRD_PERSON:

        def keep_case(m: re.Match[str], repl: str = repl) -> str:
            words = m.expand(repl)
            return words[:1].upper() + words[1:] if m.group(0)[:1].isupper() else words

        out = re.sub(pattern, keep_case, out, flags=re.IGNORECASE)
    return out


def _step_clinical(step: PlanStep, tongue_check: str) -> str:
    if step.custom:
        return third_person(step.text).rstrip(".")
    if step.key == StepKey.TONGUE_CHECK:
        return tongue_check
    summary = STEP_CLINICAL.get(step.key)
    if summary is None:
        return third_person(step.text).rstrip(".")
    if step.key in (StepKey.MASTITIS_ANTIBIOTICS, StepKey.ABM36_MASTITIS_ANTIBIOTICS):
        if "urgent medical help" in step.text.lower():
            summary = _URGENT
        elif "not better in 24 hours" in step.text:
            summary = _NOT_SAME_DAY
    if "not extra pumping" in step.text and step.key in (
        StepKey.ABM36_MASTITIS_NO_OVER_PUMPING,
        StepKey.ABM36_FEED_ON_DEMAND,
    ):
        summary += _SUPPLEMENTED
    return summary


def tongue_check_clinical(referrals: Mapping[str, str], several: bool) -> str:
    """The tongue-check step for a clinician: each referral made (with its baby among several), or advice to
    ask for an assessment of tongue function."""
    made = [f"{ref} ({name})" if several and name else ref for name, ref in referrals.items() if ref]
    if made:
        return "referred for assessment of tongue function: " + "; ".join(made)
    return "to ask the baby's physician for an assessment of tongue function"


def plan_letter_lines(sections: Sequence[PlanSection], tongue_check: str, skip: Sequence[str] = ()) -> list[str]:
    """One line per care-plan section (except ``skip``): "Clogged duct - parent advised: warm compress; ..."."""
    lines: list[str] = []
    for section in sections:
        if section.title in skip:
            continue
        title = SECTION_CLINICAL.get(section.title, third_person(section.title.rstrip(":")).capitalize())
        parts = [p for p in (_step_clinical(s, tongue_check) for s in section.steps) if p]
        if parts:
            lines.append(f"{title} - parent advised: " + "; ".join(dict.fromkeys(parts)) + ".")
    return lines
