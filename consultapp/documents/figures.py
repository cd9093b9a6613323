"""Pictures on paper: the breast map and the weight chart (reportlab.graphics), fed by the domain.

The app draws the same data on screen (``domain.breastmap`` for the geometry, ``domain.charts.weight_chart``
for the chart), so the two can never disagree. Meaning never rests on colour: findings differ by shape and
number, the loss lines by dash pattern and label.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from consultapp.documents.drawn_text import fallback_line
from consultapp.documents.kept_drawing import KeptDrawing
from consultapp.documents.styles import FONT, FONT_BOLD, INK, MUTED, RULE, plain_line
from consultapp.domain.breastmap import MARKER_SHAPES, clock_to_point, drawing_order
from consultapp.domain.charts import WeightChart
from consultapp.domain.records import BreastMapFinding
from consultapp.domain.units import GRAMS_PER_OUNCE, WeightUnit, format_weight
from consultapp.domain.vocabulary import FindingKind, Side

BREAST_RADIUS = 21 * mm
MAP_WIDTH = 118 * mm
MAP_HEIGHT = 62 * mm
MARKER = 2.4 * mm
SKIN = colors.HexColor("#f4f1ee")

SIDE_CAPTION = {Side.RIGHT: "Your right breast", Side.LEFT: "Your left breast"}
MAP_NOTE = "Drawn as we see you, facing you: your right breast is on the left of the picture."


def marker(kind: FindingKind, x: float, y: float, size: float = MARKER) -> Group:
    """The symbol of a finding kind, centred on (x, y): a distinct shape per kind, readable in grey."""
    g = Group()
    s = size
    style = MARKER_SHAPES[kind]  # the same table the screen's map draws from
    fill = INK if style.filled else colors.white
    if style.shape == "circle":
        g.add(Circle(x, y, s, fillColor=fill, strokeColor=INK, strokeWidth=0.6 if style.filled else 1.1))
    elif style.shape == "square":
        g.add(Rect(x - s, y - s, 2 * s, 2 * s, fillColor=fill, strokeColor=INK, strokeWidth=1.1))
    elif style.shape == "triangle":
        g.add(
            Polygon(
                [x - s, y - s * 0.85, x + s, y - s * 0.85, x, y + s * 1.1],
                fillColor=fill,
                strokeColor=INK,
                strokeWidth=1.1,
            )
        )
    elif style.shape == "diamond":
        g.add(Polygon([x, y - s * 1.2, x + s, y, x, y + s * 1.2, x - s, y], fillColor=fill, strokeColor=INK))
    elif style.shape == "ring":
        g.add(Circle(x, y, s, fillColor=colors.white, strokeColor=INK, strokeWidth=1.1))
        g.add(Circle(x, y, s * 0.35, fillColor=INK, strokeColor=INK))
    else:  # a cross
        for dx in (-1, 1):
            g.add(Line(x - s, y - dx * s, x + s, y + dx * s, strokeColor=INK, strokeWidth=1.6))
    return g


def _breast(cx: float, cy: float, caption: str) -> Group:
    g = Group()
    r = BREAST_RADIUS
    g.add(Circle(cx, cy, r, fillColor=SKIN, strokeColor=INK, strokeWidth=1))
    g.add(Circle(cx, cy, r * 0.22, fillColor=None, strokeColor=MUTED, strokeWidth=0.6, strokeDashArray=[1.5, 1.5]))
    g.add(Circle(cx, cy, r * 0.08, fillColor=MUTED, strokeColor=MUTED))
    for hour in range(1, 13):
        point = clock_to_point(hour, 10.0)
        inner = 0.9 if hour % 3 else 0.84
        g.add(
            Line(
                cx + point.x * r * inner,
                cy + point.y * r * inner,
                cx + point.x * r,
                cy + point.y * r,
                strokeColor=MUTED,
                strokeWidth=0.6,
            )
        )
        if hour % 3 == 0:
            label = clock_to_point(hour, 10.0)
            g.add(
                String(
                    cx + label.x * (r + 3.2 * mm),
                    cy + label.y * (r + 3.2 * mm) - 2.6,
                    str(hour),
                    fontName=FONT,
                    fontSize=7.5,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
    g.add(String(cx, cy - r - 8.5 * mm, caption, fontName=FONT_BOLD, fontSize=9, fillColor=INK, textAnchor="middle"))
    return g


def breast_map_drawing(findings: Sequence[BreastMapFinding]) -> Drawing:
    """Both breasts, facing the client, each finding a numbered symbol at its clock position and distance.

    Numbers follow the order of ``findings`` (1, 2, ...), so a legend can describe each in words.
    """
    d = Drawing(MAP_WIDTH, MAP_HEIGHT)
    cy = MAP_HEIGHT - BREAST_RADIUS - 5 * mm
    centres = {}
    for index, side in enumerate(drawing_order()):
        cx = MAP_WIDTH * (0.25 + 0.5 * index)
        centres[side] = cx
        d.add(_breast(cx, cy, SIDE_CAPTION[side]))
    for number, finding in enumerate(findings, start=1):
        point = clock_to_point(finding.clock, finding.distance_cm)
        x = centres[finding.side] + point.x * BREAST_RADIUS
        y = cy + point.y * BREAST_RADIUS
        if finding.size_cm:
            radius = min(finding.size_cm / 2 / 10 * BREAST_RADIUS, BREAST_RADIUS)
            d.add(Circle(x, y, radius, fillColor=None, strokeColor=INK, strokeWidth=0.6, strokeDashArray=[2, 1.5]))
        d.add(marker(finding.kind, x, y))
        # The number sits outward from the nipple, where it does not cover the symbol.
        angle = math.atan2(point.y, point.x) if (point.x or point.y) else math.pi / 2
        lx = x + math.cos(angle) * MARKER * 2.3
        ly = y + math.sin(angle) * MARKER * 2.3 - 3
        d.add(String(lx, ly, str(number), fontName=FONT_BOLD, fontSize=8.5, fillColor=INK, textAnchor="middle"))
    return d


def legend_symbol(kind: FindingKind) -> Drawing:
    """A small drawing of one finding's symbol, for the legend beside the map."""
    d = Drawing(4 * mm, 4 * mm)
    d.add(marker(kind, 2 * mm, 2 * mm, size=1.6 * mm))
    return d


