"""A small chart painted with QPainter: a title, two axes with ticks and labels, lines, points, a band.

The history page's two charts need no zooming or panning, only a clear picture and the values of a point
under the mouse: drawn here in one paint, with no graphics scene, they cost a fraction of what a plotting
library's items did each time a client was opened (issue 15). The charts' views (ui/charts.py) give it
the data in chart units; it works out the pixels when painted, so a resize only repaints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

Tick = tuple[float, str]
FOREGROUND = QColor("#222222")
BACKGROUND = QColor("white")
TICK_LENGTH = 5  # px, outside the plot
LABEL_GAP = 3  # px between a tick and its label


@dataclass(frozen=True)
class Series:
    """Points joined by a line (``width`` > 0) and/or marked by symbols ("o", "s" or "")."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    colour: str
    width: float = 2.0
    symbol: str = ""
    size: float = 9.0
    outline: str = ""
    """The symbols' outline colour ("": their own colour)."""
    hoverable: bool = False


@dataclass(frozen=True)
class Level:
    """A horizontal line across the plot at ``y``."""

    y: float
    colour: str
    width: float = 1.0
    dashed: bool = False


@dataclass
class Scene:
    """What the canvas shows, in chart units."""

    x_range: tuple[float, float] = (0.0, 1.0)
    y_range: tuple[float, float] = (0.0, 1.0)
    x_ticks: Sequence[Tick] | None = None
    """Given ticks; None: round numbers, as many as fit."""
    y_ticks: Sequence[Tick] | None = None
    left_label: str = ""
    bottom_label: str = ""
    band: tuple[float, float, QColor] | None = None
    """A filled stripe between two heights."""
    levels: Sequence[Level] = ()
    series: Sequence[Series] = field(default_factory=tuple)


@dataclass(frozen=True)
class Layout:
    rect: QRectF
    y_ticks: list[Tick]
    x_ticks: list[Tick]


_SYMBOLS: dict[tuple[str, str, str, float, float], QPixmap] = {}


def symbol_pixmap(series: Series, size: float, ratio: float) -> QPixmap:
    """A series' symbol drawn once into a pixmap (with a pixel of room around it), then stamped at each point."""
    key = (series.symbol, series.colour, series.outline, size, ratio)
    pixmap = _SYMBOLS.get(key)
    if pixmap is None:
        side = math.ceil((size + 2) * ratio)
        pixmap = QPixmap(side, side)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = QColor(series.colour)
        painter.setPen(QPen(QColor(series.outline) if series.outline else colour, 1))
        painter.setBrush(colour)
        box = QRectF(1, 1, size, size)
        if series.symbol == "s":
            painter.drawRect(box)
        else:
            painter.drawEllipse(box)
        painter.end()
        _SYMBOLS[key] = pixmap
    return pixmap


def apart(ticks: Sequence[Tick], centres: Sequence[float], sizes: Sequence[float], low: float,
          high: float, gap: float = 4) -> list[Tick]:
    """The ticks on the axis (from ``low`` to ``high`` px) whose labels, ``sizes`` long around ``centres``, keep
    ``gap`` px from their neighbours: the first and the last always, each other one unless it would overlap."""
    shown = sorted(((c, z, t) for t, c, z in zip(ticks, centres, sizes, strict=True) if low - 1 <= c <= high + 1),
                   key=lambda item: item[0])

    def clear(one: tuple[float, float, Tick], other: tuple[float, float, Tick]) -> bool:
        return abs(one[0] - other[0]) >= (one[1] + other[1]) / 2 + gap

    kept = shown[:1]
    for item in shown[1:]:
        if clear(kept[-1], item):
            kept.append(item)
    if len(shown) > 1 and kept[-1] is not shown[-1]:  # the last one, in place of those too close to it
        while len(kept) > 1 and not clear(kept[-1], shown[-1]):
            kept.pop()
        if clear(kept[-1], shown[-1]):
            kept.append(shown[-1])
    return sorted((t for _, _, t in kept), key=lambda t: t[0])


