"""Section 5: the breast map, each breast's exam (pain, engorgement, ABM #36 condition), and the summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.breastmap import drawing_order
from consultapp.domain.records import BreastFinding, BreastMapFinding, BreastSideExam, Visit
from consultapp.domain.vocabulary import BreastConcern, FindingKind, NippleDamage, Side, Sign, SpectrumCondition
from consultapp.ui.breast_map import BreastMap
from consultapp.ui.fields import (
    ERROR_COLOUR,
    FieldError,
    FloatField,
    IntField,
    add_row,
    check_box,
    combo_enum,
    enum_combo,
    set_combo,
)
from consultapp.ui.visit.base import Mode, Section, VisitContext, read, watch
from consultapp.ui.visit.map_model import MapFindingModel
from consultapp.ui.visit.nipples import NipplesBox


class SideExamForm(QGroupBox):
    """Pain, engorgement and the condition named on one breast."""

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(side.label, parent)
        self.side = side
        short = side.label.split()[0]
        self.pain = IntField(f"{short} breast pain", 0, 10, "out of 10")
        self.engorgement = check_box("Engorged")
        self.engorgement.setAccessibleDescription(side.label)
        self.condition = enum_combo(SpectrumCondition, "Condition")
        form = QFormLayout(self)
        add_row(form, "Pain (0-10)", self.pain, side.label)
        add_row(form, "Condition (ABM #36)", self.condition, side.label)
        form.addRow(self.engorgement)

    def load(self, exam: BreastSideExam | None) -> None:
        self.pain.set_value(exam.pain if exam else None)
        self.engorgement.setChecked(exam.engorgement if exam else False)
        set_combo(self.condition, exam.condition if exam else None)

    def read(self, mode: Mode, errors: list[FieldError]) -> BreastSideExam | None:
        pain = read(self.pain, mode, errors)
        exam = BreastSideExam(self.side, pain, self.engorgement.isChecked(),
                              combo_enum(self.condition, SpectrumCondition))
        return None if exam == BreastSideExam(self.side) else exam


class ConcernForm(QGroupBox):
    """The consultant's summary in the source document's words: clogged duct or mastitis signs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Clogged duct / mastitis (for the care plan)", parent)
        self.concern = QComboBox()
        self.concern.addItem("None found", None)
        for concern in BreastConcern:
            self.concern.addItem(concern.label, concern.value)
        self.side = enum_combo(Side, "Side", none=None)
        self.sign_boxes: dict[Sign, QCheckBox] = {}
        self.error = QLabel()
        signs = QWidget()
        grid = QGridLayout(signs)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, sign in enumerate(Sign):
            box = check_box(sign.label)
            box.toggled.connect(lambda _on: self.error.clear())
            self.sign_boxes[sign] = box
            grid.addWidget(box, i // 3, i % 3)
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        form = QFormLayout(self)
        add_row(form, "Finding", self.concern)
        add_row(form, "Side", self.side)
        form.addRow(QLabel("Signs"), signs)
        form.addRow(self.error)
        self.concern.currentIndexChanged.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.side.setEnabled(self.concern.currentData() is not None)
        self.error.clear()

    def load(self, finding: BreastFinding | None) -> None:
        self.error.clear()
        self.concern.setCurrentIndex(0 if finding is None else self.concern.findData(finding.concern.value))
        set_combo(self.side, finding.side if finding else Side.LEFT)
        chosen = set(finding.signs) if finding else set()
        for sign, box in self.sign_boxes.items():
            box.setChecked(sign in chosen)

    def read(self, mode: Mode, errors: list[FieldError]) -> BreastFinding | None:
        concern = combo_enum(self.concern, BreastConcern)
        signs = [s for s, box in self.sign_boxes.items() if box.isChecked()]
        if concern is None:
            if signs and mode is not Mode.LENIENT:
                message = "Signs are ticked: choose the finding (clogged duct or mastitis), or untick them."
                if mode is Mode.STRICT:
                    self.error.setText(message)
                errors.append(FieldError(message))
            return None
        return BreastFinding(concern=concern, side=combo_enum(self.side, Side) or Side.LEFT, signs=signs)


class BreastsSection(Section):
    title = "Breasts"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map = BreastMap()
        self.kind = enum_combo(FindingKind, "Finding to place", none=None)
        self.damage = enum_combo(NippleDamage, "Nipple damage")
        self.size_field = FloatField("Size", 0.1, 30, "cm")  # (a finding has a size; empty when not measured)
        self.cursor_label = QLabel("Click the map, or focus it and use the arrow keys, Space and Enter.")
        self.cursor_label.setWordWrap(True)
        placing = QFormLayout()
        add_row(placing, "Findin&g to place", self.kind)
        add_row(placing, "Nipple &damage", self.damage)
        add_row(placing, "Si&ze (cm)", self.size_field)
        map_box = QGroupBox("Breast map (facing the client)")
        ml = QVBoxLayout(map_box)
        ml.addLayout(placing)
        ml.addWidget(self.map, 1)
        ml.addWidget(self.cursor_label)

        self.findings = MapFindingModel(self)
        self.table = QTableView()
        self.table.setModel(self.findings)
        self.table.setAccessibleName("Placed findings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.remove_button = QPushButton("Re&move finding")
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.on_remove_clicked,
                  context=Qt.ShortcutContext.WidgetShortcut)
        list_box = QGroupBox("Placed findings")
        ll = QVBoxLayout(list_box)
        ll.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        ll.addLayout(row)

        self.exams = {side: SideExamForm(side) for side in drawing_order()}
        self.concern = ConcernForm()
        self.nipples = NipplesBox()

        right = QVBoxLayout()
        right.addWidget(list_box, 1)
        for side in drawing_order():
            right.addWidget(self.exams[side])
        top = QHBoxLayout()
        top.addWidget(map_box, 3)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.concern)
        layout.addWidget(self.nipples)

        self.map.place_requested.connect(self.on_map_place_requested)
        self.map.cursor_moved.connect(self.cursor_label.setText)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.kind.currentIndexChanged.connect(self._update_damage_enabled)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.map.set_findings(self.findings.findings(), current.row()))
        watch(self, self.changed.emit)
        self._update_damage_enabled()

    def _update_damage_enabled(self) -> None:
        self.damage.setEnabled(combo_enum(self.kind, FindingKind) is FindingKind.NIPPLE_DAMAGE)

    def first_field(self) -> QWidget:
        return self.kind

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        self.findings.set_findings(visit.map_findings)
        self.map.set_findings(visit.map_findings)
        for side, form in self.exams.items():
            form.load(next((e for e in visit.breast_sides if e.side is side), None))
        self.concern.load(visit.breast_finding)
        self.nipples.load(visit.nipples)

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        visit.map_findings = self.findings.findings()
        others = [e for e in visit.breast_sides if e.side not in self.exams]
        exams = [form.read(mode, errors) for form in self.exams.values()]
        visit.breast_sides = others + [e for e in exams if e is not None]
        visit.breast_finding = self.concern.read(mode, errors)
        visit.nipples = self.nipples.read(mode, errors)
        return errors

    # -- slots ----------------------------------------------------------------------------------------
    def on_map_place_requested(self, side: Side, clock: int, distance_cm: float) -> None:
        try:
            size = self.size_field.value()
        except FieldError:
            return
        kind = combo_enum(self.kind, FindingKind) or FindingKind.LUMP
        damage = combo_enum(self.damage, NippleDamage) if kind is FindingKind.NIPPLE_DAMAGE else None
        finding = BreastMapFinding(side, kind, clock, distance_cm, size, damage)
        row = self.findings.append(finding)
        self.map.set_findings(self.findings.findings(), row)
        self.table.selectRow(row)
        self.cursor_label.setText(f"Placed: {kind.label} {finding.where}.")
        self.changed.emit()

    def on_remove_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        self.findings.remove(row)
        self.map.set_findings(self.findings.findings())
        self.changed.emit()
