"""Section 7: the suggested steps with their reasons (tick, reorder, add), feeding plan, follow-up, output."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.careplan import SECTION_CUSTOM, CarePlan
from consultapp.domain.records import Visit
from consultapp.ui.fields import DateField, FieldError, add_row
from consultapp.ui.visit.base import Mode, Section, VisitContext, read
from consultapp.ui.visit.plan_model import PlanStepModel


class PlanSection(Section):
    title = "Plan"
    preview_requested = Signal()
    print_requested = Signal()
    save_pdf_requested = Signal()
    finalize_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel("Steps suggested by today's findings, with the reason for each. Space ticks or unticks the "
                       "current step; Ctrl+Up and Ctrl+Down move it.")
        intro.setWordWrap(True)
        self._build_table()
        edit_row = self._build_edit_row()

        self.feeding_plan = QPlainTextEdit()
        self.feeding_plan.setTabChangesFocus(True)
        self.feeding_plan.setFixedHeight(56)
        self.follow_up = DateField("Follow-up", allow_future=True)
        form = QFormLayout()
        add_row(form, "Feeding p&lan notes", self.feeding_plan)
        add_row(form, "F&ollow-up date", self.follow_up)

        self.preview_button = QPushButton("Preview &care plan")
        self.print_button = QPushButton("Print care plan…")
        self.print_button.setToolTip("Ctrl+P")
        self.save_pdf_button = QPushButton("Save care plan as PDF…")
        self.finalize_button = QPushButton("Mark visit fi&nal")
        self.finalize_button.setToolTip("Later changes will be kept as dated amendments")
        out_row = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_pdf_button):
            out_row.addWidget(button)
        self.letter_button = QPushButton("Letter to doctor…")  # the window opens them (letters/controller.py)
        self.superbill_button = QPushButton("Superbill…")
        documents_row = QHBoxLayout()
        documents_row.addWidget(self.letter_button)
        documents_row.addWidget(self.superbill_button)
        documents_row.addStretch(1)
        form.addRow("Other documents", documents_row)
        out_row.addStretch(1)
        out_row.addWidget(self.finalize_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addLayout(form)
        layout.addLayout(out_row)

        self.up_button.clicked.connect(lambda: self.on_move(-1))
        self.down_button.clicked.connect(lambda: self.on_move(1))
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.new_step.returnPressed.connect(self.on_add_clicked)
        self.preview_button.clicked.connect(self.preview_requested.emit)
        self.print_button.clicked.connect(self.print_requested.emit)
        self.save_pdf_button.clicked.connect(self.save_pdf_requested.emit)
        self.finalize_button.clicked.connect(self.finalize_requested.emit)
        self.steps.dataChanged.connect(lambda *_a: self.changed.emit())
        self.steps.rowsMoved.connect(lambda *_a: self.changed.emit())
        self.steps.rowsInserted.connect(lambda *_a: self.changed.emit())
        self.steps.rowsRemoved.connect(lambda *_a: self.changed.emit())
        for signal in (self.steps.modelReset, self.steps.rowsInserted, self.steps.rowsRemoved):
            signal.connect(lambda *_a: self._offer_sections())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._follow_current_section())
        self.feeding_plan.textChanged.connect(self.changed.emit)
        self.follow_up.edit.textChanged.connect(lambda _t: self.changed.emit())


    def _build_table(self) -> None:
        self.steps = PlanStepModel(self)
        self.table = QTableView()
        self.table.setModel(self.steps)
        self.table.setAccessibleName("Care plan steps")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PlanStepModel.COL_INCLUDED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PlanStepModel.COL_STEP, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PlanStepModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PlanStepModel.COL_SECTION, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(PlanStepModel.COL_SECTION, 170)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for keys, slot in (("Space", self.on_toggle), ("Ctrl+Up", lambda: self.on_move(-1)),
                           ("Ctrl+Down", lambda: self.on_move(1)), ("Delete", self.on_remove_clicked)):
            QShortcut(QKeySequence(keys), self.table, slot, context=Qt.ShortcutContext.WidgetShortcut)

    def _build_edit_row(self) -> QHBoxLayout:
        """Move, remove and add steps of her own."""
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.remove_button = QPushButton("Remove own step")
        self.new_step = QLineEdit()
        self.new_step.setPlaceholderText("Your own step, e.g. \"Call me on Friday with the diaper count\"")
        self.new_step.setAccessibleName("New step")
        self.new_step_section = QComboBox()
        self.new_step_section.setAccessibleName("Section of the new step")
        self.new_step_section.setToolTip("The care-plan section her own step is printed under")
        self.add_button = QPushButton("&Add step")
        edit_row = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            edit_row.addWidget(button)
        edit_row.addSpacing(12)
        new_label = QLabel("New ste&p:")
        new_label.setBuddy(self.new_step)
        edit_row.addWidget(new_label)
        edit_row.addWidget(self.new_step, 1)
        edit_row.addWidget(QLabel("in"))
        edit_row.addWidget(self.new_step_section)
        edit_row.addWidget(self.add_button)
        return edit_row

    def first_field(self) -> QWidget:
        return self.table

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        self.steps.load(visit.plan.steps, [])
        self.feeding_plan.setPlainText(visit.plan.feeding_plan)
        self.follow_up.set_value(visit.plan.follow_up)

    def set_plan(self, plan: CarePlan) -> None:
        """Fresh suggestions from the findings on screen; the consultant's choices are kept."""
        current = self.table.currentIndex().row()
        key = self.steps.rows()[current].key if 0 <= current < self.steps.rowCount() else None
        self.steps.set_suggested(plan.suggested_steps)
        if key is not None:
            row = next((i for i, r in enumerate(self.steps.rows()) if r.key == key), None)
            if row is not None:
                self._select(row)

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        if self.steps.edited:
            visit.plan.steps = self.steps.edits()
        visit.plan.feeding_plan = self.feeding_plan.toPlainText().strip()
        visit.plan.follow_up = read(self.follow_up, mode, errors)
        return errors

    def set_final(self, final: bool) -> None:
        self.finalize_button.setEnabled(not final)
        self.finalize_button.setText("Visit is final" if final else "Mark visit fi&nal")

    # -- slots ----------------------------------------------------------------------------------------
    def _select(self, row: int) -> None:
        index = self.steps.index(row, PlanStepModel.COL_STEP)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def on_toggle(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.steps.rowCount():
            self.steps.set_included(row, not self.steps.rows()[row].included)

    def on_move(self, delta: int) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self._select(self.steps.move(row, delta))

    def on_remove_clicked(self) -> None:
        row = self.table.currentIndex().row()
        if self.steps.remove(row) and self.steps.rowCount():
            self._select(min(row, self.steps.rowCount() - 1))

    def on_add_clicked(self) -> None:
        text = self.new_step.text().strip()
        if not text:
            return
        current = self.table.currentIndex().row()
        section = self.new_step_section.currentData()
        row = self.steps.add_custom(text, current if current >= 0 else None, section)
        self.new_step.clear()
        self._select(row)

    def _offer_sections(self) -> None:
        """The sections her own step can go to: the plan's, as they stand (the one chosen stays chosen); a step of
        hers is printed in the section of the step before it, so only the plan's sections are offered."""
        combo = self.new_step_section
        chosen = combo.currentData()
        sections = self.steps.sections() or [str(SECTION_CUSTOM)]
        if [combo.itemData(i) for i in range(combo.count())] == sections:
            return
        combo.blockSignals(True)
        combo.clear()
        for title in sections:
            combo.addItem(title, title)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _follow_current_section(self) -> None:
        """The section offered is the current step's, until she picks another."""
        row = self.table.currentIndex().row()
        if 0 <= row < self.steps.rowCount():
            found = self.new_step_section.findData(self.steps.rows()[row].section)
            if found >= 0:
                self.new_step_section.setCurrentIndex(found)
