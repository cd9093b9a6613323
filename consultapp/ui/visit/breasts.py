"""Section 5: the breast map (findings, each breast's ABM #36 condition) and each breast's pain and engorgement."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
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
from consultapp.domain.careplan.inputs import derived_condition
from consultapp.domain.records import BreastFinding, BreastMapFinding, BreastSideExam, Visit
from consultapp.domain.settings import DEFAULT_THRESHOLDS
from consultapp.domain.vocabulary import FindingKind, NippleDamage, Side, SpectrumCondition
from consultapp.ui.breast_map import BreastMap
from consultapp.ui.fields import (
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
    """Pain and engorgement of one breast; its condition is named on the map's findings and shown here."""

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(side.label, parent)
        self.side = side
        short = side.label.split()[0]
        self.pain = IntField(f"{short} breast pain", 0, 10, "out of 10")
        self.engorgement = check_box("Engorged")
        self.engorgement.setAccessibleDescription(side.label)
        self.condition_label = QLabel()
        self.condition_label.setAccessibleName(f"{side.label} condition")
        self.condition_label.setWordWrap(True)
        self.condition_label.hide()
        form = QFormLayout(self)
        add_row(form, "Pain (0-10)", self.pain, side.label)
        form.addRow(self.engorgement)
        form.addRow(self.condition_label)

    def load(self, exam: BreastSideExam | None) -> None:
        self.pain.set_value(exam.pain if exam else None)
        self.engorgement.setChecked(exam.engorgement if exam else False)

    def show_condition(self, text: str) -> None:
        self.condition_label.setText(f"Condition: {text}" if text else "")
        self.condition_label.setVisible(bool(text))

    def read(self, mode: Mode, errors: list[FieldError], condition: SpectrumCondition | None) -> BreastSideExam | None:
        pain = read(self.pain, mode, errors)
        exam = BreastSideExam(self.side, pain, self.engorgement.isChecked(), condition)
        return None if exam == BreastSideExam(self.side) else exam


