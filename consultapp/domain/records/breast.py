"""What was found at the breasts: placed map findings, each side's exam, the consultant's summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from consultapp.domain.vocabulary import BreastConcern, FindingKind, NippleDamage, Side, Sign, SpectrumCondition


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