# --- The weight chart ----------------------------------------------------------------------------------------

CHART_WIDTH = 150 * mm
CHART_HEIGHT = 70 * mm
PLOT_LEFT = 22 * mm
PLOT_RIGHT = 40 * mm
PLOT_BOTTOM = 11 * mm
PLOT_TOP = 9 * mm


def _nice_step(span: float, unit: WeightUnit, most: int = 7) -> float:
    """A tick step (grams) giving at most ``most`` steps: round grams, or whole ounces for lb-oz."""
    if unit is WeightUnit.LB_OZ:
        steps = [oz * GRAMS_PER_OUNCE for oz in (1, 2, 4, 8, 16, 32)]
    else:
        steps = [10, 20, 25, 50, 100, 200, 250, 500, 1000]
    return next((s for s in steps if span / s <= most), steps[-1])


COMPACT_MOST_TICKS = 5
"""A small chart's weight labels a line apart at least (its plot is under 2 cm tall)."""


def _tick_label(grams: float, unit: WeightUnit) -> str:
    if unit is WeightUnit.LB_OZ:
        return format_weight(grams, unit, oz_decimals=0)
    return format_weight(grams, unit)


COMPACT_CHART = (84 * mm, 39 * mm)
"""A chart's size when two stand side by side (twins), or one stands small (a single baby's plan)."""
COMPACT_PLOT_LEFT = 17 * mm
COMPACT_PLOT_RIGHT = 17 * mm


