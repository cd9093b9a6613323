"""The parent's side of the plan the breast steps do not cover: sore or damaged nipples (CLINICAL.md section 13)
and her history - medicines, conditions, breast surgery, milk coming in late (section 17).

Prompts, never verdicts: no drug database, no compatibility answer, no dose (section 18.9).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from consultapp.domain.birth_norms import is_caesarean
from consultapp.domain.careplan.model import PlanStep
from consultapp.domain.nipples import ABM26, nipple_lines, nipple_problem
from consultapp.domain.records import Baby, Client, Visit
from consultapp.domain.vocabulary import MaternalCondition

SECTION_NIPPLES = "Sore or damaged nipples"
SECTION_HISTORY = "Your health and your milk supply"

LATCH_SOURCE = "Lopes et al., nipple trauma scope review, Online Braz J Nurs (CLINICAL.md section 13)"
COMFORT_SOURCE = (
    "Abou-Dakn et al., Skin Pharmacol Physiol 2011 (one trial of 84 mothers); Cochrane 2014 CD007366 conclusion "
    "not seen (CLINICAL.md section 13)"
)
MOOD_SOURCE = f"Painful breastfeeding is linked with depression: screen mood, {ABM26}"
LACTMED = "LactMed (US National Library of Medicine) gives milk levels, infant effects and alternatives"
MEDICINES_SOURCE = f"{LACTMED}; prompts, not verdicts (CLINICAL.md section 17)"
LOW_SUPPLY_SOURCE = (
    "Delayed lactogenesis II at 72 h or more (12-55 %), primiparity and caesarean as risk factors; diabetes; "
    "breast surgery, PCOS and thyroid disease: possible low supply, source not verified (CLINICAL.md section 17)"
)
PLACENTA_SOURCE = (
    "Lactogenesis II needs complete placental expulsion; the signs of retained placenta are not verified "
    "(CLINICAL.md section 17)"
)

NIPPLE_WHEN_TO_CALL = (
    "Call your doctor if feeding still hurts after 2 weeks, if you see pus, if redness spreads or you get a "
    "fever, or if a sore does not heal once the latch is better."
)
PLACENTA_CALL = (
    "If you have heavy bleeding from the vagina, or pass large clots, call your doctor or emergency services now."
)

_PLAIN_CONDITION: dict[MaternalCondition, str] = {
    MaternalCondition.PCOS: "polycystic ovary syndrome (PCOS)",
    MaternalCondition.THYROID: "thyroid disease",
    MaternalCondition.DIABETES: "diabetes",
    MaternalCondition.RETAINED_PLACENTA: "a possible piece of placenta left in the womb",
    MaternalCondition.DELAYED_LACTOGENESIS: "your milk came in late",
}
_CLINICAL_CONDITION: dict[MaternalCondition, str] = {
    MaternalCondition.PCOS: "PCOS: possible low supply",
    MaternalCondition.THYROID: "thyroid disease: possible low supply",
    MaternalCondition.DIABETES: "diabetes: risk of delayed onset of lactogenesis II",
    MaternalCondition.RETAINED_PLACENTA: (
        "suspected retained placenta: lactogenesis II needs complete placental expulsion"
    ),
}


@dataclass(frozen=True)
class ParentExtras:
    """What the nipples and the history add to the plan: steps, "When to call" lines, findings."""

    steps: tuple[PlanStep, ...] = ()
    call_lines: tuple[str, ...] = ()
    """Conditional "call if" lines, printed after the flags and before the lines always given."""
    parent_lines: tuple[str, ...] = field(default_factory=tuple)


def _nipple_steps(visit: Visit, worked: Sequence[str]) -> list[PlanStep]:
    because = "; ".join(nipple_lines(visit.nipples, clinical=False)).replace(".;", ";").rstrip(".").lower()
    positions = f" Start with the positions that worked today: {', '.join(worked)}." if worked else ""
    return [
        PlanStep(
            "First fix the position and the latch: a shallow latch is the usual cause of sore nipples. Bring your "
            f"baby close, chin first, and wait for a wide-open mouth.{positions}",
            because,
            LATCH_SOURCE,
            key="nipple_latch_first",
            section=SECTION_NIPPLES,
        ),
        PlanStep(
            "Creams or pads for the nipple are up to you. Some parents find purified lanolin soothing, but "
            "there is little proof that any product heals faster. A good latch matters most.",
            "comfort products are optional",
            COMFORT_SOURCE,
            key="nipple_comfort_optional",
            section=SECTION_NIPPLES,
        ),
        PlanStep(
            "Painful feeds can make anyone feel low. If you feel sad, worried or not like yourself, tell us or "
            "your doctor. Help is there.",
            "painful feeds are linked with low mood",
            MOOD_SOURCE,
            key="nipple_mood",
            section=SECTION_NIPPLES,
        ),
    ]


def _low_supply_reasons(client: Client) -> list[str]:
    h = client.history
    reasons = [_PLAIN_CONDITION[c] for c in MaternalCondition if c in h.conditions]
    if h.breast_surgery.strip():
        reasons.append("breast surgery")
    return reasons


def _history_steps(client: Client) -> list[PlanStep]:
    h = client.history
    steps: list[PlanStep] = []
    reasons = _low_supply_reasons(client)
    if reasons:
        text = (
            "Some health conditions can make it harder to make enough milk. We will check your baby's weight "
            "more often, and plan extra feeds or expressing if your baby needs them."
        )
        if MaternalCondition.DELAYED_LACTOGENESIS in h.conditions:
            text += " Because your milk came in late, follow your baby's feeding plan, including expressing milk."
        steps.append(
            PlanStep(
                text,
                "you told us: " + ", ".join(reasons),
                LOW_SUPPLY_SOURCE,
                key="history_low_supply",
                section=SECTION_HISTORY,
            )
        )
    if h.medications.strip():
        steps.append(
            PlanStep(
                "Ask your doctor or pharmacist about each medicine, herb or supplement you take, and tell them you "
                "are breastfeeding.",
                f"you take: {' '.join(h.medications.split())}",
                MEDICINES_SOURCE,
                key="history_medicines",
                section=SECTION_HISTORY,
            )
        )
    return steps


def parent_extras(visit: Visit, client: Client, worked: Sequence[str]) -> ParentExtras:
    """The nipple healing steps when a nipple hurts or is damaged, and what her history calls for."""
    steps: list[PlanStep] = []
    calls: list[str] = []
    if nipple_problem(visit.nipples):
        steps += _nipple_steps(visit, worked)
        calls.append(NIPPLE_WHEN_TO_CALL)
    steps += _history_steps(client)
    if MaternalCondition.RETAINED_PLACENTA in client.history.conditions:
        calls.insert(0, PLACENTA_CALL)
    lines = nipple_lines(visit.nipples, clinical=False)
    if client.history.medications.strip():
        lines.append(f"Medicines, herbs or supplements you take: {' '.join(client.history.medications.split())}.")
    return ParentExtras(tuple(steps), tuple(calls), tuple(lines))


def history_letter_lines(client: Client) -> list[str]:
    """The mother's history for the letter: each medicine with a prompt to check compatibility, conditions and
    breast surgery as low-supply risks (CLINICAL.md section 17). No verdict, no dose."""
    h = client.history
    lines: list[str] = []
    if h.medications.strip():
        lines.append(
            f"Maternal medications, herbs, supplements: {' '.join(h.medications.split())}. Please check "
            "compatibility with breastfeeding, e.g. LactMed."
        )
    conditions = [_CLINICAL_CONDITION[c] for c in MaternalCondition if c in h.conditions and c in _CLINICAL_CONDITION]
    if h.breast_surgery.strip():
        conditions.append(f"breast surgery ({' '.join(h.breast_surgery.split())}): possible low supply")
    if conditions:
        lines.append("Maternal history: " + "; ".join(conditions) + ".")
    return lines


def delayed_lactogenesis_flag(client: Client, babies: Sequence[Baby]) -> str:
    """The letter's flag for delayed lactogenesis II with its risk factors, or "" when not recorded."""
    h = client.history
    if MaternalCondition.DELAYED_LACTOGENESIS not in h.conditions:
        return ""
    risks = []
    if any(is_caesarean(b.delivery_mode) for b in babies):
        risks.append("caesarean birth")
    if not h.previous_breastfeeding.strip():
        risks.append("no previous breastfeeding recorded (primiparity?)")
    if MaternalCondition.DIABETES in h.conditions:
        risks.append("diabetes")
    if MaternalCondition.RETAINED_PLACENTA in h.conditions:
        risks.append("suspected retained placenta")
    tail = f"; risk factors: {', '.join(risks)}" if risks else ""
    return f"AMBER: delayed lactogenesis II (more than 72 h): low-supply risk{tail}."
