"""The practice's one wording, chosen beside what each wording says, why, and its sources (settings, first start).

CLINICAL.md sections 6, 15 and 18.1: the source document (with ABM #4, Amir 2014) and ABM Clinical Protocol #36
(Mitchell et al., Breastfeed Med 2022) disagree on heat, massage and milk removal; a practice gives one of them on
every plan and handout. The rows, the reasons and the sources are ``domain.voice``'s.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QLabel, QRadioButton, QSizePolicy, QWidget

from consultapp.domain.vocabulary import PlanVariant
from consultapp.domain.voice import VARIANT_ROWS, VARIANT_SOURCES, VARIANT_WHY
from consultapp.ui.fields import html_escape

CHOICES: tuple[tuple[PlanVariant, str], ...] = (
    (PlanVariant.SOURCE_DOCUMENT, "&Source document (the default)"),
    (PlanVariant.ABM36, "&ABM #36 (2022)"),
)
"""The two columns, in order: the radio button at the top of each names it."""
CHOSEN_STYLE = "background: #e6f0f0; border-radius: 3px; padding: 3px;"
OTHER_STYLE = "padding: 3px;"


def _cell(text: str, *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    # Wrapped text takes the width it is given: the page never scrolls sideways (1366 x 768).
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(60)
    return label


class WordingChoice(QWidget):
    """One wording for the practice's plans and handouts, with the two side by side; ``changed`` on a choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Wording of plans and handouts")
        self.group = QButtonGroup(self)
        self.buttons: dict[PlanVariant, QRadioButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 2)
        self.columns: dict[PlanVariant, list[QLabel]] = {}
        for column, (variant, text) in enumerate(CHOICES, start=1):
            grid.setColumnStretch(column, 5)
            button = QRadioButton(text)
            button.setToolTip(variant.label)
            self.group.addButton(button)
            self.buttons[variant] = button
            grid.addWidget(button, 0, column, Qt.AlignmentFlag.AlignLeft)
            button.toggled.connect(self._on_toggled)
            self.columns[variant] = []
        row = 1
        for line in VARIANT_ROWS:
            grid.addWidget(_cell(f"<b>{html_escape(line.topic)}</b>", rich=True), row, 0)
            for column, (variant, text) in enumerate(
                ((PlanVariant.SOURCE_DOCUMENT, line.source_document), (PlanVariant.ABM36, line.abm36)), start=1
            ):
                cell = _cell(text)
                cell.setObjectName(f"says:{variant.value}:{line.topic}")
                self.columns[variant].append(cell)
                grid.addWidget(cell, row, column)
            row += 1
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        grid.addWidget(rule, row, 0, 1, 3)
        row += 1
        for title, texts in (
            ("Why", {v: VARIANT_WHY[v] for v, _ in CHOICES}),
            ("Sources", {v: "\n".join(VARIANT_SOURCES[v]) for v, _ in CHOICES}),
        ):
            grid.addWidget(_cell(f"<b>{title}</b>", rich=True), row, 0)
            for column, (variant, _text) in enumerate(CHOICES, start=1):
                cell = _cell(texts[variant])
                cell.setObjectName(f"{title.lower()}:{variant.value}")
                self.columns[variant].append(cell)
                grid.addWidget(cell, row, column)
            row += 1
        self.set_value(PlanVariant.SOURCE_DOCUMENT)
        self.setFocusProxy(self.buttons[PlanVariant.SOURCE_DOCUMENT])

    def value(self) -> PlanVariant:
        return next((v for v, b in self.buttons.items() if b.isChecked()), PlanVariant.SOURCE_DOCUMENT)

    def set_value(self, variant: PlanVariant) -> None:
        self.buttons[variant].setChecked(True)
        self._shade()

    def text_of(self, variant: PlanVariant) -> str:
        """What the column of ``variant`` says, as shown (for a reader of the page, and the tests)."""
        return "\n".join(cell.text() for cell in self.columns[variant])

    def _on_toggled(self, on: bool) -> None:
        if on:
            self._shade()
            self.changed.emit()

    def _shade(self) -> None:
        """The chosen column is shaded: which wording the practice's papers follow shows at a glance."""
        chosen = self.value()
        for variant, cells in self.columns.items():
            for cell in cells:
                cell.setStyleSheet(
                    (CHOSEN_STYLE if variant is chosen else OTHER_STYLE)
                    + (" color: #555555; font-size: 9pt;" if cell.objectName().startswith("sources:") else "")
                )