class EarlierSummary(QGroupBox):
    """A visit saved when the care-plan finding was entered apart from the map: kept (the plan still reads it)
    and shown, until the consultant removes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Breast finding recorded apart from the map (earlier visit)", parent)
        self.finding: BreastFinding | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.remove_button = QPushButton("Remove this summar&y")
        self.remove_button.setToolTip("The care plan then reads only the map, the breasts' pain and the parent's "
                                      "section.")
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.load(None))
        self.hide()

    def load(self, finding: BreastFinding | None) -> None:
        self.finding = finding
        if finding is not None:
            signs = ", ".join(s.label.lower() for s in finding.signs) or "no signs listed"
            self.text.setText(f"{finding.concern.label}, {finding.side.label.lower()}: {signs}.")
        self.setVisible(finding is not None)


class BreastsSection(Section):
    """Findings entered once: placed on the map (kind, size, the breast's ABM #36 condition), pain per breast."""

    title = "Breasts"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.named: dict[Side, SpectrumCondition] = {}
        self.derived: dict[Side, SpectrumCondition] = {}
        self.fever_threshold_c = DEFAULT_THRESHOLDS.fever_threshold_c
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

        self.exams = {side: SideExamForm(side) for side in drawing_order()}
        self.earlier = EarlierSummary()
        self.nipples = NipplesBox()
        right = QVBoxLayout()
        right.addWidget(self._build_list(), 1)
        for side in drawing_order():
            right.addWidget(self.exams[side])
        top = QHBoxLayout()
        top.addWidget(map_box, 3)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.nipples)
        layout.addWidget(self.earlier)

        self.map.place_requested.connect(self.on_map_place_requested)
        self.map.cursor_moved.connect(self.cursor_label.setText)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.condition.activated.connect(self.on_condition_activated)
        self.earlier.remove_button.clicked.connect(self.changed.emit)
        self.kind.currentIndexChanged.connect(self._update_damage_enabled)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._select(current.row()))
        watch(self, self.changed.emit)
        self._update_damage_enabled()
        self._select(-1)

    def _build_list(self) -> QGroupBox:
        """The placed findings, the condition named on the selected one's breast, and removing one."""
        self.findings = MapFindingModel(self)
        self.table = QTableView()
        self.table.setModel(self.findings)
        self.table.setAccessibleName("Placed findings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)  # (a long condition is elided; its tooltip and the breast's box say it whole)
        self.condition = enum_combo(SpectrumCondition, "Condition (ABM #36)", none="Not named: from the signs")
        self.condition.setToolTip("The condition of the mastitis spectrum (ABM #36) of the selected finding's "
                                  "breast. Not named: the care plan reads the signs on the map and in the "
                                  "parent's section.")
        self.remove_button = QPushButton("Re&move finding")
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.on_remove_clicked,
                  context=Qt.ShortcutContext.WidgetShortcut)
        list_box = QGroupBox("Placed findings")
        ll = QVBoxLayout(list_box)
        ll.addWidget(self.table, 1)
        chosen = QFormLayout()
        self.condition_label = add_row(chosen, "C&ondition (ABM #36)", self.condition)
        ll.addLayout(chosen)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        ll.addLayout(row)
        return list_box

    def _update_damage_enabled(self) -> None:
        self.damage.setEnabled(combo_enum(self.kind, FindingKind) is FindingKind.NIPPLE_DAMAGE)

    def first_field(self) -> QWidget:
        return self.kind

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        self.fever_threshold_c = ctx.settings.thresholds.fever_threshold_c
        self.findings.set_findings(visit.map_findings)
        self.map.set_findings(visit.map_findings)
        self.named = {e.side: e.condition for e in visit.breast_sides if e.condition is not None}
        for side, form in self.exams.items():
            form.load(next((e for e in visit.breast_sides if e.side is side), None))
        self.earlier.load(visit.breast_finding)
        self._select(-1)
        self.show_conditions(visit)
        self.nipples.load(visit.nipples)

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        visit.map_findings = self.findings.findings()
        others = [e for e in visit.breast_sides if e.side not in self.exams]
        exams = [form.read(mode, errors, self.named.get(side)) for side, form in self.exams.items()]
        visit.breast_sides = others + [e for e in exams if e is not None]
        visit.breast_finding = self.earlier.finding
        visit.nipples = self.nipples.read(mode, errors)
        return errors

    def show_conditions(self, visit: Visit) -> None:
        """Each breast's condition, named or derived from the signs of ``visit`` (the editor's live reading)."""
        self.derived = {}
        for side in self.exams:
            found = derived_condition(visit, side, self.fever_threshold_c)
            if found is not None:
                self.derived[side] = found
        self._refresh_named()

    # -- slots ----------------------------------------------------------------------------------------
    def _selected_side(self) -> Side | None:
        row = self.table.currentIndex().row()
        found = self.findings.findings()
        return found[row].side if 0 <= row < len(found) else None

    def _select(self, row: int) -> None:
        """The condition box follows the selected finding: its breast's condition (disabled with none)."""
        self.map.set_findings(self.findings.findings(), row)
        side = self._selected_side() if row >= 0 else None
        self.condition.setEnabled(side is not None)
        self.condition_label.setEnabled(side is not None)
        set_combo(self.condition, self.named.get(side) if side is not None else None)
        if side is not None:
            self.condition.setAccessibleDescription(side.label)

    def on_condition_activated(self, _index: int) -> None:
        side = self._selected_side()
        if side is None:
            return
        chosen = combo_enum(self.condition, SpectrumCondition)
        if chosen is None:
            self.named.pop(side, None)
        else:
            self.named[side] = chosen
        self._refresh_named()
        self.changed.emit()

    def _refresh_named(self) -> None:
        self.findings.set_conditions(self.named, self.derived)
        for side, form in self.exams.items():
            form.show_condition(self.findings.condition_text(side))

    def on_map_place_requested(self, side: Side, clock: int, distance_cm: float) -> None:
        try:
            size = self.size_field.value()
        except FieldError:
            return
        kind = combo_enum(self.kind, FindingKind) or FindingKind.LUMP
        damage = combo_enum(self.damage, NippleDamage) if kind is FindingKind.NIPPLE_DAMAGE else None
        finding = BreastMapFinding(side, kind, clock, distance_cm, size, damage)
        row = self.findings.append(finding)
        self.table.selectRow(row)
        self._select(row)
        self.cursor_label.setText(f"Placed: {kind.label} {finding.where}.")
        self.changed.emit()

    def on_remove_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        side = self.findings.findings()[row].side
        self.findings.remove(row)
        if not any(f.side is side for f in self.findings.findings()):
            self.named.pop(side, None)  # (named on the finding just removed)
        self._select(self.table.currentIndex().row())
        self.changed.emit()
