"""Settings: practice details for letterheads, units, clinical thresholds with their sources, wording per topic."""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import Practice
from consultapp.domain.settings import HazelbakerRule, source_of
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.domain.vocabulary import PlanVariant
from consultapp.ui.fields import ERROR_COLOUR, CheckedField, add_row, combo_enum, enum_combo, set_combo

WEIGHT_UNIT_LABELS = {"g": "grams", "kg": "kilograms", "lb_oz": "pounds and ounces"}

# (field, label, minimum, maximum, decimals, suffix)
THRESHOLD_FIELDS: tuple[tuple[str, str, float, float, int, str], ...] = (
    ("weight_loss_amber_pct", "Weight loss, amber flag at", 1, 30, 1, " %"),
    ("weight_loss_red_pct", "Weight loss, red flag at", 1, 30, 1, " %"),
    ("not_regained_amber_day", "Birth weight not regained, amber from day", 0, 60, 0, ""),
    ("not_regained_red_day", "Birth weight not regained, red from day", 0, 60, 0, ""),
    ("min_gain_g_per_day", "Least gain after regaining", 0, 100, 0, " g/day"),
    ("min_gain_until_day", "Least gain applies until day", 0, 730, 0, ""),
    ("test_weight_max_resolution_g", "Test weights need a scale of at least", 0.1, 50, 1, " g"),
    ("min_feeds_per_24h", "Feeds per 24 hours, at least", 0, 24, 0, ""),
    ("fever_threshold_c", "Fever (with chills or flu-like) at", 35, 42, 1, " °C"),
    ("btat_impaired_at_most", "BTAT impaired at or below", 0, 8, 0, ""),
    ("latch_further_evaluation_below", "LATCH further evaluation below", 0, 10, 0, ""),
)


def _source_label(name: str) -> QLabel:
    label = QLabel(source_of(name))
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555; font-size: 9pt;")
    return label


