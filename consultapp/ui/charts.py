"""The weight chart and the score trends on screen, painted (ui/chart_canvas.py) from the shared chart data."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from consultapp.domain.charts import ScorePoint, WeightChart
from consultapp.domain.units import GRAMS_PER_OUNCE, OUNCES_PER_POUND, WeightUnit, axis_unit, format_weight
from consultapp.domain.weights import weight_loss_pct
from consultapp.ui.chart_canvas import ChartCanvas, Level, Scene, Series
from consultapp.ui.fields import format_date

BIRTH_COLOUR = "#1b5e20"
AMBER_COLOUR = "#f9a825"
RED_COLOUR = "#c62828"
POINT_COLOUR = "#0d47a1"
LATCH_COLOUR = "#6a1b9a"
BTAT_COLOUR = "#00838f"


def lb_oz_ticks(low_g: float, high_g: float) -> list[tuple[float, str]]:
    """Ticks for a weight axis drawn in pounds, at whole ounces and labelled in pounds and ounces
    ("6 lb 14 oz"): every 1, 2, 4, 8 or 16 oz, whichever gives at most 7 ticks from ``low_g`` to ``high_g``."""
    low_oz, high_oz = low_g / GRAMS_PER_OUNCE, high_g / GRAMS_PER_OUNCE
    step = next((s for s in (1, 2, 4, 8) if (high_oz - low_oz) / s <= 7), 16)
    steps = range(math.ceil(low_oz / step), math.floor(high_oz / step) + 1)
    return [(n * step / OUNCES_PER_POUND, format_weight(n * step * GRAMS_PER_OUNCE, WeightUnit.LB_OZ, oz_decimals=0)
             .replace(" 0 oz", "")) for n in steps]


class ChartView(QWidget):
    """A chart (``ChartCanvas``) with its legend and a caption of values, or a line saying there is not enough
    to draw. The widgets are made once; each ``redraw`` gives the canvas a new scene."""

    def __init__(self, title: str, parent: QWidget | None = None, right_margin: int = 10) -> None:
        super().__init__(parent)
        self.title = title
        self.plot = ChartCanvas(title, right_margin=right_margin)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName(f"{title} values")
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.empty = QLabel("Not enough data to draw yet.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.plot, 1)
        self.layout_.addWidget(self.empty, 1)
        self.layout_.addWidget(self.legend)
        self.layout_.addWidget(self.caption)
        self.plot.hide()
        self.legend.hide()
        self.setAccessibleName(title)

    def redraw(self) -> None:
        drawable = self.draw()
        if self.plot.isHidden() == drawable:
            self.plot.setVisible(drawable)
            self.legend.setVisible(drawable)
            self.empty.setVisible(not drawable)

    def draw(self) -> bool:
        raise NotImplementedError


LazyPlot = ChartView  # (its former name: the self-test's charts check names it)


def set_text(label: QLabel, text: str) -> None:
    """``label.setText``, skipped when the text is the same (setting it again lays the label out again)."""
    if label.text() != text:
        label.setText(text)


def swatch(colour: str, text: str, dashed: bool = False, band: bool = False) -> str:
    """A legend entry drawn in text beside the chart (a legend inside the plot would hide points)."""
    if band:
        mark = f"<span style='background:{colour}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
    else:
        mark = f"<span style='color:{colour}; font-weight:bold'>{'- - -' if dashed else '━━'}</span>"
    return f"{mark}&nbsp;{text}"


class WeightChartView(ChartView):
    """Birth weight line, the amber-to-red loss band, each weighing; hovering a point shows its values."""

    WEIGHINGS = 1  # (the weighings' series in the scene: the line through them is 0)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Weight", parent)
        self.chart: WeightChart | None = None
        self.unit = WeightUnit.G
        self.plot.hovered.connect(self.on_point_hovered)

    def set_chart(self, chart: WeightChart | None, unit: WeightUnit) -> None:
        self.chart, self.unit = chart, unit
        set_text(self.caption, self.summary())
        self.redraw()

    def point_text(self, index: int) -> str:
        assert self.chart is not None
        p = self.chart.points[index]
        text = f"{format_date(p.on)} (day {p.day}): {format_weight(p.grams, self.unit)}"
        if self.chart.birth_weight_g:
            loss = weight_loss_pct(self.chart.birth_weight_g, p.grams, self.unit)
            text += f", {abs(loss):.1f}% {'below' if loss > 0 else 'above'} birth weight"
        return text

    def summary(self) -> str:
        if self.chart is None or not self.chart.points:
            return "No weighings yet."
        count = len(self.chart.points)
        return f"{count} weighing{'s' if count != 1 else ''}. Latest: {self.point_text(count - 1)}."

    def draw(self) -> bool:
        chart = self.chart
        if chart is None or not chart.drawable:
            return False
        name, size = axis_unit(self.unit)  # drawn in the practice's unit (kept in grams)
        pounds = WeightUnit(self.unit) is WeightUnit.LB_OZ
        right = chart.max_day + 1
        entries = [swatch(POINT_COLOUR, "weighings (hover for values)")]
        levels: list[Level] = []
        band = None
        if chart.birth_weight_g and chart.amber_line_g and chart.red_line_g:
            band = (chart.red_line_g / size, chart.amber_line_g / size, QColor(255, 193, 7, 60))
            levels = [Level(chart.amber_line_g / size, AMBER_COLOUR, dashed=True),
                      Level(chart.red_line_g / size, RED_COLOUR, dashed=True),
                      Level(chart.birth_weight_g / size, BIRTH_COLOUR, width=2)]
            entries += [swatch(BIRTH_COLOUR, "birth weight"), swatch(AMBER_COLOUR, "7 % loss: evaluate feeding", True),
                        swatch(RED_COLOUR, "10 % loss: physician", True)]
        set_text(self.legend, " &nbsp; ".join(entries))
        days = [p.day for p in chart.points]
        grams = [p.grams for p in chart.points]
        if chart.birth_weight_g:
            days, grams = [0, *days], [chart.birth_weight_g, *grams]
        low = min([*grams, chart.red_line_g or min(grams)]) - 100
        high = max([*grams, chart.birth_weight_g or max(grams)]) + 100
        x_pad, y_pad = 0.02 * right, 0.02 * (high - low) / size  # (a point on the edge is not cut)
        self.plot.set_scene(Scene(
            x_range=(-x_pad, right + x_pad), y_range=(low / size - y_pad, high / size + y_pad),
            y_ticks=lb_oz_ticks(low, high) if pounds else None,  # "6 lb 14 oz", not "6.9"
            left_label="Weight (lb and oz)" if pounds else f"Weight ({name})", bottom_label="Days since birth",
            band=band, levels=levels,
            series=(Series(tuple(days), tuple(g / size for g in grams), POINT_COLOUR),
                    Series(tuple(p.day for p in chart.points), tuple(p.grams / size for p in chart.points),
                           POINT_COLOUR, width=0, symbol="o", size=11, outline="white", hoverable=True)),
        ))
        return True

    def on_point_hovered(self, series: int, index: int) -> None:
        if series != self.WEIGHINGS or self.chart is None:
            return
        text = self.point_text(index)
        self.caption.setText(text)
        where = self.plot.point_position(series, index)
        QToolTip.showText(self.plot.mapToGlobal(where.toPoint()), text, self.plot)


def spaced_ticks(ticks: Sequence[tuple[int, str]], most: int = 8) -> list[tuple[int, str]]:
    """At most about ``most`` of the visits' date labels, spread over the axis so that none overlaps: the first
    and the latest always, then each one far enough from the last kept (40 visits would print on each other)."""
    if len(ticks) <= most:
        return list(ticks)
    gap = (ticks[-1][0] - ticks[0][0]) / most
    kept = [ticks[0]]
    for tick in ticks[1:-1]:
        if tick[0] - kept[-1][0] >= gap:
            kept.append(tick)
    if kept and ticks[-1][0] - kept[-1][0] < gap and len(kept) > 1:
        kept.pop()  # (too close to the latest, which is shown)
    return [*kept, ticks[-1]]


class ScoreTrendView(ChartView):
    """LATCH (of 10) and BTAT (of 8) totals across visits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("LATCH and BTAT across visits", parent, right_margin=24)  # (the latest date's right half)
        self.points: tuple[ScorePoint, ...] = ()

    def set_points(self, points: Sequence[ScorePoint]) -> None:
        self.points = tuple(points)
        latest = next((p for p in reversed(self.points) if p.latch is not None or p.btat is not None), None)
        if latest is None:
            set_text(self.caption, "No complete LATCH or BTAT scores yet.")
        else:
            parts = [f"LATCH {latest.latch}/10" if latest.latch is not None else "",
                     f"BTAT {latest.btat}/8" if latest.btat is not None else ""]
            set_text(self.caption, f"Latest ({format_date(latest.on)}): " + ", ".join(p for p in parts if p) + ".")
        self.redraw()

    def draw(self) -> bool:
        scored = [p for p in self.points if p.latch is not None or p.btat is not None]
        if not scored:
            return False
        first = scored[0].on
        set_text(self.legend, swatch(LATCH_COLOUR, "LATCH (of 10)") + " &nbsp; " + swatch(BTAT_COLOUR, "BTAT (of 8)"))
        series = []
        for attr, colour, symbol in (("latch", LATCH_COLOUR, "o"), ("btat", BTAT_COLOUR, "s")):
            shown = [p for p in scored if getattr(p, attr) is not None]
            series.append(Series(tuple((p.on - first).days for p in shown), tuple(getattr(p, attr) for p in shown),
                                 colour, symbol=symbol, size=9))
        ticks = [((p.on - first).days, f"{p.on.day} {format_date(p.on).split()[1]}") for p in scored]
        last = (scored[-1].on - first).days
        span = max(last, 1) + 3  # (x padded a little past the first and the latest visit)
        self.plot.set_scene(Scene(
            x_range=(-1.5 - 0.02 * span, max(last, 1) + 1.5 + 0.02 * span), y_range=(0, 10.5),
            x_ticks=spaced_ticks(ticks), y_ticks=[(v, str(v)) for v in range(0, 11, 2)], left_label="Score",
            series=tuple(series),
        ))
        return True
