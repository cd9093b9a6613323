"""What was found at the breasts: placed map findings, each side's exam, the consultant's summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from consultapp.domain.records.checks import check_range
from consultapp.domain.vocabulary import (
    BreastConcern,
    FindingKind,
    NippleDamage,
    NippleSign,
    Side,
    Sign,
    SpectrumCondition,
)


@dataclass
class BreastMapFinding:
    """A finding placed on the breast map: side, clock position (facing the client) and distance."""

    side: Side
    kind: FindingKind
    clock: int
    distance_cm: float | None = None
    size_cm: float | None = None
    nipple_damage: NippleDamage | None = None

    def __post_init__(self) -> None:
        if self.side is Side.BOTH:
            raise ValueError("a placed finding is on one breast")
        if not 1 <= self.clock <= 12:
            raise ValueError("a clock position is 1 to 12")
        for name, value in (("distance", self.distance_cm), ("size", self.size_cm)):
            if value is not None and not 0 <= value <= 30:
                raise ValueError(f"the {name} must be 0-30 cm")

    @property
    def where(self) -> str:
        """Plain words: "at 2 o'clock on the left breast, 3 cm from the nipple"."""
        text = f"at {self.clock} o'clock on the {self.side.value} breast"
        if self.distance_cm is not None:
            text += f", {self.distance_cm:g} cm from the nipple"
        return text


@dataclass
class BreastSideExam:
    side: Side
    pain: int | None = None
    engorgement: bool = False
    condition: SpectrumCondition | None = None

    def __post_init__(self) -> None:
        if self.pain is not None and not 0 <= self.pain <= 10:
            raise ValueError("pain is scored 0 to 10")


@dataclass
class BreastFinding:
    """The consultant's summary: a clogged duct or mastitis signs, on which side, with which signs."""

    concern: BreastConcern
    side: Side
    signs: list[Sign] = field(default_factory=list)


@dataclass
class NippleExam:
    """One nipple at a visit: pain 0-10 at latch and during the feed, the damage seen, and what calls for a
    doctor (CLINICAL.md section 13). ``pain_days`` is how long feeds have hurt, as she tells it."""

    side: Side
    pain_at_latch: int | None = None
    pain_during_feed: int | None = None
    signs: list[NippleSign] = field(default_factory=list)
    pain_days: int | None = None
    pus: bool = False
    not_healing: bool = False
    """A wound that does not heal although the latch has been fixed."""

    def __post_init__(self) -> None:
        if self.side is Side.BOTH:
            raise ValueError("a nipple exam is of one side")
        for name, value in (("pain at latch", self.pain_at_latch), ("pain during the feed", self.pain_during_feed)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError(f"{name} is a whole number from 0 to 10")
            check_range(name, value, 0, 10)
        check_range("days of nipple pain", self.pain_days, 0, 3650, "days")

    @property
    def worst_pain(self) -> int | None:
        scores = [p for p in (self.pain_at_latch, self.pain_during_feed) if p is not None]
        return max(scores) if scores else None

    def is_blank(self) -> bool:
        return (
            self.pain_at_latch is None
            and self.pain_during_feed is None
            and not self.signs
            and self.pain_days is None
            and not self.pus
            and not self.not_healing
        )
