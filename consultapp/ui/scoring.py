"""Pickers for 0-1-2 instrument items that show each published descriptor while choosing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from consultapp.domain.instruments import ScoreItem

NOT_SCORED = "Not scored"


class ScorePicker(QComboBox):
    """A combo box of 'Not scored' and '0 - descriptor' .. '2 - descriptor'; type 0, 1 or 2 to pick."""

    def __init__(self, item: ScoreItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.addItem(NOT_SCORED, None)
        for score, descriptor in enumerate(item.descriptors):
            self.addItem(f"{score} – {descriptor}", score)
        self.setAccessibleName(item.label)
        self.setToolTip("\n".join(f"{s}: {d}" for s, d in enumerate(item.descriptors)))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)

    def score(self) -> int | None:
        value = self.currentData()
        return value if isinstance(value, int) else None

    def set_score(self, score: int | None) -> None:
        self.setCurrentIndex(0 if score is None else score + 1)

    def descriptor(self) -> str:
        """The chosen score's published descriptor, whole ("" when not scored)."""
        score = self.score()
        return "" if score is None else self.item.descriptors[score]


class InstrumentBox(QGroupBox):
    """All items of one instrument with a live total and its interpretation."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        items: Sequence[ScoreItem],
        maximum: int,
        interpret: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.maximum = maximum
        self.interpret = interpret
        self.pickers: dict[str, ScorePicker] = {}
        self.descriptors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for item in items:
            picker = ScorePicker(item)
            picker.currentIndexChanged.connect(self._update_total)
            self.pickers[item.key] = picker
            label = QLabel(item.label)
            label.setBuddy(picker)
            form.addRow(label, picker)
            # The chosen descriptor in full beneath its picker, when the picker is too narrow to show it.
            chosen = QLabel()
            chosen.setTextFormat(Qt.TextFormat.PlainText)
            chosen.setWordWrap(True)
            chosen.setObjectName("scoreDescriptor")
            chosen.setAccessibleName(f"{item.label}: chosen")
            chosen.hide()
            self.descriptors[item.key] = chosen
            form.addRow(chosen)
            picker.currentIndexChanged.connect(lambda _index, p=picker, c=chosen: self._show_descriptor(p, c))
        self.total_label = QLabel()
        self.total_label.setObjectName("instrumentTotal")
        self.total_label.setAccessibleName(f"{title} total")
        form.addRow(self.total_label)
        self._update_total()

    def scores(self) -> dict[str, int | None]:
        return {key: picker.score() for key, picker in self.pickers.items()}

    def set_scores(self, scores: dict[str, int | None]) -> None:
        for key, picker in self.pickers.items():
            picker.set_score(scores.get(key))

    @staticmethod
    def _show_descriptor(picker: ScorePicker, chosen: QLabel) -> None:
        text = picker.descriptor()
        chosen.setText(f"{picker.score()} – {text}" if text else "")
        # (the arrow and the frame take about 40 px of the picker's width)
        cut = picker.fontMetrics().horizontalAdvance(picker.currentText()) > picker.width() - 40
        chosen.setVisible(bool(text) and cut)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - the pickers' widths change with the box
        super().resizeEvent(event)
        for key, picker in self.pickers.items():
            self._show_descriptor(picker, self.descriptors[key])

    def _update_total(self) -> None:
        values = list(self.scores().values())
        scored = [v for v in values if v is not None]
        if not scored:
            text = f"Total: not scored (0 of {len(values)} items)"
        elif len(scored) < len(values):
            text = f"Total so far: {sum(scored)} / {self.maximum} ({len(scored)} of {len(values)} items)"
        else:
            total = sum(scored)
            text = f"<b>Total: {total} / {self.maximum}</b> – {self.interpret(total)}"
        self.total_label.setText(text)
        self.changed.emit()
