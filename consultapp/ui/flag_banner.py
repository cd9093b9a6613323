"""A banner of the red and amber flags the findings on screen raise, each with its reason and source."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.flags import Flag, Severity, for_clinician
from consultapp.domain.units import TemperatureUnit, temperatures_in
from consultapp.ui.sources import published

RED_BG, RED_FG = "#fdecea", "#8e0000"
AMBER_BG, AMBER_FG = "#fff4e0", "#6d4100"


RESERVED_LINES = 3  # the banner's height, flagged or not: more flags are counted, and all are a click away


def flag_count(flags: Sequence[Flag]) -> str:
    """ "5 flags: 2 red, 3 amber" (the red first, as the banner lists them)."""
    red = sum(f.severity is Severity.RED for f in flags)
    parts = [f"{n} {word}" for n, word in ((red, "red"), (len(flags) - red, "amber")) if n]
    return f"{len(flags)} flag{'s' if len(flags) != 1 else ''}: {', '.join(parts)}"


class FlagListDialog(QDialog):
    """Every flag of the visit, whole, each with its source (the banner's "Show all")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Flags")
        self.setMinimumSize(520, 320)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(buttons)


class FlagBanner(QFrame):
    """Hidden when nothing is flagged; red flags first. Urgency is in words too, never colour alone.

    Its height is reserved whether it shows or not (three lines), so flags coming and going never move the form
    under her pointer. Each flag takes one line (cut with "…" when long); beyond three, the first line counts
    them ("5 flags: 2 red, 3 amber") above the two most severe. Whatever is cut or left out is in the tooltip
    and behind "Show all…", which lists every flag whole with its source.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flagBanner")
        self.flags: tuple[Flag, ...] = ()
        self.temperature_unit = TemperatureUnit.C  # the practice's: a temperature in a reason is shown in it
        self.label = QLabel()  # the lines shown: one a flag (or the count first)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAccessibleName("Flags")
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setMinimumWidth(1)  # (its lines are cut to its width, not the other way round)
        self.show_all_button = QPushButton("Show all…")
        self.show_all_button.setToolTip("Every flag of this visit, whole, with its source")
        self.show_all_button.clicked.connect(self.on_show_all_clicked)
        self.list_dialog: FlagListDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_all_button, 0, Qt.AlignmentFlag.AlignTop)
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
            self.label.setToolTip("")
            self.setVisible(False)
            return
        red = any(f.severity is Severity.RED for f in ordered)
        bg, fg = (RED_BG, RED_FG) if red else (AMBER_BG, AMBER_FG)
        self.setStyleSheet(f"#flagBanner {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}"
                           f" #flagBanner QLabel {{ color: #000000; }}")
        self.label.setToolTip(self.full_text())
        self._show_lines()
        if self.list_dialog is not None and self.list_dialog.isVisible():
            self.list_dialog.label.setText(self._rich_list())
        self.setVisible(True)

    def _reason(self, flag: Flag) -> str:
        return temperatures_in(for_clinician(flag.reason), self.temperature_unit)

    def _show_lines(self) -> None:
        """The flags that fit the reserved lines, each cut to the width; "Show all…" when any is cut or left out."""
        ordered = self.flags
        if not ordered:
            return
        shown = ordered if len(ordered) <= RESERVED_LINES else ordered[:RESERVED_LINES - 1]
        lines = [] if shown == ordered else [f"<b>{html.escape(flag_count(ordered))}</b> – the most severe first:"]
        metrics, bold = self.label.fontMetrics(), self.label.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        room = max(self.label.width(), 1)
        cut = False
        for f in shown:
            colour = RED_FG if f.severity is Severity.RED else AMBER_FG
            word = "RED" if f.severity is Severity.RED else "AMBER"
            prefix = f"● {word} "
            space = room - bold_metrics.horizontalAdvance(prefix) - 4
            reason = self._reason(f)
            elided = metrics.elidedText(reason, Qt.TextElideMode.ElideRight, max(space, 1))
            cut = cut or elided != reason
            lines.append(f"<span style='color:{colour}; font-weight:bold'>{prefix}</span>{html.escape(elided)}")
        self.label.setText("<br>".join(lines))
        self.show_all_button.setVisible(cut or shown != ordered)

    def full_text(self) -> str:
        """Every flag with its source (the tooltip)."""
        return "\n\n".join(f"{f.severity.value.upper()}: {self._reason(f)}\nSource: {published(f.source)}"
                           for f in self.flags)

    def _rich_list(self) -> str:
        items = []
        for f in self.flags:
            colour = RED_FG if f.severity is Severity.RED else AMBER_FG
            word = "RED" if f.severity is Severity.RED else "AMBER"
            items.append(f"<p><span style='color:{colour}; font-weight:bold'>● {word}</span> "
                         f"{html.escape(self._reason(f))}<br><i>Source: {html.escape(published(f.source))}</i></p>")
        return f"<p><b>{html.escape(flag_count(self.flags))}</b></p>" + "".join(items)

    def on_show_all_clicked(self) -> None:
        if self.list_dialog is None:
            self.list_dialog = FlagListDialog(self.window())
        self.list_dialog.label.setText(self._rich_list())
        self.list_dialog.show()
        self.list_dialog.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - the lines are cut to the new width
        super().resizeEvent(event)
        self._show_lines()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_lines()

    def text(self) -> str:
        """The flags as plain text (what a screen reader reads)."""
        return "\n".join(f"{f.severity.value.upper()}: {self._reason(f)}" for f in self.flags)
