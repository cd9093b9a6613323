"""The weight chart and the score trends on screen, drawn with pyqtgraph from the shared chart data.

pyqtgraph (and numpy) are imported only when a chart is first shown, so start-up stays lean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from consultapp.domain.charts import ScorePoint, WeightChart
from consultapp.domain.units import GRAMS_PER_OUNCE, OUNCES_PER_POUND, WeightUnit, axis_unit, format_weight
from consultapp.domain.weights import weight_loss_pct
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


class LazyPlot(QWidget):
    """A pyqtgraph plot created on first show; ``draw`` runs whenever data and plot are both there.

    The plot and its items are made once and given new data on each ``draw`` (``setData``), never
    cleared and built again: opening a client would otherwise rebuild a dozen graphics items.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.plot: Any = None
        self.pg: Any = None
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
        self.layout_.addWidget(self.empty, 1)
        self.layout_.addWidget(self.legend)
        self.layout_.addWidget(self.caption)
        self.setAccessibleName(title)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.plot is None:
            import pyqtgraph as pg  # lazy: pyqtgraph loads with the first chart shown

            pg.setConfigOptions(antialias=True, background="w", foreground="#222222")
            self.pg = pg
            self.plot = pg.PlotWidget()
            self.plot.setAccessibleName(self.title)
            self.plot.setMenuEnabled(False)
            self.plot.setTitle(self.title, size="11pt")
            for side in ("left", "bottom"):  # no units on the labels, so no SI prefix ("x0.001") to work out: the
                self.plot.getAxis(side).enableAutoSIPrefix(False)  # label is not set again on every range change
            self.layout_.insertWidget(0, self.plot, 1)
            self.redraw()
        else:
            self.hand_over_changes()  # (drawn while hidden: the page is about to be painted)

    def redraw(self) -> None:
        if self.plot is None:
            return
        drawable = self.draw()
        self.plot.setVisible(drawable)
        self.legend.setVisible(drawable)
        self.empty.setVisible(not drawable)
        if self.isVisible():
            self.hand_over_changes()

    def hand_over_changes(self) -> None:
        """The scene's changes, told to its view now rather than queued: else they can come after the page's
        paint, and the chart is painted twice."""
        if self.plot is not None:
            QCoreApplication.sendPostedEvents(self.plot.scene(), QEvent.Type.MetaCall)

    def draw(self) -> bool:
        raise NotImplementedError


def swatch(colour: str, text: str, dashed: bool = False, band: bool = False) -> str:
    """A legend entry drawn in text beside the chart (a legend inside the plot would hide points)."""
    if band:
        mark = f"<span style='background:{colour}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
    else:
        mark = f"<span style='color:{colour}; font-weight:bold'>{'- - -' if dashed else '━━'}</span>"
    return f"{mark}&nbsp;{text}"


