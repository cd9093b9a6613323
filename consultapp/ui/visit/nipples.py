"""The nipples, per side: pain 0-10 at latch and during the feed, the damage seen, and the signs that call for a
doctor (CLINICAL.md section 13). Part of the breasts section."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QWidget

from consultapp.domain.records import NippleExam
from consultapp.domain.vocabulary import NippleSign, Side
from consultapp.ui.fields import FieldError, IntField, add_row, check_box
from consultapp.ui.visit.base import Mode, read


class NippleForm(QGroupBox):
    """One nipple."""

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        name = f"{side.value.capitalize()} nipple"
        super().__init__(name, parent)
        self.side = side
        self.pain_at_latch = IntField(f"{name} pain at latch", 0, 10, "out of 10")
        self.pain_during_feed = IntField(f"{name} pain during the feed", 0, 10, "out of 10")
        self.pain_days = IntField(f"{name} painful for", 0, 3650, "days")
        self.signs = {s: check_box(s.label, f"{name}: {s.label}") for s in NippleSign}
        self.pus = check_box("Pus", f"{name}: pus")
        self.not_healing = check_box("Not healing though the latch is better", f"{name}: not healing")
        form = QFormLayout()
        add_row(form, "Pain at latch (0-10)", self.pain_at_latch, name)
        add_row(form, "Pain during the feed (0-10)", self.pain_during_feed, name)
        add_row(form, "Painful for (days)", self.pain_days, name)
        damage = QGridLayout()
        for i, box in enumerate([*self.signs.values(), self.pus, self.not_healing]):
            damage.addWidget(box, i // 2, i % 2)
        form.addRow(damage)
        self.setLayout(form)

    def load(self, exam: NippleExam | None) -> None:
        exam = exam or NippleExam(self.side)
        self.pain_at_latch.set_value(exam.pain_at_latch)
        self.pain_during_feed.set_value(exam.pain_during_feed)
        self.pain_days.set_value(exam.pain_days)
        for sign, box in self.signs.items():
            box.setChecked(sign in exam.signs)
        self.pus.setChecked(exam.pus)
        self.not_healing.setChecked(exam.not_healing)

    def read(self, mode: Mode, errors: list[FieldError]) -> NippleExam | None:
        exam = NippleExam(
            self.side,
            pain_at_latch=read(self.pain_at_latch, mode, errors),
            pain_during_feed=read(self.pain_during_feed, mode, errors),
            signs=[s for s, box in self.signs.items() if box.isChecked()],
            pain_days=read(self.pain_days, mode, errors),
            pus=self.pus.isChecked(),
            not_healing=self.not_healing.isChecked(),
        )
        return None if exam.is_blank() else exam


class NipplesBox(QGroupBox):
    """Both nipples side by side, left first as the consultant faces the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Nipples: pain and damage", parent)
        self.forms = {side: NippleForm(side) for side in (Side.LEFT, Side.RIGHT)}
        row = QHBoxLayout(self)
        for form in self.forms.values():
            row.addWidget(form)

    def load(self, exams: list[NippleExam]) -> None:
        for side, form in self.forms.items():
            form.load(next((e for e in exams if e.side is side), None))

    def read(self, mode: Mode, errors: list[FieldError]) -> list[NippleExam]:
        exams = [form.read(mode, errors) for form in self.forms.values()]
        return [e for e in exams if e is not None]
