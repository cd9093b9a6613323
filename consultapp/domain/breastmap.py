"""Breast-map geometry: clock positions and distances to points on a drawing, and back.

Both breasts are drawn as the consultant sees them facing the client: the client's right breast on the
left of the picture. 12 o'clock is up; positions run clockwise as seen by the consultant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from consultapp.domain.vocabulary import FindingKind, Side

MAX_DISTANCE_CM = 10.0
"""The outer edge of a drawn breast stands for this distance from the nipple."""


@dataclass(frozen=True)
class MapPoint:
    """A point on one breast's drawing, in units of that breast's radius (nipple at 0, 0; y up)."""

    x: float
    y: float


def clock_to_point(clock: int, distance_cm: float | None) -> MapPoint:
    """Where a finding at ``clock`` o'clock and ``distance_cm`` from the nipple is drawn (unknown: halfway)."""
    if not 1 <= clock <= 12:
        raise ValueError("a clock position is 1 to 12")
    r = 0.5 if distance_cm is None else min(max(distance_cm, 0.0), MAX_DISTANCE_CM) / MAX_DISTANCE_CM
    angle = math.radians(90 - (clock % 12) * 30)
    return MapPoint(round(r * math.cos(angle), 6), round(r * math.sin(angle), 6))


def point_to_clock(point: MapPoint) -> tuple[int, float]:
    """The nearest clock position and the distance (cm, one decimal) of a clicked point."""
    angle = math.degrees(math.atan2(point.y, point.x))
    clock = round((90 - angle) / 30) % 12 or 12
    r = min(math.hypot(point.x, point.y), 1.0)
    return clock, round(r * MAX_DISTANCE_CM, 1)


def drawing_order() -> tuple[Side, Side]:
    """Left to right on the page, facing the client: her right breast, then her left."""
    return (Side.RIGHT, Side.LEFT)


@dataclass(frozen=True)
class MarkerShape:
    """How a kind of finding is drawn, on screen and on paper alike; meaning never rests on colour."""

    shape: str  # "circle", "square", "triangle", "diamond", "ring" or "cross"
    filled: bool


MARKER_SHAPES: dict[FindingKind, MarkerShape] = {
    FindingKind.LUMP: MarkerShape("circle", True),
    FindingKind.REDNESS: MarkerShape("square", False),
    FindingKind.WARMTH: MarkerShape("triangle", False),
    FindingKind.HARDNESS: MarkerShape("diamond", True),
    FindingKind.BLEB: MarkerShape("ring", False),
    FindingKind.NIPPLE_DAMAGE: MarkerShape("cross", False),
}