class WeightChartView(LazyPlot):
    """Birth weight line, the amber-to-red loss band, each weighing; hovering a point shows its values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Weight", parent)
        self.chart: WeightChart | None = None
        self.unit = WeightUnit.G
        self.scatter: Any = None
        self._items: dict[str, Any] | None = None
        self._left_label = ""

    def set_chart(self, chart: WeightChart | None, unit: WeightUnit) -> None:
        self.chart, self.unit = chart, unit
        self.caption.setText(self.summary())
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

    def _make_items(self) -> dict[str, Any]:
        pg, plot = self.pg, self.plot
        plot.setLabel("bottom", "Days since birth")
        items = {
            "amber": pg.PlotDataItem(pen=pg.mkPen(AMBER_COLOUR, width=1, style=Qt.PenStyle.DashLine),
                                     name="7 % loss (evaluate feeding)"),
            "red": pg.PlotDataItem(pen=pg.mkPen(RED_COLOUR, width=1, style=Qt.PenStyle.DashLine),
                                   name="10 % loss (physician)"),
            "birth": pg.PlotDataItem(pen=pg.mkPen(BIRTH_COLOUR, width=2), name="Birth weight"),
            "line": pg.PlotDataItem(pen=pg.mkPen(POINT_COLOUR, width=2)),
            "scatter": pg.ScatterPlotItem(size=11, brush=pg.mkBrush(POINT_COLOUR), pen=pg.mkPen("w"),
                                          hoverable=True, hoverSize=15, name="Weighings",
                                          tip=lambda x, y, data: self.point_text(int(data))),
        }
        items["band"] = pg.FillBetweenItem(items["amber"], items["red"], brush=pg.mkBrush(255, 193, 7, 60))
        for key in ("band", "amber", "red", "birth", "line", "scatter"):
            plot.addItem(items[key])
        items["scatter"].sigHovered.connect(self.on_scatter_hovered)
        self.scatter = items["scatter"]
        return items

    def draw(self) -> bool:
        chart = self.chart
        if chart is None or not chart.drawable:
            return False
        if self._items is None:
            self._items = self._make_items()
        items, plot = self._items, self.plot
        name, size = axis_unit(self.unit)  # drawn in the practice's unit (kept in grams)
        pounds = WeightUnit(self.unit) is WeightUnit.LB_OZ
        label = "Weight (lb and oz)" if pounds else f"Weight ({name})"
        if label != self._left_label:  # (set again, the same text is laid out and the axis sized again)
            plot.setLabel("left", label)
            self._left_label = label
        right = chart.max_day + 1
        entries = [swatch(POINT_COLOUR, "weighings (hover for values)")]
        lines = bool(chart.birth_weight_g and chart.amber_line_g and chart.red_line_g)
        for key in ("band", "amber", "red", "birth"):
            items[key].setVisible(lines)
        if lines:
            assert chart.birth_weight_g and chart.amber_line_g and chart.red_line_g
            items["amber"].setData([0, right], [chart.amber_line_g / size] * 2)
            items["red"].setData([0, right], [chart.red_line_g / size] * 2)
            items["birth"].setData([0, right], [chart.birth_weight_g / size] * 2)
            entries += [swatch(BIRTH_COLOUR, "birth weight"), swatch(AMBER_COLOUR, "7 % loss: evaluate feeding", True),
                        swatch(RED_COLOUR, "10 % loss: physician", True)]
        self.legend.setText(" &nbsp; ".join(entries))
        days = [p.day for p in chart.points]
        grams = [p.grams for p in chart.points]
        if chart.birth_weight_g:
            days, grams = [0, *days], [chart.birth_weight_g, *grams]
        items["line"].setData(days, [g / size for g in grams])
        items["scatter"].setData([p.day for p in chart.points], [p.grams / size for p in chart.points],
                                 data=list(range(len(chart.points))))
        low = min([*grams, chart.red_line_g or min(grams)]) - 100
        high = max([*grams, chart.birth_weight_g or max(grams)]) + 100
        plot.setRange(xRange=(0, right), yRange=(low / size, high / size), padding=0.02)  # one range change, not two
        plot.getAxis("left").setTicks([lb_oz_ticks(low, high)] if pounds else None)  # "6 lb 14 oz", not "6.9"
        return True

    def on_scatter_hovered(self, _item: Any, points: Sequence[Any], _event: Any) -> None:
        if len(points):
            self.caption.setText(self.point_text(int(points[0].data())))


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


class ScoreTrendView(LazyPlot):
    """LATCH (of 10) and BTAT (of 8) totals across visits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("LATCH and BTAT across visits", parent)
        self.points: tuple[ScorePoint, ...] = ()
        self._lines: dict[str, Any] | None = None

    def set_points(self, points: Sequence[ScorePoint]) -> None:
        self.points = tuple(points)
        latest = next((p for p in reversed(self.points) if p.latch is not None or p.btat is not None), None)
        if latest is None:
            self.caption.setText("No complete LATCH or BTAT scores yet.")
        else:
            parts = [f"LATCH {latest.latch}/10" if latest.latch is not None else "",
                     f"BTAT {latest.btat}/8" if latest.btat is not None else ""]
            self.caption.setText(f"Latest ({format_date(latest.on)}): " + ", ".join(p for p in parts if p) + ".")
        self.redraw()

    def draw(self) -> bool:
        pg = self.pg
        scored = [p for p in self.points if p.latch is not None or p.btat is not None]
        if not scored:
            return False
        first = scored[0].on
        plot = self.plot
        if self._lines is None:
            plot.setLabel("left", "Score")
            # The first and the latest date sit at the axis' ends: half a label may reach past them (px).
            plot.getAxis("bottom").setStyle(hideOverlappingLabels=24)
            plot.getPlotItem().setContentsMargins(0, 0, 20, 0)  # (room for the latest date's right half)
            self._lines = {}
            for name, attr, colour, symbol in (("LATCH (of 10)", "latch", LATCH_COLOUR, "o"),
                                               ("BTAT (of 8)", "btat", BTAT_COLOUR, "s")):
                self._lines[attr] = pg.PlotDataItem(pen=pg.mkPen(colour, width=2), symbol=symbol, symbolSize=9,
                                                    symbolBrush=colour, name=name)
                plot.addItem(self._lines[attr])
        self.legend.setText(swatch(LATCH_COLOUR, "LATCH (of 10)") + " &nbsp; " + swatch(BTAT_COLOUR, "BTAT (of 8)"))
        for attr, line in self._lines.items():
            xs = [(p.on - first).days for p in scored if getattr(p, attr) is not None]
            ys = [getattr(p, attr) for p in scored if getattr(p, attr) is not None]
            line.setData(xs, ys)
            line.setVisible(bool(xs))
        ticks = [((p.on - first).days, f"{p.on.day} {format_date(p.on).split()[1]}") for p in scored]
        plot.getAxis("bottom").setTicks([spaced_ticks(ticks)])
        last = (scored[-1].on - first).days
        # One range change, not two (each makes the view and its axes update); x padded as before, y not.
        span = max(last, 1) + 3
        plot.setRange(xRange=(-1.5 - 0.02 * span, max(last, 1) + 1.5 + 0.02 * span), yRange=(0, 10.5), padding=0)
        return True
