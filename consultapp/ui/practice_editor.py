"""Practice details printed on every document's letterhead."""

from __future__ import annotations

import copy
import dataclasses
from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import Practice
from consultapp.domain.units import TemperatureUnit, WeightUnit
from consultapp.domain.vocabulary import PlanVariant
from consultapp.ui.fields import CheckedField, add_row


def _combo(items: list[tuple[StrEnum, str]]) -> QComboBox:
    combo = QComboBox()
    for value, label in items:
        combo.addItem(label, value.value)
    return combo


class PracticeEditor(QWidget):
    saved = Signal(object)
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
        box = QGroupBox("Practice details (printed on care plans)")
        form = QFormLayout(box)
        self.fields: dict[str, CheckedField] = {}
        for key, label in self.FIELDS:
            field = CheckedField(label.replace("&", ""))
            self.fields[key] = field
            add_row(form, label, field)
        self.name = self.fields["name"]
        choices = QGroupBox("Units and care-plan wording")
        cform = QFormLayout(choices)
        self.weight_unit = _combo([(u, {"g": "grams", "kg": "kilograms", "lb_oz": "pounds and ounces"}[u.value])
                                   for u in WeightUnit])
        self.temperature_unit = _combo([(u, f"°{u.value}") for u in TemperatureUnit])
        self.clogged_variant = _combo([(v, v.label) for v in PlanVariant])
        self.mastitis_variant = _combo([(v, v.label) for v in PlanVariant])
        add_row(cform, "&Weights in", self.weight_unit)
        add_row(cform, "&Temperature in", self.temperature_unit)
        add_row(cform, "Clogged &ducts: steps from", self.clogged_variant)
        add_row(cform, "&Mastitis: steps from", self.mastitis_variant)
        save = QPushButton("&Save")
        cancel = QPushButton("Cancel")
        save.clicked.connect(self.on_save_clicked)
        cancel.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Practice</h2>"))
        layout.addWidget(box)
        layout.addWidget(choices)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def load(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)
        for key, field in self.fields.items():
            field.setText(getattr(practice, key))
        st = practice.settings
        for combo, value in (
            (self.weight_unit, st.weight_unit),
            (self.temperature_unit, st.temperature_unit),
            (self.clogged_variant, st.clogged_duct_variant),
            (self.mastitis_variant, st.mastitis_variant),
        ):
            combo.setCurrentIndex(combo.findData(value.value))

    def on_save_clicked(self) -> None:
        practice = copy.deepcopy(self._practice)
        for key, field in self.fields.items():
            setattr(practice, key, field.text().strip())
        practice.settings = dataclasses.replace(
            practice.settings,
            weight_unit=WeightUnit(self.weight_unit.currentData()),
            temperature_unit=TemperatureUnit(self.temperature_unit.currentData()),
            clogged_duct_variant=PlanVariant(self.clogged_variant.currentData()),
            mastitis_variant=PlanVariant(self.mastitis_variant.currentData()),
        )
        self.saved.emit(practice)
