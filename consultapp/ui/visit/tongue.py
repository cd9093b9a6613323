"""Section 4, per baby: tongue function (BTAT or TABBY), Kotlow length, Coryllos type, Hazelbaker, referral."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from consultapp.domain.instruments import BTAT_ITEMS, BtatScore, btat_interpretation
from consultapp.domain.records import Baby, BabyAssessment
from consultapp.domain.tongue import (
    HAZELBAKER_APPEARANCE_MAX,
    HAZELBAKER_FUNCTION_MAX,
    CoryllosType,
    hazelbaker_decision,
    kotlow_class,
)
from consultapp.domain.vocabulary import TongueTool
from consultapp.ui.fields import (
    DateField,
    FieldError,
    FloatField,
    IntField,
    TextField,
    add_row,
    check_box,
    combo_enum,
    enum_combo,
    set_combo,
)
from consultapp.ui.scoring import InstrumentBox
from consultapp.ui.visit.base import BabyForm, Mode, PerBabySection, VisitContext, read


class TongueForm(BabyForm):
    def __init__(self, baby: Baby, ctx: VisitContext, parent: QWidget | None = None) -> None:
        super().__init__(baby, ctx, parent)
        self.tool: QComboBox = enum_combo(TongueTool, "Tool", none=None)
        self.btat = InstrumentBox("Tongue function (BTAT / TABBY)", BTAT_ITEMS, BtatScore.MAX, btat_interpretation)
        function_box = QWidget()
        fl = QFormLayout(function_box)
        fl.setContentsMargins(0, 0, 0, 0)
        add_row(fl, "&Tool", self.tool)

        self.kotlow = FloatField("Free tongue length", 0, 40, "mm")
        self.kotlow_info = QLabel()
        self.coryllos = QComboBox()
        self.coryllos.addItem("Not recorded", None)
        for kind in CoryllosType:
            self.coryllos.addItem(kind.description, kind.value)
        anatomy = QGroupBox("Anatomy")
        af = QFormLayout(anatomy)
        add_row(af, "&Kotlow free tongue (mm)", self.kotlow)
        af.addRow("", self.kotlow_info)
        add_row(af, "&Coryllos type", self.coryllos)

        self.haz_appearance = IntField("Hazelbaker appearance", 0, HAZELBAKER_APPEARANCE_MAX)
        self.haz_function = IntField("Hazelbaker function", 0, HAZELBAKER_FUNCTION_MAX)
        self.haz_unclassified = check_box("Fits no category (unclassified)")
        self.haz_info = QLabel()
        self.haz_info.setWordWrap(True)
        haz = QGroupBox("Hazelbaker ATLFF subtotals (optional)")
        hf = QFormLayout(haz)
        add_row(hf, f"Appearance (0-{HAZELBAKER_APPEARANCE_MAX})", self.haz_appearance)
        add_row(hf, f"Function (0-{HAZELBAKER_FUNCTION_MAX})", self.haz_function)
        hf.addRow(self.haz_unclassified)
        hf.addRow(self.haz_info)

        self.lip_tie = TextField("Upper-lip tie")
        self.referral = TextField("Referral")
        self.referral.edit.setPlaceholderText("e.g. paediatric dentist, ENT")
        self.referral_date = DateField("Referral date", allow_future=True)
        ref = QGroupBox("Lip tie and referral")
        rf = QFormLayout(ref)
        add_row(rf, "&Upper-lip tie", self.lip_tie)
        add_row(rf, "R&eferral to", self.referral)
        add_row(rf, "Referral date", self.referral_date)

        left = QVBoxLayout()
        left.addWidget(function_box)
        left.addWidget(self.btat)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(anatomy)
        right.addWidget(haz)
        right.addWidget(ref)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        for edit in (self.kotlow.edit, self.haz_appearance.edit, self.haz_function.edit):
            edit.textChanged.connect(self.update_info)
        self.haz_unclassified.toggled.connect(self.update_info)

    def first_field(self) -> QWidget:
        return self.tool

    def load(self, a: BabyAssessment) -> None:
        t = a.tongue
        set_combo(self.tool, t.tool)
        self.btat.set_scores(vars(t.btat))
        self.kotlow.set_value(t.kotlow_mm)
        set_combo(self.coryllos, t.coryllos)
        self.haz_appearance.set_value(t.hazelbaker_appearance)
        self.haz_function.set_value(t.hazelbaker_function)
        self.haz_unclassified.setChecked(t.hazelbaker_unclassified)
        self.lip_tie.setText(t.lip_tie)
        self.referral.setText(t.referral)
        self.referral_date.set_value(t.referral_date)
        self.update_info()

    def write(self, a: BabyAssessment, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        t = a.tongue
        t.tool = combo_enum(self.tool, TongueTool) or TongueTool.BTAT
        t.btat = BtatScore(**self.btat.scores())
        t.kotlow_mm = read(self.kotlow, mode, errors)
        t.coryllos = combo_enum(self.coryllos, CoryllosType)
        t.hazelbaker_appearance = read(self.haz_appearance, mode, errors)
        t.hazelbaker_function = read(self.haz_function, mode, errors)
        t.hazelbaker_unclassified = self.haz_unclassified.isChecked()
        t.lip_tie = self.lip_tie.value()
        t.referral = self.referral.value()
        t.referral_date = read(self.referral_date, mode, errors)
        return errors

    def update_info(self) -> None:
        mm = self.kotlow.lenient()
        self.kotlow_info.setText(kotlow_class(mm).label if mm is not None else "")
        appearance, function = self.haz_appearance.lenient(), self.haz_function.lenient()
        unclassified = self.haz_unclassified.isChecked()
        if not unclassified and (appearance is None or function is None):
            self.haz_info.setText("")
            return
        try:
            result = hazelbaker_decision(appearance, function, self.ctx.settings.thresholds.hazelbaker_rule,
                                         unclassified=unclassified)
        except ValueError as exc:
            self.haz_info.setText(str(exc))
            return
        self.haz_info.setText(result.summary)


class TongueSection(PerBabySection):
    title = "Tongue"
    form_class = TongueForm
