"""Settings > Clinical: units, the one wording of plans and handouts (the two side by side), and the clinical
thresholds, each with its source."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.settings import HazelbakerRule, source_of
from consultapp.domain.units import GRAMS_PER_OUNCE, TemperatureUnit, WeightUnit, c_to_f, f_to_c, figures_in
from consultapp.ui.fields import ERROR_COLOUR, add_row, combo_enum, enum_combo, set_combo
from consultapp.ui.settings.tab import SettingsTab, register_tab
from consultapp.ui.settings.wording import WordingChoice
from consultapp.ui.sources import published

if TYPE_CHECKING:
    from consultapp.domain.records import Practice

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
    ("min_feeds_applies_until_day", "Feeds-per-24-hours minimum applies until day", 0, 366, 0, ""),
    ("late_preterm_below_days", "Late-preterm: born before (days of pregnancy)", 238, 280, 0, " days"),
    ("late_preterm_loss_pct_per_day", "Late-preterm: loss a day needs a check above", 0.1, 30, 1, " %"),
    ("late_preterm_loss_pct_by_day_3", "Late-preterm: loss by day 3 needs a check above", 0.1, 30, 1, " %"),
    ("jaundice_early_onset_hours", "Jaundice is same-day before", 1, 72, 0, " hours of life"),
    ("prolonged_jaundice_breastfed_days", "Still jaundiced (breastfed): blood test from day", 7, 42, 0, ""),
    ("prolonged_jaundice_formula_days", "Still jaundiced (formula-fed): blood test from day", 7, 42, 0, ""),
    ("nipple_pain_persistent_days", "Nipple pain: refer when longer than", 1, 90, 0, " days"),
)
WEIGHT_THRESHOLDS: dict[str, str] = {"min_gain_g_per_day": "/day", "test_weight_max_resolution_g": ""}
"""Thresholds kept in grams (a gain a day, a scale's resolution), shown and typed in ounces in a lb-oz practice."""
OZ_DECIMALS = 2
"""Ounces shown to 0.01 (0.28 g); a value typed in ounces is kept in grams to 0.01, as °F is kept in °C."""
WORDING_NOTE = (
    "One wording for every care plan and handout the practice prints (never the two mixed). Handouts that say "
    "otherwise are swapped for ones that agree when printed for a family."
)


def _wide_combo(combo: QComboBox) -> QComboBox:
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(28)
    return combo


def _with_source(field: QWidget, name: str) -> QWidget:
    """A threshold's field with its source written under it (one row: no gap between them)."""
    source = QLabel(published(source_of(name)))
    source.setObjectName(f"source:{name}")
    source.setWordWrap(True)
    source.setStyleSheet("color: #555555; font-size: 9pt;")
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(source)
    cell.setFocusProxy(field)
    return cell


def _threshold_spin(name: str, low: float, high: float, decimals: int, suffix: str) -> QSpinBox | QDoubleSpinBox:
    spin: QSpinBox | QDoubleSpinBox
    if decimals or name in WEIGHT_THRESHOLDS:
        spin = QDoubleSpinBox()
        spin.setDecimals(decimals)
        spin.setSingleStep(0.5 if decimals == 1 else 1)
    else:
        spin = QSpinBox()
    spin.setRange(low, high)  # type: ignore[arg-type]
    spin.setSuffix(suffix)
    spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    spin.setToolTip(published(source_of(name)))
    spin.setMaximumWidth(180)
    return spin


@register_tab
class ClinicalTab(SettingsTab):
    """Units and wording; thresholds that must agree with each other before the practice is saved."""

    NAME = "clinical"
    TITLE = "Clinical"
    SORT_ORDER = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fever_unit = TemperatureUnit.C  # the unit the fever threshold is shown in
        self._fever_shown: tuple[float, float] | None = None
        self._weight_unit = WeightUnit.G  # the unit the gain and resolution thresholds are shown in
        self._weights_shown: dict[str, tuple[float, float]] = {}  # name: (value shown, its exact grams)
        self.add_groups(self._build_choices(), self._build_wording(), self._build_thresholds())
        self.temperature_unit.currentIndexChanged.connect(self._on_temperature_unit_changed)
        self.weight_unit.currentIndexChanged.connect(self._on_weight_unit_changed)
        self.setFocusProxy(self.weight_unit)

    def _build_choices(self) -> QGroupBox:
        choices = QGroupBox("Units")
        cform = QFormLayout(choices)
        self.weight_unit = QComboBox()
        for unit in WeightUnit:
            self.weight_unit.addItem(WEIGHT_UNIT_LABELS[unit.value], unit.value)
        self.temperature_unit = QComboBox()
        for t_unit in TemperatureUnit:
            self.temperature_unit.addItem(f"°{t_unit.value}", t_unit.value)
        add_row(cform, "&Weights in", self.weight_unit)
        add_row(cform, "&Temperature in", self.temperature_unit)
        return choices

    def _build_wording(self) -> QGroupBox:
        """The one wording of clogged-duct and mastitis advice, the two side by side (CLINICAL.md 6, 15)."""
        group = QGroupBox("Wording of care plans and handouts (clogged ducts and mastitis)")
        column = QVBoxLayout(group)
        note = QLabel(WORDING_NOTE)
        note.setWordWrap(True)
        self.wording = WordingChoice()
        column.addWidget(note)
        column.addWidget(self.wording)
        return group

    def _build_thresholds(self) -> QGroupBox:
        thresholds = QGroupBox("Clinical thresholds (defaults from the sources shown)")
        tform = QFormLayout(thresholds)
        self.threshold_error = QLabel()
        self.threshold_error.setObjectName("fieldError")
        self.threshold_error.setWordWrap(True)
        self.threshold_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.threshold_spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for name, label, low, high, decimals, suffix in THRESHOLD_FIELDS:
            spin = _threshold_spin(name, low, high, decimals, suffix)
            self.threshold_spins[name] = spin
            add_row(tform, label, _with_source(spin, name))
            self._say_corrections(spin, label)
        self.hazelbaker_rule = _wide_combo(enum_combo(HazelbakerRule, "Hazelbaker decision rule", none=None))
        add_row(tform, "Hazelbaker decision rule", _with_source(self.hazelbaker_rule, "hazelbaker_rule"))
        tform.addRow(self.threshold_error)
        return thresholds

    def _say_corrections(self, spin: QSpinBox | QDoubleSpinBox, label: str) -> None:
        """A number typed outside the range is put back inside it by the box: say so, never silently."""
        typed = [""]
        spin.lineEdit().textEdited.connect(lambda text: typed.__setitem__(0, text))

        def finished() -> None:
            low, high, suffix = spin.minimum(), spin.maximum(), spin.suffix()
            text, typed[0] = typed[0].removesuffix(suffix).strip(), ""
            if not text:
                return
            try:
                number: float | None = float(text.replace(",", "."))
            except ValueError:
                number = None
            if number is None or abs(number - spin.value()) > 1e-9:
                self.threshold_error.setText(
                    f"{label}: {text} is not between {low:g} and {high:g}{suffix}; it is now "
                    f"{spin.value():g}{suffix}. Check it before saving."
                )

        spin.editingFinished.connect(finished)

    def load(self, practice: Practice) -> None:
        st = practice.settings
        self.weight_unit.setCurrentIndex(self.weight_unit.findData(st.weight_unit.value))
        self.temperature_unit.setCurrentIndex(self.temperature_unit.findData(st.temperature_unit.value))
        self.wording.set_value(st.wording)
        for name, spin in self.threshold_spins.items():
            spin.setValue(getattr(st.thresholds, name))
        self._fever_unit = st.temperature_unit
        self._show_fever(st.thresholds.fever_threshold_c)
        self._weight_unit = st.weight_unit
        self._show_weights({name: getattr(st.thresholds, name) for name in WEIGHT_THRESHOLDS})
        self._show_sources()
        set_combo(self.hazelbaker_rule, st.thresholds.hazelbaker_rule)
        self.threshold_error.clear()

    def save(self, practice: Practice) -> None:
        values = {name: spin.value() for name, spin in self.threshold_spins.items()}
        values["fever_threshold_c"] = self._fever_c()
        values.update(self._weights_g())
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
        settings = practice.settings
        if self.wording.value() is not settings.wording:  # (older settings' two wordings stay until changed)
            settings = settings.with_wording(self.wording.value())
        practice.settings = dataclasses.replace(
            settings,
            thresholds=thresholds,
            weight_unit=WeightUnit(str(self.weight_unit.currentData())),
            temperature_unit=TemperatureUnit(str(self.temperature_unit.currentData())),
        )

    # -- the fever threshold, kept in °C, shown in the practice's unit ------------------------------
    def _fever_spin(self) -> QDoubleSpinBox:
        spin = self.threshold_spins["fever_threshold_c"]
        assert isinstance(spin, QDoubleSpinBox)  # one decimal (THRESHOLD_FIELDS)
        return spin

    def _show_fever(self, celsius: float) -> None:
        spin = self._fever_spin()
        if self._fever_unit is TemperatureUnit.F:
            spin.setRange(round(c_to_f(35), 1), round(c_to_f(42), 1))
            spin.setSuffix(" °F")
            spin.setValue(round(c_to_f(celsius), 1))
        else:
            spin.setRange(35, 42)
            spin.setSuffix(" °C")
            spin.setValue(round(celsius, 1))
        self._fever_shown = (spin.value(), celsius)  # until changed, the exact °C it shows (no drift)

    def _fever_c(self) -> float:
        shown = self._fever_spin().value()
        if self._fever_shown is not None and abs(shown - self._fever_shown[0]) < 1e-9:
            return self._fever_shown[1]
        return round(f_to_c(shown), 2) if self._fever_unit is TemperatureUnit.F else shown

    def _on_temperature_unit_changed(self) -> None:
        celsius = self._fever_c()
        self._fever_unit = TemperatureUnit(str(self.temperature_unit.currentData()))
        self._show_fever(celsius)
        self._show_sources()

    # -- the gain and resolution thresholds, kept in grams, shown in the practice's unit ------------
    def _show_weights(self, grams: dict[str, float]) -> None:
        ounces = self._weight_unit is WeightUnit.LB_OZ
        size = GRAMS_PER_OUNCE if ounces else 1.0
        for name, low, high, decimals, suffix in _weight_rows():
            spin = self.threshold_spins[name]
            assert isinstance(spin, QDoubleSpinBox)  # (_threshold_spin)
            # (grams typed once in ounces keep their two decimals when shown in grams)
            shown_decimals = OZ_DECIMALS if ounces or round(grams[name], decimals) != grams[name] else decimals
            spin.setDecimals(shown_decimals)
            spin.setSingleStep(10**-shown_decimals if ounces else (0.5 if decimals else 1))
            spin.setRange(round(low / size, shown_decimals), round(high / size, shown_decimals))
            spin.setSuffix(f" oz{WEIGHT_THRESHOLDS[name]}" if ounces else suffix)
            spin.setValue(round(grams[name] / size, shown_decimals))
            self._weights_shown[name] = (spin.value(), grams[name])  # until changed, the exact grams shown

    def _weights_g(self) -> dict[str, float]:
        out = {}
        for name in WEIGHT_THRESHOLDS:
            shown = self.threshold_spins[name].value()
            kept = self._weights_shown.get(name)
            if kept is not None and abs(shown - kept[0]) < 1e-9:
                out[name] = kept[1]
            elif self._weight_unit is WeightUnit.LB_OZ:
                out[name] = round(shown * GRAMS_PER_OUNCE, 2)
            else:
                out[name] = shown
        return out

    def _on_weight_unit_changed(self) -> None:
        grams = self._weights_g()
        self._weight_unit = WeightUnit(str(self.weight_unit.currentData()))
        self._show_weights(grams)
        self._show_sources()

    def _show_sources(self) -> None:
        """Each threshold's source quotes its figures in the units shown (20 g/day reads 0.71 oz/day)."""
        for name, spin in self.threshold_spins.items():
            text = published(figures_in(source_of(name), self._weight_unit, self._fever_unit))
            spin.setToolTip(text)
            label = self.findChild(QLabel, f"source:{name}")
            if label is not None:
                label.setText(text)


def _weight_rows() -> list[tuple[str, float, float, int, str]]:
    return [
        (name, low, high, decimals, suffix)
        for name, _label, low, high, decimals, suffix in THRESHOLD_FIELDS
        if name in WEIGHT_THRESHOLDS
    ]