def weight_chart_drawing(chart: WeightChart, unit: WeightUnit, title: str = "", *, compact: bool = False) -> Drawing:
    """A baby's weighings by day of age, with birth weight and the amber and red loss lines.

    Birth weight is a solid line, the amber loss line dashed, the red line dotted and heavier; each is
    labelled in words at its right end, so the chart reads the same in black and white. ``compact``: the
    smaller size of ``COMPACT_CHART`` (the same type sizes, a narrower plot).
    """
    width, height = COMPACT_CHART if compact else (CHART_WIDTH, CHART_HEIGHT)
    d = Drawing(width, height)
    frame = _ChartFrame.fit(chart, unit, width, height, compact)
    if title:
        d.add(fallback_line(0, height - 9, plain_line(title), FONT_BOLD, 9.5, width, fillColor=INK))
    _axes(d, frame, unit)
    _reference_lines(d, frame, chart)
    _weighings(d, frame, chart, unit)
    return d


@functools.lru_cache(maxsize=32)
def kept_weight_chart(chart: WeightChart, unit: WeightUnit, title: str = "", *, compact: bool = False) -> KeptDrawing:
    """``weight_chart_drawing`` made and recorded once for the same chart (weighings, lines and day span), unit,
    title and size: the care plan shown, printed and issued again draws it from its kept operators."""
    return KeptDrawing(weight_chart_drawing(chart, unit, title, compact=compact))


class _ChartFrame:
    """Where the plot sits in the drawing, and the grams and days its edges stand for."""

    def __init__(
        self,
        low: float,
        high: float,
        step: float,
        max_day: int,
        size: tuple[float, float, bool] = (CHART_WIDTH, CHART_HEIGHT, False),
    ) -> None:
        width, height, compact = size
        left, right = (COMPACT_PLOT_LEFT, COMPACT_PLOT_RIGHT) if compact else (PLOT_LEFT, PLOT_RIGHT)
        self.x0, self.x1 = float(left), float(width - right)
        self.y0, self.y1 = float(PLOT_BOTTOM), float(height - PLOT_TOP)
        self.low, self.high, self.step, self.max_day = low, high, step, max_day

    @classmethod
    def fit(
        cls,
        chart: WeightChart,
        unit: WeightUnit,
        width: float = CHART_WIDTH,
        height: float = CHART_HEIGHT,
        compact: bool = False,
    ) -> _ChartFrame:
        """Grams from a little under the lowest weight (or line) to a little over the highest, on round ticks."""
        values: list[float] = [p.grams for p in chart.points]
        values += [line for line in (chart.birth_weight_g, chart.red_line_g) if line]
        low, high = min(values), max(values)
        pad = max((high - low) * 0.12, 40)
        low, high = low - pad, high + pad
        step = _nice_step(high - low, unit, COMPACT_MOST_TICKS if compact else 7)
        return cls(
            math.floor(low / step) * step,
            math.ceil(high / step) * step,
            step,
            max(chart.max_day, 1),
            (width, height, compact),
        )

    def px(self, day: float) -> float:
        return self.x0 + (self.x1 - self.x0) * day / self.max_day

    def py(self, grams: float) -> float:
        return self.y0 + (self.y1 - self.y0) * (grams - self.low) / (self.high - self.low)


