"""Section 6: the parent's temperature, symptoms and the risk factors only she can tell."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from consultapp.domain.records import ParentState, Visit
from consultapp.domain.units import TemperatureUnit
from consultapp.ui.fields import FieldError, TemperatureField, add_row, check_box
from consultapp.ui.visit.base import Mode, Section, VisitContext, read, watch

SYMPTOMS = (
    ("chills", "Chills"),
    ("flu_like", "Flu-like illness, feeling sick"),
    ("spreading_redness", "Redness spreading fast"),
    ("fast_heart_rate", "Fast heart rate"),
    ("confusion", "Confusion"),
    ("fluctuant_or_persisting_lump", "A lump that feels fluid-filled or is not going away"),
    ("worse_after_antibiotics", "Worse after 24-48 h of antibiotics"),
    ("lump_after_episode", "A lump still there after the episode resolved"),
)
RISKS = (
    ("unrested", "Unrested, exhausted"),
    ("sudden_stop", "Stopped breastfeeding suddenly (for a time or for good)"),
    ("long_gaps", "Long gaps between feeds"),
    ("pressure_on_breast", "Pressure on the breast (tight bra, sling or bag strap)"),
    ("pumping", "Pumping"),
)


class ParentSection(Section):
    title = "Parent"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.temperature = TemperatureField("Temperature")
        self.checks: dict[str, QCheckBox] = {}
        form = QFormLayout()
        self.temperature_label: QLabel = add_row(form, "&Temperature (°C)", self.temperature)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for title, items in (("Symptoms and warning signs", SYMPTOMS), ("Risk factors", RISKS)):
            box = QGroupBox(title)
            grid = QGridLayout(box)
            for i, (name, label) in enumerate(items):
                self.checks[name] = check = check_box(label)
                grid.addWidget(check, i // 2, i % 2)
            layout.addWidget(box)
        layout.addStretch(1)
        watch(self, self.changed.emit)

    def first_field(self) -> QWidget:
        return self.temperature

    def set_unit(self, unit: TemperatureUnit) -> None:
        self.temperature.unit = unit
        self.temperature.edit.setPlaceholderText(f"°{unit.value}")
        self.temperature_label.setText(f"&Temperature (°{unit.value})")

    def load(self, ctx: VisitContext, visit: Visit) -> None:
        self.set_unit(ctx.settings.temperature_unit)
        state = visit.parent
        self.temperature.set_value(state.temperature_c)
        for name, box in self.checks.items():
            box.setChecked(getattr(state, name))

    def write(self, visit: Visit, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        state: ParentState = visit.parent
        state.temperature_c = read(self.temperature, mode, errors)
        for name, box in self.checks.items():
            setattr(state, name, box.isChecked())
        return errors
