"""Chart data shared by the app's charts (painted with QPainter: ui/chart_canvas.py) and the PDF's (reportlab.graphics).

One function per chart, so the picture on screen and on paper can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from consultapp.domain.settings import DEFAULT_THRESHOLDS, ClinicalThresholds


@dataclass(frozen=True)
class WeightPoint:
    day: int
    """Days since birth."""
    grams: int
    on: dt.date
    source: str = "visit"


@dataclass(frozen=True)
class WeightChart:
    """A baby's weighings against birth weight and the loss band of the thresholds."""

    birth_weight_g: int | None
    points: tuple[WeightPoint, ...]
    amber_line_g: float | None
    """Birth weight less the amber loss % (7 % by default)."""
    red_line_g: float | None
    """Birth weight less the red loss % (10 % by default)."""
    max_day: int

    @property
    def drawable(self) -> bool:
        """Worth drawing: at least two weighings (or one and a birth weight)."""
        return len(self.points) + (1 if self.birth_weight_g else 0) >= 2


def weight_chart(
    birth: dt.date | None,
    birth_weight_g: int | None,
    weighings: Sequence[tuple[dt.date, int]],
    thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS,
) -> WeightChart:
    """The weight chart of one baby: weighings by day of age, with birth weight and the 7 %/10 % band."""
    points: list[WeightPoint] = []
    for on, grams in sorted(weighings):
        day = (on - birth).days if birth else 0
        if birth is not None and day < 0:
            continue  # a weighing before birth is a typing error; it is not drawn
        points.append(WeightPoint(day=day, grams=grams, on=on))
    amber = red = None
    if birth_weight_g:
        amber = birth_weight_g * (1 - thresholds.weight_loss_amber_pct / 100)
        red = birth_weight_g * (1 - thresholds.weight_loss_red_pct / 100)
    max_day = max([p.day for p in points] + [14])
    return WeightChart(birth_weight_g, tuple(points), amber, red, max_day)


@dataclass(frozen=True)
class ScorePoint:
    on: dt.date
    latch: int | None
    btat: int | None


def score_trend(visits: Sequence[tuple[dt.date, int | None, int | None]]) -> tuple[ScorePoint, ...]:
    """LATCH and BTAT totals across visits, oldest first (None where not fully scored)."""
    return tuple(ScorePoint(on, latch, btat) for on, latch, btat in sorted(visits, key=lambda v: v[0]))
