"""The visit page: reason, then per baby weight, positions, LATCH and BTAT; breast findings."""

from __future__ import annotations

import copy
import datetime as dt
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consultapp.domain.instruments import (
    BTAT_ITEMS,
    LATCH_ITEMS,
    BtatScore,
    LatchScore,
    btat_interpretation,
    latch_interpretation,
)
from consultapp.domain.records import (
    BabyAssessment,
    BreastFinding,
    Client,
    FeedingObservation,
    ParentState,
    PracticeSettings,
    Visit,
)
from consultapp.domain.settings import DEFAULT_THRESHOLDS
from consultapp.domain.units import TemperatureUnit, format_weight
from consultapp.domain.vocabulary import BreastConcern, Location, Position, Side, Sign
from consultapp.domain.weights import weight_loss_pct
from consultapp.ui.fields import (
    DateField,
    FieldError,
    IntField,
    TemperatureField,
    WeightField,
    add_row,
    format_date,
)
from consultapp.ui.scoring import InstrumentBox


class BabyAssessmentForm(QWidget):
    """Weight, positions, LATCH and BTAT for one baby."""

    changed = Signal()

    def __init__(self, baby_id: uuid.UUID, birth_weight_g: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.baby_id = baby_id
        self.assessment_id: uuid.UUID | None = None
        self.birth_weight_g = birth_weight_g
        self._base = BabyAssessment(baby_id)
        self.thresholds = DEFAULT_THRESHOLDS
        self.weight = WeightField("Weight today")
        self.weight_info = QLabel()
        self.weight.edit.textChanged.connect(self._update_weight_info)

        weights = QGroupBox("Weight")
        wform = QFormLayout(weights)
        add_row(wform, "Weight today", self.weight)
        wform.addRow(self.weight_info)

        positions = QGroupBox("Feeding positions used")
        grid = QGridLayout(positions)
        self.position_boxes: dict[Position, QCheckBox] = {}
        for i, pos in enumerate(Position):
            box = QCheckBox(pos.label)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.position_boxes[pos] = box
            grid.addWidget(box, i // 2, i % 2)

        self.feeds_per_24h = IntField("Feeds in 24 hours", 0, 30)
        self.wet_diapers = IntField("Wet diapers in 24 hours", 0, 30)
        self.dirty_diapers = IntField("Dirty diapers in 24 hours", 0, 30)
        self.weak_suckle = QCheckBox("Weak suckle")
        add_row(wform, "Feeds / 24 h", self.feeds_per_24h)
        add_row(wform, "Wet diapers / 24 h", self.wet_diapers)
        add_row(wform, "Dirty diapers / 24 h", self.dirty_diapers)
        wform.addRow(self.weak_suckle)

        self.latch = InstrumentBox("LATCH score", LATCH_ITEMS, LatchScore.MAX, latch_interpretation)
        self.btat = InstrumentBox("Tongue: BTAT", BTAT_ITEMS, 8, btat_interpretation)
        self.latch.changed.connect(self.changed.emit)
        self.btat.changed.connect(self.changed.emit)
        self.weight.edit.textChanged.connect(lambda _t: self.changed.emit())

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(weights, 1)
        top.addWidget(positions, 2)
        layout.addLayout(top)
        layout.addWidget(self.latch)
        layout.addWidget(self.btat)
        self._update_weight_info()

    def _update_weight_info(self) -> None:
        if not self.birth_weight_g:
            self.weight_info.setText("No birth weight on file.")
            return
        birth = format_weight(self.birth_weight_g, self.weight.unit)
        try:
            grams = self.weight._grams()
        except FieldError:
            grams = None
        if grams is None:
            self.weight_info.setText(f"Birth weight {birth}.")
            return
        loss = weight_loss_pct(self.birth_weight_g, grams)
        word = "below" if loss > 0 else "above"
        flag = ""
        if loss >= self.thresholds.weight_loss_red_pct:
            flag = f" – <b>{self.thresholds.weight_loss_red_pct:g}% or more: physician evaluation</b>"
        elif loss >= self.thresholds.weight_loss_amber_pct:
            flag = f" – <b>{self.thresholds.weight_loss_amber_pct:g}% or more: evaluate feeding</b>"
        self.weight_info.setText(f"{abs(loss):.1f}% {word} birth weight ({birth}){flag}")

    def set_settings(self, settings: PracticeSettings) -> None:
        self.thresholds = settings.thresholds
        self.weight.set_unit(settings.weight_unit)
        self._update_weight_info()

    def load(self, assessment: BabyAssessment | None) -> None:
        # Everything this form does not show (other feeds, test weights, tongue anatomy...) is kept.
        self._base = copy.deepcopy(assessment) if assessment else BabyAssessment(self.baby_id)
        first = self._base.feeds[0] if self._base.feeds else FeedingObservation()
        self.assessment_id = self._base.id
        self.weight.set_value(self._base.weight_g)
        self.feeds_per_24h.set_value(self._base.feeds_per_24h)
        self.wet_diapers.set_value(self._base.wet_diapers)
        self.dirty_diapers.set_value(self._base.dirty_diapers)
        self.weak_suckle.setChecked(self._base.weak_suckle)
        chosen = set(first.positions_tried)
        for pos, box in self.position_boxes.items():
            box.setChecked(pos in chosen)
        self.latch.set_scores(vars(first.latch))
        self.btat.set_scores(vars(self._base.tongue.btat))

    def read(self) -> BabyAssessment:
        """The assessment as typed; raises FieldError (shown beside the field) on bad input."""
        values: dict[str, int | None] = {}
        errors: list[FieldError] = []
        for name in ("weight", "feeds_per_24h", "wet_diapers", "dirty_diapers"):
            try:
                values[name] = getattr(self, name).value()
            except FieldError as exc:
                errors.append(exc)
        if errors:
            raise errors[0]
        result = copy.deepcopy(self._base)
        result.id = self.assessment_id
        result.weight_g = values["weight"]
        result.feeds_per_24h = values["feeds_per_24h"]
        result.wet_diapers = values["wet_diapers"]
        result.dirty_diapers = values["dirty_diapers"]
        result.weak_suckle = self.weak_suckle.isChecked()
        if not result.feeds:
            result.feeds.append(FeedingObservation())
        first = result.feeds[0]
        first.positions_tried = [pos for pos, box in self.position_boxes.items() if box.isChecked()]
        first.positions_worked = [p for p in first.positions_worked if p in first.positions_tried]
        first.latch = LatchScore(**self.latch.scores())
        result.tongue.btat = BtatScore(**self.btat.scores())
        result.feeds = [f for f in result.feeds if not f.is_blank()]
        return result

    def is_blank(self) -> bool:
        return self.read() == BabyAssessment(self.baby_id, id=self.assessment_id)


class BreastForm(QGroupBox):
    """Whether a clogged duct or mastitis signs were found, the side, and the signs."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Breasts: clogged duct / mastitis", parent)
        self.concern = QComboBox()
        self.concern.addItem("None found", None)
        for concern in BreastConcern:
            self.concern.addItem(concern.label, concern)
        self.side = QComboBox()
        for side in Side:
            self.side.addItem(side.label, side)
        self.sign_boxes: dict[Sign, QCheckBox] = {}
        signs = QWidget()
        grid = QGridLayout(signs)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, sign in enumerate(Sign):
            box = QCheckBox(sign.label)
            box.toggled.connect(lambda _on: self.changed.emit())
            box.toggled.connect(lambda _on: self.error.clear())
            self.sign_boxes[sign] = box
            grid.addWidget(box, i // 3, i % 3)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout(self)
        add_row(form, "Finding", self.concern)
        add_row(form, "Side", self.side)
        form.addRow(QLabel("Signs"), signs)
        form.addRow(self.error)
        self.concern.currentIndexChanged.connect(self._update_enabled)
        self.concern.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.side.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.side.setEnabled(self.concern.currentData() is not None)
        self.error.clear()

    def load(self, finding: BreastFinding | None) -> None:
        self.error.clear()
        self.concern.setCurrentIndex(0 if finding is None else self.concern.findData(finding.concern))
        self.side.setCurrentIndex(0 if finding is None else self.side.findData(finding.side))
        chosen = set(finding.signs) if finding else set()
        for sign, box in self.sign_boxes.items():
            box.setChecked(sign in chosen)

    def read(self) -> BreastFinding | None:
        concern = self.concern.currentData()
        signs = [s for s, box in self.sign_boxes.items() if box.isChecked()]
        if concern is None:
            if signs:
                self.error.setText("Signs are ticked: choose the finding (clogged duct or mastitis), or untick them.")
                raise FieldError("breast finding")
            return None
        return BreastFinding(concern=BreastConcern(concern), side=Side(self.side.currentData()), signs=signs)


class ParentForm(QGroupBox):
    """The parent's temperature and the source document's risk factors that only she can tell."""

    CHECKS = (
        ("chills", "Chills"),
        ("flu_like", "Flu-like illness, feeling sick"),
        ("unrested", "Unrested, exhausted"),
        ("sudden_stop", "Stopped breastfeeding suddenly (for a time or for good)"),
        ("long_gaps", "Long gaps between feeds"),
        ("pressure_on_breast", "Pressure on the breast (tight bra, sling or bag strap)"),
        ("pumping", "Pumping"),
        ("spreading_redness", "Redness spreading fast"),
        ("fast_heart_rate", "Fast heart rate"),
        ("confusion", "Confusion"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Parent", parent)
        self._base = ParentState()
        self.temperature = TemperatureField("Temperature")
        self.checks: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (name, label) in enumerate(self.CHECKS):
            box = QCheckBox(label)
            self.checks[name] = box
            grid.addWidget(box, i // 2, i % 2)
        form = QFormLayout(self)
        add_row(form, "Temperature (°C)", self.temperature)
        self.temperature_label = form.labelForField(self.temperature)
        form.addRow(grid)

    def set_unit(self, unit: TemperatureUnit) -> None:
        self.temperature.unit = unit
        self.temperature.edit.setPlaceholderText(f"°{unit.value}")
        self.temperature_label.setText(f"Temperature (°{unit.value})")

    def load(self, state: ParentState) -> None:
        self._base = copy.deepcopy(state)
        self.temperature.set_value(state.temperature_c)
        for name, box in self.checks.items():
            box.setChecked(getattr(state, name))

    def read(self) -> ParentState:
        result = copy.deepcopy(self._base)
        result.temperature_c = self.temperature.value()
        for name, box in self.checks.items():
            setattr(result, name, box.isChecked())
        return result


class VisitEditor(QWidget):
    """Create or edit a visit. Emits ``save_requested(visit)``; the window saves and calls ``mark_saved``."""

    save_requested = Signal(object)
    careplan_requested = Signal(object)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client: Client | None = None
        self.settings = PracticeSettings()
        self._visit: Visit | None = None
        self._saved_snapshot: Visit | None = None

        self.title = QLabel()
        self.visit_date = DateField("Visit date", required=True, allow_future=True)
        self.location = QComboBox()
        for loc in Location:
            self.location.addItem(loc.label, loc)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(60)
        self.reason.setAccessibleName("Reason for visit")
        head = QGroupBox("Visit")
        hform = QFormLayout(head)
        add_row(hform, "&Date", self.visit_date)
        add_row(hform, "&Place", self.location)
        add_row(hform, "&Reason", self.reason)

        self.parent_box = ParentForm()
        self.baby_tabs = QTabWidget()
        self.baby_forms: list[BabyAssessmentForm] = []
        self.breast = BreastForm()

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.title)
        inner.addWidget(head)
        inner.addWidget(self.baby_tabs)
        inner.addWidget(self.breast)
        inner.addWidget(self.parent_box)
        inner.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.back_button = QPushButton("← &Back to client")
        self.save_button = QPushButton("&Save visit")
        self.careplan_button = QPushButton("Care &plan PDF…")
        self.careplan_button.setToolTip("Save the visit and produce its care plan as a PDF")
        self.back_button.clicked.connect(self.back_requested.emit)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.careplan_button.clicked.connect(self.on_careplan_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.careplan_button)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.visit_date)

    # -- loading ----------------------------------------------------------------------------------
    def load(self, client: Client, visit: Visit | None) -> None:
        """Show ``visit`` of ``client`` (or a new visit dated today)."""
        self.client = client
        self._visit = copy.deepcopy(visit)
        self.title.setText(
            f"<h2>{'Visit' if visit and visit.id else 'New visit'}: {_html(client.full_name)}</h2>"
        )
        self.visit_date.set_value(visit.visit_date if visit else dt.date.today())
        self.location.setCurrentIndex(self.location.findData(visit.location if visit else Location.HOME))
        self.reason.setPlainText(visit.reason if visit else "")
        self.baby_tabs.clear()
        self.baby_forms = []
        for baby in client.babies:
            assert baby.id is not None
            form = BabyAssessmentForm(baby.id, baby.birth_weight_g)
            form.set_settings(self.settings)
            form.load(visit.assessment_for(baby.id) if visit else None)
            self.baby_forms.append(form)
            born = f" (born {format_date(baby.date_of_birth)})" if baby.date_of_birth else ""
            self.baby_tabs.addTab(form, f"{baby.name or 'Baby'}{born}")
        self.baby_tabs.setVisible(bool(self.baby_forms))
        self.breast.load(visit.breast_finding if visit else None)
        self.parent_box.set_unit(self.settings.temperature_unit)
        self.parent_box.load(visit.parent if visit else ParentState())
        self.status.clear()
        self._saved_snapshot = self._try_read()

    # -- reading ----------------------------------------------------------------------------------
    def read(self) -> Visit:
        """The visit as typed; raises FieldError after showing each problem beside its field."""
        assert self.client is not None and self.client.id is not None
        errors: list[FieldError] = []
        visit_date = None
        try:
            visit_date = self.visit_date.value()
        except FieldError as exc:
            errors.append(exc)
        assessments = []
        for index, form in enumerate(self.baby_forms):
            try:
                assessment = form.read()
            except FieldError as exc:
                errors.append(exc)
                self.baby_tabs.setCurrentIndex(index)
                continue
            if assessment != BabyAssessment(form.baby_id) or form.assessment_id is not None:
                assessments.append(assessment)
        finding = None
        try:
            finding = self.breast.read()
        except FieldError as exc:
            errors.append(exc)
        parent = ParentState()
        try:
            parent = self.parent_box.read()
        except FieldError as exc:
            errors.append(exc)
        if errors or visit_date is None:
            first = next((w for w in (self.visit_date, *self.baby_forms, self.breast) if _has_error(w)), None)
            if first is not None:
                self.scroll.ensureWidgetVisible(first)
            raise FieldError("Some fields need attention; see the messages beside them.")
        # Start from the visit as loaded, so parts this page does not show (breast map, plan edits) stay.
        result = copy.deepcopy(self._visit) if self._visit else Visit(self.client.id, visit_date)
        result.visit_date = visit_date
        result.location = Location(self.location.currentData())
        result.reason = self.reason.toPlainText().strip()
        result.assessments = assessments
        result.breast_finding = finding
        result.parent = parent
        return result

    def _try_read(self) -> Visit | None:
        try:
            return self.read()
        except FieldError:
            return None

    def is_dirty(self) -> bool:
        """True when what is on screen differs from what was last loaded or saved."""
        if self.client is None:
            return False
        current = self._try_read()
        if current is None:
            return True
        return _comparable(current) != _comparable(self._saved_snapshot)

    def mark_saved(self, visit: Visit) -> None:
        self._visit = copy.deepcopy(visit)
        self._saved_snapshot = copy.deepcopy(visit)
        self.title.setText(f"<h2>Visit: {_html(self.client.full_name if self.client else '')}</h2>")
        for form in self.baby_forms:
            stored = visit.assessment_for(form.baby_id)
            form.assessment_id = stored.id if stored else None
        self.status.setText(f"Saved {dt.datetime.now():%H:%M}.")

    def show_error(self, message: str) -> None:
        self.status.setText(f"<span style='color:#b00020'>{_html(message)}</span>")

    # -- slots ------------------------------------------------------------------------------------
    def on_save_clicked(self) -> None:
        try:
            visit = self.read()
        except FieldError as exc:
            self.show_error(str(exc))
            return
        self.save_requested.emit(visit)

    def on_careplan_clicked(self) -> None:
        try:
            visit = self.read()
        except FieldError as exc:
            self.show_error(str(exc))
            return
        self.careplan_requested.emit(visit)


def _has_error(widget: QWidget) -> bool:
    return any(label.isVisibleTo(widget) and label.text() for label in widget.findChildren(QLabel, "fieldError")) or (
        isinstance(widget, BreastForm) and bool(widget.error.text())
    )


def _comparable(visit: Visit | None) -> object:
    if visit is None:
        return None
    clone = copy.deepcopy(visit)
    clone.version = 0
    for a in clone.assessments:
        a.id = None
    return clone


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
