"""Nipple pain and damage: what the exam shows, and what calls for a doctor (CLINICAL.md section 13).

Pain is scored 0-10 per side, at latch and during the feed (trials used a 0-10 visual analogue scale,
Abou-Dakn et al. 2011; no guideline sets the scale). Damage has no standard definition; erythema, swelling,
blister, fissure and scab are recorded (Lopes et al., scope review). The refer rules are defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.records import NippleExam
from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds

ABM26 = "ABM Clinical Protocol #26, Persistent pain with breastfeeding, Berens et al. 2016 (CLINICAL.md section 13)"
REFER_SOURCE = f"Refer rules for nipple damage: practice defaults, not verified; {ABM26}"
INFECTION_SOURCE = (
    "Pus, spreading redness or fever with nipple damage: refer; a damaged nipple colonised with S. aureus "
    "predisposes to mastitis, ABM Clinical Protocol #4 (CLINICAL.md section 13)"
)


class NippleConcern(StrEnum):
    PERSISTENT_PAIN = "persistent_pain"
    PUS = "pus"
    NOT_HEALING = "not_healing"


@dataclass(frozen=True)
class NippleReading:
    concern: NippleConcern
    sides: tuple[str, ...]
    """"left", "right": which nipples."""
    reason: str
    clinical: str
    source: str


def _span(days: int) -> str:
    return f"{days // 7} weeks" if days % 7 == 0 and days > 7 else f"{days} days"


def _which(sides: Sequence[str]) -> str:
    return "both nipples" if len(sides) > 1 else f"your {sides[0]} nipple"


def nipple_readings(
    exams: Sequence[NippleExam], thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS
) -> list[NippleReading]:
    """What in the nipple exams calls for a doctor: pain longer than ``nipple_pain_persistent_days`` (14: more
    than 2 weeks is persistent, ABM #26), pus, a wound not healing although the latch was fixed."""
    limit = thresholds.nipple_pain_persistent_days
    out: list[NippleReading] = []
    long_pain = [e for e in exams if e.pain_days is not None and e.pain_days > limit]
    if long_pain:
        sides = tuple(e.side.value for e in long_pain)
        days = max(e.pain_days or 0 for e in long_pain)
        out.append(
            NippleReading(
                NippleConcern.PERSISTENT_PAIN,
                sides,
                f"Feeding has hurt {_which(sides)} for {days} days. Pain for more than {_span(limit)} needs "
                "a check by your doctor.",
                f"persistent nipple pain ({', '.join(sides)}), {days} days (more than {limit} days)",
                REFER_SOURCE,
            )
        )
    pus = [e.side.value for e in exams if e.pus]
    if pus:
        out.append(
            NippleReading(
                NippleConcern.PUS,
                tuple(pus),
                f"There is pus on {_which(pus)}. This can be an infection. Call your doctor today.",
                f"purulent nipple wound ({', '.join(pus)}): possible infection",
                INFECTION_SOURCE,
            )
        )
    stuck = [e.side.value for e in exams if e.not_healing]
    if stuck:
        out.append(
            NippleReading(
                NippleConcern.NOT_HEALING,
                tuple(stuck),
                f"The sore on {_which(stuck)} is not healing, although the latch is better. Your doctor should "
                "check it.",
                f"nipple wound not healing after the latch was corrected ({', '.join(stuck)})",
                REFER_SOURCE,
            )
        )
    return out


def nipple_problem(exams: Sequence[NippleExam]) -> bool:
    """Pain above 0 or any damage recorded on either side: the healing steps apply."""
    return any((e.worst_pain or 0) > 0 or e.signs or e.pus or e.not_healing for e in exams)


def nipple_damage_seen(exams: Sequence[NippleExam]) -> bool:
    """Damage on either nipple: a breast sign (with a fever, same day: CLINICAL.md section 15)."""
    return any(e.signs or e.pus or e.not_healing for e in exams)


def _pain_words(e: NippleExam, clinical: bool) -> list[str]:
    words: list[str] = []
    for score, when in ((e.pain_at_latch, "at latch"), (e.pain_during_feed, "during the feed")):
        if score is not None:
            words.append(f"pain {score}/10 {when}" if clinical else f"pain {score} out of 10 {when}")
    return words


def nipple_lines(exams: Sequence[NippleExam], *, clinical: bool) -> list[str]:
    """One line per nipple examined, for the plan (``clinical=False``) or the letter."""
    lines: list[str] = []
    for e in sorted(exams, key=lambda e: e.side.value):
        if e.is_blank():
            continue
        bits = _pain_words(e, clinical)
        if e.signs:
            bits.append(", ".join(s.label.lower() if clinical else s.plain for s in e.signs))
        if e.pain_days is not None:
            bits.append(f"painful for {e.pain_days} days")
        if e.pus:
            bits.append("pus" if clinical else "pus seen")
        if e.not_healing:
            bits.append("not healing after latch correction" if clinical else "not healing")
        lines.append(f"{e.side.value.capitalize()} nipple: {'; '.join(bits)}.")
    return lines
