"""Settings in tabs: the practice (letterhead, fax, logo, paper), billing (identifiers, code list), clinical choices."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.records import BillingIdentifiers, Practice
from consultapp.domain.settings import HazelbakerRule, source_of
from consultapp.domain.units import TemperatureUnit, WeightUnit, c_to_f, f_to_c
from consultapp.domain.vocabulary import PlanVariant
from consultapp.ui.dialogs import Dialogs
from consultapp.ui.fields import ERROR_COLOUR, CheckedField, ErrorLabel, add_row, combo_enum, enum_combo, set_combo

if TYPE_CHECKING:
    from consultapp.store.facade import Store as RecordsStore

MAX_LOGO_BYTES = 512 * 1024
PAPERS = (("a4", "A4 (210 × 297 mm)"), ("letter", "US Letter (8.5 × 11 in)"))
IDENTIFIER_FIELDS = (
    ("practice_npi", "Practice &NPI (type 2)"),
    ("tax_id", "&Tax id (EIN)"),
    ("consultant_npi", "&Consultant NPI (type 1)"),
    ("taxonomy", "Ta&xonomy code"),
    ("licence", "&Licence / IBCLC number"),
)


def logo_problem(data: bytes) -> str:
    """Why ``data`` cannot be the letterhead logo ("" when it can): PNG or JPEG, at most 512 KB."""
    if len(data) > MAX_LOGO_BYTES:
        return f"This image is {len(data) // 1024} KB; a logo can be at most 512 KB. Save it smaller and try again."
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        return "A logo must be a PNG or JPEG image."
    if QPixmap().loadFromData(data) is False:
        return "This image could not be read; it may be damaged."
    return ""

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
        ("fax", "&Fax"),
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
        self.records: RecordsStore | None = None
        self.dialogs = Dialogs()
        self.logo: bytes | None = None
        self.logo_preview = QLabel("No logo")
        self.logo_preview.setAccessibleName("Logo preview")
        self.logo_preview.setFixedSize(160, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #c0c0c0; color: #555555;")
        self.logo_button = QPushButton("Choose &logo…")
        self.logo_button.setAccessibleName("Choose logo")
        self.remove_logo_button = QPushButton("Remove logo")
        self.logo_error = ErrorLabel()
        self.logo_button.clicked.connect(self.on_logo_button_clicked)
        self.remove_logo_button.clicked.connect(self.on_remove_logo_button_clicked)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo_box = QVBoxLayout()
        logo_box.addLayout(logo_row)
        logo_box.addWidget(self.logo_error)
        logo_hint = QLabel("PNG or JPEG, at most 512 KB; printed at the top of every document.")
        logo_hint.setWordWrap(True)
        logo_hint.setStyleSheet("color: #555555;")
        logo_box.addWidget(logo_hint)
        logo_label = QLabel("Logo")
        logo_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(logo_label, logo_box)
        self.paper = QComboBox()
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        add_row(form, "Pa&per", self.paper)

        billing = QGroupBox("Identifiers printed on superbills")
        bform = QFormLayout(billing)
        self.identifier_fields: dict[str, CheckedField[str]] = {}
        for key, label in IDENTIFIER_FIELDS:
            ident: CheckedField[str] = CheckedField(label.replace("&", ""))
            self.identifier_fields[key] = ident
            add_row(bform, label, ident)
        codes = QGroupBox("Billing code list")
        code_layout = QVBoxLayout(codes)
        self.code_list_label = QLabel()
        self.code_list_label.setAccessibleName("Code list in use")
        self.code_list_label.setWordWrap(True)
        self.import_codes_button = QPushButton("&Import code list…")
        self.export_codes_button = QPushButton("&Export code list…")
        self.import_codes_button.clicked.connect(self.on_import_codes_button_clicked)
        self.export_codes_button.clicked.connect(self.on_export_codes_button_clicked)
        self.code_list_message = QLabel()
        self.code_list_message.setWordWrap(True)
        self.code_list_error = ErrorLabel()
        code_buttons = QHBoxLayout()
        code_buttons.addWidget(self.import_codes_button)
        code_buttons.addWidget(self.export_codes_button)
        code_buttons.addStretch(1)
        code_hint = QLabel("Export the list in use, change fees or codes and give it a new version name, then "
                           "import it. A list is checked whole before it is kept.")
        code_hint.setWordWrap(True)
        code_hint.setStyleSheet("color: #555555;")
        for widget in (self.code_list_label, code_hint):
            code_layout.addWidget(widget)
        code_layout.addLayout(code_buttons)
        code_layout.addWidget(self.code_list_message)
        code_layout.addWidget(self.code_list_error)

        choices = QGroupBox("Units and handout wording")
        cform = QFormLayout(choices)
        self.weight_unit = QComboBox()
        for unit in WeightUnit:
            self.weight_unit.addItem(WEIGHT_UNIT_LABELS[unit.value], unit.value)
        self.temperature_unit = QComboBox()
        for t_unit in TemperatureUnit:
            self.temperature_unit.addItem(f"°{t_unit.value}", t_unit.value)
        self._fever_unit = TemperatureUnit.C  # the unit the fever threshold is shown in
        self._fever_shown: tuple[float, float] | None = None
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
            spin.setMaximumWidth(180)
            add_row(tform, label, _with_source(spin, name))
            self._say_corrections(spin, label)
        self.hazelbaker_rule = enum_combo(HazelbakerRule, "Hazelbaker decision rule", none=None)
        self.hazelbaker_rule.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.hazelbaker_rule.setMinimumContentsLength(28)
        add_row(tform, "Hazelbaker decision rule", _with_source(self.hazelbaker_rule, "hazelbaker_rule"))
        self.threshold_error = QLabel()
        self.threshold_error.setObjectName("fieldError")
        self.threshold_error.setWordWrap(True)
        self.threshold_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.temperature_unit.currentIndexChanged.connect(self._on_temperature_unit_changed)
        tform.addRow(self.threshold_error)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings")
        self.tabs.addTab(_scrolled(details), "Practice")
        self.tabs.addTab(_scrolled(billing, codes), "Billing")
        self.tabs.addTab(_scrolled(choices, thresholds), "Clinical")

        self.save_button = QPushButton("&Save")
        self.cancel_button = QPushButton("Cancel")
        self.save_button.clicked.connect(self.on_save_clicked)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Settings</h2>"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.name)

    def attach(self, records: RecordsStore, dialogs: Dialogs) -> None:
        """Where the code list is kept, and how to ask for files (the window's)."""
        self.records, self.dialogs = records, dialogs
        self._show_code_list()

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
                    f"{spin.value():g}{suffix}. Check it before saving.")

        spin.editingFinished.connect(finished)

    def load(self, practice: Practice) -> None:
        self._practice = copy.deepcopy(practice)
        self.tabs.setCurrentIndex(0)  # where the window puts the focus (the practice's name)
        for key, field in self.fields.items():
            field.setText(getattr(practice, key))
        st = practice.settings
        self.weight_unit.setCurrentIndex(self.weight_unit.findData(st.weight_unit.value))
        self.temperature_unit.setCurrentIndex(self.temperature_unit.findData(st.temperature_unit.value))
        set_combo(self.clogged_variant, st.clogged_duct_variant)
        set_combo(self.mastitis_variant, st.mastitis_variant)
        for name, spin in self.threshold_spins.items():
            spin.setValue(getattr(st.thresholds, name))
        self._fever_unit = st.temperature_unit
        self._show_fever(st.thresholds.fever_threshold_c)
        set_combo(self.hazelbaker_rule, st.thresholds.hazelbaker_rule)
        self.threshold_error.clear()
        self.paper.setCurrentIndex(max(0, self.paper.findData(st.paper)))
        for key, ident in self.identifier_fields.items():
            ident.setText(getattr(practice.identifiers, key))
        self._set_logo(practice.logo)
        self.logo_error.show_error("")
        self.code_list_message.clear()
        self.code_list_error.show_error("")
        self._show_code_list()

    # -- the fever threshold, kept in °C, shown in the practice's unit ------------------------------
    def _show_fever(self, celsius: float) -> None:
        spin = self.threshold_spins["fever_threshold_c"]
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
        shown = self.threshold_spins["fever_threshold_c"].value()
        if self._fever_shown is not None and abs(shown - self._fever_shown[0]) < 1e-9:
            return self._fever_shown[1]
        return round(f_to_c(shown), 2) if self._fever_unit is TemperatureUnit.F else shown

    def _on_temperature_unit_changed(self) -> None:
        celsius = self._fever_c()
        self._fever_unit = TemperatureUnit(str(self.temperature_unit.currentData()))
        self._show_fever(celsius)

    def read(self) -> Practice:
        """The practice as on screen; raises ValueError (shown on the page) for thresholds that contradict."""
        practice = copy.deepcopy(self._practice)
        for key, field in self.fields.items():
            setattr(practice, key, field.text().strip())
        practice.logo = self.logo
        practice.identifiers = BillingIdentifiers(
            **{key: ident.text().strip() for key, ident in self.identifier_fields.items()})
        values = {name: spin.value() for name, spin in self.threshold_spins.items()}
        values["fever_threshold_c"] = self._fever_c()
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
            paper=str(self.paper.currentData()),
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

    # -- logo ---------------------------------------------------------------------------------------
    def _set_logo(self, data: bytes | None) -> None:
        self.logo = data
        self.remove_logo_button.setEnabled(data is not None)
        if data is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size() - QSize(8, 8),
                                                  Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))

    def on_logo_button_clicked(self) -> None:
        path = self.dialogs.ask_image(self, "Choose the practice logo")
        if path is None:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.logo_error.show_error(f"{Path(path).name} could not be read: {exc.strerror or exc}.")
            return
        problem = logo_problem(data)
        self.logo_error.show_error(problem)
        if not problem:
            self._set_logo(data)

    def on_remove_logo_button_clicked(self) -> None:
        self._set_logo(None)
        self.logo_error.show_error("")

    # -- code list ----------------------------------------------------------------------------------
    def _show_code_list(self) -> None:
        enabled = self.records is not None
        self.import_codes_button.setEnabled(enabled)
        self.export_codes_button.setEnabled(enabled)
        if self.records is None:
            self.code_list_label.setText("")
            return
        from consultapp.services import current_code_list

        codes = current_code_list(self.records)
        self.code_list_label.setText(f"In use: <b>{codes.version}</b> ({len(codes.diagnoses)} diagnoses, "
                                     f"{len(codes.procedures)} services)")

    def on_import_codes_button_clicked(self) -> None:
        if self.records is None:
            return
        path = self.dialogs.ask_open_file(self, "Import a code list", "Code lists (*.toml)")
        if path is None:
            return
        import tomllib

        from consultapp.domain.billing import code_list_from_mapping, code_list_to_mapping

        self.code_list_message.clear()
        try:
            with Path(path).open("rb") as f:
                codes = code_list_from_mapping(tomllib.load(f))  # checked whole before it is kept
        except OSError as exc:
            self.code_list_error.show_error(f"{Path(path).name} could not be read: {exc.strerror or exc}.")
            return
        except (tomllib.TOMLDecodeError, ValueError) as exc:
            self.code_list_error.show_error(f"{Path(path).name} is not a valid code list, so nothing was "
                                            f"changed: {exc}")
            return
        self.records.save_practice_code_list(code_list_to_mapping(codes))
        self.code_list_error.show_error("")
        self.code_list_message.setText(f"Code list {codes.version} kept: {len(codes.diagnoses)} diagnoses, "
                                       f"{len(codes.procedures)} services.")
        self._show_code_list()

    def on_export_codes_button_clicked(self) -> None:
        if self.records is None:
            return
        from consultapp.cli_documents import code_list_toml
        from consultapp.domain.billing import code_list_to_mapping
        from consultapp.services import current_code_list

        codes = current_code_list(self.records)
        target = self.dialogs.ask_save_file(self, "Export the code list", Path.home() / f"codes-{codes.version}.toml",
                                            "Code lists (*.toml)")
        if target is None:
            return
        try:
            Path(target).write_text(code_list_toml(code_list_to_mapping(codes)), encoding="utf-8")
        except OSError as exc:
            self.code_list_error.show_error(f"Could not write {Path(target).name}: {exc.strerror or exc}.")
            return
        self.code_list_error.show_error("")
        self.code_list_message.setText(f"Code list {codes.version} written to {Path(target).name}.")


def _with_source(field: QWidget, name: str) -> QWidget:
    """A threshold's field with its source written under it (one row: no gap between them)."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(_source_label(name))
    cell.setFocusProxy(field)
    return cell


def _scrolled(*groups: QWidget) -> QScrollArea:
    """One tab: its groups one under the other, scrolling when the window is small."""
    content = QWidget()
    column = QVBoxLayout(content)
    for group in groups:
        column.addWidget(group)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(content)
    return scroll
