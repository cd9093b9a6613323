"""Section 2, per baby: weight today with live % change, velocity, a weighed feed, output and baby signs."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from consultapp.domain.growth import Weighing, day_of_life, test_weight_intake, velocity_g_per_day
from consultapp.domain.output import StoolColour, output_norm
from consultapp.domain.records import Baby, BabyAssessment, TestWeight
from consultapp.domain.units import format_fine_weight, format_gain, format_weight
from consultapp.domain.weights import weight_loss_pct
from consultapp.ui.fields import (
    ERROR_COLOUR,
    FieldError,
    FineWeightField,
    IntField,
    WeightField,
    add_row,
    check_box,
    combo_enum,
    enum_combo,
    format_date,
    set_combo,
)
from consultapp.ui.visit.base import BabyForm, Mode, PerBabySection, VisitContext, read

AMBER_COLOUR = "#8a5300"


def _info_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class WeightsForm(BabyForm):
    def __init__(self, baby: Baby, ctx: VisitContext, parent: QWidget | None = None) -> None:
        super().__init__(baby, ctx, parent)
        unit = ctx.settings.weight_unit
        self.weight = WeightField("Weight today", unit)
        self.weight_info = _info_label()
        self.velocity_info = _info_label()
        weight_box = QGroupBox("Weight")
        wf = QFormLayout(weight_box)
        add_row(wf, "&Weight today", self.weight)
        wf.addRow(self.weight_info)
        wf.addRow(self.velocity_info)

        self.pre = WeightField("Before the feed", unit)
        self.post = WeightField("After the feed", unit)
        self.resolution = FineWeightField("Scale resolution", 0.1, 100, unit)
        self.resolution.edit.setPlaceholderText(format_fine_weight(2.0, unit))
        self.clothing_unchanged = check_box("Same clothes and diaper")
        self.intake_info = _info_label()
        tw_box = QGroupBox("Test weight (weighed feed)")
        tf = QFormLayout(tw_box)
        add_row(tf, "Bef&ore the feed", self.pre)
        add_row(tf, "&After the feed", self.post)
        add_row(tf, "Scale resolution", self.resolution)
        tf.addRow(self.clothing_unchanged)
        tf.addRow(self.intake_info)

        self.feeds_per_24h = IntField("Feeds in 24 hours", 0, 30, usual=(0, 18))  # Kent 2006: 6-18 a day
        self.wet_diapers = IntField("Wet diapers in 24 hours", 0, 30)
        self.dirty_diapers = IntField("Dirty diapers in 24 hours", 0, 30)
        self.stool_colour = enum_combo(StoolColour, "Stool colour")
        self.urates = check_box("Urates (orange or brick-red crystals)")
        self.dark_urine = check_box("Dark urine")
        self.output_info = _info_label()
        out_box = QGroupBox("Feeds and output, last 24 hours")
        of = QFormLayout(out_box)
        add_row(of, "Fee&ds / 24 h", self.feeds_per_24h)
        add_row(of, "We&t diapers / 24 h", self.wet_diapers)
        add_row(of, "D&irty diapers / 24 h", self.dirty_diapers)
        add_row(of, "Stool colour", self.stool_colour)
        of.addRow(self.urates)
        of.addRow(self.dark_urine)
        of.addRow(self.output_info)

        self.weak_suckle = check_box("Weak suckle")
        self.jaundice = check_box("Jaundice (yellow skin or eyes)")
        self.lethargy = check_box("Very sleepy, hard to wake")
        self.poor_feeding = check_box("Not feeding well")
        self.jaundice_onset = IntField("Jaundice first seen at, hours of life", 0, 8760)
        self.formula_fed = check_box("Fed formula only (no breast milk)")
        signs_box = QGroupBox("Baby")
        sl = QVBoxLayout(signs_box)
        for box in (self.weak_suckle, self.jaundice):
            sl.addWidget(box)
        onset = QFormLayout()
        add_row(onset, "Yellow first seen at (hours of life)", self.jaundice_onset)
        sl.addLayout(onset)
        for box in (self.formula_fed, self.lethargy, self.poor_feeding):
            sl.addWidget(box)
        sl.addStretch(1)

        grid = QGridLayout(self)
        grid.addWidget(weight_box, 0, 0)
        grid.addWidget(tw_box, 0, 1)
        grid.addWidget(out_box, 1, 0)
        grid.addWidget(signs_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        for edit in (self.weight.edit, self.pre.edit, self.post.edit, self.resolution.edit,
                     self.wet_diapers.edit, self.dirty_diapers.edit):
            edit.textChanged.connect(self.update_info)
        self.clothing_unchanged.toggled.connect(self.update_info)
        self.urates.toggled.connect(self.update_info)

    def first_field(self) -> QWidget:
        return self.weight

    def load(self, a: BabyAssessment) -> None:
        self.weight.set_value(a.weight_g)
        tw = a.test_weight
        self.pre.set_value(tw.pre_g if tw else None)
        self.post.set_value(tw.post_g if tw else None)
        self.resolution.set_value(tw.scale_resolution_g if tw else None)
        self.clothing_unchanged.setChecked(tw.clothing_unchanged if tw else True)
        self.feeds_per_24h.set_value(a.feeds_per_24h)
        self.wet_diapers.set_value(a.wet_diapers)
        self.dirty_diapers.set_value(a.dirty_diapers)
        set_combo(self.stool_colour, a.stool_colour)
        self.urates.setChecked(a.urates)
        self.dark_urine.setChecked(a.dark_urine)
        self.jaundice_onset.set_value(a.jaundice_onset_hours)
        self.formula_fed.setChecked(a.formula_fed)
        self.weak_suckle.setChecked(a.weak_suckle)
        self.jaundice.setChecked(a.jaundice)
        self.lethargy.setChecked(a.lethargy)
        self.poor_feeding.setChecked(a.poor_feeding)
        self.update_info()

    def write(self, a: BabyAssessment, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        a.weight_g = read(self.weight, mode, errors)
        pre, post = read(self.pre, mode, errors), read(self.post, mode, errors)
        resolution = read(self.resolution, mode, errors)
        if pre is not None and post is not None:
            a.test_weight = TestWeight(pre, post, resolution if resolution is not None else 2.0,
                                       self.clothing_unchanged.isChecked())
        elif pre is None and post is None:
            a.test_weight = None
        elif mode is not Mode.LENIENT:
            missing = self.post if post is None else self.pre
            error = FieldError(f"{missing.label}: a test weight needs both weights.")
            if mode is Mode.STRICT:
                missing.show_problem(str(error))
            errors.append(error)
        a.feeds_per_24h = read(self.feeds_per_24h, mode, errors)
        a.wet_diapers = read(self.wet_diapers, mode, errors)
        a.dirty_diapers = read(self.dirty_diapers, mode, errors)
        a.stool_colour = combo_enum(self.stool_colour, StoolColour)
        a.urates = self.urates.isChecked()
        a.dark_urine = self.dark_urine.isChecked()
        a.jaundice_onset_hours = read(self.jaundice_onset, mode, errors)
        a.formula_fed = self.formula_fed.isChecked()
        a.weak_suckle = self.weak_suckle.isChecked()
        a.jaundice = self.jaundice.isChecked()
        a.lethargy = self.lethargy.isChecked()
        a.poor_feeding = self.poor_feeding.isChecked()
        return errors

    # -- live calculations --------------------------------------------------------------------------
    def update_info(self) -> None:
        t = self.ctx.settings.thresholds
        unit = self.ctx.settings.weight_unit
        grams = self.weight.lenient()
        birth = self.baby.birth_weight_g
        if not birth:
            self.weight_info.setText("No birth weight on file (edit the client to add it).")
        elif grams is None:
            self.weight_info.setText(f"Birth weight {format_weight(birth, unit)}.")
        else:
            loss = weight_loss_pct(birth, grams, unit)
            word = "below" if loss > 0 else "above"
            flag = ""
            if loss >= t.weight_loss_red_pct:
                flag = (f" <b style='color:{ERROR_COLOUR}'>RED: {t.weight_loss_red_pct:g}% or more, "
                        "physician evaluation</b>")
            elif loss >= t.weight_loss_amber_pct:
                flag = (f" <b style='color:{AMBER_COLOUR}'>AMBER: {t.weight_loss_amber_pct:g}% or more, "
                        "evaluate feeding</b>")
            self.weight_info.setText(f"{abs(loss):.1f}% {word} birth weight ({format_weight(birth, unit)}).{flag}")
        self.velocity_info.setText(self._velocity_text(grams))
        self.intake_info.setText(self._intake_text())
        self.output_info.setText(self._output_text())

    def _velocity_text(self, grams: int | None) -> str:
        day = self.ctx.visit_date
        earlier = [(d, g) for d, g in self.ctx.earlier.get(self.baby_id, ()) if d < day]
        if not earlier:
            return ""
        when, before = earlier[-1]
        unit = self.ctx.settings.weight_unit
        if grams is None:
            return f"Last weighed {format_date(when)}: {format_weight(before, unit)}."
        per_day = velocity_g_per_day(Weighing(when, before), Weighing(day, grams))
        change = grams - before
        sign = "+" if change >= 0 else "−"
        return (f"Since {format_date(when)} ({format_weight(before, unit)}): {sign}{format_weight(abs(change), unit)}, "
                f"{format_gain(per_day, unit)}.")

    def _intake_text(self) -> str:
        pre, post = self.pre.lenient(), self.post.lenient()
        if pre is None or post is None:
            return "Type both weights to see the intake."
        resolution = self.resolution.lenient() or 2.0
        try:
            result = test_weight_intake(
                pre, post, resolution, self.clothing_unchanged.isChecked(),
                max_resolution_g=self.ctx.settings.thresholds.test_weight_max_resolution_g,
                unit=self.ctx.settings.weight_unit,
            )
        except ValueError as exc:
            return str(exc)
        head = (f"<b>Intake about {result.intake_ml:.0f} mL</b>" if result.intake_ml is not None
                else "<b>No intake can be read</b>")
        cautions = "".join(f"<br><span style='color:{AMBER_COLOUR}'>⚠ {c.text}</span>" for c in result.warnings)
        return head + cautions

    def _output_text(self) -> str:
        born = self.baby.date_of_birth
        if born is None or self.ctx.visit_date < born:
            return ""
        dol = day_of_life(born, self.ctx.visit_date)
        try:
            norm = output_norm(dol)
        except ValueError:
            return ""
        stools = f", {norm.min_stools} stools" if norm.min_stools is not None else ""
        return f"Day {dol} of life: expect at least {norm.min_wet} wet{stools}."


class WeightsSection(PerBabySection):
    title = "Weights and output"
    form_class = WeightsForm
