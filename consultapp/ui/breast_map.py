"""The breast map: both breasts facing the client, a clock face on each, findings placed by click or keys.

The geometry (clock position and distance to a point, and back; which breast is drawn on which side)
comes from ``consultapp.domain.breastmap`` so the care-plan PDF draws the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from consultapp.domain.breastmap import (
    MARKER_SHAPES,
    MAX_DISTANCE_CM,
    MapPoint,
    clock_to_point,
    drawing_order,
    point_to_clock,
)
from consultapp.domain.records import BreastMapFinding
from consultapp.domain.vocabulary import FindingKind, Side


@dataclass(frozen=True)
class MarkerStyle:
    """How a kind of finding is drawn: the shape the care-plan PDF uses (documents/figures.py), so screen
    and paper show the same picture; filled or open as on paper; colour only as an extra cue."""

    shape: str  # "circle", "square", "triangle", "diamond", "ring", "cross"
    filled: bool
    colour: str


_COLOURS = {
    FindingKind.LUMP: "#5b2a86",
    FindingKind.REDNESS: "#c62828",
    FindingKind.WARMTH: "#e65100",
    FindingKind.HARDNESS: "#37474f",
    FindingKind.BLEB: "#00695c",
    FindingKind.NIPPLE_DAMAGE: "#ad1457",
}
MARKER_STYLES: dict[FindingKind, MarkerStyle] = {
    kind: MarkerStyle(shape.shape, shape.filled, _COLOURS[kind]) for kind, shape in MARKER_SHAPES.items()
}
"""The shapes of domain.breastmap.MARKER_SHAPES (the PDF draws the same), with colour as an extra cue."""

SIDE_TITLES = {Side.RIGHT: "Client's right", Side.LEFT: "Client's left"}


@dataclass(frozen=True)
class Cursor:
    """The keyboard position on the map."""

    side: Side = Side.RIGHT
    clock: int = 12
    distance_cm: float = 3.0

    def describe(self) -> str:
        return f"{self.side.label}, {self.clock} o'clock, {self.distance_cm:g} cm from the nipple"


class BreastMap(QWidget):
    """Draws both breasts and their findings; emits ``place_requested(side, clock, distance_cm)``.

    Keys: Left/Right turn the clock hand, Up/Down move 1 cm out or in, Space switches breast,
    Enter places a finding where the cursor is.
    """

    place_requested = Signal(object, int, float)
    cursor_moved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[BreastMapFinding] = []
        self.highlight: int | None = None
        self.map_cursor = Cursor()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Breast map")
        self.setAccessibleDescription(
            "Both breasts as seen facing the client. Arrow keys move the cursor, Space switches breast, "
            "Enter places the finding."
        )
        self.setMinimumSize(420, 230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, 300)

    def set_findings(self, findings: Sequence[BreastMapFinding], highlight: int | None = None) -> None:
        self.findings = list(findings)
        self.highlight = highlight
        self.update()

    # -- geometry -----------------------------------------------------------------------------------
    def breast_geometry(self, side: Side) -> tuple[QPointF, float]:
        """Centre and radius (pixels) of one breast's drawing."""
        margin_top, margin, gap = 48.0, 30.0, 70.0  # the gap leaves room for both breasts' 3 and 9
        width, height = float(self.width()), float(self.height())
        radius = max(30.0, min((width - 2 * margin - gap) / 4, (height - margin_top - margin) / 2))
        slot = drawing_order().index(side)
        cx = width / 2 + (-1 if slot == 0 else 1) * (radius + gap / 2)
        cy = margin_top + (height - margin_top - margin) / 2
        return QPointF(cx, cy), radius

    def point_for(self, side: Side, clock: int, distance_cm: float | None) -> QPointF:
        centre, radius = self.breast_geometry(side)
        p = clock_to_point(clock, distance_cm)
        return QPointF(centre.x() + p.x * radius, centre.y() - p.y * radius)

    def point_at_radius(self, side: Side, clock: int, fraction: float) -> QPointF:
        """A point on the ray of ``clock`` at ``fraction`` of the drawn radius (may lie outside the breast)."""
        centre, radius = self.breast_geometry(side)
        p = clock_to_point(clock, MAX_DISTANCE_CM)
        return QPointF(centre.x() + p.x * radius * fraction, centre.y() - p.y * radius * fraction)

    def hit(self, pos: QPointF) -> tuple[Side, int, float] | None:
        """The breast, clock position and distance under a pixel, or None outside both breasts."""
        for side in drawing_order():
            centre, radius = self.breast_geometry(side)
            dx, dy = (pos.x() - centre.x()) / radius, (centre.y() - pos.y()) / radius
            if math.hypot(dx, dy) <= 1.08:
                clock, distance = point_to_clock(MapPoint(dx, dy))
                return side, clock, distance
        return None

    # -- input --------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        found = self.hit(event.position())
        if found is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        side, clock, distance = found
        self._move_cursor(Cursor(side, clock, distance))
        self.place_requested.emit(side, clock, distance)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        c = self.map_cursor
        key = event.key()
        if key == Qt.Key.Key_Right:
            self._move_cursor(Cursor(c.side, c.clock % 12 + 1, c.distance_cm))
        elif key == Qt.Key.Key_Left:
            self._move_cursor(Cursor(c.side, (c.clock - 2) % 12 + 1, c.distance_cm))
        elif key == Qt.Key.Key_Up:
            self._move_cursor(Cursor(c.side, c.clock, min(MAX_DISTANCE_CM, c.distance_cm + 1)))
        elif key == Qt.Key.Key_Down:
            self._move_cursor(Cursor(c.side, c.clock, max(0.0, c.distance_cm - 1)))
        elif key == Qt.Key.Key_Space:
            other = Side.LEFT if c.side is Side.RIGHT else Side.RIGHT
            self._move_cursor(Cursor(other, c.clock, c.distance_cm))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.place_requested.emit(c.side, c.clock, float(c.distance_cm))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _move_cursor(self, cursor: Cursor) -> None:
        self.map_cursor = Cursor(cursor.side, cursor.clock, round(cursor.distance_cm, 1))
        self.setAccessibleDescription(self.map_cursor.describe())
        self.cursor_moved.emit(self.map_cursor.describe())
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.cursor_moved.emit(self.map_cursor.describe())
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    # -- painting -----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        for side in drawing_order():
            self._draw_breast(painter, side)
        for index, finding in enumerate(self.findings):
            self._draw_marker(painter, finding, index + 1, index == self.highlight)
        if self.hasFocus():
            self._draw_cursor(painter)
        painter.end()

    def _draw_breast(self, painter: QPainter, side: Side) -> None:
        centre, radius = self.breast_geometry(side)
        painter.setPen(QPen(QColor("#6d4c41"), 2))
        painter.setBrush(QColor("#fbe9e7"))
        painter.drawEllipse(centre, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#bcaaa4"), 1, Qt.PenStyle.DashLine))
        for cm in (2.5, 5.0, 7.5):
            r = radius * cm / MAX_DISTANCE_CM
            painter.drawEllipse(centre, r, r)
        painter.setPen(QPen(QColor("#8d6e63"), 1))
        painter.setBrush(QColor("#d7a99a"))
        painter.drawEllipse(centre, max(4.0, radius * 0.08), max(4.0, radius * 0.08))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(10.0, radius / 11)))
        painter.setFont(font)
        painter.setPen(QColor("#4e342e"))
        for clock in range(1, 13):
            outer = self.point_at_radius(side, clock, 1.0 + 13 / radius)
            painter.drawText(QRectF(outer.x() - 12, outer.y() - 9, 24, 18), Qt.AlignmentFlag.AlignCenter, str(clock))
            painter.drawLine(self.point_at_radius(side, clock, 0.94), self.point_at_radius(side, clock, 1.0))
        title = QFont(self.font())
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(
            QRectF(centre.x() - radius, 2, 2 * radius, 20), Qt.AlignmentFlag.AlignCenter, SIDE_TITLES[side]
        )

    def _draw_marker(self, painter: QPainter, finding: BreastMapFinding, number: int, highlighted: bool) -> None:
        style = MARKER_STYLES[finding.kind]
        centre, radius = self.breast_geometry(finding.side)
        at = self.point_for(finding.side, finding.clock, finding.distance_cm)
        size = max(6.0, radius * 0.055)
        colour = QColor(style.colour)
        if finding.size_cm:  # the finding's extent, dashed, as on paper
            extent = min(finding.size_cm / 2 / MAX_DISTANCE_CM * radius, radius)
            painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(at, extent, extent)
        painter.setPen(QPen(colour.darker(140), 3 if highlighted else 2))
        painter.setBrush(QBrush(colour) if style.filled else QBrush(QColor("#ffffff")))
        if style.shape == "circle":
            painter.drawEllipse(at, size, size)
        elif style.shape == "square":
            painter.drawRect(QRectF(at.x() - size, at.y() - size, 2 * size, 2 * size))
        elif style.shape == "triangle":
            painter.drawPolygon(QPolygonF([QPointF(at.x() - size, at.y() + size * 0.85),
                                           QPointF(at.x() + size, at.y() + size * 0.85),
                                           QPointF(at.x(), at.y() - size * 1.1)]))
        elif style.shape == "diamond":
            painter.drawPolygon(QPolygonF([QPointF(at.x(), at.y() - size * 1.2), QPointF(at.x() + size, at.y()),
                                           QPointF(at.x(), at.y() + size * 1.2), QPointF(at.x() - size, at.y())]))
        elif style.shape == "ring":
            painter.drawEllipse(at, size, size)
            painter.setBrush(QBrush(colour.darker(140)))
            painter.drawEllipse(at, size * 0.35, size * 0.35)
        else:  # cross
            painter.setPen(QPen(colour, 4 if highlighted else 3))
            painter.drawLine(QPointF(at.x() - size, at.y() - size), QPointF(at.x() + size, at.y() + size))
            painter.drawLine(QPointF(at.x() - size, at.y() + size), QPointF(at.x() + size, at.y() - size))
        # The number sits outward from the nipple, where it does not cover the symbol (as on paper).
        dx, dy = at.x() - centre.x(), at.y() - centre.y()
        angle = math.atan2(dy, dx) if (dx or dy) else -math.pi / 2
        label = QPointF(at.x() + math.cos(angle) * size * 2.4, at.y() + math.sin(angle) * size * 2.4)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        painter.drawText(QRectF(label.x() - 12, label.y() - 10, 24, 20), Qt.AlignmentFlag.AlignCenter, str(number))

    def _draw_cursor(self, painter: QPainter) -> None:
        c = self.map_cursor
        at = self.point_for(c.side, c.clock, c.distance_cm)
        painter.setPen(QPen(QColor("#0d47a1"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(at, 10, 10)
        painter.drawLine(QPointF(at.x() - 15, at.y()), QPointF(at.x() + 15, at.y()))
        painter.drawLine(QPointF(at.x(), at.y() - 15), QPointF(at.x(), at.y() + 15))
