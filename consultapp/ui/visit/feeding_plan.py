"""Section 8, per baby: the feeding plan (supplement, amount, method, expressing, re-weigh) beside the engine's
suggestion with the reason for each part. Until she edits a field the plan follows the suggestion as the findings
change; "Use suggestion" brings it back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.careplan import CarePlan
from consultapp.domain.careplan.feeding import FeedingSuggestion
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    ExpressMethod,
    FeedingPlan,
    Supplement,
    SupplementMethod,
)
from consultapp.ui.fields import (
    DateField,
    ErrorLabel,
    FieldError,
    add_row,
    as_shown,
    combo_enum,
    enum_combo,
    html_escape,
    set_combo,
)
from consultapp.ui.visit.base import BabyForm, Mode, PerBabySection, VisitContext, read

NOT_SET = "–"
NO_SUGGESTION = (
    "Nothing recorded today calls for a supplement. A plan is suggested for a weight loss at the red threshold, "
    "low output for the day of life, poor transfer at a weighed feed, birth weight not back by day 10-14, slow "
    "gain, a weak suck or a latch of 0."
)


def _spin(name: str, maximum: int, suffix: str = "") -> QSpinBox:
    """A count or amount; its lowest value (0) shows "–", not set."""
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSpecialValueText(NOT_SET)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    spin.setMaximumWidth(110)
    return spin


def _value(spin: QSpinBox) -> int | None:
    return spin.value() or None


def _set(spin: QSpinBox, value: int | None) -> None:
    spin.setValue(value or 0)


def suggestion_html(suggestion: FeedingSuggestion | None) -> str:
    """Each part of the suggestion, what and why, for the consultant (sources in the tooltip)."""
    if suggestion is None:
        return html_escape(NO_SUGGESTION)
    rows = [
        f"<b>{html_escape(p.part.label)}:</b> {html_escape(p.text)}<br><i>{html_escape(p.reason)}</i>"
        for p in suggestion.parts
    ]
    return "<br>".join(rows)


class FeedingPlanForm(BabyForm):
    """One baby's plan. ``own`` is True once she has edited it (or it was recorded); until then it follows
    the suggestion."""

    def __init__(self, baby: Baby, ctx: VisitContext, parent: QWidget | None = None) -> None:
        super().__init__(baby, ctx, parent)
        self.suggestion: FeedingSuggestion | None = None
        self.own = False
        self._filling = False
        self.supplement = enum_combo(Supplement, "Supplement", none=None)
        self.amount_from = _spin("Amount per feed, from", 250, " mL")
        self.amount_to = _spin("Amount per feed, to", 250, " mL")
        self.amount_error = ErrorLabel()
        amount = QWidget()
        amount_row = QHBoxLayout(amount)
        amount_row.setContentsMargins(0, 0, 0, 0)
        amount_row.addWidget(self.amount_from)
        amount_row.addWidget(QLabel("to"))
        amount_row.addWidget(self.amount_to)
        amount_row.addStretch(1)
        amount.setFocusProxy(self.amount_from)
        self.feeds = _spin("Supplemented feeds in 24 hours", 24)
        self.feeds_error = ErrorLabel()
        self.method = enum_combo(SupplementMethod, "Method", none="Not chosen")
        self.method_note = QLabel()
        self.method_note.setWordWrap(True)
        self.expressing = enum_combo(ExpressMethod, "Expressing", none="Not chosen")
        self.expressions = _spin("Expressions in 24 hours", 24)
        self.minutes = _spin("Minutes each time", 120, " min")
        self.express_error = ErrorLabel()
        self.reweigh_hours = _spin("Re-weigh within", 24 * 31, " h")
        self.reweigh_on = DateField("Re-weigh on", allow_future=True)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(52)

        box = QGroupBox(as_shown(f"Feeding plan for {baby.name.strip() or 'this baby'}"))
        form = QFormLayout(box)
        add_row(form, "Supp&lement", self.supplement)
        add_row(form, "A&mount per feed", amount)
        form.addRow(self.amount_error)
        add_row(form, "Feeds / 24 h", self.feeds)
        form.addRow(self.feeds_error)
        add_row(form, "Meth&od", self.method)
        form.addRow(self.method_note)
        add_row(form, "E&xpressing", self.expressing)
        add_row(form, "Times / 24 h", self.expressions)
        add_row(form, "Minutes each time", self.minutes)
        form.addRow(self.express_error)
        add_row(form, "Re-&weigh within", self.reweigh_hours)
        add_row(form, "or on", self.reweigh_on)
        add_row(form, "Notes", self.notes)

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.suggested = QLabel()
        self.suggested.setWordWrap(True)
        self.suggested.setTextFormat(Qt.TextFormat.RichText)
        self.suggested.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_button = QPushButton("&Use suggestion")
        self.use_button.setToolTip("Replace the plan on the left by the suggestion, and follow it as findings change")
        side = QGroupBox("Suggested from today's findings")
        sl = QVBoxLayout(side)
        sl.addWidget(self.suggested)
        sl.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignLeft)
        sl.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(box)
        left.addWidget(self.state)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(side, 2)

        self.use_button.clicked.connect(self.use_suggestion)
        for combo in (self.supplement, self.method, self.expressing):
            combo.currentIndexChanged.connect(lambda _i: self._edited())
        for spin in (self.amount_from, self.amount_to, self.feeds, self.expressions, self.minutes, self.reweigh_hours):
            spin.valueChanged.connect(lambda _v: self._edited())
        self.reweigh_on.edit.textEdited.connect(lambda _t: self._edited())
        self.notes.textChanged.connect(self._edited)
        self.method.currentIndexChanged.connect(lambda _i: self._show_method_note())
        self._show_suggestion()

    def first_field(self) -> QWidget:
        return self.supplement

    # -- the plan on screen ---------------------------------------------------------------------------------
    def fill(self, plan: FeedingPlan | None) -> None:
        """Show ``plan`` (None: blank) without counting it as her edit."""
        plan = plan or FeedingPlan()
        self._filling = True
        try:
            set_combo(self.supplement, plan.supplement)
            _set(self.amount_from, plan.amount_min_ml)
            _set(self.amount_to, plan.amount_max_ml)
            _set(self.feeds, plan.feeds_per_24h)
            set_combo(self.method, plan.method)
            set_combo(self.expressing, plan.expressing)
            _set(self.expressions, plan.expressions_per_24h)
            _set(self.minutes, plan.express_minutes)
            _set(self.reweigh_hours, plan.reweigh_within_hours)
            self.reweigh_on.set_value(plan.reweigh_on)
            if self.notes.toPlainText() != plan.notes:
                self.notes.setPlainText(plan.notes)
        finally:
            self._filling = False
        self._show_method_note()
        self._show_state()

    def shown(self, mode: Mode = Mode.LENIENT, errors: list[FieldError] | None = None) -> FeedingPlan:
        """The plan as on screen; raises ValueError when it cannot be a plan (the amount's ends reversed)."""
        found: list[FieldError] = [] if errors is None else errors
        return FeedingPlan(
            supplement=combo_enum(self.supplement, Supplement) or Supplement.NONE,
            amount_min_ml=_value(self.amount_from),
            amount_max_ml=_value(self.amount_to),
            feeds_per_24h=_value(self.feeds),
            method=combo_enum(self.method, SupplementMethod),
            expressing=combo_enum(self.expressing, ExpressMethod),
            expressions_per_24h=_value(self.expressions),
            express_minutes=_value(self.minutes),
            reweigh_on=read(self.reweigh_on, mode, found),
            reweigh_within_hours=_value(self.reweigh_hours),
            notes=self.notes.toPlainText().strip(),
        )

    # -- following the suggestion ---------------------------------------------------------------------------
    def set_suggestion(self, suggestion: FeedingSuggestion | None) -> None:
        self.suggestion = suggestion
        self._show_suggestion()
        if not self.own:
            target = suggestion.plan if suggestion else None
            try:
                same = self.shown() == (target or FeedingPlan())
            except ValueError:
                same = False
            if not same:
                self.fill(target)
        self._show_state()

    def use_suggestion(self) -> None:
        self.own = False
        self.fill(self.suggestion.plan if self.suggestion else None)
        self.supplement.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self) -> None:
        if self._filling:
            return
        self.own = True
        for label in (self.amount_error, self.feeds_error, self.express_error):
            label.show_error("")
        self._show_state()

    def _show_suggestion(self) -> None:
        self.suggested.setText(suggestion_html(self.suggestion))
        if self.suggestion is not None:
            self.suggested.setToolTip("\n".join(f"{p.part.label}: {p.source}" for p in self.suggestion.parts))
        else:
            self.suggested.setToolTip("")
        self.use_button.setEnabled(self.own)

    def _show_state(self) -> None:
        if not self.own:
            text = "Following the suggestion: it changes with the findings until you edit the plan."
        else:
            try:
                mine = self.shown()
            except ValueError:
                mine = None
            same = mine is not None and mine == (self.suggestion.plan if self.suggestion else FeedingPlan())
            text = (
                "Your plan is the same as the suggestion." if same else "Your own plan (the suggestion is beside it)."
            )
        self.state.setText(text)
        self.use_button.setEnabled(self.own)

    def _show_method_note(self) -> None:
        method = combo_enum(self.method, SupplementMethod)
        self.method_note.setText(method.caveat[0].upper() + method.caveat[1:] + "." if method else "")
        self.method_note.setVisible(method is not None)

    # -- loading and writing --------------------------------------------------------------------------------
    def load(self, assessment: BabyAssessment) -> None:
        self.own = assessment.feeding_plan is not None
        self.fill(assessment.feeding_plan)

    def write(self, assessment: BabyAssessment, mode: Mode) -> list[FieldError]:
        errors: list[FieldError] = []
        if not self.own and self.suggestion is None:
            assessment.feeding_plan = None  # nothing calls for a plan and she made none
            return errors
        try:
            plan = self.shown(mode, errors)
        except ValueError as exc:
            message = str(exc)
            if mode is Mode.STRICT:
                self.amount_error.show_error(message[0].upper() + message[1:] + ".")
            return [FieldError(message)]
        if mode is not Mode.LENIENT:
            labels = {"amount": self.amount_error, "feeds": self.feeds_error, "expressing": self.express_error}
            for field, message in plan.problems():
                if mode is Mode.STRICT:
                    labels[field].show_error(message)
                errors.append(FieldError(message))
        assessment.feeding_plan = plan
        return errors


class FeedingPlanSection(PerBabySection):
    title = "Feeding plan"
    form_class = FeedingPlanForm

    def set_care_plan(self, plan: CarePlan) -> None:
        """The engine's suggestion for each baby, from what is on screen."""
        suggestions = {p.baby_id: p.suggestion for p in plan.baby_feeding_plans}
        for form in self.plan_forms():
            form.set_suggestion(suggestions.get(form.baby_id))

    def plan_forms(self) -> Sequence[FeedingPlanForm]:
        return [f for f in self.forms if isinstance(f, FeedingPlanForm)]