def nice_step(raw: float) -> float:
    """The smallest of 1, 2 and 5 times a power of ten that is at least ``raw`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10.0 * power


def round_ticks(low: float, high: float, pixels: float, spacing: float) -> list[Tick]:
    """Ticks at round numbers from ``low`` to ``high``, about ``spacing`` px apart or more, along ``pixels``."""
    if high <= low or pixels <= 0:
        return []
    step = nice_step((high - low) * spacing / pixels)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    first = math.ceil(low / step - 1e-9)
    ticks = []
    for n in range(first, math.floor(high / step + 1e-9) + 1):
        value = round(n * step, decimals) if decimals else float(round(n * step))
        ticks.append((value, f"{value:.{decimals}f}" if decimals else f"{round(value)}"))
    return ticks


class ChartCanvas(QWidget):
    """Paints a ``Scene``; emits ``hovered(series, index)`` when the mouse comes over a hoverable point."""

    hovered = Signal(int, int)

    def __init__(self, title: str, parent: QWidget | None = None, right_margin: int = 10) -> None:
        super().__init__(parent)
        self.title = title
        self.scene_ = Scene()
        self.right_margin = right_margin
        self.hover: tuple[int, int] | None = None
        self._layout: Layout | None = None
        self.setAccessibleName(title)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # (it fills its whole rectangle)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title_font = QFont(self.font())
        self.title_font.setPointSizeF(11)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(68, 68)  # (the page's splitters share their room as they did before: by the tables' hints)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(68, 68)

    def set_scene(self, scene: Scene) -> None:
        self.scene_ = scene
        self.hover = None
        self._layout = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._layout = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._layout = None
            self.title_font = QFont(self.font())
            self.title_font.setPointSizeF(11)

    # -- geometry -------------------------------------------------------------------------------
    def layout_(self) -> Layout:
        """The plot's rectangle and both axes' ticks at the present size, worked out once per scene and size."""
        if self._layout is not None:
            return self._layout
        scene = self.scene_
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        top = QFontMetricsF(self.title_font).height() + 12
        bottom = 4.0 + TICK_LENGTH + LABEL_GAP + line + (line + 2 if scene.bottom_label else 0)
        height = max(1.0, self.height() - top - bottom)
        y_ticks = list(scene.y_ticks) if scene.y_ticks is not None else round_ticks(*scene.y_range, height, 40)
        left = 6.0 + (line + 4 if scene.left_label else 0) + LABEL_GAP + TICK_LENGTH
        left += max((metrics.horizontalAdvance(text) for _, text in y_ticks), default=0)
        width = max(1.0, self.width() - left - self.right_margin)
        x_ticks = list(scene.x_ticks) if scene.x_ticks is not None else round_ticks(*scene.x_range, width, 90)
        (x0, x1), (y0, y1) = scene.x_range, scene.y_range
        across = [left + (x - x0) / ((x1 - x0) or 1) * width for x, _ in x_ticks]
        up = [top + height - (y - y0) / ((y1 - y0) or 1) * height for y, _ in y_ticks]
        self._layout = Layout(QRectF(left, top, width, height),
                              apart(y_ticks, up, [line] * len(y_ticks), top, top + height),
                              apart(x_ticks, across, [metrics.horizontalAdvance(t) for _, t in x_ticks], left,
                                    left + width))
        return self._layout

    def plot_rect(self) -> QRectF:
        """Where the data are drawn, inside the axes (widget coordinates)."""
        return self.layout_().rect

    def ticks(self, side: str) -> list[Tick]:
        """The ticks drawn on the "left" or "bottom" axis at the canvas' present size."""
        layout = self.layout_()
        return list(layout.y_ticks if side == "left" else layout.x_ticks)

    def mapping(self) -> tuple[float, float, float, float]:
        """``px = a + x * b``, ``py = c + y * d``: chart units to widget coordinates."""
        rect = self.layout_().rect
        (x0, x1), (y0, y1) = self.scene_.x_range, self.scene_.y_range
        b = rect.width() / ((x1 - x0) or 1)
        d = -rect.height() / ((y1 - y0) or 1)
        return rect.left() - x0 * b, b, rect.bottom() - y0 * d, d

    def to_pixels(self, x: float, y: float) -> QPointF:
        a, b, c, d = self.mapping()
        return QPointF(a + x * b, c + y * d)

    def point_position(self, series: int, index: int) -> QPointF:
        """Where point ``index`` of series ``series`` is drawn (widget coordinates)."""
        s = self.scene_.series[series]
        return self.to_pixels(s.xs[index], s.ys[index])

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), BACKGROUND)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_data(painter)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._paint_axes(painter)
        finally:
            painter.end()

    def _paint_data(self, painter: QPainter) -> None:
        scene, rect = self.scene_, self.layout_().rect
        a, b, c, d = self.mapping()
        painter.save()
        painter.setClipRect(rect.adjusted(-8, -8, 8, 8))  # (a point on the edge is drawn whole)
        if scene.band is not None:
            low, high, colour = scene.band
            band = QRectF(QPointF(rect.left(), c + high * d), QPointF(rect.right(), c + low * d))
            painter.fillRect(band.normalized().intersected(rect), colour)
        for level in scene.levels:
            pen = QPen(QColor(level.colour), level.width)
            if level.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = c + level.y * d
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        for index, series in enumerate(scene.series):
            points = [QPointF(a + x * b, c + y * d) for x, y in zip(series.xs, series.ys, strict=True)]
            if series.width > 0 and len(points) > 1:
                painter.setPen(QPen(QColor(series.colour), series.width))
                # Segment by segment: a zigzag as one antialiased polyline costs ~15 times as much to stroke.
                painter.drawLines([QLineF(p, q) for p, q in zip(points, points[1:], strict=False)])
            if series.symbol:
                self._paint_symbols(painter, index, series, points)
        painter.restore()

    def _paint_symbols(self, painter: QPainter, index: int, series: Series, points: list[QPointF]) -> None:
        ratio = self.devicePixelRatioF()
        mark = symbol_pixmap(series, series.size, ratio)
        half = series.size / 2 + 1
        for i, point in enumerate(points):
            if self.hover == (index, i):
                big = symbol_pixmap(series, series.size + 4, ratio)
                painter.drawPixmap(QPointF(point.x() - half - 2, point.y() - half - 2), big)
            else:
                painter.drawPixmap(QPointF(point.x() - half, point.y() - half), mark)

    def _paint_axes(self, painter: QPainter) -> None:
        scene, layout = self.scene_, self.layout_()
        rect = layout.rect
        a, b, c, d = self.mapping()
        metrics = QFontMetricsF(self.font())
        painter.setPen(QPen(FOREGROUND, 1))
        left, bottom = round(rect.left()), round(rect.bottom())
        painter.drawLine(left, round(rect.top()), left, bottom)
        painter.drawLine(left, bottom, round(rect.right()), bottom)
        line = metrics.height()
        for value, text in layout.y_ticks:  # (on the axis, apart: layout_)
            y = round(c + value * d)
            painter.drawLine(left - TICK_LENGTH, y, left, y)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(left - TICK_LENGTH - LABEL_GAP - width, y + metrics.ascent() - line / 2), text)
        for value, text in layout.x_ticks:
            x = round(a + value * b)
            painter.drawLine(x, bottom, x, bottom + TICK_LENGTH)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x - width / 2, bottom + TICK_LENGTH + LABEL_GAP + metrics.ascent()), text)
        if scene.bottom_label:
            width = metrics.horizontalAdvance(scene.bottom_label)
            baseline = bottom + TICK_LENGTH + LABEL_GAP + line + 2 + metrics.ascent()
            painter.drawText(QPointF(rect.center().x() - width / 2, baseline), scene.bottom_label)
        if scene.left_label:
            painter.save()
            painter.translate(6 + metrics.ascent(), rect.center().y() + metrics.horizontalAdvance(scene.left_label) / 2)
            painter.rotate(-90)
            painter.drawText(QPointF(0, 0), scene.left_label)
            painter.restore()
        painter.setFont(self.title_font)
        title = QFontMetricsF(self.title_font)
        painter.drawText(QPointF((self.width() - title.horizontalAdvance(self.title)) / 2, 6 + title.ascent()),
                         self.title)

    def draws_its_points(self, image: QImage) -> bool:
        """Every point of the scene's symbols is in ``image`` (this canvas grabbed), in its series' colour: the
        chart was painted where it says it is (the self-test's check)."""
        ratio = image.devicePixelRatio()
        marked = [(s, i) for s in self.scene_.series if s.symbol for i in range(len(s.xs))]
        for series, i in marked:
            centre = self.to_pixels(series.xs[i], series.ys[i])
            x, y = round(centre.x() * ratio), round(centre.y() * ratio)
            if not (0 <= x < image.width() and 0 <= y < image.height()):
                return False
            if image.pixelColor(x, y).name() != QColor(series.colour).name():
                return False
        return bool(marked)

    # -- hovering -------------------------------------------------------------------------------
    def point_at(self, pos: QPointF) -> tuple[int, int] | None:
        """The hoverable point under ``pos`` (its series and index), the nearest if several."""
        a, b, c, d = self.mapping()
        best: tuple[float, tuple[int, int]] | None = None
        for index, series in enumerate(self.scene_.series):
            if not series.hoverable:
                continue
            reach = (series.size / 2 + 3) ** 2
            for i, (x, y) in enumerate(zip(series.xs, series.ys, strict=True)):
                distance = (a + x * b - pos.x()) ** 2 + (c + y * d - pos.y()) ** 2
                if distance <= reach and (best is None or distance < best[0]):
                    best = (distance, (index, i))
        return None if best is None else best[1]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        found = self.point_at(event.position())
        if found != self.hover:
            self.hover = found
            self.update()
            if found is not None:
                self.hovered.emit(*found)
        if found is None:
            QToolTip.hideText()
