"""A banner of the red and amber flags the findings on screen raise, each with its reason and source."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from consultapp.domain.flags import Flag, Severity, for_clinician
from consultapp.domain.units import TemperatureUnit, temperatures_in
from consultapp.ui.sources import published

RED_BG, RED_FG = "#fdecea", "#8e0000"
AMBER_BG, AMBER_FG = "#fff4e0", "#6d4100"


RESERVED_LINES = 3  # the banner's height, flagged or not: beyond it the flags scroll inside the banner


class FlagBanner(QFrame):
    """Hidden when nothing is flagged; red flags first. Urgency is in words too, never colour alone.

    Its height is reserved whether it shows or not (three lines; more flags scroll inside it), so flags coming
    and going never move the form under her pointer.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flagBanner")
        self.flags: tuple[Flag, ...] = ()
        self.temperature_unit = TemperatureUnit.C  # the practice's: a temperature in a reason is shown in it
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAccessibleName("Flags")
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the flags wrap
        self.scroll_area.setWidget(self.label)
        self.scroll_area.setStyleSheet("background: transparent;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.scroll_area)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hidden, it keeps its place in the layout
        self.setSizePolicy(policy)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * RESERVED_LINES + 2 * 4 + 6)
        self.set_flags(())

    def set_flags(self, flags: Sequence[Flag]) -> None:
        ordered = tuple(sorted(flags, key=lambda f: f.severity is not Severity.RED))
        if ordered == self.flags and self.label.text():
            return
        self.flags = ordered
        if not ordered:
            self.label.setText("No red or amber flags.")
            self.setVisible(False)
            return
        red = any(f.severity is Severity.RED for f in ordered)
        bg, fg = (RED_BG, RED_FG) if red else (AMBER_BG, AMBER_FG)
        self.setStyleSheet(f"#flagBanner {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}"
                           f" #flagBanner QLabel {{ color: #000000; }}")
        lines = []
        unit = self.temperature_unit
        for f in ordered:
            colour = RED_FG if f.severity is Severity.RED else AMBER_FG
            word = "RED" if f.severity is Severity.RED else "AMBER"
            reason = html.escape(temperatures_in(for_clinician(f.reason), unit))
            lines.append(f"<span style='color:{colour}; font-weight:bold'>● {word}</span> {reason}")
        self.label.setText("<br>".join(lines))
        self.label.setToolTip("\n\n".join(
            f"{f.severity.value.upper()}: {temperatures_in(for_clinician(f.reason), unit)}\n"
            f"Source: {published(f.source)}"
            for f in ordered))
        self.setVisible(True)

    def text(self) -> str:
        """The flags as plain text (what a screen reader reads)."""
        unit = self.temperature_unit
        return "\n".join(f"{f.severity.value.upper()}: {temperatures_in(for_clinician(f.reason), unit)}"
                         for f in self.flags)