class SettingsPage(QWidget):
    saved = Signal(object)  # Practice
    cancelled = Signal()

    FIELDS = (
        ("name", "Practice &name"),
        ("consultant_name", "&Consultant"),
        ("credentials", "C&redentials (e.g. IBCLC)"),
        ("address", "&Address"),
        ("phone", "&Phone"),
        ("email", "&Email"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = Practice()
        details = QGroupBox("Practice details (printed on letterheads)")
        form = QFormLayout(details)
        self.fields: dict[str, CheckedField[str]] = {}
        for key, label in self.FIELDS:
            field: CheckedField[str] = CheckedField(label.replace("&", ""))
            self.fields[key] = field
            add_row(form, label, field)
        self.name = self.fields["name"]
        self.logo_button = QPushButton("Choose logo…")
        self.logo_button.setEnabled(False)
        self.logo_button.setAccessibleName("Logo")
        logo_note = QLabel("Coming soon: the logo needs a place in the database first.")
        logo_note.setWordWrap(True)
        logo_note.setStyleSheet("color: #555555;")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(logo_note, 1)
        form.addRow("Logo", logo_row)

        choices = QGroupBox("Units and handout wording")
        cform = QFormLayout(choices)
        self.weight_unit = QComboBox()
        for unit in WeightUnit:
            self.weight_unit.addItem(WEIGHT_UNIT_LABELS[unit.value], unit.value)
        self.temperature_unit = QComboBox()
        for t_unit in TemperatureUnit:
            self.temperature_unit.addItem(f"°{t_unit.value}", t_unit.value)
        self.clogged_variant = enum_combo(PlanVariant, "Clogged ducts: steps from", none=None)
        self.mastitis_variant = enum_combo(PlanVariant, "Mastitis: steps from", none=None)
        for combo in (self.clogged_variant, self.mastitis_variant):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(28)
        add_row(cform, "&Weights in", self.weight_unit)
        add_row(cform, "&Temperature in", self.temperature_unit)
        add_row(cform, "Clogged &ducts: steps from", self.clogged_variant)
        add_row(cform, "&Mastitis: steps from", self.mastitis_variant)
        cform.addRow(QLabel("Source document: the practice's own text. ABM #36 (2022) differs on heat, massage and "
                            "antibiotics (CLINICAL.md section 6)."))
        cform.itemAt(cform.rowCount() - 1, QFormLayout.ItemRole.SpanningRole).widget().setWordWrap(True)

        thresholds = QGroupBox("Clinical thresholds (defaults from the sources shown)")
        tform = QFormLayout(thresholds)
        self.threshold_spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for name, label, low, high, decimals, suffix in THRESHOLD_FIELDS:
            spin: QSpinBox | QDoubleSpinBox
            if decimals:
                spin = QDoubleSpinBox()
                spin.setDecimals(decimals)
                spin.setSingleStep(0.5 if decimals == 1 else 1)
            else:
                spin = QSpinBox()
            spin.setRange(low, high)  # type: ignore[arg-type]
            spin.setSuffix(suffix)
            spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            spin.setToolTip(source_of(name))
            self.threshold_spins[name] = spin
            add_row(tform, label, spin)
            tform.addRow("", _source_label(name))
        self.hazelbaker_rule = enum_combo(HazelbakerRule, "Hazelbaker decision rule", none=None)
        self.hazelbaker_rule.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.hazelbaker_rule.setMinimumContentsLength(28)
        add_row(tform, "Hazelbaker decision rule", self.hazelbaker_rule)
        tform.addRow("", _source_label("hazelbaker_rule"))
        self.threshold_error = QLabel()
        self.threshold_error.setObjectName("fieldError")
        self.threshold_error.setWordWrap(True)
        self.threshold_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        tform.addRow(self.threshold_error)

        left = QVBoxLayout()
        left.addWidget(details)
        left.addWidget(choices)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addWidget(thresholds, 4)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(QLabel("<h2>Settings</h2>"))
        inner.addLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.save_button = QPushButton("&Save")
        self.cancel_button = QPushButton("Cancel")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.name)

    def load(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)
        for key, field in self.fields.items():
            field.setText(getattr(practice, key))
        st = practice.settings
        self.weight_unit.setCurrentIndex(self.weight_unit.findData(st.weight_unit.value))
        self.temperature_unit.setCurrentIndex(self.temperature_unit.findData(st.temperature_unit.value))
        set_combo(self.clogged_variant, st.clogged_duct_variant)
        set_combo(self.mastitis_variant, st.mastitis_variant)
        for name, spin in self.threshold_spins.items():
            spin.setValue(getattr(st.thresholds, name))
        set_combo(self.hazelbaker_rule, st.thresholds.hazelbaker_rule)
        self.threshold_error.clear()

    def read(self) -> Practice:
        """The practice as on screen; raises ValueError (shown on the page) for thresholds that contradict."""
        practice = copy.deepcopy(self._practice)
        for key, field in self.fields.items():
            setattr(practice, key, field.text().strip())
        values = {name: spin.value() for name, spin in self.threshold_spins.items()}
        try:
            thresholds = dataclasses.replace(
                practice.settings.thresholds,
                **values,  # type: ignore[arg-type]
                hazelbaker_rule=combo_enum(self.hazelbaker_rule, HazelbakerRule) or HazelbakerRule.HAZELBAKER,
            )
        except ValueError as exc:
            self.threshold_error.setText(f"Check the thresholds: {exc}.")
            raise
        self.threshold_error.clear()
        practice.settings = dataclasses.replace(
            practice.settings,
            thresholds=thresholds,
            weight_unit=WeightUnit(str(self.weight_unit.currentData())),
            temperature_unit=TemperatureUnit(str(self.temperature_unit.currentData())),
            clogged_duct_variant=combo_enum(self.clogged_variant, PlanVariant) or PlanVariant.SOURCE_DOCUMENT,
            mastitis_variant=combo_enum(self.mastitis_variant, PlanVariant) or PlanVariant.SOURCE_DOCUMENT,
        )
        return practice

    def is_dirty(self) -> bool:
        try:
            return self.read() != self._practice
        except ValueError:
            return True

    def mark_saved(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)

    def on_save_clicked(self) -> None:
        try:
            practice = self.read()
        except ValueError:
            return
        self.saved.emit(practice)