def _axes(d: Drawing, f: _ChartFrame, unit: WeightUnit) -> None:
    """The plot's frame, a grid line and label per weight tick, and the days along the bottom."""
    x0, x1, y0, y1 = f.x0, f.x1, f.y0, f.y1
    d.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=None, strokeColor=RULE, strokeWidth=0.6))
    tick = f.low
    while tick <= f.high + 0.5:
        y = f.py(tick)
        d.add(Line(x0, y, x1, y, strokeColor=colors.HexColor("#dddddd"), strokeWidth=0.4))
        d.add(
            String(
                x0 - 2.2 * mm,
                y - 2.6,
                _tick_label(tick, unit),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
        tick += f.step
    day_step = next(s for s in (1, 2, 7, 14, 28, 56) if f.max_day / s <= 10)
    for day in range(0, f.max_day + 1, day_step):
        d.add(Line(f.px(day), y0, f.px(day), y0 - 1.2 * mm, strokeColor=MUTED, strokeWidth=0.5))
        d.add(
            String(f.px(day), y0 - 4.2 * mm, str(day), fontName=FONT, fontSize=7, fillColor=MUTED, textAnchor="middle")
        )
    d.add(
        String(
            (x0 + x1) / 2,
            0.5 * mm,
            "Days since birth",
            fontName=FONT,
            fontSize=7.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )


def _reference_lines(d: Drawing, f: _ChartFrame, chart: WeightChart) -> None:
    """Birth weight and the amber and red loss lines, each labelled in words at its right end."""
    references: list[tuple[float | None, str, list[float] | None, float]] = [
        (chart.birth_weight_g, "Birth weight", None, 0.9),
        (chart.amber_line_g, f"{_percent_below(chart, chart.amber_line_g)} below", [4, 2.5], 0.9),
        (chart.red_line_g, f"{_percent_below(chart, chart.red_line_g)} below", [1, 1.8], 1.5),
    ]
    label_ys: list[float] = []
    for grams, label, dash, width in references:
        if not grams:
            continue
        y = f.py(grams)
        d.add(Line(f.x0, y, f.x1, y, strokeColor=INK, strokeWidth=width, strokeDashArray=dash))
        # Keep the labels apart when the lines are close (a small birth weight, a narrow band).
        ly = y - 2.6
        for other in label_ys:
            if abs(ly - other) < 8:
                ly = other - 8
        label_ys.append(ly)
        d.add(String(f.x1 + 1.5 * mm, ly, label, fontName=FONT, fontSize=7.5, fillColor=INK))


def _weighings(d: Drawing, f: _ChartFrame, chart: WeightChart, unit: WeightUnit) -> None:
    """The weighings joined by a line from birth weight (an open dot), the last one labelled."""
    points = [(f.px(p.day), f.py(p.grams)) for p in chart.points]
    birth = (f.px(0), f.py(chart.birth_weight_g)) if chart.birth_weight_g else None
    path = ([birth] if birth and not any(p.day == 0 for p in chart.points) else []) + points
    if len(path) >= 2:
        d.add(PolyLine([c for xy in path for c in xy], strokeColor=INK, strokeWidth=1.3))
    if birth:  # birth weight: an open dot, told apart from the weighings by shape
        d.add(Circle(*birth, 1.5 * mm, fillColor=colors.white, strokeColor=INK, strokeWidth=1.1))
    for x, y in points:
        d.add(Circle(x, y, 1.5 * mm, fillColor=INK, strokeColor=colors.white, strokeWidth=0.6))
    if chart.points:
        last = chart.points[-1]
        x, y = points[-1]
        anchor = "end" if x > (f.x0 + f.x1) / 2 else "start"
        dx = -2.2 * mm if anchor == "end" else 2.2 * mm
        label = format_weight(last.grams, unit, oz_decimals=0)
        # On a white ground: a loss line passing behind the label does not strike it through.
        width = stringWidth(label, FONT_BOLD, 7.5)
        left = x + dx - (width if anchor == "end" else 0)
        d.add(Rect(left - 1, y + 2.2 * mm - 2, width + 2, 9, fillColor=colors.white, strokeColor=None))
        d.add(
            String(
                x + dx,
                y + 2.2 * mm,
                label,
                fontName=FONT_BOLD,
                fontSize=7.5,
                fillColor=INK,
                textAnchor=anchor,
            )
        )


def _percent_below(chart: WeightChart, line_g: float | None) -> str:
    if not chart.birth_weight_g or line_g is None:
        return ""
    return f"{round((1 - line_g / chart.birth_weight_g) * 100):g}%"
